"""Every point a bus may visit on the day (depots, stations, sites, parking places), indexed once for the matrices."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from data.records import Scenario
from dispatch.plan import BusRun, Progress
from dispatch.roads import RoadPoint, RoadSettings, RoadTravel, road_travel
from dispatch.travel import SpeedBands, TravelModel

PlaceKind = Literal["depot", "station", "site", "parking"]


@dataclass(frozen=True)
class Place:
    index: int
    kind: PlaceKind
    place_id: str
    name: str
    lat: float
    lon: float


class Places:
    """The one place where ids become matrix indices; travel matrices come with it.

    Stations, sites and depots are looked up by kind, so their id spaces may overlap.
    """

    def __init__(self, scenario: Scenario, *, road_factor: float, speeds: SpeedBands,
                 roads: RoadSettings | None = None, progress: Progress | None = None):
        points: list[tuple[PlaceKind, str, str, float, float]] = []
        self.depot_of: dict[str, str] = {}
        depots: dict[tuple[float, float], str] = {}
        for v in scenario.fleet:
            key = (v.depot_lat, v.depot_lon)
            if key not in depots:
                depots[key] = f"DEPOT-{len(depots) + 1}"
                points.append(("depot", depots[key], "车场", *key))
            self.depot_of[v.vehicle_id] = depots[key]
        points += [("station", s.station_id, s.name, s.lat, s.lon) for s in scenario.stations]
        points += [("site", s.site_id, s.name, s.lat, s.lon) for s in scenario.sites]
        points += [("parking", p.parking_id, p.name, p.lat, p.lon) for p in scenario.parking]
        self.all = tuple(Place(i, *p) for i, p in enumerate(points))
        self._by_key = {(p.kind, p.place_id): p for p in self.all}
        parked = {self.site(s.site_id).index: self.parking(s.parking_id).index
                  for s in scenario.sites if s.parking_id}
        self.wait_at = tuple(parked.get(p.index, p.index) for p in self.all)
        """Where a bus that ends its run at each place waits: the site's parking place, else the place itself."""
        self.travel = TravelModel(
            [p.lat for p in self.all], [p.lon for p in self.all], road_factor=road_factor, speeds=speeds
        )
        self.roads: RoadTravel | None = None
        """Where the matrices come from the roads: the network, what to report; None: straight lines."""
        if roads is not None:
            names = {v.vehicle_id: v.depot for v in scenario.fleet}
            labels = [p.name if p.kind != "depot" else next(
                (names[v] for v, d in self.depot_of.items() if d == p.place_id and names[v]), p.name)
                for p in self.all]
            self._points = [RoadPoint(f"{label}（{p.place_id}）", p.lat, p.lon) for label, p in zip(labels, self.all)]
            self.roads = road_travel(self._points, self.travel, roads, progress)
            self.travel = self.roads.travel

    def station(self, station_id: str) -> Place:
        return self._by_key[("station", station_id)]

    def parking(self, parking_id: str) -> Place:
        return self._by_key[("parking", parking_id)]

    def site(self, site_id: str) -> Place:
        return self._by_key[("site", site_id)]

    def depot(self, vehicle_id: str) -> Place:
        return self._by_key[("depot", self.depot_of[vehicle_id])]

    def minutes(self, a: Place, b: Place) -> float:
        return float(self.travel.minutes[a.index, b.index])

    def road_km(self, a: Place, b: Place) -> float:
        return float(self.travel.road_km[a.index, b.index])

    def run_lines(self, runs: tuple[BusRun, ...]) -> dict[tuple[str, str], tuple[tuple[tuple[float, float], ...], ...]]:
        """Each run's legs along the roads, keyed by (trip, vehicle id); empty for the straight-line model,
        whose map draws stop to stop."""
        if self.roads is None:
            return {}
        index = {(p.lat, p.lon): p.index for p in self.all}
        return {(run.trip, run.vehicle_id): tuple(
            self.roads.leg_path(self._points, index[(a.lat, a.lon)], index[(b.lat, b.lon)])
            for a, b in zip(run.stops, run.stops[1:])) for run in runs}
