"""Re-plan a day after late changes, keeping what was already published unless a change forces it.

Drivers, station staff and workers already hold the published plan, so a late change should move
as few people as possible: kept passengers keep their bus, stop and times; cancelled ones leave
their seat free; newcomers first take free seats on runs already passing their station and site,
and only the rest get new buses. The change report tells the dispatcher whom to call, and why.
"""

from __future__ import annotations

import datetime as dt
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Literal, Mapping

from data.records import Application, Order, Scenario, format_hhmm
from dispatch.day import route_loads
from dispatch.loads import make_loads
from dispatch.places import Places
from dispatch.plan import Assignment, BusRun, DayPlan, DriverRest, PlanStop
from dispatch.previous import inputs_fingerprint, plan_from_dict, previous_input_error
from dispatch.reasons import ORDER_FULL, Unplaced
from dispatch.seating import Seating, join_runs, match_to_free_places
from dispatch.settings import PlanSettings
from dispatch.travel import TravelModel

Progress = Callable[[str], None]
ChangeKind = Literal["added", "cancelled", "moved_bus", "time_changed", "unplaced"]
DEPOT_TOLERANCE_DEG = 1e-6
"""Depot coordinates come back from plan.json as written; anything beyond float noise is a move."""
FINGERPRINT_TABLES = ("orders", "fleet", "stations", "sites")
"""Tables whose changed records force published seats to move (an applicant's own changes are judged by rule)."""


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

    def as_dicts(self) -> list[dict[str, Any]]:
        return [
            {
                "application_id": c.application_id,
                "name": c.name,
                "change": c.change,
                "before": _side(c.before_bus, c.before_time),
                "after": _side(c.after_bus, c.after_time),
                "reason": c.reason,
            }
            for c in self.changes
        ]

    def render(self) -> str:
        """A small text table for the terminal."""
        if not self.changes:
            return "No passenger's bus or time changed."
        rows = [("application", "name", "change", "before", "after", "reason")]
        rows += [
            (c.application_id, c.name, c.change, _cell(c.before_bus, c.before_time), _cell(c.after_bus, c.after_time),
             c.reason)
            for c in self.changes
        ]
        widths = [max(_width(r[k]) for r in rows) for k in range(5)]
        lines = ["  ".join(v + " " * (w - _width(v)) for v, w in zip(r[:5], widths)) + "  " + r[5] for r in rows]
        return "\n".join([f"{len(self.changes)} passenger(s) affected:", *lines])


