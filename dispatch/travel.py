"""Travel between places: great-circle distance times a road factor, at a speed that grows with the leg.

Until real roads come (issue 22), a leg's time is read off speed bands: its first kilometres run on
village and town roads, the next on trunk roads, and the rest of a long leg on the expressway ring
(G98). The defaults are checked against published travel times from Shilu in docs/settings.md;
every band is a setting, and one flat speed can replace them for calibration.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class SpeedBands:
    """A leg's first `local_km` road km at `local_kmh`, on to `trunk_km` at `trunk_kmh`, the rest at
    `expressway_kmh`. Speeds that do not fall along the leg keep the triangle inequality: no detour
    through a third place is ever faster than the direct leg."""

    local_kmh: float = 35.0
    local_km: float = 10.0
    trunk_kmh: float = 60.0
    trunk_km: float = 40.0
    expressway_kmh: float = 80.0

    @classmethod
    def flat(cls, kmh: float) -> SpeedBands:
        return cls(kmh, 0.0, kmh, 0.0, kmh)

    def minutes(self, road_km: np.ndarray) -> np.ndarray:
        """Driving minutes for legs of these road kilometres."""
        local = np.minimum(road_km, self.local_km)
        trunk = np.clip(road_km - self.local_km, 0.0, max(self.trunk_km - self.local_km, 0.0))
        expressway = np.maximum(road_km - max(self.trunk_km, self.local_km), 0.0)
        return (local / self.local_kmh + trunk / self.trunk_kmh + expressway / self.expressway_kmh) * 60.0


def great_circle_km(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Pairwise haversine distances (km) between points given as arrays of degrees."""
    phi = np.radians(np.asarray(lat, dtype=float))
    lam = np.radians(np.asarray(lon, dtype=float))
    dphi = phi[:, None] - phi[None, :]
    dlam = lam[:, None] - lam[None, :]
    h = np.sin(dphi / 2) ** 2 + np.cos(phi)[:, None] * np.cos(phi)[None, :] * np.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


class TravelModel:
    """Road kilometres and driving minutes between a fixed list of points."""

    def __init__(self, lat: Sequence[float], lon: Sequence[float], *, road_factor: float, speeds: SpeedBands):
        road_km = great_circle_km(np.asarray(lat), np.asarray(lon)) * road_factor
        self._keep(road_km, speeds.minutes(road_km))

    @classmethod
    def from_matrices(cls, road_km: np.ndarray, minutes: np.ndarray) -> TravelModel:
        """A model of matrices measured elsewhere (road networks: `dispatch.roads`)."""
        model = cls.__new__(cls)
        model._keep(road_km, minutes)
        return model

    def _keep(self, road_km: np.ndarray, minutes: np.ndarray) -> None:
        self.road_km = road_km
        self.minutes = minutes
        self.metres = np.rint(self.road_km * 1000).astype(np.int64)
        """The integer matrices the routing engine works in, made once for every trip of the day."""
        self.seconds = np.rint(self.minutes * 60).astype(np.int64)
