"""Where a trip went, in the national statistics' scopes: 乡内, 县内, 市外省内, 外省.

The scope compares the rider's station with the site. A site's county is the sites table's `county` cell
where it gives one (read as a Hainan county where it names one: 昌江, 东方市; kept as written otherwise,
which is out of the province), else the county whose boundary holds the site (`data.counties`; off the
island: out of the province). Its township is the `town` cell, else, in the home county, the township of
its nearest station. The home county is `[ledger] county`, else the county where most stations lie.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from data.counties import county_at, county_named, county_of_most
from data.records import Site, Station

SCOPES = ("乡内", "县内", "市外省内", "外省")
OUT_OF_PROVINCE = "省外"
"""The county recorded for a site off the island whose row names no county."""


def home_county(configured: object, stations: Sequence[Station]) -> str:
    """The county the planning is for: `[ledger] county`, else the one where most stations lie ("" for a
    folder of several counties' stations, whose every Hainan site is then 市外省内)."""
    if isinstance(configured, str) and configured:
        return county_named(configured) or configured
    return county_of_most((s.lat, s.lon) for s in stations)


def site_region(site: Site, stations: Sequence[Station], home: str) -> tuple[str, str]:
    """(county, township) of a site: as the table says, else from the boundaries (see the module's note)."""
    if site.county:
        county = county_named(site.county) or site.county
    else:
        county = county_at(lat=site.lat, lon=site.lon) or OUT_OF_PROVINCE
    town = site.town
    if not town and county == home:
        nearest = min(stations, key=lambda s: _flat_distance((site.lat, site.lon), (s.lat, s.lon)), default=None)
        town = nearest.town if nearest is not None else ""
    return county, town


def scope(station_town: str, site_county: str, site_town: str, home: str) -> str:
    """乡内 (same township), 县内 (same county), 市外省内 (another city or county of Hainan) or 外省."""
    if site_county == home or not site_county:
        return "乡内" if station_town and station_town == site_town else "县内"
    return "市外省内" if county_named(site_county) is not None else "外省"


def _flat_distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Degrees on a local flat map (longitude shrunk by the latitude): only compared, never shown."""
    return math.hypot(a[0] - b[0], (a[1] - b[1]) * math.cos(math.radians(a[0])))
