"""The OR-Tools engine: the only module of the project that imports ortools.

One search runs in phases, each a fresh OR-Tools model over a subset of the fleet and requests:
1. construct: a first solution on the whole fleet with droppable requests, then a short descent;
2. fleet search: the metaheuristic on the whole fleet with fixed costs (it empties some routes);
3. reduce: repeatedly empty the smallest route and re-insert its requests into the other used
   vehicles (fixed costs off, a drop penalty that makes insertion always worth it, the search
   stopped as soon as everything is back in); a success saves a vehicle; an attempt that ends a
   request or two short is chased: ruin the plan near a left-over request and re-insert.
   Where it applies (identical vehicles; pairs only, or single stops only), searches outside
   OR-Tools (`routing.ejection`) remove routes before this elimination: for pairs, the first
   worker's ejection-pool search and the second's fleet minimisation by string removal; for
   single stops, that fleet minimisation in every worker (compiled, it beats the ejection search);
4. polish: guided local search on distance over the vehicles kept, every served request mandatory;
   where the ejection search applies, a string-removal search outside OR-Tools runs first
   (`routing.ejection.strings`), in both time-window workers; elsewhere the second worker
   polishes in rounds that each ruin a third of the plan and rebuild it.
Phases 3 and 4 leave fixed costs out of the objective: a huge constant would distort the guided
local search penalty scale. Every phase also has OR-Tools' close-nodes ruin-and-recreate operators.
With `workers > 1` diverse searches run phases 1 to 3 in parallel processes; then every process
polishes the best of their plans, each with its own operator order and ruin size.
Drivers' rest rules are kept afterwards, by re-timing or lightening routes (`routing.rest_repair`).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing import get_all_start_methods, get_context

from ortools.constraint_solver import pywrapcp, routing_enums_pb2
from ortools.util.optional_boolean_pb2 import BOOL_TRUE

from routing import ejection
from routing.params import SolveParams
from routing.precheck import NO_VEHICLE, NOT_WORTH, precheck
from routing.problem import HORIZON, Problem, Request
from routing.rest_repair import with_rests
from routing.solution import Route, Solution, Unassigned, Visit

log = logging.getLogger(__name__)

PICKUP, DELIVERY = "pickup", "delivery"
StopKey = tuple[int, str]
"""(request index in the problem, 'pickup' or 'delivery')."""
Plan = dict[int, list[StopKey]]
"""Vehicle index in the problem → the stops it serves, in order. Only used vehicles appear."""

REDUCE_SHARE = 0.6
"""Vehicle reduction stops starting attempts once this share of the budget is spent: the rest
polishes distance on the fleet that is left."""
STALL_CHECKS_PER_NODE_SQUARED = 50
"""Deterministic mode: a phase ends after 50 × nodes² limit checks (about one per neighbour tried)
without a new solution. It stops, reproducibly, searches whose every neighbour is infeasible."""

DETERMINISTIC_SAFETY_S = 120.0
"""Deterministic mode without a time limit: a phase still stops after this long (then the run is
no longer reproducible; only searches that stop finding solutions get there)."""

CLOSE_NODES_LNS_SIZE = 10
"""The close-nodes ruin-and-recreate operators (off in OR-Tools by default) remove this many stops
near one another and re-insert them. On long tight routes, where nearly every single move is
infeasible, they find what the others cannot (29 hard Li & Lim: 15 -> 19 at the best-known
vehicle count, mean gap 8.9 % -> 4.4 %; CVRP X n <= 200: 4.2 % -> 3.0 %)."""

POLISH_RUIN_SIZE = 20
"""The second worker polishes with ruins this large. Both workers polish the same plan; with the
same ruin size the second one never beat the first (0 of 56 Li & Lim), while larger ruins reach
other local optima, better or worse (from one start, 4 s: lc104 1084 -> 1013, lr202 1250 -> 1302).
Full sets, gap where routes equal best known: Li & Lim 2.94 % -> 1.56 %, Solomon 3.06 % -> 2.70 %."""

STRING_SHARE = 0.75
"""Where the string-removal search polishes, it has this share of what is left; guided local
search the rest."""

RUIN_SHARE = 0.3
"""Iterated polish: each round removes this share of the served requests, those nearest a random
one, and lets a short guided local search re-insert and polish them."""
ROUND_SHARE = 0.1
"""Iterated polish: the budget share of one ruin-and-recreate round (the first polish gets three)."""
ACCEPT_WORSE = 0.1
"""Iterated polish: a rebuilt plan becomes the next round's start if its distance is at most this
much above the best one's (record-to-record travel); only improving on the best is too strict to
leave a deep local optimum (lr210 stays at 1255, against 964 this way)."""

CHASE_LEFT_OVER = 2
"""An elimination attempt that ends at most this many requests short is chased (see `_chase`)."""
CHASE_ROUNDS = 4
CHASE_RUIN = 8
"""A chase round removes this many requests, drawn from the twice as many nearest a left-over one."""
CHASE_SHARE = 0.03
"""The budget share of one chase round."""

FSS = routing_enums_pb2.FirstSolutionStrategy
LSM = routing_enums_pb2.LocalSearchMetaheuristic
METAHEURISTICS = {
    "guided_local_search": LSM.GUIDED_LOCAL_SEARCH,
    "tabu_search": LSM.TABU_SEARCH,
    "simulated_annealing": LSM.SIMULATED_ANNEALING,
}
FLEET_SHARE = 0.3
"""The first phase after construction searches the whole fleet with fixed costs for this share."""
EJECTION_SHARE = 0.5
"""Where `routing.ejection` applies to pairs, the first worker removes routes with its ejection
search until this share of the budget is spent; OR-Tools' elimination then has what is left
until REDUCE_SHARE."""
STRING_FLEET_SHARE = 0.5
"""Where a worker's fleet minimisation by string removal runs (single stops: every worker; pairs:
the second), it runs until this share; OR-Tools' elimination then has what is left until
REDUCE_SHARE."""
EJECTING_FLEET_SHARE = 0.1
"""The fleet search's share where the ejection search (or the string search's fleet minimisation)
follows it: those remove routes far better, and get the time."""


@dataclass(frozen=True)
class _Config:
    """What makes one parallel search differ from another."""

    first_solution: int
    metaheuristic: str
    seed: int
    bandit: bool = False
    """Let a multi-armed bandit order the local search operators (see `_search_parameters`)."""
    polish_ruin_size: int = CLOSE_NODES_LNS_SIZE
    """Stops the close-nodes ruin-and-recreate removes at a time in the polish phase."""
    iterated_polish: bool = False
    """Polish in rounds that each ruin a region of the plan (see `_iterated_polish`)."""
    ejection_search: bool = True
    """Where `routing.ejection` applies to pairs, remove routes with its ejection search (after a
    short fleet search) before OR-Tools' elimination; otherwise, and for single stops always,
    with the string search's fleet minimisation (see `_string_fleet`)."""
    string_polish: bool = False
    """Where `routing.ejection` applies, polish with its string-removal search first (see
    `_string_polish`); it then comes before `iterated_polish`."""