def _width(text: str) -> int:
    """Terminal columns of `text`: Chinese characters take two, so names line up."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _side(bus: str | None, minute: int | None) -> dict[str, str | None] | None:
    if bus is None:
        return None
    return {"vehicle_id": bus, "boarding_time": None if minute is None else format_hhmm(minute)}


def _cell(bus: str | None, minute: int | None) -> str:
    if bus is None:
        return "-"
    return f"{bus} {format_hhmm(minute)}" if minute is not None else bus


@dataclass(frozen=True)
class _Kept:
    """What survives of the previous plan: the assignments kept and those released with a reason."""

    assignments: tuple[Assignment, ...]
    released: Mapping[str, str]


def replan(
    previous: dict[str, Any],
    scenario: Scenario,
    day: dt.date,
    settings: PlanSettings,
    progress: Progress | None = None,
    source: str = "previous plan.json",
) -> tuple[DayPlan, ChangeReport]:
    """The day re-planned from the published plan `previous` (a plan.json document) and today's inputs.

    Raises `data.validation.InputError` (one problem naming `source`) when `previous` is for another
    date or is not a plan.json. With nothing that matters changed, the previous plan comes back as it
    was, so its plan.json is byte for byte the same.
    """
    say = progress or (lambda _msg: None)
    if previous.get("date") != day.isoformat():
        raise previous_input_error(
            source, f"is the plan for {previous.get('date')}, not for {day.isoformat()}: pass that day's plan.json"
        )
    before = plan_from_dict(previous, scenario, source)
    now = inputs_fingerprint(replace(before, settings=settings.as_dict()))
    then = previous.get("inputs")
    available = {a.application_id: a for a in scenario.applications if a.available_on(day)}
    listed = {a.application_id for a in before.assignments} | {u.application_id for u in before.unassigned}
    same = set(available) == listed and _same_inputs(previous, then, now, scenario, day, settings)
    if same and then:
        say("nothing that matters changed since the previous plan: it stands as published")
        return before, ChangeReport()
    changed = _changed_ids(then, now)
    kept = _keep(before, scenario, day, available, changed)
    if same and not kept.released:
        say("nothing the previous plan shows has changed: it stands as published")
        return before, ChangeReport()

    started = time.perf_counter()
    orders_by_id = {o.order_id: o for o in scenario.orders if o.date == day}
    places = Places(scenario, road_factor=settings.road_factor, speed_kmh=settings.speed_kmh)
    while True:  # each pass but the last sends at least one more published member back to matching
        after, how = _placed(before, kept, available, orders_by_id, scenario, day, places, settings, say)
        torn = _torn_teams(after, kept, scenario.applications_by_id)
        if not torn:
            break
        say(f"{len(torn)} published team members are matched again: a new member of their team was not placed")
        kept = _keep(before, scenario, day, available, changed, dict(kept.released, **torn))
    after = replace(after, stats=dict(after.stats, replan_s=time.perf_counter() - started))
    return after, _report(before, after, scenario, day, kept.released, how)


def _placed(before: DayPlan, kept: _Kept, available: Mapping[str, Application], orders_by_id: Mapping[str, Order],
            scenario: Scenario, day: dt.date, places: Places, settings: PlanSettings, say: Progress
            ) -> tuple[DayPlan, Mapping[str, str]]:
    """The day with the kept seats as published and everyone else placed again; and how each rides."""
    say(f"keeping {len(kept.assignments)} published seats; {len(kept.released)} must move")
    seating = Seating({(r.vehicle_id, r.trip): r for r in _kept_runs(before.runs, kept.assignments, settings)})
    seating.assignments.extend(kept.assignments)
    kept_ids = {a.application_id for a in kept.assignments}
    candidates = tuple(a for app_id, a in sorted(available.items()) if app_id not in kept_ids)
    say(f"matching {len(candidates)} new, released or waiting applicants to the free places")
    placed, unplaced = match_to_free_places(candidates, kept.assignments, orders_by_id, scenario, places, settings)
    unplaced = [_published_first(u) for u in unplaced]
    leftovers = join_runs(placed, seating, orders_by_id, scenario, places, settings)
    say(f"routing {len(leftovers)} workers who found no free seat on buses not used yet")
    new_runs, new_assignments, left_behind, warnings = _route_new(
        leftovers, orders_by_id, scenario, seating, places, settings
    )
    for a in new_assignments:
        seating.how[a.application_id] = f"rides bus {a.vehicle_id} on a run added for the change"
    after = DayPlan(
        date=day,
        scenario=scenario,
        runs=tuple(seating.runs.values()) + new_runs,
        assignments=tuple(sorted(seating.assignments + list(new_assignments), key=lambda a: a.application_id)),
        unassigned=tuple(sorted(unplaced + left_behind, key=lambda u: u.application_id)),
        settings=settings.as_dict(),
        stats={"kept": len(kept.assignments), "released": len(kept.released), "joined": len(placed) - len(leftovers)},
        warnings=warnings,
    )
    return after, seating.how


def _torn_teams(after: DayPlan, kept: _Kept, applications: Mapping[str, Application]) -> dict[str, str]:
    """Published members still riding whose team has a member left without a seat, with why they
    must be matched again: a team goes whole or not at all (DOMAIN.md), as `_why_team_moves` rules
    for a new member without the skill or a free place."""
    published = {a.application_id for a in kept.assignments}
    waiting = {u.application_id: u for u in after.unassigned}
    members: dict[str, list[str]] = defaultdict(list)
    for app_id in sorted(published | set(waiting)):
        if applications[app_id].team:
            members[applications[app_id].team].append(app_id)
    torn: dict[str, str] = {}
    for team, ids in sorted(members.items()):
        left = [m for m in ids if m in waiting]
        if left and len(left) < len(ids):
            why = (f"team {team} is matched again as a whole: new member {', '.join(left)} could not be "
                   f"placed ({waiting[left[0]].reason})")
            torn.update((m, why) for m in ids if m in published)
    return torn


def _changed_ids(then: Mapping[str, Any] | None, now: Mapping[str, Any]) -> dict[str, set[str]]:
    """Ids whose digest differs from the previous plan's (or that disappeared), per table."""
    if not then:
        return {table: set() for table in FINGERPRINT_TABLES}
    return {
        table: {i for i, digest in then.get(table, {}).items() if now[table].get(i) != digest}
        for table in FINGERPRINT_TABLES
    }


