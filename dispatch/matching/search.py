"""Branch and bound over team choices, each node bounded by a min-cost flow in which teams may split.

With every team fixed, the rest is a flow and exact. Otherwise the relaxed flow (undecided teams
divisible) bounds the rank of every plan below the node; a node whose bound cannot beat the best
plan found is dropped. When the relaxed flow keeps every undecided team whole on one order (or
wholly home), it is itself a plan, the best of its node. Else the largest split team is branched
on: each order it could take (the one the relaxation favoured first), then staying home.
The search is depth-first in a fixed order, so it is reproducible; its budget is deterministic
work (arcs of the flows solved), never the clock, so a stopped search stops at the same place
on every machine.
"""

from __future__ import annotations

from dataclasses import dataclass

from dispatch.matching.flow import Rank, Relaxed, relaxed_flow
from dispatch.matching.problem import MatchProblem


@dataclass(frozen=True)
class SearchResult:
    teams: tuple[int | None, ...]
    rank: Rank
    proven: bool
    """False when the work budget stopped the search early."""
    nodes: int
    work: int
    root_bound: Rank | None
    """The relaxation's rank before any branching: no plan ranks higher (None if never solved)."""


def best_teams(
    problem: MatchProblem, start: tuple[int | None, ...], start_rank: Rank, work_limit: int,
) -> SearchResult:
    """The best team choices, starting from a known plan (`start` with rank `start_rank`);
    `work_limit` caps the summed size (arcs) of the flows the search solves."""
    best, best_rank = start, start_rank
    stack: list[dict[int, int | None]] = [{}]
    nodes = work = 0
    root_bound = None
    while stack:
        if work >= work_limit:
            return SearchResult(best, best_rank, False, nodes, work, root_bound)
        assigned = stack.pop()
        relaxed = relaxed_flow(problem, assigned)
        root_bound = root_bound or relaxed.rank
        nodes += 1
        work += relaxed.arcs
        if relaxed.rank <= best_rank:
            continue
        split = _split_team(problem, assigned, relaxed)
        if split is None:
            best, best_rank = _as_plan(problem, assigned, relaxed), relaxed.rank
            continue
        loads = relaxed.team_loads[split]
        room = _room(problem, assigned)
        options = sorted((o for o in problem.teams[split].options if room[o.order] >= problem.teams[split].size),
                         key=lambda o: (-loads.get(o.order, 0), o.order))
        children = [{**assigned, split: o.order} for o in options] + [{**assigned, split: None}]
        stack.extend(reversed(children))
    return SearchResult(best, best_rank, True, nodes, work, root_bound)


def _split_team(problem: MatchProblem, assigned: dict[int, int | None], relaxed: Relaxed) -> int | None:
    """The largest undecided team the relaxation does not keep whole (lowest index among equals)."""
    split = [
        t for t, team in enumerate(problem.teams)
        if t not in assigned and relaxed.team_loads[t]
        and list(relaxed.team_loads[t].values()) != [team.size]
    ]
    return min(split, key=lambda t: (-problem.teams[t].size, t)) if split else None


def _as_plan(problem: MatchProblem, assigned: dict[int, int | None], relaxed: Relaxed) -> tuple[int | None, ...]:
    return tuple(
        assigned[t] if t in assigned else next(iter(relaxed.team_loads[t]), None)
        for t in range(len(problem.teams))
    )


def _room(problem: MatchProblem, assigned: dict[int, int | None]) -> list[int]:
    """Places each order has left after the teams already assigned."""
    room = [o.workers for o in problem.orders]
    for t, order in assigned.items():
        if order is not None:
            room[order] -= problem.teams[t].size
    return room
