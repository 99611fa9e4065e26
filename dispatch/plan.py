"""The day plan: what every bus does, who rides it, and who stays home and why.

This is the one result every output (plan.json, manifests, map, workbook) is rendered from.
Times are minutes after midnight; distances are kilometres.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from data.records import Scenario
from dispatch.reasons import Unplaced

Progress = Callable[[str], None]
"""Where a stage reports what it is doing, in a sentence (the CLI prints it; nothing below it prints)."""
Trip = Literal["morning", "evening"]
StopKind = Literal["depot", "pickup", "dropoff"]


@dataclass(frozen=True)
class PlanStop:
    """A bus at a depot, station, site or parking place; `load` counts passengers aboard when it leaves."""

    kind: StopKind
    place_id: str
    lat: float
    lon: float
    arrival: int
    departure: int
    board: tuple[str, ...] = ()
    alight: tuple[str, ...] = ()
    load: int = 0
    parking: bool = False
    """A parking place (no one boards or alights): the morning run's end where the bus waits, or the
    evening run's start from there."""


@dataclass(frozen=True)
class DriverRest:
    """The driver rests `minutes` from `start`: on the road before stop `before`, or waiting at it."""

    before: int
    start: int
    minutes: int
    on_road: bool


@dataclass(frozen=True)
class BusRun:
    """One bus on one trip (morning: stations to sites; evening: sites back to stations)."""

    vehicle_id: str
    plate: str
    driver: str
    seats: int
    trip: Trip
    distance_km: float
    duration_min: float
    stops: tuple[PlanStop, ...]
    rests: tuple[DriverRest, ...] = ()

    @property
    def passengers(self) -> tuple[str, ...]:
        return tuple(a for s in self.stops for a in s.board)

    @property
    def departure(self) -> int:
        return self.stops[0].departure

    @property
    def peak_load(self) -> int:
        """The most people aboard at once: what the seats must hold (boardings may exceed the seats)."""
        return max((s.load for s in self.stops), default=0)


@dataclass(frozen=True)
class Assignment:
    """An applicant placed on an order, with the buses that carry them there and back."""

    application_id: str
    order_id: str
    site_id: str
    station_id: str
    vehicle_id: str
    evening_vehicle_id: str | None = None


@dataclass(frozen=True)
class PlanHistory:
    """What the ledger remembers of recent days, handed to the planner as plain data (the planner never
    reads the ledger; the CLI asks it): who was turned away for want of room and comes first today, and
    who often did not board, flagged on the manifests."""

    seat_first: Mapping[str, str] = field(default_factory=dict)
    """Application id → when and why they were turned away (e.g. `2026-11-03 no_seat`)."""
    no_shows: Mapping[str, int] = field(default_factory=dict)
    """Application id → planned days they did not board (marked 否) in the last `no_show_days` days."""
    no_show_days: int = 0

    def __bool__(self) -> bool:
        return bool(self.seat_first or self.no_shows)

    def as_dict(self) -> dict[str, Any]:
        return {"seat_first": dict(sorted(self.seat_first.items())),
                "no_shows": dict(sorted(self.no_shows.items())), "no_show_days": self.no_show_days}


@dataclass(frozen=True)
class DayPlan:
    date: dt.date
    scenario: Scenario = field(repr=False, compare=False)
    runs: tuple[BusRun, ...]
    assignments: tuple[Assignment, ...]
    unassigned: tuple[Unplaced, ...]
    settings: dict = field(default_factory=dict)
    stats: dict = field(default_factory=dict, compare=False)
    warnings: tuple[str, ...] = ()
    """Rules the plan could not keep, in words, for the dispatcher to settle by hand."""
    history: PlanHistory = field(default_factory=PlanHistory)
    """What the ledger said of recent days, when planning was asked to use it (empty otherwise)."""
    roads: dict | None = None
    """Where the road times came from (plan.json's `roads`, docs/roads.md); None: the straight-line model."""
    lines: dict = field(default_factory=dict, compare=False)
    """Each run's legs along the roads, by (trip, vehicle id), for the map; empty: drawn stop to stop."""

    def runs_for(self, trip: Trip) -> tuple[BusRun, ...]:
        return tuple(r for r in self.runs if r.trip == trip)

    def summary(self) -> dict:
        """The figures the dispatcher looks at first (a superset of CONTRACT.md's summary)."""
        orders = [o for o in self.scenario.orders if o.date == self.date]
        return {
            "workers_requested": sum(o.workers for o in orders),
            "workers_assigned": len(self.assignments),
            "applicants_available": len(self.assignments) + len(self.unassigned),
            "buses_used": len({r.vehicle_id for r in self.runs}),
            "runs": len(self.runs),
            "distance_km": round(sum(r.distance_km for r in self.runs), 1),
            "unassigned_by_reason": dict(sorted(Counter(u.reason for u in self.unassigned).items())),
        }


@dataclass(frozen=True)
class PublishedPlan:
    """A plan already sent out, read back from its plan.json: what a re-plan starts from."""

    plan: DayPlan
    inputs: Mapping[str, Any] | None
    """The fingerprint of the inputs it was made from (`dispatch.fingerprint`); None in a plan.json
    written without one, which is then judged by what it shows."""
    workers_requested: int | None
    """The workers its orders asked for, as its summary says."""