@dataclass(frozen=True)
class _Outcome:
    """A search result in plain data, so it can cross a process boundary."""

    routes: tuple[Route, ...]
    served: frozenset[int]
    cost: int
    stats: dict


def solve(problem: Problem, params: SolveParams) -> Solution:
    """Serve as many requests as possible (mandatory ones first), then minimise the objective.

    The objective is the sum over used vehicles of fixed_cost + distance_cost × distance, plus the
    penalty of every optional request left out. Requests that cannot be served come back in
    `Solution.unassigned` with a reason: too_heavy, unreachable, no_vehicle, not_worth_serving or
    no_room_to_rest.
    """
    started = time.monotonic()
    rejected = precheck(problem)
    candidates = [i for i, r in enumerate(problem.requests) if r.request_id not in rejected]
    deadline = None if params.time_limit_s is None or params.deterministic else started + params.time_limit_s
    configs = _configs(params, problem)
    if not candidates or not problem.vehicles:
        outcome = _Outcome((), frozenset(), 0, {})
    elif len(configs) == 1:
        outcome = _search(problem, candidates, params, configs[0], deadline)
    else:
        outcome = _parallel(problem, candidates, params, configs, deadline)
    unassigned = [rejected[r.request_id] for r in problem.requests if r.request_id in rejected]
    unassigned += [_left_out(problem.requests[i]) for i in candidates if i not in outcome.served]
    cost = outcome.cost + sum(problem.requests[i].penalty or 0 for i in candidates if i not in outcome.served)
    solution = with_rests(problem, Solution(routes=outcome.routes, unassigned=tuple(unassigned), objective=cost))
    return replace(solution, stats=dict(outcome.stats, seconds=round(time.monotonic() - started, 3)))


def _left_out(request: Request) -> Unassigned:
    if request.penalty is None:
        return Unassigned(
            request.request_id,
            NO_VEHICLE,
            f"Request {request.request_id} could be served alone, but the fleet had no room for it.",
        )
    return Unassigned(
        request.request_id,
        NOT_WORTH,
        f"Serving optional request {request.request_id} would cost more than its penalty {request.penalty}.",
    )


def _configs(params: SolveParams, problem: Problem) -> list[_Config]:
    """The first search follows the parameters; the others vary strategy and seed for diversity.

    Without time constraints (CVRP) the second search starts from savings and keeps the chosen
    metaheuristic (CVRP X n <= 200: mean gap 2.96 % -> 2.72 %); with them, savings does not
    suit pickup-and-delivery pairs.
    """
    other = "tabu_search" if params.metaheuristic == "guided_local_search" else "guided_local_search"
    second = (
        _Config(
            FSS.LOCAL_CHEAPEST_INSERTION, other, params.seed + 1,
            bandit=True, polish_ruin_size=POLISH_RUIN_SIZE, iterated_polish=True, ejection_search=False,
            string_polish=True,
        )
        if _has_time_constraints(problem)
        else _Config(FSS.SAVINGS, params.metaheuristic, params.seed + 1, bandit=True, polish_ruin_size=POLISH_RUIN_SIZE)
    )
    variants = [
        _Config(FSS.PARALLEL_CHEAPEST_INSERTION, params.metaheuristic, params.seed, string_polish=True),
        second,
        _Config(FSS.SAVINGS, params.metaheuristic, params.seed + 2),
        _Config(FSS.PATH_CHEAPEST_ARC, other, params.seed + 3, bandit=True),
    ]
    return [variants[i % len(variants)] for i in range(params.workers)]


def _parallel(
    problem: Problem, candidates: list[int], params: SolveParams, configs: list[_Config], deadline: float | None
) -> _Outcome:
    """Diverse searches in two stages, the first search here and the others in child processes.

    Every worker shrinks the fleet until REDUCE_SHARE of the budget; then all of them polish the
    best plan (ties: first worker), each with its own operator order, and the best polish wins. A
    lucky elimination thus gets every core's polishing, not just its own worker's.

    Forking is preferred where available: a spawned child re-imports everything and loses about a
    second of a ten-second budget.
    """
    method = "fork" if "fork" in get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=len(configs) - 1, mp_context=get_context(method)) as pool:
        firsts = _run_all(pool, _first_stage, problem, candidates, params, configs, deadline)
        found = [i for i, (result, _) in enumerate(firsts) if result is not None]
        if not found:
            return _Outcome((), frozenset(), 0, firsts[0][1])
        first = min(found, key=lambda i: (_rank(problem, firsts[i][0]), i))
        chosen, stats = firsts[first]
        lasts = _run_all(pool, _last_stage, problem, chosen, params, configs, deadline)
    last = min(range(len(lasts)), key=lambda i: (_rank(problem, lasts[i]), i))
    return _outcome(problem, lasts[last], dict(stats, worker=first, polish_worker=last))


