"""`solve`: the requests no vehicle could ever serve set aside, one search or several in parallel on
the rest, then every route made to keep its driver's rests, and what was left out put back where it
still fits."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

from routing.params import SolveParams
from routing.precheck import precheck
from routing.problem import Problem, Request
from routing.reasons import NO_VEHICLE, NOT_WORTH
from routing.solution import Route, Solution, Unassigned
from routing.solver.configs import WRAP_UP_SHARE, configs
from routing.solver.parallel import Outcome, one_search, parallel
from routing.solver.plans import plan_of
from routing.timing import reinsert, with_rests


def solve(problem: Problem, params: SolveParams, start: Sequence[Route] = ()) -> Solution:
    """Serve as many requests as possible (mandatory ones first), then minimise the objective.

    `start`, routes of an earlier answer (of this problem or a related one: stops the problem does
    not have are ignored), is where the search begins when it serves at least as many requests as
    the search's own first solution would.

    The objective is the sum over used vehicles of fixed_cost + distance_cost × distance, plus the
    penalty of every optional request left out. Requests that cannot be served come back in
    `Solution.unassigned` with a reason: too_heavy, unreachable, no_vehicle, not_worth_serving or
    no_room_to_rest.
    """
    started = time.monotonic()
    rejected = precheck(problem)
    candidates = [i for i, r in enumerate(problem.requests) if r.request_id not in rejected]
    searching = None if params.time_limit_s is None else params.time_limit_s * (1 - WRAP_UP_SHARE)
    deadline = None if searching is None or params.deterministic else started + searching
    workers = configs(params, problem)
    begin = plan_of(problem, start) or None
    if not candidates or not problem.vehicles:
        outcome = Outcome((), frozenset(), 0, {})
    elif len(workers) == 1:
        outcome = one_search(problem, candidates, params, workers[0], deadline, begin)
    else:
        outcome = parallel(problem, candidates, params, workers, deadline, begin)
    unassigned = [rejected[r.request_id] for r in problem.requests if r.request_id in rejected]
    unassigned += [_left_out(problem.requests[i]) for i in candidates if i not in outcome.served]
    cost = outcome.cost + sum(problem.requests[i].penalty or 0 for i in candidates if i not in outcome.served)
    solution = with_rests(problem, Solution(routes=outcome.routes, unassigned=tuple(unassigned), objective=cost))
    solution = reinsert(problem, solution)
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
