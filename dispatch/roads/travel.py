"""Road matrices for the day's places, with the straight-line model wherever the roads give no answer.

A place farther than `max_snap_m` from every road keeps the straight-line model for all its legs;
a pair the network cannot route (another island of roads, a one-way dead end) keeps it for that
pair. Both are reported by name, never silent: they go to the plan's warnings and to plan.json.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from dispatch.roads.engine import LocalRoads
from dispatch.roads.network import LatLon, RoadNetwork, RoadTable
from dispatch.roads.prepare import prepared
from dispatch.roads.server import ServerRoads
from dispatch.roads.settings import RoadSettings, road_error
from dispatch.travel import TravelModel

SHOWN_PAIRS = 5
"""Unroutable pairs named in the warning; plan.json lists them all."""


@dataclass(frozen=True)
class RoadPoint:
    name: str
    lat: float
    lon: float


@dataclass
class RoadTravel:
    """The day's travel from the roads: the matrices, the network for drawing, and what to report."""

    travel: TravelModel
    network: RoadNetwork
    routed: np.ndarray
    """True where a pair's figures come from the roads."""
    record: dict[str, Any]
    warnings: tuple[str, ...]
    _paths: dict[tuple[int, int], tuple[LatLon, ...]] = field(default_factory=dict)

    def leg_path(self, points: Sequence[RoadPoint], a: int, b: int) -> tuple[LatLon, ...]:
        """The road a bus drives from place `a` to place `b`, from the places themselves; a straight
        segment where the pair is not routed."""
        start, end = (points[a].lat, points[a].lon), (points[b].lat, points[b].lon)
        if a == b or not self.routed[a, b]:
            return (start, end)
        if (a, b) not in self._paths:
            road = self.network.path(start, end)
            self._paths[(a, b)] = (start, *road, end) if road else (start, end)
        return self._paths[(a, b)]


_OPENED: dict[tuple[RoadSettings, int, int], RoadNetwork] = {}
_TABLES: dict[tuple[int, tuple[RoadPoint, ...]], RoadTable] = {}
"""A plan's outputs ask for the day's travel again (order statuses in plan.json, the workbook, the
lists): within one process each network is opened, and each table asked, once."""


def open_network(settings: RoadSettings, progress: Callable[[str], None] | None = None) -> RoadNetwork:
    """The network a road source names: a server, or an OSM file prepared on first use (a file changed
    on disk since is opened anew)."""
    if not settings.is_server and not Path(settings.source).is_file():  # a plan read back, its file since gone
        raise road_error(settings.source, "找不到此计划所用的道路数据文件（the plan's road file is gone）")
    stat = None if settings.is_server else Path(settings.source).stat()
    key = (settings, stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0)
    if key not in _OPENED:
        _OPENED[key] = ServerRoads(settings) if settings.is_server else LocalRoads(
            prepared(Path(settings.source), progress))
    return _OPENED[key]


def road_travel(points: Sequence[RoadPoint], straight: TravelModel, settings: RoadSettings,
                progress: Callable[[str], None] | None = None) -> RoadTravel:
    """Road km and bus minutes between `points`; `straight` fills in where the roads cannot answer."""
    network = open_network(settings, progress)
    key = (id(network), tuple(points))
    if key not in _TABLES:
        _TABLES[key] = network.table([(p.lat, p.lon) for p in points])
    table = _TABLES[key]
    far = table.snap_m > settings.max_snap_m
    routed = ~np.isnan(table.seconds) & ~np.isnan(table.metres)
    routed &= ~far[:, None] & ~far[None, :]
    np.fill_diagonal(routed, True)
    road_km = np.where(routed, np.nan_to_num(table.metres) / 1000.0, straight.road_km)
    minutes = np.where(routed, np.nan_to_num(table.seconds) / 60.0 * settings.bus_factor, straight.minutes)
    np.fill_diagonal(road_km, 0.0)
    np.fill_diagonal(minutes, 0.0)
    far_places = [{"name": p.name, "snap_m": round(float(d))} for p, d, f in zip(points, table.snap_m, far) if f]
    unrouted = [(points[i].name, points[j].name) for i, j in zip(*np.nonzero(~routed))
                if not far[i] and not far[j]]
    warnings = [f"{place['name']} 距最近道路 {place['snap_m']} 米，超过 {settings.max_snap_m:g} 米：其往来按直线估算"
                f"（{place['name']} is {place['snap_m']} m from the nearest road: its legs use the straight-line "
                "model）" for place in far_places]
    if unrouted:
        shown = "；".join(f"{a}→{b}" for a, b in unrouted[:SHOWN_PAIRS])
        more = f" 等 {len(unrouted)} 对" if len(unrouted) > SHOWN_PAIRS else ""
        warnings.append(f"道路网络不通的 {len(unrouted)} 对地点按直线估算：{shown}{more}（{len(unrouted)} pairs have "
                        "no road route and use the straight-line model）")
    record = {**network.record(), "bus_factor": settings.bus_factor, "max_snap_m": settings.max_snap_m,
              "places": len(points), "far_from_road": far_places,
              "straight_line_pairs": [list(pair) for pair in unrouted]}
    return RoadTravel(TravelModel.from_matrices(road_km, minutes), network, routed, record, tuple(warnings))
