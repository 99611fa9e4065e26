"""Plans as nodes (`Nodes`, for every search here), and the ejection pool loop (`EjectionSearch`,
run on pickup-and-delivery pairs: `routing.search.pairs`).

A route is removed and its requests go into a pool. A request taken from the pool goes where it
fits; if it fits nowhere, it is forced into a route by ejecting up to MAX_EJECTED requests from
that route, chosen so that the ejected have caused the least trouble so far (every request counts
how often it could not be placed). The ejected go back into the pool, and random feasible moves
shake the plan. The route is gone once the pool is empty. (Nagata & Bräysy, "A powerful route
minimization heuristic for the vehicle routing problem with time windows", 2009; Nagata &
Kobayashi, 2010, for pairs.)

Routes are lists of nodes: a request's stops, numbered by `_Data`. Each route keeps its earliest
(forward) and latest (backward) service starts and its load after every stop, so most checks are
constant time.
"""

from __future__ import annotations

import math
import random
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from routing.problem import Problem, Stop

MAX_EJECTED = 5
"""At most this many requests leave a route to make room for one (Nagata & Bräysy use 5)."""
EJECTION_NODES = 20_000
"""Search nodes one route's ejection enumeration may visit: it keeps a long route's subsets of
five from exploding."""
SHAKE_MOVES = 100
"""Random feasible moves tried after each ejection (the paper tries 1000, in C++)."""

StopKey = tuple[int, str]
"""(request index in the problem, 'pickup' or 'delivery'), as the solver's plans name stops."""
Routes = list[list[StopKey]]


@dataclass
class _Data:
    """The instance as flat lists over nodes, then the vehicles' start and their end.

    A single-stop request i is node i; a pair i is nodes 2i (pickup) and 2i + 1 (delivery).
    """

    keys: list[StopKey]
    request: list[int]
    earliest: list[int]
    latest: list[int]
    load: list[int]
    """Load change at the node. A single stop adds its load whether it collects or delivers: a
    route's load is then just their sum."""
    travel: list[list[int]]
    """Service at the first node plus the driving time to the second."""
    distance: list[list[int]]
    capacity: int
    start: int
    end: int

    @classmethod
    def of(cls, problem: Problem, paired: bool) -> _Data:
        keys: list[StopKey] = []
        for i, r in enumerate(problem.requests):
            kinds = ("pickup", "delivery") if paired else ("pickup" if r.pickup else "delivery",)
            keys.extend((i, kind) for kind in kinds)
        stops: list[Stop] = []
        for i, kind in keys:
            stop = problem.requests[i].stop(kind)
            assert stop is not None  # the keys name the stops the requests have
            stops.append(stop)
        loads = [problem.requests[i].load * (-1 if paired and kind == "delivery" else 1) for i, kind in keys]
        vehicle = problem.vehicles[0]
        places = [s.place for s in stops] + [vehicle.start, vehicle.end]
        service = [s.service for s in stops] + [0, 0]
        travel = (problem.duration[places][:, places] + [[s] for s in service]).astype(int)
        distance = (problem.distance[places][:, places] * vehicle.distance_cost).astype(int)
        return cls(
            keys=keys,
            request=[i for i, _ in keys],
            earliest=[s.earliest for s in stops] + [vehicle.earliest] * 2,
            latest=[s.latest for s in stops] + [vehicle.latest] * 2,
            load=[*loads, 0, 0],
            travel=travel.tolist(),
            distance=distance.tolist(),
            capacity=vehicle.capacity,
            start=len(keys),
            end=len(keys) + 1,
        )


class Schedule:
    """A route with its earliest and latest service starts and its load after each node, depots included."""

    def __init__(self, data: _Data, stops: list[int]) -> None:
        self.stops = stops
        self.nodes = nodes = [data.start, *stops, data.end]
        travel, earliest, latest, load = data.travel, data.earliest, data.latest, data.load
        self.load_after = [0]
        for c in stops:
            self.load_after.append(self.load_after[-1] + load[c])
        self.load_after.append(self.load_after[-1])
        self.earliest = [earliest[data.start]]
        for a, b in pairwise(nodes):
            self.earliest.append(max(earliest[b], self.earliest[-1] + travel[a][b]))
        self.latest = [latest[data.end]]
        for a, b in zip(nodes[-2::-1], nodes[:0:-1]):
            self.latest.append(min(latest[a], self.latest[-1] - travel[a][b]))
        self.latest.reverse()

    @property
    def load(self) -> int:
        return self.load_after[-1]


Spot = tuple[int, tuple[int, ...]]
"""Where a request fits: the route's position in the plan, and the gaps in that route its stops
go into (gap g is after the route's g-th stop)."""
Ejection = tuple[int, list[int], list[int]]
"""A request forced into a route: the route's position in the plan, its new stops, and the requests
ejected from it."""


@dataclass
class BestEjection:
    """The least summed trouble of the ejections tried so far, and the ejection that has it (None
    while no ejection beats the starting bound)."""

    trouble: int
    ejection: Ejection | None = None


