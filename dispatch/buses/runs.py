"""The day's bus runs for a set of loads: the morning trip out, the evening trip home, and nobody
sent out who cannot come back.

Each trip is one routing problem (`dispatch.buses.trips`). A morning run ends at its last drop-off,
where the bus waits; the evening problem starts each bus from there (or its depot), and a bus with
no evening run drives home straight after its morning. The evening is searched twice, with and
without the credit for the way home an idle waiting bus drives anyway (the search lands in different
places, and neither is always better), each driver within what the morning left of the daily limit,
and the better day by `_day_cost` is kept. With `plan_whole_day`, both trips come instead
from one problem over each bus's whole day (`dispatch.buses.whole_day`), searched from the two trips
routed in turn and cut into the two trips' problems.
Passengers the buses cannot carry both ways stay home, teams whole, and the day is routed again
without them.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping
from dataclasses import dataclass

from data.records import Order, Scenario
from dispatch.buses.loads import Load
from dispatch.buses.priority import seat_hardship_first
from dispatch.buses.teams import keep_teams_whole, without_passengers
from dispatch.buses.trips import BusHours, build_trip_problem, runs_from_solution
from dispatch.buses.whole_day import build_day_problem, day_start, trip_of_day, whole_day_applies
from dispatch.places import Places
from dispatch.plan import Assignment, BusRun, Progress, Trip
from dispatch.reasons import NO_SEAT, UNREACHABLE_IN_TIME, Unplaced
from dispatch.settings import PlanSettings
from routing import (
    NO_ROOM_TO_REST,
    UNREACHABLE,
    Problem,
    Route,
    Solution,
    SolveParams,
    Visit,
    as_early_as_possible,
    as_late_as_possible,
    place_rests,
    solve,
    verify,
)


@dataclass(frozen=True)
class RoutedLoads:
    """The buses' answer for a set of loads: runs both ways, who rides, who was left behind."""

    runs: tuple[BusRun, ...]
    assignments: tuple[Assignment, ...]
    unplaced: tuple[Unplaced, ...]
    stats: dict
    warnings: tuple[str, ...] = ()
    """What the independent re-check of the routes found (nothing, unless the engine has a bug)."""