def _run_all(
    pool: ProcessPoolExecutor,
    stage: Callable,
    problem: Problem,
    subject: object,
    params: SolveParams,
    configs: list[_Config],
    deadline: float | None,
) -> list:
    """`stage` once per config: the first here, the others in the pool's processes."""
    futures = [pool.submit(stage, problem, subject, params, c, deadline) for c in configs[1:]]
    return [stage(problem, subject, params, configs[0], deadline)] + [f.result() for f in futures]


def _rank(problem: Problem, result: _Result) -> tuple[int, int]:
    """Fewer mandatory requests left out first, then the full objective."""
    left = [r for i, r in enumerate(problem.requests) if i not in result.served]
    mandatory_left = sum(1 for r in left if r.penalty is None)
    return mandatory_left, result.cost(problem) + sum(r.penalty or 0 for r in left)


def _outcome(problem: Problem, result: _Result, stats: dict) -> _Outcome:
    return _Outcome(result.routes, frozenset(result.served), result.cost(problem), stats)


class _Budget:
    """Hands out per-phase limits: wall time, or solution counts in deterministic mode."""

    def __init__(self, params: SolveParams, deadline: float | None) -> None:
        self.deadline = deadline
        self.total_solutions = params.solution_limit
        self.solutions_left = params.solution_limit
        self.span = max(0.0, deadline - time.monotonic()) if deadline is not None else 0.0
        self.safety_s = params.time_limit_s or DETERMINISTIC_SAFETY_S

    def exhausted(self) -> bool:
        if self.solutions_left is not None:
            return self.solutions_left <= 0
        return self.deadline is not None and time.monotonic() >= self.deadline

    def limit(self, share: float) -> tuple[float, int | None]:
        """A (seconds, solutions) limit worth `share` of the whole budget (1 = all that is left)."""
        if self.solutions_left is not None:
            wanted = self.solutions_left if share >= 1 else int(share * (self.total_solutions or 0))
            return self.safety_s, max(1, min(self.solutions_left, wanted))
        assert self.deadline is not None
        left = self.deadline - time.monotonic()
        return max(0.01, left if share >= 1 else min(left, share * self.span)), None

    def progress(self, share: float) -> Callable[[int], float]:
        """For a phase worth `share` of the budget that starts now: the share of it spent after
        `done` steps (1 = over). Steps count in deterministic mode, wall time otherwise."""
        started = time.monotonic()
        seconds, steps = self.limit(share)
        return lambda done: done / steps if steps is not None else (time.monotonic() - started) / seconds

    def used(self) -> float:
        """The share of the whole budget spent so far, from 0 to 1."""
        if self.solutions_left is not None:
            return 1 - self.solutions_left / (self.total_solutions or 1)
        assert self.deadline is not None
        return 1 - max(0.0, self.deadline - time.monotonic()) / (self.span or 1)

    def spend(self, solutions: int) -> None:
        if self.solutions_left is not None:
            self.solutions_left -= max(1, solutions)


def _search(
    problem: Problem, candidates: list[int], params: SolveParams, config: _Config, deadline: float | None
) -> _Outcome:
    """Construct, reduce vehicles, polish distance: one complete search."""
    budget = _Budget(params, deadline)
    result, stats = _shrink(problem, candidates, params, config, budget)
    if result is None:
        return _Outcome((), frozenset(), 0, stats)
    return _outcome(problem, _final_polish(problem, result, config, budget), stats)


def _first_stage(
    problem: Problem, candidates: list[int], params: SolveParams, config: _Config, deadline: float | None
) -> tuple[_Result | None, dict]:
    """A parallel worker's fleet shrinking, then polishing until REDUCE_SHARE of the budget is spent."""
    budget = _Budget(params, deadline)
    result, stats = _shrink(problem, candidates, params, config, budget)
    if result is not None:
        result = _polish(problem, result, config, budget, share=REDUCE_SHARE - budget.used())
    return result, stats


def _last_stage(
    problem: Problem, result: _Result, params: SolveParams, config: _Config, deadline: float | None
) -> _Result:
    """A parallel worker polishes the best first-stage plan with its own operator order."""
    tail = max(1, int((1 - REDUCE_SHARE) * params.solution_limit)) if params.solution_limit else None
    budget = _Budget(replace(params, solution_limit=tail), deadline)
    return _final_polish(problem, result, config, budget)


def _final_polish(problem: Problem, result: _Result, config: _Config, budget: _Budget) -> _Result:
    """The config's own way of spending the rest of the budget on distance.

    Where the string-removal search applies, both time-window workers use it, each with its own
    seed: the best of two beat one string search beside the iterated polish (Solomon, 10 s, gap
    where vehicles equal best known: 2.68 % -> 2.21 %; that polish had won 6 of 56, and 0 of 56
    on Li & Lim).
    """
    if config.string_polish and ejection.applies(problem):
        return _string_polish(problem, result, config, budget)
    if config.iterated_polish:
        return _iterated_polish(problem, result, config, budget)
    return _polish(problem, result, config, budget)


