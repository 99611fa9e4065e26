"""Road networks: what preparing an OSM file costs, and how long the day's tables take (docs/roads.md).

    .venv/bin/python benchmarks/bench_roads.py --write NETWORK.osm [--nodes 50000] [--seed 0]
    .venv/bin/python benchmarks/bench_roads.py --measure NETWORK.osm [--out benchmarks/results/roads.md]

No OpenStreetMap extract is on any registry this machine reaches, so `--write` synthesizes a road-like
network over Hainan's extent instead (a uniform grid would be the pathological case for contraction):
towns at every place of the bundled day plus others drawn with a fixed seed, trunk roads along the
spanning tree of the towns, secondary roads to each town's nearest neighbours, and trees of tertiary,
residential and unclassified branches off them, until the file has about `--nodes` nodes. Every place of
the bundled day is a town, so the bundled day can be planned on it (`shuttle demo --roads NETWORK.osm`).

`--measure` prepares the file in a fresh cache (osrm-extract and osrm-contract, each timed), reports the
prepared network's size on disk, and times the tables: the bundled day's places, in process, as
`shuttle plan --roads` asks them, and a 1000 x 1000 table of points drawn over Hainan's extent. It reads
any file OSRM reads, so `--measure hainan-latest.osm.pbf` measures the real extract.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shlex
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from data.reader import load_scenario
from data.samples import CHANGJIANG
from dispatch.places import Places
from dispatch.roads import CACHE_ENV, LocalRoads, RoadSettings, prepared
from dispatch.settings import PlanSettings

SOUTH, NORTH, WEST, EAST = 18.2, 20.1, 108.6, 111.0
NODE_SPACING_KM = 0.25
KM_PER_DEG = 111.0


def bundled_places() -> list[tuple[float, float]]:
    scenario = load_scenario(CHANGJIANG)
    points = [(s.lat, s.lon) for s in scenario.stations] + [(s.lat, s.lon) for s in scenario.sites]
    points += [(v.depot_lat, v.depot_lon) for v in scenario.fleet]
    return sorted(set(points))


class Network:
    def __init__(self) -> None:
        self.nodes: list[tuple[float, float]] = []
        self.ways: list[tuple[list[int], str]] = []

    def node(self, lat: float, lon: float) -> int:
        self.nodes.append((lat, lon))
        return len(self.nodes)

    def road(self, start: int, end: int, highway: str, rng: random.Random) -> list[int]:
        """A gently winding road from node to node, a node every NODE_SPACING_KM."""
        (lat0, lon0), (lat1, lon1) = self.nodes[start - 1], self.nodes[end - 1]
        km = math.hypot(lat1 - lat0, (lon1 - lon0) * math.cos(math.radians(lat0))) * KM_PER_DEG
        steps = max(int(km / NODE_SPACING_KM), 1)
        bend = rng.uniform(-0.08, 0.08)
        refs = [start]
        for k in range(1, steps):
            t = k / steps
            sway = bend * math.sin(math.pi * t)
            refs.append(self.node(lat0 + t * (lat1 - lat0) - sway * (lon1 - lon0),
                                  lon0 + t * (lon1 - lon0) + sway * (lat1 - lat0)))
        refs.append(end)
        self.ways.append((refs, highway))
        return refs

    def branch(self, root: int, depth: int, rng: random.Random) -> None:
        """A side road off `root` and, off it, smaller ones."""
        lat, lon = self.nodes[root - 1]
        highway = ("tertiary", "residential", "unclassified")[min(depth, 2)]
        heading = rng.uniform(0, 2 * math.pi)
        refs = [root]
        for _ in range(rng.randint(4, 14)):
            heading += rng.uniform(-0.5, 0.5)
            lat += math.sin(heading) * NODE_SPACING_KM / KM_PER_DEG
            lon += math.cos(heading) * NODE_SPACING_KM / KM_PER_DEG
            refs.append(self.node(lat, lon))
        self.ways.append((refs, highway))
        if depth < 2:
            for ref in refs[2::3]:
                if rng.random() < 0.6:
                    self.branch(ref, depth + 1, rng)

    def write(self, path: Path) -> None:
        with path.open("w", encoding="utf-8") as out:
            out.write("<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"bench_roads\">\n")
            for k, (lat, lon) in enumerate(self.nodes, start=1):
                out.write(f' <node id="{k}" version="1" lat="{lat:.7f}" lon="{lon:.7f}"/>\n')
            for k, (refs, highway) in enumerate(self.ways, start=1):
                out.write(f' <way id="{k}" version="1">')
                out.write("".join(f'<nd ref="{r}"/>' for r in refs))
                out.write(f'<tag k="highway" v="{highway}"/></way>\n')
            out.write("</osm>\n")


def synthesize(nodes: int, seed: int) -> Network:
    rng = random.Random(seed)
    towns = bundled_places()
    while len(towns) < 90:
        towns.append((rng.uniform(SOUTH, NORTH), rng.uniform(WEST, EAST)))
    net = Network()
    ids = [net.node(lat, lon) for lat, lon in towns]

    def km(a: int, b: int) -> float:
        (la, oa), (lb, ob) = towns[a], towns[b]
        return math.hypot(la - lb, (oa - ob) * math.cos(math.radians(la))) * KM_PER_DEG

    joined, tree = {0}, []  # Prim's spanning tree: the trunk roads
    while len(joined) < len(towns):
        a, b = min(((a, b) for a in joined for b in range(len(towns)) if b not in joined), key=lambda e: km(*e))
        joined.add(b)
        tree.append((a, b))
    links = {tuple(sorted(e)) for e in tree}
    for a in range(len(towns)):
        for b in sorted((b for b in range(len(towns)) if b != a), key=lambda b: km(a, b))[:2]:
            links.add(tuple(sorted((a, b))))
    trunk = {tuple(sorted(e)) for e in tree}
    backbone: list[int] = []
    for a, b in sorted(links):
        if km(a, b) > 0.05:
            backbone += net.road(ids[a], ids[b], "trunk" if (a, b) in trunk else "secondary", rng)
    while len(net.nodes) < nodes:
        net.branch(rng.choice(backbone), 0, rng)
    return net


def measure(path: Path) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as cache:
        os.environ[CACHE_ENV] = cache
        marks: list[tuple[float, str]] = [(time.perf_counter(), "start")]
        network = prepared(path, progress=lambda message: marks.append((time.perf_counter(), message)))
        marks.append((time.perf_counter(), "end"))
        extract, contract = marks[2][0] - marks[1][0], marks[3][0] - marks[2][0]
        rows += [("file", f"{path.name}, {path.stat().st_size / 1e6:.1f} MB"),
                 ("osrm-extract", f"{extract:.1f} s"), ("osrm-contract", f"{contract:.1f} s"),
                 ("prepare in all (hash, extract, contract)", f"{marks[-1][0] - marks[0][0]:.1f} s"),
                 ("prepared network on disk", f"{network.disk_bytes / 1e6:.1f} MB")]
        scenario = load_scenario(CHANGJIANG)
        settings = PlanSettings(roads=RoadSettings(source=str(path)))
        started = time.perf_counter()
        places = Places(scenario, road_factor=settings.road_factor, speeds=settings.speeds(), roads=settings.roads)
        rows.append((f"the bundled day's table ({len(places.all)} places, engine opened, in process)",
                     f"{time.perf_counter() - started:.2f} s"))
        roads = LocalRoads(network)
        rng = np.random.default_rng(0)  # points anywhere on the island's extent, snapped to their nearest road
        points = list(zip(rng.uniform(SOUTH, NORTH, 1000), rng.uniform(WEST, EAST, 1000)))
        started = time.perf_counter()
        table = roads.table(points)
        rows.append(("a 1000 x 1000 table (in process, points drawn over the extent)",
                     f"{time.perf_counter() - started:.2f} s, "
                     f"{int(np.isnan(table.seconds).sum())} pairs without a route"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path)
    parser.add_argument("--measure", type=Path)
    parser.add_argument("--nodes", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.write:
        net = synthesize(args.nodes, args.seed)
        net.write(args.write)
        print(f"{args.write}: {len(net.nodes)} nodes, {len(net.ways)} ways")
    if args.measure:
        rows = measure(args.measure)
        table = "| what | figure |\n| --- | --- |\n" + "".join(f"| {a} | {b} |\n" for a, b in rows)
        command = "nice .venv/bin/python benchmarks/bench_roads.py " + shlex.join(sys.argv[1:])
        print(table)
        if args.out:
            args.out.write_text(f"`{command}`\n\n{table}", encoding="utf-8")


if __name__ == "__main__":
    main()
