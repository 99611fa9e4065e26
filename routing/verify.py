"""An independent re-check of a solution against the problem's plain data (no OR-Tools object).

Everything the solver promises is recomputed here from the matrices and the requests: coverage,
pairing and precedence, loads and capacity, arrival times, time windows, vehicle hours, ride
limits, drivers' rests and time at the wheel, and the reported distances and durations. An empty
list means the solution is valid.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

from routing.problem import Problem, Request, RestRule, Vehicle
from routing.solution import Route, Solution, Visit


def verify(problem: Problem, solution: Solution) -> list[str]:
    """Every violation found, one sentence each naming the route, visit or request."""
    requests = {r.request_id: r for r in problem.requests}
    vehicles = {v.vehicle_id: v for v in problem.vehicles}
    problems = _coverage(problem, solution)
    used = Counter(r.vehicle_id for r in solution.routes)
    problems += [f"vehicle {v} has {n} routes" for v, n in sorted(used.items()) if n > 1]
    for route in solution.routes:
        vehicle = vehicles.get(route.vehicle_id)
        if vehicle is None:
            problems.append(f"route uses unknown vehicle {route.vehicle_id}")
            continue
        problems += _route_problems(problem, route, vehicle, requests)
    return problems


def _coverage(problem: Problem, solution: Solution) -> list[str]:
    known = [r.request_id for r in problem.requests]
    served = [rid for route in solution.routes for rid in dict.fromkeys(route.request_ids())]
    left = [u.request_id for u in solution.unassigned]
    counts = Counter(served + left)
    found = [
        f"request {rid} appears {n} times across routes and unassigned" for rid, n in sorted(counts.items()) if n > 1
    ]
    found += [f"request {rid} is neither served nor unassigned" for rid in known if rid not in counts]
    found += [f"unknown request {rid} in the solution" for rid in sorted(set(counts) - set(known))]
    return found


def _route_problems(problem: Problem, route: Route, vehicle: Vehicle, requests: dict[str, Request]) -> list[str]:
    name = f"route of {route.vehicle_id}"
    visits = route.visits
    if len(visits) < 3 or visits[0].kind != "start" or visits[-1].kind != "end":
        return [f"{name} must be start, at least one stop, end"]
    found = []
    if visits[0].place != vehicle.start or visits[-1].place != vehicle.end:
        found.append(f"{name} does not start at place {vehicle.start} and end at place {vehicle.end}")
    middle = visits[1:-1]
    if any(v.kind not in ("pickup", "delivery") for v in middle):
        found.append(f"{name} has a start or end visit in the middle")
        return found
    found += _stops_match(name, middle, requests)
    if found:
        return found
    found += _loads(problem, name, visits, vehicle, requests)
    found += _times(problem, name, visits, vehicle, requests)
    found += _totals(problem, name, route)
    driving = problem.driving(route)
    if vehicle.max_driving is not None and driving > vehicle.max_driving:
        found.append(f"{name} drives {driving}, over its limit {vehicle.max_driving}")
    if vehicle.rest_rule is not None and not found:
        found += _rests(problem, name, route, vehicle.rest_rule, requests)
    return found


def _stops_match(name: str, middle: tuple[Visit, ...], requests: dict[str, Request]) -> list[str]:
    """Each request's stops appear once, at the right places, the pickup before the delivery."""
    found = []
    seen: dict[str, list[str]] = {}
    for visit in middle:
        request = requests.get(visit.request_id or "")
        if request is None:
            found.append(f"{name} visits unknown request {visit.request_id}")
            continue
        stop = request.stop(visit.kind)
        if stop is None:
            found.append(f"{name} has a {visit.kind} for request {request.request_id}, which has none")
        elif stop.place != visit.place:
            found.append(
                f"{name} serves the {visit.kind} of {request.request_id} at place {visit.place}, not {stop.place}"
            )
        seen.setdefault(request.request_id, []).append(visit.kind)
    for rid, kinds in seen.items():
        request = requests[rid]
        expected = [k for k, s in (("pickup", request.pickup), ("delivery", request.delivery)) if s is not None]
        if kinds != expected:
            found.append(f"{name} serves request {rid} as {kinds}, expected {expected} in that order")
    return found


