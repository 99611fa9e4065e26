"""`make bench`: our solver and PyVRP on the same instances at the same budget, as a results table.

    python benchmarks/run.py --sets lilim solomon cvrp_x --time-limit 10 [--limit N] [--only NAME ...]
        [--no-pyvrp [--pyvrp-from RAW.jsonl]] [--log-phases]
    python benchmarks/run.py --sets lilim_200 gh_1000 ... --subset   # `make bench-large`

The larger sets (Li & Lim and Gehring & Homberger with 200, 400 and 1000) have a budget that
grows with size (BUDGETS, when --time-limit is not given) and, with --subset, the fixed instances
of the committed tables (SUBSETS).

Writes `benchmarks/results/<name>.md` (the table and the command that made it) and the raw rows
to `benchmarks/results/raw/<name>.jsonl` (not committed). Needs `../shared/benchmarks` beside the
repository and the `bench` extra (PyVRP) unless `--no-pyvrp` is given.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shlex
import statistics
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from routing import SolveParams, solve, verify
from routing.bench import bks_set, default_bks_path, instance_info, read_bks, read_instance, result_row, true_distance

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"
SETS = {
    "lilim": ("lilim_100", "*.txt"),
    "solomon": ("solomon", "*.txt"),
    "cvrp_x": ("cvrp_x", "*.vrp"),
    **{f"{family}_{size}": (f"{family}_{size}", "*.txt") for family in ("lilim", "gh") for size in (200, 400, 1000)},
}
BUDGETS = {"lilim_1000": 120.0, "gh_1000": 120.0, **{f"{f}_{n}": 60.0 for f in ("lilim", "gh") for n in (200, 400)}}
"""Seconds per instance and solver where --time-limit is not given (10 s for the 100-stop sets)."""
SUBSETS = {
    "lilim_200": ("lr1_2_3", "lrc1_2_1"),
    "lilim_400": ("lc1_4_4", "lr2_4_7"),
    "lilim_1000": ("lrc1_10_2", "lr1_10_6"),
    "gh_200": ("r1_2_4", "c2_2_3"),
    "gh_400": ("r1_4_2", "rc2_4_6"),
    "gh_1000": ("rc1_10_3", "c2_10_5"),
}
"""The committed tables' instances (--subset): those of issue 20's table and one more of another
type per size and family; two each, as the two cores are shared with other work."""
MAX_CVRP_SIZE = 200


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.log_phases:
        logging.basicConfig(format="  %(message)s")
        logging.getLogger("routing.solver").setLevel(logging.DEBUG)
    shared = REPO.parent / "shared" / "benchmarks"
    if not shared.is_dir():
        print(f"benchmark instances not found at {shared}", file=sys.stderr)
        return 2
    bks_path = default_bks_path(REPO)
    bks = read_bks(bks_path) if bks_path else {}
    earlier = _earlier_pyvrp(args.pyvrp_from)
    machine = _machine()
    for set_name in args.sets:
        only = SUBSETS.get(set_name) if args.subset else args.only
        paths = _instances(shared, set_name, only)[: args.limit]
        time_limit = args.time_limit or BUDGETS.get(set_name, 10.0)
        name = args.name or f"{set_name}_{time_limit:g}s"
        rows = []
        raw = RESULTS / "raw" / f"{name}.jsonl"
        raw.parent.mkdir(parents=True, exist_ok=True)
        command = "python benchmarks/run.py " + shlex.join(argv)
        with raw.open("w", encoding="utf-8") as out:
            for path in paths:
                row = _run_one(path, args, bks, time_limit)
                row.update(earlier.get(row["instance"], {}))
                rows.append(row)
                out.write(json.dumps(row) + "\n")
                out.flush()
                print(_progress(row), flush=True)
                # Rewritten after every instance, so an interrupted run still leaves its table.
                table = results_markdown(name, rows, command, time_limit, len(paths), machine)
                (RESULTS / f"{name}.md").write_text(table, encoding="utf-8")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="+", choices=sorted(SETS), default=["lilim", "solomon", "cvrp_x"])
    parser.add_argument(
        "--time-limit", type=float, default=None, help="seconds per instance, per solver (default: BUDGETS, else 10)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="at most this many instances per set")
    parser.add_argument("--only", nargs="+", default=None, help="only these instances (names, any case)")
    parser.add_argument("--subset", action="store_true", help="only the committed tables' instances of each set")
    parser.add_argument("--no-pyvrp", action="store_true", help="skip the PyVRP comparison")
    parser.add_argument(
        "--pyvrp-from", type=Path, default=None, help="with --no-pyvrp: copy PyVRP figures from an earlier raw .jsonl"
    )
    parser.add_argument("--name", default=None, help="results file name (default: <set>_<limit>s)")
    parser.add_argument(
        "--log-phases", action="store_true", help="print every search phase: vehicles, cost, solutions, seconds"
    )
    return parser


def _machine() -> str:
    """Cores and load when the run starts: other work on the machine changes every figure."""
    return f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start"


def _earlier_pyvrp(path: Path | None) -> dict[str, dict]:
    """PyVRP's figures per instance from an earlier raw file: PyVRP doubles a run's time."""
    if path is None:
        return {}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["instance"]: {k: v for k, v in r.items() if k.startswith("pyvrp_")} for r in rows}


def _instances(shared: Path, set_name: str, only: Iterable[str] | None = None) -> list[Path]:
    folder, pattern = SETS[set_name]
    paths = sorted((shared / folder).glob(pattern))
    if set_name == "cvrp_x":
        paths = [p for p in paths if _cvrp_size(p) <= MAX_CVRP_SIZE]
    if only is not None:
        wanted = {name.lower() for name in only}
        paths = [p for p in paths if p.stem.lower() in wanted]
    return paths


def _cvrp_size(path: Path) -> int:
    """The node count an X instance's name gives (X-n101-k25: 101)."""
    found = re.search(r"-n(\d+)-", path.name)
    assert found is not None, f"{path.name} is not named like a CVRP X instance"
    return int(found.group(1))


