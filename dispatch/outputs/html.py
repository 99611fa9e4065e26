"""Printable passenger manifests (乘车人员名单): one HTML page per bus and trip, plus an index page.

Drivers carry them, station staff tick people off in the sign-in column. Each rider's line names the
call where they board (a bus may call twice at a station) and when. The pages are built from plain view
records first, then rendered by jinja2 with autoescaping on, so a name that looks like markup prints as
text. ID numbers appear masked only; the driver's, the dispatcher's and, as the `[outputs]` settings
say, the riders' phones whole (docs/privacy.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import jinja2

from data.records import format_hhmm
from data.writers import safe_filename
from dispatch.outputs.audience import OutputSettings, escort_line, output_settings
from dispatch.plan import BusRun, DayPlan
from dispatch.presentation import (
    Ride,
    Rider,
    aboard,
    call_count,
    call_numbers,
    call_text,
    gender_label,
    place_name,
    rest_notes,
    riders,
    rides,
    site_notes,
    sorted_runs,
    whole_phone,
)

TRIP_TITLES = {"morning": ("早班 去程", "morning, to work"), "evening": ("晚班 返程", "evening, back home")}
STOP_KINDS = {"depot": ("车场", "depot"), "pickup": ("上车", "pick-up"), "dropoff": ("下车", "drop-off")}
INDEX_FILE = "index.html"
TEMPLATES = Path(__file__).with_name("templates")


@dataclass(frozen=True)
class ManifestStop:
    """One line of the stop table: where, when, and how many get on and off; depots have no number."""

    number: int | None
    name: str
    kind_zh: str
    kind_en: str
    arrival: str
    departure: str
    boarding: int
    alighting: int
    load: int


@dataclass(frozen=True)
class ManifestRow:
    """One seat-list line: who, the masked ID, the phone, the calls where they get on and off, the team."""

    number: int
    name: str
    gender: str
    id_masked: str
    phone: str
    board_call: str
    board_time: str
    alight_call: str
    employer: str
    team: str
    leader: bool


@dataclass(frozen=True)
class Manifest:
    """Everything one printed page shows about one bus run."""

    file_name: str
    date: str
    trip_zh: str
    trip_en: str
    vehicle_id: str
    plate: str
    driver: str
    driver_phone: str
    escort: str
    dispatcher: str
    emergency_phone: str
    seats: int
    departure: str
    calls: int
    stops: tuple[ManifestStop, ...]
    rests: tuple[tuple[str, str], ...]
    """The driver's rests, then the sites' shift starts and receivers, each in Chinese and English."""
    rows: tuple[ManifestRow, ...]
    peak_load: int
    """The most aboard at once, what the seats must hold; `rows` may outnumber the seats."""
    women: int
    men: int
    whole_phones: bool


def manifest_file_name(trip: str, vehicle_id: str) -> str:
    """A file name safe on every system, e.g. manifest_morning_V01.html."""
    return f"manifest_{trip}_{safe_filename(vehicle_id)}.html"


def _row(plan: DayPlan, run: BusRun, number: int, rider: Rider, ride: Ride, whole_phones: bool) -> ManifestRow:
    return ManifestRow(
        number=number,
        name=rider.name,
        gender=gender_label(rider.gender),
        id_masked=rider.masked_id,
        phone=whole_phone(plan, rider.application_id) if whole_phones else rider.masked_phone,
        board_call=call_text(plan, run, ride.board),
        board_time=format_hhmm(ride.board.stop.departure),
        alight_call=call_text(plan, run, ride.alight) if ride.alight else "",
        employer=rider.employer,
        team=rider.team or "",
        leader=rider.leader,
    )


def build_manifest(plan: DayPlan, run: BusRun, by_id: dict[str, Rider], settings: OutputSettings) -> Manifest:
    """The view of one bus run that the manifest template prints; `by_id` is `roster.riders(plan)`."""
    trip_zh, trip_en = TRIP_TITLES[run.trip]
    stops = tuple(
        ManifestStop(
            number=number,
            name=place_name(plan, run, s),
            kind_zh=STOP_KINDS[s.kind][0],
            kind_en=STOP_KINDS[s.kind][1],
            arrival=format_hhmm(s.arrival),
            departure=format_hhmm(s.departure),
            boarding=len(s.board),
            alighting=len(s.alight),
            load=s.load,
        )
        for number, s in zip(call_numbers(run), run.stops)
    )
    on_run = rides(run)
    whole = settings.manifest_worker_phones
    rows = tuple(_row(plan, run, n, aboard(plan, a, by_id), on_run[a], whole)
                 for n, a in enumerate(run.passengers, start=1))
    vehicle = plan.scenario.vehicles_by_id.get(run.vehicle_id)
    return Manifest(
        file_name=manifest_file_name(run.trip, run.vehicle_id),
        date=plan.date.isoformat(),
        trip_zh=trip_zh,
        trip_en=trip_en,
        vehicle_id=run.vehicle_id,
        plate=run.plate,
        driver=run.driver,
        driver_phone=vehicle.driver_phone.strip() if vehicle else "",
        escort=escort_line(vehicle),
        dispatcher=settings.dispatcher_line,
        emergency_phone=settings.emergency_phone,
        seats=run.seats,
        departure=format_hhmm(run.departure),
        calls=call_count(run),
        stops=stops,
        rests=(*zip(rest_notes(plan, run, "zh"), rest_notes(plan, run, "en")),
               *zip(site_notes(plan, run, by_id, "zh"), site_notes(plan, run, by_id, "en"))),
        rows=rows,
        peak_load=run.peak_load,
        women=sum(1 for r in rows if r.gender == "女"),
        men=sum(1 for r in rows if r.gender == "男"),
        whole_phones=whole,
    )


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _unique_names(manifests: list[Manifest]) -> list[Manifest]:
    """Vehicle ids that clean up to the same file name get _2, _3... in run order."""
    seen: set[str] = set()
    unique = []
    for m in manifests:
        name, n = m.file_name, 1
        while name in seen:
            n += 1
            name = m.file_name.removesuffix(".html") + f"_{n}.html"
        seen.add(name)
        unique.append(m if name == m.file_name else replace(m, file_name=name))
    return unique


def render_manifests(plan: DayPlan) -> dict[str, str]:
    """File name -> complete HTML page: one manifest per bus run (morning first) and index.html."""
    env = _environment()
    by_id = riders(plan)
    settings = output_settings(plan.scenario)
    manifests = _unique_names([build_manifest(plan, r, by_id, settings) for r in sorted_runs(plan)])
    pages = {m.file_name: env.get_template("manifest.html").render(m=m) for m in manifests}
    pages[INDEX_FILE] = env.get_template("index.html").render(
        date=plan.date.isoformat(),
        manifests=manifests,
        unplaced=len(plan.unassigned),
        assigned=len(plan.assignments),
    )
    return pages
