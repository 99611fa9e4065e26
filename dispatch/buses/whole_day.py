"""A bus's whole day as one routing problem: its morning and evening runs decided together.

Routed alone, the morning sees nothing of what its last drop-off costs later: a bus that ends the
morning in Haikou looks as cheap as one that ends beside its depot, so the morning sends two coaches
where one would do and the evening must fetch both loads home. Here each bus has one route from its
depot and back, carrying every load out (before its shift) and home (after it), within the day's
driving limit over both. The route is then cut where its morning ends, the last drop-off before the
first evening pickup, where the bus waits; each half is timed and checked on its own trip's problem
(`dispatch.buses.trips`) exactly as a trip routed alone would be.

The search starts from the two trips routed in turn, joined bus by bus (`day_start`): alone, it left
out one- and two-worker loads that the trips routed in turn carry.

It applies when no morning drop-off may come after a shift ends, so no route can mix the two trips.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from itertools import pairwise

from data.records import Application, Order
from data.records import Vehicle as Bus
from dispatch.buses.loads import Load
from dispatch.buses.trips import (
    BusHours,
    bus_vehicles,
    distance_costs,
    fixed_costs,
    trip_requests,
    worker_penalty,
)
from dispatch.places import Places
from dispatch.plan import Trip
from dispatch.rules import morning_arrival_by
from dispatch.settings import PlanSettings
from routing import (
    UNREACHABLE,
    Problem,
    Route,
    Solution,
    Unassigned,
    Vehicle,
    Visit,
    as_early_as_possible,
    as_late_as_possible,
)

EVENING = "@evening"
"""Appended to a load's id for its evening request in the day's problem."""


def whole_day_applies(orders: Mapping[str, Order], loads: tuple[Load, ...], settings: PlanSettings) -> bool:
    """True when every morning drop-off comes before every shift's end: a route's visits then fall
    into its morning and its evening by time alone."""
    used = {orders[load.order_id] for load in loads}
    homeward = [o for o in used if o.return_trip]
    if not homeward:
        return False
    return max(morning_arrival_by(o, settings) for o in used) < min(o.shift_end for o in homeward)


def build_day_problem(
    loads: tuple[Load, ...],
    orders: Mapping[str, Order],
    applications: Mapping[str, Application],
    buses: tuple[Bus, ...],
    hours: Mapping[str, BusHours],
    places: Places,
    settings: PlanSettings,
) -> Problem:
    """Every load out, every load with a return trip home again, on buses that leave their depot and
    come back once, each driver within the day's driving limit."""
    per_metre = distance_costs(buses)
    fixed = fixed_costs(buses, settings)
    per_worker = worker_penalty(fixed, per_metre, places)
    homeward = tuple(load for load in loads if orders[load.order_id].return_trip)
    requests = trip_requests("morning", loads, orders, applications, places, settings, per_worker)
    requests += trip_requests("evening", homeward, orders, applications, places, settings, per_worker, EVENING)
    vehicles = bus_vehicles(buses, hours, places, settings, fixed, per_metre)
    return Problem(places.travel.metres, places.travel.seconds, tuple(requests), vehicles, name="day")


def day_start(morning: Solution, evening: Solution) -> tuple[Route, ...]:
    """Each bus's morning and evening, routed in turn, joined into one route of its day (stops only,
    untimed): where the day's search starts, so that it never carries fewer than the trips routed in
    turn. A bus that waited drives on to its evening from where it waited; one that went home drives
    there directly instead, which is never longer."""
    stops: dict[str, list[Visit]] = {}
    for trip, solution in (("morning", morning), ("evening", evening)):
        suffix = EVENING if trip == "evening" else ""
        for route in solution.routes:
            stops.setdefault(route.vehicle_id, []).extend(
                dataclasses.replace(v, request_id=f"{v.request_id}{suffix}")
                for v in route.visits if v.kind in ("pickup", "delivery"))
    return tuple(Route(bus, tuple(visits), 0, 0) for bus, visits in sorted(stops.items()))


def trip_of_day(day: Solution, trip: Trip, problem: Problem) -> Solution:
    """The day's answer for one trip, on that trip's own problem: each bus's visits of the trip in the
    day's order, timed as the trip is (mornings as late, evenings as early as possible).

    A request of `problem` the day left out keeps the day's reason; one whose half-route no timing
    fits (none should: the day's route kept the same windows) is left out as unreachable.
    """
    wanted = {r.request_id for r in problem.requests}
    vehicles = {v.vehicle_id: v for v in problem.vehicles}
    retime = as_late_as_possible if trip == "morning" else as_early_as_possible
    loads = {r.request_id: r.load for r in problem.requests}
    routes = []
    unassigned = [Unassigned(u.request_id.removesuffix(EVENING), u.reason, u.detail)
                  for u in day.unassigned if _trip_of(u.request_id) == trip]
    for day_route in day.routes:
        visits = [v for v in day_route.visits[1:-1] if _trip_of(v.request_id) == trip and _request(v) in wanted]
        vehicle = vehicles.get(day_route.vehicle_id)
        if not visits:
            continue
        route = None if vehicle is None else _timed(problem, vehicle, visits, loads, retime)
        if route is None:
            unassigned += [Unassigned(r, UNREACHABLE, f"the {trip} half of bus {day_route.vehicle_id}'s day "
                                      "could not be timed on its own") for r in {_request(v) for v in visits}]
        else:
            routes.append(route)
    served = {r for route in routes for r in route.request_ids()}
    unassigned = [u for u in unassigned if u.request_id in wanted and u.request_id not in served]
    return Solution(tuple(routes), tuple(sorted(unassigned, key=lambda u: u.request_id)), 0, dict(day.stats))


def _trip_of(request_id: str | None) -> Trip:
    return "evening" if (request_id or "").endswith(EVENING) else "morning"


def _request(visit: Visit) -> str:
    return (visit.request_id or "").removesuffix(EVENING)


def _timed(problem: Problem, vehicle: Vehicle, visits: list[Visit], loads: Mapping[str, int],
           retime: Callable[[Problem, Route], Route | None]) -> Route | None:
    """The visits as a route of `vehicle` on `problem` (`loads`: each request's load), with loads
    aboard and distance of their own, retimed."""
    load, middle = 0, []
    for v in visits:
        request = _request(v)
        load += loads[request] if v.kind == "pickup" else -loads[request]
        middle.append(Visit(v.kind, v.place, request, v.arrival, v.start, load))
    start = Visit("start", vehicle.start, None, visits[0].start, visits[0].start, 0)
    end = Visit("end", vehicle.end, None, visits[-1].start, visits[-1].start, 0)
    route_visits = (start, *middle, end)
    distance = sum(int(problem.distance[a.place, b.place]) for a, b in pairwise(route_visits))
    draft = Route(vehicle.vehicle_id, route_visits, distance, end.start - start.start)
    return retime(problem, draft)