def route_loads(
    loads: tuple[Load, ...],
    orders_by_id: Mapping[str, Order],
    scenario: Scenario,
    places: Places,
    settings: PlanSettings,
    progress: Progress | None = None,
    seat_first: frozenset[str] = frozenset(),
) -> RoutedLoads:
    """Route the loads on `scenario.fleet`: morning out, evening home, nobody out who cannot come back;
    seats short, hardship cases and then `seat_first` (turned away on recent days) keep theirs."""
    say = progress or (lambda _msg: None)
    params = SolveParams(time_limit_s=settings.time_limit_s, solution_limit=settings.solution_limit, seed=settings.seed)
    all_day = {b.vehicle_id: BusHours(b.available_from, b.available_to, driving=settings.daily_driving_min(b) * 60)
               for b in scenario.fleet}

    waits = settings.buses_wait_at_sites
    done: dict[Trip, tuple[Problem, Solution]] = {}
    """Each trip's problem and the answer kept for it, as last routed."""

    def route(trip: Trip, trip_loads: tuple[Load, ...], hours: dict[str, BusHours],
              paid: frozenset[str] = frozenset()) -> Solution:
        say(f"routing the {trip} trip: {len(trip_loads)} bus loads")
        tries = []
        for credit in (True, False) if waits and trip == "evening" else (True,):
            problem = build_trip_problem(trip, trip_loads, orders_by_id, scenario.applications_by_id, scenario.fleet,
                                         hours, places, settings, paid, open_end=waits and trip == "morning",
                                         credit_way_home=credit)
            tries.append((problem, _retimed(problem, solve(problem, params), trip)))
        done[trip] = min(tries, key=lambda t: _day_cost(t[0], t[1], hours, places))
        return done[trip][1]

    def route_day(day_loads: tuple[Load, ...]) -> Solution:
        morning = route("morning", day_loads, all_day)
        riders = _carried(day_loads, morning)
        evening_hours = _hours_after(done["morning"][0], morning, all_day, waits, places)
        evening = route("evening", homeward(riders), evening_hours, _used(morning))
        say(f"routing the whole day: {len(day_loads)} bus loads out, {len(homeward(day_loads))} home")
        problem = build_day_problem(day_loads, orders_by_id, scenario.applications_by_id, scenario.fleet, all_day,
                                    places, settings)
        return solve(problem, params, start=day_start(morning, evening))

    def adopt(trip: Trip, day: Solution, trip_loads: tuple[Load, ...], hours: dict[str, BusHours],
              paid: frozenset[str] = frozenset()) -> Solution:
        problem = build_trip_problem(trip, trip_loads, orders_by_id, scenario.applications_by_id, scenario.fleet,
                                     hours, places, settings, paid, open_end=trip == "morning")
        done[trip] = (problem, trip_of_day(day, trip, problem))
        return done[trip][1]

    def homeward(riders: tuple[Load, ...]) -> tuple[Load, ...]:
        return tuple(r for r in riders if orders_by_id[r.order_id].return_trip)

    clock = time.perf_counter()
    whole_day = waits and settings.plan_whole_day and whole_day_applies(orders_by_id, loads, settings)
    staying: list[Unplaced] = []
    while True:  # each pass but the last keeps at least one more passenger home, so this ends
        candidates = without_passengers(loads, {u.application_id for u in staying})
        if whole_day:
            day = route_day(candidates)
            morning = adopt("morning", day, candidates, all_day)
        else:
            morning = route("morning", candidates, all_day)
        left_behind = _left_behind(candidates, morning, orders_by_id, "morning")
        riders = _carried(candidates, morning)
        evening_hours = _hours_after(done["morning"][0], morning, all_day, waits, places)
        if whole_day:
            evening = adopt("evening", day, homeward(riders), evening_hours, _used(morning))
        else:
            evening = route("evening", homeward(riders), evening_hours, _used(morning))
        # Nobody goes out who cannot come back, and no team goes without all its members: they
        # stay home, and the day is routed again without them. Torn teams go first: without them
        # the others may find a way back.
        stranded = {r.load_id for r in homeward(riders)} - _served(evening)
        no_way_back = _left_behind(homeward(riders), evening, orders_by_id, "evening")
        riders = tuple(r for r in riders if r.load_id not in stranded)
        riders, parted = keep_teams_whole(riders, left_behind + no_way_back, scenario.applications_by_id)
        if not no_way_back and not parted:
            break
        staying += parted or no_way_back
    unplaced = staying + left_behind

    riders, unplaced = seat_hardship_first(riders, unplaced, scenario.applications_by_id, orders_by_id,
                                           seat_first)
    if waits:
        morning = _home_unless_needed(done["morning"][0], morning, _used(evening), places)
        evening = dataclasses.replace(evening, routes=tuple(_set_out_late(done["evening"][0], r, places)
                                                            for r in evening.routes))
    by_id = {r.load_id: r for r in riders}
    buses = scenario.vehicles_by_id
    runs = runs_from_solution("morning", morning, by_id, buses, places, settings) + runs_from_solution(
        "evening", evening, by_id, buses, places, settings
    )
    stats = {"routing_s": time.perf_counter() - clock, "morning": morning.stats, "evening": evening.stats}
    warnings = tuple(f"{trip} trip, routing check: {finding}"
                     for trip in ("morning", "evening") for finding in verify(*done[trip]))
    return RoutedLoads(runs, _assignments(riders, morning, evening), tuple(unplaced), stats, warnings)


def _day_cost(problem: Problem, solution: Solution, hours: Mapping[str, BusHours],
              places: Places) -> tuple[int, int, int, int]:
    """How a bus company ranks two evening answers: passengers left behind, drivers over the daily
    limit (a waiting bus whose way home is longer than its driver has left), buses sent out for the
    evening alone, then kilometres with the empty way home of every bus that waited and takes no run."""
    used = {r.vehicle_id for r in solution.routes}
    over, metres = 0, solution.distance
    for bus, h in hours.items():
        if h.start is None or bus in used:
            continue
        depot = places.depot(bus).index
        metres += int(problem.distance[h.start, depot])
        over += h.driving is not None and int(problem.duration[h.start, depot]) > h.driving
    missing = {u.request_id for u in solution.unassigned}
    left = sum(r.load for r in problem.requests if r.request_id in missing)
    new = sum(1 for r in solution.routes if hours[r.vehicle_id].start is None)
    return left, over, new, metres


def _retimed(problem: Problem, solution: Solution, trip: Trip) -> Solution:
    """Mornings as late as possible (nobody waits at a station), evenings as early as possible."""
    retime = as_late_as_possible if trip == "morning" else as_early_as_possible
    routes = tuple(retime(problem, route) or route for route in solution.routes)
    return dataclasses.replace(solution, routes=routes)


def _used(solution: Solution) -> frozenset[str]:
    return frozenset(route.vehicle_id for route in solution.routes)


def _served(solution: Solution) -> set[str]:
    return {r for route in solution.routes for r in route.request_ids()}


def _carried(loads: tuple[Load, ...], solution: Solution) -> tuple[Load, ...]:
    served = _served(solution)
    return tuple(load for load in loads if load.load_id in served)


