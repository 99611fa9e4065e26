"""Each order as the dispatcher reports it to the employer: how many were asked for, how many come, on
which buses and when, and, when some are missing, how many and why.

Read from a plan alone (its runs, assignments, unplaced and scenario), so a plan read back from
plan.json gives the same statuses as the plan that wrote it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from data.records import Order, Site
from dispatch.places import Places
from dispatch.plan import BusRun, DayPlan
from dispatch.rules import earliest_arrival, morning_arrival_by, too_long_pairs, unreachable_pairs
from dispatch.settings import PlanSettings

UNREACHABLE = "unreachable_in_time"
TOO_FEW_APPLICANTS = "too_few_applicants"
PLACED_ELSEWHERE = "placed_elsewhere"


@dataclass(frozen=True)
class BusCall:
    """One bus at the site for this order: arriving in the morning, or leaving with them at night."""

    vehicle_id: str
    plate: str
    time: int
    workers: int


@dataclass(frozen=True)
class Shortfall:
    """Workers the order will miss, for one reason: `code` is a reason code of the unplaced
    (`no_seat`...) or one of UNREACHABLE, TOO_FEW_APPLICANTS, PLACED_ELSEWHERE."""

    code: str
    workers: int
    applicants: int | None = None
    """For TOO_FEW_APPLICANTS and PLACED_ELSEWHERE: the applicants with the skill who could reach the site."""


@dataclass(frozen=True)
class OrderStatus:
    order: Order
    site: Site
    sent: int
    arrivals: tuple[BusCall, ...]
    returns: tuple[BusCall, ...]
    shortfalls: tuple[Shortfall, ...]
    arrive_by: int
    """The latest minute a bus may arrive (the shift start less the time to alight)."""
    earliest_arrival: int | None
    """The earliest minute any bus of the fleet could bring anyone there (None: no bus could at all)."""
    earliest_from: str | None
    """The station of that earliest arrival."""

    @property
    def requested(self) -> int:
        return self.order.workers

    @property
    def short(self) -> int:
        return max(0, self.requested - self.sent)


def order_statuses(plan: DayPlan) -> tuple[OrderStatus, ...]:
    """Every order of the plan's day, by employer, then site, then order id."""
    scenario = plan.scenario
    settings = PlanSettings.from_mapping(plan.settings) if plan.settings else PlanSettings()
    places = Places(scenario, road_factor=settings.road_factor, speeds=settings.speeds(), roads=settings.roads)
    orders = tuple(o for o in scenario.orders if o.date == plan.date)
    barred = unreachable_pairs(scenario, orders, places, settings) | too_long_pairs(scenario, orders, places, settings)
    ids_of: dict[str, set[str]] = {}
    for a in plan.assignments:
        ids_of.setdefault(a.order_id, set()).add(a.application_id)
    left_behind: dict[str, Counter[str]] = {}
    for u in plan.unassigned:
        if u.order_id is not None:
            left_behind.setdefault(u.order_id, Counter())[u.reason] += 1
    out = []
    for order in orders:
        riders = ids_of.get(order.order_id, set())
        first = earliest_arrival(scenario, order, places, settings)
        cut_off = all((station.station_id, order.order_id) in barred for station in scenario.stations)
        reachable = _could_come(plan, order, places, settings, barred)
        out.append(OrderStatus(
            order=order, site=scenario.sites_by_id[order.site_id], sent=len(riders),
            arrivals=_calls(plan.runs_for("morning"), order.site_id, riders, boarding=False),
            returns=_calls(plan.runs_for("evening"), order.site_id, riders, boarding=True),
            shortfalls=_shortfalls(order, len(riders), left_behind.get(order.order_id, Counter()), reachable, cut_off),
            arrive_by=morning_arrival_by(order, settings),
            earliest_arrival=first[0] if first else None,
            earliest_from=first[1] if first else None,
        ))
    return tuple(sorted(out, key=lambda s: (s.site.employer, s.site.site_id, s.order.order_id)))


def _calls(runs: tuple[BusRun, ...], site_id: str, riders: set[str], boarding: bool) -> tuple[BusCall, ...]:
    calls = []
    for run in runs:
        for stop in run.stops:
            people = riders.intersection(stop.board if boarding else stop.alight)
            if stop.place_id == site_id and people:
                calls.append(BusCall(run.vehicle_id, run.plate, stop.departure if boarding else stop.arrival,
                                     len(people)))
    return tuple(sorted(calls, key=lambda c: (c.time, c.vehicle_id)))


def _could_come(plan: DayPlan, order: Order, places: Places, settings: PlanSettings,
                barred: frozenset[tuple[str, str]]) -> int:
    """Applicants of the day with the order's skill whose station a bus can bring to the site in time,
    within the ride cap and the distance a worker is sent."""
    site = places.site(order.site_id)
    return sum(
        1 for a in plan.scenario.applications
        if a.available_on(plan.date) and order.skill in a.skills
        and (a.station_id, order.order_id) not in barred
        and places.road_km(places.station(a.station_id), site) <= settings.max_distance_km
    )


def _shortfalls(order: Order, sent: int, left_behind: Counter[str], reachable: int,
                cut_off: bool) -> tuple[Shortfall, ...]:
    """The order's missing workers, each counted once: all of them when no bus can serve the order
    from any station (`cut_off`), else first those matched to it whom the buses could not carry
    (`left_behind`, by reason code), then the applicants that were lacking."""
    left = max(0, order.workers - sent)
    found: list[Shortfall] = []
    if left and cut_off:
        found.append(Shortfall(UNREACHABLE, left))
        left = 0
    for code, count in sorted(left_behind.items()):
        if left:
            found.append(Shortfall(code, min(left, count)))
            left -= min(left, count)
    if left:
        code = TOO_FEW_APPLICANTS if reachable < order.workers else PLACED_ELSEWHERE
        found.append(Shortfall(code, left, applicants=reachable))
    return tuple(found)
