"""Plan one day: match applicants to orders, route the morning and evening buses, build the DayPlan.

Each step is a pure function of the previous step's result; progress goes to an optional callback.
"""

from __future__ import annotations

import datetime as dt
import time

from data.records import Scenario
from dispatch.buses import broken_rules, bus_days, fill_free_seats, make_loads, route_loads
from dispatch.matching import match_day
from dispatch.places import Places
from dispatch.plan import DayPlan, PlanHistory, Progress
from dispatch.reasons import set_aside_unplaced
from dispatch.settings import PlanSettings


def plan_day(
    scenario: Scenario, day: dt.date, settings: PlanSettings, progress: Progress | None = None,
    history: PlanHistory | None = None,
) -> DayPlan:
    """The bus plan for `day`: every applicant available that day ends up on a bus or unassigned.
    With `history` (from the ledger), those turned away on recent days come first among equals, after
    hardship cases, for places and for seats; the plan carries it for the manifests' no-show flags."""
    history = history or PlanHistory()
    first = frozenset(history.seat_first)
    say = progress or (lambda _msg: None)
    clock = time.perf_counter()
    applicants = tuple(a for a in scenario.applications if a.available_on(day))
    orders = tuple(o for o in scenario.orders if o.date == day)
    orders_by_id = {o.order_id: o for o in orders}
    places = Places(scenario, road_factor=settings.road_factor, speeds=settings.speeds(), roads=settings.roads,
                    progress=say)

    say(f"matching {len(applicants)} applicants to {len(orders)} orders")
    matched = match_day(applicants, orders, scenario, places, settings, first)
    matching_s = time.perf_counter() - clock
    loads = make_loads(
        ((m.application_id, m.order_id) for m in matched.matches),
        scenario.applications_by_id,
        {o.order_id: o.site_id for o in orders},
        max((b.seats for b in scenario.fleet), default=0),
    )
    routed = route_loads(loads, orders_by_id, scenario, places, settings, say, first)
    runs, assignments, unplaced = fill_free_seats(
        routed.runs, routed.assignments, tuple(matched.unplaced) + routed.unplaced, orders_by_id, scenario, places,
        settings,
    )
    buses = scenario.vehicles_by_id
    drivers = tuple(w for day in bus_days(runs, settings.road_factor)
                    for w in broken_rules(day, settings, settings.daily_driving_min(buses[day.vehicle_id])))
    return DayPlan(
        date=day,
        scenario=scenario,
        runs=runs,
        assignments=assignments,
        unassigned=tuple(sorted(unplaced + set_aside_unplaced(scenario, day), key=lambda u: u.application_id)),
        settings=settings.as_dict(),
        stats={"matching_s": matching_s, "matching": matched.stats, **routed.stats,
               "filled": len(assignments) - len(routed.assignments)},
        warnings=(places.roads.warnings if places.roads else ()) + routed.warnings + drivers,
        history=history,
        roads=places.roads.record if places.roads else None,
        lines=places.run_lines(runs),
    )
