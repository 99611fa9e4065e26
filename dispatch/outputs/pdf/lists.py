"""Station boarding lists and employer arrival lists: one PDF per kind, a section per place.

A station's staff see, bus by bus, who boards there in the morning and when and on which bus each
comes back; an employer sees who arrives on which bus and when, and when each is taken back. Everyone
is listed once, on the bus that brings them (an evening bus that only takes listed people back gets a
line, not a second table), and each bus has its own signature lines. Each station or site starts on a
new page, so the file can be printed once and handed out. Only places some bus stops at are listed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from data.records import format_hhmm
from dispatch.outputs.audience import OutputSettings, output_settings
from dispatch.outputs.pdf.bundle import RenderedPdfs, render
from dispatch.outputs.pdf.document import Column, PrintDocument
from dispatch.outputs.pdf.font import EmbeddedFont
from dispatch.plan import BusRun, DayPlan, PlanStop
from dispatch.presentation import (
    Lang,
    Rider,
    aboard,
    gender_label,
    label,
    no_show_note,
    no_show_remark,
    riders,
    sorted_runs,
    stop_side,
    team_label,
    translator,
)

Visit = tuple[BusRun, PlanStop]


def render_station_lists(plan: DayPlan, lang: Lang = "zh") -> RenderedPdfs:
    """`stations_<date>.pdf`: per station, each bus that boards (morning) or returns (evening) people there."""
    return render(plan, lang, lambda font: [_station_document(plan, lang, font)])


def render_site_lists(plan: DayPlan, lang: Lang = "zh") -> RenderedPdfs:
    """`sites_<date>.pdf`: per employer site, who arrives on which bus and when, and the return pick-up."""
    return render(plan, lang, lambda font: [_site_document(plan, lang, font)])


def _station_document(plan: DayPlan, lang: Lang, font: EmbeddedFont) -> PrintDocument:
    t = translator(lang)
    by_id = riders(plan)
    office = _office(output_settings(plan.scenario), lang)
    doc = PrintDocument(f"stations_{plan.date.isoformat()}.pdf", t("station_list_title"), lang, plan.date, font)
    places = _visits_by_place(plan, "station")
    if not places:
        _nobody(doc, t("station_list_title"), plan)
    for station_id, visits in places.items():
        station = plan.scenario.stations_by_id.get(station_id)
        name = station.name if station else station_id
        doc.new_page(f"{t('station_list_title')} · {plan.date.isoformat()} · {name}")
        doc.title(f"{t('station_list_title')} — {name}")
        boarding = sum(len(stop.board) for run, stop in visits if run.trip == "morning")
        doc.facts([(t("date"), plan.date.isoformat()), (t("station"), name),
                   (t("boarding_count"), t("count", count=boarding)), *office], per_line=3)
        listed: set[str] = set()
        for run, stop in visits:
            ids = stop.board if run.trip == "morning" else stop.alight
            sites = _other_ends(run, ids, lambda r: f"{r.employer} {r.site_name}", by_id, lang)
            if run.trip == "morning":
                heading = t("list_board_at", time=format_hhmm(stop.departure), plate=run.plate, dest=sites)
            else:
                heading = t("list_alight_at", time=format_hhmm(stop.arrival), plate=run.plate, origin=sites)
            _section(doc, heading, run, ids, listed, _station_columns(lang), _station_row, plan, by_id,
                     [_driver_prompt(run, lang), t("sign_staff")], flags=True)
    return doc


def _site_document(plan: DayPlan, lang: Lang, font: EmbeddedFont) -> PrintDocument:
    t = translator(lang)
    by_id = riders(plan)
    doc = PrintDocument(f"sites_{plan.date.isoformat()}.pdf", t("site_list_title"), lang, plan.date, font)
    places = _visits_by_place(plan, "site")
    if not places:
        _nobody(doc, t("site_list_title"), plan)
    for site_id, visits in places.items():
        site = plan.scenario.sites_by_id.get(site_id)
        employer, name = (site.employer, site.name) if site else ("", site_id)
        doc.new_page(f"{t('site_list_title')} · {plan.date.isoformat()} · {employer} {name}")
        doc.title(f"{t('site_list_title')} — {employer} {name}")
        arriving = sum(len(stop.alight) for run, stop in visits if run.trip == "morning")
        doc.facts([(t("date"), plan.date.isoformat()), (t("employer"), employer), (t("site"), name),
                   (t("arriving_count"), t("count", count=arriving))])
        listed: set[str] = set()
        for run, stop in visits:
            ids = stop.alight if run.trip == "morning" else stop.board
            stations = _other_ends(run, ids, lambda r: r.station_name, by_id, lang)
            if run.trip == "morning":
                heading = t("list_arrive_at", time=format_hhmm(stop.arrival), plate=run.plate, origin=stations)
            else:
                heading = t("list_leave_at", time=format_hhmm(stop.departure), plate=run.plate, dest=stations)
            _section(doc, heading, run, ids, listed, _site_columns(lang), _site_row, plan, by_id,
                     [t("sign_employer"), _driver_prompt(run, lang)])
    return doc


def _office(settings: OutputSettings, lang: Lang) -> list[tuple[str, str]]:
    """The dispatcher and the emergency line, for station staff to call (office numbers, whole)."""
    pairs = [(label("dispatcher", lang), settings.dispatcher_line),
             (label("emergency_phone", lang), settings.emergency_phone)]
    return [(name, value) for name, value in pairs if value]


def _driver_prompt(run: BusRun, lang: Lang) -> str:
    return label("sign_driver_of", lang, plate=run.plate)


def _nobody(doc: PrintDocument, title: str, plan: DayPlan) -> None:
    """A day without buses still prints one page that says so, rather than a blank sheet."""
    doc.new_page(f"{title} · {plan.date.isoformat()}")
    doc.title(title)
    doc.note(f"{plan.date.isoformat()} {label('nobody', doc.lang)}")


def _visits_by_place(plan: DayPlan, side: str) -> dict[str, list[Visit]]:
    """Stops at stations (or sites) grouped by place id, places sorted, visits in time order."""
    visits: dict[str, list[Visit]] = {}
    for run in sorted_runs(plan):
        for stop in run.stops:
            if stop_side(run, stop) == side and (stop.board or stop.alight):
                visits.setdefault(stop.place_id, []).append((run, stop))
    return {place: sorted(v, key=lambda rs: (rs[1].arrival, rs[0].vehicle_id)) for place, v in sorted(visits.items())}


def _other_ends(run: BusRun, ids: Sequence[str], where: Callable[[Rider], str], by_id: dict[str, Rider],
                lang: Lang) -> str:
    """The distinct places at the other end of these riders' trips, joined for a heading."""
    places = dict.fromkeys(where(by_id[a]) for a in ids if a in by_id)
    return label("list_sep", lang).join(places) or run.vehicle_id


