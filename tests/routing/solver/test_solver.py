"""The solver on tiny problems whose answer is known by hand; every solution is re-verified."""

from __future__ import annotations

import logging
import math

import pytest

from routing.params import SolveParams
from routing.problem import Problem, Request, Stop
from routing.solution import Route, Solution
from routing.solver import solve
from routing.solver.budget import Budget
from routing.solver.configs import configs
from routing.solver.model import Model
from routing.solver.parallel import first_stage, last_stage
from routing.solver.phases import chase, eject, final_polish, shrink
from routing.solver.plans import Result, nearest, without
from routing.verify import verify
from tests.support.routing_problems import bus, euclidean_problem, pair, ride_limit_problem

QUICK = SolveParams(time_limit_s=0.5)


def solved(problem: Problem, params: SolveParams = QUICK) -> Solution:
    solution = solve(problem, params)
    assert verify(problem, solution) == []
    return solution


def kinds_and_ids(route: Route) -> list[tuple[str, str | None]]:
    return [(v.kind, v.request_id) for v in route.visits]


def test_a_pair_shares_one_vehicle_pickup_first(one_pair_two_buses: Problem) -> None:
    solution = solved(one_pair_two_buses)
    assert len(solution.routes) == 1
    assert kinds_and_ids(solution.routes[0]) == [("start", None), ("pickup", "r1"), ("delivery", "r1"), ("end", None)]
    assert solution.routes[0].distance == 40
    assert solution.objective == 40


def test_capacity_forces_two_vehicles_and_deliveries_leave_loaded(two_deliveries_small_trucks: Problem) -> None:
    solution = solved(two_deliveries_small_trucks)
    assert len(solution.routes) == 2
    assert sorted(r.visits[0].load for r in solution.routes) == [3, 3]
    assert all(r.visits[-1].load == 0 for r in solution.routes)
    assert solution.objective == 2 * 1000 + 40


def test_time_window_forces_the_far_stop_first(window_forces_order: Problem) -> None:
    solution = solved(window_forces_order)
    assert solution.routes[0].request_ids() == ("far", "near")
    assert solution.routes[0].visits[-1].load == 2


def test_ride_limit_changes_the_tour() -> None:
    free = solved(ride_limit_problem(max_ride=None))
    limited = solved(ride_limit_problem(max_ride=100))
    assert _ride(free.routes[0], "r1") > 100
    assert _ride(limited.routes[0], "r1") <= 100
    assert limited.distance > free.distance


def _ride(route: Route, request_id: str) -> int:
    pickup = next(v for v in route.visits if v.kind == "pickup" and v.request_id == request_id)
    delivery = next(v for v in route.visits if v.kind == "delivery" and v.request_id == request_id)
    return delivery.start - pickup.start


def test_impossible_requests_come_back_with_reasons() -> None:
    points = [(0, 0), (10, 0), (500, 0)]
    requests = [
        pair("heavy", 50, 1, 2),
        Request("late", 1, pickup=Stop(2, earliest=0, latest=100)),
        pair("fine", 1, 1, 2),
    ]
    solution = solved(euclidean_problem(points, requests, [bus(capacity=10)]))
    reasons = {u.request_id: u.reason for u in solution.unassigned}
    assert reasons == {"heavy": "too_heavy", "late": "unreachable"}
    assert solution.routes[0].request_ids() == ("fine", "fine")


def test_a_full_fleet_leaves_requests_out_as_no_vehicle() -> None:
    points = [(0, 0), (10, 0), (0, 10)]
    requests = [Request(f"r{i}", 1, pickup=Stop(1 + i % 2, latest=30, service=20)) for i in range(2)]
    problem = euclidean_problem(points, requests, [bus(latest=60)])
    solution = solved(problem)
    assert len(solution.routes[0].request_ids()) == 1
    assert [u.reason for u in solution.unassigned] == ["no_vehicle"]


