"""The first plan of our own: every request placed once on feasible routes while the fleet lasts,
the rest named; the same seed gives the same plan."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings

from routing.problem import Problem, Request, Stop
from routing.search import insert_all, search_for
from tests.support.routing_plans import route_fits, served_alone, small_problems
from tests.support.routing_problems import bus, euclidean_problem, pair


def inserted(problem: Problem, vehicles: int, seed: int = 0) -> tuple[list[list[tuple[int, str]]], list[int]]:
    return insert_all(search_for(problem, random.Random(seed)), list(range(len(problem.requests))), vehicles)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems())
def test_every_request_is_placed_once_on_a_feasible_route_or_fits_no_route_alone(problem: Problem) -> None:
    routes, left = inserted(problem, len(problem.vehicles))
    alone = served_alone(problem)
    keys = [key for route in routes for key in route]
    assert len(keys) == len(set(keys))
    assert all(route and route_fits(problem, route) for route in routes)
    assert sorted({i for route in routes for i, _ in route} | set(left)) == list(range(len(problem.requests)))
    assert not {i for route in routes for i, _ in route} & set(left)
    assert all(not route_fits(problem, alone[i]) for i in left)


def test_pairs_that_share_a_road_share_a_route() -> None:
    """Two riders along one road, the second boarding after the first: one bus takes both."""
    points = [(0, 0), (10, 0), (30, 0), (20, 0), (40, 0)]
    problem = euclidean_problem(points, [pair("a", 1, 1, 2), pair("b", 1, 3, 4)], [bus("x"), bus("y")])
    routes, left = inserted(problem, 2)
    assert left == []
    assert routes == [[(0, "pickup"), (1, "pickup"), (0, "delivery"), (1, "delivery")]]


def test_a_request_no_open_route_can_take_waits_for_a_free_vehicle_and_is_left_when_none_is() -> None:
    """Three stops at the same hour in three far corners: one bus each, and the third of two
    buses' worth is named as left out."""
    points = [(0, 0), (100, 0), (0, 100), (-100, 0)]
    requests = [Request(f"s{k}", 1, pickup=Stop(k, earliest=100, latest=110)) for k in (1, 2, 3)]
    problem = euclidean_problem(points, requests, [bus("x"), bus("y")])
    routes, left = inserted(problem, 2)
    assert len(routes) == 2 and len(left) == 1
    assert all(route_fits(problem, route) for route in routes)


def test_the_same_seed_gives_the_same_plan() -> None:
    points = [(x, y) for x in range(0, 60, 10) for y in range(0, 60, 10)]
    requests = [Request(f"s{k}", 1, pickup=Stop(k, latest=400)) for k in range(1, len(points))]
    problem = euclidean_problem(points, requests, [bus(f"b{k}", capacity=6) for k in range(8)])
    assert inserted(problem, 8, seed=3) == inserted(problem, 8, seed=3)
