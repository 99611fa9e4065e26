"""The solver's tuning, each constant with what it was measured to do, and what makes one parallel
worker's search differ from another's."""

from __future__ import annotations

from dataclasses import dataclass

from routing.params import SolveParams
from routing.problem import Problem

FirstSolution = str
"""An OR-Tools first-solution strategy by name: a key of `routing.solver.model.FIRST_SOLUTIONS`."""

WRAP_UP_SHARE = 0.02
"""The searches stop this share of the time limit early: reading their plans back, re-timing
them for the drivers' rests and ending the worker processes take the rest (at 60 and 120 s, runs
ended 0.4-1.6 s late without it)."""

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
"""An elimination attempt that ends at most this many requests short is chased (see `chase`)."""

CHASE_ROUNDS = 4

CHASE_RUIN = 8
"""A chase round removes this many requests, drawn from the twice as many nearest a left-over one."""

CHASE_SHARE = 0.03
"""The budget share of one chase round."""

LARGE_STOPS = 300
"""Above this many stops, where `routing.search` applies, OR-Tools only times plans: its
first-solution heuristics find nothing in their 5 % at 1000 stops (lrc1_10_2, rc1_10_3, 30 s)
and spend 3-6 s of a 60 s budget at 400 for plans no better in vehicles than the insertion of
`routing.search` (lr2_4_7: 10 routes against 8; r1_4_2: 41 against 36; lc1_4_4: 34 against 36),
its guided local search makes a few moves a phase (rc1_10_3, 30 s: 3 solutions in 15 s, 7 in
the 3 s fleet search), and its route elimination ends requests short (lrc1_10_2: 520 and 521 of
523 in 2.5-2.8 s). There the first plan is that insertion, the fleet search and OR-Tools'
elimination are left out (the ejection or string search removes routes until REDUCE_SHARE), and
the string search polishes. Below it (lr1_2_3: 17 routes against 18) OR-Tools'
construction stays first, and the 100-stop searches run as they did."""


def is_large(problem: Problem) -> bool:
    """More stops than LARGE_STOPS."""
    return sum(len(r.stops()) for r in problem.requests) > LARGE_STOPS


FLEET_SHARE = 0.3
"""The first phase after construction searches the whole fleet with fixed costs for this share."""

EJECTION_SHARE = 0.5
"""Where `routing.search` applies to pairs, the first worker removes routes with its ejection
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
class Config:
    """What makes one parallel search differ from another."""

    first_solution: FirstSolution
    metaheuristic: str
    seed: int
    bandit: bool = False
    """Let a multi-armed bandit order the local search operators (see `_search_parameters`)."""
    polish_ruin_size: int = CLOSE_NODES_LNS_SIZE
    """Stops the close-nodes ruin-and-recreate removes at a time in the polish phase."""
    iterated_polish: bool = False
    """Polish in rounds that each ruin a region of the plan (see `iterated_polish`)."""
    ejection_search: bool = True
    """Where `routing.search` applies to pairs, remove routes with its ejection search (after a
    short fleet search) before OR-Tools' elimination; otherwise, and for single stops always,
    with the string search's fleet minimisation (see `string_fleet`)."""
    string_polish: bool = False
    """Where `routing.search` applies, polish with its string-removal search first (see
    `string_polish`); it then comes before `iterated_polish`."""


def configs(params: SolveParams, problem: Problem) -> list[Config]:
    """The first search follows the parameters; the others vary strategy and seed for diversity.

    Without time constraints (CVRP) the second search starts from savings and keeps the chosen
    metaheuristic (CVRP X n <= 200: mean gap 2.96 % -> 2.72 %); with them, savings does not
    suit pickup-and-delivery pairs.
    """
    other = "tabu_search" if params.metaheuristic == "guided_local_search" else "guided_local_search"
    second = (
        Config(
            "local_cheapest_insertion", other, params.seed + 1,
            bandit=True, polish_ruin_size=POLISH_RUIN_SIZE, iterated_polish=True, ejection_search=False,
            string_polish=True,
        )
        if problem.has_time_constraints()
        else Config("savings", params.metaheuristic, params.seed + 1, bandit=True, polish_ruin_size=POLISH_RUIN_SIZE)
    )
    variants = [
        Config("parallel_cheapest_insertion", params.metaheuristic, params.seed, string_polish=True),
        second,
        Config("savings", params.metaheuristic, params.seed + 2),
        Config("path_cheapest_arc", other, params.seed + 3, bandit=True),
    ]
    return [variants[i % len(variants)] for i in range(params.workers)]
