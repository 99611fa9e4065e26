"""The lexicographic matching optimum: min-cost flows, and a branch and bound for whole teams.

Without teams the min-cost flow (`match_flow.solo_flow`) is the exact optimum. Teams make the
problem a packing problem: a greedy start (teams, most hardship members and largest first, take
the nearest order with room after the places hardship cases need; the flow places everyone else)
is improved by `match_search.best_teams` until proven optimal or the budget ends. Where the
search's weights would not fit 64-bit costs (tens of thousands of applicants), the counts are
still checked against the relaxed flow's bound (`stats["count_bound"]`), which usually proves them.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from dispatch.matching.flow import (
    DISTANCE_STEP_M,
    Rank,
    SoloFlow,
    order_use,
    relaxed_flow,
    solo_flow,
    solo_flow_rank,
)
from dispatch.matching.problem import MatchProblem
from dispatch.matching.search import best_teams

log = logging.getLogger(__name__)

WORK_PER_SECOND = 100_000
"""Flow arcs the team search solves per second of `time_limit_s` (measured: about 150,000 per CPU
second, network building included), so the budget is deterministic yet reads as seconds."""


@dataclass(frozen=True)
class Flows:
    """How many applicants take each arc of the problem, and which order each team takes."""

    class_hub: tuple[int, ...]
    hub_order: tuple[int, ...]
    team_order: tuple[int | None, ...]
    """Index into `MatchProblem.orders`, or None for a team that stays home."""
    stats: dict


def solve_flows(problem: MatchProblem, time_limit_s: float) -> Flows:
    """The lexicographic optimum; `stats` says whether it is proven (`proven_optimal`, `counts_proven`)."""
    started = time.perf_counter()
    stats: dict = {"classes": len(problem.classes), "hubs": len(problem.hubs),
                   "arcs": len(problem.class_hub_arcs) + len(problem.hub_arcs), "teams": len(problem.teams)}
    teams = greedy_teams(problem)
    solos = solo_flow(problem, _free_places(problem, teams))
    stats["proven_optimal"] = not problem.teams
    if problem.teams:
        stats["count_bound"] = relaxed_flow(problem, {}, counts_only=True).rank[:3]
        try:
            found = best_teams(problem, teams, plan_rank(problem, teams, solos), round(time_limit_s * WORK_PER_SECOND))
        except OverflowError:
            log.warning("matching: too many applicants for the exact team search; teams stay as placed greedily")
        else:
            if not found.proven:
                log.warning("matching: the team search stopped at its budget before proving the optimum")
            stats.update(search_nodes=found.nodes, search_work=found.work, proven_optimal=found.proven)
            if found.teams != teams:
                teams = found.teams
                solos = solo_flow(problem, _free_places(problem, teams))
            if found.root_bound and found.root_bound[:3] == found.rank[:3]:
                stats["distance_gap_km"] = (found.root_bound[3] - found.rank[3]) * DISTANCE_STEP_M / 1000
        stats["counts_proven"] = stats["proven_optimal"] or plan_rank(problem, teams, solos)[:3] == stats["count_bound"]
    if min(_free_places(problem, teams), default=0) < 0:
        raise RuntimeError("matching put teams on an order beyond its places (a bug, please report it)")
    flows = Flows(solos.class_hub, solos.hub_order, teams, stats)
    stats.update(objective_parts(problem, flows), solve_seconds=round(time.perf_counter() - started, 3))
    return flows


def plan_rank(problem: MatchProblem, teams: tuple[int | None, ...], solos: SoloFlow) -> Rank:
    """The rank of a whole plan: (hardship, team members, placed, −distance in 100 m steps)."""
    hardship, _, placed, steps = solo_flow_rank(problem, solos)
    team_members = 0
    for team, order in zip(problem.teams, teams):
        if order is not None:
            hardship += team.priority_members
            team_members += team.size
            steps -= next(o.metres for o in team.options if o.order == order) // DISTANCE_STEP_M
    return hardship, team_members, placed + team_members, steps


def greedy_teams(problem: MatchProblem) -> tuple[int | None, ...]:
    """A good start: teams (most hardship members, then largest, first) take the nearest order
    that still has room for them after the places hardship cases outside teams need."""
    capacity = [o.workers for o in problem.orders]
    hardship = order_use(problem, solo_flow(problem, capacity, hardship_only=True))
    free = [c - h for c, h in zip(capacity, hardship)]
    chosen: list[int | None] = [None] * len(problem.teams)
    for t in sorted(range(len(problem.teams)), key=lambda t: (-problem.teams[t].priority_members,
                                                              -problem.teams[t].size, t)):
        team = problem.teams[t]
        fitting = [o for o in team.options if free[o.order] >= team.size]
        if fitting:
            best = min(fitting, key=lambda o: (o.metres, o.order))
            free[best.order] -= team.size
            chosen[t] = best.order
    return tuple(chosen)


def objective_parts(problem: MatchProblem, flows: Flows) -> dict:
    """Hardship placed, team members placed, placed, and road km of a solution."""
    hardship, team_members, placed, steps = plan_rank(
        problem, flows.team_order, SoloFlow(flows.class_hub, flows.hub_order))
    return {"hardship_placed": hardship, "team_members_placed": team_members, "placed": placed,
            "distance_km": round(-steps * DISTANCE_STEP_M / 1000, 1)}


def _free_places(problem: MatchProblem, teams: tuple[int | None, ...]) -> list[int]:
    free = [o.workers for o in problem.orders]
    for team, order in zip(problem.teams, teams):
        if order is not None:
            free[order] -= team.size
    return free
