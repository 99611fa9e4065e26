"""The timing rules every stage shares: when a morning bus must be at a site, and which (station,
order) pairs some bus of the fleet can serve at all, within its hours and within the ride cap.

Reachability runs before matching, so nobody is matched to an order no bus can bring them to in
time; it also explains `unreachable_in_time` to the dispatcher. Routing and seating use the same
arrival rule, so the three stages agree on what "in time" means.
"""

from __future__ import annotations

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
    kinds = sorted({(places.depot(v.vehicle_id), v.available_from, v.available_to) for v in scenario.fleet},
                   key=lambda k: (k[0].index, k[1], k[2]))
    out: set[tuple[str, str]] = set()
    for order in orders:
        site = places.site(order.site_id)
        for station in scenario.stations:
            stop = places.station(station.station_id)
            if not any(_can_serve(places, kind, stop, site, order, settings) for kind in kinds):
                out.add((station.station_id, order.order_id))
    return frozenset(out)


def _can_serve(places: Places, kind: tuple[Place, int, int], stop: Place, site: Place, order: Order,
               settings: PlanSettings) -> bool:
    depot, available_from, available_to = kind
    board = settings.boarding_min
    boarding = max(available_from + places.minutes(depot, stop), settings.minute("earliest_boarding"))
    at_site = boarding + board + places.minutes(stop, site)
    if at_site > morning_arrival_by(order, settings):
        return False
    if order.return_trip:
        home = order.shift_end + board + places.minutes(site, stop) + board + places.minutes(stop, depot)
        if home > available_to:
            return False
    return True
