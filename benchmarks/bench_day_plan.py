"""Whole days through `dispatch.plan_day`: buses, kilometres, empty running, driving and duty days, wall time.

    .venv/bin/python benchmarks/bench_day_plan.py [--days bundled far-a far-b] [--solution-limit N]
        [--out benchmarks/results/day_plan.md] [--json RAW]
    .venv/bin/python benchmarks/bench_day_plan.py --write-days DIR
    .venv/bin/python benchmarks/bench_day_plan.py --measure PLAN.json [PLAN.json ...] [--out TABLE.md] [--json RAW]

The days: `bundled` is the sample `data/samples/changjiang` (2026-12-01); `far-a` and `far-b` are generated
with a fixed seed into a temporary folder as CSV files of docs/input-format.md: the sample's stations and
fleet (plus one 45-seat bus, 14 in all), a few sites far outside the county (Haikou, Sanya, Basuo; Nada,
Baoyou, Yazhou) besides some inside it, one order per site and about 250 applicants. Each day is loaded
and planned as `shuttle plan` does (settings from the scenario's `[plan]` table, `--solution-limit` over
them), and its figures are read off the plan.json document alone (`dispatch.outputs.plan_to_dict`):

- buses used, runs; road km of every leg (great-circle distance times the plan's `road_factor`), and the
  empty km of legs that leave a stop with load 0;
- per bus, the driving day (each leg's arrival minus the previous stop's departure, less the rests taken on
  the road) and the duty day (first departure to last arrival over its runs): the longest of each;
- the earliest boarding time, the workers placed, and the wall time of `plan_day`.

Prints a markdown table, one row per day, and writes it with the command that made it to `--out`;
`--json RAW` also dumps the rows (for before/after comparisons). `--write-days DIR` only writes the
generated day folders (`shuttle plan DIR/far-a --out ...` plans one with any checkout), and `--measure`
only computes the figures of existing plan.json files (a figure whose fields a file lacks stays empty).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import shlex
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from data.idcard import make_id_number
from data.reader import load_scenario
from data.samples import CHANGJIANG
from dispatch import PlanSettings, plan_day
from dispatch.outputs import plan_to_dict
from dispatch.travel import great_circle_km

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "benchmarks" / "results" / "day_plan.md"
DAY = dt.date(2026, 12, 1)
SKILLS = ("采摘", "包装", "种植", "装卸", "普工")
STATION_IDS = tuple(f"ST{k:02d}" for k in range(1, 11))
"""The bundled sample's stations, which the generated days copy."""


@dataclass(frozen=True)
class FarDay:
    """A generated day: far sites (id, employer, name, lat, lon), some sites inside Changjiang, applicants."""

    seed: int
    far_sites: tuple[tuple[str, str, str, float, float], ...]
    local_sites: int
    applicants: int


FAR_DAYS = {
    "far-a": FarDay(1, (("FH", "海口综保区电子厂", "海口厂房", 20.01, 110.33),
                        ("FS", "三亚南繁基地", "三亚基地", 18.30, 109.50),
                        ("FB", "八所港务", "八所码头", 19.10, 108.63)), 5, 250),
    "far-b": FarDay(2, (("FN", "儋州那大包装厂", "那大车间", 19.52, 109.58),
                        ("FL", "乐东抱由芒果合作社", "抱由芒果园", 18.75, 109.17),
                        ("FY", "崖州南繁育种基地", "崖州基地", 18.375, 109.18),
                        ("FH", "海口综保区电子厂", "海口厂房", 20.01, 110.33)), 6, 260),
}
DAYS = ("bundled", *FAR_DAYS)