def _shrink(
    problem: Problem, candidates: list[int], params: SolveParams, config: _Config, budget: _Budget
) -> tuple[_Result | None, dict]:
    """Phases 1 to 3: a first solution, then as few vehicles as the search can manage."""
    rng = random.Random(config.seed)
    all_vehicles = list(range(len(problem.vehicles)))
    result = _construct(problem, all_vehicles, candidates, config, budget)
    if result is None:
        return None, {"phase_failed": "construct"}
    stats = {"constructed_vehicles": len(result.plan), "reductions": 0, "failed_reductions": 0}
    reducing = params.reduce_vehicles and any(v.fixed_cost > 0 for v in problem.vehicles)
    outside = reducing and ejection.applies(problem)
    ejecting = outside and config.ejection_search and ejection.paired(problem)
    string_fleet = outside and not ejecting
    share = EJECTING_FLEET_SHARE if ejecting or string_fleet else FLEET_SHARE
    result = _fleet_search(problem, result, config, budget, share)
    stats["fleet_search_vehicles"] = len(result.plan)
    if reducing:
        if ejecting:
            result = _eject(problem, result, config, budget, rng, stats)
        elif string_fleet:
            result = _string_fleet(problem, result, config, budget, stats)
        result = _reduce(problem, result, config, budget, rng, stats)
    return result, stats


def _polish(problem: Problem, result: _Result, config: _Config, budget: _Budget, share: float = 1.0) -> _Result:
    """Minimise distance with guided local search on the vehicles kept, for `share` of the budget."""
    if budget.exhausted() or not result.plan or share <= 0:
        return result
    polished = _guided_polish(problem, result.plan, result.served, config, budget, share)
    return polished if polished is not None and polished.cost(problem) <= result.cost(problem) else result


def _guided_polish(
    problem: Problem, plan: Plan, served: Iterable[int], config: _Config, budget: _Budget, share: float
) -> _Result | None:
    """Guided local search on distance from `plan`, on its vehicles, every request in `served` mandatory."""
    model = _Model(
        problem, sorted(plan), sorted(served), config,
        fixed_costs=False, drop_penalty=None, ruin_size=config.polish_ruin_size,
    )
    return model.run(plan, budget, share=share, metaheuristic="guided_local_search", phase="polish")


def _plan_routes(plan: Plan) -> list[list[StopKey]]:
    """The plan's routes by vehicle, lowest first: what a search outside OR-Tools starts from."""
    return [plan[v] for v in sorted(plan)]


def _on_plan_vehicles(plan: Plan, routes: list[list[StopKey]]) -> Plan:
    """Routes from a search outside OR-Tools (as many as `plan` has, or fewer) put on `plan`'s
    vehicles, lowest first."""
    return dict(zip(sorted(plan), routes))


def _string_polish(problem: Problem, result: _Result, config: _Config, budget: _Budget) -> _Result:
    """Shorten routes with the string-removal search for STRING_SHARE of what is left, then
    guided local search for the rest, which also times the routes.

    The string search makes thousands of attempts a second where guided local search on long
    routes accepts a few moves (lr209 from the ejection search's plan: 930.6 after 3 s, the best
    known; guided local search, 1,224 after 4 s). An attempt counts as one solution: in the log,
    and of a deterministic budget.
    """
    if budget.exhausted() or not result.plan:
        return result
    started = time.monotonic()
    progress = budget.progress(STRING_SHARE * (1 - budget.used()))
    strings = ejection.StringSearch(ejection.search_for(problem, random.Random(config.seed)))
    routes = strings.improve(_plan_routes(result.plan), progress)
    budget.spend(strings.iterations)
    log.debug(
        "seed %d, string removal on %d vehicles: %d vehicles; %d solutions in %.2f s",
        config.seed, len(result.plan), len(routes), strings.iterations, time.monotonic() - started,
    )
    found = _guided_polish(problem, _on_plan_vehicles(result.plan, routes), result.served, config, budget, share=1)
    if found is None or found.served != result.served or found.cost(problem) > result.cost(problem):
        return result
    return found


def _iterated_polish(problem: Problem, result: _Result, config: _Config, budget: _Budget) -> _Result:
    """Polish, then ruin a region of the plan and rebuild it, round after round.

    A guided local search on long routes often cannot leave the plan it starts from (lr210: 4 s
    without a gain at 1255, while the same search from a worse plan finds 964). Removing a third
    of the requests, those close together, and re-inserting them gives it other starts; a start
    may be up to ACCEPT_WORSE longer than the best plan, which is what is returned.
    """
    rng = random.Random(config.seed)
    best = current = _polish(problem, result, config, budget, share=3 * ROUND_SHARE)
    penalty = _insertion_penalty(problem)
    while best.served and not budget.exhausted():
        served = sorted(current.served)
        model = _Model(
            problem, sorted(current.plan), served, config,
            fixed_costs=False, drop_penalty=penalty, ruin_size=config.polish_ruin_size,
        )
        ruin = _nearest(problem, current.plan, rng.choice(served), max(1, round(RUIN_SHARE * len(served))))
        found = model.run(
            _without(current.plan, ruin), budget, share=ROUND_SHARE, metaheuristic="guided_local_search", phase="ruin and recreate"
        )
        if found is None or found.served != current.served:
            continue
        longest = (1 + ACCEPT_WORSE) * problem.routes_cost(best.routes, fixed_costs=False)
        if problem.routes_cost(found.routes, fixed_costs=False) <= longest:
            current = found
        if current.cost(problem) < best.cost(problem):
            best = current
    return best


def _nearest(problem: Problem, plan: Plan, around: int, count: int) -> list[int]:
    """The `count` requests in `plan` whose stops are nearest those of request `around`."""
    seed = problem.requests[around]

    def remoteness(i: int) -> int:
        request = problem.requests[i]
        pairs = [(seed.stop(k), request.stop(k)) for k in (PICKUP, DELIVERY)]
        return sum(int(problem.distance[a.place, b.place]) for a, b in pairs if a is not None and b is not None)

    planned = sorted({i for stops in plan.values() for i, _ in stops})
    return sorted(planned, key=lambda i: (remoteness(i), i))[:count]


