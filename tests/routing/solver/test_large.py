"""Above LARGE_STOPS the engine's first plan is its own insertion: a large problem comes back whole,
feasible and the same on every run (OR-Tools' first-solution heuristics found nothing at 1000)."""

from __future__ import annotations

import random

import pytest

from routing.params import SolveParams
from routing.problem import Problem, Request, Stop
from routing.solver import solve
from routing.solver.configs import LARGE_STOPS, is_large
from routing.verify import verify
from tests.support.routing_problems import bus, euclidean_problem


def riders_on_a_grid(pairs: int, seed: int = 7) -> Problem:
    """`pairs` riders between random points of a 100 x 100 square, each with a two-hour window to
    board and to arrive, on identical 10-seat buses that cost more to use than any route is long."""
    rng = random.Random(seed)
    points = [(50, 50)] + [(rng.randrange(100), rng.randrange(100)) for _ in range(2 * pairs)]
    requests = []
    for k in range(pairs):
        start = rng.randrange(0, 400)
        requests.append(Request(
            f"r{k}", rng.randint(1, 4),
            pickup=Stop(2 * k + 1, earliest=start, latest=start + 120, service=5),
            delivery=Stop(2 * k + 2, earliest=start, latest=start + 240, service=5),
        ))
    fleet = [bus(f"b{k}", capacity=10, fixed_cost=100_000, latest=800) for k in range(pairs // 2)]
    return euclidean_problem(points, requests, fleet)


@pytest.mark.slow
def test_a_large_problem_comes_back_whole_feasible_and_the_same_twice() -> None:
    problem = riders_on_a_grid(160)
    assert is_large(problem) and 2 * len(problem.requests) > LARGE_STOPS
    params = SolveParams(time_limit_s=60, solution_limit=150, seed=0, workers=1)
    first, second = solve(problem, params), solve(problem, params)
    assert first.unassigned == ()
    assert verify(problem, first) == []
    assert 0 < len(first.routes) <= first.stats["constructed_vehicles"]
    assert [r.visits for r in first.routes] == [r.visits for r in second.routes]
