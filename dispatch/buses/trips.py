"""Bus loads become routing requests for one trip, and the routing answer becomes bus runs.

Morning: board at the station, alight at the site before the shift starts. Evening: board at the
site after the shift ends, alight at the home station. Routing works in seconds and metres; the
day plan in minutes and kilometres.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from data.records import Application, Order
from data.records import Vehicle as Bus
from dispatch.buses.loads import Load
from dispatch.places import Place, Places
from dispatch.plan import BusRun, DriverRest, PlanStop, StopKind, Trip
from dispatch.rules import evening_leave_by, morning_arrival_by, morning_arrival_from
from dispatch.settings import PlanSettings
from routing import Problem, Request, RestRule, Route, Solution, Stop, Vehicle


@dataclass(frozen=True)
class BusHours:
    """When a bus may set out and must be back at its depot, in minutes, for one trip."""

    earliest: int
    latest: int
    start: int | None = None
    """The place (index) the bus sets out from when it is not its depot: where it waited since the morning."""
    driving: int | None = None
    """Seconds its driver(s) may still drive today, if limited: the daily limit for the morning, what
    the morning left of it for the evening (the search keeps it)."""


TEAM_WEIGHT = 10
"""When seats are scarce, one team member counts as much as this many single workers."""
COST_STEPS = 10
"""The cheapest bus's kilometre costs this many units: costs per km are compared to a tenth of it."""


def build_trip_problem(
    trip: Trip,
    loads: tuple[Load, ...],
    orders: Mapping[str, Order],
    applications: Mapping[str, Application],
    buses: tuple[Bus, ...],
    hours: Mapping[str, BusHours],
    places: Places,
    settings: PlanSettings,
    paid: frozenset[str] = frozenset(),
    open_end: bool = False,
    credit_way_home: bool = True,
) -> Problem:
    """One routing problem: a request per load, a vehicle per bus with hours left for this trip.

    Without `credit_way_home` that way home is not taken off (the search then sees whole routes).
    With `open_end` a route ends where the bus waits for the evening, its last stop or that site's
    parking place (`Places.wait_at`): its end is an extra place, `Problem.meta["anywhere"]`, that every
    place reaches at the cost of the way to where a bus would wait after stopping there.

    Who rides when seats are scarce follows priority: a load with a hardship case must be carried
    if at all possible; the others carry a penalty above the cost of any bus that could take them,
    weighted so whole teams go before single workers. Buses in `paid` went out in the morning: they
    are hired for the day already, so an evening run on one costs only its kilometres, not
    `bus_fixed_cost_km` nor `cost_per_day` again. A bus that waited away from its depot drives its way
    home whether or not it takes a run, so that way is credited: a run costs the detour it adds (plus
    one offset, the longest such way home, the same for every run, as fixed costs cannot be negative).
    """
    per_metre = distance_costs(buses)
    fixed = fixed_costs(buses, settings, paid)
    home = {b.vehicle_id: _way_home(b, hours[b.vehicle_id], places) * per_metre[b.vehicle_id] if credit_way_home
            else 0 for b in buses}
    offset = max((home[v] for v in paid), default=0)
    for b in buses:  # a bus that went out in the morning costs its detour, plus the same for each run
        v = b.vehicle_id
        fixed[v] = offset - home[v] if v in paid else max(0, fixed[v] - home[v])
    per_worker = worker_penalty(fixed, per_metre, places)
    requests = trip_requests(trip, loads, orders, applications, places, settings, per_worker)
    metres, seconds = places.travel.metres, places.travel.seconds
    anywhere = len(places.all)
    if open_end:
        metres, seconds = _with_anywhere(metres, places.wait_at), _with_anywhere(seconds, places.wait_at)
    vehicles = bus_vehicles(buses, hours, places, settings, fixed, per_metre, end=anywhere if open_end else None)
    meta = {"anywhere": anywhere} if open_end else {}
    return Problem(metres, seconds, tuple(requests), vehicles, name=trip, meta=meta)