def _same_inputs(previous: Mapping[str, Any], then: Mapping[str, Any] | None, now: Mapping[str, Any],
                 scenario: Scenario, day: dt.date, settings: PlanSettings) -> bool:
    """Whether the inputs are those of the previous plan; a plan.json without fingerprint is judged by what it shows."""
    if then:
        return dict(then) == now
    requested = sum(o.workers for o in scenario.orders if o.date == day)
    shown = previous.get("summary", {}).get("workers_requested")
    return previous.get("settings") == settings.as_dict() and shown == requested


def _ride_times(plan: DayPlan) -> dict[tuple[str, str], tuple[int, int]]:
    """(trip, application id) → (departure where they board, arrival where they alight)."""
    boarded: dict[tuple[str, str], int] = {}
    alighted: dict[tuple[str, str], int] = {}
    for run in plan.runs:
        for stop in run.stops:
            boarded.update(((run.trip, a), stop.departure) for a in stop.board)
            alighted.update(((run.trip, a), stop.arrival) for a in stop.alight)
    return {key: (minute, alighted.get(key, minute)) for key, minute in boarded.items()}


def _keep(before: DayPlan, scenario: Scenario, day: dt.date, available: Mapping[str, Application],
          changed: Mapping[str, set[str]], forced: Mapping[str, str] | None = None) -> _Kept:
    """Previous assignments of applicants still available, minus those a change forces to move and
    those `forced` to (application id → why)."""
    times = _ride_times(before)
    unfit = _unfit_buses(before.runs, scenario, changed["fleet"])
    forced = forced or {}
    still = [a for a in before.assignments if a.application_id in available]
    released = {a.application_id: forced[a.application_id] for a in still if a.application_id in forced}
    for a in still:
        if a.application_id in released:
            continue
        why = _why_released(a, available[a.application_id], scenario, day, changed, times, unfit)
        if why:
            released[a.application_id] = why
    released.update(_beyond_smaller_orders([a for a in still if a.application_id not in released], scenario, available))
    count = Counter(a.order_id for a in still if a.application_id not in released)
    order_of = {a.application_id: a.order_id for a in still}
    teams: dict[str, list[str]] = defaultdict(list)
    for app in available.values():
        if app.team:
            teams[app.team].append(app.application_id)
    for team, ids in sorted(teams.items()):
        riding = [m for m in ids if m in order_of]
        newcomers = [m for m in ids if m not in order_of]
        why = _why_team_moves(team, riding, newcomers, released, count, order_of, scenario, available)
        for member in riding:
            if why and member not in released:
                released[member] = why
                count[order_of[member]] -= 1
    return _Kept(tuple(a for a in still if a.application_id not in released), released)


def _unfit_buses(runs: Iterable[BusRun], scenario: Scenario, changed: set[str]) -> set[str]:
    """Buses whose published runs they can no longer drive: changed digest, or other seats, hours or depot."""
    unfit = set(changed)
    for run in runs:
        bus = scenario.vehicles_by_id.get(run.vehicle_id)
        if bus is None:
            continue
        depot_moved = any(max(abs(s.lat - bus.depot_lat), abs(s.lon - bus.depot_lon)) > DEPOT_TOLERANCE_DEG
                          for s in run.stops if s.kind == "depot")
        if (run.seats != bus.seats or run.departure < bus.available_from or run.stops[-1].arrival > bus.available_to
                or depot_moved):
            unfit.add(run.vehicle_id)
    return unfit