def _without(plan: Plan, removed: Iterable[int]) -> Plan:
    """`plan` with the stops of the `removed` requests taken out, the others kept in order."""
    gone = set(removed)
    return {v: [key for key in stops if key[0] not in gone] for v, stops in plan.items()}


def _fleet_search(problem: Problem, result: _Result, config: _Config, budget: _Budget, share: float) -> _Result:
    """The whole fleet with its fixed costs under the metaheuristic: it often empties routes by itself."""
    if budget.exhausted():
        return result
    vehicles = list(range(len(problem.vehicles)))
    model = _Model(problem, vehicles, sorted(result.served), config, fixed_costs=True, drop_penalty=_must_serve(problem))
    found = model.run(result.plan, budget, share=share, metaheuristic=config.metaheuristic, phase="fleet search")
    if found is None or found.served != result.served or found.cost(problem) > result.cost(problem):
        return result
    return found


def _construct(
    problem: Problem, vehicles: list[int], candidates: list[int], config: _Config, budget: _Budget
) -> _Result | None:
    """A first solution and a descent; if it leaves requests out, also try a cautious insertion.

    Side constraints the heuristics cannot see (ride limits) can make a parallel insertion fail
    as a whole; sequential cheapest insertion then usually still serves everyone.
    """
    results = []
    strategies = (config.first_solution, FSS.LOCAL_CHEAPEST_INSERTION)
    if any(problem.requests[i].max_ride is not None for i in candidates):
        strategies = strategies[::-1]
    for strategy in dict.fromkeys(strategies):
        model = _Model(problem, vehicles, candidates, replace(config, first_solution=strategy), fixed_costs=True, drop_penalty=_must_serve(problem))
        result = model.run(None, budget, share=0.05, metaheuristic=None, phase="construct")
        if result is not None:
            results.append(result)
            if len(result.served) == len(candidates):
                break
    return min(results, key=lambda r: (-len(r.served), r.cost(problem)), default=None)


def _eject(
    problem: Problem, result: _Result, config: _Config, budget: _Budget, rng: random.Random, stats: dict
) -> _Result:
    """Remove routes of pairs with an ejection pool (`routing.ejection`) until EJECTION_SHARE of the budget.

    Its plan is then handed to OR-Tools for a short descent, which also times the routes. A
    request taken from the pool counts as one solution: in the log, and of a deterministic budget.
    """
    if budget.used() >= EJECTION_SHARE:
        return result
    started = time.monotonic()
    progress = budget.progress(EJECTION_SHARE - budget.used())

    def out_of_budget(done: int) -> bool:
        return progress(done) >= 1

    search = ejection.PairSearch(problem, rng)
    routes = _plan_routes(result.plan)
    fewest = problem.fewest_routes(result.served)
    while len(routes) > fewest and (fewer := search.remove_one_route(routes, out_of_budget)) is not None:
        routes = fewer
    budget.spend(search.iterations)
    log.debug(
        "seed %d, ejection on %d vehicles: %d vehicles, %d requests; %d solutions in %.2f s",
        config.seed, len(result.plan), len(routes), len(result.served), search.iterations, time.monotonic() - started,
    )
    return _with_fewer_routes(problem, result, routes, config, budget, stats, "ejection")


def _string_fleet(problem: Problem, result: _Result, config: _Config, budget: _Budget, stats: dict) -> _Result:
    """Remove routes with the string-removal search's fleet minimisation until STRING_FLEET_SHARE.

    On pairs it runs in the second worker and finds what the first worker's ejection search
    misses on long routes with wide windows (lr207 3 -> 2 and lr112 10 -> 9 within 2 s, where the
    ejection search stayed above). For single stops its attempts are compiled and it runs in every
    worker, each with its own seed: from the fleet search's plans, in 4 s, it reaches the
    best-known counts of R104, R108, R110, RC106 and (one seed of two) R112, where neither search
    in Python removed a route (Solomon, 10 s: 56 of 56 at the best-known count, against 55 with
    the ejection search in the first worker). An attempt counts as one solution.
    """
    if budget.used() >= STRING_FLEET_SHARE:
        return result
    started = time.monotonic()
    progress = budget.progress(STRING_FLEET_SHARE - budget.used())
    strings = ejection.StringSearch(ejection.search_for(problem, random.Random(config.seed)))
    fewest = problem.fewest_routes(result.served)
    routes = strings.fewer_routes(_plan_routes(result.plan), progress, fewest)
    budget.spend(strings.iterations)
    log.debug(
        "seed %d, string fleet minimisation on %d vehicles: %d vehicles; %d solutions in %.2f s",
        config.seed, len(result.plan), len(routes), strings.iterations, time.monotonic() - started,
    )
    return _with_fewer_routes(problem, result, routes, config, budget, stats, "string_fleet")


def _with_fewer_routes(
    problem: Problem, result: _Result, routes: list[list[StopKey]], config: _Config, budget: _Budget, stats: dict, search: str
) -> _Result:
    """`result` with the routes a search outside OR-Tools found, if they are fewer, timed by a short descent."""
    if len(routes) == len(result.plan):
        return result
    stats[f"{search}_reductions"] = len(result.plan) - len(routes)
    plan = _on_plan_vehicles(result.plan, routes)
    model = _Model(problem, sorted(plan), sorted(result.served), config, fixed_costs=False, drop_penalty=None)
    found = model.run(plan, budget, share=0.02, metaheuristic=None, phase=f"after {search.replace('_', ' ')}")
    return found if found is not None and found.served == result.served else result


