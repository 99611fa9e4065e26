"""Diverse searches in parallel processes, and the one complete search each of them runs."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from multiprocessing import get_all_start_methods, get_context

from routing.params import SolveParams
from routing.problem import Problem
from routing.solution import Route
from routing.solver.budget import Budget
from routing.solver.configs import REDUCE_SHARE, Config
from routing.solver.phases import final_polish, polish_until, shrink
from routing.solver.plans import Plan, Result, Stats


@dataclass(frozen=True)
class Outcome:
    """A search result in plain data, so it can cross a process boundary."""

    routes: tuple[Route, ...]
    served: frozenset[int]
    cost: int
    stats: Stats


def one_search(
    problem: Problem, candidates: list[int], params: SolveParams, config: Config, deadline: float | None,
    start: Plan | None = None,
) -> Outcome:
    """Construct (or start from `start`), reduce vehicles, polish distance: one complete search."""
    budget = Budget(params, deadline)
    result, stats = shrink(problem, candidates, params, config, budget, start)
    if result is None:
        return Outcome((), frozenset(), 0, stats)
    return _outcome(problem, final_polish(problem, result, config, budget), stats)


def first_stage(
    problem: Problem, candidates: list[int], params: SolveParams, config: Config, deadline: float | None,
    start: Plan | None = None,
) -> tuple[Result | None, Stats]:
    """A parallel worker's fleet shrinking, then polishing until REDUCE_SHARE of the budget is spent."""
    budget = Budget(params, deadline)
    result, stats = shrink(problem, candidates, params, config, budget, start)
    if result is not None:
        result = polish_until(problem, result, config, budget, REDUCE_SHARE)
    return result, stats


def last_stage(
    problem: Problem, result: Result, params: SolveParams, config: Config, deadline: float | None
) -> Result:
    """A parallel worker polishes the best first-stage plan with its own operator order."""
    tail = max(1, int((1 - REDUCE_SHARE) * params.solution_limit)) if params.solution_limit else None
    budget = Budget(replace(params, solution_limit=tail), deadline)
    return final_polish(problem, result, config, budget)


def parallel(
    problem: Problem, candidates: list[int], params: SolveParams, configs: list[Config], deadline: float | None,
    start: Plan | None = None,
) -> Outcome:
    """Diverse searches in two stages, the first search here and the others in child processes.

    Every worker shrinks the fleet until REDUCE_SHARE of the budget; then all of them polish the
    best plan (ties: first worker), each with its own operator order, and the best polish wins. A
    lucky elimination thus gets every core's polishing, not just its own worker's.

    Forking is preferred where available: a spawned child re-imports everything and loses about a
    second of a ten-second budget.
    """
    method = "fork" if "fork" in get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=len(configs) - 1, mp_context=get_context(method)) as pool:
        firsts = _run_all(pool, partial(first_stage, start=start), problem, candidates, params, configs, deadline)
        found = [(i, result) for i, (result, _) in enumerate(firsts) if result is not None]
        if not found:
            return Outcome((), frozenset(), 0, firsts[0][1])
        first, chosen = min(found, key=lambda f: (_rank(problem, f[1]), f[0]))
        stats = firsts[first][1]
        lasts = _run_all(pool, last_stage, problem, chosen, params, configs, deadline)
    last = min(range(len(lasts)), key=lambda i: (_rank(problem, lasts[i]), i))
    return _outcome(problem, lasts[last], dict(stats, worker=first, polish_worker=last))


def _run_all[Subject, Found](
    pool: ProcessPoolExecutor,
    stage: Callable[[Problem, Subject, SolveParams, Config, float | None], Found],
    problem: Problem,
    subject: Subject,
    params: SolveParams,
    configs: list[Config],
    deadline: float | None,
) -> list[Found]:
    """`stage` once per config: the first here, the others in the pool's processes."""
    futures = [pool.submit(stage, problem, subject, params, c, deadline) for c in configs[1:]]
    return [stage(problem, subject, params, configs[0], deadline)] + [f.result() for f in futures]


def _rank(problem: Problem, result: Result) -> tuple[int, int]:
    """Fewer mandatory requests left out first, then the full objective."""
    left = [r for i, r in enumerate(problem.requests) if i not in result.served]
    mandatory_left = sum(1 for r in left if r.penalty is None)
    return mandatory_left, result.cost(problem) + sum(r.penalty or 0 for r in left)


def _outcome(problem: Problem, result: Result, stats: Stats) -> Outcome:
    return Outcome(result.routes, frozenset(result.served), result.cost(problem), stats)
