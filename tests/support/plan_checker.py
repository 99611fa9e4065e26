"""An independent check of a written plan.json against the scenario it was planned from.

It reads only the JSON document and the plain records, never the solver or the plan types, so a
bug shared by the planner and its outputs cannot hide here. Every problem found is one sentence
that names the record; an empty list means the plan keeps every rule of CONTRACT.md and DOMAIN.md.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from data.records import Application, Order, Scenario, Vehicle

TIME = re.compile(r"^(\d{2,}):([0-5]\d)$")
REASON_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
FULL_ID_NUMBER = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
FULL_PHONE = re.compile(r"(?<![0-9])[0-9]{11}(?![0-9])")
COORD_TOLERANCE_DEG = 1e-4
"""About 11 m: far below the 500 m GCJ-02 shift, far above float noise."""
KM_TOLERANCE = 0.1
MAX_DRIVING_MIN, MAX_NIGHT_DRIVING_MIN, MIN_REST_MIN = 240, 120, 20
"""DOMAIN.md: drivers rest at least 20 minutes after 4 hours of continuous driving by day, 2 by night ..."""
NIGHT_ENDS, NIGHT_STARTS = 6 * 60, 22 * 60
"""... night being 22:00-06:00 ..."""
MAX_DAILY_DRIVING_MIN = 480
"""... and drive at most 8 hours in the day."""

ROUTE_KEYS = ("vehicle_id", "seats", "trip", "distance_km", "duration_min", "stops")
STOP_KEYS = ("kind", "place_id", "lat", "lon", "arrival", "departure", "board", "alight", "load")
ASSIGNMENT_KEYS = ("application_id", "order_id", "site_id", "station_id", "vehicle_id")
UNASSIGNED_KEYS = ("application_id", "reason", "detail")
SUMMARY_KEYS = ("workers_requested", "workers_assigned", "buses_used", "distance_km")


@dataclass(frozen=True)
class Ride:
    """One passenger on one route: the stops (by position) where they board and alight."""

    route: str
    trip: str
    board: int
    alight: int | None


def check_plan(plan_json: dict[str, Any], scenario: Scenario) -> list[str]:
    """Every rule the plan breaks, one sentence each; [] when it keeps them all."""
    problems = _check_shape(plan_json)
    if problems:
        return problems
    day = dt.date.fromisoformat(plan_json["date"])
    problems += _check_no_personal_numbers(plan_json, scenario)
    problems += _check_coverage(plan_json, scenario, day)
    problems += _check_orders(plan_json, scenario, day)
    problems += _check_teams(plan_json, scenario, day)
    problems += _check_one_run_per_trip(plan_json["routes"])
    for route in plan_json["routes"]:
        problems += _check_route(route, scenario)
    for vehicle_id, runs in sorted(_bus_days(plan_json["routes"]).items()):
        problems += _check_bus_day(vehicle_id, runs, scenario)
        problems += _check_driving(vehicle_id, runs)
    problems += _check_boarding_hours(plan_json)
    rides, ride_problems = _collect_rides(plan_json["routes"])
    problems += ride_problems
    problems += _check_rides(plan_json, scenario, rides)
    problems += _check_summary(plan_json, scenario, day)
    return problems


def _label(route: dict[str, Any]) -> str:
    return f"route {route['vehicle_id']} {route['trip']}"


def _check_shape(plan: dict[str, Any]) -> list[str]:
    """Missing keys or unreadable dates and times: the rest of the checks cannot run on such a plan."""
    problems = [f"plan lacks '{k}'" for k in ("date", "routes", "assignments", "unassigned", "summary")
                if k not in plan]
    if problems:
        return problems
    try:
        dt.date.fromisoformat(plan["date"])
    except (TypeError, ValueError):
        problems.append(f"date {plan['date']!r} is not YYYY-MM-DD")
    for i, route in enumerate(plan["routes"]):
        problems += [f"route #{i} lacks '{k}'" for k in ROUTE_KEYS if k not in route]
        for j, stop in enumerate(route.get("stops", [])):
            problems += [f"route #{i} stop {j} lacks '{k}'" for k in STOP_KEYS if k not in stop]
            for k in ("arrival", "departure"):
                if k in stop and not TIME.match(str(stop[k])):
                    problems.append(f"route #{i} stop {j} {k} {stop[k]!r} is not HH:MM")
    for i, a in enumerate(plan["assignments"]):
        problems += [f"assignment #{i} lacks '{k}'" for k in ASSIGNMENT_KEYS if k not in a]
    for i, u in enumerate(plan["unassigned"]):
        problems += [f"unassigned #{i} lacks '{k}'" for k in UNASSIGNED_KEYS if k not in u]
    problems += [f"summary lacks '{k}'" for k in SUMMARY_KEYS if k not in plan["summary"]]
    return problems


def _minutes(hhmm: str) -> int:
    """HH:MM as minutes after midnight; `_check_shape` has already refused any other form."""
    match = TIME.match(hhmm)
    if match is None:
        raise ValueError(f"{hhmm!r} is not HH:MM")
    hours, minutes = match.groups()
    return int(hours) * 60 + int(minutes)


def _texts(value: Any) -> list[str]:
    """Every string and integer in the document, keys included (floats are coordinates and distances,
    whose fraction digits would look like phone numbers)."""
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (*_texts(k), *_texts(v))]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    if isinstance(value, str):
        return [value]
    if isinstance(value, int) and not isinstance(value, bool):
        return [str(value)]
    return []


def _check_no_personal_numbers(plan: dict[str, Any], scenario: Scenario) -> list[str]:
    """No 18-character ID number or 11-digit phone anywhere, and none of the scenario's own numbers."""
    texts = _texts(plan)
    text = "\n".join(texts)
    problems = [f"full ID number {m[:4]}... appears in the plan" for t in texts for m in FULL_ID_NUMBER.findall(t)]
    problems += [f"full phone number {m[:3]}... appears in the plan" for t in texts for m in FULL_PHONE.findall(t)]
    secrets = [a.id_number for a in scenario.applications] + [a.phone for a in scenario.applications]
    secrets += [v.driver_phone for v in scenario.fleet]
    secrets += [a.cell(column) for a in scenario.set_aside for column in ("id_number", "phone")]
    leaked = sorted({s for s in secrets if len(s) >= 7 and s in text})
    problems += [f"the scenario's number {s[:3]}... appears in the plan" for s in leaked]
    return problems


