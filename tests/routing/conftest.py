"""Fixtures: tiny routing problems with known answers, and the shared benchmark folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from routing.problem import Problem, Request, Stop
from tests.support.routing_problems import SHARED_BENCHMARKS, bus, euclidean_problem, pair


@pytest.fixture
def shared_benchmarks() -> Path:
    if not SHARED_BENCHMARKS.is_dir():
        pytest.skip(f"benchmark instances not found at {SHARED_BENCHMARKS} (shared/ must sit beside the clone)")
    return SHARED_BENCHMARKS


@pytest.fixture
def one_pair_two_buses() -> Problem:
    """One passenger pair and two buses: the pair must ride one bus, pickup first."""
    points = [(0, 0), (10, 0), (20, 0)]
    return euclidean_problem(points, [pair("r1", 1, 1, 2)], [bus("a"), bus("b")])


@pytest.fixture
def two_deliveries_small_trucks() -> Problem:
    """Two CVRP deliveries of 3 on trucks of capacity 4: two trucks needed."""
    points = [(0, 0), (10, 0), (0, 10)]
    requests = [Request("d1", 3, delivery=Stop(1)), Request("d2", 3, delivery=Stop(2))]
    return euclidean_problem(points, requests, [bus("a", 4, fixed_cost=1000), bus("b", 4, fixed_cost=1000)])


@pytest.fixture
def window_forces_order() -> Problem:
    """The far stop closes early, so it must come before the near one."""
    points = [(0, 0), (10, 0), (20, 0)]
    requests = [
        Request("near", 1, pickup=Stop(1, earliest=50, latest=100)),
        Request("far", 1, pickup=Stop(2, earliest=0, latest=25)),
    ]
    return euclidean_problem(points, requests, [bus()])