def write_far_day(folder: Path, day: FarDay) -> None:
    """The day as CSV files with English headers, the same for a seed on every run."""
    rng = random.Random(day.seed)
    folder.mkdir(parents=True)
    for name in ("stations.csv", "scenario.toml"):
        shutil.copy(CHANGJIANG / name, folder / name)
    with (CHANGJIANG / "fleet.csv").open(encoding="utf-8-sig", newline="") as f:
        fleet = list(csv.reader(f))
    fleet.append(["V14", "琼D·30464", "45", "19.2755", "109.056", "05:00", "21:00", "王海明", "13876543210", "4.5"])
    _write(folder / "fleet.csv", fleet[0], fleet[1:])

    local = [(f"L{k}", f"昌江用工单位{k}", f"基地{k}", round(rng.uniform(19.0, 19.45), 4),
              round(rng.uniform(108.7, 109.2), 4)) for k in range(1, day.local_sites + 1)]
    _write(folder / "sites.csv", ["site_id", "employer", "name", "lat", "lon"], [*day.far_sites, *local])
    orders = []
    for k, site in enumerate([*day.far_sites, *local], start=1):
        far = k <= len(day.far_sites)
        start = rng.choice(range(9 * 60, 12 * 60 + 1, 30) if far else range(7 * 60, 9 * 60 + 1, 30))
        end = min(start + rng.choice((480, 540)), (17 if far else 18) * 60 + 30)
        return_trip = "yes" if not far or rng.random() < 0.75 else "no"
        orders.append((f"O{k:02d}", site[0], DAY.isoformat(), rng.randint(15, 30) if far else rng.randint(20, 40),
                       rng.choice(SKILLS), _hhmm(start), _hhmm(end), rng.randint(160, 240), return_trip))
    _write(folder / "orders.csv", ["order_id", "site_id", "date", "workers", "skill", "shift_start", "shift_end",
                                   "wage", "return_trip"], orders)

    ordered = sorted({o[4] for o in orders})
    applications = []
    for n in range(day.applicants):
        gender = "男" if n % 2 else "女"
        seq = (n % 500) * 2 + (gender == "男")
        birth = dt.date(1968, 1, 1) + dt.timedelta(days=n * 13)
        applications.append((f"A{n:04d}", f"工人{n}", gender, make_id_number("469031", birth, seq),
                             f"138{day.seed}{n:07d}", rng.choice(STATION_IDS), "村",
                             "、".join(rng.sample(ordered, min(len(ordered), rng.randint(1, 2)))), DAY.isoformat(),
                             "yes" if rng.random() < 0.1 else "no"))
    _write(folder / "applications.csv", ["application_id", "name", "gender", "id_number", "phone", "station_id",
                                         "village", "skills", "dates", "priority"], applications)


