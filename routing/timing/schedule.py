"""Re-time a route whose order of visits is fixed: as late or as early as its windows allow.

The solver settles the order of visits; when each happens is then a choice with a human side. In
the morning nobody should be picked up earlier than needed (so: as late as possible); in the
evening people want to go home (so: as early as possible, with the bus leaving its depot no
earlier than that needs). Where a driver's rest rule asks for it, legs get the spare time for a
rest. A route no timing can fit into its windows, ride limits and rests is refused (None).
"""

from __future__ import annotations

import math
from dataclasses import replace

from routing.problem import Problem, Request, Stop
from routing.solution import Route, Visit
from routing.timing.rests import walk_rests


def as_late_as_possible(problem: Problem, route: Route) -> Route | None:
    """Every visit at its latest feasible time (no passenger boards earlier than needed)."""
    return _Timing(problem, route).extreme(latest=True)


def as_early_as_possible(problem: Problem, route: Route) -> Route | None:
    """Every stop at its earliest feasible time; the bus leaves its depot as late as that permits."""
    return _Timing(problem, route).extreme(latest=False)


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
        self.ride_edges = self._ride_edges()

    def _stop(self, visit: Visit) -> Stop | None:
        if visit.kind not in ("pickup", "delivery"):
            return None
        assert visit.request_id is not None  # a pickup or delivery names its request
        request = self.requests[visit.request_id]
        return request.stop(visit.kind)

    def travel(self, i: int) -> int:
        visits = self.route.visits
        return int(self.problem.duration[visits[i].place, visits[i + 1].place])

    def extreme(self, *, latest: bool) -> Route | None:
        """The latest (or earliest) timing that keeps every limit, with idle made for the driver's rests.

        When a stretch of driving is too long, a rest is asked for in the latest leg before it where
        the windows still allow one (waiting there, or stopping on the road), and the timing is solved
        again; each round asks for one more rest, so this ends.
        """
        rule = self.vehicle.rest_rule
        idle: dict[int, int] = {}
        while True:
            route = self._timed(latest, idle)
            if route is None or rule is None:
                return route
            rests, stuck = walk_rests(self.problem, route, rule)
            if stuck is None:
                return replace(route, rests=rests)
            for leg in range(stuck, 0, -1):
                if leg in idle:
                    continue
                trial = self._timed(latest, {**idle, leg: rule.rest})
                if trial is not None and (walk_rests(self.problem, trial, rule)[1] or len(self.route.visits)) > stuck:
                    idle[leg] = rule.rest
                    break
            else:
                return None

    def _timed(self, latest: bool, idle: dict[int, int]) -> Route | None:
        starts = self.bounds(latest=latest, idle=idle)
        if starts is None:
            return None
        if not latest:
            starts[0] = min(self.latest[0], starts[1] - self.service[0] - self.travel(0) - idle.get(1, 0))
        return self.retimed(starts, idle)

    def bounds(self, *, latest: bool, idle: dict[int, int]) -> list[int] | None:
        """The latest (or earliest) start of every visit over all timings that keep the windows, the order
        of visits, the ride limits and at least `idle[i]` of spare time in the leg into visit i; None if
        there is none.

        These are difference constraints (t_j - t_i <= c), a simple temporal network: the latest times
        are the shortest distances from a zero point, the earliest the negated distances to it, and
        either set is a feasible timing by itself.
        """
        zero = len(self.route.visits)
        edges = [(zero, i, self.latest[i]) for i in range(zero)] + [(i, zero, -self.earliest[i]) for i in range(zero)]
        edges += [(i + 1, i, -(self.service[i] + self.travel(i) + idle.get(i + 1, 0))) for i in range(zero - 1)]
        edges += self.ride_edges
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

    def retimed(self, starts: list[int], idle: dict[int, int]) -> Route | None:
        """The route with these service starts, or None if a window, the hours or a ride limit break.

        The vehicle is back at its end as soon as it arrives, unless the last leg must hold a rest.
        """
        visits = self.route.visits
        new = [replace(visits[0], arrival=starts[0], start=starts[0])]
        for i in range(1, len(visits)):
            arrival = starts[i - 1] + self.service[i - 1] + self.travel(i - 1)
            if not (arrival <= starts[i] and self.earliest[i] <= starts[i] <= self.latest[i]):
                return None
            start = starts[i] if visits[i].kind != "end" else arrival + idle.get(i, 0)
            new.append(replace(visits[i], arrival=arrival, start=start))
        if new[0].start < self.vehicle.earliest or new[-1].start > self.vehicle.latest:
            return None
        if not self._rides_ok(new):
            return None
        return replace(self.route, visits=tuple(new), duration=new[-1].start - new[0].start, rests=())

    def _rides_ok(self, visits: list[Visit]) -> bool:
        left: dict[str, int] = {}
        for visit, service in zip(visits, self.service):
            if visit.kind == "pickup":
                assert visit.request_id is not None  # a pickup names its request
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
