"""Routes that keep their drivers' rests: re-timed to make room, or relieved of requests if no timing can.

The search ignores rest rules: OR-Tools 9.15's break constraints reject routes that need two rests
and can stall its first-solution heuristics outright (google/or-tools#3897, #3941; measured here,
a county day with a 260-minute limit came back with every request dropped). So every route whose
driver has a rule is checked afterwards: first its own timing, then the earliest timing with spare
time made for the rests, and only then are requests taken off it, the cheapest to leave out first,
until a timing fits. What is taken off comes back unassigned with a sentence saying why.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from routing.problem import Problem
from routing.reasons import NO_ROOM_TO_REST
from routing.solution import Route, Solution, Unassigned
from routing.timing.rests import place_rests
from routing.timing.schedule import as_early_as_possible


def with_rests(problem: Problem, solution: Solution) -> Solution:
    """The solution with every route leaving room for its driver's rests (and those rests listed)."""
    vehicles = {v.vehicle_id: v for v in problem.vehicles}
    routes: list[Route] = []
    dropped: list[str] = []
    for route in solution.routes:
        rule = vehicles[route.vehicle_id].rest_rule
        rests = None if rule is None else place_rests(problem, route, rule)
        if rule is None or rests is not None:
            routes.append(route if rests is None else replace(route, rests=rests))
            continue
        fitted, removed = _fit(problem, route)
        routes += [fitted] if fitted is not None else []
        dropped += removed
    if not dropped:
        return replace(solution, routes=tuple(routes))
    unassigned = solution.unassigned + tuple(
        Unassigned(rid, NO_ROOM_TO_REST, f"Request {rid} was taken off the route of its vehicle: no timing left its "
                                    "driver room for the rests the rule needs.")
        for rid in dropped
    )
    return Solution(tuple(routes), unassigned, _objective(problem, routes, unassigned), solution.stats)


def _fit(problem: Problem, route: Route) -> tuple[Route | None, list[str]]:
    """The route re-timed for its rests, after taking off as few requests as this greedy finds."""
    removed: list[str] = []
    while True:
        timed = as_early_as_possible(problem, route)
        if timed is not None:
            return timed, removed
        candidates = _cheapest_first(problem, route)
        for rid in candidates:
            trial = _without(problem, route, rid)
            timed = as_early_as_possible(problem, trial) if trial is not None else None
            if timed is not None:
                return timed, [*removed, rid]
        rest = _without(problem, route, candidates[0])
        removed.append(candidates[0])
        if rest is None:
            return None, removed
        route = rest


def _cheapest_first(problem: Problem, route: Route) -> list[str]:
    """The route's requests, optional ones by penalty first, then the mandatory ones, the last served first."""
    penalty = {r.request_id: r.penalty for r in problem.requests}
    ids = list(dict.fromkeys(route.request_ids()))
    order = {rid: position for position, rid in enumerate(ids)}
    return sorted(ids, key=lambda rid: (penalty[rid] is None, penalty[rid] or 0, -order[rid]))


def _without(problem: Problem, route: Route, request_id: str) -> Route | None:
    """The route with one request's visits taken out, loads and distance recounted (None if it is empty).

    Times are left as they were: the caller re-times the route.
    """
    requests = {r.request_id: r for r in problem.requests}
    kept = [v for v in route.visits if v.request_id != request_id]
    if len(kept) <= 2:
        return None
    load = sum(requests[rid].load for rid in {v.request_id for v in kept if v.request_id}
               if requests[rid].pickup is None)
    visits = []
    for visit in kept:
        if visit.kind in ("pickup", "delivery"):
            load += requests[visit.request_id or ""].load * (1 if visit.kind == "pickup" else -1)
        visits.append(replace(visit, load=load))
    distance = sum(int(problem.distance[a.place, b.place]) for a, b in pairwise(kept))
    return replace(route, visits=tuple(visits), distance=distance, rests=())


def _objective(problem: Problem, routes: list[Route], unassigned: tuple[Unassigned, ...]) -> int:
    """Fixed and distance costs of the routes, plus the penalties of the optional requests left out."""
    penalty = {r.request_id: r.penalty or 0 for r in problem.requests}
    return problem.routes_cost(routes) + sum(penalty[u.request_id] for u in unassigned)