def test_a_driving_limit_splits_the_work_between_two_drivers() -> None:
    """East and west pairs: one bus does both in 240 at the wheel, cheaper than two buses of 120 each;
    with 150 each, two buses share them."""
    points = [(0, 0), (50, 0), (60, 0), (-50, 0), (-60, 0)]
    requests = [pair("east", 1, 1, 2), pair("west", 1, 3, 4)]
    free = solved(euclidean_problem(points, requests, [bus("b1", fixed_cost=100), bus("b2", fixed_cost=100)]))
    assert len(free.routes) == 1 and free.routes[0].distance == 240
    limited = solved(euclidean_problem(points, requests, [bus("b1", fixed_cost=100, max_driving=150),
                                                          bus("b2", fixed_cost=100, max_driving=150)]))
    assert sorted(r.request_ids() for r in limited.routes) == [("east", "east"), ("west", "west")]
    assert all(r.distance <= 150 for r in limited.routes)


def test_a_request_beyond_any_drivers_limit_is_unreachable() -> None:
    points = [(0, 0), (50, 0), (100, 0)]
    solution = solved(euclidean_problem(points, [pair("far", 1, 1, 2)], [bus(max_driving=150)]))
    assert [(u.request_id, u.reason) for u in solution.unassigned] == [("far", "unreachable")]
    assert "driving limit" in solution.unassigned[0].detail


def test_optional_request_not_worth_its_detour_is_left_out() -> None:
    points = [(0, 0), (10, 0), (1000, 0)]
    requests = [pair("near", 1, 1, 1), Request("far", 1, pickup=Stop(2), penalty=5)]
    solution = solved(euclidean_problem(points, requests, [bus()]))
    assert [(u.request_id, u.reason) for u in solution.unassigned] == [("far", "not_worth_serving")]
    assert solution.objective == 20 + 5


def test_the_search_begins_from_a_start_that_serves_every_request(caplog) -> None:
    """An earlier answer that serves everyone replaces the first-solution heuristics; its stops of a
    request this problem does not have are ignored."""
    points = [(0, 0), (10, 0), (1000, 0), (20, 0)]
    near, far = pair("near", 1, 1, 1), Request("far", 1, pickup=Stop(2), penalty=5000)
    earlier = solved(euclidean_problem(points, [near, far, pair("gone", 1, 3, 3)], [bus()]))
    assert sorted(earlier.routes[0].request_ids()) == ["far", "gone", "gone", "near", "near"]

    caplog.set_level(logging.DEBUG, logger="routing.solver")
    problem = euclidean_problem(points, [near, far], [bus()])
    solution = solve(problem, QUICK, start=earlier.routes)
    assert verify(problem, solution) == []
    assert solution.unassigned == ()
    assert solution.objective == 2000
    phases = [r.getMessage() for r in caplog.records if r.name.startswith("routing.solver")]
    assert phases[0].startswith("seed 0, construct from a start on 1 vehicles: 1 vehicles, 2 requests")
    assert not any(" construct on " in m for m in phases)


def test_the_bus_leaves_the_depot_no_earlier_than_needed() -> None:
    points = [(0, 0), (30, 0), (60, 0)]
    requests = [pair("r1", 1, 1, 2)]
    requests = [Request("r1", 1, pickup=Stop(1, earliest=500, latest=600), delivery=Stop(2))]
    solution = solved(euclidean_problem(points, requests, [bus(earliest=0, latest=2000)]))
    start, pickup = solution.routes[0].visits[:2]
    assert start.start == 470
    assert pickup.start == pickup.arrival == 500


@pytest.mark.parametrize("workers", [1, 2])
def test_deterministic_mode_gives_identical_routes(one_pair_two_buses: Problem, workers: int) -> None:
    params = SolveParams(time_limit_s=None, solution_limit=40, seed=3, workers=workers)
    first, second = solve(one_pair_two_buses, params), solve(one_pair_two_buses, params)
    assert first.routes == second.routes
    assert first.objective == second.objective


def test_deterministic_mode_stops_and_repeats_when_ride_limits_block_every_move() -> None:
    params = SolveParams(time_limit_s=None, solution_limit=30)
    first, second = solve(ride_limit_problem(max_ride=100), params), solve(ride_limit_problem(max_ride=100), params)
    assert first.routes == second.routes
    assert verify(ride_limit_problem(max_ride=100), first) == []
    assert first.stats["seconds"] < 10


