"""The construction phase's own first plan, for the problems `routing.search` covers: its cheapest
insertion (`routing.search.insertion`), timed and handed on as OR-Tools sees it.

Above OWN_FIRST_PLAN_STOPS it is the only construction (OR-Tools' heuristics stall there); below,
it is the fallback when OR-Tools' leave requests out, so the 100-stop searches start as before.
"""

from __future__ import annotations

import logging
import random
import time

from routing.problem import Problem
from routing.search import applies, insert_all, search_for
from routing.solver.budget import Budget
from routing.solver.configs import Config
from routing.solver.model import Model
from routing.solver.plans import Result, must_serve, timed

log = logging.getLogger(__name__)


def inserted_plan(
    problem: Problem, vehicles: list[int], candidates: list[int], config: Config, budget: Budget
) -> Result | None:
    """Every candidate inserted in deadline order on at most the given vehicles, then a short
    descent (the plan as it is, timed here, if the descent finds nothing in its share); None where
    `routing.search` does not apply."""
    if not applies(problem):
        return None
    started = time.monotonic()
    search = search_for(problem, random.Random(config.seed))
    routes, left = insert_all(search, candidates, len(vehicles))
    log.debug(
        "seed %d, insertion: %d routes, %d requests left out in %.2f s",
        config.seed, len(routes), len(left), time.monotonic() - started,
    )
    plan = dict(zip(vehicles, routes))
    model = Model(problem, vehicles, candidates, config, fixed_costs=True, drop_penalty=must_serve(problem))
    found = model.run(plan, budget, share=0.02, metaheuristic=None, phase="after insertion")
    return found if found is not None and found.served == frozenset(candidates) - set(left) else timed(problem, plan)
