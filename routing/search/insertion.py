"""A first plan of our own: cheapest insertion in deadline order, a new route whenever a request
fits in none of the open ones.

OR-Tools' first-solution heuristics stall on large pickup-and-delivery models: on Li & Lim
lrc1_10_2 (523 pairs, 250 vehicles) parallel cheapest insertion finds nothing in its 1.5 s of a
30 s budget and local cheapest insertion only just finishes, and on Gehring & Homberger rc1_10_3
(1000 stops) neither finishes, so every later phase used to work on an empty plan. This pass
makes one sweep over the requests, each scan constant time per gap (`pool.Schedule`), so it ends
in about a second at 1000 stops and its plan is feasible by construction; the route searches
after it (`routing.search.pool`, `routing.search.strings`) remove the routes it opens too many.
"""

from __future__ import annotations

from routing.search.pool import EjectionSearch, Nodes, Routes, Schedule, Spot


def insert_all(search: Nodes, requests: list[int], vehicles: int) -> tuple[Routes, list[int]]:
    """Routes serving `requests` on at most `vehicles` routes, and the requests that fit nowhere
    (none while the fleet lasts and each fits a route alone).

    The requests go in order of the latest start of their first stop, the most urgent first,
    each at the place that lengthens the plan least; ties in that order go the seeded generator's
    way, so two workers with two seeds start from two plans.
    """
    data, rng = search.data, search.rng
    draws = {i: rng.random() for i in requests}
    order = sorted(requests, key=lambda i: (data.latest[search.stops_of(i)[0]], draws[i]))
    schedules: list[Schedule] = []
    left: list[int] = []
    for request in order:
        spot = _cheapest(search, schedules, request)
        if spot is None and len(schedules) < vehicles:
            spot = _cheapest(search, [Schedule(data, [])], request)
            if spot is not None:
                schedules.append(Schedule(data, []))
                spot = (len(schedules) - 1, spot[1])
        if spot is None:
            left.append(request)
            continue
        k, where = spot
        schedules[k] = Schedule(data, _inserted(search, schedules[k].stops, request, where))
    return search.routes_of(schedules), left


def _cheapest(search: Nodes, schedules: list[Schedule], request: int) -> Spot | None:
    """Where `request` lengthens the plan least: the pair search's scan for pairs, a scan of
    every gap for a single stop."""
    if isinstance(search, EjectionSearch):
        return search.cheapest(schedules, request)
    data = search.data
    travel, distance, earliest, latest = data.travel, data.distance, data.earliest, data.latest
    demand, capacity = data.load[request], data.capacity
    best, cheapest = None, None
    for k, s in enumerate(schedules):
        if s.load + demand > capacity:
            continue
        nodes = s.nodes
        for g in range(len(nodes) - 1):
            a, b = nodes[g], nodes[g + 1]
            added = distance[a][request] + distance[request][b] - distance[a][b]
            if cheapest is not None and added >= cheapest:
                continue
            arrival = max(earliest[request], s.earliest[g] + travel[a][request])
            if arrival <= latest[request] and arrival + travel[request][b] <= s.latest[g + 1]:
                best, cheapest = (k, (g,)), added
    return best


def _inserted(search: Nodes, stops: list[int], request: int, where: tuple[int, ...]) -> list[int]:
    if isinstance(search, EjectionSearch):
        return search.inserted(stops, request, where)
    (g,) = where
    return [*stops[:g], request, *stops[g:]]
