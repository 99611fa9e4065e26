"""Passenger manifests (乘车人员名单): one A4 PDF per bus and trip, for the driver and station staff."""

from __future__ import annotations

from data.privacy import mask_phone
from data.records import format_hhmm
from data.writers import safe_filename
from dispatch.outputs.pdf.bundle import RenderedPdfs, render
from dispatch.outputs.pdf.document import Column, PrintDocument
from dispatch.outputs.pdf.font import EmbeddedFont
from dispatch.plan import BusRun, DayPlan
from dispatch.presentation import (
    Lang,
    Rider,
    aboard,
    gender_label,
    place_name,
    rest_notes,
    riders,
    sorted_runs,
    team_label,
    translator,
)


def render_manifest_pdfs(plan: DayPlan, lang: Lang = "zh") -> RenderedPdfs:
    """One manifest per bus run, named `manifest_<date>_<trip>_<vehicle>.pdf`, morning runs first."""
    by_id = riders(plan)

    def build(font: EmbeddedFont) -> list[PrintDocument]:
        documents: list[PrintDocument] = []
        names: set[str] = set()
        for run in sorted_runs(plan):
            name = _file_name(plan, run, names)
            names.add(name)
            documents.append(_manifest(plan, run, by_id, name, lang, font))
        return documents

    return render(plan, lang, build)


def _file_name(plan: DayPlan, run: BusRun, taken: set[str]) -> str:
    base = f"manifest_{plan.date.isoformat()}_{run.trip}_{safe_filename(run.vehicle_id)}"
    name, serial = f"{base}.pdf", 2
    while name in taken:
        name, serial = f"{base}_{serial}.pdf", serial + 1
    return name


def _manifest(plan: DayPlan, run: BusRun, by_id: dict[str, Rider], file_name: str, lang: Lang,
              font: EmbeddedFont) -> PrintDocument:
    t = translator(lang)
    trip = t(run.trip)
    title = f"{t('manifest_title')} · {plan.date.isoformat()} · {trip} · {run.plate}"
    doc = PrintDocument(file_name, title, lang, plan.date, font)
    doc.new_page()
    doc.title(t("manifest_title"))
    vehicle = plan.scenario.vehicles_by_id.get(run.vehicle_id)
    doc.facts(
        [
            (t("date"), plan.date.isoformat()),
            (t("trip"), trip),
            (t("plate"), run.plate),
            (t("vehicle"), run.vehicle_id),
            (t("driver"), run.driver),
            (t("driver_phone"), mask_phone(vehicle.driver_phone) if vehicle and vehicle.driver_phone else ""),
            (t("seats"), run.seats),
            (t("departure"), format_hhmm(run.departure)),
        ]
    )
    doc.subtitle(t("stops"))
    doc.table(
        [
            Column(t("seq"), 12, "C"),
            Column(t("stop_kind"), 18, "C"),
            Column(t("place"), 90),
            Column(t("arrival"), 20, "C"),
            Column(t("leave"), 20, "C"),
            Column(t("boarding"), 18, "C"),
            Column(t("alighting"), 18, "C"),
            Column(t("aboard"), 22, "C"),
        ],
        [
            (
                i,
                t(stop.kind),
                place_name(plan, run, stop, lang),
                format_hhmm(stop.arrival),
                format_hhmm(stop.departure),
                len(stop.board) or "",
                len(stop.alight) or "",
                stop.load,
            )
            for i, stop in enumerate(run.stops, start=1)
        ],
    )
    for note in rest_notes(plan, run, lang):
        doc.note(note, size=11)
    doc.subtitle(t("passengers"))
    doc.table(_passenger_columns(lang),
              [_passenger_row(plan, i, a, by_id, lang) for i, a in enumerate(run.passengers, 1)])
    doc.note(t("total", count=len(run.passengers), seats=run.seats), size=11)
    doc.signature_lines([t("sign_driver"), t("sign_staff"), t("sign_date")])
    return doc


def _passenger_columns(lang: Lang) -> list[Column]:
    t = translator(lang)
    return [
        Column(t("seq"), 10, "C"),
        Column(t("name"), 24),
        Column(t("gender"), 11, "C"),
        Column(t("id_number"), 40, "C"),
        Column(t("phone"), 27, "C"),
        Column(t("station"), 35),
        Column(t("employer"), 38),
        Column(t("team"), 40),
        Column(t("sign_in"), 26),
        Column(t("remarks"), 26),
    ]


def _passenger_row(plan: DayPlan, seq: int, application_id: str, by_id: dict[str, Rider], lang: Lang) -> tuple:
    rider = aboard(plan, application_id, by_id)
    return (
        seq,
        rider.name,
        gender_label(rider.gender, lang),
        rider.masked_id,
        rider.masked_phone,
        rider.station_name,
        rider.employer,
        team_label(rider.team, rider.leader, lang),
        "",
        "",
    )
