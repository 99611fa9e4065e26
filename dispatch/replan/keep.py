"""Which published seats survive a late change: every rule that forces a passenger to move, with its reason.

Besides the fingerprint of the inputs, every rule is checked on what plan.json itself shows, so a
plan written without fingerprint still moves whoever a change has made impossible to keep. A team
goes whole to one order (DOMAIN.md): when one member must move, the team is matched again.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from data.records import Application, Scenario
from dispatch.plan import Assignment, BusRun, DayPlan
from dispatch.replan.report import ride_times

DEPOT_TOLERANCE_DEG = 1e-6
"""Depot coordinates come back from plan.json as written; anything beyond float noise is a move."""


FINGERPRINT_TABLES = ("orders", "fleet", "stations", "sites")
"""Tables whose changed records force published seats to move (an applicant's own changes are judged by rule)."""


@dataclass(frozen=True)
class Kept:
    """What survives of the previous plan: the assignments kept and those released with a reason."""

    assignments: tuple[Assignment, ...]
    released: Mapping[str, str]


def keep(before: DayPlan, scenario: Scenario, day: dt.date, available: Mapping[str, Application],
          changed: Mapping[str, set[str]], forced: Mapping[str, str] | None = None) -> Kept:
    """Previous assignments of applicants still available, minus those a change forces to move and
    those `forced` to (application id → why)."""
    times = ride_times(before)
    unfit = _unfit_buses(before.runs, scenario, changed["fleet"])
    forced = forced or {}
    still = [a for a in before.assignments if a.application_id in available]
    released = {a.application_id: forced[a.application_id] for a in still if a.application_id in forced}
    for a in still:
        if a.application_id in released:
            continue
        why = _why_released(a, available[a.application_id], scenario, day, changed, times, unfit)
        if why:
            released[a.application_id] = why
    released.update(_beyond_smaller_orders([a for a in still if a.application_id not in released], scenario, available))
    count = Counter(a.order_id for a in still if a.application_id not in released)
    order_of = {a.application_id: a.order_id for a in still}
    teams: dict[str, list[str]] = defaultdict(list)
    for app in available.values():
        if app.team:
            teams[app.team].append(app.application_id)
    for team, ids in sorted(teams.items()):
        riding = [m for m in ids if m in order_of]
        newcomers = [m for m in ids if m not in order_of]
        why = _why_team_moves(team, riding, newcomers, released, count, order_of, scenario, available)
        for member in riding:
            if why and member not in released:
                released[member] = why
                count[order_of[member]] -= 1
    return Kept(tuple(a for a in still if a.application_id not in released), released)


def changed_ids(then: Mapping[str, Any] | None, now: Mapping[str, Any]) -> dict[str, set[str]]:
    """Ids whose digest differs from the previous plan's (or that disappeared), per table."""
    if not then:
        return {table: set() for table in FINGERPRINT_TABLES}
    return {
        table: {i for i, digest in then.get(table, {}).items() if now[table].get(i) != digest}
        for table in FINGERPRINT_TABLES
    }


def torn_teams(after: DayPlan, kept: Kept, applications: Mapping[str, Application]) -> dict[str, str]:
    """Published members still riding whose team has a member left without a seat, with why they
    must be matched again: a team goes whole or not at all (DOMAIN.md), as `_why_team_moves` rules
    for a new member without the skill or a free place."""
    published = {a.application_id for a in kept.assignments}
    waiting = {u.application_id: u for u in after.unassigned}
    members: dict[str, list[str]] = defaultdict(list)
    for app_id in sorted(published | set(waiting)):
        team = applications[app_id].team
        if team:
            members[team].append(app_id)
    torn: dict[str, str] = {}
    for team, ids in sorted(members.items()):
        left = [m for m in ids if m in waiting]
        if left and len(left) < len(ids):
            why = (f"team {team} is matched again as a whole: new member {', '.join(left)} could not be "
                   f"placed ({waiting[left[0]].reason})")
            torn.update((m, why) for m in ids if m in published)
    return torn


def _unfit_buses(runs: Iterable[BusRun], scenario: Scenario, changed: set[str]) -> set[str]:
    """Buses whose published runs they can no longer drive: changed digest, or other seats, hours or depot."""
    unfit = set(changed)
    for run in runs:
        bus = scenario.vehicles_by_id.get(run.vehicle_id)
        if bus is None:
            continue
        depot_moved = any(max(abs(s.lat - bus.depot_lat), abs(s.lon - bus.depot_lon)) > DEPOT_TOLERANCE_DEG
                          for s in run.stops if s.kind == "depot")
        if (run.seats != bus.seats or run.departure < bus.available_from or run.stops[-1].arrival > bus.available_to
                or depot_moved):
            unfit.add(run.vehicle_id)
    return unfit


def _beyond_smaller_orders(staying: list[Assignment], scenario: Scenario,
                           available: Mapping[str, Application]) -> dict[str, str]:
    """Those who no longer fit an order that now asks for fewer workers, with the reason.

    The order keeps whom matching ranks first (hardship cases, then whole teams, then lower ids),
    a team whole or not at all; only the rest move.
    """
    blocks: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for a in staying:
        app = available[a.application_id]
        blocks[a.order_id][app.team or f"\0{a.application_id}"].append(a.application_id)
    released: dict[str, str] = {}
    for order_id, by_block in sorted(blocks.items()):
        order = scenario.orders_by_id[order_id]
        placed = sum(len(ids) for ids in by_block.values())
        if placed <= order.workers:
            continue
        room = order.workers
        ranked = sorted(by_block.values(), key=lambda ids: (
            not any(available[m].priority for m in ids), len(ids) == 1 and not available[ids[0]].team, min(ids)))
        for ids in ranked:
            if len(ids) <= room:
                room -= len(ids)
                continue
            released.update((m, f"order {order_id} now asks for {order.workers} workers, fewer than the "
                                f"{placed} placed") for m in ids)
    return released


def _why_team_moves(team: str, riding: list[str], newcomers: list[str], released: Mapping[str, str],
                    count: Counter[str], order_of: Mapping[str, str], scenario: Scenario,
                    available: Mapping[str, Application]) -> str | None:
    """Why a published team must be matched again as a whole, or None; reserves its newcomers' places.

    A team goes whole to one order: when one member must move, or a new member cannot follow the
    others (lacking the skill, or no free place left), the whole team is matched again.
    """
    if not riding:
        return None
    moved = sorted(m for m in riding if m in released)
    if moved:
        return f"team {team} moves as a whole ({moved[0]}: {released[moved[0]]})"
    if len({order_of[m] for m in riding}) > 1:
        return f"team {team} now has members on orders {', '.join(sorted({order_of[m] for m in riding}))}"
    if not newcomers:
        return None
    order = scenario.orders_by_id[order_of[riding[0]]]
    lacking = [m for m in newcomers if order.skill not in available[m].skills]
    if lacking:
        return f"team {team} is matched again as a whole: new member {', '.join(lacking)} lacks {order.skill}"
    if count[order.order_id] + len(newcomers) > order.workers:
        return (f"team {team} is matched again as a whole: order {order.order_id} has no free place for "
                f"new member {', '.join(newcomers)}")
    count[order.order_id] += len(newcomers)
    return None


def _why_released(a: Assignment, app: Application, scenario: Scenario, day: dt.date,
                  changed: Mapping[str, set[str]], times: Mapping[tuple[str, str], tuple[int, int]],
                  unfit: set[str]) -> str | None:
    """Why a change forces this assignment to move, or None when it can stay as published.

    Besides the fingerprint, every rule is checked on what plan.json itself shows, so a plan
    written without fingerprint still moves whoever a change has made impossible to keep.
    """
    order = scenario.orders_by_id.get(a.order_id)
    if app.station_id != a.station_id or a.station_id in changed["stations"]:
        return f"the applicant's station changed ({a.station_id} → {app.station_id})"
    if order is None or order.date != day:
        return f"order {a.order_id} was withdrawn"
    if order.site_id != a.site_id or a.site_id in changed["sites"]:
        return f"the site of order {a.order_id} changed"
    if order.skill not in app.skills:
        return f"the applicant no longer lists {order.skill}, the skill order {a.order_id} asks for"
    morning, evening = times.get(("morning", a.application_id)), times.get(("evening", a.application_id))
    if (a.order_id in changed["orders"] or order.return_trip != (a.evening_vehicle_id is not None)
            or morning is None or morning[1] > order.shift_start
            or (evening is not None and evening[0] < order.shift_end)):
        return f"the shift or return trip of order {a.order_id} changed"
    for bus in (a.vehicle_id, a.evening_vehicle_id):
        vehicle = scenario.vehicles_by_id.get(bus) if bus else None
        if bus and vehicle is None:
            return f"bus {bus} is no longer in the fleet"
        if vehicle and bus in unfit:
            return f"bus {bus} changed (seats, hours or depot)"
    return None
