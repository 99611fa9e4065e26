"""verify() catches each kind of broken solution: a good one is mutated one defect at a time."""

from __future__ import annotations

from dataclasses import replace

import pytest

from routing.params import SolveParams
from routing.problem import Problem, Request, Stop
from routing.solution import Route, Solution, Unassigned, Visit
from routing.solver import solve
from routing.verify import verify
from tests.support.routing_problems import bus, euclidean_problem, pair


@pytest.fixture(scope="module")
def problem() -> Problem:
    """Two passenger pairs, one with a ride limit and windows, on one bus of four seats."""
    points = [(0, 0), (10, 0), (20, 0), (30, 0)]
    requests = [
        Request("a", 2, pickup=Stop(1, 0, 100, service=1), delivery=Stop(3, 0, 200), max_ride=50),
        pair("b", 2, 2, 3),
    ]
    return euclidean_problem(points, requests, [bus(capacity=4, latest=500)])


@pytest.fixture(scope="module")
def good(problem: Problem) -> Solution:
    solution = solve(problem, SolveParams(time_limit_s=0.3))
    assert verify(problem, solution) == []
    assert len(solution.routes) == 1 and not solution.unassigned
    return solution


def with_visits(solution: Solution, visits: list[Visit]) -> Solution:
    route = replace(solution.routes[0], visits=tuple(visits))
    return replace(solution, routes=(route,))


def test_the_good_solution_serves_both_pairs(good: Solution) -> None:
    assert sorted(set(good.routes[0].request_ids())) == ["a", "b"]


def test_a_request_served_and_unassigned_is_caught(problem: Problem, good: Solution) -> None:
    broken = replace(good, unassigned=(Unassigned("a", "no_vehicle", "x"),))
    assert any("appears 2 times" in p for p in verify(problem, broken))


def test_a_missing_request_is_caught(problem: Problem, good: Solution) -> None:
    visits = [v for v in good.routes[0].visits if v.request_id != "b"]
    assert any("request b is neither served nor unassigned" in p for p in verify(problem, with_visits(good, visits)))


def test_delivery_before_pickup_is_caught(problem: Problem, good: Solution) -> None:
    visits = list(good.routes[0].visits)
    order = [i for i, v in enumerate(visits) if v.request_id == "b"]
    visits[order[0]], visits[order[1]] = visits[order[1]], visits[order[0]]
    assert any("expected ['pickup', 'delivery']" in p for p in verify(problem, with_visits(good, visits)))


def test_overload_is_caught(problem: Problem, good: Solution) -> None:
    small_bus = replace(problem, vehicles=(replace(problem.vehicles[0], capacity=3),))
    assert any("over capacity 3" in p for p in verify(small_bus, good))


def test_a_wrong_reported_load_is_caught(problem: Problem, good: Solution) -> None:
    visits = list(good.routes[0].visits)
    visits[1] = replace(visits[1], load=visits[1].load + 1)
    assert any("reports load" in p for p in verify(problem, with_visits(good, visits)))


def test_a_closed_time_window_is_caught(problem: Problem, good: Solution) -> None:
    tight = replace(
        problem, requests=(replace(problem.requests[0], pickup=Stop(1, 0, 5, service=1)), *problem.requests[1:])
    )
    assert any("outside its window 0-5" in p for p in verify(tight, good))


def test_a_wrong_arrival_time_is_caught(problem: Problem, good: Solution) -> None:
    visits = list(good.routes[0].visits)
    visits[2] = replace(visits[2], arrival=visits[2].arrival - 3, start=visits[2].start - 3)
    assert any("travel gives" in p for p in verify(problem, with_visits(good, visits)))


def test_a_ride_over_the_limit_is_caught(problem: Problem, good: Solution) -> None:
    strict = replace(problem, requests=(replace(problem.requests[0], max_ride=5), *problem.requests[1:]))
    assert any("over its limit 5" in p for p in verify(strict, good))


def test_vehicle_hours_are_checked(problem: Problem, good: Solution) -> None:
    short_day = replace(problem, vehicles=(replace(problem.vehicles[0], latest=30),))
    assert any("after the vehicle's latest 30" in p for p in verify(short_day, good))


def test_a_wrong_distance_is_caught(problem: Problem, good: Solution) -> None:
    route = replace(good.routes[0], distance=good.routes[0].distance - 1)
    assert any("reports distance" in p for p in verify(problem, replace(good, routes=(route,))))


def test_a_route_on_an_unknown_vehicle_is_caught(problem: Problem, good: Solution) -> None:
    route: Route = replace(good.routes[0], vehicle_id="ghost")
    assert verify(problem, replace(good, routes=(route,))) == ["route uses unknown vehicle ghost"]


def test_a_route_over_its_drivers_limit_is_caught(problem: Problem, good: Solution) -> None:
    driven = good.routes[0].distance  # travel time equals distance on this grid
    strict = replace(problem, vehicles=(replace(problem.vehicles[0], max_driving=driven - 1),))
    assert any(f"drives {driven}, over its limit {driven - 1}" in p for p in verify(strict, good))
    assert verify(replace(problem, vehicles=(replace(problem.vehicles[0], max_driving=driven),)), good) == []
