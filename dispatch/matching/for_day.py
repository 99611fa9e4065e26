"""`match` under the day's rules, as every stage that matches applicants calls it.

The planner, the free-seat filling and a late change all match with the same road kilometres, the
same distance cap, and the same (station, order) pairs set apart because no bus can serve them in
time or within the ride cap (`dispatch.rules`); this is the one place that sets that up.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence

from data.records import Application, Order, Scenario
from dispatch.matching.engine import MatchResult, MatchSettings, match
from dispatch.places import Places
from dispatch.rules import too_long_pairs, unreachable_pairs
from dispatch.settings import PlanSettings


def match_day(
    applicants: Sequence[Application],
    orders: Sequence[Order],
    scenario: Scenario,
    places: Places,
    settings: PlanSettings,
    first: frozenset[str] = frozenset(),
) -> MatchResult:
    """The applicants matched to the orders; `stats` adds how long the reachability took and what it set apart."""
    started = time.perf_counter()
    orders = tuple(orders)
    unreachable = unreachable_pairs(scenario, orders, places, settings)
    too_long = too_long_pairs(scenario, orders, places, settings)
    reachability_s = time.perf_counter() - started
    result = match(
        applicants,
        orders,
        lambda station_id, site_id: places.road_km(places.station(station_id), places.site(site_id)),
        MatchSettings(max_distance_km=settings.max_distance_km),
        unreachable=unreachable,
        too_long=too_long,
        first=first,
    )
    stats = {**result.stats, "reachability_s": round(reachability_s, 3),
             "unreachable_pairs": len(unreachable), "too_long_pairs": len(too_long)}
    return dataclasses.replace(result, stats=stats)
