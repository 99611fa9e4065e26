"""The phases of one search: construct, fleet search, route elimination (OR-Tools' and the searches
of `routing.search`), and the distance polish. Each takes a plan and a share of the budget and
returns a plan no worse for its purpose."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Iterable
from dataclasses import replace

from routing.params import SolveParams
from routing.problem import Problem
from routing.search import PairSearch, StringSearch, applies, paired, search_for
from routing.solver.budget import Budget
from routing.solver.configs import (
    ACCEPT_WORSE,
    CHASE_LEFT_OVER,
    CHASE_ROUNDS,
    CHASE_RUIN,
    CHASE_SHARE,
    EJECTING_FLEET_SHARE,
    EJECTION_SHARE,
    FLEET_SHARE,
    REDUCE_SHARE,
    ROUND_SHARE,
    RUIN_SHARE,
    STRING_FLEET_SHARE,
    STRING_SHARE,
    Config,
    is_large,
)
from routing.solver.first_plan import inserted_plan
from routing.solver.model import Model
from routing.solver.plans import (
    Plan,
    Result,
    Stats,
    StopKey,
    insertion_penalty,
    must_serve,
    nearest,
    on_plan_vehicles,
    plan_routes,
    timed,
    without,
)

log = logging.getLogger(__name__)


def final_polish(problem: Problem, result: Result, config: Config, budget: Budget) -> Result:
    """The config's own way of spending the rest of the budget on distance.

    Where the string-removal search applies, both time-window workers use it, each with its own
    seed: the best of two beat one string search beside the iterated polish (Solomon, 10 s, gap
    where vehicles equal best known: 2.68 % -> 2.21 %; that polish had won 6 of 56, and 0 of 56
    on Li & Lim).
    """
    if (config.string_polish or is_large(problem)) and applies(problem):
        return string_polish(problem, result, config, budget)
    if config.iterated_polish:
        return iterated_polish(problem, result, config, budget)
    return polish(problem, result, config, budget)


def shrink(
    problem: Problem, candidates: list[int], params: SolveParams, config: Config, budget: Budget,
    start: Plan | None = None,
) -> tuple[Result | None, Stats]:
    """Phases 1 to 3: a first solution (from `start` where it serves more), then as few vehicles as
    the search can manage."""
    rng = random.Random(config.seed)
    all_vehicles = list(range(len(problem.vehicles)))
    result = construct(problem, all_vehicles, candidates, config, budget, start)
    if result is None:
        return None, {"phase_failed": "construct"}
    stats = {"constructed_vehicles": len(result.plan), "reductions": 0, "failed_reductions": 0}
    reducing = params.reduce_vehicles and any(v.fixed_cost > 0 for v in problem.vehicles)
    outside = reducing and applies(problem)
    ejecting = outside and config.ejection_search and paired(problem)
    by_strings = outside and not ejecting
    share = EJECTING_FLEET_SHARE if ejecting or by_strings else FLEET_SHARE
    large = is_large(problem) and outside  # OR-Tools only times plans: see LARGE_STOPS
    result = fleet_search(problem, result, config, budget, 0.0 if large else share)
    stats["fleet_search_vehicles"] = len(result.plan)
    if reducing:
        if ejecting:
            result = eject(problem, result, config, budget, rng, stats, REDUCE_SHARE if large else EJECTION_SHARE)
        elif by_strings:
            result = string_fleet(problem, result, config, budget, stats, REDUCE_SHARE if large else STRING_FLEET_SHARE)
        if not large:
            result = reduce_fleet(problem, result, config, budget, rng, stats)
    return result, stats


def polish_until(problem: Problem, result: Result, config: Config, budget: Budget, until: float) -> Result:
    """Shorter routes until `until` of the budget is spent: by the string search on large problems
    where it applies (see LARGE_STOPS), by guided local search elsewhere."""
    if is_large(problem) and applies(problem):
        return string_polish(problem, result, config, budget, until)
    return polish(problem, result, config, budget, share=until - budget.used())


def polish(problem: Problem, result: Result, config: Config, budget: Budget, share: float = 1.0) -> Result:
    """Minimise distance with guided local search on the vehicles kept, for `share` of the budget."""
    if budget.exhausted() or not result.plan or share <= 0:
        return result
    polished = guided_polish(problem, result.plan, result.served, config, budget, share)
    return polished if polished is not None and polished.cost(problem) <= result.cost(problem) else result


def guided_polish(
    problem: Problem, plan: Plan, served: Iterable[int], config: Config, budget: Budget, share: float
) -> Result | None:
    """Guided local search on distance from `plan`, on its vehicles, every request in `served` mandatory."""
    model = Model(
        problem, sorted(plan), sorted(served), config,
        fixed_costs=False, drop_penalty=None, ruin_size=config.polish_ruin_size,
    )
    return model.run(plan, budget, share=share, metaheuristic="guided_local_search", phase="polish")


def string_polish(problem: Problem, result: Result, config: Config, budget: Budget, until: float = 1.0) -> Result:
    """Shorten routes with the string-removal search for STRING_SHARE of what is left until
    `until` of the budget, then guided local search for the rest, which also times the routes; on
    large problems (see LARGE_STOPS) the string search has it all, and its routes are timed here.

    The string search makes thousands of attempts a second where guided local search on long
    routes accepts a few moves (lr209 from the ejection search's plan: 930.6 after 3 s, the best
    known; guided local search, 1,224 after 4 s). An attempt counts as one solution: in the log,
    and of a deterministic budget.
    """
    if budget.exhausted() or not result.plan:
        return result
    started = time.monotonic()
    large = is_large(problem)
    strings = StringSearch(search_for(problem, random.Random(config.seed)))
    left = until - budget.used()  # after the set-up: seconds at 1000 stops
    progress = budget.progress(left if large else STRING_SHARE * left)
    routes = strings.improve(plan_routes(result.plan), progress)
    budget.spend(strings.iterations)
    log.debug(
        "seed %d, string removal on %d vehicles: %d vehicles; %d solutions in %.2f s",
        config.seed, len(result.plan), len(routes), strings.iterations, time.monotonic() - started,
    )
    plan = on_plan_vehicles(result.plan, routes)
    if large:
        return timed(problem, plan)
    share = 1.0 if until >= 1 else until - budget.used()
    found = guided_polish(problem, plan, result.served, config, budget, share=share)
    if found is None or found.served != result.served or found.cost(problem) > result.cost(problem):
        return result
    return found


def iterated_polish(problem: Problem, result: Result, config: Config, budget: Budget) -> Result:
    """Polish, then ruin a region of the plan and rebuild it, round after round.

    A guided local search on long routes often cannot leave the plan it starts from (lr210: 4 s
    without a gain at 1255, while the same search from a worse plan finds 964). Removing a third
    of the requests, those close together, and re-inserting them gives it other starts; a start
    may be up to ACCEPT_WORSE longer than the best plan, which is what is returned.
    """
    rng = random.Random(config.seed)
    best = current = polish(problem, result, config, budget, share=3 * ROUND_SHARE)
    penalty = insertion_penalty(problem)
    while best.served and not budget.exhausted():
        served = sorted(current.served)
        model = Model(
            problem, sorted(current.plan), served, config,
            fixed_costs=False, drop_penalty=penalty, ruin_size=config.polish_ruin_size,
        )
        ruin = nearest(problem, current.plan, rng.choice(served), max(1, round(RUIN_SHARE * len(served))))
        found = model.run(
            without(current.plan, ruin), budget,
            share=ROUND_SHARE, metaheuristic="guided_local_search", phase="ruin and recreate",
        )
        if found is None or found.served != current.served:
            continue
        longest = (1 + ACCEPT_WORSE) * problem.routes_cost(best.routes, fixed_costs=False)
        if problem.routes_cost(found.routes, fixed_costs=False) <= longest:
            current = found
        if current.cost(problem) < best.cost(problem):
            best = current
    return best


def fleet_search(problem: Problem, result: Result, config: Config, budget: Budget, share: float) -> Result:
    """The whole fleet with its fixed costs under the metaheuristic: it often empties routes by itself."""
    if budget.exhausted() or share <= 0:
        return result
    vehicles = list(range(len(problem.vehicles)))
    model = Model(problem, vehicles, sorted(result.served), config, fixed_costs=True, drop_penalty=must_serve(problem))
    found = model.run(result.plan, budget, share=share, metaheuristic=config.metaheuristic, phase="fleet search")
    if found is None or found.served != result.served or found.cost(problem) > result.cost(problem):
        return result
    return found


def construct(
    problem: Problem, vehicles: list[int], candidates: list[int], config: Config, budget: Budget,
    start: Plan | None = None,
) -> Result | None:
    """A first solution and a descent; if it leaves requests out, also try a cautious insertion.

    Side constraints the heuristics cannot see (ride limits) can make a parallel insertion fail
    as a whole; sequential cheapest insertion then usually still serves everyone. A `start` plan
    (an earlier answer to a related problem) is descended from first; the heuristics run only if
    it leaves requests out, and the plan serving most wins. Where `routing.search` applies, its
    cheapest insertion (`first_plan.inserted_plan`) is the construction above LARGE_STOPS and the
    fallback below it, whenever nothing so far serves every request.
    """
    results = []
    if start:
        model = Model(problem, vehicles, candidates, config, fixed_costs=True, drop_penalty=must_serve(problem))
        result = model.run(start, budget, share=0.05, metaheuristic=None, phase="construct from a start")
        if result is not None:
            if len(result.served) == len(candidates):
                return result
            results.append(result)
    strategies: tuple[str, ...] = (config.first_solution, "local_cheapest_insertion")
    if any(problem.requests[i].max_ride is not None for i in candidates):
        strategies = strategies[::-1]
    if is_large(problem) and applies(problem):
        strategies = ()
    for strategy in dict.fromkeys(strategies):
        model = Model(
            problem, vehicles, candidates, replace(config, first_solution=strategy),
            fixed_costs=True, drop_penalty=must_serve(problem),
        )
        result = model.run(None, budget, share=0.05, metaheuristic=None, phase="construct")
        if result is not None:
            results.append(result)
            if len(result.served) == len(candidates):
                break
    if all(len(r.served) < len(candidates) for r in results):
        own = inserted_plan(problem, vehicles, candidates, config, budget)
        if own is not None:
            results.append(own)
    return min(results, key=lambda r: (-len(r.served), r.cost(problem)), default=None)


def eject(
    problem: Problem, result: Result, config: Config, budget: Budget, rng: random.Random, stats: Stats,
    until: float = EJECTION_SHARE,
) -> Result:
    """Remove routes of pairs with an ejection pool (`routing.search`) until `until` of the budget.

    Its plan is then handed to OR-Tools for a short descent, which also times the routes. A
    request taken from the pool counts as one solution: in the log, and of a deterministic budget.
    """
    if budget.used() >= until:
        return result
    started = time.monotonic()
    progress = budget.progress(until - budget.used())

    def out_of_budget(done: int) -> bool:
        return progress(done) >= 1

    search = PairSearch(problem, rng)
    routes = plan_routes(result.plan)
    fewest = problem.fewest_routes(result.served)
    while len(routes) > fewest and (fewer := search.remove_one_route(routes, out_of_budget)) is not None:
        routes = fewer
    budget.spend(search.iterations)
    log.debug(
        "seed %d, ejection on %d vehicles: %d vehicles, %d requests; %d solutions in %.2f s",
        config.seed, len(result.plan), len(routes), len(result.served), search.iterations, time.monotonic() - started,
    )
    return _with_fewer_routes(problem, result, routes, config, budget, stats, "ejection")


def string_fleet(
    problem: Problem, result: Result, config: Config, budget: Budget, stats: Stats, until: float = STRING_FLEET_SHARE
) -> Result:
    """Remove routes with the string-removal search's fleet minimisation until `until` of the budget.

    On pairs it runs in the second worker and finds what the first worker's ejection search
    misses on long routes with wide windows (lr207 3 -> 2 and lr112 10 -> 9 within 2 s, where the
    ejection search stayed above). For single stops its attempts are compiled and it runs in every
    worker, each with its own seed: from the fleet search's plans, in 4 s, it reaches the
    best-known counts of R104, R108, R110, RC106 and (one seed of two) R112, where neither search
    in Python removed a route (Solomon, 10 s: 56 of 56 at the best-known count, against 55 with
    the ejection search in the first worker). An attempt counts as one solution.
    """
    if budget.used() >= until:
        return result
    started = time.monotonic()
    strings = StringSearch(search_for(problem, random.Random(config.seed)))
    progress = budget.progress(until - budget.used())  # after the set-up: seconds at 1000 stops
    fewest = problem.fewest_routes(result.served)
    routes = strings.fewer_routes(plan_routes(result.plan), progress, fewest)
    budget.spend(strings.iterations)
    log.debug(
        "seed %d, string fleet minimisation on %d vehicles: %d vehicles; %d solutions in %.2f s",
        config.seed, len(result.plan), len(routes), strings.iterations, time.monotonic() - started,
    )
    return _with_fewer_routes(problem, result, routes, config, budget, stats, "string_fleet")


def _with_fewer_routes(
    problem: Problem,
    result: Result,
    routes: list[list[StopKey]],
    config: Config,
    budget: Budget,
    stats: Stats,
    search: str,
) -> Result:
    """`result` with the routes a search outside OR-Tools found, if they are fewer, timed by a short descent."""
    if len(routes) == len(result.plan):
        return result
    stats[f"{search}_reductions"] = len(result.plan) - len(routes)
    plan = on_plan_vehicles(result.plan, routes)
    if is_large(problem):
        return timed(problem, plan)  # no model to build: see LARGE_STOPS
    model = Model(problem, sorted(plan), sorted(result.served), config, fixed_costs=False, drop_penalty=None)
    found = model.run(plan, budget, share=0.02, metaheuristic=None, phase=f"after {search.replace('_', ' ')}")
    return found if found is not None and found.served == result.served else result


def reduce_fleet(
    problem: Problem, result: Result, config: Config, budget: Budget, rng: random.Random, stats: Stats
) -> Result:
    """Empty one route at a time into the others; stop after every route has failed once in a row,
    or when the loads leave no route to spare (the polish then has the time)."""
    failed: set[int] = set()
    fewest = problem.fewest_routes(result.served)
    while len(result.plan) > fewest and budget.used() < REDUCE_SHARE:
        options = [v for v in result.plan if v not in failed]
        if not options:
            break
        target = min(options, key=lambda v: (len(result.plan[v]), rng.random()))
        keep = sorted(v for v in result.plan if v != target)
        start_plan = {v: result.plan[v] for v in keep}
        model = Model(
            problem, keep, sorted(result.served), config, fixed_costs=False, drop_penalty=insertion_penalty(problem)
        )
        attempt = model.run(
            start_plan, budget,
            share=0.08, metaheuristic=config.metaheuristic, phase="elimination", stop_when_complete=True,
        )
        if attempt is not None and 0 < len(result.served) - len(attempt.served) <= CHASE_LEFT_OVER:
            attempt = chase(problem, attempt, result.served, keep, config, budget, rng)
        if attempt is not None and attempt.served == result.served and attempt.cost(problem) < result.cost(problem):
            result = attempt
            failed.clear()
            stats["reductions"] += 1
        else:
            failed.add(target)
            stats["failed_reductions"] += 1
            if len(failed) >= 3:
                break
    return result


def chase(
    problem: Problem,
    attempt: Result,
    served: frozenset[int],
    vehicles: list[int],
    config: Config,
    budget: Budget,
    rng: random.Random,
) -> Result:
    """Finish an elimination attempt that ended a request or two short.

    Restarting the search from such a plan does not help (lr104 stayed at 51 of 52); removing
    requests near a left-over one, chosen at random among the nearest, makes room for it. A round
    is kept if it serves no fewer requests.
    """
    penalty = insertion_penalty(problem)
    for _ in range(CHASE_ROUNDS):
        if attempt.served == served or budget.used() >= REDUCE_SHARE:
            break
        around = rng.choice(sorted(served - attempt.served))
        near = nearest(problem, attempt.plan, around, 2 * CHASE_RUIN)
        start = without(attempt.plan, rng.sample(near, min(CHASE_RUIN, len(near))))
        model = Model(problem, vehicles, sorted(served), config, fixed_costs=False, drop_penalty=penalty)
        found = model.run(
            start, budget, share=CHASE_SHARE, metaheuristic=config.metaheuristic, phase="chase", stop_when_complete=True
        )
        if found is not None and len(found.served) >= len(attempt.served):
            attempt = found
    return attempt
