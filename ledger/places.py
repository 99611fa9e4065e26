"""Where a trip went, in the national statistics' scopes: 乡内, 县内, 市外省内, 外省.

The scope compares the rider's station with the site. A site's county and township come from the sites
table (`county`, `town`) when it gives them; otherwise they are estimated: a site belongs to the county
the planning is for (the home county, `[ledger] county`, or the county whose seat is nearest the stations)
when one of its stations is nearer than any other county's seat, and to that station's township; else to
the county of the nearest seat of Hainan's 18 cities and counties; outside the province's bounds it is 外省.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from data.records import Site, Station

SCOPES = ("乡内", "县内", "市外省内", "外省")
PROVINCE = "海南省"
SEATS = {
    "海口市": (20.044, 110.199), "三亚市": (18.253, 109.512), "儋州市": (19.521, 109.581),
    "五指山市": (18.775, 109.517), "琼海市": (19.246, 110.474), "文昌市": (19.543, 110.798),
    "万宁市": (18.796, 110.389), "东方市": (19.095, 108.654), "定安县": (19.681, 110.359),
    "屯昌县": (19.352, 110.103), "澄迈县": (19.738, 110.007), "临高县": (19.912, 109.690),
    "白沙黎族自治县": (19.225, 109.451), "昌江黎族自治县": (19.279, 109.052), "乐东黎族自治县": (18.750, 109.173),
    "陵水黎族自治县": (18.506, 110.037), "保亭黎族苗族自治县": (18.639, 109.702),
    "琼中黎族苗族自治县": (19.033, 109.839),
}
"""The seats of Hainan's cities and counties (WGS-84, approximate), for estimating a site's county."""
_BOUNDS = (18.1, 20.2, 108.5, 111.1)
"""Hainan island's latitude and longitude bounds: a site outside is out of the province."""


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Degrees on a local flat map (longitude shrunk by the latitude): only compared, never shown."""
    return math.hypot(a[0] - b[0], (a[1] - b[1]) * math.cos(math.radians(a[0])))


def nearest_seat(lat: float, lon: float) -> str:
    return min(SEATS, key=lambda county: _distance((lat, lon), SEATS[county]))


def home_county(configured: object, stations: Sequence[Station]) -> str:
    """The county the planning is for: `[ledger] county`, else the one whose seat is nearest the stations' middle."""
    if isinstance(configured, str) and configured:
        return configured
    if not stations:
        return ""
    return nearest_seat(sum(s.lat for s in stations) / len(stations), sum(s.lon for s in stations) / len(stations))


def site_region(site: Site, stations: Sequence[Station], home: str) -> tuple[str, str]:
    """(county, township) of a site: as the table says, else estimated (see the module's note)."""
    county, town = site.county, site.town
    at = (site.lat, site.lon)
    nearest = min(stations, key=lambda s: _distance(at, (s.lat, s.lon)), default=None)
    if not county:
        south, north, west, east = _BOUNDS
        if not (south <= site.lat <= north and west <= site.lon <= east):
            county = "省外"
        else:
            seat = nearest_seat(*at)
            nearer = nearest is not None and _distance(at, (nearest.lat, nearest.lon)) < min(
                _distance(at, position) for name, position in SEATS.items() if name != home)
            county = home if home and (nearer or seat == home) else seat
    if not town and county == home and nearest is not None:
        town = nearest.town
    return county, town


def scope(station_town: str, site_county: str, site_town: str, home: str) -> str:
    """乡内 (same township), 县内 (same county), 市外省内 (another city or county of Hainan) or 外省."""
    if site_county == home or not site_county:
        return "乡内" if station_town and station_town == site_town else "县内"
    if site_county in SEATS or site_county.startswith(PROVINCE):
        return "市外省内"
    return "外省"
