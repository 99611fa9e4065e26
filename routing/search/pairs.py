"""Ejection pool route removal for pickup-and-delivery pairs (PDPTW): both stops on one route, pickup first."""

from __future__ import annotations

from collections.abc import Iterable

from routing.search.pool import EJECTION_NODES, MAX_EJECTED, BestEjection, EjectionSearch, Schedule, Spot


class PairSearch(EjectionSearch):
    """Request i is nodes 2i (pickup, load +q) and 2i + 1 (delivery, load -q)."""

    paired = True

    def insertions(self, schedules: list[Schedule], request: int) -> list[Spot]:
        return [(k, gaps) for k, s in enumerate(schedules) for gaps in self._gaps(s, request)]

    def _gaps(self, s: Schedule, request: int, pickup_gaps: Iterable[int] | None = None) -> list[tuple[int, int]]:
        """Every (g, h) where the pair fits: pickup after the g-th stop, delivery after the h-th (h >= g),
        for every g or those in `pickup_gaps`.

        The delivery moves down the route from right after the pickup; the stops it passes are
        re-timed on the way, and the scan ends once one of them, or the delivery, would be late.
        """
        data = self.data
        travel, earliest, latest = data.travel, data.earliest, data.latest
        pickup, delivery = 2 * request, 2 * request + 1
        extra, capacity = data.load[pickup], data.capacity
        nodes, route_earliest, route_latest, load_after = s.nodes, s.earliest, s.latest, s.load_after
        last = len(nodes) - 1
        found = []
        pickup_earliest, delivery_earliest, delivery_latest = earliest[pickup], earliest[delivery], latest[delivery]
        for g in range(last) if pickup_gaps is None else pickup_gaps:
            if load_after[g] + extra > capacity:
                continue
            time = route_earliest[g] + travel[nodes[g]][pickup]
            if time < pickup_earliest:
                time = pickup_earliest
            if time > latest[pickup]:
                continue
            previous = pickup
            for h in range(g, last):
                if h > g:
                    stop = nodes[h]
                    time += travel[previous][stop]
                    if time < earliest[stop]:
                        time = earliest[stop]
                    if time > route_latest[h] or load_after[h] + extra > capacity:
                        break
                    previous = stop
                arrival = time + travel[previous][delivery]
                if arrival < delivery_earliest:
                    arrival = delivery_earliest
                if arrival > delivery_latest:
                    break
                if arrival + travel[delivery][nodes[h + 1]] <= route_latest[h + 1]:
                    found.append((g, h))
        return found

    def inserted(self, stops: list[int], request: int, where: tuple[int, ...]) -> list[int]:
        g, h = where
        return [*stops[:g], 2 * request, *stops[g:h], 2 * request + 1, *stops[h:]]

    def _fits(self, stops: list[int]) -> bool:
        """The whole route checked from scratch: windows, and capacity after every stop."""
        data = self.data
        travel, earliest, latest, load = data.travel, data.earliest, data.latest, data.load
        time, previous, aboard = earliest[data.start], data.start, 0
        for c in stops:
            time = max(earliest[c], time + travel[previous][c])
            aboard += load[c]
            if time > latest[c] or aboard > data.capacity:
                return False
            previous = c
        return time + travel[previous][data.end] <= latest[data.end]

    def _eject_from(self, k: int, s: Schedule, request: int, trouble: list[int], best: BestEjection) -> None:
        """Depth-first over where the pair goes in route `k` and which pairs to eject for it.

        Stops are decided in route order: put the pickup (then the delivery) here, keep the stop,
        or, at a pickup, eject its pair (its delivery is then skipped). A branch ends once the pair
        is in and keeping the remaining stops is feasible, or once the pair's next stop can no
        longer start in its window. `best` holds the least trouble so far and the ejection that has it.
        """
        data = self.data
        travel, earliest, latest, load, owner = data.travel, data.earliest, data.latest, data.load, data.request
        stops, suffix_latest, end, capacity = s.stops, s.latest, data.end, data.capacity
        pickup, delivery = 2 * request, 2 * request + 1
        n = len(stops)
        visited = 0
        ejected: list[int] = []
        gaps = [0, 0]

        def search(i: int, previous: int, time: int, placed: int, aboard: int, total: int) -> None:
            nonlocal visited
            visited += 1
            if total >= best.trouble or visited > EJECTION_NODES:
                return
            if placed < 2:
                own = pickup if placed == 0 else delivery
                start = time + travel[previous][own]
                if start < earliest[own]:
                    start = earliest[own]
                if start > latest[own]:
                    return  # every later place is reached later still
                if aboard + load[own] <= capacity:
                    gaps[placed] = i
                    search(i, own, start, placed + 1, aboard + load[own], total)
            elif time + travel[previous][stops[i] if i < n else end] <= suffix_latest[i + 1]:
                route = self._without(self.inserted(stops, request, tuple(gaps)), ejected)
                # The test above timed the rest with the deliveries of pairs ejected behind still in;
                # leaving them out makes no stop later where travel times are metric, and _fits checks.
                if self._fits(route):
                    best.trouble, best.ejection = total, (k, route, list(ejected))
                    return
            if i == n:
                return
            c = stops[i]
            if owner[c] in ejected:  # the delivery of an ejected pair
                search(i + 1, previous, time, placed, aboard, total)
                return
            start = time + travel[previous][c]
            if start < earliest[c]:
                start = earliest[c]
            if start <= latest[c] and aboard + load[c] <= capacity:
                search(i + 1, c, start, placed, aboard + load[c], total)
            if c % 2 == 0 and len(ejected) < MAX_EJECTED and total + trouble[owner[c]] < best.trouble:
                ejected.append(owner[c])
                search(i + 1, previous, time, placed, aboard, total + trouble[owner[c]])
                ejected.pop()

        search(0, data.start, earliest[data.start], 0, 0, 0)

    def _without(self, stops: list[int], requests: list[int]) -> list[int]:
        owner = self.data.request
        return [c for c in stops if owner[c] not in requests]

    def _shake(self, schedules: list[Schedule]) -> None:
        """Random feasible relocations of a pair to another route: a random pickup place there,
        then a random delivery place after it where the pair fits (one scan of the route, not all
        pickup places: that made the shake half of the search's time)."""
        data, rng = self.data, self.rng
        draw = rng.random
        for a, b in self._route_pairs(len(schedules)):
            first = schedules[a].stops
            if len(first) < 4:
                continue  # the route would be left empty
            request = data.request[first[int(draw() * len(first))]]
            gaps = self._gaps(schedules[b], request, (int(draw() * (len(schedules[b].nodes) - 1)),))
            if not gaps:
                continue
            rest = self._without(first, [request])
            if not self._fits(rest):
                continue
            schedules[a] = Schedule(data, rest)
            schedules[b] = Schedule(data, self.inserted(schedules[b].stops, request, rng.choice(gaps)))
