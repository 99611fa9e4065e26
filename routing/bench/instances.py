"""Readers for public benchmark instances: Solomon (VRPTW), Li & Lim (PDPTW), VRPLIB (CVRP).

Each reader returns a `Problem` with integer matrices plus, in `meta`, what a benchmark needs to
report in the instance's own terms: the node number of every place and the coordinates, so the
true distance (double-precision Euclidean, or rounded arcs for VRPLIB) can be recomputed.

Euclidean instances are scaled by `SCALE`: distances are rounded (close to double precision, the
ranking of solutions is kept to 1e-3), travel times are rounded *up*, so every schedule that is
feasible with integers is also feasible with the exact real-valued times.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from routing.problem import Problem, Request, Stop, Vehicle

SCALE = 1000
Format = Literal["solomon", "lilim", "vrplib"]


class InstanceError(ValueError):
    """The file is not a benchmark instance this module can read; the message names the file."""


@dataclass(frozen=True)
class InstanceInfo:
    """How to report a solution of this instance in its own terms."""

    format: Format
    node_numbers: tuple[int, ...]
    """The instance's node number of each place index."""
    coords: NDArray[np.float64]
    rounded_arcs: bool
    """True for VRPLIB (each arc rounded to an integer), False for double-precision Euclidean."""


def detect_format(text: str) -> Format:
    """Tell the format from the content, not the file name."""
    if "NODE_COORD_SECTION" in text:
        return "vrplib"
    if "VEHICLE" in text and "CUSTOMER" in text:
        return "solomon"
    rows = [line.split() for line in text.splitlines() if line.strip()]
    if rows and len(rows[0]) == 3 and all(len(r) == 9 for r in rows[1:]):
        return "lilim"
    raise InstanceError("unknown instance format: expected Solomon, Li & Lim or VRPLIB content")


def read_instance(path: Path) -> Problem:
    """Read any supported instance; the problem's `meta['info']` is an `InstanceInfo`."""
    text = path.read_text(encoding="utf-8")
    try:
        kind = detect_format(text)
        reader = {"solomon": _solomon, "lilim": _lilim, "vrplib": _vrplib}[kind]
        return reader(text, _instance_name(path))
    except (InstanceError, ValueError, IndexError) as error:
        raise InstanceError(f"{path}: {error}") from None


def instance_info(problem: Problem) -> InstanceInfo:
    info = problem.meta.get("info")
    if not isinstance(info, InstanceInfo):
        raise InstanceError(f"problem {problem.name!r} was not read from a benchmark instance")
    return info


def true_distance(info: InstanceInfo, node_routes: list[list[int]]) -> float:
    """The distance of routes given as node numbers (depot excluded), as the best-known tables count it."""
    place_of = {n: p for p, n in enumerate(info.node_numbers)}
    total = 0.0
    for route in node_routes:
        places = [0] + [place_of[n] for n in route] + [0]
        for a, b in pairwise(places):
            arc = math.dist(info.coords[a], info.coords[b])
            total += round(arc) if info.rounded_arcs else arc
    return total


def _instance_name(path: Path) -> str:
    name = path.name
    for suffix in (".txt", ".vrp"):
        name = name.removesuffix(suffix)
    return name


def _euclidean(coords: NDArray[np.float64]) -> NDArray[np.float64]:
    delta = coords[:, None, :] - coords[None, :, :]
    squared: NDArray[np.float64] = (delta**2).sum(axis=2)
    return np.sqrt(squared)