def trip_requests(
    trip: Trip,
    loads: tuple[Load, ...],
    orders: Mapping[str, Order],
    applications: Mapping[str, Application],
    places: Places,
    settings: PlanSettings,
    per_worker: int,
    suffix: str = "",
) -> list[Request]:
    """A request per load for one trip, its id the load's id with `suffix`.

    Morning: board at the station from `earliest_boarding`, alight at the site in the arrival window.
    Evening: board at the site after the shift ends, within the evening wait, alight at the station.
    """
    service = settings.boarding_min * 60
    boarding_from = settings.minute("earliest_boarding") * 60
    requests = []
    for load in loads:
        order = orders[load.order_id]
        station, site = places.station(load.station_id), places.site(load.site_id)
        direct = round(places.minutes(station, site) * 60)
        max_ride = settings.max_ride_seconds(direct)
        if trip == "morning":
            deliver_by = morning_arrival_by(order, settings) * 60
            pickup = Stop(station.index, boarding_from, deliver_by - direct - service, service)
            delivery = Stop(site.index, morning_arrival_from(order, settings) * 60, deliver_by, service)
        else:
            leave_from = order.shift_end * 60
            pickup = Stop(site.index, leave_from, evening_leave_by(order, settings) * 60, service)
            delivery = Stop(station.index, leave_from, leave_from + 24 * 3600, service)
        penalty = _penalty(load, applications, per_worker)
        requests.append(Request(load.load_id + suffix, load.size, pickup, delivery, max_ride=max_ride, penalty=penalty))
    return requests


def worker_penalty(fixed: Mapping[str, int], per_metre: Mapping[str, int], places: Places) -> int:
    """What leaving one worker home costs: more than any bus could cost to fetch them."""
    longest = int(places.travel.metres.max(initial=0))
    return max(fixed.values(), default=0) + 4 * longest * max(per_metre.values(), default=1)


def bus_vehicles(
    buses: tuple[Bus, ...],
    hours: Mapping[str, BusHours],
    places: Places,
    settings: PlanSettings,
    fixed: Mapping[str, int],
    per_metre: Mapping[str, int],
    end: int | None = None,
) -> tuple[Vehicle, ...]:
    """A routing vehicle per bus with hours left: from where it sets out to `end` (None: its depot),
    with its costs, its driver's rest rule and what the driver may still drive."""
    vehicles = []
    for b in buses:
        h, depot = hours[b.vehicle_id], places.depot(b.vehicle_id).index
        if h.latest > h.earliest:
            vehicles.append(Vehicle(
                b.vehicle_id, b.seats, _start(h, depot), depot if end is None else end, h.earliest * 60,
                h.latest * 60, fixed_cost=fixed[b.vehicle_id], distance_cost=per_metre[b.vehicle_id],
                rest_rule=RestRule(settings.max_driving_min * 60, settings.rest_min * 60), max_driving=h.driving,
            ))
    return tuple(vehicles)


def _way_home(bus: Bus, hours: BusHours, places: Places) -> int:
    """Metres from where the bus waited to its depot (0 if it sets out from the depot)."""
    return 0 if hours.start is None else int(places.travel.metres[hours.start, places.depot(bus.vehicle_id).index])


def _start(hours: BusHours, depot: int) -> int:
    return depot if hours.start is None else hours.start


def _with_anywhere(matrix: np.ndarray, wait_at: tuple[int, ...]) -> np.ndarray:
    """The matrix with one more place, reached from each place at the cost of the way to where a bus
    waits after stopping there (zero where it waits on the spot), and left to everywhere at zero."""
    size = matrix.shape[0]
    out = np.zeros((size + 1, size + 1), dtype=matrix.dtype)
    out[:size, :size] = matrix
    out[:size, size] = matrix[np.arange(size), list(wait_at)]
    return out


def distance_costs(buses: tuple[Bus, ...]) -> dict[str, int]:
    """Each bus's cost per metre in integer units: the cheapest bus with a known cost per km is COST_STEPS.

    A bus without a cost per km costs as much as the cheapest one, so a fleet without costs is
    routed by kilometres alone.
    """
    cheapest = _cheapest_cost_per_km(buses)
    return {b.vehicle_id: max(1, round(COST_STEPS * (b.cost_per_km or cheapest) / cheapest)) for b in buses}


def fixed_costs(
    buses: tuple[Bus, ...], settings: PlanSettings, paid: frozenset[str] = frozenset()
) -> dict[str, int]:
    """Each bus's cost of going out at all: `bus_fixed_cost_km` (fewest buses first), plus its day's cost.

    A day's cost counts as the kilometres of the cheapest bus it would pay for (validation makes sure
    some bus has a cost per km when any has a day's cost).
    """
    base = settings.bus_fixed_cost_km
    cheapest = _cheapest_cost_per_km(buses)
    return {
        b.vehicle_id: int((base + (0 if b.vehicle_id in paid else (b.cost_per_day or 0) / cheapest)) * 1000)
        * COST_STEPS
        for b in buses
    }