def _beyond_smaller_orders(staying: list[Assignment], scenario: Scenario,
                           available: Mapping[str, Application]) -> dict[str, str]:
    """Those who no longer fit an order that now asks for fewer workers, with the reason.

    The order keeps whom matching ranks first (hardship cases, then whole teams, then lower ids),
    a team whole or not at all; only the rest move.
    """
    blocks: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for a in staying:
        app = available[a.application_id]
        blocks[a.order_id][app.team or f"\0{a.application_id}"].append(a.application_id)
    released: dict[str, str] = {}
    for order_id, by_block in sorted(blocks.items()):
        order = scenario.orders_by_id[order_id]
        placed = sum(len(ids) for ids in by_block.values())
        if placed <= order.workers:
            continue
        room = order.workers
        ranked = sorted(by_block.values(), key=lambda ids: (
            not any(available[m].priority for m in ids), len(ids) == 1 and not available[ids[0]].team, min(ids)))
        for ids in ranked:
            if len(ids) <= room:
                room -= len(ids)
                continue
            released.update((m, f"order {order_id} now asks for {order.workers} workers, fewer than the "
                                f"{placed} placed") for m in ids)
    return released


def _why_team_moves(team: str, riding: list[str], newcomers: list[str], released: Mapping[str, str],
                    count: Counter[str], order_of: Mapping[str, str], scenario: Scenario,
                    available: Mapping[str, Application]) -> str | None:
    """Why a published team must be matched again as a whole, or None; reserves its newcomers' places.

    A team goes whole to one order: when one member must move, or a new member cannot follow the
    others (lacking the skill, or no free place left), the whole team is matched again.
    """
    if not riding:
        return None
    moved = sorted(m for m in riding if m in released)
    if moved:
        return f"team {team} moves as a whole ({moved[0]}: {released[moved[0]]})"
    if len({order_of[m] for m in riding}) > 1:
        return f"team {team} now has members on orders {', '.join(sorted({order_of[m] for m in riding}))}"
    if not newcomers:
        return None
    order = scenario.orders_by_id[order_of[riding[0]]]
    lacking = [m for m in newcomers if order.skill not in available[m].skills]
    if lacking:
        return f"team {team} is matched again as a whole: new member {', '.join(lacking)} lacks {order.skill}"
    if count[order.order_id] + len(newcomers) > order.workers:
        return (f"team {team} is matched again as a whole: order {order.order_id} has no free place for "
                f"new member {', '.join(newcomers)}")
    count[order.order_id] += len(newcomers)
    return None


def _why_released(a: Assignment, app: Application, scenario: Scenario, day: dt.date,
                  changed: Mapping[str, set[str]], times: Mapping[tuple[str, str], tuple[int, int]],
                  unfit: set[str]) -> str | None:
    """Why a change forces this assignment to move, or None when it can stay as published.

    Besides the fingerprint, every rule is checked on what plan.json itself shows, so a plan
    written without fingerprint still moves whoever a change has made impossible to keep.
    """
    order = scenario.orders_by_id.get(a.order_id)
    if app.station_id != a.station_id or a.station_id in changed["stations"]:
        return f"the applicant's station changed ({a.station_id} → {app.station_id})"
    if order is None or order.date != day:
        return f"order {a.order_id} was withdrawn"
    if order.site_id != a.site_id or a.site_id in changed["sites"]:
        return f"the site of order {a.order_id} changed"
    if order.skill not in app.skills:
        return f"the applicant no longer lists {order.skill}, the skill order {a.order_id} asks for"
    morning, evening = times.get(("morning", a.application_id)), times.get(("evening", a.application_id))
    if (a.order_id in changed["orders"] or order.return_trip != (a.evening_vehicle_id is not None)
            or morning is None or morning[1] > order.shift_start
            or (evening is not None and evening[0] < order.shift_end)):
        return f"the shift or return trip of order {a.order_id} changed"
    for bus in (a.vehicle_id, a.evening_vehicle_id):
        vehicle = scenario.vehicles_by_id.get(bus) if bus else None
        if bus and vehicle is None:
            return f"bus {bus} is no longer in the fleet"
        if vehicle and bus in unfit:
            return f"bus {bus} changed (seats, hours or depot)"
    return None


