"""Re-time a route whose order of visits is fixed: as late or as early as its windows allow.

The solver settles the order of visits; when each happens is then a choice with a human side. In
the morning nobody should be picked up earlier than needed (so: as late as possible); in the
evening people want to go home (so: as early as possible, with the bus leaving its depot no
earlier than that needs). A re-timed route that would break a window, a ride limit or leave no room
for the driver's rests is refused.
"""

from __future__ import annotations

from dataclasses import replace

from routing.problem import Problem, Request, RestRule, Stop
from routing.rests import place_rests
from routing.solution import Route, Visit


def as_late_as_possible(problem: Problem, route: Route) -> Route | None:
    """Every visit at its latest feasible time (no passenger boards earlier than needed)."""
    timing = _Timing(problem, route)
    starts = timing.latest_starts()
    return timing.retimed(starts)


def as_early_as_possible(problem: Problem, route: Route) -> Route | None:
    """Every stop as early as its window allows; the bus leaves its depot as late as that permits."""
    timing = _Timing(problem, route)
    starts = [max(timing.vehicle.earliest, timing.earliest[1] - timing.travel(0))]
    for i in range(1, len(route.visits)):
        starts.append(max(timing.earliest[i], starts[-1] + timing.service[i - 1] + timing.travel(i - 1)))
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

    def latest_starts(self) -> list[int]:
        starts = list(self.latest)
        for i in range(len(starts) - 2, -1, -1):
            starts[i] = min(starts[i], starts[i + 1] - self.service[i] - self.travel(i))
        return starts

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
