"""Cheap per-request checks that explain why a request can never be served, before any search.

A request that fails here is left out of the model with a reason code, so the solver never wastes
time on it and the caller learns *why* (``too_heavy`` or ``unreachable``) instead of a bare drop.
"""

from __future__ import annotations

from routing.problem import Problem, Request, Vehicle
from routing.reasons import TOO_HEAVY, UNREACHABLE
from routing.solution import Unassigned


def precheck(problem: Problem) -> dict[str, Unassigned]:
    """Return the requests no vehicle could serve even alone, keyed by request id."""
    max_capacity = max((v.capacity for v in problem.vehicles), default=0)
    rejected: dict[str, Unassigned] = {}
    for request in problem.requests:
        if request.load > max_capacity:
            rejected[request.request_id] = Unassigned(
                request.request_id,
                TOO_HEAVY,
                f"Request {request.request_id} has load {request.load}, more than the largest "
                f"vehicle capacity {max_capacity}.",
            )
        elif not any(_serves_alone(problem, v, request) for v in problem.vehicles if v.capacity >= request.load):
            rejected[request.request_id] = Unassigned(
                request.request_id,
                UNREACHABLE,
                f"No vehicle can serve request {request.request_id} alone within its time windows, "
                "the vehicle hours, the ride limit and the driving limit.",
            )
    return rejected


def _serves_alone(problem: Problem, vehicle: Vehicle, request: Request) -> bool:
    """Can `vehicle` leave its start, serve only this request and reach its end in time?"""
    duration = problem.duration
    pickup, delivery = request.pickup, request.delivery
    place = vehicle.start
    clock = vehicle.earliest
    if pickup is not None:
        arrive = clock + int(duration[place, pickup.place])
        start = max(arrive, pickup.earliest)
        if delivery is not None:
            # Leave the pickup as late as helps: reach the delivery no earlier than it opens.
            latest_useful = delivery.earliest - pickup.service - int(duration[pickup.place, delivery.place])
            start = max(start, min(pickup.latest, latest_useful))
        if start > pickup.latest:
            return False
        clock = start + pickup.service
        place = pickup.place
    departed_pickup = clock
    driven = 0 if pickup is None else int(duration[vehicle.start, pickup.place])
    if delivery is not None:
        start = max(clock + int(duration[place, delivery.place]), delivery.earliest)
        if start > delivery.latest:
            return False
        if pickup is not None and request.max_ride is not None and start - departed_pickup > request.max_ride:
            return False
        clock = start + delivery.service
        driven += int(duration[place, delivery.place])
        place = delivery.place
    driven += int(duration[place, vehicle.end])
    if vehicle.max_driving is not None and driven > vehicle.max_driving:
        return False
    return clock + int(duration[place, vehicle.end]) <= vehicle.latest
