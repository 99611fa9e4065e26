"""Chinese map coordinate systems: WGS-84 (GPS), GCJ-02 (Amap/Gaode, Tencent, WeChat) and BD-09 (Baidu).

No PyPI package for this is maintained (the known ones were last released in 2018-2019), so this is
the published GCJ-02 formula (an offset on the Krasovsky 1940 ellipsoid) and Baidu's BD-09 offset on top
of it. The inverse directions have no closed form: they are solved by fixed-point iteration to well under
a centimetre. Arguments are keyword-only (`lat=`, `lon=`) because libraries disagree on their order.
Points outside mainland China are not offset by GCJ-02 and are returned unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

SYSTEMS = ("wgs84", "gcj02", "bd09")

_A = 6378245.0
"""Semi-major axis of the Krasovsky 1940 ellipsoid, in metres."""
_EE = 0.00669342162296594323
"""Its first eccentricity squared."""
_BD_PI = math.pi * 3000.0 / 180.0
_INVERSE_TOLERANCE_DEG = 1e-10
_INVERSE_MAX_STEPS = 30


class LatLon(NamedTuple):
    lat: float
    lon: float


def outside_china(*, lat: float, lon: float) -> bool:
    """The rough box outside which GCJ-02 applies no offset."""
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _offset_lat(x: float, y: float) -> float:
    value = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    value += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    value += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    value += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return value


def _offset_lon(x: float, y: float) -> float:
    value = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    value += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    value += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    value += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return value


def wgs84_to_gcj02(*, lat: float, lon: float) -> LatLon:
    if outside_china(lat=lat, lon=lon):
        return LatLon(lat, lon)
    d_lat = _offset_lat(lon - 105.0, lat - 35.0)
    d_lon = _offset_lon(lon - 105.0, lat - 35.0)
    rad_lat = math.radians(lat)
    magic = 1.0 - _EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = d_lat * 180.0 / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = d_lon * 180.0 / (_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return LatLon(lat + d_lat, lon + d_lon)


def gcj02_to_bd09(*, lat: float, lon: float) -> LatLon:
    z = math.hypot(lon, lat) + 0.00002 * math.sin(lat * _BD_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * _BD_PI)
    return LatLon(z * math.sin(theta) + 0.006, z * math.cos(theta) + 0.0065)


def _invert(forward: Callable[..., LatLon], lat: float, lon: float) -> LatLon:
    """The point whose `forward` image is (lat, lon): move the guess by the remaining error until it vanishes."""
    guess = LatLon(lat, lon)
    for _ in range(_INVERSE_MAX_STEPS):
        image = forward(lat=guess.lat, lon=guess.lon)
        error_lat, error_lon = image.lat - lat, image.lon - lon
        guess = LatLon(guess.lat - error_lat, guess.lon - error_lon)
        if abs(error_lat) < _INVERSE_TOLERANCE_DEG and abs(error_lon) < _INVERSE_TOLERANCE_DEG:
            break
    return guess


def gcj02_to_wgs84(*, lat: float, lon: float) -> LatLon:
    if outside_china(lat=lat, lon=lon):
        return LatLon(lat, lon)
    return _invert(wgs84_to_gcj02, lat, lon)


def bd09_to_gcj02(*, lat: float, lon: float) -> LatLon:
    return _invert(gcj02_to_bd09, lat, lon)


def wgs84_to_bd09(*, lat: float, lon: float) -> LatLon:
    return gcj02_to_bd09(**wgs84_to_gcj02(lat=lat, lon=lon)._asdict())


def bd09_to_wgs84(*, lat: float, lon: float) -> LatLon:
    return gcj02_to_wgs84(**bd09_to_gcj02(lat=lat, lon=lon)._asdict())


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
