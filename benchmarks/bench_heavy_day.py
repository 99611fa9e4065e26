"""A heavy province day through reading, validation and matching: time, peak memory, report length.

    .venv/bin/python benchmarks/bench_heavy_day.py [--applications 20000] [--orders 500] [--bad-rows 5000]

Writes the day as CSV files into a temporary folder (about 200 stations, 300 sites, 500 orders, 100
buses, 20,000 applications with checksum-valid ID numbers, hardship cases and teams), then runs each
phase in a fresh process so its peak RSS is its own:

- read: `data.reader.load_scenario` on the valid folder;
- match: load, then `dispatch.rules` pairs and `dispatch.matching.match` as `dispatch.day` calls them;
- bad: the same folder with `--bad-rows` broken application rows; `load_scenario` raises `InputError`,
  and the rendered report is measured (lines, characters) to see it stays readable.

A baseline process that only imports the modules shows how much of each RSS is the interpreter and
its libraries. Routing is not run on the heavy day. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from bench_matching import DAY, LAT, LON, SKILLS

from data.idcard import make_id_number
from data.records import Scenario

DEPOTS = 8
BAD_KINDS = ("bad_id_number", "unknown_station", "bad_date", "empty_name", "duplicate_id")
"""Defects spread over the bad rows in turn: checksum, foreign key, cell format, required cell, uniqueness."""
PHASES = ("baseline", "read", "match", "bad")


@dataclass(frozen=True)
class HeavyDay:
    applications: int = 20_000
    orders: int = 500
    stations: int = 200
    sites: int = 300
    buses: int = 100
    seed: int = 1


@dataclass(frozen=True)
class Measure:
    phase: str
    seconds: float
    peak_rss_mib: float
    peak_traced_mib: float | None
    note: str


def write_heavy_day(folder: Path, day: HeavyDay) -> None:
    """The day as five CSV files with English headers, deterministic for a seed."""
    rng = random.Random(day.seed)
    stations = [(f"S{i:03d}", f"驿站{i}", f"镇{i % 20}", _lat(rng), _lon(rng)) for i in range(day.stations)]
    sites = [(f"X{i:03d}", f"用工单位{i}", f"基地{i}", _lat(rng), _lon(rng)) for i in range(day.sites)]
    orders = [(f"O{i:04d}", rng.choice(sites)[0], DAY.isoformat(), rng.randint(10, 60), rng.choice(SKILLS),
               rng.choice(["07:00", "07:30", "08:00", "09:00"]), "17:00", 180, "yes") for i in range(day.orders)]
    depots = rng.sample(stations, DEPOTS)
    fleet = [(f"V{i:03d}", f"琼D·{30000 + i}", rng.choice([45, 45, 49, 19]), depots[i % DEPOTS][3],
              depots[i % DEPOTS][4], "05:00", "21:00", f"司机{i}", f"139{i:08d}") for i in range(day.buses)]
    _write(folder / "stations.csv", ["station_id", "name", "town", "lat", "lon"], stations)
    _write(folder / "sites.csv", ["site_id", "employer", "name", "lat", "lon"], sites)
    _write(folder / "orders.csv", ["order_id", "site_id", "date", "workers", "skill", "shift_start", "shift_end",
                                   "wage", "return_trip"], orders)
    _write(folder / "fleet.csv", ["vehicle_id", "plate", "seats", "depot_lat", "depot_lon", "available_from",
                                  "available_to", "driver", "driver_phone"], fleet)
    _write(folder / "applications.csv", APPLICATION_HEADERS, _applications(rng, day, [s[0] for s in stations]))


APPLICATION_HEADERS = ["application_id", "name", "gender", "id_number", "phone", "station_id", "village", "skills",
                       "dates", "team", "leader", "priority"]


def _applications(rng: random.Random, day: HeavyDay, station_ids: list[str]) -> list[tuple]:
    """Solo applicants and, one start in a hundred, a team of 5-30 from one station with one leader."""
    rows: list[tuple] = []
    teams = 0
    while len(rows) < day.applications:
        if rng.random() < 0.01:
            teams += 1
            size = min(rng.randint(5, 30), day.applications - len(rows))
            station, skills = rng.choice(station_ids), "、".join(rng.sample(SKILLS, 2))
            start = len(rows)
            rows += [_application(start + k, rng, station, skills, f"班组{teams}", k == 0) for k in range(size)]
        else:
            skills = "、".join(rng.sample(SKILLS, rng.randint(1, 3)))
            rows.append(_application(len(rows), rng, rng.choice(station_ids), skills, "", False))
    return rows


def _application(n: int, rng: random.Random, station: str, skills: str, team: str, leader: bool) -> tuple:
    birth = dt.date(1965, 1, 1) + dt.timedelta(days=n // 1000 * 7)
    return (f"A{n:06d}", f"工人{n}", "男" if n % 2 else "女", make_id_number("469031", birth, n % 1000),
            f"138{n:08d}", station, f"村{n % 97}", skills, DAY.isoformat(), team, "yes" if leader else "",
            "yes" if rng.random() < 0.1 else "no")


def break_rows(folder: Path, count: int) -> Counter:
    """Breaks `count` application rows spread over the file, one defect each; returns the defects made."""
    path = folder / "applications.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    col = {name: header.index(name) for name in header}
    made: Counter = Counter()
    step = max(1, len(body) // count)
    for k, index in enumerate(range(0, step * count, step)):
        row, kind = body[index], BAD_KINDS[k % len(BAD_KINDS)]
        if kind == "bad_id_number":
            row[col["id_number"]] = row[col["id_number"]][:-1] + ("0" if row[col["id_number"]][-1] != "0" else "1")
        elif kind == "unknown_station":
            row[col["station_id"]] = "S999"
        elif kind == "bad_date":
            row[col["dates"]] = "12月1日"
        elif kind == "empty_name":
            row[col["name"]] = ""
        else:
            row[col["application_id"]] = body[index - 1][col["application_id"]] if index else "A000001"
        made[kind] += 1
    _write(path, header, body)
    return made


def _write(path: Path, header: list[str], rows: list) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def _lat(rng: random.Random) -> float:
    return round(rng.uniform(*LAT), 5)


def _lon(rng: random.Random) -> float:
    return round(rng.uniform(*LON), 5)


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _imports() -> None:
    """Load what the phases use first, so their times leave the imports out."""
    for module in ("data.reader", "dispatch", "dispatch.matching"):
        importlib.import_module(module)


def _phase(name: str, folder: str, traced: bool) -> Measure:
    """Runs one phase in this (fresh) process; time excludes the imports and, for match, the reading."""
    _imports()
    from data.reader import load_scenario
    from data.validation import InputError

    if name == "baseline":
        return Measure("imports only", 0.0, _peak_rss_mib(), None, "interpreter, pandas, OR-Tools")
    if traced:
        tracemalloc.start()
    if name == "read":
        started = time.perf_counter()
        scenario = load_scenario(Path(folder))
        seconds, note = time.perf_counter() - started, f"{len(scenario.applications)} applications read"
    elif name == "match":
        seconds, note = _match(load_scenario(Path(folder)), traced)
    else:
        started = time.perf_counter()
        try:
            load_scenario(Path(folder))
            raise RuntimeError("the broken folder was accepted")
        except InputError as error:
            report = error.report
            text = report.render()
        seconds = time.perf_counter() - started
        note = (f"{len(report)} problems; report {len(text.splitlines())} lines, {len(text)} characters, "
                f"longest line {max(len(line) for line in text.splitlines())}")
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if traced else None
    return Measure(name, seconds, _peak_rss_mib(), peak, note)


def _match(scenario: Scenario, traced: bool) -> tuple[float, str]:
    """Places, reachability and matching as the planner runs them (`dispatch.matching.match_day`)."""
    from dispatch import PlanSettings
    from dispatch.matching import match_day
    from dispatch.places import Places

    if traced:
        tracemalloc.reset_peak()
    settings = PlanSettings()
    started = time.perf_counter()
    applicants = tuple(a for a in scenario.applications if a.available_on(DAY))
    orders = tuple(o for o in scenario.orders if o.date == DAY)
    places = Places(scenario, road_factor=settings.road_factor, speeds=settings.speeds())
    result = match_day(applicants, orders, scenario, places, settings)
    seconds = time.perf_counter() - started
    stats = result.stats
    reasons = Counter(u.reason for u in result.unplaced)
    return seconds, (f"reachability {stats['reachability_s']:.1f} s ({stats['unreachable_pairs']} unreachable, "
                     f"{stats['too_long_pairs']} too long); matched {len(result.matches)}, unplaced "
                     f"{len(result.unplaced)} ({', '.join(f'{k} {v}' for k, v in reasons.most_common(3))})")


def _in_fresh_process(name: str, folder: Path, traced: bool) -> Measure:
    """Runs `--phase name` of this script in a new interpreter and reads its Measure back as JSON."""
    command = [sys.executable, __file__, "--phase", name, "--folder", str(folder)] + (["--tracemalloc"] * traced)
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return Measure(**json.loads(done.stdout.splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=HeavyDay.applications)
    parser.add_argument("--orders", type=int, default=HeavyDay.orders)
    parser.add_argument("--stations", type=int, default=HeavyDay.stations)
    parser.add_argument("--sites", type=int, default=HeavyDay.sites)
    parser.add_argument("--buses", type=int, default=HeavyDay.buses)
    parser.add_argument("--bad-rows", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also trace Python allocations (slower: times are then not comparable)")
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(asdict(_phase(args.phase, args.folder, args.tracemalloc)), ensure_ascii=False))
        return
    day = HeavyDay(args.applications, args.orders, args.stations, args.sites, args.buses, args.seed)

    with tempfile.TemporaryDirectory(prefix="heavy-day-") as tmp:
        good, bad = Path(tmp) / "good", Path(tmp) / "bad"
        for folder in (good, bad):
            folder.mkdir()
            write_heavy_day(folder, day)
        made = break_rows(bad, args.bad_rows)
        size_mib = sum(p.stat().st_size for p in good.iterdir()) / 2**20
        rows = [_in_fresh_process("baseline", good, False)]
        rows += [_in_fresh_process(phase, good, args.tracemalloc) for phase in ("read", "match")]
        rows.append(_in_fresh_process("bad", bad, args.tracemalloc))

    print(f"heavy day: {day.applications} applications, {day.orders} orders, {day.stations} stations, "
          f"{day.sites} sites, {day.buses} buses ({size_mib:.1f} MiB of CSV); bad folder: "
          f"{sum(made.values())} broken rows ({', '.join(f'{k} {v}' for k, v in sorted(made.items()))})\n")
    print("| phase | seconds | peak RSS (MiB) | peak traced Python (MiB) | notes |")
    print("| --- | ---: | ---: | ---: | --- |")
    for m in rows:
        traced = f"{m.peak_traced_mib:.0f}" if m.peak_traced_mib is not None else "–"
        print(f"| {m.phase} | {m.seconds:.1f} | {m.peak_rss_mib:.0f} | {traced} | {m.note} |")


if __name__ == "__main__":
    main()
