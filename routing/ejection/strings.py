"""Shorter routes for a plan whose route count is settled: slack induction by string removals.

On long pickup-and-delivery routes OR-Tools' guided local search accepts a few moves a second and
stalls in deep local optima (lr209 from the ejection search's plan: 1,547 -> 1,224 in 4 s; best
known 930.6). This search removes a few strings of consecutive stops from routes near a random
request, puts each removed request back at its cheapest feasible place, and accepts the new plan
by simulated annealing (Christiaens & Vanden Berghe, "Slack induction by string removals for
vehicle routing problems", 2020). Removing a stop removes its whole request, so a pair leaves and
returns together. Every plan it holds is feasible: an attempt that cannot put every request back
is dropped. It never opens a route; a route it empties is gone, which the ranking prefers.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from routing.ejection.pool import EjectionSearch, Routes, Schedule

MEAN_REMOVED = 10
"""About this many stops are removed per attempt (the paper's c-bar)."""
LONGEST_STRING = 10
"""No string is longer than this, nor than a route's mean stop count (the paper's L-max)."""
START_TEMPERATURE = 0.04
"""The annealing starts at this share of the start plan's length and cools linearly to zero: a
plan 4 % longer is then accepted with probability 1/e. From OR-Tools' polished plans 1 % is too
cold to leave their local optimum (lr209, 3 s, two seeds: 1,103 and 1,131 at 1 %; 930.6 twice at
4 %; best known 930.6)."""


class StringSearch:
    """Ruin and recreate over the feasible plans of an ejection search's kind (pairs or single stops)."""

    def __init__(self, search: EjectionSearch) -> None:
        self.search = search
        self.data = search.data
        self.rng = search.rng
        self.iterations = 0
        self.neighbours = self._neighbours()

    def _neighbours(self) -> list[list[int]]:
        """For every request, all requests from the nearest (itself) to the farthest.

        Nearness is the distance between first stops plus that between last stops.
        """
        distance = self.data.distance
        ends = [(stops[0], stops[-1]) for stops in map(self.search.stops_of, range(max(self.data.request) + 1))]
        return [
            sorted(range(len(ends)), key=lambda j: (distance[first][ends[j][0]] + distance[last][ends[j][1]], j))
            for first, last in ends
        ]

    def improve(self, routes: Routes, progress: Callable[[int], float]) -> Routes:
        """The shortest plan found from `routes` (never one with more routes).

        `progress(iterations)` is the share of the budget spent, asked before every attempt; the
        search stops at 1 and cools with it.
        """
        data, rng = self.data, self.rng
        current = [Schedule(data, [self.search.node_of[key] for key in r]) for r in routes if r]
        current_length = self._length(current)
        best, best_rank = current, (len(current), current_length)
        scale = START_TEMPERATURE * current_length
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
        return [[data.keys[n] for n in s.stops] for s in best]

    def _rebuilt(self, schedules: list[Schedule]) -> list[Schedule] | None:
        """`schedules` with some strings removed and their requests put back, or None if one does not fit."""
        data, search, owner = self.data, self.search, self.data.request
        removed, ruined = self._ruin(schedules)
        rebuilt = list(schedules)
        for k in ruined:
            rebuilt[k] = Schedule(data, [c for c in rebuilt[k].stops if owner[c] not in removed])
        order = sorted(removed)
        self.rng.shuffle(order)
        for request in order:
            spot = search.cheapest(rebuilt, request)
            if spot is None:
                return None
            k, where = spot
            rebuilt[k] = Schedule(data, search.inserted(rebuilt[k].stops, request, where))
        return [s for s in rebuilt if s.stops]

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
        return sum(distance[a][b] for s in schedules for a, b in zip(s.nodes, s.nodes[1:]))
