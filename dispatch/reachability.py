"""Which (station, order) pairs some bus of the fleet can serve at all: within its hours, within the ride cap.

Run before matching, so nobody is matched to an order no bus can bring them to in time; the
result also explains `unreachable_in_time` to the dispatcher.
"""

from __future__ import annotations

from data.records import Order, Scenario
from dispatch.places import Places
from dispatch.settings import PlanSettings


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
    """(station_id, order_id) pairs no single bus can do morning (and evening, if asked) within its hours."""
    board = settings.boarding_min
    out: set[tuple[str, str]] = set()
    for order in orders:
        site = places.site(order.site_id)
        for station in scenario.stations:
            stop = places.station(station.station_id)
            if not any(_can_serve(places, v, stop, site, order, board) for v in scenario.fleet):
                out.add((station.station_id, order.order_id))
    return frozenset(out)


def _can_serve(places: Places, vehicle, stop, site, order: Order, board: int) -> bool:
    depot = places.depot(vehicle.vehicle_id)
    at_site = vehicle.available_from + places.minutes(depot, stop) + board + places.minutes(stop, site)
    if at_site > order.shift_start - board:
        return False
    if order.return_trip:
        home = order.shift_end + board + places.minutes(site, stop) + board + places.minutes(stop, depot)
        if home > vehicle.available_to:
            return False
    return True
