"""What a re-plan changed for each passenger: the report types, and the diff of two plans that fills them.

The report holds names and bus ids only (no ID numbers or phones): the dispatcher calls the people in
it. `dispatch.outputs` renders it for the terminal and as changes.json.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from data.records import Application, Scenario
from dispatch.plan import DayPlan

ChangeKind = Literal["added", "cancelled", "moved_bus", "time_changed", "unplaced"]


@dataclass(frozen=True)
class PassengerChange:
    """One applicant whose bus or time changed: before and after (morning bus, boarding minute), and why."""

    application_id: str
    name: str
    change: ChangeKind
    before_bus: str | None
    before_time: int | None
    after_bus: str | None
    after_time: int | None
    reason: str


@dataclass(frozen=True)
class ChangeReport:
    """Every affected passenger of a re-planned day, by application id (no ID numbers or phones)."""

    changes: tuple[PassengerChange, ...] = ()


def changes_between(before: DayPlan, after: DayPlan, scenario: Scenario, day: dt.date,
            released: Mapping[str, str], how: Mapping[str, str]) -> ChangeReport:
    """One line per applicant whose bus or time differs between the two plans, or who came or went."""
    was = {a.application_id: a for a in before.assignments}
    now = {a.application_id: a for a in after.assignments}
    waited = {u.application_id: u for u in before.unassigned}
    waits = {u.application_id: u for u in after.unassigned}
    t0, t1 = ride_times(before), ride_times(after)
    changes: list[PassengerChange] = []
    for app_id in sorted(set(was) | set(now) | set(waited) | set(waits)):
        a, b, app = was.get(app_id), now.get(app_id), scenario.applications_by_id.get(app_id)
        kind: ChangeKind
        if app is None or not app.available_on(day):
            kind, reason = "cancelled", _gone(app, day)
        elif b is None:
            if a is None and app_id in waited:
                continue  # waited before and still waits: not a change of bus or time
            kind = "unplaced"
            reason = "; ".join(filter(None, (released.get(app_id), waits[app_id].detail)))
        elif a is None:
            origin = "new application" if app_id not in waited else f"waiting before ({waited[app_id].reason})"
            kind, reason = "added", f"{origin}: placed on order {b.order_id}; {how[app_id]}"
        elif (a.vehicle_id, a.evening_vehicle_id, a.order_id) != (b.vehicle_id, b.evening_vehicle_id, b.order_id):
            kind = "moved_bus"
            reason = f"{released.get(app_id, 'the buses were re-planned')}; now order {b.order_id}; {how[app_id]}"
        elif any(t0.get((trip, app_id)) != t1.get((trip, app_id)) for trip in ("morning", "evening")):
            kind, reason = "time_changed", released.get(app_id, "the bus's stops were re-planned")
        else:
            continue
        changes.append(PassengerChange(
            app_id, app.name if app else "", kind,
            a.vehicle_id if a else None, t0.get(("morning", app_id), (None,))[0],
            b.vehicle_id if b else None, t1.get(("morning", app_id), (None,))[0], reason,
        ))
    return ChangeReport(tuple(changes))


def _gone(app: Application | None, day: dt.date) -> str:
    if app is None:
        return "the application was removed from the applications table"
    if app.cancelled:
        return "the application was cancelled"
    return f"the applicant no longer asks for work on {day.isoformat()}"


def ride_times(plan: DayPlan) -> dict[tuple[str, str], tuple[int, int]]:
    """(trip, application id) → (departure where they board, arrival where they alight)."""
    boarded: dict[tuple[str, str], int] = {}
    alighted: dict[tuple[str, str], int] = {}
    for run in plan.runs:
        for stop in run.stops:
            boarded.update(((run.trip, a), stop.departure) for a in stop.board)
            alighted.update(((run.trip, a), stop.arrival) for a in stop.alight)
    return {key: (minute, alighted.get(key, minute)) for key, minute in boarded.items()}
