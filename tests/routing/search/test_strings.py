"""String removal: shorter plans, never more routes, every plan feasible, same seed same plan."""

from __future__ import annotations

import math
import random
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from routing.problem import Problem, Request, Stop, Vehicle
from routing.search import StringSearch, search_for
from tests.support.routing_plans import Routes, assert_valid_plan, route_fits, served_alone, small_problems
from tests.support.routing_problems import bus, euclidean_problem, pair


def place(problem: Problem, request: int, kind: str) -> int:
    stop = problem.requests[request].stop(kind)
    assert stop is not None, f"request {request} has no {kind}"
    return stop.place


def length(problem: Problem, routes: Routes) -> int:
    """Route length from the problem's matrix, depot to depot: independent of the search's own sums."""
    total = 0
    for route in routes:
        places = [0] + [place(problem, i, kind) for i, kind in route] + [0]
        total += sum(int(problem.distance[a, b]) for a, b in pairwise(places))
    return total


def improved(problem: Problem, routes: Routes, seed: int = 0, attempts: int = 300) -> Routes:
    search = StringSearch(search_for(problem, random.Random(seed)))
    return search.improve(routes, lambda done: done / attempts)


@pytest.mark.parametrize("seed", range(4))
def test_a_zigzag_along_a_road_becomes_one_run_out_and_back(seed: int) -> None:
    """Six collections on a straight road from the depot: the shortest route is out and back, 2 x 60."""
    points = [(0, 0)] + [(10 * k, 0) for k in range(1, 7)]
    requests = [Request(f"c{k}", 1, pickup=Stop(k)) for k in range(1, 7)]
    problem = euclidean_problem(points, requests, [bus()])
    zigzag = [[(i, "pickup") for i in (5, 0, 3, 1, 4, 2)]]
    assert length(problem, zigzag) > 120
    shortest = improved(problem, zigzag, seed)
    assert_valid_plan(problem, shortest)
    assert length(problem, shortest) == 120


@pytest.mark.parametrize("seed", range(4))
def test_pairs_on_crossed_buses_end_up_one_side_of_the_depot_per_bus(seed: int) -> None:
    """Two trips north of the depot, two south. A bus's day ends at 450, too short to serve both
    sides twice over (460): the shortest plan is two buses of 230, one per side. The start plan
    has one bus crossing sides (440) and two serving one trip each."""
    points = [(0, 0), (0, 100), (0, 110), (0, 105), (0, 115), (0, -100), (0, -110), (0, -105), (0, -115)]
    requests = [pair("north1", 1, 1, 2), pair("north2", 1, 3, 4), pair("south1", 1, 5, 6), pair("south2", 1, 7, 8)]
    problem = euclidean_problem(points, requests, [bus(f"b{k}", latest=450) for k in range(3)])
    crossed = [
        [(0, "pickup"), (0, "delivery"), (2, "pickup"), (2, "delivery")],
        [(1, "pickup"), (1, "delivery")],
        [(3, "pickup"), (3, "delivery")],
    ]
    assert_valid_plan(problem, crossed)
    shortest = improved(problem, crossed, seed)
    assert_valid_plan(problem, shortest)
    assert length(problem, shortest) == 2 * 230
    sides = sorted(sorted({problem.requests[i].request_id[:5] for i, _ in r}) for r in shortest)
    assert sides == [["north"], ["south"]]


def test_windows_keep_the_one_feasible_order_though_a_shorter_one_exists() -> None:
    """Collections at 10, 20 and 30 along a road. Out and back would be 60, but 30 closes at 30,
    10 is open from 40 to 55 and 20 opens at 60: the one order that keeps every window, 30-10-20,
    is 80 long."""
    points = [(0, 0), (10, 0), (20, 0), (30, 0)]
    requests = [
        Request("ten", 1, pickup=Stop(1, earliest=40, latest=55)),
        Request("twenty", 1, pickup=Stop(2, earliest=60)),
        Request("thirty", 1, pickup=Stop(3, latest=30)),
    ]
    problem = euclidean_problem(points, requests, [bus()])
    only_order = [[(2, "pickup"), (0, "pickup"), (1, "pickup")]]
    assert route_fits(problem, only_order[0]) and not route_fits(problem, [(2, "pickup"), (1, "pickup"), (0, "pickup")])
    assert improved(problem, only_order) == only_order
    assert length(problem, only_order) == 80


def test_the_same_seed_and_number_of_attempts_give_the_same_plan() -> None:
    points = [(0, 0)] + [(round(40 * math.cos(k)), round(40 * math.sin(k))) for k in range(1, 13)]
    requests = [pair(f"r{k}", 1, 2 * k + 1, 2 * k + 2) for k in range(6)]
    problem = euclidean_problem(points, requests, [bus(capacity=3)] * 3)
    start = [served_alone(problem)[k] + served_alone(problem)[k + 3] for k in range(3)]
    assert_valid_plan(problem, start)
    first = improved(problem, start, seed=5)
    assert improved(problem, start, seed=5) == first
    assert length(problem, first) <= length(problem, start)


def ring_of_collections(count: int, buses: int, capacity: int) -> Problem:
    """`count` collections of 1 on a circle of radius 40 round the depot, some with windows."""
    points = [(0, 0)] + [(round(40 * math.cos(k)), round(40 * math.sin(k))) for k in range(count)]
    requests = [
        Request(f"c{k}", 1, pickup=Stop(k + 1, *((0, 10_000) if k % 3 else (20 * k, 20 * k + 150))))
        for k in range(count)
    ]
    return euclidean_problem(points, requests, [bus(f"b{k}", capacity=capacity) for k in range(buses)])


