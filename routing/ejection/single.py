"""Ejection pool route removal for single-stop requests (VRPTW): collections or deliveries."""

from __future__ import annotations

import math

from routing.ejection.pool import EJECTION_NODES, MAX_EJECTED, EjectionSearch, Schedule, Spot


class SingleStopSearch(EjectionSearch):
    """A request is one node; a route's load is the sum of its requests' loads."""

    def insertions(self, schedules: list[Schedule], request: int) -> list[Spot]:
        """Every (route, gap) where `request` fits; gap g puts it after the route's g-th stop."""
        data = self.data
        travel, early, late = data.travel, data.earliest[request], data.latest[request]
        to_request, from_request = data.travel_to[request], travel[request]
        found = []
        for k, s in enumerate(schedules):
            if s.load + data.load[request] > data.capacity:
                continue
            nodes, earliest, latest = s.nodes, s.earliest, s.latest
            for g in range(len(nodes) - 1):
                arrival = max(early, earliest[g] + to_request[nodes[g]])
                if arrival <= late and arrival + from_request[nodes[g + 1]] <= latest[g + 1]:
                    found.append((k, (g,)))
        return found

    def cheapest(self, schedules: list[Schedule], request: int) -> Spot | None:
        """The base class's answer from one scan: a gap's added distance first, its windows only if
        it is the cheapest so far (most gaps never get that far)."""
        data = self.data
        distance, to_request, from_request = data.distance, data.distance_to[request], data.distance[request]
        travel_to, travel_from = data.travel_to[request], data.travel[request]
        early, late, extra, capacity = data.earliest[request], data.latest[request], data.load[request], data.capacity
        best, cheapest = None, math.inf
        for k, s in enumerate(schedules):
            if s.load + extra > capacity:
                continue
            nodes, earliest, latest = s.nodes, s.earliest, s.latest
            for g in range(len(nodes) - 1):
                a, b = nodes[g], nodes[g + 1]
                added = to_request[a] + from_request[b] - distance[a][b]
                if added >= cheapest:
                    continue
                arrival = earliest[g] + travel_to[a]
                if arrival < early:
                    arrival = early
                if arrival <= late and arrival + travel_from[b] <= latest[g + 1]:
                    best, cheapest = (k, (g,)), added
        return best

    def inserted(self, stops: list[int], request: int, where: tuple[int, ...]) -> list[int]:
        (gap,) = where
        return stops[:gap] + [request] + stops[gap:]

    def _eject_from(self, k: int, s: Schedule, request: int, trouble: list[int], best: list) -> None:
        """Depth-first over where in route `k` to put `request` and which stops to eject for it.

        Stops are decided in route order: put the request here, keep the stop, or eject it. A branch
        ends once the request is in and keeping all the remaining stops is feasible (ejecting more
        would only add trouble), or once the request can no longer start in its window.
        `best` holds the least trouble found so far over all routes, and the move that has it.
        """
        data = self.data
        travel, earliest, latest, load = data.travel, data.earliest, data.latest, data.load
        stops, suffix_latest, end = s.stops, s.latest, data.end
        request_earliest, request_latest = earliest[request], latest[request]
        to_request = data.travel_to[request]
        excess = s.load + load[request] - data.capacity
        n = len(stops)
        visited = 0
        ejected: list[int] = []

        def search(i: int, previous: int, time: int, gap: int, total: int, shed: int) -> None:
            nonlocal visited
            visited += 1
            if total >= best[0] or visited > EJECTION_NODES:
                return
            if gap < 0:
                start = time + to_request[previous]
                if start < request_earliest:
                    start = request_earliest
                if start > request_latest:
                    return  # every later place is reached later still
                search(i, request, start, i, total, shed)
            else:
                upcoming = stops[i] if i < n else end
                arrival = time + travel[previous][upcoming]
                if shed >= excess and arrival <= suffix_latest[i + 1]:
                    kept = [c for c in stops if c not in ejected]
                    kept.insert(gap - sum(1 for c in stops[:gap] if c in ejected), request)
                    best[0], best[1] = total, (k, kept, list(ejected))
                    return
            if i == n:
                return
            c = stops[i]
            start = time + travel[previous][c]
            if start < earliest[c]:
                start = earliest[c]
            if start <= latest[c]:
                search(i + 1, c, start, gap, total, shed)
            if len(ejected) < MAX_EJECTED and total + trouble[c] < best[0]:
                ejected.append(c)
                search(i + 1, previous, time, gap, total + trouble[c], shed + load[c])
                ejected.pop()

        search(0, data.start, earliest[data.start], -1, 0, 0)

    def _shake(self, schedules: list[Schedule]) -> None:
        """Random feasible relocations and tail exchanges (2-opt*) between two routes.

        Each move is checked in constant time from the two routes' schedules: only the arcs it
        adds need their latest starts and loads checked.
        """
        data, draw = self.data, self.rng.random
        travel, earliest, latest, load, capacity = data.travel, data.earliest, data.latest, data.load, data.capacity
        for a, b in self._route_pairs(len(schedules)):
            first, second = schedules[a], schedules[b]
            i, j = int(draw() * len(first.stops)), int(draw() * (len(second.stops) + 1))
            head, tail = first.nodes, second.nodes  # head[i + 1] is stop i; tail[j + 1] is stop j or the end
            c = head[i + 1]
            if draw() < 0.5:  # move stop i of the first route before stop j of the second
                if len(first.stops) < 2 or second.load + load[c] > capacity:
                    continue
                if first.earliest[i] + travel[head[i]][head[i + 2]] > first.latest[i + 2]:
                    continue
                start = max(earliest[c], second.earliest[j] + travel[tail[j]][c])
                if start > latest[c] or start + travel[c][tail[j + 1]] > second.latest[j + 1]:
                    continue
                new_first = first.stops[:i] + first.stops[i + 1 :]
                new_second = second.stops[:j] + [c] + second.stops[j:]
            else:  # swap the tails after stop i of the first route and from stop j of the second
                if j == 0 and i == len(first.stops) - 1:
                    continue  # the second route would be left empty
                if first.load_after[i + 1] + second.load - second.load_after[j] > capacity:
                    continue
                if second.load_after[j] + first.load - first.load_after[i + 1] > capacity:
                    continue
                if first.earliest[i + 1] + travel[c][tail[j + 1]] > second.latest[j + 1]:
                    continue
                if second.earliest[j] + travel[tail[j]][head[i + 2]] > first.latest[i + 2]:
                    continue
                new_first = first.stops[: i + 1] + second.stops[j:]
                new_second = second.stops[:j] + first.stops[i + 1 :]
            schedules[a] = Schedule(data, new_first)
            schedules[b] = Schedule(data, new_second)
