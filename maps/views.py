"""What the map shows, as plain data taken from a DayPlan: names instead of ids, colours, counts.

Everything here is WGS-84 and free of Folium, so the layers can be built (and tested) from lists of
small records. Applicants appear by name only: ID numbers and phones never reach a view.
"""

from __future__ import annotations

import colorsys
from collections import defaultdict
from dataclasses import dataclass

from dispatch.plan import BusRun, DayPlan, StopKind, Trip
from dispatch.presentation import Lang, person, place_name, sorted_runs

PALETTE: tuple[str, ...] = (
    "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#0082c8",
    "#f032e6", "#9a6324", "#469990", "#800000", "#808000", "#000075",
)
"""Distinct colours for the first buses; a bus keeps its colour on both trips (the evening line is dashed)."""
GOLDEN_ANGLE = 137.508


def bus_colour(index: int) -> str:
    """The palette first, then hues a golden angle apart: distinct for any fleet, dark enough for white digits."""
    if index < len(PALETTE):
        return PALETTE[index]
    red, green, blue = colorsys.hls_to_rgb((index * GOLDEN_ANGLE % 360) / 360, 0.38, 0.75)
    return f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"


@dataclass(frozen=True)
class StopView:
    """One stop of a run: `seq` counts stations and sites from 1 and is 0 at a depot."""

    seq: int
    kind: StopKind
    place_id: str
    name: str
    lat: float
    lon: float
    arrival: int
    departure: int
    boards: tuple[str, ...]
    alights: tuple[str, ...]
    load: int


@dataclass(frozen=True)
class RunView:
    """One bus on one trip, ready to draw."""

    key: str
    vehicle_id: str
    plate: str
    trip: Trip
    seats: int
    colour: str
    departure: int
    passengers: int
    peak_load: int
    distance_km: float
    stops: tuple[StopView, ...]
    legs: tuple[tuple[tuple[float, float], ...], ...] = ()
    """Each leg's road path, stop to stop, when the plan's times came from roads; empty: straight legs."""

    @property
    def dashed(self) -> bool:
        return self.trip == "evening"


@dataclass(frozen=True)
class PlaceView:
    """A station or a work site marker."""

    kind: str
    place_id: str
    name: str
    detail: str
    lat: float
    lon: float


@dataclass(frozen=True)
class UnplacedPerson:
    name: str
    reason: str
    detail: str


@dataclass(frozen=True)
class UnplacedAtStation:
    """The applicants of one station who got no seat, sorted by reason then name."""

    station_name: str
    lat: float
    lon: float
    people: tuple[UnplacedPerson, ...]


@dataclass(frozen=True)
class DepotView:
    """A bus depot and the runs that leave it: one marker instead of a badge per run."""

    lat: float
    lon: float
    departures: tuple[RunView, ...]


@dataclass(frozen=True)
class MapData:
    """The whole map as data: `title_date` is the plan's ISO date, `placed` counts assignments."""

    title_date: str
    runs: tuple[RunView, ...]
    depots: tuple[DepotView, ...]
    stations: tuple[PlaceView, ...]
    sites: tuple[PlaceView, ...]
    unplaced: tuple[UnplacedAtStation, ...]
    placed: int
    roads: bool = False
    """The lines follow OpenStreetMap roads, which the map then credits."""


def map_data(plan: DayPlan, lang: Lang = "zh") -> MapData:
    """Everything the map draws for the plan, runs in the order every printout lists them."""
    scenario = plan.scenario
    runs = sorted_runs(plan)
    vehicles = sorted({r.vehicle_id for r in runs})
    colours = {v: bus_colour(i) for i, v in enumerate(vehicles)}
    views = tuple(run_view(plan, run, i, colours[run.vehicle_id], lang) for i, run in enumerate(runs))
    return MapData(
        title_date=plan.date.isoformat(),
        runs=views,
        depots=depots(views),
        stations=tuple(
            PlaceView("station", s.station_id, s.name, s.town, s.lat, s.lon) for s in scenario.stations
        ),
        sites=tuple(_sites_in_use(plan)),
        unplaced=unplaced_by_station(plan),
        placed=len(plan.assignments),
        roads=bool(plan.lines),
    )


def run_view(plan: DayPlan, run: BusRun, index: int, colour: str, lang: Lang = "zh") -> RunView:
    """The run with stop names and riders' names; `index` makes its CSS class `run-<index>`."""
    names = {a.application_id: a.name for a in plan.scenario.applications}
    stops = []
    counted = 0
    for stop in run.stops:
        if stop.kind != "depot":
            counted += 1
        stops.append(
            StopView(
                seq=0 if stop.kind == "depot" else counted,
                kind=stop.kind,
                place_id=stop.place_id,
                name=place_name(plan, run, stop, lang),
                lat=stop.lat,
                lon=stop.lon,
                arrival=stop.arrival,
                departure=stop.departure,
                boards=tuple(names[a] for a in stop.board),
                alights=tuple(names[a] for a in stop.alight),
                load=stop.load,
            )
        )
    return RunView(
        key=f"run-{index}",
        vehicle_id=run.vehicle_id,
        plate=run.plate,
        trip=run.trip,
        seats=run.seats,
        colour=colour,
        departure=run.departure,
        passengers=len(run.passengers),
        peak_load=max((s.load for s in run.stops), default=0),
        distance_km=run.distance_km,
        stops=tuple(stops),
        legs=plan.lines.get((run.trip, run.vehicle_id), ()),
    )


def depots(runs: tuple[RunView, ...]) -> tuple[DepotView, ...]:
    """Depots where runs start, south to north, each with its runs in departure order."""
    leaving: dict[tuple[float, float], list[RunView]] = defaultdict(list)
    for run in runs:
        first = run.stops[0] if run.stops else None
        if first is not None and first.kind == "depot":
            leaving[(first.lat, first.lon)].append(run)
    return tuple(
        DepotView(lat, lon, tuple(sorted(group, key=lambda r: (r.departure, r.key))))
        for (lat, lon), group in sorted(leaving.items())
    )


def _sites_in_use(plan: DayPlan) -> list[PlaceView]:
    """Sites with an order on the plan's date (a province has hundreds that are idle today)."""
    wanted = {o.site_id for o in plan.scenario.orders if o.date == plan.date}
    return [
        PlaceView("site", s.site_id, s.name, s.employer, s.lat, s.lon)
        for s in plan.scenario.sites
        if s.site_id in wanted
    ]


def unplaced_by_station(plan: DayPlan) -> tuple[UnplacedAtStation, ...]:
    """Unplaced applicants grouped under their station, stations in id order."""
    scenario = plan.scenario
    groups: dict[str, list[UnplacedPerson]] = defaultdict(list)
    for u in plan.unassigned:
        who = person(plan, u.application_id)
        if who.station_id in scenario.stations_by_id:  # a set-aside row with no known station has no place
            groups[who.station_id].append(UnplacedPerson(who.name, u.reason, u.detail))
    result = []
    for station_id in sorted(groups):
        station = scenario.stations_by_id[station_id]
        people = sorted(groups[station_id], key=lambda p: (p.reason, p.name, p.detail))
        result.append(UnplacedAtStation(station.name, station.lat, station.lon, tuple(people)))
    return tuple(result)
