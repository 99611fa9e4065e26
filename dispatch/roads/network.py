"""What a road network answers, whichever engine holds it: a table and the path of one leg."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

LatLon = tuple[float, float]


@dataclass(frozen=True)
class RoadTable:
    seconds: np.ndarray
    """Car-profile seconds from row to column; NaN where the network has no route."""
    metres: np.ndarray
    snap_m: np.ndarray
    """How far each point lies from the road it was snapped to."""


class RoadNetwork(Protocol):
    def table(self, points: Sequence[LatLon]) -> RoadTable: ...

    def path(self, start: LatLon, end: LatLon) -> tuple[LatLon, ...] | None:
        """The road path of one leg (None: no route)."""
        ...

    def record(self) -> dict[str, Any]:
        """What plan.json records of the network: where it came from and how old its data is."""
        ...


def table_from_answer(durations: Any, distances: Any, sources: Any) -> RoadTable:
    """A table from OSRM's answer (the in-process Object or the server's JSON: rows of numbers or nulls)."""
    def grid(rows: Any) -> np.ndarray:
        return np.array([[np.nan if v is None else float(v) for v in row] for row in rows], dtype=float)

    return RoadTable(grid(durations), grid(distances), np.array([float(w["distance"]) for w in sources]))


def path_from_route(route: Any) -> tuple[LatLon, ...]:
    """The route's GeoJSON line (lon, lat pairs) as (lat, lon) points."""
    return tuple((float(p[1]), float(p[0])) for p in route["geometry"]["coordinates"])
