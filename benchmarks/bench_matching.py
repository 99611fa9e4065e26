"""Matching on a heavy province day: time and peak memory.

    .venv/bin/python benchmarks/bench_matching.py [--applications 20000] [--orders 500] [--seed 1]

The day is generated, not read: ~200 stations and ~200 sites spread over Hainan's extent, eight
skills, a tenth of the applicants hardship cases, about an eighth of them in teams of 5–30, and a
few station/order pairs no bus can serve. Road km is 1.3 × the great-circle distance.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import resource
import time
import tracemalloc
from collections import Counter

from data.records import Application, Order
from dispatch.matching import MatchSettings, match

DAY = dt.date(2026, 12, 1)
SKILLS = ("采摘", "包装", "种植", "普工", "搬运", "割胶", "焊工", "养殖")
LAT = (18.2, 20.0)
LON = (108.6, 111.0)


def heavy_day(applications: int, orders: int, stations: int, sites: int, seed: int):
    """Applications, orders, a road-km function and unreachable pairs for one generated day."""
    rng = random.Random(seed)
    station_xy = {f"S{i:03d}": (rng.uniform(*LAT), rng.uniform(*LON)) for i in range(stations)}
    site_xy = {f"X{i:03d}": (rng.uniform(*LAT), rng.uniform(*LON)) for i in range(sites)}
    station_ids, site_ids = sorted(station_xy), sorted(site_xy)

    order_list = [
        Order(f"O{i:04d}", rng.choice(site_ids), DAY, rng.randint(10, 60), rng.choice(SKILLS), 420, 1020)
        for i in range(orders)
    ]
    apps: list[Application] = []
    team_no = 0
    while len(apps) < applications:
        if rng.random() < 0.01:
            team_no += 1
            size = min(rng.randint(5, 30), applications - len(apps))
            station = rng.choice(station_ids)
            skills = tuple(rng.sample(SKILLS, 2))
            for k in range(size):
                apps.append(_application(len(apps), station, skills, rng, team=f"T{team_no:03d}", leader=k == 0))
        else:
            skills = tuple(rng.sample(SKILLS, rng.randint(1, 3)))
            apps.append(_application(len(apps), rng.choice(station_ids), skills, rng))
    unreachable = {(rng.choice(station_ids), rng.choice(order_list).order_id) for _ in range(stations * 5)}

    def road_km(station_id: str, site_id: str) -> float:
        return 1.3 * _great_circle_km(station_xy[station_id], site_xy[site_id])

    return apps, order_list, road_km, unreachable


def _application(n: int, station: str, skills, rng: random.Random, team=None, leader=False) -> Application:
    return Application(
        application_id=f"A{n:06d}", name=f"worker {n}", gender="女", id_number="", phone="",
        station_id=station, village="", skills=skills, dates=(DAY,), team=team, leader=leader,
        priority=rng.random() < 0.1,
    )


def _great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=20_000)
    parser.add_argument("--orders", type=int, default=500)
    parser.add_argument("--stations", type=int, default=200)
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=MatchSettings.time_limit_s)
    args = parser.parse_args()

    apps, orders, road_km, unreachable = heavy_day(args.applications, args.orders, args.stations, args.sites, args.seed)
    tracemalloc.start()
    started = time.perf_counter()
    result = match(apps, orders, road_km, MatchSettings(time_limit_s=args.time_limit), unreachable)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"applications {len(apps)}, orders {len(orders)} asking for {sum(o.workers for o in orders)} workers, "
          f"teams {len({a.team for a in apps if a.team})}")
    print(f"matched {len(result.matches)}, unplaced {len(result.unplaced)} "
          f"{dict(sorted(Counter(u.reason for u in result.unplaced).items()))}")
    for key, value in result.stats.items():
        print(f"  {key}: {value}")
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"match() took {seconds:.2f} s; peak Python memory {peak / 2**20:.1f} MiB (tracemalloc), "
          f"peak process RSS {rss_mib:.0f} MiB (includes the solver)")


if __name__ == "__main__":
    main()
