"""Printable passenger manifests (乘车人员名单): one HTML page per bus and trip, plus an index page.

Drivers carry them, station staff tick people off in the sign-in column, employers keep a copy.
The pages are built from plain view records first, then rendered by jinja2 with autoescaping on,
so a name that looks like markup prints as text. ID numbers and phones appear masked only.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import jinja2

from data.records import format_hhmm
from data.writers import safe_filename
from dispatch.plan import BusRun, DayPlan
from dispatch.presentation import Rider, aboard, gender_label, place_name, rest_notes, riders, sorted_runs

TRIP_TITLES = {"morning": ("早班 去程", "morning, to work"), "evening": ("晚班 返程", "evening, back home")}
STOP_KINDS = {"depot": ("车场", "depot"), "pickup": ("上车", "pick-up"), "dropoff": ("下车", "drop-off")}
INDEX_FILE = "index.html"
TEMPLATES = Path(__file__).with_name("templates")


@dataclass(frozen=True)
class ManifestStop:
    """One line of the stop table: where, when, and how many get on and off."""

    number: int
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
    """One seat-list line: who, masked numbers, their station, employer and site, and their team."""

    number: int
    name: str
    gender: str
    id_masked: str
    phone_masked: str
    station: str
    board_time: str
    employer: str
    site: str
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
    seats: int
    departure: str
    stops: tuple[ManifestStop, ...]
    rests: tuple[tuple[str, str], ...]
    """The driver's rests, each in Chinese and English."""
    rows: tuple[ManifestRow, ...]
    peak_load: int
    women: int
    men: int


def manifest_file_name(trip: str, vehicle_id: str) -> str:
    """A file name safe on every system, e.g. manifest_morning_V01.html."""
    return f"manifest_{trip}_{safe_filename(vehicle_id)}.html"


def _row(number: int, rider: Rider, trip: str) -> ManifestRow:
    boards = rider.board_time if trip == "morning" else rider.return_time
    return ManifestRow(
        number=number,
        name=rider.name,
        gender=gender_label(rider.gender),
        id_masked=rider.masked_id,
        phone_masked=rider.masked_phone,
        station=rider.station_name,
        board_time=format_hhmm(boards) if boards is not None else "",
        employer=rider.employer,
        site=rider.site_name,
        team=rider.team or "",
        leader=rider.leader,
    )


def build_manifest(plan: DayPlan, run: BusRun, by_id: dict[str, Rider]) -> Manifest:
    """The view of one bus run that the manifest template prints; `by_id` is `roster.riders(plan)`."""
    trip_zh, trip_en = TRIP_TITLES[run.trip]
    stops = tuple(
        ManifestStop(
            number=i,
            name=place_name(plan, run, s),
            kind_zh=STOP_KINDS[s.kind][0],
            kind_en=STOP_KINDS[s.kind][1],
            arrival=format_hhmm(s.arrival),
            departure=format_hhmm(s.departure),
            boarding=len(s.board),
            alighting=len(s.alight),
            load=s.load,
        )
        for i, s in enumerate(run.stops, start=1)
    )
    rows = tuple(_row(n, aboard(plan, a, by_id), run.trip) for n, a in enumerate(run.passengers, start=1))
    return Manifest(
        file_name=manifest_file_name(run.trip, run.vehicle_id),
        date=plan.date.isoformat(),
        trip_zh=trip_zh,
        trip_en=trip_en,
        vehicle_id=run.vehicle_id,
        plate=run.plate,
        driver=run.driver,
        seats=run.seats,
        departure=format_hhmm(run.departure),
        stops=stops,
        rests=tuple(zip(rest_notes(plan, run, "zh"), rest_notes(plan, run, "en"))),
        rows=rows,
        peak_load=max((s.load for s in run.stops), default=0),
        women=sum(1 for r in rows if r.gender == "女"),
        men=sum(1 for r in rows if r.gender == "男"),
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
    manifests = _unique_names([build_manifest(plan, r, by_id) for r in sorted_runs(plan)])
    pages = {m.file_name: env.get_template("manifest.html").render(m=m) for m in manifests}
    pages[INDEX_FILE] = env.get_template("index.html").render(
        date=plan.date.isoformat(),
        manifests=manifests,
        unplaced=len(plan.unassigned),
        assigned=len(plan.assignments),
    )
    return pages
