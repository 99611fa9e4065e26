"""A year of a county's days in the ledger: the time to publish, sign in and report.

    .venv/bin/python benchmarks/bench_ledger.py PLAN_DIR [--days 365] [--ledger URL]

PLAN_DIR is a planned day (e.g. `shuttle demo --out out/demo`: about 300 riders on 26 runs). Its plan is
published for `--days` consecutive dates from 2026-01-01 (the same day shifted; the inputs check of
`shuttle publish` is skipped, as the dates differ), and each date is signed in from a sheet that marks
one rider in twenty 否 and the rest 是. Then the year's report is timed by each grouping, and what
planning with `[ledger] history` asks of the ledger for the next day (`recall`: 7 days of turned-away
applicants, 30 days of no-shows).
Prints a markdown table; the ledger is a SQLite file in a temporary folder unless `--ledger` names one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from data.reader import load_scenario
from data.signin import COLUMNS
from ledger import BY, opened_ledger, publish_plan, read_info, recall, record_signin, report_rows


def _sheet(document: dict, path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(COLUMNS)
    k = 0
    for route in document["routes"]:
        for stop in route["stops"]:
            for aid in stop["board"]:
                k += 1
                trip = "去程" if route["trip"] == "morning" else "返程"
                sheet.append((aid, "", route["vehicle_id"], trip, "", "否" if k % 20 == 0 else "是", ""))
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("plan_dir", type=Path)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--ledger")
    args = parser.parse_args()
    document = json.loads((args.plan_dir / "plan.json").read_text("utf-8"))
    scenario = load_scenario(Path(read_info(args.plan_dir / "signin.xlsx")["方案文件夹"]))
    work = Path(tempfile.mkdtemp(prefix="bench-ledger-"))
    url = args.ledger or f"sqlite:///{work / 'ledger.sqlite'}"
    timings: dict[str, float] = {}
    start = dt.date(2026, 1, 1)
    with opened_ledger(url) as engine:
        clock = time.perf_counter()
        for k in range(args.days):
            publish_plan(engine, {**document, "date": (start + dt.timedelta(days=k)).isoformat()}, scenario, "bench")
        timings["publish"] = time.perf_counter() - clock
        signing = 0.0
        for k in range(args.days):
            day = {**document, "date": (start + dt.timedelta(days=k)).isoformat()}
            _sheet(day, work / "sheet.xlsx")
            clock = time.perf_counter()
            record_signin(engine, day, "bench", work / "sheet.xlsx")
            signing += time.perf_counter() - clock
        timings["signin"] = signing
        end = start + dt.timedelta(days=args.days - 1)
        for by in BY:
            clock = time.perf_counter()
            rows = report_rows(engine, start, end, by)
            timings[f"report by {by} ({len(rows)} rows)"] = time.perf_counter() - clock
        clock = time.perf_counter()
        numbers = {a.application_id: a.id_number for a in scenario.applications}
        found = recall(engine, end + dt.timedelta(days=1), numbers, seat_first_days=7, no_show_days=30, no_show_flag=2)
        timings[f"recall for planning ({len(found.seat_first)} first, {len(found.no_shows)} flagged)"] = \
            time.perf_counter() - clock
    riders = sum(len(s["board"]) for r in document["routes"] for s in r["stops"])
    print(f"{args.days} days of {len(document['routes'])} runs and {riders} ride rows each, ledger {url}\n")
    print("| step | seconds | per day |\n| --- | --- | --- |")
    for step, seconds in timings.items():
        per_day = f"{seconds / args.days * 1000:.0f} ms" if step in ("publish", "signin") else ""
        print(f"| {step} | {seconds:.2f} | {per_day} |")


if __name__ == "__main__":
    main()