def _section(doc: PrintDocument, heading: str, run: BusRun, ids: Sequence[str], listed: set[str],
             columns: list[Column], row: Callable, plan: DayPlan, by_id: dict[str, Rider],
             signatures: list[str], flags: bool = False) -> None:
    """One bus at the place: its driver and the driver's phone (whole: station staff and the
    receiver call a late bus), its riders not listed above on this page (with `flags`, the note on
    the no-show remarks), then the bus's signature lines."""
    lang = doc.lang
    doc.subtitle(heading)
    colon = label("colon", lang)
    bus = plan.scenario.vehicles_by_id.get(run.vehicle_id)
    phone = bus.driver_phone.strip() if bus else ""
    crew = [f"{label('driver', lang)}{colon}{run.driver}"]
    crew += [f"{label('driver_phone', lang)}{colon}{phone}"] if phone else []
    doc.note(" · ".join([*crew, label("count", lang, count=len(ids))]))
    new = [a for a in ids if a not in listed]
    if len(new) < len(ids):
        doc.note(label("listed_above", lang, count=len(ids) - len(new)))
    if new:
        doc.table(columns, [row(plan, i, a, by_id, lang) for i, a in enumerate(new, start=1)])
        flagged = no_show_note(plan, tuple(new), lang) if flags else None
        if flagged:
            doc.note(flagged, size=9)
    listed.update(ids)
    doc.signature_lines(signatures)


def _station_columns(lang: Lang) -> list[Column]:
    t = translator(lang)
    return [Column(t("seq"), 10, "C"), Column(t("name"), 26), Column(t("gender"), 11, "C"),
            Column(t("phone"), 27, "C"), Column(t("employer"), 45), Column(t("site"), 34),
            Column(t("team"), 36), Column(t("return_bus"), 30), Column(t("sign_in"), 26), Column(t("remarks"), 20)]


def _station_row(plan: DayPlan, seq: int, application_id: str, by_id: dict[str, Rider], lang: Lang) -> tuple:
    r = aboard(plan, application_id, by_id)
    return (seq, r.name, gender_label(r.gender, lang), r.masked_phone, r.employer, r.site_name,
            team_label(r.team, r.leader, lang), _return(r, lang), "", no_show_remark(plan, application_id, lang))


def _site_columns(lang: Lang) -> list[Column]:
    t = translator(lang)
    return [Column(t("seq"), 10, "C"), Column(t("name"), 26), Column(t("gender"), 11, "C"),
            Column(t("id_number"), 40, "C"), Column(t("phone"), 27, "C"), Column(t("station"), 34),
            Column(t("skill"), 18), Column(t("team"), 34), Column(t("return_bus"), 30), Column(t("sign_in"), 24)]


def _site_row(plan: DayPlan, seq: int, application_id: str, by_id: dict[str, Rider], lang: Lang) -> tuple:
    r = aboard(plan, application_id, by_id)
    return (seq, r.name, gender_label(r.gender, lang), r.masked_id, r.masked_phone, r.station_name,
            r.skill, team_label(r.team, r.leader, lang), _return(r, lang), "")


def _return(r: Rider, lang: Lang) -> str:
    """'17:05 琼D·12345' for a rider with a way back, or 'no return trip'."""
    if r.return_plate is None or r.return_time is None:
        return label("no_return", lang) if r.plate else ""
    return f"{format_hhmm(r.return_time)} {r.return_plate}"
