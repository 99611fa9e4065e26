"""Shorter routes, and fewer: slack induction by string removals.

On long pickup-and-delivery routes OR-Tools' guided local search accepts a few moves a second and
stalls in deep local optima (lr209 from the ejection search's plan: 1,547 -> 1,224 in 4 s; best
known 930.6). This search removes a few strings of consecutive stops from routes near a random
request, puts each removed request back at its cheapest feasible place, and accepts the new plan
by simulated annealing (Christiaens & Vanden Berghe, "Slack induction by string removals for
vehicle routing problems", 2020). Removing a stop removes its whole request, so a pair leaves and
returns together. Every plan it holds is feasible: an attempt that cannot put every request back
is dropped. It never opens a route; a route it empties is gone, which the ranking prefers.

For single stops (VRPTW, CVRP) `improve` makes its attempts in compiled code
(`routing.search.compiled`), 30 to 40 times as many in the same time; pairs stay in Python.

The same ruin and recreate also removes routes (`StringSearch.fewer_routes`, the paper's fleet
minimisation): there, requests that fit nowhere stay out, and the search works to put them in.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray

from routing.search import compiled
from routing.search.pool import EjectionSearch, Nodes, Routes, Schedule

MEAN_REMOVED = 10
"""About this many stops are removed per attempt (the paper's c-bar)."""
LONGEST_STRING = 10
"""No string is longer than this, nor than a route's mean stop count (the paper's L-max)."""
START_TEMPERATURE = 0.04
"""The annealing starts at this share of the start plan's length and cools linearly to zero: a
plan 4 % longer is then accepted with probability 1/e. From OR-Tools' polished plans 1 % is too
cold to leave their local optimum (lr209, 3 s, two seeds: 1,103 and 1,131 at 1 %; 930.6 twice at
4 %; best known 930.6)."""
TEMPERATURE_STOPS = 110
"""Beyond this many stops (the most a 100-stop benchmark has) the start temperature is divided by
stops / TEMPERATURE_STOPS: an attempt moves a few stops whatever the plan's size, so what it may
lose should be a share of a stretch of route, not of the whole plan. At 1000 stops 4 % of the
plan is about 100 legs: the search then wanders (rc1_10_3, 30 s, 90 routes: 60,182 undivided,
49,125 divided; PyVRP 47,962)."""
COMPILED_CHUNK = 200
"""Compiled attempts run this many at a time between looks at the budget (about a millisecond)."""


class StringSearch:
    """Ruin and recreate over feasible plans of pairs (in Python, with the pair search's scans) or
    single stops (compiled)."""

    def __init__(self, search: Nodes) -> None:
        self.search = search
        self.data = search.data
        self.rng = search.rng
        self.iterations = 0
        self.neighbours = self._neighbours()

    def _neighbours(self) -> list[list[int]]:
        """For every request, all requests from the nearest (itself) to the farthest.

        Nearness is the distance between first stops plus that between last stops.
        """
        distance = np.array(self.data.distance, dtype=np.int64)
        ends = np.array([self.search.stops_of(r) for r in range(max(self.data.request) + 1)])
        first, last = ends[:, 0], ends[:, -1]
        apart = distance[np.ix_(first, first)] + distance[np.ix_(last, last)]
        # A stable sort keeps equals in request order: the lists are those of sorting by (apart, j).
        nearest_first: list[list[int]] = np.argsort(apart, axis=1, kind="stable").tolist()
        return nearest_first

    def improve(self, routes: Routes, progress: Callable[[int], float]) -> Routes:
        """The shortest plan found from `routes` (never one with more routes).

        `progress(iterations)` is the share of the budget spent, asked before every attempt (before
        every COMPILED_CHUNK attempts for single stops); the search stops at 1 and cools with it.
        """
        if not self.search.paired:
            return self._improve_compiled(routes, progress)
        rng = self.rng
        current = self.search.schedules_of(routes)
        current_length = self._length(current)
        best, best_rank = current, (len(current), current_length)
        scale = self._start_temperature(current_length)
        while current and (spent := progress(self.iterations)) < 1:
            self.iterations += 1
            candidate = self._rebuilt(current)
            if candidate is None:
                continue
            length = self._length(candidate)
            threshold = current_length - scale * (1 - spent) * math.log(1 - rng.random())
            if len(candidate) < len(current) or length < threshold:
                current, current_length = candidate, length
                if (len(current), length) < best_rank:
                    best, best_rank = current, (len(current), length)
        return self.search.routes_of(best)

    def _start_temperature(self, length: int) -> float:
        """START_TEMPERATURE of the plan's `length`, scaled down beyond TEMPERATURE_STOPS."""
        return START_TEMPERATURE * length / max(1.0, len(self.data.keys) / TEMPERATURE_STOPS)

    def _improve_compiled(self, routes: Routes, progress: Callable[[int], float]) -> Routes:
        """`improve` for single stops, with the attempts in `compiled` (the same ruin, recreate and
        acceptance), COMPILED_CHUNK at a time."""
        if not any(routes):
            return routes
        plan, best, instance = self._compiled(routes)
        scale = self._start_temperature(int(plan[3].sum()))
        while (spent := progress(self.iterations)) < 1:
            compiled.attempts(COMPILED_CHUNK, scale * (1 - spent), plan, best, instance)
            self.iterations += COMPILED_CHUNK
        return self._routes_of(best)

    def _fewer_routes_compiled(self, routes: Routes, progress: Callable[[int], float], fewest: int) -> Routes:
        """`fewer_routes` for single stops, with the attempts in `compiled`."""
        plan, best, instance = self._compiled(routes)
        requests = len(self.neighbours)
        out, out_count, absences = np.empty(requests, np.int64), np.zeros(1, np.int64), np.zeros(requests, np.int64)
        while progress(self.iterations) < 1:
            made = compiled.fleet_attempts(COMPILED_CHUNK, plan, best, instance, out, out_count, absences, fewest)
            self.iterations += made
            if made < COMPILED_CHUNK:
                break  # down to `fewest`
        return self._routes_of(plan if out_count[0] == 0 else best)

    def _compiled(self, routes: Routes) -> tuple[compiled.Plan, compiled.Plan, compiled.Instance]:
        """The plan, a copy to keep the best in, and the instance, as `compiled` takes them; and
        its generator seeded from ours."""
        data = self.data
        distance = np.array(data.distance, dtype=np.int64)
        plan = _plan_arrays(self.search.schedules_of(routes), len(data.keys) + 2, distance)
        instance: compiled.Instance = (
            np.array(data.travel, dtype=np.int64), distance,
            np.array(data.earliest, dtype=np.int64), np.array(data.latest, dtype=np.int64),
            np.array(data.load, dtype=np.int64), data.capacity, np.array(self.neighbours, dtype=np.int64),
            MEAN_REMOVED, LONGEST_STRING,
        )
        compiled.seed(self.rng.randrange(2**32))
        nodes, size, load, length, early, late = plan
        return plan, (nodes.copy(), size.copy(), load.copy(), length.copy(), early.copy(), late.copy()), instance

    def _routes_of(self, plan: compiled.Plan) -> Routes:
        """The non-empty routes of a compiled plan, as the solver names stops."""
        nodes, size, keys = plan[0], plan[1], self.data.keys
        return [[keys[n] for n in nodes[k, 1 : size[k] + 1]] for k in range(len(size)) if size[k]]

    def _rebuilt(self, schedules: list[Schedule]) -> list[Schedule] | None:
        """`schedules` with some strings removed and their requests put back, or None if one does not fit."""
        removed, ruined = self._ruin(schedules)
        rebuilt, left = self._recreated(self._without(schedules, removed, ruined), removed, give_up=True)
        return None if left else rebuilt

    def fewer_routes(self, routes: Routes, progress: Callable[[int], float], fewest: int = 1) -> Routes:
        """The complete plan with the fewest routes found from `routes` (`routes` itself if none),
        down to `fewest`.

        SISR's fleet minimisation: take out the smallest route and ruin and recreate without it,
        leaving out what fits nowhere. A plan is taken if fewer requests are out, or if those out
        have been out less often so far (each request counts the attempts it was left out of), so
        the hard ones get placed first. Once all are in, the next smallest route goes. On long
        routes with wide windows it empties routes the ejection search cannot (R207, R211, R204:
        3 -> 2 within 2 s, where the ejection search stayed at 3 for 5 s).
        """
        if not self.search.paired:
            return self._fewer_routes_compiled(routes, progress, fewest)
        owner = self.data.request
        current = self.search.schedules_of(routes)
        best = current
        absences = [0] * (max(owner) + 1)
        out: list[int] = []
        while progress(self.iterations) < 1:
            if not out:
                best = current
                if len(current) <= max(1, fewest):
                    break
                smallest = min(range(len(current)), key=lambda k: (len(current[k].stops), k))
                out = sorted({owner[c] for c in current[smallest].stops})
                current = current[:smallest] + current[smallest + 1 :]
            self.iterations += 1
            removed, ruined = self._ruin(current)
            candidate, left = self._recreated(self._without(current, removed, ruined), removed | set(out))
            for request in left:
                absences[request] += 1
            fewer_out = len(left) < len(out) or sum(absences[r] for r in left) < sum(absences[r] for r in out)
            if candidate and fewer_out:
                current, out = candidate, left
        if not out:
            best = current
        return self.search.routes_of(best)

    def _without(self, schedules: list[Schedule], removed: set[int], ruined: set[int]) -> list[Schedule]:
        owner = self.data.request
        kept = list(schedules)
        for k in ruined:
            kept[k] = Schedule(self.data, [c for c in kept[k].stops if owner[c] not in removed])
        return kept

    def _recreated(
        self, schedules: list[Schedule], requests: set[int], give_up: bool = False
    ) -> tuple[list[Schedule], list[int]]:
        """`requests` put back in random order, each at its cheapest feasible place; and those that
        fit nowhere (with `give_up`, only the first of them, and the rest not tried). Emptied routes
        are dropped. Pairs only: the scans are the pair search's."""
        data, search = self.data, self.search
        assert isinstance(search, EjectionSearch)
        rebuilt = list(schedules)
        order = sorted(requests)
        self.rng.shuffle(order)
        left = []
        for request in order:
            spot = search.cheapest(rebuilt, request)
            if spot is None:
                left.append(request)
                if give_up:
                    break
                continue
            k, where = spot
            rebuilt[k] = Schedule(data, search.inserted(rebuilt[k].stops, request, where))
        return [s for s in rebuilt if s.stops], left

    def _ruin(self, schedules: list[Schedule]) -> tuple[set[int], set[int]]:
        """The requests of a few strings of stops, one string per route, in routes near a random request;
        and the routes they come from."""
        rng, owner = self.rng, self.data.request
        route_of = {owner[c]: k for k, s in enumerate(schedules) for c in s.stops}
        longest = min(LONGEST_STRING, sum(len(s.stops) for s in schedules) / len(schedules))
        strings = int(rng.uniform(1, 4 * MEAN_REMOVED / (1 + longest)))
        removed: set[int] = set()
        ruined: set[int] = set()
        for request in self.neighbours[int(rng.random() * len(self.neighbours))]:
            if len(ruined) >= strings:
                break
            k = route_of.get(request)
            if k is None or k in ruined:
                continue  # not served, or its route has lost a string already
            stops = schedules[k].stops
            length = int(rng.uniform(1, min(len(stops), longest) + 1))
            at = stops.index(self.search.stops_of(request)[0])
            begin = max(0, min(len(stops) - length, at - int(rng.random() * length)))
            removed.update(owner[c] for c in stops[begin : begin + length])
            ruined.add(k)
        return removed, ruined

    def _length(self, schedules: list[Schedule]) -> int:
        distance = self.data.distance
        return sum(distance[a][b] for s in schedules for a, b in pairwise(s.nodes))


def _plan_arrays(schedules: list[Schedule], width: int, distance: NDArray[np.int64]) -> compiled.Plan:
    """The plan as `compiled` holds it (see `compiled.PLAN`)."""
    routes = len(schedules)
    nodes = np.zeros((routes, width), np.int64)
    early, late = np.zeros((routes, width), np.int64), np.zeros((routes, width), np.int64)
    for k, s in enumerate(schedules):
        nodes[k, : len(s.nodes)] = s.nodes
        early[k, : len(s.nodes)] = s.earliest
        late[k, : len(s.nodes)] = s.latest
    size = np.array([len(s.stops) for s in schedules], np.int64)
    load = np.array([s.load for s in schedules], np.int64)
    length = np.array([distance[s.nodes[:-1], s.nodes[1:]].sum() for s in schedules], np.int64)
    return nodes, size, load, length, early, late