def _available(scenario: Scenario, day: dt.date) -> dict[str, Application]:
    return {a.application_id: a for a in scenario.applications if a.available_on(day)}


def _check_coverage(plan: dict[str, Any], scenario: Scenario, day: dt.date) -> list[str]:
    """Each applicant available on the day exactly once, in assignments or unassigned; nobody else."""
    available = _available(scenario, day)
    set_aside = {a.application_id for a in scenario.set_aside if a.available_on(day)}
    seen = Counter(a["application_id"] for a in plan["assignments"])
    seen.update(u["application_id"] for u in plan["unassigned"])
    problems = [f"application {a} appears {n} times" for a, n in sorted(seen.items()) if n > 1]
    problems += [f"application {a} is available on {day} but neither assigned nor unassigned"
                 for a in sorted(set(available) - set(seen))]
    problems += [f"application {a} is listed but not available on {day}"
                 for a in sorted(set(seen) - set(available) - set_aside)]
    problems += [f"set-aside application row {a} is not listed as invalid_application"
                 for a in sorted(set_aside) if a not in {u["application_id"] for u in plan["unassigned"]
                                                         if u["reason"] == "invalid_application"}]
    for u in plan["unassigned"]:
        if not REASON_CODE.match(str(u["reason"])):
            problems.append(f"unassigned {u['application_id']} has reason {u['reason']!r}, not a code")
        if not str(u["detail"]).strip():
            problems.append(f"unassigned {u['application_id']} has no detail sentence")
    return problems


