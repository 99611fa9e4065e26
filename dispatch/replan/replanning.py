"""Re-plan a day after late changes, keeping what was already published unless a change forces it.

Drivers, station staff and workers already hold the published plan, so a late change should move
as few people as possible: kept passengers keep their bus, stop and times; cancelled ones leave
their seat free; newcomers first take free seats on runs already passing their station and site,
and only the rest get new buses. The change report tells the dispatcher whom to call, and why.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from data.records import Application, Order, Scenario
from dispatch.buses import Seating, join_runs, make_loads, match_to_free_places, route_loads
from dispatch.fingerprint import inputs_fingerprint
from dispatch.places import Places
from dispatch.plan import Assignment, BusRun, DayPlan, Progress, PublishedPlan
from dispatch.reasons import ORDER_FULL, Unplaced, set_aside_unplaced
from dispatch.replan.keep import Kept, changed_ids, keep, torn_teams
from dispatch.replan.report import ChangeReport, changes_between
from dispatch.replan.runs import kept_runs
from dispatch.settings import PlanSettings


def replan(
    published: PublishedPlan,
    scenario: Scenario,
    day: dt.date,
    settings: PlanSettings,
    progress: Progress | None = None,
) -> tuple[DayPlan, ChangeReport]:
    """The day re-planned from the `published` plan (read by `dispatch.outputs.read_published_plan`)
    and today's inputs.

    With nothing that matters changed, the published plan comes back as it was, so its plan.json is
    byte for byte the same.
    """
    say = progress or (lambda _msg: None)
    before = published.plan
    now = inputs_fingerprint(replace(before, settings=settings.as_dict()))
    then = published.inputs
    available = {a.application_id: a for a in scenario.applications if a.available_on(day)}
    listed = {a.application_id for a in before.assignments} | {u.application_id for u in before.unassigned}
    set_aside = {u.application_id for u in set_aside_unplaced(scenario, day)}
    same = set(available) | set_aside == listed and _same_inputs(published, now, scenario, day, settings)
    if same and then:
        say("nothing that matters changed since the previous plan: it stands as published")
        return _drawn_on_roads(before, scenario, settings), ChangeReport()
    changed = changed_ids(then, now)
    kept = keep(before, scenario, day, available, changed)
    if same and not kept.released:
        say("nothing the previous plan shows has changed: it stands as published")
        return _drawn_on_roads(before, scenario, settings), ChangeReport()

    started = time.perf_counter()
    orders_by_id = {o.order_id: o for o in scenario.orders if o.date == day}
    places = Places(scenario, road_factor=settings.road_factor, speeds=settings.speeds(), roads=settings.roads,
                    progress=say)
    while True:  # each pass but the last sends at least one more published member back to matching
        after, how = _placed(before, kept, available, orders_by_id, scenario, day, places, settings, say)
        torn = torn_teams(after, kept, scenario.applications_by_id)
        if not torn:
            break
        say(f"{len(torn)} published team members are matched again: a new member of their team was not placed")
        kept = keep(before, scenario, day, available, changed, dict(kept.released, **torn))
    after = replace(after, stats=dict(after.stats, replan_s=time.perf_counter() - started))
    return after, changes_between(before, after, scenario, day, kept.released, how)


def _drawn_on_roads(plan: DayPlan, scenario: Scenario, settings: PlanSettings) -> DayPlan:
    """The published plan as it stands; on roads, with its runs' road lines (plan.json keeps none) for the map."""
    if settings.roads is None:
        return plan
    places = Places(scenario, road_factor=settings.road_factor, speeds=settings.speeds(), roads=settings.roads)
    return replace(plan, lines=places.run_lines(plan.runs))


def _same_inputs(published: PublishedPlan, now: Mapping[str, Any], scenario: Scenario, day: dt.date,
                 settings: PlanSettings) -> bool:
    """Whether the inputs are those of the previous plan; a plan.json without fingerprint is judged by what it shows."""
    if published.inputs:
        return dict(published.inputs) == now
    requested = sum(o.workers for o in scenario.orders if o.date == day)
    return published.plan.settings == settings.as_dict() and published.workers_requested == requested


def _placed(before: DayPlan, kept: Kept, available: Mapping[str, Application], orders_by_id: Mapping[str, Order],
            scenario: Scenario, day: dt.date, places: Places, settings: PlanSettings, say: Progress
            ) -> tuple[DayPlan, Mapping[str, str]]:
    """The day with the kept seats as published and everyone else placed again; and how each rides."""
    say(f"keeping {len(kept.assignments)} published seats; {len(kept.released)} must move")
    seating = Seating({(r.vehicle_id, r.trip): r for r in kept_runs(before.runs, kept.assignments, settings, places)})
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
        unassigned=tuple(sorted(unplaced + left_behind + list(set_aside_unplaced(scenario, day)),
                                key=lambda u: u.application_id)),
        settings=settings.as_dict(),
        stats={"kept": len(kept.assignments), "released": len(kept.released), "joined": len(placed) - len(leftovers)},
        warnings=(places.roads.warnings if places.roads else ()) + tuple(warnings),
        roads=places.roads.record if places.roads else None,
        lines=places.run_lines(tuple(seating.runs.values()) + new_runs),
    )
    return after, seating.how


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
