"""The exact match of applicants outside teams, once the teams' orders are fixed: a min-cost flow.

Without teams, matching is a transportation problem, and a min-cost flow solves it exactly and
fast at any size. The lexicographic order is kept by weights that provably dominate: every unit of
flow earns W_P for a placement plus W_H if it is a hardship case, and pays its distance in 100 m
steps. W_P exceeds the largest possible total distance, and W_H exceeds N·W_P, so one more hardship
placement beats any number of other placements, and one more placement beats any distance saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from dispatch.match_problem import DISTANCE_STEP_M, MatchProblem

_SOURCE, _SINK = 0, 1


@dataclass(frozen=True)
class SoloFlow:
    """Applicants on each class → hub arc and each hub → order arc of the problem."""

    class_hub: tuple[int, ...]
    hub_order: tuple[int, ...]


def solo_flow(problem: MatchProblem, capacity: Sequence[int], hardship_only: bool = False) -> SoloFlow:
    """The best flow of the classes into the orders' remaining `capacity` (indexed like problem.orders).

    With `hardship_only`, the other classes stay home: the places hardship cases need come first.
    """
    sizes = [len(c.members) if c.priority or not hardship_only else 0 for c in problem.classes]
    supply = sum(sizes)
    if supply == 0 or not problem.hub_arcs:
        return SoloFlow((0,) * len(problem.class_hub_arcs), (0,) * len(problem.hub_arcs))

    steps = [a.metres // DISTANCE_STEP_M for a in problem.hub_arcs]
    place_weight = supply * max(steps) + 1
    hardship_weight = (supply + 1) * place_weight
    first_class = 2
    first_hub = first_class + len(problem.classes)
    first_order = first_hub + len(problem.hubs)

    tails: list[int] = []
    heads: list[int] = []
    caps: list[int] = []
    costs: list[int] = []

    def arcs(new_tails, new_heads, new_caps, new_costs) -> range:
        start = len(tails)
        tails.extend(new_tails)
        heads.extend(new_heads)
        caps.extend(new_caps)
        costs.extend(new_costs)
        return range(start, len(tails))

    arcs(
        [_SOURCE] * len(sizes),
        [first_class + c for c in range(len(sizes))],
        sizes,
        [-(place_weight + hardship_weight * c.priority) for c in problem.classes],
    )
    class_hub_arcs = arcs(
        [first_class + c for c, _ in problem.class_hub_arcs],
        [first_hub + h for _, h in problem.class_hub_arcs],
        [sizes[c] for c, _ in problem.class_hub_arcs],
        [0] * len(problem.class_hub_arcs),
    )
    hub_order_arcs = arcs(
        [first_hub + a.hub for a in problem.hub_arcs],
        [first_order + a.order for a in problem.hub_arcs],
        [max(capacity[a.order], 0) for a in problem.hub_arcs],
        steps,
    )
    arcs(
        [first_order + o for o in range(len(problem.orders))],
        [_SINK] * len(problem.orders),
        [max(c, 0) for c in capacity],
        [0] * len(problem.orders),
    )
    arcs([_SOURCE], [_SINK], [supply], [0])

    network = min_cost_flow.SimpleMinCostFlow()
    network.add_arcs_with_capacity_and_unit_cost(
        np.array(tails, dtype=np.int64), np.array(heads, dtype=np.int64),
        np.array(caps, dtype=np.int64), np.array(costs, dtype=np.int64),
    )
    network.set_node_supply(_SOURCE, supply)
    network.set_node_supply(_SINK, -supply)
    status = network.solve()
    if status != network.OPTIMAL:
        raise RuntimeError(f"the matching flow could not be solved (status {status})")
    return SoloFlow(
        class_hub=tuple(int(x) for x in network.flows(np.array(class_hub_arcs, dtype=np.int64))),
        hub_order=tuple(int(x) for x in network.flows(np.array(hub_order_arcs, dtype=np.int64))),
    )


def order_use(problem: MatchProblem, flow: SoloFlow) -> list[int]:
    """Places the flow takes in each order."""
    used = [0] * len(problem.orders)
    for arc, count in zip(problem.hub_arcs, flow.hub_order):
        used[arc.order] += count
    return used
