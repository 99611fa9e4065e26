"""The lexicographic matching optimum: a min-cost flow, plus CP-SAT when teams must stay whole.

Without teams the min-cost flow (`match_flow`) is the exact optimum. Teams make the problem a
packing problem. First the flow places the applicants outside teams around teams put greedily
into the places hardship cases leave free; a relaxed flow (teams allowed to split) bounds the
counts, and when the greedy answer reaches the bound its counts are proven. Then CP-SAT, started
from that answer, works one objective level at a time, each stage keeping the optimum of the ones
before as a constraint: 1) hardship applicants placed, 2) team members placed, 3) applicants
placed, 4) road distance, 5) lower order ids. (One stage with dominating weights (N+1)² is exact
too, but fixing that sum afterwards is a knapsack constraint CP-SAT handles badly.) If a stage
stops at the deterministic budget unproven, the later stages are skipped and the applicants
outside teams are re-matched by the exact flow around the best teams found. Days too large for
CP-SAT keep the flow's answer. One worker and a fixed seed make every answer reproducible.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from dispatch.match_flow import SoloFlow, count_bound, order_use, solo_flow
from dispatch.match_problem import MatchProblem

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Flows:
    """How many applicants take each arc of the problem, and which order each team takes."""

    class_hub: tuple[int, ...]
    hub_order: tuple[int, ...]
    team_order: tuple[int | None, ...]
    """Index into `MatchProblem.orders`, or None for a team that stays home."""
    stats: dict


CP_SAT_MAX_VARIABLES = 30_000
"""Above this many arcs and team options CP-SAT cannot prove a day in useful time (a 20,000-applicant
day has ~140,000 and stays unproven after minutes); such days keep the flow's answer, whose counts
the flow bound usually proves."""

_COUNT_STAGES = ("hardship", "team_members", "placed")


def solve_flows(problem: MatchProblem, time_limit_s: float, seed: int) -> Flows:
    """The lexicographic optimum; `stats` says what is proven (`proven_optimal`, `counts_proven`)."""
    started = time.perf_counter()
    size = len(problem.class_hub_arcs) + len(problem.hub_arcs) + sum(len(t.options) for t in problem.teams)
    stats: dict = {"classes": len(problem.classes), "hubs": len(problem.hubs), "teams": len(problem.teams),
                   "variables": size}
    teams = greedy_teams(problem)
    flows = _with_solos(problem, teams, solo_flow(problem, _free_places(problem, teams)), stats)
    if problem.teams:
        bound = count_bound(problem)
        counts = _rank(objective_parts(problem, flows))[:3]
        stats["count_bound"] = (bound.hardship_placed, bound.team_members_placed, bound.placed)
        stats["counts_proven"] = counts == stats["count_bound"]
        if size <= CP_SAT_MAX_VARIABLES:
            proven = dict(zip(_COUNT_STAGES, counts)) if stats["counts_proven"] else {}
            cp_teams, cp_solos = _cp_sat_stages(problem, teams, flows, time_limit_s, seed, stats, proven)
            solos = cp_solos or solo_flow(problem, _free_places(problem, cp_teams))
            found = _with_solos(problem, cp_teams, solos, stats)
            flows = max(flows, found, key=lambda f: _rank(objective_parts(problem, f)))
        else:
            log.warning("matching: %d variables are too many for CP-SAT; teams stay as the flow placed them", size)
    stats["proven_optimal"] = not problem.teams or stats.get("tie_break_status") == "OPTIMAL"
    stats.update(objective_parts(problem, flows), solve_seconds=round(time.perf_counter() - started, 3))
    return flows


def _with_solos(problem: MatchProblem, teams: tuple[int | None, ...], solos: SoloFlow, stats: dict) -> Flows:
    return Flows(solos.class_hub, solos.hub_order, teams, stats)


def _rank(parts: dict) -> tuple[int, int, int, float]:
    """Bigger is better, level by level."""
    return parts["hardship_placed"], parts["team_members_placed"], parts["placed"], -parts["distance_km"]


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
    solo = sum(flows.class_hub)
    hardship = sum(n for n, (c, _) in zip(flows.class_hub, problem.class_hub_arcs) if problem.classes[c].priority)
    metres = sum(a.metres * n for a, n in zip(problem.hub_arcs, flows.hub_order))
    team_members = 0
    for team, order in zip(problem.teams, flows.team_order):
        if order is not None:
            team_members += team.size
            hardship += team.priority_members
            metres += next(o.metres for o in team.options if o.order == order)
    return {"hardship_placed": hardship, "team_members_placed": team_members,
            "placed": solo + team_members, "distance_km": round(metres / 1000, 1)}


def _free_places(problem: MatchProblem, teams: tuple[int | None, ...]) -> list[int]:
    free = [o.workers for o in problem.orders]
    for team, order in zip(problem.teams, teams):
        if order is not None:
            free[order] -= team.size
    return free


class _Model:
    """The CP-SAT variables of one problem, with the objective parts as expressions."""

    def __init__(self, problem: MatchProblem) -> None:
        m = self.model = cp_model.CpModel()
        sizes = [len(c.members) for c in problem.classes]
        hub_supply = [0] * len(problem.hubs)
        for c, h in problem.class_hub_arcs:
            hub_supply[h] += sizes[c]
        self.f = [m.new_int_var(0, sizes[c], "") for c, _ in problem.class_hub_arcs]
        self.g = [m.new_int_var(0, min(problem.orders[a.order].workers, hub_supply[a.hub]), "")
                  for a in problem.hub_arcs]
        self.y = [[m.new_bool_var("") for _ in t.options] for t in problem.teams]

        out_of_class: list[list] = [[] for _ in problem.classes]
        into_hub: list[list] = [[] for _ in problem.hubs]
        out_of_hub: list[list] = [[] for _ in problem.hubs]
        into_order: list[tuple[list, list]] = [([], []) for _ in problem.orders]
        for var, (c, h) in zip(self.f, problem.class_hub_arcs):
            out_of_class[c].append(var)
            into_hub[h].append(var)
        for var, arc in zip(self.g, problem.hub_arcs):
            out_of_hub[arc.hub].append(var)
            into_order[arc.order][0].append(var)
            into_order[arc.order][1].append(1)
        for team, choices in zip(problem.teams, self.y):
            m.add_at_most_one(choices)
            for option, var in zip(team.options, choices):
                into_order[option.order][0].append(var)
                into_order[option.order][1].append(team.size)
        for c, outs in enumerate(out_of_class):
            if len(outs) > 1:
                m.add(cp_model.LinearExpr.sum(outs) <= sizes[c])
        for ins, outs in zip(into_hub, out_of_hub):
            m.add(cp_model.LinearExpr.sum(ins) == cp_model.LinearExpr.sum(outs))
        for order, (variables, coefficients) in zip(problem.orders, into_order):
            if variables:
                m.add(cp_model.LinearExpr.weighted_sum(variables, coefficients) <= order.workers)

        team_vars = [v for choices in self.y for v in choices]
        team_options = [(t, o) for t in problem.teams for o in t.options]
        prio_f = [v for v, (c, _) in zip(self.f, problem.class_hub_arcs) if problem.classes[c].priority]
        ws = cp_model.LinearExpr.weighted_sum
        self.hardship = ws(prio_f + team_vars, [1] * len(prio_f) + [t.priority_members for t, _ in team_options])
        self.team_members = ws(team_vars, [t.size for t, _ in team_options])
        self.placed = ws(self.f + team_vars, [1] * len(self.f) + [t.size for t, _ in team_options])
        self.metres = ws(self.g + team_vars, [a.metres for a in problem.hub_arcs] + [o.metres for _, o in team_options])
        self.order_rank = ws(self.g + team_vars,
                             [a.order for a in problem.hub_arcs] + [o.order * t.size for t, o in team_options])

    def hint(self, problem: MatchProblem, teams: tuple[int | None, ...], solos: SoloFlow) -> None:
        self.model.clear_hints()
        for var, value in zip(self.f + self.g, solos.class_hub + solos.hub_order):
            self.model.add_hint(var, value)
        for team, choices, order in zip(problem.teams, self.y, teams):
            for option, var in zip(team.options, choices):
                self.model.add_hint(var, option.order == order)

    def read(self, problem: MatchProblem, solver: cp_model.CpSolver) -> tuple[tuple[int | None, ...], SoloFlow]:
        teams = tuple(next((o.order for o, v in zip(t.options, choices) if solver.boolean_value(v)), None)
                      for t, choices in zip(problem.teams, self.y))
        solos = SoloFlow(tuple(solver.value(v) for v in self.f), tuple(solver.value(v) for v in self.g))
        return teams, solos


def _cp_sat_stages(
    problem: MatchProblem, teams: tuple[int | None, ...], solos: SoloFlow | Flows,
    time_limit_s: float, seed: int, stats: dict, proven: dict[str, int],
) -> tuple[tuple[int | None, ...], SoloFlow | None]:
    """The teams of the best solution found; the solos too if every stage was proven optimal.

    Stages named in `proven` (already proven optimal at that value by the flow bound) are not
    searched, only kept as constraints."""
    model = _Model(problem)
    stages = (
        ("hardship", model.hardship, True),
        ("team_members", model.team_members, True),
        ("placed", model.placed, True),
        ("distance", model.metres, False),
        ("tie_break", model.order_rank, False),
    )
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = time_limit_s
    for name, _, _ in stages:
        stats[f"{name}_status"] = "SKIPPED"
    for name, objective, maximise in stages:
        if name in proven:
            model.model.add(objective >= proven[name])
            stats[f"{name}_status"] = "PROVEN_BY_FLOW_BOUND"
            continue
        model.hint(problem, teams, solos)
        (model.model.maximize if maximise else model.model.minimize)(objective)
        status = solver.solve(model.model)
        stats[f"{name}_status"] = solver.status_name(status)
        stats[f"{name}_deterministic_time"] = round(solver.deterministic_time, 3)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            log.warning("matching stage %s found no solution (%s); keeping the flow's", name, solver.status_name(status))
            return teams, None
        teams, solos = model.read(problem, solver)
        if status != cp_model.OPTIMAL:
            log.warning("matching stage %s stopped at its budget before proving the optimum", name)
            return teams, None
        best = round(solver.objective_value)
        model.model.add(objective >= best if maximise else objective <= best)
    return teams, solos
