"""Each bus's day as the dispatcher reviews it, for the terminal and the workbook: out and back,
driving against what this bus may drive, kilometres and empty kilometres, where it waits, and the
drivers' rules its day breaks (the plan's warnings naming it)."""

from __future__ import annotations

from dataclasses import dataclass

from dispatch.buses import BusDay, bus_days
from dispatch.plan import DayPlan, Trip
from dispatch.presentation import Lang, place_name
from dispatch.settings import PlanSettings


@dataclass(frozen=True)
class Waiting:
    place_id: str
    place: str
    """The printed name of where the bus stands (`place_name`)."""
    start: int
    end: int


@dataclass(frozen=True)
class BusDayLine:
    vehicle_id: str
    plate: str
    driver: str
    second_driver: str
    trips: tuple[Trip, ...]
    duty_start: int
    duty_end: int
    driving_min: int
    daily_limit_min: int
    distance_km: float
    empty_km: float
    waits: tuple[Waiting, ...]
    rules_broken: tuple[str, ...]


def bus_day_lines(plan: DayPlan, lang: Lang = "zh") -> tuple[BusDayLine, ...]:
    """One line per bus that goes out, by vehicle id."""
    settings = PlanSettings.from_mapping(plan.settings)
    buses = plan.scenario.vehicles_by_id
    lines = []
    for day in bus_days(plan.runs, settings.road_factor):
        bus = buses[day.vehicle_id]
        first = day.runs[0]
        lines.append(BusDayLine(
            day.vehicle_id, first.plate, first.driver, bus.second_driver, tuple(r.trip for r in day.runs),
            day.duty_start, day.duty_end, day.driving_min, settings.daily_driving_min(bus), day.distance_km,
            day.empty_km, _waits(plan, day, lang),
            tuple(w for w in plan.warnings if w.startswith(f"bus {day.vehicle_id}:")),
        ))
    return tuple(lines)


def _waits(plan: DayPlan, day: BusDay, lang: Lang) -> tuple[Waiting, ...]:
    """Each wait under the name of the stop the run before it ended at."""
    ends = {(r.stops[-1].place_id, r.stops[-1].arrival): r for r in day.runs}
    out = []
    for wait in day.waits:
        run = ends[(wait.place_id, wait.start)]
        out.append(Waiting(wait.place_id, place_name(plan, run, run.stops[-1], lang), wait.start, wait.end))
    return tuple(out)