def test_deterministic_mode_on_a_real_instance(shared_benchmarks) -> None:
    from routing.bench.instances import read_instance

    problem = read_instance(shared_benchmarks / "lilim_100" / "lc101.txt")
    params = SolveParams(time_limit_s=None, solution_limit=60, seed=1)
    first, second = solve(problem, params), solve(problem, params)
    assert [r.visits for r in first.routes] == [r.visits for r in second.routes]
    assert verify(problem, first) == []


def test_params_reject_a_missing_budget() -> None:
    with pytest.raises(ValueError, match="time_limit_s or a solution_limit"):
        SolveParams(time_limit_s=None)


def test_without_time_constraints_visits_are_timed_by_travel_alone(two_deliveries_small_trucks: Problem) -> None:
    solution = solved(two_deliveries_small_trucks)
    for route in solution.routes:
        start, delivery, end = route.visits
        assert start.start == 0
        assert delivery.arrival == delivery.start == 10
        assert end.arrival == 20


def test_two_workers_on_a_cvrp_instance_repeat_in_deterministic_mode(shared_benchmarks) -> None:
    from routing.bench.instances import read_instance

    problem = read_instance(shared_benchmarks / "cvrp_x" / "X-n101-k25.vrp")
    params = SolveParams(time_limit_s=None, solution_limit=60, seed=1, workers=2)
    first, second = solve(problem, params), solve(problem, params)
    assert [r.visits for r in first.routes] == [r.visits for r in second.routes]
    assert verify(problem, first) == []


@pytest.mark.parametrize(("instance", "solutions"), [("solomon/R207.txt", 400), ("lilim_100/lr201.txt", 100)])
def test_two_workers_with_the_route_searches_repeat_in_deterministic_mode(
    shared_benchmarks, instance: str, solutions: int
) -> None:
    """Solomon R207: both workers' compiled string fleet minimisation; Li & Lim lr201: the first
    worker's ejection search and the second's string fleet minimisation in Python (in its own
    process), each of which takes a route out at this budget. Each counts its steps as solutions."""
    from routing.bench.instances import read_instance

    problem = read_instance(shared_benchmarks / instance)
    params = SolveParams(time_limit_s=None, solution_limit=solutions, seed=1, workers=2)
    first, second = solve(problem, params), solve(problem, params)
    assert [r.visits for r in first.routes] == [r.visits for r in second.routes]
    assert verify(problem, first) == []


def test_every_phase_is_logged_with_what_it_found(two_deliveries_small_trucks: Problem, caplog) -> None:
    caplog.set_level(logging.DEBUG, logger="routing.solver")
    solve(two_deliveries_small_trucks, SolveParams(time_limit_s=None, solution_limit=40))
    phases = [r.getMessage() for r in caplog.records if r.name.startswith("routing.solver")]
    assert phases[0].startswith("seed 0, construct on 2 vehicles: 2 vehicles, 2 requests, cost ")
    assert any(m.startswith("seed 0, polish on 2 vehicles: 2 vehicles, 2 requests") for m in phases)
    assert all(" solutions in " in m for m in phases)


def test_no_route_elimination_is_tried_once_the_loads_fill_every_route(
    two_deliveries_small_trucks: Problem, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="routing.solver")
    solution = solve(two_deliveries_small_trucks, SolveParams(time_limit_s=None, solution_limit=40))
    assert len(solution.routes) == 2
    assert (solution.stats["reductions"], solution.stats["failed_reductions"]) == (0, 0)
    assert not any("elimination" in r.getMessage() for r in caplog.records)


def test_a_ruin_removes_the_requests_nearest_one_and_keeps_the_others_in_order() -> None:
    points = [(0, 0)] + [(10 * k, 0) for k in range(1, 11)]
    requests = [Request(f"r{k}", 1, delivery=Stop(k + 1)) for k in range(10)]
    problem = euclidean_problem(points, requests, [bus("a"), bus("b")])
    plan = {0: [(k, "delivery") for k in (9, 0, 4, 7, 2)], 1: [(k, "delivery") for k in (1, 3, 5, 6, 8)]}
    ruined = nearest(problem, plan, around=5, count=3)  # r5 at x = 60, r4 and r6 beside it
    assert ruined == [5, 4, 6]
    assert without(plan, ruined) == {
        0: [(9, "delivery"), (0, "delivery"), (7, "delivery"), (2, "delivery")],
        1: [(1, "delivery"), (3, "delivery"), (8, "delivery")],
    }


