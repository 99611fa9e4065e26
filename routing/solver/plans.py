"""Plans as the phases hand them on: each used vehicle's stops in order, and the helpers that cut and
price them. Plain data, so a plan can cross a process boundary."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from routing.problem import Problem
from routing.solution import Route, Visit, VisitKind

PICKUP, DELIVERY = "pickup", "delivery"
StopKey = tuple[int, str]
"""(request index in the problem, 'pickup' or 'delivery')."""

Plan = dict[int, list[StopKey]]
"""Vehicle index in the problem → the stops it serves, in order. Only used vehicles appear."""
Stats = dict[str, Any]
"""What a search tells of itself, for `Solution.stats`: vehicles after each phase, reductions, a failed phase."""


@dataclass(frozen=True)
class Result:
    plan: Plan
    routes: tuple[Route, ...]
    served: frozenset[int]

    def cost(self, problem: Problem) -> int:
        return problem.routes_cost(self.routes)


def plan_routes(plan: Plan) -> list[list[StopKey]]:
    """The plan's routes by vehicle, lowest first: what a search outside OR-Tools starts from."""
    return [plan[v] for v in sorted(plan)]


def on_plan_vehicles(plan: Plan, routes: list[list[StopKey]]) -> Plan:
    """Routes from a search outside OR-Tools (as many as `plan` has, or fewer) put on `plan`'s
    vehicles, lowest first."""
    return dict(zip(sorted(plan), routes))


def timed(problem: Problem, plan: Plan) -> Result:
    """`plan` with every stop served as early as its windows allow, from each vehicle's earliest
    start: the timing a search outside OR-Tools keeps feasible, with no model to build (which takes
    seconds at 1000 stops, and may not finish in the last moments of a budget)."""
    routes = []
    for v in sorted(plan):
        vehicle = problem.vehicles[v]
        time = vehicle.earliest
        load = sum(problem.requests[i].load for i, _ in plan[v] if problem.requests[i].pickup is None)
        visits = [Visit("start", vehicle.start, None, time, time, load)]
        place, service, distance = vehicle.start, 0, 0
        for i, kind in plan[v]:
            request = problem.requests[i]
            stop = request.stop(kind)
            assert stop is not None  # a plan names the stops its requests have
            arrival = time + service + int(problem.duration[place, stop.place])
            time = max(arrival, stop.earliest)
            load += request.load if kind == PICKUP else -request.load
            distance += int(problem.distance[place, stop.place])
            shown: VisitKind = "pickup" if kind == PICKUP else "delivery"
            visits.append(Visit(shown, stop.place, request.request_id, arrival, time, load))
            place, service = stop.place, stop.service
        arrival = time + service + int(problem.duration[place, vehicle.end])
        distance += int(problem.distance[place, vehicle.end])
        visits.append(Visit("end", vehicle.end, None, arrival, arrival, load))
        routes.append(Route(vehicle.vehicle_id, tuple(visits), distance, arrival - visits[0].start))
    return Result(plan, tuple(routes), frozenset(i for stops in plan.values() for i, _ in stops))


def plan_of(problem: Problem, routes: Iterable[Route]) -> Plan:
    """Routes of an earlier answer as a plan of `problem`; stops of requests or vehicles it does not
    have are left out."""
    requests = {r.request_id: i for i, r in enumerate(problem.requests)}
    vehicles = {v.vehicle_id: i for i, v in enumerate(problem.vehicles)}
    plan: Plan = {}
    for route in routes:
        stops: list[StopKey] = [(requests[v.request_id], v.kind) for v in route.visits
                 if v.kind in (PICKUP, DELIVERY) and v.request_id in requests]
        if route.vehicle_id in vehicles and stops:
            plan[vehicles[route.vehicle_id]] = stops
    return plan


def nearest(problem: Problem, plan: Plan, around: int, count: int) -> list[int]:
    """The `count` requests in `plan` whose stops are nearest those of request `around`."""
    seed = problem.requests[around]

    def remoteness(i: int) -> int:
        request = problem.requests[i]
        pairs = [(seed.stop(k), request.stop(k)) for k in (PICKUP, DELIVERY)]
        return sum(int(problem.distance[a.place, b.place]) for a, b in pairs if a is not None and b is not None)

    planned = sorted({i for stops in plan.values() for i, _ in stops})
    return sorted(planned, key=lambda i: (remoteness(i), i))[:count]


def without(plan: Plan, removed: Iterable[int]) -> Plan:
    """`plan` with the stops of the `removed` requests taken out, the others kept in order."""
    gone = set(removed)
    return {v: [key for key in stops if key[0] not in gone] for v, stops in plan.items()}


def must_serve(problem: Problem) -> int:
    """A drop penalty above the cost of any whole solution, so dropping is the last resort."""
    bound = _route_cost_bound(problem)
    return bound * max(1, len(problem.vehicles)) + 1


def insertion_penalty(problem: Problem) -> int:
    """A drop penalty above any single insertion's cost, so every request that fits gets inserted."""
    max_arc = int(problem.distance.max()) if problem.distance.size else 0
    max_cost = max(v.distance_cost for v in problem.vehicles)
    return 4 * max_arc * max_cost * 10 + 1


def _route_cost_bound(problem: Problem) -> int:
    max_arc = int(problem.distance.max()) if problem.distance.size else 0
    stops = sum(len(r.stops()) for r in problem.requests) + 2
    return max(v.fixed_cost + v.distance_cost * max_arc * stops for v in problem.vehicles)