def _cheapest_cost_per_km(buses: tuple[Bus, ...]) -> float:
    """The lowest known cost per km: the unit both kilometre and day costs are counted in (1 if none is known)."""
    return min((b.cost_per_km for b in buses if b.cost_per_km), default=1.0)


def _penalty(load: Load, applications: Mapping[str, Application], per_worker: int) -> int | None:
    members = [applications[a] for a in load.passengers]
    if any(a.priority for a in members):
        return None
    return per_worker * sum(TEAM_WEIGHT if a.team else 1 for a in members)


def runs_from_solution(
    trip: Trip,
    solution: Solution,
    loads: Mapping[str, Load],
    buses: Mapping[str, Bus],
    places: Places,
    settings: PlanSettings,
) -> tuple[BusRun, ...]:
    """Each route becomes a run whose consecutive visits at one place merge into one stop."""
    return tuple(
        _run(trip, route, loads, buses[route.vehicle_id], places, settings.boarding_min * 60)
        for route in solution.routes
    )


def _run(trip: Trip, route: Route, loads: Mapping[str, Load], bus: Bus, places: Places, service: int) -> BusRun:
    stops: list[PlanStop] = []
    stop_of_visit: list[int] = []
    rest_before = {r.before: r for r in route.rests}
    for index, visit in enumerate(route.visits):
        rested = rest_before.get(index)
        arrival = _minute(visit.start if rested and rested.on_road else visit.arrival)
        if visit.kind == "end" and visit.place == len(places.all):  # open end: the bus waits here or parks
            parking = places.all[places.wait_at[route.visits[index - 1].place]]
            if parking.kind == "parking":
                minute = _minute(visit.start)
                stops.append(PlanStop("dropoff", parking.place_id, parking.lat, parking.lon, minute, minute,
                                      parking=True))
            stop_of_visit.append(len(stops) - 1)
            continue
        place = places.all[visit.place]
        if visit.kind in ("start", "end"):
            if place.kind == "depot":
                minute = _minute(visit.start)
                stops.append(PlanStop("depot", place.place_id, place.lat, place.lon, minute, minute,
                                      load=visit.load))
            elif route.visits[index + 1].place != visit.place:  # it waited here, and now sets out elsewhere
                minute = _minute(visit.start)
                stops.append(PlanStop("pickup", place.place_id, place.lat, place.lon, minute, minute,
                                      parking=place.kind == "parking"))
            stop_of_visit.append(max(len(stops) - 1, 0))
            continue
        if visit.request_id is None:  # routing names the request of every pickup and delivery
            raise ValueError(f"route of {route.vehicle_id}: a {visit.kind} visit without its request")
        people = loads[visit.request_id].passengers
        board, alight = (people, ()) if visit.kind == "pickup" else ((), people)
        kind: StopKind = "pickup" if visit.kind == "pickup" else "dropoff"
        previous = stops[-1] if stops else None
        leave = _minute(visit.start + service)
        if previous and previous.kind == kind and previous.place_id == place.place_id and _same(previous, place):
            stops[-1] = PlanStop(
                kind, place.place_id, place.lat, place.lon, previous.arrival, leave,
                previous.board + board, previous.alight + alight, visit.load,
            )
        else:
            stops.append(
                PlanStop(kind, place.place_id, place.lat, place.lon, arrival, leave, board, alight, visit.load)
            )
        stop_of_visit.append(len(stops) - 1)
    rests = tuple(
        DriverRest(stop_of_visit[r.before], _minute(r.start), r.duration // 60, r.on_road) for r in route.rests
    )
    return BusRun(
        bus.vehicle_id, bus.plate, bus.driver, bus.seats, trip,
        round(route.distance / 1000, 1), round(route.duration / 60, 1), tuple(stops), rests,
    )


def _same(stop: PlanStop, place: Place) -> bool:
    return (stop.lat, stop.lon) == (place.lat, place.lon)


def _minute(seconds: int) -> int:
    return math.floor(seconds / 60)
