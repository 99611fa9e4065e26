"""The timing rules every stage shares: when a morning bus must be at a site, and which (station,
order) pairs some bus of the fleet can serve at all, within its hours and within the ride cap.

Reachability runs before matching, so nobody is matched to an order no bus can bring them to in
time; it also explains `unreachable_in_time` to the dispatcher. Routing and seating use the same
arrival rule, so the three stages agree on what "in time" means.
"""

from __future__ import annotations

import math

from data.records import Order, Scenario
from dispatch.places import Place, Places
from dispatch.settings import PlanSettings


def morning_arrival_by(order: Order, settings: PlanSettings) -> int:
    """The latest minute a morning bus may reach the order's site (people alight before the shift)."""
    return order.shift_start - max(settings.arrival_buffer_min, settings.boarding_min)


def morning_arrival_from(order: Order, settings: PlanSettings) -> int:
    """The earliest minute a morning bus may reach the order's site: `max_early_min` before the shift."""
    return order.shift_start - settings.max_early_min


def evening_leave_by(order: Order, settings: PlanSettings) -> int:
    """The latest minute boarding may begin at the site in the evening, so that the bus leaves no later
    than `evening_wait_min` after the shift ends."""
    return order.shift_end + settings.evening_wait_min - settings.boarding_min


def too_long_pairs(
    scenario: Scenario, orders: tuple[Order, ...], places: Places, settings: PlanSettings
) -> frozenset[tuple[str, str]]:
    """(station_id, order_id) pairs whose direct ride alone is longer than the ride-time cap."""
    return frozenset(
        (station.station_id, order.order_id)
        for order in orders
        for station in scenario.stations
        if places.minutes(places.station(station.station_id), places.site(order.site_id)) > settings.max_ride_cap_min
    )


def unreachable_pairs(
    scenario: Scenario, orders: tuple[Order, ...], places: Places, settings: PlanSettings
) -> frozenset[tuple[str, str]]:
    """(station_id, order_id) pairs no single bus can do morning (and evening, if asked) within its hours.

    Buses from one depot with the same hours are alike here, so each such kind is tried once.
    """
    kinds = _bus_kinds(scenario, places)
    out: set[tuple[str, str]] = set()
    for order in orders:
        site = places.site(order.site_id)
        for station in scenario.stations:
            stop = places.station(station.station_id)
            if not any(_can_serve(places, kind, stop, site, order, settings) for kind in kinds):
                out.add((station.station_id, order.order_id))
    return frozenset(out)


def earliest_arrival(scenario: Scenario, order: Order, places: Places,
                     settings: PlanSettings) -> tuple[int, str] | None:
    """The earliest minute some bus of the fleet could bring workers from some station to the order's
    site in the morning, and that station (None without buses or stations): what an employer is told
    when the shift starts too early for anyone to get there."""
    site = places.site(order.site_id)
    options = [(math.ceil(_at_site(places, kind, places.station(station.station_id), site, settings)),
                station.station_id)
               for kind in _bus_kinds(scenario, places) for station in scenario.stations]
    return min(options, default=None)


def _bus_kinds(scenario: Scenario, places: Places) -> list[tuple[Place, int, int]]:
    return sorted({(places.depot(v.vehicle_id), v.available_from, v.available_to) for v in scenario.fleet},
                  key=lambda k: (k[0].index, k[1], k[2]))


def _at_site(places: Places, kind: tuple[Place, int, int], stop: Place, site: Place, settings: PlanSettings) -> float:
    """The earliest minute a bus of this kind reaches the site with people boarded at `stop`."""
    depot, available_from, _ = kind
    boarding = max(available_from + places.minutes(depot, stop), settings.minute("earliest_boarding"))
    return boarding + settings.boarding_min + places.minutes(stop, site)


def _can_serve(places: Places, kind: tuple[Place, int, int], stop: Place, site: Place, order: Order,
               settings: PlanSettings) -> bool:
    depot, _, available_to = kind
    board = settings.boarding_min
    if _at_site(places, kind, stop, site, settings) > morning_arrival_by(order, settings):
        return False
    if order.return_trip:
        home = order.shift_end + board + places.minutes(site, stop) + board + places.minutes(stop, depot)
        if home > available_to:
            return False
    return True
