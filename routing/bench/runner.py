"""Benchmark runs on public instances: one result row per instance, compared with the best known.

The rows are plain dicts ready for JSON (the `shuttle bench --json` output): distances are in the
instance's own terms (double-precision Euclidean for Solomon and Li & Lim, rounded arcs for
VRPLIB), routes are lists of the instance's node numbers without the depot.
"""

from __future__ import annotations

import csv
import re
import statistics
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from routing.bench.instances import InstanceInfo, instance_info, read_instance, true_distance
from routing.params import SolveParams
from routing.solution import Solution
from routing.solver import solve
from routing.verify import verify

BKS_SET = {"solomon": "solomon", "lilim": "lilim100", "vrplib": "cvrp-x"}
"""Which rows of BKS.csv apply to each format's 100-stop instances: Solomon uses the hierarchical
(vehicles first) set. The larger ones are `bks_set`'s."""
LARGER_SETS = {"solomon": "gh", "lilim": "lilim"}
"""The BKS.csv sets of the larger instances, by format: Gehring & Homberger in Solomon's format."""
Row = dict[str, Any]
"""One instance's result, ready for JSON."""


@dataclass(frozen=True)
class BestKnown:
    vehicles: int
    distance: float


def default_bks_path(repo_root: Path) -> Path | None:
    """`shared/benchmarks/BKS.csv` beside the repository, where the project keeps it, if present."""
    path = repo_root.resolve().parent / "shared" / "benchmarks" / "BKS.csv"
    return path if path.is_file() else None


def bks_set(kind: str, name: str) -> str:
    """The rows of BKS.csv for an instance: the larger Gehring & Homberger and Li & Lim instances
    are named family_hundreds_number (rc1_10_3: 1000 stops) and have a set per size (gh1000)."""
    sized = re.fullmatch(r"[a-z]+\d_(\d+)_\d+", name.lower())
    if sized is None or kind not in LARGER_SETS:
        return BKS_SET[kind]
    return f"{LARGER_SETS[kind]}{100 * int(sized.group(1))}"


def read_bks(path: Path) -> dict[tuple[str, str], BestKnown]:
    """Best-known values keyed by (set, lower-case instance name)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            (row["set"], row["instance"].lower()): BestKnown(int(row["vehicles"]), float(row["distance"]))
            for row in csv.DictReader(handle)
        }


def run_bench(
    paths: list[Path],
    time_limit_s: float,
    seed: int,
    bks_path: Path | None,
    deterministic_budget: int | None = None,
    workers: int = 2,
) -> Iterator[Row]:
    """Solve each instance in turn (sorted by path) and yield its result row as soon as it is done."""
    bks = read_bks(bks_path) if bks_path is not None else {}
    params = SolveParams(
        time_limit_s=time_limit_s, solution_limit=deterministic_budget, seed=seed, workers=workers
    )
    for path in sorted(paths):
        problem = read_instance(path)
        started = time.monotonic()
        solution = solve(problem, params)
        seconds = time.monotonic() - started
        info = instance_info(problem)
        known = bks.get((bks_set(info.format, problem.name), problem.name.lower()))
        yield result_row(problem.name, info, solution, verify(problem, solution), seconds, known)


def result_row(
    name: str, info: InstanceInfo, solution: Solution, violations: list[str], seconds: float, known: BestKnown | None
) -> Row:
    routes = node_routes(info, solution)
    distance = round(true_distance(info, routes), 4)
    row: Row = {
        "instance": name,
        "format": info.format,
        "vehicles": len(routes),
        "distance": distance,
        "feasible": not violations and not solution.unassigned,
        "seconds": round(seconds, 2),
        "routes": routes,
    }
    if known is not None:
        row["bks_vehicles"] = known.vehicles
        row["bks_distance"] = known.distance
        row["gap_pct"] = round(100 * (distance - known.distance) / known.distance, 3)
    return row


def node_routes(info: InstanceInfo, solution: Solution) -> list[list[int]]:
    """Each route as the instance's node numbers of its stops, depot excluded, in visiting order."""
    return [[info.node_numbers[v.place] for v in route.visits[1:-1]] for route in solution.routes]


def format_table(rows: Iterable[Row]) -> str:
    """A Markdown table of result rows with an averages line (gap only where vehicles match the BKS)."""
    rows = list(rows)
    lines = [
        "| instance | vehicles | best known | distance | best known | gap % | feasible | seconds |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['instance']} | {row['vehicles']} | {row.get('bks_vehicles', '')} | {row['distance']:.2f} | "
            f"{_number(row.get('bks_distance'))} | {_number(row.get('gap_pct'))} | "
            f"{'yes' if row['feasible'] else 'NO'} | {row['seconds']:.1f} |"
        )
    lines.append("")
    lines.append(summary_line(rows))
    return "\n".join(lines)


def summary_line(rows: list[Row]) -> str:
    known = [r for r in rows if "bks_vehicles" in r]
    equal = [r for r in known if r["vehicles"] == r["bks_vehicles"]]
    fewer = sum(1 for r in known if r["vehicles"] < r["bks_vehicles"])
    gap = statistics.fmean(r["gap_pct"] for r in equal) if equal else float("nan")
    gap_all = statistics.fmean(r["gap_pct"] for r in known) if known else float("nan")
    feasible = sum(1 for r in rows if r["feasible"])
    return (
        f"{len(rows)} instances, {feasible} feasible; vehicles equal to best known on {len(equal)} of {len(known)}"
        f" (fewer on {fewer}); mean distance gap where equal: {gap:.2f} %, over all: {gap_all:.2f} %"
    )


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"