def _reduce(
    problem: Problem, result: _Result, config: _Config, budget: _Budget, rng: random.Random, stats: dict
) -> _Result:
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
        model = _Model(
            problem, keep, sorted(result.served), config, fixed_costs=False, drop_penalty=_insertion_penalty(problem)
        )
        attempt = model.run(
            start_plan, budget, share=0.08, metaheuristic=config.metaheuristic, phase="elimination", stop_when_complete=True
        )
        if attempt is not None and 0 < len(result.served) - len(attempt.served) <= CHASE_LEFT_OVER:
            attempt = _chase(problem, attempt, result.served, keep, config, budget, rng)
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


def _chase(
    problem: Problem,
    attempt: _Result,
    served: frozenset[int],
    vehicles: list[int],
    config: _Config,
    budget: _Budget,
    rng: random.Random,
) -> _Result:
    """Finish an elimination attempt that ended a request or two short.

    Restarting the search from such a plan does not help (lr104 stayed at 51 of 52); removing
    requests near a left-over one, chosen at random among the nearest, makes room for it. A round
    is kept if it serves no fewer requests.
    """
    penalty = _insertion_penalty(problem)
    for _ in range(CHASE_ROUNDS):
        if attempt.served == served or budget.used() >= REDUCE_SHARE:
            break
        around = rng.choice(sorted(served - attempt.served))
        nearest = _nearest(problem, attempt.plan, around, 2 * CHASE_RUIN)
        start = _without(attempt.plan, rng.sample(nearest, min(CHASE_RUIN, len(nearest))))
        model = _Model(problem, vehicles, sorted(served), config, fixed_costs=False, drop_penalty=penalty)
        found = model.run(
            start, budget, share=CHASE_SHARE, metaheuristic=config.metaheuristic, phase="chase", stop_when_complete=True
        )
        if found is not None and len(found.served) >= len(attempt.served):
            attempt = found
    return attempt


def _must_serve(problem: Problem) -> int:
    """A drop penalty above the cost of any whole solution, so dropping is the last resort."""
    bound = _route_cost_bound(problem)
    return bound * max(1, len(problem.vehicles)) + 1


def _insertion_penalty(problem: Problem) -> int:
    """A drop penalty above any single insertion's cost, so every request that fits gets inserted."""
    max_arc = int(problem.distance.max()) if problem.distance.size else 0
    max_cost = max(v.distance_cost for v in problem.vehicles)
    return 4 * max_arc * max_cost * 10 + 1


def _route_cost_bound(problem: Problem) -> int:
    max_arc = int(problem.distance.max()) if problem.distance.size else 0
    stops = sum(len(r.stops()) for r in problem.requests) + 2
    return max(v.fixed_cost + v.distance_cost * max_arc * stops for v in problem.vehicles)


def _has_time_constraints(problem: Problem) -> bool:
    """False for pure capacity problems (CVRP): a time dimension there only slows every move."""
    if any(r.max_ride is not None for r in problem.requests):
        return True
    if any(v.earliest > 0 or v.latest < HORIZON for v in problem.vehicles):
        return True
    return any(s.earliest > 0 or s.latest < HORIZON for r in problem.requests for s in r.stops())


@dataclass(frozen=True)
class _Result:
    plan: Plan
    routes: tuple[Route, ...]
    served: frozenset[int]

    def cost(self, problem: Problem) -> int:
        return problem.routes_cost(self.routes)


@dataclass(frozen=True)
class _Node:
    place: int
    earliest: int
    latest: int
    service: int
    load: int
    key: StopKey | None


