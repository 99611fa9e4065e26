"""Min-cost flows over the matching network: the exact match outside teams, and a bound with them.

Without teams, matching is a transportation problem, and a min-cost flow solves it exactly and
fast at any size. The lexicographic order is kept by weights that provably dominate: every unit of
flow earns W_P for a placement plus W_H if it is a hardship case, and pays its distance in 100 m
steps. W_P exceeds the largest possible total distance, and W_H exceeds N·W_P, so one more hardship
placement beats any number of other placements, and one more placement beats any distance saved.

Letting teams split (each member may go to any order the whole team could take) relaxes the
problem, so the best rank of that flow bounds every plan with whole teams: the bound that the
team search (`match_search`) prunes with, and, ignoring distance, a proof of the counts for days
too large for that search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from dispatch.matching.problem import DISTANCE_STEP_M, MatchProblem


@dataclass(frozen=True)
class SoloFlow:
    """Applicants on each class → hub arc and each hub → order arc of the problem."""

    class_hub: tuple[int, ...]
    hub_order: tuple[int, ...]


_SAFE_SCALED_COST = 2**61
"""The solver scales costs by about the node count; beyond this their sums could overflow int64."""


class _Network:
    """Arcs added in batches (each batch's arc indices returned), solved once."""

    def __init__(self) -> None:
        self.tails: list[int] = []
        self.heads: list[int] = []
        self.caps: list[int] = []
        self.costs: list[int] = []
        self.nodes = 2  # 0 is the source, 1 the sink

    SOURCE, SINK = 0, 1

    def new_nodes(self, count: int) -> int:
        """The first of `count` fresh node numbers."""
        first = self.nodes
        self.nodes += count
        return first

    def arcs(self, tails: Sequence[int], heads: Sequence[int], caps: Sequence[int], costs: Sequence[int]) -> range:
        start = len(self.tails)
        self.tails.extend(tails)
        self.heads.extend(heads)
        self.caps.extend(caps)
        self.costs.extend(costs)
        return range(start, len(self.tails))

    def solve(self, supply: int) -> min_cost_flow.SimpleMinCostFlow:
        """Send `supply` units from source to sink (a free source → sink arc lets units stay home)."""
        self.arcs([self.SOURCE], [self.SINK], [supply], [0])
        if max(map(abs, self.costs)) * (self.nodes + 1) >= _SAFE_SCALED_COST:
            raise OverflowError("the matching weights are too large for the flow solver's 64-bit costs")
        network = min_cost_flow.SimpleMinCostFlow()
        network.add_arcs_with_capacity_and_unit_cost(
            *(np.array(values, dtype=np.int64) for values in (self.tails, self.heads, self.caps, self.costs))
        )
        network.set_node_supply(self.SOURCE, supply)
        network.set_node_supply(self.SINK, -supply)
        status = network.solve()
        if status == network.BAD_COST_RANGE:
            raise OverflowError("the matching weights are too large for the flow solver's 64-bit costs")
        if status != network.OPTIMAL:
            raise RuntimeError(f"the matching flow could not be solved (status {status})")
        return network


def _solo_network(problem: MatchProblem, sizes: Sequence[int], capacity: Sequence[int],
                  rewards: Sequence[int], steps: Sequence[int]) -> tuple[_Network, range, range, int]:
    """Source → classes → hubs → orders → sink; returns the network, its two inner arc batches and
    the first order node."""
    net = _Network()
    first_class = net.new_nodes(len(problem.classes))
    first_hub = net.new_nodes(len(problem.hubs))
    first_order = net.new_nodes(len(problem.orders))
    net.arcs([net.SOURCE] * len(sizes), [first_class + c for c in range(len(sizes))], sizes,
             [-r for r in rewards])
    class_hub = net.arcs([first_class + c for c, _ in problem.class_hub_arcs],
                         [first_hub + h for _, h in problem.class_hub_arcs],
                         [sizes[c] for c, _ in problem.class_hub_arcs], [0] * len(problem.class_hub_arcs))
    hub_order = net.arcs([first_hub + a.hub for a in problem.hub_arcs],
                         [first_order + a.order for a in problem.hub_arcs],
                         [max(capacity[a.order], 0) for a in problem.hub_arcs], steps)
    net.arcs([first_order + o for o in range(len(problem.orders))], [net.SINK] * len(problem.orders),
             [max(c, 0) for c in capacity], [0] * len(problem.orders))
    return net, class_hub, hub_order, first_order


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
    rewards = [place_weight + hardship_weight * c.priority for c in problem.classes]
    net, class_hub, hub_order, _ = _solo_network(problem, sizes, capacity, rewards, steps)
    network = net.solve(supply)
    return SoloFlow(
        class_hub=tuple(int(x) for x in network.flows(np.array(class_hub, dtype=np.int64))),
        hub_order=tuple(int(x) for x in network.flows(np.array(hub_order, dtype=np.int64))),
    )


def order_use(problem: MatchProblem, flow: SoloFlow) -> list[int]:
    """Places the flow takes in each order."""
    used = [0] * len(problem.orders)
    for arc, count in zip(problem.hub_arcs, flow.hub_order):
        used[arc.order] += count
    return used


Rank = tuple[int, int, int, int]
"""(hardship placed, team members placed, placed, −distance in 100 m steps): bigger is better."""


@dataclass(frozen=True)
class Relaxed:
    """The best flow when the unassigned teams may split: its rank bounds every whole-team solution."""

    rank: Rank
    solos: SoloFlow
    team_loads: tuple[dict[int, int], ...]
    """Per team: members the flow sends to each order (empty for teams already assigned)."""
    arcs: int
    """Size of the flow network solved: the unit of the search's deterministic budget."""


def relaxed_flow(problem: MatchProblem, assigned: dict[int, int | None], counts_only: bool = False) -> Relaxed:
    """The relaxation with the teams in `assigned` fixed (to an order index, or None: stays home).

    With `counts_only` distance is ignored, which keeps the weights small enough for any day.
    Raises OverflowError when the dominating weights do not fit the flow solver's integers.
    """
    n = problem.applicant_count
    step = 0 if counts_only else DISTANCE_STEP_M
    steps = [a.metres // step if step else 0 for a in problem.hub_arcs]
    legs = [leg // step if step else 0 for t in problem.teams for o in t.options for leg in o.legs]
    place_weight = n * max(steps + legs + [0]) + 1
    team_weight = (n + 1) * place_weight
    hardship_weight = (n + 1) * team_weight

    capacity = [o.workers for o in problem.orders]
    fixed_rank = [0, 0, 0, 0]
    for t, order in assigned.items():
        team = problem.teams[t]
        if order is not None:
            capacity[order] -= team.size
            if capacity[order] < 0:
                raise ValueError(f"teams assigned to order {problem.orders[order].order_id} exceed its places")
            option = next(o for o in team.options if o.order == order)
            fixed_rank = [fixed_rank[0] + team.priority_members, fixed_rank[1] + team.size,
                          fixed_rank[2] + team.size, fixed_rank[3] - option.metres // DISTANCE_STEP_M]
    sizes = [len(c.members) for c in problem.classes]
    rewards = [place_weight + hardship_weight * c.priority for c in problem.classes]
    net, class_hub, hub_order, first_order = _solo_network(problem, sizes, capacity, rewards, steps)

    free = [t for t in range(len(problem.teams)) if t not in assigned]
    group_arcs: list[tuple[int, int, range]] = []  # (team, group, arcs to its options)
    for t in free:
        team = problem.teams[t]
        for g, group in enumerate(team.groups):
            node = net.new_nodes(1)
            net.arcs([net.SOURCE], [node], [group.members],
                     [-(place_weight + team_weight + hardship_weight * group.priority)])
            arcs = net.arcs([node] * len(team.options), [first_order + o.order for o in team.options],
                            [group.members] * len(team.options),
                            [o.legs[g] // step if step else 0 for o in team.options])
            group_arcs.append((t, g, arcs))
    network = net.solve(n)

    all_flows = network.flows(np.arange(len(net.tails), dtype=np.int64))
    solos = SoloFlow(tuple(int(all_flows[i]) for i in class_hub), tuple(int(all_flows[i]) for i in hub_order))
    loads: list[dict[int, int]] = [{} for _ in problem.teams]
    rank = list(fixed_rank)
    for t, g, arcs in group_arcs:
        team, group = problem.teams[t], problem.teams[t].groups[g]
        for option, i in zip(team.options, arcs):
            if sent := int(all_flows[i]):
                loads[t][option.order] = loads[t].get(option.order, 0) + sent
                rank = [rank[0] + sent * group.priority, rank[1] + sent, rank[2] + sent,
                        rank[3] - sent * (option.legs[g] // DISTANCE_STEP_M)]  # true distance, even if ignored
    solo_rank = solo_flow_rank(problem, solos)
    total: Rank = (rank[0] + solo_rank[0], rank[1] + solo_rank[1], rank[2] + solo_rank[2], rank[3] + solo_rank[3])
    return Relaxed(total, solos, tuple(loads), len(net.tails))


def solo_flow_rank(problem: MatchProblem, solos: SoloFlow) -> Rank:
    """The rank of the applicants outside teams alone."""
    hardship = sum(n for n, (c, _) in zip(solos.class_hub, problem.class_hub_arcs) if problem.classes[c].priority)
    steps = sum(n * (a.metres // DISTANCE_STEP_M) for n, a in zip(solos.hub_order, problem.hub_arcs))
    return hardship, 0, sum(solos.class_hub), -steps
