"""Which of Hainan's 19 cities and counties a point lies in: the county of a station, site or depot.

The outlines are Amap's, moved to WGS-84 and shipped in `boundaries/` (its README names the source and
the licence; `data.make_boundaries` remakes them). Amap draws the land only, so a pier or a coastal
site a little out to sea counts to the nearest county within `COAST_M`; farther out, or anywhere off
the island, a point is outside the province and its county is "".
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

BOUNDARIES = Path(__file__).parent / "boundaries" / "hainan_counties.geojson"
PROVINCE = "海南省"
COAST_M = 2000.0
"""How far off the coastline (or a border's rounding) a point still counts to the nearest county."""
_M_PER_DEGREE = 111_320.0
_SUFFIX = re.compile(r"(黎族苗族自治县|黎族自治县|市|县)$")


@dataclass(frozen=True)
class County:
    code: str
    """The administrative code (469026 for 昌江黎族自治县)."""
    name: str
    outline: BaseGeometry
    """A MultiPolygon, WGS-84 longitude and latitude."""

    @property
    def short(self) -> str:
        """The name people write in a hurry: 昌江 for 昌江黎族自治县, 东方 for 东方市."""
        return _SUFFIX.sub("", self.name)


@cache
def counties() -> tuple[County, ...]:
    """The 19 counties, by administrative code."""
    collection = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    return tuple(County(f["properties"]["code"], f["properties"]["name"], shapely.geometry.shape(f["geometry"]))
                 for f in collection["features"])


@cache
def _index() -> shapely.STRtree:
    return shapely.STRtree([county.outline for county in counties()])


def county_at(*, lat: float, lon: float) -> str:
    """The name of the county the WGS-84 point lies in, "" outside Hainan (see the module's note)."""
    return _county_at(lat, lon)


@lru_cache(maxsize=1 << 16)
def _county_at(lat: float, lon: float) -> str:
    """Remembered: a day asks again for every stop at a station or site it has asked for already."""
    point = shapely.Point(lon, lat)
    tree = _index()
    inside = tree.query(point, predicate="intersects")
    if len(inside) == 0:
        inside = tree.query_nearest(point, max_distance=COAST_M / _M_PER_DEGREE)
    return counties()[min(inside)].name if len(inside) else ""


def county_of_most(points: Iterable[tuple[float, float]]) -> str:
    """The county where more than half of the (lat, lon) points lie: a county folder's home county from its
    stations; "" when none has most (a province's folder) or there are no points."""
    names = [county_at(lat=lat, lon=lon) for lat, lon in points]
    counts = Counter(name for name in names if name)
    if not counts:
        return ""
    county, count = min(counts.items(), key=lambda item: (-item[1], item[0]))
    return county if 2 * count > len(names) else ""


def county_named(text: str) -> str | None:
    """The Hainan county a written name means (昌江, 昌江县, 海南省昌江黎族自治县, 海口市龙华区 are all
    counties of Hainan), or None when it names none of them (广东省湛江市, or nothing at all)."""
    written = text.strip().removeprefix(PROVINCE).removeprefix("海南")
    if not written:
        return None
    for county in counties():
        if written.startswith(county.short):
            return county.name
    return None
