"""Re-time a route whose order of visits is fixed: as late or as early as its windows allow.

The solver settles the order of visits; when each happens is then a choice with a human side. In
the morning nobody should be picked up earlier than needed (so: as late as possible); in the
evening people want to go home (so: as early as possible, with the bus leaving its depot no
earlier than that needs). A re-timed route that would break a window, a ride limit or leave no room
for the driver's rests is refused.
"""

from __future__ import annotations

import math
from dataclasses import replace

from routing.problem import Problem, Request, RestRule, Stop
from routing.rests import place_rests
from routing.solution import Route, Visit


def as_late_as_possible(problem: Problem, route: Route) -> Route | None:
    """Every visit at its latest feasible time (no passenger boards earlier than needed)."""
    timing = _Timing(problem, route)
    starts = timing.bounds(latest=True)
    return None if starts is None else timing.retimed(starts)


def as_early_as_possible(problem: Problem, route: Route) -> Route | None:
    """Every stop at its earliest feasible time; the bus leaves its depot as late as that permits."""
    timing = _Timing(problem, route)
    starts = timing.bounds(latest=False)
    if starts is None:
        return None
    starts[0] = min(timing.latest[0], starts[1] - timing.service[0] - timing.travel(0))
    return timing.retimed(starts)


class _Timing:
    def __init__(self, problem: Problem, route: Route) -> None:
        self.problem = problem
        self.route = route
        self.vehicle = next(v for v in problem.vehicles if v.vehicle_id == route.vehicle_id)
        self.requests = {r.request_id: r for r in problem.requests}
        stops = [self._stop(v) for v in route.visits]
        self.earliest = [s.earliest if s else self.vehicle.earliest for s in stops]
        self.latest = [s.latest if s else self.vehicle.latest for s in stops]
        self.service = [s.service if s else 0 for s in stops]

    def _stop(self, visit: Visit) -> Stop | None:
        if visit.kind not in ("pickup", "delivery"):
            return None
        request = self.requests[visit.request_id]
        return request.stop(visit.kind)

    def travel(self, i: int) -> int:
        visits = self.route.visits
        return int(self.problem.duration[visits[i].place, visits[i + 1].place])

    def bounds(self, *, latest: bool) -> list[int] | None:
        """The latest (or earliest) start of every visit over all timings that keep the windows, the order
        of visits and the ride limits; None if there is none.

        These are difference constraints (t_j - t_i <= c), a simple temporal network: the latest times
        are the shortest distances from a zero point, the earliest the negated distances to it, and
        either set is a feasible timing by itself.
        """
        zero = len(self.route.visits)
        edges = [(zero, i, self.latest[i]) for i in range(zero)] + [(i, zero, -self.earliest[i]) for i in range(zero)]
        edges += [(i + 1, i, -(self.service[i] + self.travel(i))) for i in range(zero - 1)]
        edges += self._ride_edges()
        if not latest:
            edges = [(j, i, c) for i, j, c in edges]
        distance = _shortest_from(zero, zero + 1, edges)
        if distance is None:
            return None
        return [d if latest else -d for d in distance[:zero]]

    def _ride_edges(self) -> list[tuple[int, int, int]]:
        """t_delivery - t_pickup <= max_ride + the pickup's service, for every limited ride on the route."""
        pickup_at: dict[str, int] = {}
        edges = []
        for i, visit in enumerate(self.route.visits):
            if visit.kind == "pickup" and visit.request_id is not None:
                pickup_at[visit.request_id] = i
            elif visit.kind == "delivery" and visit.request_id in pickup_at:
                limit = self.requests[visit.request_id].max_ride
                if limit is not None:
                    p = pickup_at[visit.request_id]
                    edges.append((p, i, limit + self.service[p]))
        return edges

    def retimed(self, starts: list[int]) -> Route | None:
        """The route with these service starts, or None if a window, the hours or a ride limit break."""
        visits = self.route.visits
        new = [replace(visits[0], arrival=starts[0], start=starts[0])]
        for i in range(1, len(visits)):
            arrival = starts[i - 1] + self.service[i - 1] + self.travel(i - 1)
            if not (arrival <= starts[i] and self.earliest[i] <= starts[i] <= self.latest[i]):
                return None
            new.append(replace(visits[i], arrival=arrival, start=starts[i] if visits[i].kind != "end" else arrival))
        if new[0].start < self.vehicle.earliest or new[-1].start > self.vehicle.latest:
            return None
        if not self._rides_ok(new):
            return None
        route = replace(self.route, visits=tuple(new), duration=new[-1].start - new[0].start, rests=())
        rule = self.vehicle.rest_rule
        if rule is None:
            return route
        return self._with_rests(route, rule) or self._with_rests(self._back_later(route, rule.rest), rule)

    def _with_rests(self, route: Route, rule: RestRule) -> Route | None:
        rests = place_rests(self.problem, route, rule)
        return None if rests is None else replace(route, rests=rests)

    def _back_later(self, route: Route, rest: int) -> Route:
        """The route with room for a rest on the way back to the depot, the vehicle's hours allowing."""
        end = route.visits[-1]
        back = min(end.arrival + rest, max(end.arrival, self.vehicle.latest))
        return replace(route, visits=route.visits[:-1] + (replace(end, start=back),), duration=back - route.visits[0].start)

    def _rides_ok(self, visits: list[Visit]) -> bool:
        left: dict[str, int] = {}
        for visit, service in zip(visits, self.service):
            if visit.kind == "pickup":
                left[visit.request_id] = visit.start + service
            elif visit.kind == "delivery" and visit.request_id in left:
                request: Request = self.requests[visit.request_id]
                if request.max_ride is not None and visit.start - left[visit.request_id] > request.max_ride:
                    return False
        return True


def _shortest_from(source: int, size: int, edges: list[tuple[int, int, int]]) -> list[int] | None:
    """Bellman-Ford distances from `source` over `size` nodes; None on a negative cycle (no timing exists).

    A route has a few dozen visits, so the plain algorithm is instant and needs no graph library.
    """
    distance: list[float] = [math.inf] * size
    distance[source] = 0
    for _ in range(size):
        changed = False
        for i, j, weight in edges:
            if distance[i] + weight < distance[j]:
                distance[j] = distance[i] + weight
                changed = True
        if not changed:
            return [int(d) for d in distance]
    return None
