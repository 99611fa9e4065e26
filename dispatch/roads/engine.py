"""Road tables and paths in process, from a prepared OSM file (OSRM's engine, contraction hierarchies)."""

from __future__ import annotations

from collections.abc import Sequence
from importlib.metadata import version
from typing import Any

import numpy as np
import osrm

from dispatch.roads.network import LatLon, RoadTable, path_from_route, table_from_answer
from dispatch.roads.prepare import PreparedFile


class LocalRoads:
    def __init__(self, prepared: PreparedFile) -> None:
        self.prepared = prepared
        self._engine = osrm.OSRM(storage_config=str(prepared.base), algorithm="CH", use_shared_memory=False)

    def table(self, points: Sequence[LatLon]) -> RoadTable:
        if not points:
            return RoadTable(np.zeros((0, 0)), np.zeros((0, 0)), np.zeros(0))
        answer = self._engine.Table(osrm.TableParameters(
            coordinates=[(lon, lat) for lat, lon in points], annotations=["duration", "distance"]))
        return table_from_answer(answer["durations"], answer["distances"], answer["sources"])

    def path(self, start: LatLon, end: LatLon) -> tuple[LatLon, ...] | None:
        try:
            answer = self._engine.Route(osrm.RouteParameters(
                coordinates=[(start[1], start[0]), (end[1], end[0])], geometries="geojson", overview="full"))
        except RuntimeError:  # OSRM's NoRoute
            return None
        return path_from_route(answer["routes"][0]) if answer["code"] == "Ok" else None

    def record(self) -> dict[str, Any]:
        return {"source": "osm_file", "file": str(self.prepared.source), "sha256": self.prepared.sha256,
                "data_date": self.prepared.data_date, "profile": "car", "osrm": osrm_version()}


def osrm_version() -> str:
    return version("osrm-bindings")