def _check_orders(plan: dict[str, Any], scenario: Scenario, day: dt.date) -> list[str]:
    """Assignments point at the day's orders, their sites, the applicant's station and skill; no order overfull."""
    problems: list[str] = []
    per_order: Counter[str] = Counter()
    for a in plan["assignments"]:
        app_id, order = a["application_id"], scenario.orders_by_id.get(a["order_id"])
        app = scenario.applications_by_id.get(app_id)
        if order is None or order.date != day:
            problems.append(f"assignment {app_id} names order {a['order_id']}, not an order of {day}")
            continue
        per_order[order.order_id] += 1
        if a["site_id"] != order.site_id:
            problems.append(f"assignment {app_id} names site {a['site_id']} but order {order.order_id} "
                            f"is at {order.site_id}")
        if app is None:
            continue
        if a["station_id"] != app.station_id:
            problems.append(f"assignment {app_id} names station {a['station_id']} but the applicant "
                            f"registered at {app.station_id}")
        if order.skill not in app.skills:
            problems.append(f"assignment {app_id} to order {order.order_id} needs {order.skill}, "
                            f"which the applicant lacks")
    for order_id, n in sorted(per_order.items()):
        if n > scenario.orders_by_id[order_id].workers:
            problems.append(f"order {order_id} asks for {scenario.orders_by_id[order_id].workers} "
                            f"workers but gets {n}")
    return problems


def _check_teams(plan: dict[str, Any], scenario: Scenario, day: dt.date) -> list[str]:
    """A team's available members all go to one order, or none of them goes."""
    order_of = {a["application_id"]: a["order_id"] for a in plan["assignments"]}
    teams: dict[str, list[str]] = defaultdict(list)
    for app in _available(scenario, day).values():
        if app.team:
            teams[app.team].append(app.application_id)
    problems = []
    for team, members in sorted(teams.items()):
        placed = {order_of.get(m) for m in members}
        if len(placed) > 1:
            problems.append(f"team {team} is split: " + ", ".join(
                f"{m}->{order_of.get(m) or 'home'}" for m in sorted(members)))
    return problems


def _check_one_run_per_trip(routes: list[dict[str, Any]]) -> list[str]:
    runs = Counter((r["vehicle_id"], r["trip"]) for r in routes)
    return [f"vehicle {v} has {n} {trip} routes" for (v, trip), n in sorted(runs.items()) if n > 1]


def _check_route(route: dict[str, Any], scenario: Scenario) -> list[str]:
    """Seats, loads, times, places and coordinates of one bus run."""
    label, stops = _label(route), route["stops"]
    vehicle = scenario.vehicles_by_id.get(route["vehicle_id"])
    if vehicle is None:
        return [f"{label}: vehicle is not in the fleet"]
    problems = []
    if route["trip"] not in ("morning", "evening"):
        problems.append(f"{label}: trip must be morning or evening")
    if route["seats"] != vehicle.seats:
        problems.append(f"{label}: seats {route['seats']} but the bus has {vehicle.seats}")
    if not stops:
        return [*problems, f"{label}: has no stops"]
    if route["distance_km"] < 0 or route["duration_min"] < 0:
        problems.append(f"{label}: negative distance or duration")
    load, previous_departure = 0, None
    for i, stop in enumerate(stops):
        where = f"{label} stop {i} ({stop['place_id']})"
        arrival, departure = _minutes(stop["arrival"]), _minutes(stop["departure"])
        if departure < arrival:
            problems.append(f"{where}: departs {stop['departure']} before it arrives {stop['arrival']}")
        if previous_departure is not None and arrival < previous_departure:
            problems.append(f"{where}: arrives {stop['arrival']} before the previous stop's departure")
        previous_departure = departure
        load += len(stop["board"]) - len(stop["alight"])
        if stop["load"] != load:
            problems.append(f"{where}: load {stop['load']} but boarding and alighting give {load}")
        if load > route["seats"]:
            problems.append(f"{where}: {load} aboard, more than the {route['seats']} seats")
        if load < 0:
            problems.append(f"{where}: more alight than are aboard")
        problems += _check_place(where, route["trip"], stop, vehicle, scenario)
    if load != 0:
        problems.append(f"{label}: {load} passengers never alight")
    if _minutes(stops[0]["departure"]) < vehicle.available_from or \
            _minutes(stops[-1]["arrival"]) > vehicle.available_to:
        problems.append(f"{label}: runs outside the bus's hours")
    return problems


