"""A bus's whole day: its runs in order, where it waits between them, its duty and driving time, and
its kilometres with nobody aboard; and the drivers' rules its day breaks, in words.

Read from the runs alone (stop times and coordinates), so a plan read back from plan.json gives the
same days as the plan that wrote it.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from dispatch.plan import BusRun
from dispatch.settings import PlanSettings
from dispatch.travel import great_circle_km

DAY_MIN = 24 * 60


@dataclass(frozen=True)
class Wait:
    """The bus stands at `place_id` from `start` to `end` (between two runs, or for its evening run)."""

    place_id: str
    start: int
    end: int


@dataclass(frozen=True)
class BusDay:
    vehicle_id: str
    runs: tuple[BusRun, ...]
    """The bus's runs in the order it drives them."""
    waits: tuple[Wait, ...]
    driving_min: int
    empty_km: float

    @property
    def duty_start(self) -> int:
        return self.runs[0].stops[0].departure

    @property
    def duty_end(self) -> int:
        return self.runs[-1].stops[-1].arrival

    @property
    def distance_km(self) -> float:
        return round(sum(r.distance_km for r in self.runs), 1)


def bus_days(runs: Iterable[BusRun], road_factor: float) -> tuple[BusDay, ...]:
    """Each bus's day, by vehicle id."""
    by_bus: dict[str, list[BusRun]] = defaultdict(list)
    for run in runs:
        by_bus[run.vehicle_id].append(run)
    return tuple(_day(v, sorted(rs, key=lambda r: r.departure), road_factor) for v, rs in sorted(by_bus.items()))


def _day(vehicle_id: str, runs: list[BusRun], road_factor: float) -> BusDay:
    waits = tuple(Wait(a.stops[-1].place_id, a.stops[-1].arrival, b.stops[0].departure)
                  for a, b in itertools.pairwise(runs) if a.stops[-1].kind != "depot")
    driving, empty = 0, 0.0
    for run in runs:
        on_road = {r.before: r.minutes for r in run.rests if r.on_road}
        km = _leg_km(run, road_factor)
        for k in range(1, len(run.stops)):
            driving += run.stops[k].arrival - run.stops[k - 1].departure - on_road.get(k, 0)
            if run.stops[k - 1].load == 0:
                empty += km[k - 1]
    return BusDay(vehicle_id, tuple(runs), waits, driving, round(empty, 1))


def _leg_km(run: BusRun, road_factor: float) -> list[float]:
    lat = [s.lat for s in run.stops]
    lon = [s.lon for s in run.stops]
    km = great_circle_km(lat, lon) * road_factor  # type: ignore[arg-type]
    return [float(km[k, k + 1]) for k in range(len(run.stops) - 1)]


def broken_rules(day: BusDay, settings: PlanSettings, daily_limit_min: int) -> list[str]:
    """The drivers' rules this bus's day breaks, one sentence each (the planner keeps the 4-hour rule
    itself; the daily, night and duty limits it reports). `daily_limit_min` is what this bus may drive
    in the day (`PlanSettings.daily_driving_min`)."""
    out = []
    if day.driving_min > daily_limit_min:
        out.append(f"bus {day.vehicle_id}: its driver drives {day.driving_min} min in the day, more than the "
                   f"{daily_limit_min} allowed; a second driver or another bus must take part of it")
    duty = day.duty_end - day.duty_start
    if settings.max_duty_min is not None and duty > settings.max_duty_min:
        out.append(f"bus {day.vehicle_id}: its duty day lasts {duty} min, more than the {settings.max_duty_min} "
                   "allowed")
    night = _longest_night_stretch(day, settings)
    if night > settings.max_night_driving_min:
        out.append(f"bus {day.vehicle_id}: its driver drives {night} min by night without a {settings.rest_min}-"
                   f"minute rest, more than the {settings.max_night_driving_min} allowed")
    return out


def _longest_night_stretch(day: BusDay, settings: PlanSettings) -> int:
    """The most night driving between two rests (a listed rest, or a stand of `rest_min` or more)."""
    starts, ends = settings.minute("night_starts"), settings.minute("night_ends")
    longest = stretch = 0
    previous_end: int | None = None
    for run in day.runs:
        if previous_end is not None and run.departure - previous_end >= settings.rest_min:
            stretch = 0
        rests = {r.before for r in run.rests}
        for k in range(1, len(run.stops)):
            if k in rests:
                stretch = 0
            stretch += _night_minutes(run.stops[k - 1].departure, run.stops[k].arrival, starts, ends)
            longest = max(longest, stretch)
            if run.stops[k].departure - run.stops[k].arrival >= settings.rest_min:
                stretch = 0
        previous_end = run.stops[-1].arrival
    return longest


def _night_minutes(start: int, end: int, night_starts: int, night_ends: int) -> int:
    """Minutes of [start, end) between `night_starts` and `night_ends` (the night runs over midnight)."""
    return sum(1 for minute in range(start, end) if minute % DAY_MIN >= night_starts or minute % DAY_MIN < night_ends)
