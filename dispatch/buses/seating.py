"""Free seats on runs already planned: match waiting workers to free places and seat them aboard.

Used twice: after a day is routed (workers the buses left behind, or whose order was full, take
places freed by others on runs that already pass their station and site), and by a late change
(newcomers take free seats on published runs). Joining a run changes none of its stops or times.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from data.records import Application, Order, Scenario
from dispatch.matching import match_day
from dispatch.places import Places
from dispatch.plan import Assignment, BusRun, Trip
from dispatch.reasons import NO_SEAT, ORDER_FULL, Unplaced
from dispatch.rules import evening_leave_by, morning_arrival_by, morning_arrival_from
from dispatch.settings import PlanSettings


@dataclass
class Seating:
    """Runs taking more passengers, by (vehicle, trip), their riders, and how each newcomer got a seat."""

    runs: dict[tuple[str, Trip], BusRun]
    assignments: list[Assignment] = field(default_factory=list)
    how: dict[str, str] = field(default_factory=dict)


def match_to_free_places(candidates: tuple[Application, ...], kept: tuple[Assignment, ...],
                      orders: Mapping[str, Order], scenario: Scenario, places: Places,
                      settings: PlanSettings) -> tuple[list[tuple[str, str]], list[Unplaced]]:
    """(application, order) pairs for the candidates within the places the `kept` riders leave free.

    A candidate whose team already rides joins that team's order: a team goes whole to one employer
    (the caller makes sure that order has room and the skill for them).
    """
    taken = Counter(a.order_id for a in kept)
    team_order: dict[str, str] = {}
    for a in kept:
        kept_team = scenario.applications_by_id[a.application_id].team
        if kept_team:
            team_order[kept_team] = a.order_id
    bound: dict[str, list[Application]] = defaultdict(list)
    free_agents: list[Application] = []
    for app in candidates:
        if app.team is not None and app.team in team_order:
            bound[app.team].append(app)
        else:
            free_agents.append(app)
    placed: list[tuple[str, str]] = []
    for team, members in sorted(bound.items()):
        placed += [(m.application_id, team_order[team]) for m in members]
        taken[team_order[team]] += len(members)
    # Full orders stay in with no free place, so an applicant who wanted one hears "order full", not "no order".
    free = tuple(replace(o, workers=max(0, o.workers - taken[o.order_id])) for _, o in sorted(orders.items()))
    result = match_day(free_agents, free, scenario, places, settings)
    placed += [(m.application_id, m.order_id) for m in result.matches]
    return placed, list(result.unplaced)


def join_runs(placed: list[tuple[str, str]], seating: Seating, orders: Mapping[str, Order],
                    scenario: Scenario, places: Places, settings: PlanSettings) -> list[tuple[str, str]]:
    """Seat matched workers on runs that already stop at their station and site; the rest come back.

    A team takes seats together or not at all (its members at every station), hardship cases
    choose first, and joining a stop changes no time.
    """
    apps = scenario.applications_by_id
    team_bus: dict[tuple[str, Trip], str] = {}
    for a in seating.assignments:
        rider_team = apps[a.application_id].team
        trips: tuple[tuple[Trip, str | None], ...] = (("morning", a.vehicle_id), ("evening", a.evening_vehicle_id))
        for trip, bus in trips:
            if rider_team and bus:
                team_bus[(rider_team, trip)] = bus
    blocks: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for app_id, order_id in placed:
        app = apps[app_id]
        blocks[(order_id, app.station_id, app.team or f"\0{app_id}")].append(app_id)
    units: dict[str, list[tuple[str, str, list[str]]]] = defaultdict(list)
    for (order_id, station_id, team), members in blocks.items():
        units[team].append((order_id, station_id, members))

    def turn(unit: tuple[str, list[tuple[str, str, list[str]]]]) -> tuple:
        team, unit_blocks = unit
        members = [m for _, _, block in unit_blocks for m in block]
        return (not any(apps[m].priority for m in members), -len(members), min(unit_blocks)[:2], team)

    leftovers: list[tuple[str, str]] = []
    for team, unit_blocks in sorted(units.items(), key=turn):
        runs, seated = dict(seating.runs), len(seating.assignments)
        for order_id, station_id, members in sorted(unit_blocks):
            if not _join(seating, order_id, station_id, team, members, team_bus, orders, places, settings):
                _undo(seating, runs, seated)
                leftovers += [(m, o) for o, _, block in unit_blocks for m in block]
                break
    return leftovers


def _undo(seating: Seating, runs: dict[tuple[str, Trip], BusRun], seated: int) -> None:
    """Back to `runs` and the first `seated` assignments: a team's later station found no room."""
    for a in seating.assignments[seated:]:
        del seating.how[a.application_id]
    del seating.assignments[seated:]
    seating.runs = runs


