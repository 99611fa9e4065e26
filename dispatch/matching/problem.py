"""The matching problem as a small network: classes of interchangeable applicants, teams, orders.

Twenty thousand applicants shrink to a few thousand classes (same station, same usable skills,
same priority, not in a team). Because road distance depends only on the station and the site,
each class reaches the orders through hubs (station, skill): class → hub → order. That keeps
the model to (classes × their skills) + (hubs × orders of that skill) arcs instead of
classes × orders. Teams stay whole: each team lists the orders it could take as one block.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from data.records import Application, Order

METRES_PER_KM = 1000
DISTANCE_STEP_M = 100
"""Distances count to the nearest 100 m: exact enough to rank orders, small enough for exact weights."""


@dataclass(frozen=True)
class ApplicantClass:
    """Applicants the optimum cannot tell apart: one station, one set of usable skills, one priority."""

    station_id: str
    skills: tuple[str, ...]
    priority: bool
    members: tuple[str, ...]
    """Application ids, those turned away on recent days first, then by id: the first are handed places first."""


@dataclass(frozen=True)
class Hub:
    """Workers of one station offering one skill; every order of that skill sees them alike."""

    station_id: str
    skill: str


@dataclass(frozen=True)
class HubArc:
    """Workers may go from a hub to an order: the skill fits, it is near enough, a bus can make it."""

    hub: int
    order: int
    metres: int


@dataclass(frozen=True)
class TeamOption:
    """An order a whole team could take: the team's summed road distance, and each member's by group."""

    order: int
    metres: int
    legs: tuple[int, ...]
    """Metres from the station of each of the team's `groups` to the order's site."""


@dataclass(frozen=True)
class TeamGroup:
    """Members of a team boarding at one station with one priority (a team may span stations)."""

    station_id: str
    priority: bool
    members: int


@dataclass(frozen=True)
class TeamCandidate:
    """A team (班组) that goes whole to one order or stays home whole."""

    name: str
    members: tuple[str, ...]
    priority_members: int
    groups: tuple[TeamGroup, ...]
    options: tuple[TeamOption, ...]

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class MatchProblem:
    """Everything the solver needs, indexed; everything sorted so the same day builds the same model."""

    orders: tuple[Order, ...]
    classes: tuple[ApplicantClass, ...]
    hubs: tuple[Hub, ...]
    class_hub_arcs: tuple[tuple[int, int], ...]
    hub_arcs: tuple[HubArc, ...]
    teams: tuple[TeamCandidate, ...]

    @property
    def applicant_count(self) -> int:
        return sum(len(c.members) for c in self.classes) + sum(t.size for t in self.teams)


class DistanceTable:
    """Road distances in metres (rounded to `DISTANCE_STEP_M`), asked once per (station, site) pair."""

    def __init__(self, road_km: Callable[[str, str], float], max_distance_km: float) -> None:
        self._road_km = road_km
        self._limit_m = max_distance_km * METRES_PER_KM
        self._cache: dict[tuple[str, str], int | None] = {}

    def metres(self, station_id: str, site_id: str) -> int | None:
        """The distance, or None when it is beyond the limit (or the caller knows no finite one)."""
        key = (station_id, site_id)
        if key not in self._cache:
            km = float(self._road_km(station_id, site_id))
            if km < 0:
                raise ValueError(f"road distance from {station_id} to {site_id} is negative ({km} km)")
            metres = km * METRES_PER_KM
            near = math.isfinite(km) and metres <= self._limit_m
            self._cache[key] = round(metres / DISTANCE_STEP_M) * DISTANCE_STEP_M if near else None
        return self._cache[key]


def check_unique_ids(applications: Sequence[Application], orders: Sequence[Order]) -> None:
    """Nobody may be sent to two places, so each application and order id must appear once."""
    for kind, ids in (
        ("application", [a.application_id for a in applications]),
        ("order", [o.order_id for o in orders]),
    ):
        duplicates = sorted(i for i, n in Counter(ids).items() if n > 1)
        if duplicates:
            raise ValueError(f"duplicate {kind} id: {', '.join(duplicates)}")


def build_problem(
    applications: Sequence[Application],
    orders: Sequence[Order],
    distances: DistanceTable,
    unreachable: Collection[tuple[str, str]],
    first: frozenset[str] = frozenset(),
) -> MatchProblem:
    """Classes, hubs, arcs and teams for one day; applicants with no usable arc are left out; in each
    class the applicants in `first` are listed first, so they take its places first."""
    sorted_orders = tuple(sorted(orders, key=lambda o: o.order_id))
    blocked = frozenset(unreachable)
    ordered_skills = frozenset(o.skill for o in sorted_orders)
    solos = [a for a in applications if not a.team]
    team_members: dict[str, list[Application]] = defaultdict(list)
    for a in applications:
        if a.team:
            team_members[a.team].append(a)

    hubs, hub_arcs = _hubs_and_arcs(solos, sorted_orders, ordered_skills, distances, blocked)
    hub_index = {hub: i for i, hub in enumerate(hubs)}
    classes, class_hub_arcs = _classes(solos, ordered_skills, hub_index, first)
    teams = tuple(
        _team(name, team_members[name], sorted_orders, distances, blocked) for name in sorted(team_members)
    )
    return MatchProblem(
        orders=sorted_orders,
        classes=classes,
        hubs=hubs,
        class_hub_arcs=class_hub_arcs,
        hub_arcs=hub_arcs,
        teams=tuple(t for t in teams if t.options),
    )


def usable_skills(application: Application, ordered_skills: Collection[str]) -> tuple[str, ...]:
    """The applicant's skills that some order of the day asks for, sorted."""
    return tuple(sorted(set(application.skills) & set(ordered_skills)))


