"""Chinese map coordinate systems: WGS-84 (GPS), GCJ-02 (Amap/Gaode, Tencent, WeChat) and BD-09 (Baidu).

The formulas come from `geocoordinates-rs` (MIT or Apache-2.0, maintained, in Rust): its forward
directions match the published GCJ-02 and BD-09 offsets to the last digit, and its refined inverses
come back to well under a centimetre (tests/data/test_coords.py). `coordtransform` 0.2.1 was tried
and left: its inverses are single steps, 2.6 m off around Hainan. This module only fixes the calling
convention: arguments are keyword-only (`lat=`, `lon=`) because libraries disagree on their order.
Points outside mainland China are not offset by GCJ-02 and are returned unchanged.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import geocoordinates_ffi as geo

SYSTEMS = ("wgs84", "gcj02", "bd09")


class LatLon(NamedTuple):
    lat: float
    lon: float


def wgs84_to_gcj02(*, lat: float, lon: float) -> LatLon:
    point = geo.wgs84_to_gcj02(geo.Wgs84(lat=lat, lon=lon))
    return LatLon(point.lat, point.lon)


def gcj02_to_wgs84(*, lat: float, lon: float) -> LatLon:
    point = geo.gcj02_to_wgs84_refined(geo.Gcj02(lat=lat, lon=lon))
    return LatLon(point.lat, point.lon)


def gcj02_to_bd09(*, lat: float, lon: float) -> LatLon:
    point = geo.gcj02_to_bd09(geo.Gcj02(lat=lat, lon=lon))
    return LatLon(point.lat, point.lon)


def bd09_to_gcj02(*, lat: float, lon: float) -> LatLon:
    point = geo.bd09_to_gcj02_refined(geo.Bd09(lat=lat, lon=lon))
    return LatLon(point.lat, point.lon)


def wgs84_to_bd09(*, lat: float, lon: float) -> LatLon:
    point = geo.wgs84_to_bd09(geo.Wgs84(lat=lat, lon=lon))
    return LatLon(point.lat, point.lon)


def bd09_to_wgs84(*, lat: float, lon: float) -> LatLon:
    point = geo.bd09_to_wgs84_refined(geo.Bd09(lat=lat, lon=lon))
    return LatLon(point.lat, point.lon)


def to_wgs84(system: str, *, lat: float, lon: float) -> LatLon:
    """A point given in `system` (one of SYSTEMS) as WGS-84."""
    converters = {"wgs84": LatLon, "gcj02": gcj02_to_wgs84, "bd09": bd09_to_wgs84}
    return converters[system](lat=lat, lon=lon)


def distance_m(a: LatLon, b: LatLon) -> float:
    """Great-circle distance in metres (spherical Earth), used to check conversions."""
    rad = math.radians
    h = (math.sin(rad(b.lat - a.lat) / 2) ** 2
         + math.cos(rad(a.lat)) * math.cos(rad(b.lat)) * math.sin(rad(b.lon - a.lon) / 2) ** 2)
    return 2 * 6371008.8 * math.asin(math.sqrt(min(1.0, h)))
