"""`Problem.fewest_routes`: the load bound that ends vehicle reduction early."""

from __future__ import annotations

from routing.problem import Request, Stop
from tests.support.routing_problems import bus, euclidean_problem, pair

POINTS = [(0, 0), (10, 0), (20, 0), (30, 0), (40, 0)]


def collections(*loads: int) -> list[Request]:
    return [Request(f"c{i}", load, pickup=Stop(1 + i % 4)) for i, load in enumerate(loads)]


def test_collections_need_as_many_routes_as_their_load_fills() -> None:
    problem = euclidean_problem(POINTS, collections(4, 4, 4), [bus(capacity=10)] * 3)
    assert problem.fewest_routes(range(3)) == 2
    assert problem.fewest_routes([0, 1]) == 1


def test_a_mixed_fleet_counts_its_largest_vehicles_first() -> None:
    fleet = [bus("small", capacity=5), bus("big", capacity=20), bus("medium", capacity=10)]
    problem = euclidean_problem(POINTS, collections(9, 9, 9), fleet)
    assert problem.fewest_routes(range(3)) == 2  # 20 + 10 carry 27; 20 alone does not


def test_collections_and_deliveries_are_bounded_separately() -> None:
    deliveries = [Request(f"d{i}", 6, delivery=Stop(2 + i)) for i in range(3)]
    problem = euclidean_problem(POINTS, collections(6) + deliveries, [bus(capacity=10)] * 4)
    assert problem.fewest_routes(range(4)) == 2  # 18 delivered need two; the 6 collected fit one


def test_pairs_give_no_bound_and_an_empty_plan_needs_one_route() -> None:
    pairs = [pair(f"p{i}", 8, 1 + i, 2 + i) for i in range(3)]
    problem = euclidean_problem(POINTS, pairs, [bus(capacity=10)] * 3)
    assert problem.fewest_routes(range(3)) == 1
    assert problem.fewest_routes([]) == 1