def _bus_days(routes: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Each bus's runs in the order it drives them."""
    days: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for route in routes:
        if route["stops"]:
            days[route["vehicle_id"]].append(route)
    return {v: sorted(runs, key=lambda r: _minutes(r["stops"][0]["departure"])) for v, runs in days.items()}


def _check_bus_day(vehicle_id: str, runs: list[dict[str, Any]], scenario: Scenario) -> list[str]:
    """A bus leaves its depot, sets out on each run from where the last one left it, and comes home."""
    problems = []
    if runs[0]["stops"][0]["kind"] != "depot":
        problems.append(f"bus {vehicle_id}: its day does not start at its depot")
    if runs[-1]["stops"][-1]["kind"] != "depot":
        problems.append(f"bus {vehicle_id}: its day does not end at its depot")
    for before, after in itertools.pairwise(runs):
        end, start = before["stops"][-1], after["stops"][0]
        if start["kind"] == "depot" and end["kind"] == "depot":
            continue
        if end.get("parking") and not _parks_for(before, scenario):
            problems.append(f"bus {vehicle_id}: its {before['trip']} run ends at parking place {end['place_id']}, "
                            "which is not the parking place of the site it left last")
        if (end["lat"], end["lon"]) != (start["lat"], start["lon"]):
            problems.append(f"bus {vehicle_id}: its {after['trip']} run sets out from {start['place_id']}, but its "
                            f"{before['trip']} run left it at {end['place_id']}")
        if _minutes(start["departure"]) < _minutes(end["arrival"]):
            problems.append(f"bus {vehicle_id}: its {after['trip']} run sets out before its {before['trip']} run ends")
    return problems


def _parks_for(run: dict[str, Any], scenario: Scenario) -> bool:
    """Whether the run's last stop, a parking place, is the one named by the site of the stop before it."""
    if len(run["stops"]) < 2:
        return False
    site = scenario.sites_by_id.get(run["stops"][-2]["place_id"])
    return site is not None and site.parking_id == run["stops"][-1]["place_id"]


def _night_minutes(start: int, end: int) -> int:
    """How much of [start, end) falls between 22:00 and 06:00 (times may run past midnight)."""
    windows = ((day * 1440 + NIGHT_STARTS, (day + 1) * 1440 + NIGHT_ENDS) for day in range(-1, end // 1440 + 1))
    return sum(max(0, min(end, close) - max(start, open_)) for open_, close in windows)


@dataclass
class _Stretch:
    """Driving since the last rest: all of it, the part by night, and the legs it has (for rounding)."""

    driving: int = 0
    night: int = 0
    legs: int = 0

    def add(self, start: int, end: int) -> None:
        self.driving += end - start
        self.night += _night_minutes(start, end)
        self.legs += 1

    def over(self, label: str, k: int) -> list[str]:
        if self.driving > MAX_DRIVING_MIN + self.legs:
            return [f"{label}: drives {self.driving} min without a {MIN_REST_MIN}-minute rest by stop {k}"]
        if self.night > MAX_NIGHT_DRIVING_MIN + self.legs:
            return [f"{label}: drives {self.night} min by night without a {MIN_REST_MIN}-minute rest by stop {k}"]
        return []


def _check_driving(vehicle_id: str, runs: list[dict[str, Any]]) -> list[str]:
    """Over the bus's whole day: no more than 4 hours of driving, nor 2 hours of it by night, without a
    20-minute rest (a listed rest, or a wait that long at a stop or between runs); 8 hours in all.

    Times are whole minutes, so each leg's driving may be off by one: a stretch of n legs may
    show n minutes more than the limit.
    """
    problems: list[str] = []
    stretch, day = _Stretch(), _Stretch()
    previous_end: int | None = None
    for route in runs:
        label, stops = _label(route), route["stops"]
        if previous_end is not None and _minutes(stops[0]["departure"]) - previous_end >= MIN_REST_MIN:
            stretch = _Stretch()
        rests = {r["before_stop"]: r for r in route.get("rests", [])}
        for k in range(1, len(stops)):
            leaving, arriving = _minutes(stops[k - 1]["departure"]), _minutes(stops[k]["arrival"])
            rest = rests.get(k)
            if rest and rest["on_road"]:
                start = _minutes(rest["start"])
                if rest["minutes"] < MIN_REST_MIN or not leaving <= start <= start + rest["minutes"] <= arriving:
                    problems.append(f"{label}: the rest before stop {k} is not a {MIN_REST_MIN}-minute stop on "
                                    "that road")
                stretch.add(leaving, start)
                day.add(leaving, start)
                problems += stretch.over(label, k)
                stretch = _Stretch()
                leaving = start + rest["minutes"]
            stretch.add(leaving, arriving)
            day.add(leaving, arriving)
            over = stretch.over(label, k)
            problems += over
            dwell = _minutes(stops[k]["departure"]) - arriving
            if rest and not rest["on_road"] and (rest["minutes"] < MIN_REST_MIN or rest["minutes"] > dwell):
                problems.append(f"{label}: the rest at stop {k} is longer than the wait there or too short")
            if over or dwell >= MIN_REST_MIN or (rest and not rest["on_road"]):
                stretch = _Stretch()
        previous_end = _minutes(stops[-1]["arrival"])
    limit = MAX_DAILY_DRIVING_MIN * (2 if any(r.get("second_driver") for r in runs) else 1)
    if day.driving > limit + day.legs:
        problems.append(f"bus {vehicle_id}: drives {day.driving} min in the day, more than {limit}")
    return problems


def _check_boarding_hours(plan: dict[str, Any]) -> list[str]:
    """Nobody boards before the plan's earliest boarding time (a setting; 06:00 unless the plan says)."""
    settings = plan.get("settings", {})
    earliest, boarding = _minutes(settings.get("earliest_boarding", "06:00")), settings.get("boarding_min", 5)
    return [f"{_label(route)} stop {k} ({stop['place_id']}): people board at {stop['arrival']}, before "
            f"{earliest // 60:02d}:{earliest % 60:02d}"
            for route in plan["routes"] for k, stop in enumerate(route["stops"])
            if stop["board"] and _minutes(stop["departure"]) - boarding < earliest]


def _check_place(where: str, trip: str, stop: dict[str, Any], vehicle: Vehicle, scenario: Scenario) -> list[str]:
    """Coordinates are WGS-84 and equal to the place's own; morning pickups are stations, evening ones sites."""
    lat, lon = stop["lat"], stop["lon"]
    if not (isinstance(lat, (int, float)) and isinstance(lon, (int, float))
            and math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return [f"{where}: coordinates ({lat}, {lon}) are not WGS-84 degrees"]
    if stop["kind"] == "depot":
        expected = (vehicle.depot_lat, vehicle.depot_lon)
    elif stop.get("parking"):
        parking = scenario.parking_by_id.get(stop["place_id"])
        if parking is None:
            return [f"{where}: a parking stop must be at a known parking place"]
        if stop["board"] or stop["alight"]:
            return [f"{where}: people board or alight at parking place {stop['place_id']}"]
        expected = (parking.lat, parking.lon)
    elif stop["kind"] in ("pickup", "dropoff"):
        at_station = (trip == "morning") == (stop["kind"] == "pickup")
        table = scenario.stations_by_id if at_station else scenario.sites_by_id
        place = table.get(stop["place_id"])
        if place is None:
            return [f"{where}: a {stop['kind']} on the {trip} trip must be a known "
                    f"{'station' if at_station else 'site'}"]
        expected = (place.lat, place.lon)
    else:
        return [f"{where}: kind {stop['kind']!r} is not depot, pickup or dropoff"]
    if abs(lat - expected[0]) > COORD_TOLERANCE_DEG or abs(lon - expected[1]) > COORD_TOLERANCE_DEG:
        return [f"{where}: coordinates ({lat}, {lon}) differ from the place's ({expected[0]}, {expected[1]})"]
    return []


def _collect_rides(routes: list[dict[str, Any]]) -> tuple[dict[tuple[str, str], Ride], list[str]]:
    """Where each passenger boards and alights, keyed by (application, trip); nobody rides twice a trip."""
    rides: dict[tuple[str, str], Ride] = {}
    problems = []
    for route in routes:
        label = _label(route)
        boarded: dict[str, int] = {}
        alighted: dict[str, int] = {}
        for i, stop in enumerate(route["stops"]):
            for app_id in stop["board"]:
                if app_id in boarded or (app_id, route["trip"]) in rides:
                    problems.append(f"{label}: {app_id} boards more than once on the {route['trip']} trip")
                boarded.setdefault(app_id, i)
            for app_id in stop["alight"]:
                if app_id not in boarded or app_id in alighted:
                    problems.append(f"{label} stop {i}: {app_id} alights without having boarded")
                alighted.setdefault(app_id, i)
        for app_id, i in boarded.items():
            rides.setdefault((app_id, route["trip"]), Ride(label, route["trip"], i, alighted.get(app_id)))
    return rides, problems


def _check_rides(plan: dict[str, Any], scenario: Scenario, rides: dict[tuple[str, str], Ride]) -> list[str]:
    """Each assignee rides their bus from their station to their site in time, and back if the order says so."""
    routes = {(r["vehicle_id"], r["trip"]): r for r in plan["routes"]}
    assigned = {a["application_id"]: a for a in plan["assignments"]}
    problems = [f"{ride.route}: {app_id} rides but is not assigned"
                for (app_id, _), ride in sorted(rides.items()) if app_id not in assigned]
    for app_id, a in sorted(assigned.items()):
        order = scenario.orders_by_id.get(a["order_id"])
        if order is None:
            continue
        problems += _check_ride(app_id, a, order, "morning", routes, rides)
        if order.return_trip:
            problems += _check_ride(app_id, a, order, "evening", routes, rides)
    return problems


def _check_ride(app_id: str, a: dict[str, Any], order: Order, trip: str,
                routes: dict[tuple[str, str], dict[str, Any]], rides: dict[tuple[str, str], Ride]) -> list[str]:
    vehicle_id = a["vehicle_id"] if trip == "morning" else a.get("evening_vehicle_id")
    ride = rides.get((app_id, trip))
    route = routes.get((vehicle_id, trip)) if vehicle_id else None
    if route is None or ride is None:
        return [f"{app_id} has no {trip} ride (bus {vehicle_id})"]
    if ride.route != _label(route):
        return [f"{app_id} is assigned the {trip} bus {vehicle_id} but rides {ride.route}"]
    if ride.alight is None:
        return [f"{ride.route}: {app_id} never alights"]
    board, alight = route["stops"][ride.board], route["stops"][ride.alight]
    origin, destination = (a["station_id"], order.site_id) if trip == "morning" else (order.site_id,
                                                                                       a["station_id"])
    problems = []
    if board["kind"] != "pickup" or board["place_id"] != origin:
        problems.append(f"{ride.route}: {app_id} boards at {board['place_id']}, not at {origin}")
    if alight["kind"] != "dropoff" or alight["place_id"] != destination:
        problems.append(f"{ride.route}: {app_id} alights at {alight['place_id']}, not at {destination}")
    if trip == "morning" and _minutes(alight["arrival"]) > order.shift_start:
        problems.append(f"{ride.route}: {app_id} arrives {alight['arrival']}, after order {order.order_id}'s "
                        f"shift starts")
    if trip == "evening" and _minutes(board["departure"]) < order.shift_end:
        problems.append(f"{ride.route}: {app_id} is taken away at {board['departure']}, before order "
                        f"{order.order_id}'s shift ends")
    return problems


def _check_summary(plan: dict[str, Any], scenario: Scenario, day: dt.date) -> list[str]:
    """The summary's figures agree with the routes, assignments and orders of the same document."""
    summary, routes = plan["summary"], plan["routes"]
    expected = {
        "workers_requested": sum(o.workers for o in scenario.orders if o.date == day),
        "workers_assigned": len(plan["assignments"]),
        "buses_used": len({r["vehicle_id"] for r in routes}),
    }
    problems = [f"summary {k} is {summary[k]} but the plan gives {v}" for k, v in expected.items()
                if summary[k] != v]
    km = sum(r["distance_km"] for r in routes)
    if abs(summary["distance_km"] - km) > KM_TOLERANCE:
        problems.append(f"summary distance_km is {summary['distance_km']} but the routes add up to {km:.1f}")
    return problems