def _scaled(coords: NDArray[np.float64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(distance, duration) in units of 1/SCALE; durations rounded up so integer feasibility implies real."""
    exact = _euclidean(coords) * SCALE
    return np.rint(exact).astype(np.int64), np.ceil(exact - 1e-6).astype(np.int64)


def _vehicles_first_cost(distance: NDArray[np.int64], stops: int) -> int:
    """A fixed cost per vehicle larger than any route's distance, so fewer vehicles always wins."""
    return int(distance.max()) * (stops + 2) + 1


def _numbers(text: str) -> list[list[float]]:
    return [[float(x) for x in line.split()] for line in text.splitlines() if line.strip()]


def _lilim(text: str, name: str) -> Problem:
    rows = _numbers(text)
    fleet, capacity = int(rows[0][0]), int(rows[0][1])
    table = rows[1:]
    if [int(r[0]) for r in table] != list(range(len(table))):
        raise InstanceError("node numbers must run 0, 1, 2, ... with the depot first")
    coords = np.array([[r[1], r[2]] for r in table])
    distance, duration = _scaled(coords)
    depot = table[0]
    requests = []
    for row in table[1:]:
        node, demand, delivery = int(row[0]), int(row[3]), int(row[8])
        if demand <= 0:
            continue
        if delivery <= 0 or int(table[delivery][7]) != node:
            raise InstanceError(f"pickup node {node} does not point at a delivery that points back")
        requests.append(
            Request(
                request_id=f"{node}-{delivery}",
                load=demand,
                pickup=_stop(row, node),
                delivery=_stop(table[delivery], delivery),
            )
        )
    return _benchmark_problem(name, "lilim", coords, distance, duration, requests, fleet, capacity, depot)


def _stop(row: list[float], place: int) -> Stop:
    return Stop(place=place, earliest=int(row[4]) * SCALE, latest=int(row[5]) * SCALE, service=int(row[6]) * SCALE)


def _solomon(text: str, name: str) -> Problem:
    lines = text.splitlines()
    vehicle_line = next(i for i, line in enumerate(lines) if line.strip().upper().startswith("NUMBER"))
    fleet, capacity = (int(x) for x in lines[vehicle_line + 1].split()[:2])
    customer_line = max(i for i, line in enumerate(lines) if line.strip().upper().startswith("CUST"))
    table = [[float(x) for x in line.split()] for line in lines[customer_line + 1 :] if line.strip()]
    if [int(r[0]) for r in table] != list(range(len(table))):
        raise InstanceError("customer numbers must run 0, 1, 2, ... with the depot first")
    coords = np.array([[r[1], r[2]] for r in table])
    distance, duration = _scaled(coords)
    requests = [
        Request(request_id=str(int(row[0])), load=int(row[3]), pickup=_stop(row, int(row[0])))
        for row in table[1:]
    ]
    return _benchmark_problem(name, "solomon", coords, distance, duration, requests, fleet, capacity, table[0])


def _benchmark_problem(
    name: str,
    kind: Format,
    coords: NDArray[np.float64],
    distance: NDArray[np.int64],
    duration: NDArray[np.int64],
    requests: list[Request],
    fleet: int,
    capacity: int,
    depot: list[float],
) -> Problem:
    stops = sum(len(r.stops()) for r in requests)
    fixed = _vehicles_first_cost(distance, stops)
    vehicles = tuple(
        Vehicle(f"v{k + 1}", capacity, 0, 0, int(depot[4]) * SCALE, int(depot[5]) * SCALE, fixed_cost=fixed)
        for k in range(fleet)
    )
    info = InstanceInfo(kind, tuple(range(len(coords))), coords, rounded_arcs=False)
    return Problem(distance, duration, tuple(requests), vehicles, name=name, meta={"info": info})


def _vrplib(text: str, name: str) -> Problem:
    header = dict(re.findall(r"^\s*([A-Z_]+)\s*:\s*(.+?)\s*$", text, flags=re.MULTILINE))
    if header.get("EDGE_WEIGHT_TYPE", "").strip() != "EUC_2D":
        raise InstanceError(f"only EUC_2D VRPLIB instances are supported, not {header.get('EDGE_WEIGHT_TYPE')!r}")
    dimension, capacity = int(header["DIMENSION"]), int(header["CAPACITY"])
    coords_rows = _section(text, "NODE_COORD_SECTION", dimension)
    demand_rows = _section(text, "DEMAND_SECTION", dimension)
    depot_number = int(_section(text, "DEPOT_SECTION", 1)[0][0])
    numbers = [int(r[0]) for r in coords_rows]
    order = [depot_number] + [n for n in numbers if n != depot_number]
    coords_of = {int(r[0]): (r[1], r[2]) for r in coords_rows}
    demand_of = {int(r[0]): int(r[1]) for r in demand_rows}
    coords = np.array([coords_of[n] for n in order])
    distance = np.rint(_euclidean(coords)).astype(np.int64)
    requests = [
        Request(request_id=str(n), load=demand_of[n], delivery=Stop(place=p))
        for p, n in enumerate(order)
        if p > 0
    ]
    fleet = _cvrp_fleet(sum(r.load for r in requests), capacity, len(requests))
    vehicles = tuple(Vehicle(f"v{k + 1}", capacity, 0, 0) for k in range(fleet))
    info = InstanceInfo("vrplib", tuple(order), coords, rounded_arcs=True)
    return Problem(distance, distance.copy(), tuple(requests), vehicles, name=name, meta={"info": info})


def _section(text: str, title: str, count: int) -> list[list[float]]:
    after = text.split(title, 1)[1].splitlines()[1:]
    rows = [[float(x) for x in line.split()] for line in after[:count]]
    if len(rows) < count or any(not r for r in rows):
        raise InstanceError(f"{title} has fewer than {count} rows")
    return rows


def _cvrp_fleet(total_demand: int, capacity: int, customers: int) -> int:
    """Enough vehicles for any good solution: the bin-packing bound plus a margin, at most one each."""
    bound = math.ceil(total_demand / capacity)
    return min(customers, bound + max(3, bound // 4))