def _run_one(path: Path, args: argparse.Namespace, bks: dict, time_limit: float) -> dict:
    problem = read_instance(path)
    info = instance_info(problem)
    params = SolveParams(time_limit_s=time_limit, seed=args.seed, workers=args.workers)
    started = time.monotonic()
    solution = solve(problem, params)
    seconds = time.monotonic() - started
    known = bks.get((bks_set(info.format, problem.name), problem.name.lower()))
    row = result_row(problem.name, info, solution, verify(problem, solution), seconds, known)
    row["stats"] = solution.stats
    if not args.no_pyvrp:
        from pyvrp_baseline import solve_with_pyvrp

        baseline = solve_with_pyvrp(problem, time_limit, args.seed)
        routes = [[info.node_numbers[p] for p in route] for route in baseline.routes]
        row["pyvrp_vehicles"] = len(routes)
        row["pyvrp_distance"] = round(true_distance(info, routes), 4)
        row["pyvrp_feasible"] = baseline.feasible
    return row


def _progress(row: dict) -> str:
    pyvrp = f" pyvrp {row['pyvrp_vehicles']}/{row['pyvrp_distance']:.2f}" if "pyvrp_vehicles" in row else ""
    known = f" bks {row['bks_vehicles']}/{row['bks_distance']:.2f}" if "bks_vehicles" in row else ""
    return f"{row['instance']}: {row['vehicles']}/{row['distance']:.2f}{known}{pyvrp} feasible={row['feasible']}"


def cost_ratio(row: dict) -> float | None:
    """Our distance over PyVRP's, when both use the same number of vehicles (else not comparable)."""
    if "pyvrp_vehicles" not in row or row["pyvrp_vehicles"] != row["vehicles"]:
        return None
    return row["distance"] / row["pyvrp_distance"]


def results_markdown(name: str, rows: list[dict], command: str, time_limit: float, planned: int, machine: str) -> str:
    done = "" if len(rows) == planned else f" Partial: {len(rows)} of {planned} instances done."
    lines = [
        f"# {name}",
        "",
        f"Command: `{command}` ({time_limit:g} s per instance for each solver; {machine}).{done}",
        "",
        "| instance | vehicles | best known | PyVRP | distance | best known | PyVRP | gap % | ratio to PyVRP "
        "| feasible |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        ratio = cost_ratio(row)
        lines.append(
            f"| {row['instance']} | {row['vehicles']} | {row.get('bks_vehicles', '')} "
            f"| {row.get('pyvrp_vehicles', '')} "
            f"| {row['distance']:.2f} | {_fmt(row.get('bks_distance'))} | {_fmt(row.get('pyvrp_distance'))} "
            f"| {_fmt(row.get('gap_pct'))} | {_fmt(ratio, 4)} | {'yes' if row['feasible'] else 'NO'} |"
        )
    lines += ["", *summary(rows)]
    return "\n".join(lines) + "\n"


def summary(rows: list[dict]) -> list[str]:
    known = [r for r in rows if "bks_vehicles" in r]
    equal = [r for r in known if r["vehicles"] == r["bks_vehicles"]]
    ratios = [x for x in (cost_ratio(r) for r in rows) if x is not None]
    with_pyvrp = [r for r in rows if "pyvrp_vehicles" in r]
    lines = [
        f"- instances: {len(rows)}, feasible: {sum(r['feasible'] for r in rows)}",
        f"- vehicles equal to best known: {len(equal)} of {len(known)}"
        f" (more: {sum(r['vehicles'] > r['bks_vehicles'] for r in known)},"
        f" fewer: {sum(r['vehicles'] < r['bks_vehicles'] for r in known)})",
        f"- mean distance gap where vehicles equal best known: {_mean([r['gap_pct'] for r in equal])} %",
        f"- mean distance gap over all instances: {_mean([r['gap_pct'] for r in known])} %",
    ]
    if with_pyvrp:
        lines += [
            f"- PyVRP vehicles equal to best known: "
            f"{sum(r['pyvrp_vehicles'] == r.get('bks_vehicles') for r in with_pyvrp)}"
            f" of {len(with_pyvrp)}; we use fewer than PyVRP on "
            f"{sum(r['vehicles'] < r['pyvrp_vehicles'] for r in with_pyvrp)},"
            f" more on {sum(r['vehicles'] > r['pyvrp_vehicles'] for r in with_pyvrp)}",
            f"- distance ratio to PyVRP where both use the same vehicles ({len(ratios)} instances):"
            f" median {_fmt(statistics.median(ratios) if ratios else None, 4)},"
            f" mean {_fmt(statistics.fmean(ratios) if ratios else None, 4)}",
        ]
    return lines


def _mean(values: list[float]) -> str:
    return f"{statistics.fmean(values):.2f}" if values else "n/a"


def _fmt(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
