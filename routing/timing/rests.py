"""Where a driver rests on a timed route, so that no stretch of driving breaks the rest rule.

A route's visits fix when the vehicle leaves one place and when service starts at the next; the
time between them beyond the travel itself is idle, and a rest may fill any idle stretch at least
`rule.rest` long, on the road or waiting at the next stop. Rests are placed only when the next leg
would otherwise break the rule, and as late as possible: that leaves the least driving behind each
rest, so when this placement fails, no placement works. The start and the end of a route count as
rests (the driver is off duty before and after).
"""

from __future__ import annotations

from dataclasses import dataclass

from routing.problem import Problem, RestRule
from routing.solution import Rest, Route


@dataclass(frozen=True)
class _Leg:
    """The way into visit `index`: leaving the previous visit, driving, then idle until service."""

    index: int
    departure: int
    travel: int
    idle: int


def place_rests(problem: Problem, route: Route, rule: RestRule) -> tuple[Rest, ...] | None:
    """The rests the route needs (possibly none), or None if its timing leaves no room for them."""
    rests, stuck = walk_rests(problem, route, rule)
    return None if stuck is not None else rests


def walk_rests(problem: Problem, route: Route, rule: RestRule) -> tuple[tuple[Rest, ...], int | None]:
    """The rests placed along the route, and the visit whose leg no placement keeps within the rule
    (None when every leg is kept, and the rests are then all the route needs)."""
    rests: list[Rest] = []
    driving = 0
    chance: _Leg | None = None
    """The latest leg since the last rest whose idle could hold one at its stop."""
    driven_since_chance = 0
    for leg in _legs(problem, route):
        if driving + leg.travel <= rule.max_driving:
            driving += leg.travel
            driven_since_chance += leg.travel
            if leg.idle >= rule.rest:
                chance, driven_since_chance = leg, 0
            continue
        if leg.idle >= rule.rest and leg.travel - (rule.max_driving - driving) <= rule.max_driving:
            before = rule.max_driving - driving
            rests.append(Rest(leg.index, leg.departure + before, leg.idle, on_road=True))
            driving, chance = leg.travel - before, None
        elif chance is not None and driven_since_chance + leg.travel <= rule.max_driving:
            rests.append(Rest(chance.index, chance.departure + chance.travel, chance.idle, on_road=False))
            driving, chance = driven_since_chance + leg.travel, None
            if leg.idle >= rule.rest:
                chance, driven_since_chance = leg, 0
        else:
            return tuple(rests), leg.index
    return tuple(sorted(rests, key=lambda r: r.start)), None


def _legs(problem: Problem, route: Route) -> list[_Leg]:
    """Every leg of the route, from the start visit to the end visit."""
    requests = {r.request_id: r for r in problem.requests}
    out = []
    for index, (here, there) in enumerate(zip(route.visits, route.visits[1:]), start=1):
        service = 0
        if here.request_id is not None:
            stop = requests[here.request_id].stop(here.kind)
            service = stop.service if stop is not None else 0
        departure = here.start + service
        travel = int(problem.duration[here.place, there.place])
        out.append(_Leg(index, departure, travel, there.start - departure - travel))
    return out