def _kept_runs(runs: Iterable[BusRun], kept: tuple[Assignment, ...], settings: PlanSettings) -> list[BusRun]:
    """Previous runs with only kept passengers: loads recounted, empty stops and empty runs gone, times as they were."""
    riders = {"morning": {a.application_id for a in kept},
              "evening": {a.application_id for a in kept if a.evening_vehicle_id}}
    out: list[BusRun] = []
    for run in runs:
        aboard, load, stops = riders[run.trip], 0, []
        new_index: dict[int, int] = {}
        for index, stop in enumerate(run.stops):
            board = tuple(x for x in stop.board if x in aboard)
            alight = tuple(x for x in stop.alight if x in aboard)
            if stop.kind != "depot" and not board and not alight:
                continue
            load += len(board) - len(alight)
            new_index[index] = len(stops)
            stops.append(replace(stop, board=board, alight=alight, load=load))
        if not any(s.board for s in stops):
            continue
        distance = run.distance_km if len(stops) == len(run.stops) else _road_km(stops, settings)
        out.append(replace(run, stops=tuple(stops), distance_km=distance, rests=_kept_rests(run, new_index)))
    return out


def _kept_rests(run: BusRun, new_index: Mapping[int, int]) -> tuple[DriverRest, ...]:
    """The run's rests at their old times; one before a stop that is gone is now on the road to the next."""
    out = []
    for rest in run.rests:
        following = min(i for i in new_index if i >= rest.before)  # the run's end depot always stays
        gone = following != rest.before
        out.append(replace(rest, before=new_index[following], on_road=rest.on_road or gone))
    return tuple(out)


def _road_km(stops: list[PlanStop], settings: PlanSettings) -> float:
    """Kilometres along a run whose stops were thinned out, by the same travel model as the planner."""
    travel = TravelModel([s.lat for s in stops], [s.lon for s in stops],
                         road_factor=settings.road_factor, speed_kmh=settings.speed_kmh)
    return round(sum(float(travel.road_km[k, k + 1]) for k in range(len(stops) - 1)), 1)


def _published_first(unplaced: Unplaced) -> Unplaced:
    """An 'order full' sentence that also says published seats were not taken back."""
    if unplaced.reason != ORDER_FULL:
        return unplaced
    return replace(unplaced, detail=f"{unplaced.detail}; places already published stay with their workers")


def _route_new(placed: list[tuple[str, str]], orders: Mapping[str, Order], scenario: Scenario,
               seating: Seating, places: Places, settings: PlanSettings
               ) -> tuple[tuple[BusRun, ...], tuple[Assignment, ...], list[Unplaced], tuple[str, ...]]:
    """New loads routed, morning then evening, on the buses no kept run uses (as `dispatch.day` does)."""
    if not placed:
        return (), (), [], ()
    busy = {vehicle_id for vehicle_id, _ in seating.runs}
    spare = replace(scenario, fleet=tuple(b for b in scenario.fleet if b.vehicle_id not in busy))
    capacity = max((b.seats for b in spare.fleet), default=max((b.seats for b in scenario.fleet), default=1))
    loads = make_loads(placed, scenario.applications_by_id, {o.order_id: o.site_id for o in orders.values()}, capacity)
    routed = route_loads(loads, orders, spare, places, settings)
    return routed.runs, routed.assignments, list(routed.unplaced), routed.warnings


def _report(before: DayPlan, after: DayPlan, scenario: Scenario, day: dt.date,
            released: Mapping[str, str], how: Mapping[str, str]) -> ChangeReport:
    """One line per applicant whose bus or time differs between the two plans, or who came or went."""
    was = {a.application_id: a for a in before.assignments}
    now = {a.application_id: a for a in after.assignments}
    waited = {u.application_id: u for u in before.unassigned}
    waits = {u.application_id: u for u in after.unassigned}
    t0, t1 = _ride_times(before), _ride_times(after)
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
