"""Drivers' rests: placed where the rule needs them, made room for after the search, re-checked by verify."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from routing import NO_ROOM_TO_REST
from routing.params import SolveParams
from routing.problem import Problem, Request, RestRule, Stop, Vehicle
from routing.solution import Rest, Route, Visit, VisitKind
from routing.solver import solve
from routing.timing.rests import place_rests
from routing.verify import verify

HOUR = 3600
RULE = RestRule(max_driving=4 * HOUR, rest=20 * 60)
SERVICE = 300
# Places: 0 depot, 1 station A, 2 site B. Two hours depot-A and A-B, three hours B-depot.
DURATION = np.array([[0, 2 * HOUR, 3 * HOUR], [2 * HOUR, 0, 2 * HOUR], [3 * HOUR, 2 * HOUR, 0]])


def _problem(rule: RestRule | None = RULE, latest: int = 24 * HOUR) -> Problem:
    request = Request("R1", 1, Stop(1, 0, 10**6, SERVICE), Stop(2, 0, 10**6, SERVICE))
    return Problem(DURATION.copy(), DURATION, (request,), (Vehicle("V1", 10, 0, 0, 0, latest, rest_rule=rule),))


def _route(pickup: int, delivery: int, back: int) -> Route:
    """Depot at 0, pickup service at `pickup`, delivery service at `delivery`, back at the depot at `back`."""
    arrivals = [0, 2 * HOUR, pickup + SERVICE + 2 * HOUR, delivery + SERVICE + 3 * HOUR]
    starts = [0, pickup, delivery, back]
    kinds: list[tuple[VisitKind, int, str | None, int]] = [
        ("start", 0, None, 0), ("pickup", 1, "R1", 1), ("delivery", 2, "R1", 0), ("end", 0, None, 0)
    ]
    visits = tuple(Visit(k, p, r, a, s, load) for (k, p, r, load), a, s in zip(kinds, arrivals, starts))
    return Route("V1", visits, int(DURATION[0, 1] + DURATION[1, 2] + DURATION[2, 0]), back)


def test_a_wait_at_a_stop_within_four_hours_of_driving_is_where_the_driver_rests():
    # Four hours of driving reach B; waiting 20 minutes there leaves three hours home.
    route = _route(2 * HOUR, 4 * HOUR + SERVICE + 20 * 60, 4 * HOUR + 2 * SERVICE + 20 * 60 + 3 * HOUR)
    assert place_rests(_problem(), route, RULE) == (Rest(2, 4 * HOUR + SERVICE, 20 * 60, on_road=False),)


def test_without_a_wait_the_rest_is_on_the_road_once_four_hours_are_driven():
    # No wait anywhere, but the way home takes 20 minutes longer than driving: the rest is on that road.
    delivery = 4 * HOUR + SERVICE
    back = delivery + SERVICE + 3 * HOUR + 20 * 60
    rests = place_rests(_problem(), _route(2 * HOUR, delivery, back), RULE)
    # Four hours driven by B, so the rest comes at once on leaving it.
    assert rests == (Rest(3, delivery + SERVICE, 20 * 60, on_road=True),)


def test_a_timing_with_no_room_to_rest_is_refused():
    delivery = 4 * HOUR + SERVICE
    assert place_rests(_problem(), _route(2 * HOUR, delivery, delivery + SERVICE + 3 * HOUR), RULE) is None


def test_a_short_day_needs_no_rest():
    short = np.array([[0, HOUR, HOUR], [HOUR, 0, HOUR], [HOUR, HOUR, 0]])
    problem = replace(_problem(), duration=short, distance=short)
    visits = (
        Visit("start", 0, None, 0, 0, 0),
        Visit("pickup", 1, "R1", HOUR, HOUR, 1),
        Visit("delivery", 2, "R1", 2 * HOUR + SERVICE, 2 * HOUR + SERVICE, 0),
        Visit("end", 0, None, 3 * HOUR + 2 * SERVICE, 3 * HOUR + 2 * SERVICE, 0),
    )
    assert place_rests(problem, Route("V1", visits, 3 * HOUR, 3 * HOUR + 2 * SERVICE), RULE) == ()


def test_a_solved_route_gets_room_for_its_rest_and_verify_accepts_it():
    problem = _problem()
    solution = solve(problem, SolveParams(time_limit_s=None, solution_limit=50))
    assert not solution.unassigned and verify(problem, solution) == []
    (route,) = solution.routes
    assert len(route.rests) == 1 and route.rests[0].duration >= RULE.rest
    # Seven hours of driving, with the rest and two boarding stops, in one run.
    assert route.duration >= 7 * HOUR + 2 * SERVICE + RULE.rest


def test_without_a_rule_the_same_run_takes_no_rest():
    problem = _problem(rule=None)
    (route,) = solve(problem, SolveParams(time_limit_s=None, solution_limit=50)).routes
    assert route.rests == () and route.duration == 7 * HOUR + 2 * SERVICE


def test_verify_finds_a_run_whose_rests_were_left_out():
    problem = _problem()
    solution = solve(problem, SolveParams(time_limit_s=None, solution_limit=50))
    stripped = replace(solution, routes=tuple(replace(r, rests=()) for r in solution.routes))
    assert any("without a rest" in finding for finding in verify(problem, stripped))


def test_a_request_whose_route_leaves_no_time_to_rest_is_left_out_with_that_reason():
    # Seven hours of driving and two boardings exactly fill the bus's hours: no room for a rest.
    problem = _problem(latest=7 * HOUR + 2 * SERVICE)
    solution = solve(problem, SolveParams(time_limit_s=None, solution_limit=50))
    assert solution.routes == () and verify(problem, solution) == []
    (left,) = solution.unassigned
    assert left.request_id == "R1" and left.reason == NO_ROOM_TO_REST
    # Without the rule the same bus makes the run.
    unruled = _problem(rule=None, latest=7 * HOUR + 2 * SERVICE)
    assert len(solve(unruled, SolveParams(time_limit_s=None, solution_limit=50)).routes) == 1