class _Model:
    """One OR-Tools model over some vehicles and requests; translates plans to and from it."""

    def __init__(
        self,
        problem: Problem,
        vehicles: list[int],
        requests: list[int],
        config: _Config,
        *,
        fixed_costs: bool,
        drop_penalty: int | None,
        ruin_size: int = CLOSE_NODES_LNS_SIZE,
    ) -> None:
        self.problem = problem
        self.vehicles = vehicles
        self.config = config
        self.ruin_size = ruin_size
        self.nodes, self.node_of = self._nodes(requests)
        depot_node = {n.place: i for i, n in enumerate(self.nodes) if n.key is None}
        fleet = [problem.vehicles[v] for v in vehicles]
        self.manager = pywrapcp.RoutingIndexManager(
            len(self.nodes), len(fleet), [depot_node[v.start] for v in fleet], [depot_node[v.end] for v in fleet]
        )
        self.routing = pywrapcp.RoutingModel(self.manager)
        self._arc_costs(fleet, fixed_costs)
        self.time = self._time_dimension(fleet) if _has_time_constraints(problem) else None
        self._load_dimension(fleet, requests)
        self._requests(requests, drop_penalty)

    def _nodes(self, requests: list[int]) -> tuple[list[_Node], dict[StopKey, int]]:
        places = sorted({p for v in self.vehicles for p in (self.problem.vehicles[v].start, self.problem.vehicles[v].end)})
        nodes = [_Node(p, 0, 0, 0, 0, None) for p in places]
        node_of: dict[StopKey, int] = {}
        for i in requests:
            request = self.problem.requests[i]
            for kind, stop, sign in ((PICKUP, request.pickup, 1), (DELIVERY, request.delivery, -1)):
                if stop is None:
                    continue
                load = self._load_delta(request, kind, sign)
                node_of[(i, kind)] = len(nodes)
                nodes.append(_Node(stop.place, stop.earliest, stop.latest, stop.service, load, (i, kind)))
        return nodes, node_of

    def _load_delta(self, request: Request, kind: str, sign: int) -> int:
        if request.pickup is None and not self._starts_loaded:
            return request.load  # pure delivery problem: the profile mirrors a collection
        return sign * request.load

    @property
    def _starts_loaded(self) -> bool:
        """Mixed problems with delivery-only requests carry their load from the start."""
        requests = self.problem.requests
        return any(r.pickup is None for r in requests) and any(r.pickup is not None for r in requests)

    def _arc_costs(self, fleet: list, fixed_costs: bool) -> None:
        distance = self.problem.distance
        places = [n.place for n in self.nodes]
        callbacks: dict[int, int] = {}
        for v, vehicle in enumerate(fleet):
            if vehicle.distance_cost not in callbacks:
                matrix = (distance[places][:, places] * vehicle.distance_cost).astype(int).tolist()
                callbacks[vehicle.distance_cost] = self.routing.RegisterTransitMatrix(matrix)
            self.routing.SetArcCostEvaluatorOfVehicle(callbacks[vehicle.distance_cost], v)
            if fixed_costs:
                self.routing.SetFixedCostOfVehicle(vehicle.fixed_cost, v)

    def _time_dimension(self, fleet: list) -> pywrapcp.RoutingDimension:
        places = [n.place for n in self.nodes]
        service = [[n.service] for n in self.nodes]
        matrix = (self.problem.duration[places][:, places] + service).astype(int).tolist()
        horizon = max([n.latest for n in self.nodes] + [v.latest for v in fleet])
        callback = self.routing.RegisterTransitMatrix(matrix)
        self.routing.AddDimension(callback, horizon, horizon, False, "time")
        time_dim = self.routing.GetDimensionOrDie("time")
        for index in range(self.manager.GetNumberOfIndices()):
            node = self.manager.IndexToNode(index)
            if self.nodes[node].key is not None and not self.routing.IsStart(index) and not self.routing.IsEnd(index):
                time_dim.CumulVar(index).SetRange(self.nodes[node].earliest, self.nodes[node].latest)
        for v, vehicle in enumerate(fleet):
            for index in (self.routing.Start(v), self.routing.End(v)):
                time_dim.CumulVar(index).SetRange(vehicle.earliest, vehicle.latest)
        # Finish as early as possible, then leave as late as that allows: no idle hours at the depot.
        for v in range(len(fleet)):
            self.routing.AddVariableMinimizedByFinalizer(time_dim.CumulVar(self.routing.End(v)))
        for v in range(len(fleet)):
            self.routing.AddVariableMaximizedByFinalizer(time_dim.CumulVar(self.routing.Start(v)))
        return time_dim

    def _load_dimension(self, fleet: list, requests: list[int]) -> None:
        callback = self.routing.RegisterUnaryTransitVector([n.load for n in self.nodes])
        capacities = [v.capacity for v in fleet]
        self.routing.AddDimensionWithVehicleCapacity(callback, 0, capacities, not self._starts_loaded, "load")
        self.load = self.routing.GetDimensionOrDie("load")
        if self._starts_loaded and any(self.problem.requests[i].delivery is None for i in requests):
            self._collected_fits(fleet)

    def _collected_fits(self, fleet: list) -> None:
        """Mixed loads: the start load must cover every delivery-only request on the route.

        Net load change over a route is collected − delivered, so requiring the end load to be at
        least what was collected forces the start load to be at least what is delivered.
        """
        collected = [n.load if n.key is not None and self.problem.requests[n.key[0]].delivery is None else 0 for n in self.nodes]
        callback = self.routing.RegisterUnaryTransitVector(collected)
        self.routing.AddDimensionWithVehicleCapacity(callback, 0, [v.capacity for v in fleet], True, "collected")
        collected_dim = self.routing.GetDimensionOrDie("collected")
        solver = self.routing.solver()
        for v in range(len(fleet)):
            end = self.routing.End(v)
            solver.Add(self.load.CumulVar(end) >= collected_dim.CumulVar(end))

    def _requests(self, requests: list[int], drop_penalty: int | None) -> None:
        solver = self.routing.solver()
        for i in requests:
            request = self.problem.requests[i]
            indices = [self.manager.NodeToIndex(self.node_of[(i, k)]) for k in (PICKUP, DELIVERY) if (i, k) in self.node_of]
            penalty = request.penalty if request.penalty is not None else drop_penalty
            if penalty is not None:
                self.routing.AddDisjunction([indices[0]], penalty)
                if len(indices) == 2:
                    self.routing.AddDisjunction([indices[1]], 0)
            if len(indices) == 2:
                pickup, delivery = indices
                self.routing.AddPickupAndDelivery(pickup, delivery)
                solver.Add(self.routing.VehicleVar(pickup) == self.routing.VehicleVar(delivery))
                if self.time is None:
                    continue
                solver.Add(self.time.CumulVar(pickup) <= self.time.CumulVar(delivery))
                if request.max_ride is not None:
                    assert request.pickup is not None
                    ride = self.time.CumulVar(delivery) - self.time.CumulVar(pickup)
                    solver.Add(ride <= request.max_ride + request.pickup.service)

    def _search_parameters(
        self, metaheuristic: str | None, limit: tuple[float, int | None]
    ) -> pywrapcp.DefaultRoutingSearchParameters:
        search = pywrapcp.DefaultRoutingSearchParameters()
        search.first_solution_strategy = self.config.first_solution
        search.local_search_metaheuristic = METAHEURISTICS[metaheuristic] if metaheuristic else LSM.GREEDY_DESCENT
        # The bandit favours the operators that recently improved: on tight pickup-and-delivery
        # windows most of the default operator sequence only yields infeasible moves. It is erratic
        # (lc104 +26 % -> +0.2 %, lrc204 0 % -> +48 %), so only the diverse workers use it.
        search.use_multi_armed_bandit_concatenate_operators = self.config.bandit
        search.guided_local_search_reset_penalties_on_new_best_solution = self.config.bandit
        operators = search.local_search_operators
        operators.use_global_cheapest_insertion_close_nodes_lns = BOOL_TRUE
        operators.use_local_cheapest_insertion_close_nodes_lns = BOOL_TRUE
        search.heuristic_close_nodes_lns_num_nodes = self.ruin_size
        seconds, solutions = limit
        search.time_limit.FromMilliseconds(max(1, int(seconds * 1000)))
        if solutions is not None:
            search.solution_limit = solutions
        return search

    def run(
        self,
        start: Plan | None,
        budget: _Budget,
        *,
        share: float,
        metaheuristic: str | None,
        phase: str,
        stop_when_complete: bool = False,
    ) -> _Result | None:
        """Search from `start` (or from a first-solution heuristic) within `share` of the budget.

        Each run is logged at debug level (`benchmarks/run.py --log-phases`): where a search spends
        its budget and whether a phase improves anything is the first question of any tuning.
        """
        started = time.monotonic()
        limit = budget.limit(share)
        search = self._search_parameters(metaheuristic, limit)
        self.routing.CloseModelWithParameters(search)
        self.routing.solver().ReSeed(self.config.seed)
        counter = _SolutionCounter(self, stop_when_complete)
        self.routing.AddAtSolutionCallback(counter)
        if limit[1] is not None:
            stall_cap = STALL_CHECKS_PER_NODE_SQUARED * len(self.nodes) ** 2
            self.routing.AddSearchMonitor(self.routing.solver().CustomLimit(counter.stalled_after(stall_cap)))
        if start is None:
            assignment = self.routing.SolveWithParameters(search)
        else:
            initial = self.routing.ReadAssignmentFromRoutes(self._routes_as_indices(start), True)
            if initial is None:
                log.debug("start plan rejected by the model")
            assignment = None if initial is None else self.routing.SolveFromAssignmentWithParameters(initial, search)
        budget.spend(counter.count)  # at least one solution's worth, so repeated rejections still end
        result = None if assignment is None else self._extract(assignment)
        if log.isEnabledFor(logging.DEBUG):
            outcome = "nothing found" if result is None else (
                f"{len(result.plan)} vehicles, {len(result.served)} requests, cost {result.cost(self.problem)}"
            )
            log.debug(
                "seed %d, %s on %d vehicles: %s; %d solutions in %.2f s",
                self.config.seed, phase, len(self.vehicles), outcome, counter.count, time.monotonic() - started,
            )
        return result

    def _routes_as_indices(self, plan: Plan) -> list[list[int]]:
        return [
            [self.manager.NodeToIndex(self.node_of[key]) for key in plan.get(v, []) if key in self.node_of]
            for v in self.vehicles
        ]

    def _extract(self, assignment: pywrapcp.Assignment) -> _Result:
        plan: Plan = {}
        routes: list[Route] = []
        served: set[int] = set()
        for v, vehicle_index in enumerate(self.vehicles):
            index = self.routing.Start(v)
            indices = [index]
            while not self.routing.IsEnd(index):
                index = assignment.Value(self.routing.NextVar(index))
                indices.append(index)
            if len(indices) <= 2:
                continue
            keys = [self.nodes[self.manager.IndexToNode(i)].key for i in indices[1:-1]]
            plan[vehicle_index] = [k for k in keys if k is not None]
            served.update(k[0] for k in plan[vehicle_index])
            routes.append(self._route(vehicle_index, indices, assignment))
        return _Result(plan, tuple(routes), frozenset(served))

    def _route(self, vehicle_index: int, indices: list[int], assignment: pywrapcp.Assignment) -> Route:
        """Turn a route of solver indices into visits; times come from the time dimension.

        Loads are recomputed from the requests (not read from the model, whose load dimension may
        mirror a pure delivery problem): the start load is everything delivered without a pickup.
        """
        problem = self.problem
        nodes = [self.nodes[self.manager.IndexToNode(i)] for i in indices]
        keys = [n.key for n in nodes[1:-1] if n.key is not None]
        load = sum(problem.requests[i].load for i, kind in keys if problem.requests[i].pickup is None)
        departure = self._time_at(indices[0], assignment, problem.vehicles[vehicle_index].earliest)
        visits = [Visit("start", nodes[0].place, None, departure, departure, load)]
        distance = 0
        for previous, node, index in zip(nodes, nodes[1:], indices[1:]):
            distance += int(problem.distance[previous.place, node.place])
            arrival = visits[-1].start + previous.service + int(problem.duration[previous.place, node.place])
            if node.key is None:
                visits.append(Visit("end", node.place, None, arrival, arrival, load))
                continue
            request = problem.requests[node.key[0]]
            load += request.load if node.key[1] == PICKUP else -request.load
            start = max(arrival, self._time_at(index, assignment, arrival))
            visits.append(Visit(node.key[1], node.place, request.request_id, arrival, start, load))
        vehicle_id = problem.vehicles[vehicle_index].vehicle_id
        return Route(vehicle_id, tuple(visits), distance, visits[-1].start - visits[0].start)

    def _time_at(self, index: int, assignment: pywrapcp.Assignment, untimed: int) -> int:
        """The scheduled time at `index`, or `untimed` in a model without a time dimension."""
        return untimed if self.time is None else assignment.Value(self.time.CumulVar(index))


class _SolutionCounter:
    """Counts accepted solutions and can stop the search once no request is dropped."""

    def __init__(self, model: _Model, stop_when_complete: bool) -> None:
        self.model = model
        self.stop_when_complete = stop_when_complete
        self.count = 0

        self.checks_since_solution = 0

    def stalled_after(self, cap: int) -> Callable[[], bool]:
        """A limit callback: true once `cap` checks have passed without a new solution."""

        def stalled() -> bool:
            self.checks_since_solution += 1
            return self.checks_since_solution > cap

        return stalled

    def __call__(self) -> None:
        self.count += 1
        self.checks_since_solution = 0
        if self.stop_when_complete and self._all_active():
            self.model.routing.solver().FinishCurrentSearch()

    def _all_active(self) -> bool:
        routing = self.model.routing
        return all(routing.NextVar(i).Value() != i for i in range(routing.Size()) if not routing.IsStart(i))
