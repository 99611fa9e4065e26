"""Builders for tiny routing problems with known answers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from routing.problem import Problem, Request, Stop, Vehicle

REPO = Path(__file__).resolve().parents[2]
SHARED_BENCHMARKS = REPO.parent / "shared" / "benchmarks"


def euclidean_problem(
    points: Sequence[tuple[float, float]], requests: Sequence[Request], vehicles: Sequence[Vehicle]
) -> Problem:
    """Place i is points[i]; distance and travel time are the Euclidean distance rounded to integers."""
    matrix = np.array([[round(math.dist(a, b)) for b in points] for a in points], dtype=np.int64)
    return Problem(matrix, matrix.copy(), tuple(requests), tuple(vehicles), name="tiny")


def bus(vehicle_id: str = "bus1", capacity: int = 10, **fields) -> Vehicle:
    return Vehicle(vehicle_id, capacity, start=0, end=0, **fields)


def pair(request_id: str, load: int, pickup: int, delivery: int, **fields) -> Request:
    return Request(request_id, load, pickup=Stop(pickup), delivery=Stop(delivery), **fields)


def ride_limit_problem(max_ride: int | None) -> Problem:
    """Without a ride limit the best tour carries r1 around the r2 detour; with one it cannot."""
    points = [(0, 0), (100, 0), (200, 0), (120, 80), (180, 80)]
    requests = [pair("r1", 1, 1, 2, max_ride=max_ride), pair("r2", 1, 3, 4)]
    return euclidean_problem(points, requests, [bus()])