class Nodes:
    """A problem's requests as nodes (`_Data`), and plans converted to and from their schedules.
    This class numbers single stops; `PairSearch` numbers pairs."""

    paired = False

    def __init__(self, problem: Problem, rng: random.Random) -> None:
        self.data = _Data.of(problem, self.paired)
        self.node_of = {key: n for n, key in enumerate(self.data.keys)}
        self.rng = rng

    def stops_of(self, request: int) -> tuple[int, ...]:
        """The request's nodes in route order: its pickup and delivery, or its single stop."""
        return (2 * request, 2 * request + 1) if self.paired else (request,)

    def schedules_of(self, routes: Routes) -> list[Schedule]:
        """The plan's non-empty routes in this search's nodes."""
        return [Schedule(self.data, [self.node_of[key] for key in r]) for r in routes if r]

    def routes_of(self, schedules: list[Schedule]) -> Routes:
        """`schedules_of` undone: the routes as the solver names stops."""
        return [[self.data.keys[n] for n in s.stops] for s in schedules]


class EjectionSearch(Nodes, ABC):
    """Removes routes from a feasible plan, one at a time, until the budget says stop."""

    def __init__(self, problem: Problem, rng: random.Random) -> None:
        super().__init__(problem, rng)
        self.iterations = 0

    def remove_one_route(self, routes: Routes, out_of_budget: Callable[[int], bool]) -> Routes | None:
        """A feasible plan with one route fewer, or None if the budget ran out first.

        `out_of_budget(iterations)` is asked before each request is taken from the pool.
        """
        data, rng = self.data, self.rng
        schedules = self.schedules_of(routes)
        removed = schedules.pop(rng.randrange(len(schedules)))
        pool = list(dict.fromkeys(data.request[n] for n in removed.stops))
        rng.shuffle(pool)
        trouble = [1] * (max(data.request) + 1)
        while pool:
            if out_of_budget(self.iterations):
                return None
            self.iterations += 1
            request = pool.pop()
            spots = self.insertions(schedules, request)
            if spots:
                k, where = rng.choice(spots)
                schedules[k] = Schedule(data, self.inserted(schedules[k].stops, request, where))
                continue
            trouble[request] += 1
            ejection = self._best_ejection(schedules, request, trouble)
            if ejection is None:
                pool.insert(0, request)
            else:
                k, stops, ejected = ejection
                schedules[k] = Schedule(data, stops)
                pool.extend(ejected)
            self._shake(schedules)
        return self.routes_of(schedules)

    def _best_ejection(self, schedules: list[Schedule], request: int, trouble: list[int]) -> Ejection | None:
        """The route, its new stops and the ejected requests, with the least summed trouble."""
        best = BestEjection(MAX_EJECTED * max(trouble) + 1)
        order = list(range(len(schedules)))
        self.rng.shuffle(order)
        for k in order:
            self._eject_from(k, schedules[k], request, trouble, best)
        return best.ejection

    def _route_pairs(self, count: int) -> Iterator[tuple[int, int]]:
        """SHAKE_MOVES random (from, to) pairs of different routes among `count`, none if fewer than two.

        Draws with `random()`: `int(random() * n)` is `randrange(n)` at a fraction of its cost.
        """
        draw = self.rng.random
        for _ in range(SHAKE_MOVES if count >= 2 else 0):
            a = int(draw() * count)
            yield a, (a + 1 + int(draw() * (count - 1))) % count

    def cheapest(self, schedules: list[Schedule], request: int) -> Spot | None:
        """The feasible place for `request` that lengthens the plan least (the first found among equals)."""
        distance, own = self.data.distance, self.stops_of(request)
        best, cheapest = None, math.inf
        for k, where in self.insertions(schedules, request):
            nodes = schedules[k].nodes
            gap = where[0]
            added, previous = 0, nodes[gap]
            for node, g in zip(own, where):
                if g != gap:  # close the previous gap, open this one
                    added += distance[previous][nodes[gap + 1]] - distance[nodes[gap]][nodes[gap + 1]]
                    gap, previous = g, nodes[g]
                added += distance[previous][node]
                previous = node
            added += distance[previous][nodes[gap + 1]] - distance[nodes[gap]][nodes[gap + 1]]
            if added < cheapest:
                best, cheapest = (k, where), added
        return best

    @abstractmethod
    def insertions(self, schedules: list[Schedule], request: int) -> list[Spot]:
        """Every place in every route where `request` fits as the route stands."""

    @abstractmethod
    def inserted(self, stops: list[int], request: int, where: tuple[int, ...]) -> list[int]:
        """`stops` with the request's stops put into the gaps `where`."""

    @abstractmethod
    def _eject_from(self, k: int, s: Schedule, request: int, trouble: list[int], best: BestEjection) -> None:
        """Put `request` into route `k` by ejecting others, if that beats the `best` so far."""

    @abstractmethod
    def _shake(self, schedules: list[Schedule]) -> None:
        """Random feasible moves between routes."""