def _join(seating: Seating, order_id: str, station_id: str, team: str, members: list[str],
          team_bus: Mapping[tuple[str, Trip], str], orders: Mapping[str, Order], places: Places,
          settings: PlanSettings) -> bool:
    """Seat one station's block of an order both ways, if both trips have room in time."""
    order = orders[order_id]
    direct = places.minutes(places.station(station_id), places.site(order.site_id))
    ride_limit = settings.max_ride_seconds(round(direct * 60)) / 60
    morning = _free_segment(seating, "morning", station_id, order.site_id, len(members), ride_limit,
                            lambda arrive, _leave: _in_time_morning(arrive, order, settings),
                            team_bus.get((team, "morning")))
    evening = _free_segment(seating, "evening", order.site_id, station_id, len(members), ride_limit,
                            lambda _arrive, leave: _in_time_evening(leave, order, settings),
                            team_bus.get((team, "evening"))) if order.return_trip else None
    if morning is None or (order.return_trip and evening is None):
        return False
    _seat(seating, "morning", morning, members)
    if evening:
        _seat(seating, "evening", evening, members)
    evening_bus = evening[0] if evening else None
    for m in members:
        seating.assignments.append(Assignment(m, order_id, order.site_id, station_id, morning[0], evening_bus))
        seating.how[m] = f"takes a free seat on bus {morning[0]}, whose stops and times stay as they were"
    return True


def _in_time_morning(arrive: int, order: Order, settings: PlanSettings) -> bool:
    return morning_arrival_from(order, settings) <= arrive <= morning_arrival_by(order, settings)


def _in_time_evening(leave: int, order: Order, settings: PlanSettings) -> bool:
    start = leave - settings.boarding_min
    return order.shift_end <= start <= evening_leave_by(order, settings)


def _free_segment(seating: Seating, trip: Trip, board_at: str, alight_at: str, size: int, ride_limit: float,
                  in_time: Callable[[int, int], bool], preferred: str | None) -> tuple[str, int, int] | None:
    """(vehicle, boarding stop, alighting stop) of the first kept run of `trip` with room for `size` between them.

    The `preferred` bus (the one a joining team's members already ride) is tried first.
    """
    runs = sorted((vehicle_id != preferred, vehicle_id, run) for (vehicle_id, run_trip), run in seating.runs.items()
                  if run_trip == trip)
    for _, vehicle_id, run in runs:
        stops = run.stops
        for i, first in enumerate(stops):
            if first.kind != "pickup" or first.place_id != board_at:
                continue
            for j in range(i + 1, len(stops)):
                last = stops[j]
                if last.kind != "dropoff" or last.place_id != alight_at:
                    continue
                roomy = max(s.load for s in stops[i:j]) + size <= run.seats
                timely = in_time(last.arrival, first.departure) and last.arrival - first.departure <= ride_limit
                if roomy and timely:
                    return vehicle_id, i, j
    return None


def _seat(seating: Seating, trip: Trip, segment: tuple[str, int, int], members: list[str]) -> None:
    vehicle_id, i, j = segment
    run = seating.runs[(vehicle_id, trip)]
    stops = list(run.stops)
    stops[i] = replace(stops[i], board=stops[i].board + tuple(members))
    stops[j] = replace(stops[j], alight=stops[j].alight + tuple(members))
    for k in range(i, j):
        stops[k] = replace(stops[k], load=stops[k].load + len(members))
    seating.runs[(vehicle_id, trip)] = replace(run, stops=tuple(stops))


def fill_free_seats(
    runs: tuple[BusRun, ...],
    assignments: tuple[Assignment, ...],
    unplaced: tuple[Unplaced, ...],
    orders_by_id: Mapping[str, Order],
    scenario: Scenario,
    places: Places,
    settings: PlanSettings,
) -> tuple[tuple[BusRun, ...], tuple[Assignment, ...], tuple[Unplaced, ...]]:
    """Workers left waiting (no seat, or their order full) take places the buses left free, where a run
    already passes their station and site in time: matching and routing agree on who rides.

    Routing may leave a load behind, which frees places in its order; someone else whose order was
    full may fit them on a bus that already stops at their station. Those who still find no seat keep
    the reason they had.
    """
    waiting = tuple(
        scenario.applications_by_id[u.application_id] for u in unplaced if u.reason in (NO_SEAT, ORDER_FULL)
    )
    if not waiting or not runs:
        return runs, assignments, unplaced
    seating = Seating({(r.vehicle_id, r.trip): r for r in runs}, list(assignments))
    placed, _ = match_to_free_places(waiting, assignments, orders_by_id, scenario, places, settings)
    join_runs(placed, seating, orders_by_id, scenario, places, settings)
    seated = {a.application_id for a in seating.assignments[len(assignments):]}
    return (
        tuple(seating.runs[(r.vehicle_id, r.trip)] for r in runs),
        tuple(sorted(seating.assignments, key=lambda a: a.application_id)),
        tuple(u for u in unplaced if u.application_id not in seated),
    )