def _write(path: Path, header: list[str], rows: list[Any]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def plan_folder(folder: Path, solution_limit: int | None) -> tuple[dict[str, Any], float]:
    """The plan.json document of the folder's day, planned as `shuttle plan` does, and plan_day's seconds."""
    scenario = load_scenario(folder)
    settings = PlanSettings.from_mapping(scenario.settings.get("plan", {}))
    settings = settings.with_overrides(solution_limit=solution_limit)
    dates = scenario.dates()
    if len(dates) != 1:
        raise ValueError(f"{folder}: the orders cover {len(dates)} dates, not one")
    started = time.perf_counter()
    plan = plan_day(scenario, dates[0], settings)
    seconds = time.perf_counter() - started
    return plan_to_dict(plan), seconds


def measure(name: str, document: dict[str, Any], seconds: float | None = None) -> dict[str, Any]:
    """The figures of one plan.json document; a figure whose fields are missing is None."""
    routes = document.get("routes", [])
    row: dict[str, Any] = {"day": name, "buses": len({r["vehicle_id"] for r in routes}), "runs": len(routes)}
    row.update(_kilometres(document))
    row.update(_bus_days(routes))
    row["earliest_boarding"] = _earliest_boarding(document)
    row["placed"] = document.get("summary", {}).get("workers_assigned")
    row["applicants"] = document.get("summary", {}).get("applicants_available")
    row["plan_s"] = None if seconds is None else round(seconds, 1)
    return row


def _kilometres(document: dict[str, Any]) -> dict[str, float | None]:
    road_factor = document.get("settings", {}).get("road_factor")
    if road_factor is None:
        return {"km": None, "empty_km": None, "empty_pct": None}
    total = empty = 0.0
    for route in document["routes"]:
        stops = route["stops"]
        if len(stops) < 2:
            continue
        km = great_circle_km(np.array([s["lat"] for s in stops]), np.array([s["lon"] for s in stops]))
        for i in range(1, len(stops)):
            leg = float(km[i - 1, i]) * road_factor
            total += leg
            empty += leg if stops[i - 1]["load"] == 0 else 0.0
    return {"km": round(total, 1), "empty_km": round(empty, 1),
            "empty_pct": round(100 * empty / total, 1) if total else None}


def _bus_days(routes: list[dict[str, Any]]) -> dict[str, float | None]:
    """The longest driving day and the longest duty day over the buses, in hours."""
    driving: dict[str, int] = defaultdict(int)
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    with_rests = all("rests" in r for r in routes)
    for route in routes:
        stops, bus = route["stops"], route["vehicle_id"]
        if not stops:
            continue
        driving[bus] += sum(_minutes(b["arrival"]) - _minutes(a["departure"]) for a, b in pairwise(stops))
        driving[bus] -= sum(rest["minutes"] for rest in route.get("rests", []) if rest["on_road"])
        first[bus] = min(first.get(bus, 24 * 60 * 2), _minutes(stops[0]["departure"]))
        last[bus] = max(last.get(bus, 0), _minutes(stops[-1]["arrival"]))
    return {
        "driving_h": round(max(driving.values()) / 60, 2) if driving and with_rests else None,
        "duty_h": round(max(last[b] - first[b] for b in first) / 60, 2) if first else None,
    }


def _earliest_boarding(document: dict[str, Any]) -> str | None:
    times = [a["boarding_time"] for a in document.get("assignments", []) if a.get("boarding_time")]
    if not times:  # a plan.json without boarding times: the departures of stops where people board
        times = [s["departure"] for r in document.get("routes", []) for s in r["stops"] if s.get("board")]
    return min(times, key=_minutes) if times else None


COLUMNS = (
    ("day", "day", "{}"), ("buses", "buses", "{}"), ("runs", "runs", "{}"), ("km", "road km", "{:.1f}"),
    ("empty_km", "empty km", "{:.1f}"), ("empty_pct", "empty %", "{:.1f}"),
    ("driving_h", "longest driving day (h)", "{:.2f}"), ("duty_h", "longest duty day (h)", "{:.2f}"),
    ("earliest_boarding", "earliest boarding", "{}"), ("placed", "workers placed", "{}"),
    ("applicants", "applicants", "{}"), ("plan_s", "plan_day (s)", "{:.1f}"),
)


def table(rows: list[dict[str, Any]]) -> list[str]:
    lines = ["| " + " | ".join(title for _, title, _ in COLUMNS) + " |",
             "| --- | " + " | ".join("---:" for _ in COLUMNS[1:]) + " |"]
    for row in rows:
        cells = ["–" if row.get(key) is None else form.format(row[key]) for key, _, form in COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def results_markdown(rows: list[dict[str, Any]], command: str, note: str) -> str:
    lines = ["# Day plans", "", f"Command: `{command}` ({note}).", "", *table(rows), "",
             "Road km: great-circle distance of each leg times the plan's road factor; empty km: legs leaving a stop "
             "with nobody aboard. Driving day: leg times less rests on the road, summed over a bus's runs; duty day: "
             "its first departure to its last arrival."]
    return "\n".join(lines) + "\n"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--days", nargs="+", choices=DAYS, default=list(DAYS))
    parser.add_argument("--solution-limit", type=int, default=None,
                        help="routing budget (solutions examined); default: the scenario's setting")
    parser.add_argument("--out", type=Path, default=None,
                        help=f"markdown table (default when planning: {DEFAULT_OUT.relative_to(REPO)})")
    parser.add_argument("--json", type=Path, default=None, help="also write the rows as JSON here")
    parser.add_argument("--write-days", type=Path, default=None, metavar="DIR",
                        help="write the generated day folders into DIR and exit")
    parser.add_argument("--measure", type=Path, nargs="+", default=None, metavar="PLAN.json",
                        help="only measure these existing plan.json files")
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    command = shlex.join(["python", "benchmarks/bench_day_plan.py", *argv])
    if args.write_days is not None:
        for name, day in FAR_DAYS.items():
            write_far_day(args.write_days / name, day)
            print(args.write_days / name)
        return 0
    machine = f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start"
    if args.measure is not None:
        rows = [measure(p.parent.name if p.name == "plan.json" else p.stem, json.loads(p.read_text("utf-8-sig")))
                for p in args.measure]
        note = "figures of existing plan.json files"
    else:
        rows = []
        with tempfile.TemporaryDirectory(prefix="day-plan-") as tmp:
            for name in args.days:
                folder = CHANGJIANG if name == "bundled" else Path(tmp) / name
                if name != "bundled":
                    write_far_day(folder, FAR_DAYS[name])
                document, seconds = plan_folder(folder, args.solution_limit)
                rows.append(measure(name, document, seconds))
                print(f"{name}: {rows[-1]}", file=sys.stderr, flush=True)
        note = machine
    text = results_markdown(rows, command, note)
    print("\n".join(table(rows)))
    out = args.out if args.out is not None or args.measure is not None else DEFAULT_OUT
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    if args.json is not None:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
