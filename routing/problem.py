"""The routing problem as plain data: places are indices into integer travel matrices.

Time and distance are integers in whatever units the caller chose (the day plan uses seconds and
metres; the benchmark readers scale Euclidean distances). A request is either a pair (pickup then
delivery on the same vehicle) or a single stop: with no pickup its load rides from the vehicle's
start (CVRP delivery); with no delivery it rides to the vehicle's end (VRPTW collection).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from routing.solution import Route

HORIZON = 10**9
"""A time far beyond any real window: the default latest time."""


@dataclass(frozen=True)
class Stop:
    """One visit a request needs: where, when service may start, and how long it takes."""

    place: int
    earliest: int = 0
    latest: int = HORIZON
    service: int = 0


@dataclass(frozen=True)
class Request:
    """Load to carry from `pickup` to `delivery` on one vehicle."""

    request_id: str
    load: int
    pickup: Stop | None = None
    delivery: Stop | None = None
    max_ride: int | None = None
    """Longest time from leaving the pickup to arriving at the delivery, if limited."""
    penalty: int | None = None
    """Cost of leaving the request out; None means it may be left out only if no vehicle can carry it."""

    def stops(self) -> tuple[Stop, ...]:
        return tuple(s for s in (self.pickup, self.delivery) if s is not None)

    def stop(self, kind: str) -> Stop | None:
        """The pickup or the delivery, by a visit's kind."""
        return self.pickup if kind == "pickup" else self.delivery if kind == "delivery" else None


@dataclass(frozen=True)
class RestRule:
    """The driver rests at least `rest` after at most `max_driving` of driving (same units as time)."""

    max_driving: int
    rest: int


@dataclass(frozen=True)
class Vehicle:
    """A vehicle: its capacity, where it starts and ends, and the hours it may work."""

    vehicle_id: str
    capacity: int
    start: int
    end: int
    earliest: int = 0
    latest: int = HORIZON
    fixed_cost: int = 0
    """Cost of using the vehicle at all; large values make 'fewest vehicles' the first objective."""
    distance_cost: int = 1
    """Cost per unit of distance."""
    rest_rule: RestRule | None = None
    """The driver's rest rule, if any: the route leaves room for the rests it needs."""
    max_driving: int | None = None
    """Longest time at the wheel on the route (the travel of its legs; waits, services and rests left
    out), if limited: what a driver's daily limit leaves for this trip."""


@dataclass(frozen=True)
class Problem:
    """Requests, vehicles and the travel matrices between places."""

    distance: NDArray[np.int64]
    duration: NDArray[np.int64]
    requests: tuple[Request, ...]
    vehicles: tuple[Vehicle, ...]
    name: str = ""
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def num_places(self) -> int:
        return int(self.distance.shape[0])

    def fewest_routes(self, requests: Iterable[int]) -> int:
        """No plan serving all of `requests` can use fewer routes than this.

        A route carries every collection-only request it serves at its end, and every
        delivery-only one at its start, so each kind's total load must fit in the capacities of
        the routes used (largest first). Pairs can share a seat one after another: no bound.
        """
        chosen = [self.requests[i] for i in requests]
        capacities = sorted((v.capacity for v in self.vehicles), reverse=True)

        def routes_to_carry(load: int) -> int:
            routes = 0
            while load > 0 and routes < len(capacities):
                load -= capacities[routes]
                routes += 1
            return routes

        collected = sum(r.load for r in chosen if r.delivery is None)
        delivered = sum(r.load for r in chosen if r.pickup is None)
        return max(1, routes_to_carry(collected), routes_to_carry(delivered))

    def driving(self, route: Route) -> int:
        """Time at the wheel along a route: every leg's travel, services, waits and rests left out
        (what `Vehicle.max_driving` limits)."""
        return sum(int(self.duration[a.place, b.place]) for a, b in pairwise(route.visits))

    def routes_cost(self, routes: Iterable[Route], fixed_costs: bool = True) -> int:
        """What these routes add to the objective: each vehicle's fixed cost plus its distance cost.

        Without `fixed_costs`, only what a search over a fixed fleet can change.
        """
        by_id = {v.vehicle_id: v for v in self.vehicles}
        return sum(
            (by_id[r.vehicle_id].fixed_cost if fixed_costs else 0) + by_id[r.vehicle_id].distance_cost * r.distance
            for r in routes
        )

    def has_time_constraints(self) -> bool:
        """False for pure capacity problems (CVRP): a time dimension there only slows every move."""
        if any(r.max_ride is not None for r in self.requests):
            return True
        if any(v.earliest > 0 or v.latest < HORIZON for v in self.vehicles):
            return True
        return any(s.earliest > 0 or s.latest < HORIZON for r in self.requests for s in r.stops())
