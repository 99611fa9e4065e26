"""Travel between places: great-circle distance times a road factor, at an average speed.

Good enough for county roads without a road network; both factors are settings, so a county can
calibrate them against odometer readings.
"""

from __future__ import annotations

import numpy as np

EARTH_RADIUS_KM = 6371.0088


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

    def __init__(self, lat, lon, *, road_factor: float, speed_kmh: float):
        self.road_km = great_circle_km(lat, lon) * road_factor
        self.minutes = self.road_km / speed_kmh * 60.0
        self.metres = np.rint(self.road_km * 1000).astype(np.int64)
        """The integer matrices the routing engine works in, made once for every trip of the day."""
        self.seconds = np.rint(self.minutes * 60).astype(np.int64)
