"""Route elimination and shorter routes outside OR-Tools, on identical vehicles and mandatory
requests without ride limits, either pairs only or single stops of one kind (collections or
deliveries) only.

OR-Tools' elimination stays in feasible space, and on tight windows (Solomon R1/RC1, Li & Lim
lr1/lrc1) its attempts end a request or two short. Two searches here keep every plan feasible, so
a stop at any time loses nothing:
- the ejection pool (`routing.search.pool`, pairs only: `routing.search.pairs`) forces
  requests in by ejecting others;
- the string-removal search (`routing.search.strings`) ruins and recreates, for shorter routes
  or fewer; for single stops its attempts are compiled (`routing.search.compiled`).
They start from any feasible plan, and `routing.search.insertion` makes one in a sweep where
OR-Tools' first-solution heuristics stall (hundreds of pairs).
"""

from __future__ import annotations

import random

from routing.problem import Problem
from routing.search.insertion import insert_all
from routing.search.pairs import PairSearch
from routing.search.pool import EjectionSearch, Nodes, Routes
from routing.search.strings import StringSearch

__all__ = [
    "EjectionSearch", "Nodes", "PairSearch", "Routes", "StringSearch", "applies", "insert_all", "paired", "search_for",
]


def applies(problem: Problem) -> bool:
    """True where this search is valid: see the module docstring."""
    vehicles, requests = problem.vehicles, problem.requests
    if not vehicles or not requests:
        return False
    first = vehicles[0]
    same_fleet = all(
        (v.start, v.end, v.capacity, v.earliest, v.latest, v.rest_rule, v.max_driving)
        == (first.start, first.end, first.capacity, first.earliest, first.latest, None, None)
        for v in vehicles
    )
    mandatory = all(r.max_ride is None and r.penalty is None for r in requests)
    shapes = {(r.pickup is not None, r.delivery is not None) for r in requests}
    return same_fleet and mandatory and len(shapes) == 1


def search_for(problem: Problem, rng: random.Random) -> Nodes:
    """This problem's requests as nodes, for a `StringSearch` (`applies` must hold): on pairs the
    pair search, whose scans the string search uses; on single stops just the nodes, as the
    compiled attempts do their own scans."""
    return PairSearch(problem, rng) if paired(problem) else Nodes(problem, rng)


def paired(problem: Problem) -> bool:
    """True where the requests are pickup-and-delivery pairs (`applies` must hold)."""
    return problem.requests[0].pickup is not None and problem.requests[0].delivery is not None