def _loads(
    problem: Problem, name: str, visits: tuple[Visit, ...], vehicle: Vehicle, requests: dict[str, Request]
) -> list[str]:
    ids = {v.request_id for v in visits[1:-1]}
    load = sum(requests[rid].load for rid in ids if rid is not None and requests[rid].pickup is None)
    found = []
    for position, visit in enumerate(visits):
        if visit.kind in ("pickup", "delivery"):
            request = requests[visit.request_id or ""]
            load += request.load if visit.kind == "pickup" else -request.load
        if visit.load != load:
            found.append(f"{name} visit {position} reports load {visit.load}, but it is {load}")
        if load > vehicle.capacity:
            found.append(f"{name} visit {position} carries {load}, over capacity {vehicle.capacity}")
    return found


def _times(
    problem: Problem, name: str, visits: tuple[Visit, ...], vehicle: Vehicle, requests: dict[str, Request]
) -> list[str]:
    found = []
    first, last = visits[0], visits[-1]
    if not vehicle.earliest <= first.start <= vehicle.latest:
        found.append(f"{name} leaves at {first.start}, outside the vehicle hours {vehicle.earliest}-{vehicle.latest}")
    if max(last.arrival, last.start) > vehicle.latest:
        found.append(f"{name} ends at {max(last.arrival, last.start)}, after the vehicle's latest {vehicle.latest}")
    departures: dict[str, int] = {}
    for position, (previous, visit) in enumerate(pairwise(visits), start=1):
        service = _service(previous, requests)
        expected = previous.start + service + int(problem.duration[previous.place, visit.place])
        if visit.arrival != expected:
            found.append(f"{name} visit {position} reports arrival {visit.arrival}, travel gives {expected}")
        if visit.start < visit.arrival:
            found.append(f"{name} visit {position} starts service at {visit.start}, before arriving at {visit.arrival}")
        if visit.kind == "end":
            continue
        request = requests[visit.request_id or ""]
        stop = request.stop(visit.kind)
        assert stop is not None
        if not stop.earliest <= visit.start <= stop.latest:
            found.append(
                f"{name} serves the {visit.kind} of {request.request_id} at {visit.start}, "
                f"outside its window {stop.earliest}-{stop.latest}"
            )
        if visit.kind == "pickup":
            departures[request.request_id] = visit.start + stop.service
        elif request.max_ride is not None and request.request_id in departures:
            ride = visit.start - departures[request.request_id]
            if ride > request.max_ride:
                found.append(f"{name}: request {request.request_id} rides {ride}, over its limit {request.max_ride}")
    return found


def _rests(problem: Problem, name: str, route: Route, rule: RestRule, requests: dict[str, Request]) -> list[str]:
    """The declared rests fit the idle time of their legs and no driving stretch between them is too long.

    Driving is travel time alone; the start and end of the route count as rests.
    """
    found = []
    at = {r.before: r for r in route.rests}
    if len(at) != len(route.rests):
        found.append(f"{name} declares two rests in one leg")
    driving = 0
    visits = route.visits
    for index in range(1, len(visits)):
        departure = visits[index - 1].start + _service(visits[index - 1], requests)
        travel = int(problem.duration[visits[index - 1].place, visits[index].place])
        rest = at.pop(index, None)
        if rest is None:
            driving += travel
        else:
            before = rest.start - departure if rest.on_road else travel
            if rest.duration < rule.rest or not 0 <= before <= travel or rest.start < departure + before:
                found.append(f"{name}: the rest before visit {index} is too short or outside its leg")
            if rest.start + rest.duration + (travel - before) > visits[index].start:
                found.append(f"{name}: the rest before visit {index} does not fit before service starts")
            driving += before
        if driving > rule.max_driving:
            found.append(f"{name} drives {driving} without a rest by visit {index}, over {rule.max_driving}")
            driving = 0
        if rest is not None:
            driving = travel - before
    found += [f"{name} declares a rest before visit {i}, which does not exist" for i in sorted(at)]
    return found


def _service(visit: Visit, requests: dict[str, Request]) -> int:
    if visit.kind not in ("pickup", "delivery"):
        return 0
    request = requests[visit.request_id or ""]
    stop = request.stop(visit.kind)
    return stop.service if stop is not None else 0


def _totals(problem: Problem, name: str, route: Route) -> list[str]:
    places = [v.place for v in route.visits]
    distance = sum(int(problem.distance[a, b]) for a, b in pairwise(places))
    found = []
    if route.distance != distance:
        found.append(f"{name} reports distance {route.distance}, the matrix gives {distance}")
    duration = route.visits[-1].start - route.visits[0].start
    if route.duration != duration:
        found.append(f"{name} reports duration {route.duration}, its visits give {duration}")
    return found