def _left_behind(
    loads: tuple[Load, ...], solution: Solution, orders: Mapping[str, Order], trip: Trip
) -> list[Unplaced]:
    """Passengers of loads the buses could not carry, with the routing's reason in words."""
    by_id = {load.load_id: load for load in loads}
    out: list[Unplaced] = []
    for miss in solution.unassigned:
        load = by_id[miss.request_id]
        order = orders[load.order_id]
        if miss.reason == NO_ROOM_TO_REST:
            code = NO_SEAT
            detail = (f"the buses that could take the {trip} trip between station {load.station_id} and site "
                      f"{load.site_id} (order {order.order_id}) would leave their drivers no time for the rests the "
                      f"rules require; {load.size} workers of this group wait")
        elif miss.reason == UNREACHABLE:
            code = UNREACHABLE_IN_TIME
            detail = (f"no bus can take the {trip} trip between station {load.station_id} and site "
                      f"{load.site_id} (order {order.order_id}) within its hours and what its driver may still "
                      "drive today")
        else:
            code = NO_SEAT
            detail = (f"the buses had no free seat for the {trip} trip between station {load.station_id} "
                      f"and site {load.site_id} (order {order.order_id}); {load.size} workers of this group wait")
        out += [Unplaced(app_id, code, detail, load.order_id) for app_id in load.passengers]
    return out


def _hours_after(problem: Problem, morning: Solution, hours: dict[str, BusHours], waits: bool,
                 places: Places) -> dict[str, BusHours]:
    """A bus sets out on its evening trip once its morning trip is done: from its depot, or from where
    it waited after leaving its last passengers (their site or its parking place); its driver may drive
    what the morning left of the daily limit."""
    done = {r.vehicle_id: r for r in morning.routes}
    out = {}
    for v, h in hours.items():
        route = done.get(v)
        if route is None:
            out[v] = h
        else:
            waited_at = places.wait_at[route.visits[-2].place] if waits else None
            left = None if h.driving is None else max(0, h.driving - problem.driving(route))
            out[v] = BusHours(max(h.earliest, route.visits[-1].start // 60 + 1), h.latest, waited_at, left)
    return out


def _home_unless_needed(problem: Problem, morning: Solution, needed: frozenset[str], places: Places) -> Solution:
    """Buses with nothing to do in the evening drive home straight after their morning trip, with the
    rests that leg needs."""
    routes = tuple(r if r.vehicle_id in needed else _home_directly(problem, r, places) for r in morning.routes)
    return dataclasses.replace(morning, routes=routes)


def _home_directly(problem: Problem, route: Route, places: Places) -> Route:
    """The morning route ended at its depot instead of where it would have waited, with the rests its
    driver's rule needs on the way home (each one delays the arrival)."""
    depot = places.depot(route.vehicle_id).index
    last = route.visits[-2]
    request = next(r for r in problem.requests if r.request_id == last.request_id)
    leave = last.start + (request.delivery.service if request.delivery else 0)
    travel = int(problem.duration[last.place, depot])
    rule = next(v.rest_rule for v in problem.vehicles if v.vehicle_id == route.vehicle_id)

    def home_at(back: int) -> Route:
        return dataclasses.replace(route, visits=(*route.visits[:-1], Visit("end", depot, None, back, back, 0)),
                                   distance=route.distance - int(problem.distance[last.place, route.visits[-1].place])
                                   + int(problem.distance[last.place, depot]),
                                   duration=back - route.visits[0].start)

    if rule is None:
        return home_at(leave + travel)
    for rests in range(4):
        trial = home_at(leave + travel + rests * rule.rest)
        placed = place_rests(problem, trial, rule)
        if placed is not None:
            return dataclasses.replace(trial, rests=placed)
    return trial


def _set_out_late(problem: Problem, route: Route, places: Places) -> Route:
    """A bus that waited near a site leaves its waiting place just in time for its first stop."""
    start, first = route.visits[0], route.visits[1]
    if places.all[start.place].kind == "depot" or any(r.before == 1 for r in route.rests):
        return route
    leave = first.start - int(problem.duration[start.place, first.place])
    visits = (dataclasses.replace(start, arrival=leave, start=leave),
              dataclasses.replace(first, arrival=first.start), *route.visits[2:])
    return dataclasses.replace(route, visits=visits, duration=route.visits[-1].start - leave)


def _assignments(riders: tuple[Load, ...], morning: Solution, evening: Solution) -> tuple[Assignment, ...]:
    out_bus = {r: route.vehicle_id for route in morning.routes for r in route.request_ids()}
    home_bus = {r: route.vehicle_id for route in evening.routes for r in route.request_ids()}
    return tuple(
        sorted(
            (
                Assignment(app_id, load.order_id, load.site_id, load.station_id, out_bus[load.load_id],
                           home_bus.get(load.load_id))
                for load in riders
                for app_id in load.passengers
            ),
            key=lambda a: a.application_id,
        )
    )
