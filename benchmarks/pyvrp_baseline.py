"""The same `Problem` solved by PyVRP, the reference the issue measures us against (dev only).

PyVRP gets exactly our integer matrices, fleet, fixed and distance costs, so both solvers see the
same instance; routes come back as place indices for the caller to score in the instance's terms.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyvrp import Model
from pyvrp.stop import MaxRuntime

from routing import Problem


@dataclass(frozen=True)
class BaselineResult:
    routes: list[list[int]]
    """Each route as the place indices of its stops, depot excluded."""
    feasible: bool


def solve_with_pyvrp(problem: Problem, time_limit_s: float, seed: int) -> BaselineResult:
    model = Model()
    locations = [model.add_location(x=0, y=0, name=str(p)) for p in range(problem.num_places)]
    depots = {}
    for vehicle in problem.vehicles:
        for place in (vehicle.start, vehicle.end):
            if place not in depots:
                depots[place] = model.add_depot(locations[place])
    for kind, count in _vehicle_kinds(problem).items():
        capacity, start, end, earliest, latest, fixed, per_distance = kind
        model.add_vehicle_type(
            count,
            capacity=capacity,
            start_depot=depots[start],
            end_depot=depots[end],
            tw_early=earliest,
            tw_late=latest,
            fixed_cost=fixed,
            unit_distance_cost=per_distance,
        )
    steps: list[tuple[str, int]] = []
    for request in problem.requests:
        if request.pickup is not None and request.delivery is not None:
            p, d = request.pickup, request.delivery
            model.add_shipment(
                locations[p.place], locations[d.place], p.earliest, p.latest, p.service,
                d.earliest, d.latest, d.service, amount=request.load,
            )
            steps.append(("shipment", len(steps)))
        else:
            stop = request.pickup or request.delivery
            assert stop is not None
            collected = request.pickup is not None
            model.add_client(
                locations[stop.place], service_duration=stop.service, tw_early=stop.earliest, tw_late=stop.latest,
                pickup=request.load if collected else 0, delivery=0 if collected else request.load,
            )
    for a, frm in enumerate(locations):
        for b, to in enumerate(locations):
            model.add_edge(frm, to, distance=int(problem.distance[a, b]), duration=int(problem.duration[a, b]))
    result = model.solve(MaxRuntime(time_limit_s), seed=seed, display=False)
    return BaselineResult(_routes(problem, result.best), result.is_feasible())


def _vehicle_kinds(problem: Problem) -> dict[tuple, int]:
    kinds: dict[tuple, int] = {}
    for v in problem.vehicles:
        key = (v.capacity, v.start, v.end, v.earliest, v.latest, v.fixed_cost, v.distance_cost)
        kinds[key] = kinds.get(key, 0) + 1
    return kinds


def _routes(problem: Problem, solution) -> list[list[int]]:
    """Place indices per route: clients and shipments are numbered in the order they were added."""
    pairs = [r for r in problem.requests if r.pickup is not None and r.delivery is not None]
    singles = [r for r in problem.requests if not (r.pickup is not None and r.delivery is not None)]
    routes = []
    for route in solution.routes():
        places = []
        for activity in route.schedule():
            if activity.is_depot():
                continue
            if activity.is_client():
                stop = singles[activity.idx].pickup or singles[activity.idx].delivery
            elif activity.is_pickup():
                stop = pairs[activity.idx].pickup
            else:
                stop = pairs[activity.idx].delivery
            places.append(stop.place)
        routes.append(places)
    return routes