def test_two_half_full_buses_on_one_road_become_one_run_out_and_back() -> None:
    """Single stops take the compiled attempts: six collections on a road, served by two buses
    that each run most of it (2 x 60 + 2 x 50). One bus has room for all six, out and back is
    2 x 60, and an attempt that empties a route is taken."""
    points = [(0, 0)] + [(10 * k, 0) for k in range(1, 7)]
    requests = [Request(f"c{k}", 1, pickup=Stop(k)) for k in range(1, 7)]
    problem = euclidean_problem(points, requests, [bus("a"), bus("b")])
    two = [[(i, "pickup") for i in (0, 2, 5)], [(i, "pickup") for i in (1, 3, 4)]]
    assert length(problem, two) == 220
    one = improved(problem, two, attempts=400)
    assert_valid_plan(problem, one)
    assert len(one) == 1 and length(problem, one) == 120


def test_single_stops_with_the_same_seed_and_number_of_attempts_give_the_same_plan() -> None:
    problem = ring_of_collections(24, buses=6, capacity=6)
    alone = served_alone(problem)
    start = [[stop for route in alone[k::6] for stop in route] for k in range(6)]
    assert_valid_plan(problem, start)
    first = improved(problem, start, seed=3, attempts=2_000)
    assert improved(problem, start, seed=3, attempts=2_000) == first
    assert length(problem, first) < length(problem, start)


@st.composite
def collection_rounds(draw: st.DrawFn) -> Problem:
    """Eight to twenty collections with windows and service times, on as many identical buses.
    Every window opens after the farthest place can be reached (113), so each fits a bus alone."""
    count = draw(st.integers(8, 20))
    points = draw(st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), min_size=count + 1, max_size=count + 1))
    requests = []
    for k in range(count):
        earliest = draw(st.integers(120, 420))
        window = Stop(k + 1, earliest, earliest + draw(st.integers(0, 300)), draw(st.integers(0, 10)))
        requests.append(Request(f"c{k}", draw(st.integers(1, 4)), pickup=window))
    vehicle = Vehicle("v", draw(st.integers(4, 12)), start=0, end=0, latest=900)
    return euclidean_problem(points, requests, [vehicle] * count)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.one_of(small_problems(), collection_rounds()), st.integers(0, 3))
def test_the_plan_stays_complete_and_feasible_and_never_gets_longer_or_uses_more_routes(
    problem: Problem, seed: int
) -> None:
    alone = served_alone(problem)
    assume(all(route_fits(problem, r) for r in alone))
    better = improved(problem, alone, seed, attempts=1_000)
    assert_valid_plan(problem, better)
    assert len(better) <= len(alone)
    assert len(better) < len(alone) or length(problem, better) <= length(problem, alone)


def test_an_empty_plan_comes_back_empty_without_attempts() -> None:
    problem = euclidean_problem([(0, 0), (10, 0)], [Request("c", 1, pickup=Stop(1))], [bus()])
    search = StringSearch(search_for(problem, random.Random(0)))
    assert search.improve([], lambda done: done / 50) == []
    assert search.iterations == 0


def fewest_found(problem: Problem, routes: Routes, seed: int = 0, attempts: int = 300, fewest: int = 1) -> Routes:
    search = StringSearch(search_for(problem, random.Random(seed)))
    return search.fewer_routes(routes, lambda done: done / attempts, fewest)


@pytest.mark.parametrize("seed", range(4))
def test_fleet_minimisation_packs_six_collections_into_the_two_buses_their_loads_need(seed: int) -> None:
    """Six collections of 1 round the depot, buses of 3 seats, one route each to start: the loads
    need two buses, and the search stops there."""
    points = [(0, 0)] + [(round(30 * math.cos(k)), round(30 * math.sin(k))) for k in range(6)]
    requests = [Request(f"c{k}", 1, pickup=Stop(k + 1)) for k in range(6)]
    problem = euclidean_problem(points, requests, [bus(f"b{k}", capacity=3) for k in range(6)])
    fewer = fewest_found(problem, served_alone(problem), seed, fewest=problem.fewest_routes(set(range(6))))
    assert_valid_plan(problem, fewer)
    assert len(fewer) == 2


def test_fleet_minimisation_keeps_the_start_when_windows_allow_no_fewer_routes() -> None:
    """Two collections at opposite ends of the map, each open only at the same moment: no bus can
    serve both, so the two routes stay."""
    points = [(0, 0), (100, 0), (-100, 0)]
    requests = [Request("east", 1, pickup=Stop(1, 100, 110)), Request("west", 1, pickup=Stop(2, 100, 110))]
    problem = euclidean_problem(points, requests, [bus("a"), bus("b")])
    start = served_alone(problem)
    assert fewest_found(problem, start) == start


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.one_of(small_problems(), collection_rounds()), st.integers(0, 3))
def test_fleet_minimisation_returns_a_complete_feasible_plan_with_no_more_routes(problem: Problem, seed: int) -> None:
    alone = served_alone(problem)
    assume(all(route_fits(problem, r) for r in alone))
    fewest = problem.fewest_routes(set(range(len(problem.requests))))
    fewer = fewest_found(problem, alone, seed, attempts=1_000, fewest=fewest)
    assert_valid_plan(problem, fewer)
    assert fewest <= len(fewer) <= len(alone)

