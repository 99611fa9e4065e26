"""Route elimination by ejection pool: plans stay feasible, cover every request once, and shrink."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from routing.bench.instances import read_instance
from routing.problem import Problem, Request, Stop
from routing.search import PairSearch, applies, paired
from tests.support.routing_plans import Routes, assert_valid_plan, route_fits, served_alone, small_problems
from tests.support.routing_problems import bus, euclidean_problem, pair


def after_1000(done: int) -> bool:
    """A budget no tiny case should need: a search that loops fails the test instead of hanging."""
    return done >= 1000


def test_applies_to_identical_vehicles_and_one_kind_of_mandatory_request() -> None:
    points = [(0, 0), (10, 0), (20, 0)]
    collections = [Request("a", 1, pickup=Stop(1)), Request("b", 1, pickup=Stop(2))]
    assert applies(euclidean_problem(points, collections, [bus("x"), bus("y")]))
    assert not applies(euclidean_problem(points, collections, [bus("x"), bus("y", capacity=5)]))
    assert applies(euclidean_problem(points, [pair("p", 1, 1, 2)], [bus()]))
    assert not applies(euclidean_problem(points, [pair("p", 1, 1, 2, max_ride=50)], [bus()]))
    mixed = [Request("a", 1, pickup=Stop(1)), Request("b", 1, delivery=Stop(2))]
    assert not applies(euclidean_problem(points, mixed, [bus()]))
    optional = [Request("a", 1, pickup=Stop(1), penalty=5)]
    assert not applies(euclidean_problem(points, optional, [bus()]))


@pytest.mark.parametrize("seed", range(6))
def test_a_pair_that_fits_nowhere_gets_in_by_ejecting_a_pair_that_fits_elsewhere(seed: int) -> None:
    """Pairs all aboard at once (every pickup closes long before any delivery can be reached):
    'big' (10) fits only an empty bus, 'medium' (8) fills route 0 and also fits route 1 (2 aboard).
    Whichever route is removed, two are left; emptying big's route needs medium ejected to route 1."""
    points = [(0, 0), (1, 0), (2, 0), (3, 0), (4, 0), (50, 0), (51, 0), (52, 0), (53, 0)]
    loads = {"medium": 8, "near": 1, "nearer": 1, "big": 10}
    requests = [
        Request(name, load, pickup=Stop(1 + k, latest=20), delivery=Stop(5 + k, latest=200))
        for k, (name, load) in enumerate(loads.items())
    ]
    problem = euclidean_problem(points, requests, [bus(capacity=10, latest=500)] * 3)
    big = [(3, "pickup"), (3, "delivery")]
    start = [[(0, "pickup"), (0, "delivery")], [(1, "pickup"), (2, "pickup"), (1, "delivery"), (2, "delivery")], big]
    assert_valid_plan(problem, start)
    fewer = PairSearch(problem, random.Random(seed)).remove_one_route(start, after_1000)
    assert fewer is not None
    assert_valid_plan(problem, fewer)
    assert len(fewer) == 2
    assert big in fewer


def test_out_of_budget_returns_nothing_and_counts_what_it_did() -> None:
    points = [(0, 0), (100, 0), (101, 0), (0, 100), (0, 101)]
    requests = [
        Request("a", 1, pickup=Stop(1, latest=100), delivery=Stop(2, latest=101)),
        Request("b", 1, pickup=Stop(3, latest=100), delivery=Stop(4, latest=101)),
    ]
    problem = euclidean_problem(points, requests, [bus(latest=1000)] * 2)
    search = PairSearch(problem, random.Random(0))
    alone = served_alone(problem)
    assert_valid_plan(problem, alone)
    assert search.remove_one_route(alone, lambda done: done >= 7) is None
    assert search.iterations == 7


@pytest.mark.parametrize(("path", "routes"), [("lilim_100/lr101.txt", 21), ("lilim_100/lc101.txt", 10)])
def test_same_seed_same_plan_on_real_instances(shared_benchmarks: Path, path: str, routes: int) -> None:
    problem = read_instance(shared_benchmarks / path)

    def shrink(seed: int) -> Routes:
        search = PairSearch(problem, random.Random(seed))
        plan = served_alone(problem)
        while len(plan) > routes:
            fewer = search.remove_one_route(plan, lambda done: done >= 20_000)
            assert fewer is not None
            plan = fewer
        return plan

    first = shrink(3)
    assert_valid_plan(problem, first)
    assert len(first) == routes
    assert shrink(3) == first


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(small_problems(), st.integers(0, 3))
def test_a_removal_keeps_every_stop_once_on_feasible_routes(problem: Problem, seed: int) -> None:
    assume(paired(problem))
    alone = served_alone(problem)
    assume(all(route_fits(problem, r) for r in alone))
    search = PairSearch(problem, random.Random(seed))
    fewer = search.remove_one_route(alone, lambda done: done >= 300)
    if fewer is not None:
        assert len(fewer) == len(alone) - 1
        assert_valid_plan(problem, fewer)
