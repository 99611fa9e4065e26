"""Passenger manifests (乘车人员名单): one A4 PDF per bus and trip, for the driver and station staff.

Each rider's line names the call where they board (a bus may call twice at one station) and when; the
driver's and the dispatcher's phones, and the riders' own as the `[outputs]` settings say, are whole so
the driver can call (docs/privacy.md).
"""

from __future__ import annotations

from data.records import format_hhmm
from data.writers import safe_filename
from dispatch.outputs.audience import OutputSettings, escort_line, output_settings
from dispatch.outputs.pdf.bundle import RenderedPdfs, render
from dispatch.outputs.pdf.document import Column, PrintDocument
from dispatch.outputs.pdf.font import EmbeddedFont
from dispatch.plan import BusRun, DayPlan
from dispatch.presentation import (
    Lang,
    Ride,
    Rider,
    aboard,
    call_count,
    call_numbers,
    call_text,
    gender_label,
    no_show_note,
    no_show_remark,
    place_name,
    rest_notes,
    riders,
    rides,
    site_notes,
    sorted_runs,
    team_label,
    translator,
    whole_phone,
)


def render_manifest_pdfs(plan: DayPlan, lang: Lang = "zh") -> RenderedPdfs:
    """One manifest per bus run, named `manifest_<date>_<trip>_<vehicle>.pdf`, morning runs first."""
    by_id = riders(plan)
    settings = output_settings(plan.scenario)

    def build(font: EmbeddedFont) -> list[PrintDocument]:
        documents: list[PrintDocument] = []
        names: set[str] = set()
        for run in sorted_runs(plan):
            name = _file_name(plan, run, names)
            names.add(name)
            documents.append(_manifest(plan, run, by_id, name, lang, font, settings))
        return documents

    return render(plan, lang, build)


def _file_name(plan: DayPlan, run: BusRun, taken: set[str]) -> str:
    base = f"manifest_{plan.date.isoformat()}_{run.trip}_{safe_filename(run.vehicle_id)}"
    name, serial = f"{base}.pdf", 2
    while name in taken:
        name, serial = f"{base}_{serial}.pdf", serial + 1
    return name


def _manifest(plan: DayPlan, run: BusRun, by_id: dict[str, Rider], file_name: str, lang: Lang,
              font: EmbeddedFont, settings: OutputSettings) -> PrintDocument:
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
            (t("driver_phone"), vehicle.driver_phone.strip() if vehicle else ""),
            (t("seats"), run.seats),
            (t("departure"), format_hhmm(run.departure)),
            (t("stops"), t("calls", count=call_count(run))),
            *_contacts(plan, run, settings, lang),
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
                number or "",
                t(stop.kind),
                place_name(plan, run, stop, lang),
                format_hhmm(stop.arrival),
                format_hhmm(stop.departure),
                len(stop.board) or "",
                len(stop.alight) or "",
                stop.load,
            )
            for number, stop in zip(call_numbers(run), run.stops)
        ],
    )
    for note in (*rest_notes(plan, run, lang), *site_notes(plan, run, by_id, lang)):
        doc.note(note, size=11)
    doc.subtitle(t("passengers"))
    on_run = rides(run)
    doc.table(_passenger_columns(lang),
              [_passenger_row(plan, run, i, a, by_id, on_run[a], lang, settings.manifest_worker_phones)
               for i, a in enumerate(run.passengers, 1)])
    doc.note(t("total", count=len(run.passengers), peak=run.peak_load, seats=run.seats), size=11)
    flagged = no_show_note(plan, run.passengers, lang)
    if flagged:
        doc.note(flagged, size=9)
    if settings.manifest_worker_phones:
        doc.note(t("whole_phones_note"), size=9)
    doc.signature_lines([t("sign_driver"), t("sign_staff"), t("sign_date")])
    return doc


def _contacts(plan: DayPlan, run: BusRun, settings: OutputSettings, lang: Lang) -> list[tuple[str, str]]:
    """The escort, the dispatcher and the emergency line, whole, where the fleet and the settings name them."""
    t = translator(lang)
    pairs = [(t("escort"), escort_line(plan.scenario.vehicles_by_id.get(run.vehicle_id))),
             (t("dispatcher"), settings.dispatcher_line), (t("emergency_phone"), settings.emergency_phone)]
    return [(name, value) for name, value in pairs if value]


def _passenger_columns(lang: Lang) -> list[Column]:
    t = translator(lang)
    return [
        Column(t("seq"), 10, "C"),
        Column(t("name"), 24),
        Column(t("gender"), 11, "C"),
        Column(t("id_number"), 40, "C"),
        Column(t("phone"), 25, "C"),
        Column(t("board_call"), 44),
        Column(t("board_time"), 18, "C"),
        Column(t("alight_call"), 44),
        Column(t("team"), 34),
        Column(t("sign_in"), 18),
        Column(t("remarks"), 16),
    ]


def _passenger_row(plan: DayPlan, run: BusRun, seq: int, application_id: str, by_id: dict[str, Rider], ride: Ride,
                   lang: Lang, whole_phones: bool) -> tuple:
    rider = aboard(plan, application_id, by_id)
    return (
        seq,
        rider.name,
        gender_label(rider.gender, lang),
        rider.masked_id,
        whole_phone(plan, application_id) if whole_phones else rider.masked_phone,
        call_text(plan, run, ride.board, lang),
        format_hhmm(ride.board.stop.departure),
        call_text(plan, run, ride.alight, lang) if ride.alight else "",
        team_label(rider.team, rider.leader, lang),
        "",
        no_show_remark(plan, application_id, lang),
    )
