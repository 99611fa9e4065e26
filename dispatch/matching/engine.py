"""Matching: which applicants available on a date fill which of that date's orders.

Rules (from the issues and DOMAIN.md): the order's skill must be one of the applicant's skills
(普工, general labour, is an ordinary skill, not a wildcard); an order gets no more workers than it
asked for; a team goes whole to one order or stays home whole; nobody goes further than
`max_distance_km` or to an order no bus can reach from their station in time. Among the plans
that obey them, the chosen one is the lexicographic optimum of
1) hardship applicants placed, 2) members of whole teams placed, 3) applicants placed,
4) fewest road kilometres station → site (to 100 m). Ties are broken deterministically: the flows
and the team search run on sorted input in a fixed order, and within a group of interchangeable
applicants the lower application ids are placed first. Everyone not placed gets a reason code and
a sentence. How the optimum is found, and when it is proven: `match_solver`.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from data.records import Application, Order
from dispatch.matching.explain import Explainer
from dispatch.matching.problem import DistanceTable, MatchProblem, build_problem, check_unique_ids
from dispatch.matching.solver import Flows, solve_flows
from dispatch.reasons import Unplaced


@dataclass(frozen=True)
class MatchSettings:
    max_distance_km: float = 300.0
    """Never send a worker further than this (road km from station to site)."""
    time_limit_s: float = 10.0
    """Budget of the team search, in deterministic work (flow arcs solved, `match_solver.WORK_PER_SECOND`
    per second) rather than wall time, so a stopped search stops alike everywhere; county days are
    proven far below it. `stats["proven_optimal"]` says whether it stopped the search."""


@dataclass(frozen=True)
class Match:
    application_id: str
    order_id: str


@dataclass(frozen=True)
class MatchResult:
    matches: tuple[Match, ...]
    """Sorted by application id."""
    unplaced: tuple[Unplaced, ...]
    """Sorted by application id."""
    stats: dict = field(default_factory=dict, compare=False)
    """Model size, the objective parts (hardship_placed, team_members_placed, placed, distance_km),
    whether they are proven (proven_optimal; counts_proven when there are teams), and seconds."""

    def order_of(self) -> dict[str, str]:
        """Application id → order id for everyone placed."""
        return {m.application_id: m.order_id for m in self.matches}


def match(
    applications: Sequence[Application],
    orders: Sequence[Order],
    road_km: Callable[[str, str], float],
    settings: MatchSettings = MatchSettings(),
    unreachable: Collection[tuple[str, str]] = (),
    too_long: Collection[tuple[str, str]] = (),
    first: Collection[str] = (),
) -> MatchResult:
    """Match the applicants available on one date to that date's orders.

    `road_km(station_id, site_id)` gives road kilometres; `unreachable` holds (station_id,
    order_id) pairs no bus can serve before the shift starts, and `too_long` the pairs whose direct
    ride alone exceeds the ride-time cap: workers are matched elsewhere. Among applicants the
    optimum cannot tell apart, those in `first` (turned away on recent days) take the places first.
    Every application passed in appears exactly once in `matches` or `unplaced`.
    Raises ValueError on duplicate application or order ids.
    """
    started = time.perf_counter()
    check_unique_ids(applications, orders)
    distances = DistanceTable(road_km, settings.max_distance_km)
    problem = build_problem(applications, orders, distances, {*unreachable, *too_long}, frozenset(first))
    flows = solve_flows(problem, settings.time_limit_s)
    placed = hand_out(problem, flows)

    explainer = Explainer(orders, distances, unreachable, settings.max_distance_km, too_long)
    unplaced: list[Unplaced] = []
    teams: dict[str, list[Application]] = defaultdict(list)
    for a in applications:
        if a.application_id in placed:
            continue
        if not a.team:
            unplaced.append(explainer.solo(a))
        else:
            teams[a.team].append(a)
    for name in sorted(teams):
        unplaced.extend(explainer.team(name, teams[name]))

    stats = {**flows.stats, "seconds": round(time.perf_counter() - started, 3)}
    return MatchResult(
        matches=tuple(Match(a, o) for a, o in sorted(placed.items())),
        unplaced=tuple(sorted(unplaced, key=lambda u: u.application_id)),
        stats=stats,
    )


def hand_out(problem: MatchProblem, flows: Flows) -> dict[str, str]:
    """Concrete applicants for the solver's counts: application id → order id.

    Within a hub every worker is equally far from every order, so the hub's inflows (classes in
    index order) are cut along its outflows (orders by id); within a class the lowest ids go first.
    """
    order_ids = [o.order_id for o in problem.orders]
    outflows: list[deque[list[int]]] = [deque() for _ in problem.hubs]
    for arc, count in zip(problem.hub_arcs, flows.hub_order):
        if count:
            outflows[arc.hub].append([arc.order, count])

    places: list[list[int]] = [[] for _ in problem.classes]
    for (c, h), count in zip(problem.class_hub_arcs, flows.class_hub):
        queue = outflows[h]
        while count:
            piece = queue[0]
            taken = min(count, piece[1])
            places[c].extend([piece[0]] * taken)
            count -= taken
            piece[1] -= taken
            if not piece[1]:
                queue.popleft()

    placed: dict[str, str] = {}
    for cls, orders in zip(problem.classes, places):
        placed.update((a, order_ids[o]) for a, o in zip(cls.members, orders))
    for team, order in zip(problem.teams, flows.team_order):
        if order is not None:
            placed.update((a, order_ids[order]) for a in team.members)
    return placed