def _hubs_and_arcs(
    solos: Sequence[Application],
    orders: tuple[Order, ...],
    ordered_skills: frozenset[str],
    distances: DistanceTable,
    blocked: frozenset[tuple[str, str]],
) -> tuple[tuple[Hub, ...], tuple[HubArc, ...]]:
    wanted = sorted({Hub(a.station_id, s) for a in solos for s in usable_skills(a, ordered_skills)},
                    key=lambda h: (h.station_id, h.skill))
    orders_by_skill: dict[str, list[int]] = defaultdict(list)
    for i, order in enumerate(orders):
        orders_by_skill[order.skill].append(i)
    hubs: list[Hub] = []
    arcs: list[HubArc] = []
    for hub in wanted:
        hub_arcs = [
            HubArc(len(hubs), i, metres)
            for i in orders_by_skill[hub.skill]
            if (hub.station_id, orders[i].order_id) not in blocked
            and orders[i].workers > 0
            and (metres := distances.metres(hub.station_id, orders[i].site_id)) is not None
        ]
        if hub_arcs:
            hubs.append(hub)
            arcs.extend(hub_arcs)
    return tuple(hubs), tuple(arcs)


def _classes(
    solos: Sequence[Application],
    ordered_skills: frozenset[str],
    hub_index: dict[Hub, int],
    first: frozenset[str],
) -> tuple[tuple[ApplicantClass, ...], tuple[tuple[int, int], ...]]:
    """Applicants outside teams grouped by (station, skills that reach some order, priority)."""
    grouped: dict[tuple[str, tuple[str, ...], bool], list[str]] = defaultdict(list)
    for a in solos:
        skills = tuple(s for s in usable_skills(a, ordered_skills) if Hub(a.station_id, s) in hub_index)
        if skills:
            grouped[(a.station_id, skills, a.priority)].append(a.application_id)
    classes: list[ApplicantClass] = []
    arcs: list[tuple[int, int]] = []
    for station_id, skills, priority in sorted(grouped):
        members = tuple(sorted(grouped[(station_id, skills, priority)], key=lambda a: (a not in first, a)))
        arcs.extend((len(classes), hub_index[Hub(station_id, s)]) for s in skills)
        classes.append(ApplicantClass(station_id, skills, priority, members))
    return tuple(classes), tuple(arcs)


def common_skills(members: Sequence[Application]) -> tuple[str, ...]:
    """Skills every member of a team has, sorted."""
    shared = set(members[0].skills)
    for m in members[1:]:
        shared &= set(m.skills)
    return tuple(sorted(shared))


def _team(
    name: str,
    members: Sequence[Application],
    orders: tuple[Order, ...],
    distances: DistanceTable,
    blocked: frozenset[tuple[str, str]],
) -> TeamCandidate:
    skills = set(common_skills(members))
    counts = Counter((m.station_id, m.priority) for m in members)
    groups = tuple(TeamGroup(station, priority, n) for (station, priority), n in sorted(counts.items()))
    stations = sorted({g.station_id for g in groups})
    options: list[TeamOption] = []
    for i, order in enumerate(orders):
        if order.skill not in skills or order.workers < len(members):
            continue
        if any((station_id, order.order_id) in blocked for station_id in stations):
            continue
        metres = {station_id: distances.metres(station_id, order.site_id) for station_id in stations}
        known = {station_id: m for station_id, m in metres.items() if m is not None}
        if len(known) == len(metres):
            legs = tuple(known[g.station_id] for g in groups)
            options.append(TeamOption(i, sum(leg * g.members for leg, g in zip(legs, groups)), legs))
    return TeamCandidate(
        name=name,
        members=tuple(sorted(m.application_id for m in members)),
        priority_members=sum(m.priority for m in members),
        groups=groups,
        options=tuple(options),
    )