def test_the_iterated_polish_rebuilds_ruined_regions_and_never_returns_a_worse_plan(caplog) -> None:
    """Eight pairs with windows on two buses, polished the way the second worker does it where the
    string-removal search does not apply (here: the buses differ in size)."""
    points = [(0, 0)] + [(15 * (k % 4), 20 * (k // 4) + 5) for k in range(16)]
    requests = [
        Request(f"r{k}", 1, pickup=Stop(1 + 2 * k, 0, 400), delivery=Stop(2 + 2 * k, 0, 600)) for k in range(8)
    ]
    problem = euclidean_problem(points, requests, [bus("a", 4, fixed_cost=1000), bus("b", 5, fixed_cost=1000)])
    params = SolveParams(time_limit_s=None, solution_limit=200, seed=2, workers=2)
    config = configs(params, problem)[1]
    start, _ = first_stage(problem, list(range(8)), params, config, None)
    assert start is not None
    caplog.set_level(logging.DEBUG, logger="routing.solver")
    polished = last_stage(problem, start, params, config, None)
    again = last_stage(problem, start, params, config, None)
    rounds = [r.getMessage() for r in caplog.records if "ruin and recreate" in r.getMessage()]
    assert config.iterated_polish
    assert len(rounds) >= 2 * 5
    assert polished.served == start.served == frozenset(range(8))
    assert polished.cost(problem) <= start.cost(problem)
    assert polished.plan == again.plan


def test_an_elimination_attempt_one_request_short_is_chased_until_everyone_rides() -> None:
    from random import Random

    points = [(0, 0)] + [(10 * k, 5 * (k % 2)) for k in range(1, 9)]
    requests = [Request(f"r{k}", 1, pickup=Stop(1 + 2 * k, 0, 500), delivery=Stop(2 + 2 * k, 0, 500)) for k in range(4)]
    problem = euclidean_problem(points, requests, [bus("a", 4, fixed_cost=1000), bus("b", 4, fixed_cost=1000)])
    params = SolveParams(time_limit_s=None, solution_limit=1000)  # a round gets 3 %: 30 solutions
    left_out_r3 = {0: [(k, kind) for k in range(3) for kind in ("pickup", "delivery")]}
    attempt = Result(left_out_r3, (), frozenset(range(3)))
    config = configs(params, problem)[0]
    chased = chase(problem, attempt, frozenset(range(4)), [0], config, Budget(params, None), Random(0))
    assert chased.served == frozenset(range(4))
    assert list(chased.plan) == [0]
    assert verify(problem, Solution(routes=chased.routes, unassigned=(), objective=0)) == []


def test_two_workers_leave_out_every_request_not_worth_serving_without_ruining_an_empty_plan() -> None:
    points = [(0, 0), (1000, 0)]
    requests = [Request("far", 1, pickup=Stop(1, 0, 5000), penalty=5)]
    problem = euclidean_problem(points, requests, [bus("a"), bus("b")])
    solution = solve(problem, SolveParams(time_limit_s=None, solution_limit=50, workers=2))
    assert solution.routes == ()
    assert [(u.request_id, u.reason) for u in solution.unassigned] == [("far", "not_worth_serving")]


def test_the_ejection_search_empties_a_route_and_hands_the_plan_back_timed() -> None:
    """Three pairs all aboard at once (pickups close long before any delivery), buses of 10:
    'big' (10) rides alone, 'medium' (8) and 'small' (2) share. A plan with three routes has one
    too many; only ejecting lets big's route go when it is the one removed."""
    from random import Random

    points = [(0, 0), (1, 0), (2, 0), (3, 0), (50, 0), (51, 0), (52, 0)]
    loads = {"medium": 8, "small": 2, "big": 10}
    requests = [
        Request(name, load, pickup=Stop(1 + k, latest=20), delivery=Stop(4 + k, latest=200))
        for k, (name, load) in enumerate(loads.items())
    ]
    problem = euclidean_problem(points, requests, [bus(f"b{k}", 10, latest=500, fixed_cost=1000) for k in range(3)])
    three_routes = {k: [(k, "pickup"), (k, "delivery")] for k in range(3)}
    start = Result(three_routes, (), frozenset(range(3)))
    params = SolveParams(time_limit_s=None, solution_limit=1000)
    config = configs(params, problem)[0]
    stats: dict = {}
    for seed in range(4):
        found = eject(problem, start, config, Budget(params, None), Random(seed), stats)
        assert len(found.plan) == 2
        assert found.served == frozenset(range(3))
        assert verify(problem, Solution(routes=found.routes, unassigned=(), objective=0)) == []
        assert stats["ejection_reductions"] == 1


@pytest.mark.parametrize("worker", [0, 1])
def test_every_worker_empties_routes_of_single_stops_by_string_fleet_minimisation(caplog, worker: int) -> None:
    """Six collections round the depot on six buses of 3 seats: the loads need two. Both workers
    go from the construction to the string search's fleet minimisation, not the ejection search."""
    points = [(0, 0)] + [(round(30 * math.cos(k)), round(30 * math.sin(k))) for k in range(6)]
    requests = [Request(f"c{k}", 1, pickup=Stop(k + 1, latest=400)) for k in range(6)]
    problem = euclidean_problem(points, requests, [bus(f"b{k}", 3, latest=500, fixed_cost=1000) for k in range(6)])
    params = SolveParams(time_limit_s=None, solution_limit=1000, workers=2)
    config = configs(params, problem)[worker]
    caplog.set_level(logging.DEBUG, logger="routing.solver")
    found, _ = shrink(problem, list(range(6)), params, config, Budget(params, None))
    messages = [r.getMessage() for r in caplog.records]
    assert any("string fleet minimisation on" in m for m in messages)
    assert not any("ejection on" in m for m in messages)
    assert found is not None
    assert len(found.plan) == 2
    assert found.served == frozenset(range(6))
    assert verify(problem, Solution(routes=found.routes, unassigned=(), objective=0)) == []


@pytest.mark.parametrize("worker", [0, 1])
def test_both_workers_shorten_routes_by_string_removal_and_hand_them_back_timed(caplog, worker: int) -> None:
    """Two trips each side of the depot; a bus's day (450) is too short for both sides twice over.
    The start plan has one bus crossing sides and two buses with a trip each; the shortest plan is
    two buses of 230, one per side."""
    points = [(0, 0), (0, 100), (0, 110), (0, 105), (0, 115), (0, -100), (0, -110), (0, -105), (0, -115)]
    requests = [pair("north1", 1, 1, 2), pair("north2", 1, 3, 4), pair("south1", 1, 5, 6), pair("south2", 1, 7, 8)]
    problem = euclidean_problem(points, requests, [bus(f"b{k}", latest=450, fixed_cost=1000) for k in range(3)])
    crossed = {
        0: [(0, "pickup"), (0, "delivery"), (2, "pickup"), (2, "delivery")],
        1: [(1, "pickup"), (1, "delivery")],
        2: [(3, "pickup"), (3, "delivery")],
    }
    params = SolveParams(time_limit_s=None, solution_limit=400, workers=2)
    config = configs(params, problem)[worker]
    as_given = SolveParams(time_limit_s=None, solution_limit=1)
    model = Model(problem, [0, 1, 2], [0, 1, 2, 3], config, fixed_costs=False, drop_penalty=None)
    start = model.run(crossed, Budget(as_given, None), share=1, metaheuristic=None, phase="start")
    assert start is not None and start.plan == crossed
    caplog.set_level(logging.DEBUG, logger="routing.solver")
    polished = final_polish(problem, start, config, Budget(params, None))
    assert config.string_polish
    assert any("string removal" in r.getMessage() for r in caplog.records)
    assert len(polished.plan) == 2
    assert problem.routes_cost(polished.routes, fixed_costs=False) == 2 * 230
    assert verify(problem, Solution(routes=polished.routes, unassigned=(), objective=0)) == []
