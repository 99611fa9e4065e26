"""Small OpenStreetMap files written by the tests: a road grid around given places.

The grid's rows alternate trunk and tertiary roads, its columns are residential streets, and one
column is a one-way street running north. Each place is joined to its nearest grid node by a short
service road, so every place lies on the network. Nothing here reaches the network.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import quoteattr

ONE_WAY_COLUMN = 1
"""The grid column (counted from the west) that is a one-way street, northward."""


def write_road_grid(path: Path, places: Iterable[tuple[float, float]], *, step_deg: float = 0.02,
                    margin_deg: float = 0.03, island: tuple[float, float] | None = None) -> Path:
    """An OSM XML file of a grid covering `places` (lat, lon) with `margin_deg` around them, each place
    joined to it; `island`: a separate patch of road there, joined to nothing (no route leads to it)."""
    places = list(places)
    south = min(lat for lat, _ in places) - margin_deg
    west = min(lon for _, lon in places) - margin_deg
    rows = math.ceil((max(lat for lat, _ in places) + margin_deg - south) / step_deg) + 1
    cols = math.ceil((max(lon for _, lon in places) + margin_deg - west) / step_deg) + 1
    nodes: list[tuple[int, float, float]] = []
    ways: list[tuple[list[int], dict[str, str]]] = []

    def node(lat: float, lon: float) -> int:
        nodes.append((len(nodes) + 1, lat, lon))
        return len(nodes)

    grid = [[node(south + r * step_deg, west + c * step_deg) for c in range(cols)] for r in range(rows)]
    for r in range(rows):
        ways.append((grid[r], {"highway": "trunk" if r % 2 == 0 else "tertiary", "name": f"横{r}路"}))
    for c in range(cols):
        tags = {"highway": "residential", "name": f"纵{c}街"}
        if c == ONE_WAY_COLUMN:
            tags["oneway"] = "yes"
        ways.append(([grid[r][c] for r in range(rows)], tags))
    for lat, lon in places:
        r = round((lat - south) / step_deg)
        c = round((lon - west) / step_deg)
        ways.append(([grid[r][c], node(lat, lon)], {"highway": "service"}))
    if island is not None:
        lat, lon = island
        ways.append(([node(lat - 0.01, lon), node(lat, lon), node(lat + 0.01, lon)], {"highway": "primary"}))
    return _write(path, nodes, ways)


def _write(path: Path, nodes: list[tuple[int, float, float]], ways: list[tuple[list[int], dict[str, str]]]) -> Path:
    lines = ["<?xml version='1.0' encoding='UTF-8'?>", '<osm version="0.6" generator="shuttle tests">']
    lines += [f'  <node id="{i}" version="1" lat="{lat:.7f}" lon="{lon:.7f}"/>' for i, lat, lon in nodes]
    for k, (refs, tags) in enumerate(ways, start=1):
        lines.append(f'  <way id="{k}" version="1">')
        lines += [f'    <nd ref="{ref}"/>' for ref in refs]
        lines += [f"    <tag k={quoteattr(key)} v={quoteattr(value)}/>" for key, value in tags.items()]
        lines.append("  </way>")
    lines.append("</osm>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


CORNER_STATIONS = ("ST01", "ST02", "ST03", "ST09")
CORNER_SITES = ("W01", "W02", "W05", "W08", "W10")


def write_county_corner(folder: Path, source: Path) -> list[tuple[float, float]]:
    """The bundled day cut down to the Shilu corner of the county (four stations, five sites, four buses
    of the Shilu depot): a day that plans in seconds. Returns every place's (lat, lon)."""
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    keep = {
        "stations.csv": lambda row: row[0] in CORNER_STATIONS,
        "sites.csv": lambda row: row[0] in CORNER_SITES,
        "orders.csv": lambda row: row[1] in CORNER_SITES,
        "fleet.csv": lambda row: row[0] in ("V01", "V02", "V03", "V04"),
        "applications.csv": lambda row: row[5] in CORNER_STATIONS,
    }
    places: list[tuple[float, float]] = []
    for name, wanted in keep.items():
        with (source / name).open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.reader(stream))
        kept = [rows[0], *(row for row in rows[1:] if wanted(row))]
        with (folder / name).open("w", encoding="utf-8", newline="") as stream:
            csv.writer(stream).writerows(kept)
        if name in ("stations.csv", "sites.csv"):
            places += [(float(row[-2]), float(row[-1])) for row in kept[1:]]
        if name == "fleet.csv":
            places += [(float(row[3]), float(row[4])) for row in kept[1:]]
    (folder / "scenario.toml").write_text('coordinates = "wgs84"\n\n[plan]\nseed = 0\n', encoding="utf-8")
    return places
