"""Evening runs handed to another bus where one driver's whole day would drive too long.

The search plans each trip within the 4-hour rule but cannot see a driver's whole day: a bus that
went far in the morning may be given an evening run that takes its driver over the daily limit.
Such a run is routed again on each bus with no evening run of its own (from where that bus waited,
or its depot), and the shortest that keeps both drivers within the limit takes it; the first bus
then drives home after its morning. What no bus can take stays, and the plan warns of it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from itertools import pairwise

from data.records import Vehicle as Bus
from dispatch.buses.loads import Load
from dispatch.places import Places
from dispatch.settings import PlanSettings
from routing import Problem, Route, Solution, SolveParams, as_early_as_possible, solve

TripProblem = Callable[[tuple[Load, ...], tuple[Bus, ...]], Problem]
"""The evening problem for some loads on some buses (hours as the evening trip gives them)."""


def driving_seconds(problem: Problem, route: Route) -> int:
    """Seconds at the wheel along a route: every leg's travel, rests and waits left out."""
    return sum(int(problem.duration[a.place, b.place]) for a, b in pairwise(route.visits))


def hand_over_long_days(
    morning: tuple[Problem, Solution],
    evening: tuple[Problem, Solution],
    loads: Mapping[str, Load],
    fleet: tuple[Bus, ...],
    evening_problem: TripProblem,
    places: Places,
    settings: PlanSettings,
    params: SolveParams,
) -> Solution:
    """The evening solution with runs moved off buses whose drivers' days would be too long."""
    (morning_problem, morning_solution), (problem, solution) = morning, evening
    limit = {b.vehicle_id: settings.daily_driving_min(b) * 60 for b in fleet}
    driven = {r.vehicle_id: driving_seconds(morning_problem, r) for r in morning_solution.routes}
    last_place = {r.vehicle_id: r.visits[-2].place for r in morning_solution.routes}
    routes = list(solution.routes)
    for index, route in enumerate(routes):
        bus = route.vehicle_id
        if driven.get(bus, 0) + driving_seconds(problem, route) <= limit[bus]:
            continue
        home = _home_leg(problem, places, bus, last_place.get(bus))
        busy = {r.vehicle_id for r in routes}
        run_loads = tuple(loads[rid] for rid in dict.fromkeys(route.request_ids()))
        best: Route | None = None
        for other in (b for b in fleet if b.vehicle_id not in busy):
            trial_problem = evening_problem(run_loads, (other,))
            trial = solve(trial_problem, params)
            if trial.unassigned or not trial.routes:
                continue
            moved = as_early_as_possible(trial_problem, trial.routes[0]) or trial.routes[0]
            if driven.get(other.vehicle_id, 0) + driving_seconds(trial_problem, moved) > limit[other.vehicle_id]:
                continue
            if best is None or moved.distance < best.distance:
                best = moved
        if best is not None and driven.get(bus, 0) + home <= limit[bus]:
            routes[index] = best  # the smaller problem has the same places, so the route holds in the full one
    return dataclasses.replace(solution, routes=tuple(routes))


def _home_leg(problem: Problem, places: Places, bus: str, waited_at: int | None) -> int:
    depot = places.depot(bus).index
    return 0 if waited_at is None else int(problem.duration[waited_at, depot])
