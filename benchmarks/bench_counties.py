"""What counties and plan.gpkg cost: the boundaries' first load, a county look-up per place (a province-sized
folder's worth), the map's outlines of the bundled day, and plan.gpkg of a day of many runs.

    python benchmarks/bench_counties.py

Prints a Markdown table (docs/gis.md keeps the one it gave). Each figure is the best of three runs.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from data.counties import counties, county_at
from data.reader import load_scenario
from data.samples import CHANGJIANG
from dispatch.outputs.gpkg import write_plan_gpkg
from dispatch.plan import BusRun, DayPlan, PlanStop
from maps.counties import county_outlines_layer

PLACES = 2000
"""A province-sized folder: 234 stations and some hundreds of sites, with room to spare."""
RUNS = 200


def _best(work: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def _many_runs_plan() -> DayPlan:
    """The bundled folder with RUNS made-up runs of ten stops each across its stations and sites."""
    scenario = load_scenario(CHANGJIANG)
    points = [(s.station_id, s.lat, s.lon) for s in scenario.stations] + [
        (s.site_id, s.lat, s.lon) for s in scenario.sites]
    rnd = random.Random(0)
    runs = []
    for k in range(RUNS):
        stops = tuple(PlanStop("pickup", place, lat, lon, 360 + 10 * i, 365 + 10 * i)
                      for i, (place, lat, lon) in enumerate(rnd.sample(points, 10)))
        runs.append(BusRun(f"V{k:03d}", "琼D·00000", "", 45, "morning", 50.0, 90.0, stops))
    return DayPlan(date=scenario.dates()[0], scenario=scenario, runs=tuple(runs), assignments=(), unassigned=())


def main() -> None:
    started = time.perf_counter()
    counties()
    first_load = time.perf_counter() - started
    rnd = random.Random(0)

    def look_up_new_points() -> None:  # new points each time: county_at remembers the ones it has seen
        for _ in range(PLACES):
            county_at(lat=rnd.uniform(18.2, 20.1), lon=rnd.uniform(108.6, 111.0))

    lookups = _best(look_up_new_points)
    bundled = load_scenario(CHANGJIANG)
    day = [(s.lat, s.lon) for s in bundled.stations] + [(s.lat, s.lon) for s in bundled.sites]
    outlines = _best(lambda: county_outlines_layer(day))
    plan = _many_runs_plan()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "plan.gpkg"

        def write() -> None:
            target.unlink(missing_ok=True)
            write_plan_gpkg(plan, target)

        gpkg = _best(write)
        size = target.stat().st_size
    print("| what | time |")
    print("| --- | --- |")
    print(f"| the 19 boundaries, first load | {first_load * 1000:.0f} ms |")
    print(f"| county of {PLACES} random points around the island (a third at sea) | {lookups * 1000:.0f} ms "
          f"({lookups / PLACES * 1e6:.0f} µs each) |")
    print(f"| the bundled day's county outlines for the map | {outlines * 1000:.0f} ms |")
    places = len(plan.scenario.stations) + len(plan.scenario.sites) + 2  # the bundled fleet's two depots
    print(f"| plan.gpkg of {RUNS} runs of 10 stops, {places} places | {gpkg * 1000:.0f} ms, {size // 1024} KB |")


if __name__ == "__main__":
    main()
