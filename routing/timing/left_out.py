"""Requests left out put back where a vehicle still has room and time, rests kept.

The search stops at its budget and the rest repair takes requests off routes whose drivers could
not rest; either may leave out a pickup-and-delivery pair that fits on another route, or on an idle
vehicle. Each such pair, mandatory ones first and then the dearest to leave out, goes where it adds
the least cost, if that is below its penalty. Positions are tried cheapest detour first, each
checked by the timing that keeps windows, ride limits, hours and rests (`as_early_as_possible`),
and by the vehicle's capacity and driving limit.
"""

from __future__ import annotations

from dataclasses import replace

from routing.problem import Problem, Request, Vehicle
from routing.reasons import NO_ROOM_TO_REST, NO_VEHICLE, NOT_WORTH
from routing.solution import Route, Solution, Visit
from routing.timing.schedule import as_early_as_possible

RETRIED = (NO_VEHICLE, NOT_WORTH, NO_ROOM_TO_REST)
"""Reasons that say "no room found", not "impossible": worth another look."""
TIMINGS_PER_VEHICLE = 40
"""Positions whose timing is checked on one vehicle, cheapest detour first: bounds the work per request."""


def reinsert(problem: Problem, solution: Solution) -> Solution:
    """The solution with every left-out pair that fits somewhere put there, the cheapest way."""
    requests = {r.request_id: r for r in problem.requests}
    retried = [u for u in solution.unassigned if u.reason in RETRIED and _paired(requests[u.request_id])]
    if not retried:
        return solution
    routes = {r.vehicle_id: r for r in solution.routes}
    kept = [u for u in solution.unassigned if u not in retried]
    for miss in sorted(retried, key=lambda u: _dearest_first(requests[u.request_id])):
        request = requests[miss.request_id]
        placed = _cheapest_place(problem, routes, request)
        if placed is None or (request.penalty is not None and placed[0] >= request.penalty):
            kept.append(miss)
            continue
        routes[placed[1].vehicle_id] = placed[1]
    if len(kept) == len(solution.unassigned):
        return solution
    order = [v.vehicle_id for v in problem.vehicles]
    new_routes = tuple(sorted(routes.values(), key=lambda r: order.index(r.vehicle_id)))
    left = tuple(u for u in solution.unassigned if u in kept)
    objective = problem.routes_cost(new_routes) + sum(requests[u.request_id].penalty or 0 for u in left)
    return Solution(new_routes, left, objective, solution.stats)


def _paired(request: Request) -> bool:
    return request.pickup is not None and request.delivery is not None


def _dearest_first(request: Request) -> tuple[bool, int, str]:
    return request.penalty is not None, -(request.penalty or 0), request.request_id


def _cheapest_place(problem: Problem, routes: dict[str, Route], request: Request) -> tuple[int, Route] | None:
    """(added cost, new route) of the cheapest feasible insertion over all vehicles, or None."""
    best: tuple[int, Route] | None = None
    for vehicle in problem.vehicles:
        if request.load > vehicle.capacity:
            continue
        base = routes.get(vehicle.vehicle_id)
        fixed = 0 if base is not None else vehicle.fixed_cost
        base = base or _idle(problem, vehicle)
        for detour, visits in _insertions(problem, base, request, vehicle.capacity):
            cost = fixed + vehicle.distance_cost * detour
            if best is not None and cost >= best[0]:
                break  # the rest of this vehicle's positions cost more still
            timed = as_early_as_possible(problem, replace(base, visits=visits, distance=base.distance + detour))
            if timed is not None and _within_driving(problem, vehicle, timed):
                best = (cost, timed)
                break
    return best


def _idle(problem: Problem, vehicle: Vehicle) -> Route:
    """The route of a vehicle with nothing to do: straight from its start to its end."""
    ends = (Visit("start", vehicle.start, None, 0, 0, 0), Visit("end", vehicle.end, None, 0, 0, 0))
    return Route(vehicle.vehicle_id, ends, int(problem.distance[vehicle.start, vehicle.end]), 0)


def _insertions(
    problem: Problem, route: Route, request: Request, capacity: int
) -> list[tuple[int, tuple[Visit, ...]]]:
    """The route with the pair's pickup after visit i and its delivery after visit j (i <= j), for the
    positions within capacity: the TIMINGS_PER_VEHICLE shortest detours, shortest first."""
    assert request.pickup is not None and request.delivery is not None
    d = problem.distance
    visits = route.visits
    p, q = request.pickup.place, request.delivery.place
    options = []
    for i in range(len(visits) - 1):
        if visits[i].load + request.load > capacity:
            continue
        out = int(d[visits[i].place, p])
        for j in range(i, len(visits) - 1):
            if j > i and visits[j].load + request.load > capacity:
                break  # the pair would ride through a full stretch
            if i == j:
                detour = (out + int(d[p, q]) + int(d[q, visits[i + 1].place])
                          - int(d[visits[i].place, visits[i + 1].place]))
            else:
                detour = (out + int(d[p, visits[i + 1].place]) - int(d[visits[i].place, visits[i + 1].place])
                          + int(d[visits[j].place, q]) + int(d[q, visits[j + 1].place])
                          - int(d[visits[j].place, visits[j + 1].place]))
            options.append((detour, i, j))
    options.sort()
    return [(detour, _with_pair(visits, request, i, j)) for detour, i, j in options[:TIMINGS_PER_VEHICLE]]


def _with_pair(visits: tuple[Visit, ...], request: Request, i: int, j: int) -> tuple[Visit, ...]:
    assert request.pickup is not None and request.delivery is not None
    load = request.load
    aboard = [replace(v, load=v.load + load) for v in visits[i + 1:j + 1]]
    pickup = Visit("pickup", request.pickup.place, request.request_id, 0, 0, visits[i].load + load)
    delivery = Visit("delivery", request.delivery.place, request.request_id, 0, 0, visits[j].load)
    return (*visits[:i + 1], pickup, *aboard, delivery, *visits[j + 1:])


def _within_driving(problem: Problem, vehicle: Vehicle, route: Route) -> bool:
    if vehicle.max_driving is None:
        return True
    return problem.driving(route) <= vehicle.max_driving
