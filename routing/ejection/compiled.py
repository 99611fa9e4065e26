"""The string search's attempts for single-stop requests, compiled with numba.

In Python an attempt (ruin a few strings, put their requests back at their cheapest feasible
places, accept or not) costs about 190 µs on Solomon R109, and a 10 s budget buys a few ten
thousand: too few to leave the local optima of tight windows. Compiled, the same attempt costs
about 5 µs (R109, 3 s from the same plan: 16,000 attempts, 1,300-1,362; compiled 650,000
attempts, 1,234-1,248; best known 1,194.7).

A plan is a tuple of arrays with one row per route (`PLAN`): `nodes[k, :size[k] + 2]` is route
k from its start depot to its end depot, `early[k, g]` and `late[k, g]` the earliest and latest
service start at its g-th node (as `pool.Schedule` has them), `load[k]` and `length[k]` its load
and length. A route an attempt empties keeps its row at size 0 and is never filled again.

The instance is a tuple too (`INSTANCE`): travel (service at the first node plus driving),
distance, earliest, latest, the load of each node, the capacity, each request's requests from
nearest to farthest, and the string sizes (SISR's c-bar and L-max).
"""

from __future__ import annotations

import numpy as np
from numba import boolean, float64, int64, njit, types, void

VECTOR, MATRIX = int64[::1], int64[:, ::1]
PLAN = types.Tuple((MATRIX, VECTOR, VECTOR, VECTOR, MATRIX, MATRIX))
INSTANCE = types.Tuple((MATRIX, MATRIX, VECTOR, VECTOR, VECTOR, int64, MATRIX, int64, int64))
# Every kernel names its types, so numba compiles it when this module is imported (from its cache
# after the first time) and no search budget is spent compiling.


@njit(void(int64), cache=True)
def seed(value: int) -> None:
    """Seed numba's generator (one per process), which the kernels draw from."""
    np.random.seed(value)


@njit(void(int64, PLAN, INSTANCE), cache=True)
def timed(k, plan, instance):
    """Recompute route k's service starts and length after its nodes changed."""
    nodes, size, _, length, early, late = plan
    travel, distance, earliest, latest = instance[0], instance[1], instance[2], instance[3]
    count = size[k] + 2
    early[k, 0] = earliest[nodes[k, 0]]
    total = 0
    for g in range(1, count):
        a, b = nodes[k, g - 1], nodes[k, g]
        early[k, g] = max(earliest[b], early[k, g - 1] + travel[a, b])
        total += distance[a, b]
    length[k] = total
    late[k, count - 1] = latest[nodes[k, count - 1]]
    for g in range(count - 2, -1, -1):
        a, b = nodes[k, g], nodes[k, g + 1]
        late[k, g] = min(latest[a], late[k, g + 1] - travel[a, b])


@njit(int64(PLAN, INSTANCE, int64[::1], boolean[::1], VECTOR), cache=True)
def _ruin(plan, instance, route_of, touched, removed):
    """Remove a few strings of stops, one string per route, from routes near a random request;
    mark those routes `touched` and write the removed requests to `removed`. Returns how many."""
    nodes, size, load = plan[0], plan[1], plan[2]
    demand, neighbours, mean_removed, longest_string = instance[4], instance[6], instance[7], instance[8]
    routes, alive, stops = size.shape[0], 0, 0
    for k in range(routes):
        if size[k] > 0:
            alive += 1
            stops += size[k]
    longest = min(longest_string, stops / alive)
    strings = int(np.random.uniform(1.0, 4.0 * mean_removed / (1.0 + longest)))
    ruined, out = 0, 0
    around = int(np.random.random() * neighbours.shape[0])
    for j in range(neighbours.shape[1]):
        if ruined >= strings:
            break
        request = neighbours[around, j]
        k = route_of[request]
        if k < 0 or touched[k]:
            continue  # not served, or its route has lost a string already
        string = int(np.random.uniform(1.0, min(size[k], longest) + 1.0))
        at = 0
        while nodes[k, at + 1] != request:
            at += 1
        begin = max(0, min(size[k] - string, at - int(np.random.random() * string)))
        for g in range(begin + 1, begin + string + 1):
            removed[out] = nodes[k, g]
            load[k] -= demand[nodes[k, g]]
            out += 1
        for g in range(begin + 1, size[k] + 2 - string):
            nodes[k, g] = nodes[k, g + string]
        size[k] -= string
        timed(k, plan, instance)
        touched[k] = True
        ruined += 1
    return out


@njit(boolean(PLAN, INSTANCE, boolean[::1], VECTOR, int64), cache=True)
def _recreate(plan, instance, touched, removed, out):
    """Put `removed[:out]` back in random order, each at its cheapest feasible place; mark the
    routes they go into `touched`. False, with the plan half rebuilt, if one fits nowhere."""
    nodes, size, load, _, early, late = plan
    travel, distance, earliest, latest, demand, capacity = instance[0], instance[1], instance[2], instance[3], instance[4], instance[5]
    for i in range(out - 1, 0, -1):
        j = int(np.random.random() * (i + 1))
        removed[i], removed[j] = removed[j], removed[i]
    for i in range(out):
        request = removed[i]
        best_k, best_g, cheapest = -1, -1, np.inf
        for k in range(size.shape[0]):
            if (size[k] == 0 and not touched[k]) or load[k] + demand[request] > capacity:
                continue  # emptied by an earlier attempt, or full
            for g in range(size[k] + 1):
                a, b = nodes[k, g], nodes[k, g + 1]
                added = distance[a, request] + distance[request, b] - distance[a, b]
                if added >= cheapest:
                    continue
                arrival = max(earliest[request], early[k, g] + travel[a, request])
                if arrival <= latest[request] and arrival + travel[request, b] <= late[k, g + 1]:
                    best_k, best_g, cheapest = k, g, added
        if best_k < 0:
            return False
        for g in range(size[best_k] + 2, best_g + 1, -1):
            nodes[best_k, g] = nodes[best_k, g - 1]
        nodes[best_k, best_g + 1] = request
        size[best_k] += 1
        load[best_k] += demand[request]
        timed(best_k, plan, instance)
        touched[best_k] = True
    return True


@njit(void(boolean[::1], PLAN, PLAN), cache=True)
def _copy_rows(rows, source, target):
    """Copy the routes marked in `rows` from one plan to the other."""
    for k in range(rows.shape[0]):
        if rows[k]:
            target[0][k] = source[0][k]
            target[1][k] = source[1][k]
            target[2][k] = source[2][k]
            target[3][k] = source[3][k]
            target[4][k] = source[4][k]
            target[5][k] = source[5][k]


@njit(int64(VECTOR), cache=True)
def _routes(size):
    return np.count_nonzero(size)


@njit(int64(int64, float64, PLAN, PLAN, INSTANCE), cache=True)
def attempts(count, temperature, plan, best, instance):
    """Make `count` attempts from `plan`, taking each new plan by simulated annealing at
    `temperature` (a plan that empties a route always); `best` keeps the best plan (fewer routes,
    then shorter). Returns how many attempts were taken."""
    routes, requests = plan[1].shape[0], instance[6].shape[0]
    trial = (plan[0].copy(), plan[1].copy(), plan[2].copy(), plan[3].copy(), plan[4].copy(), plan[5].copy())
    route_of = np.full(requests, -1, np.int64)
    for k in range(routes):
        for g in range(1, plan[1][k] + 1):
            route_of[plan[0][k, g]] = k
    touched = np.zeros(routes, np.bool_)
    removed = np.empty(requests, np.int64)
    taken = 0
    for _ in range(count):
        if _routes(plan[1]) == 0:
            break
        touched[:] = False
        out = _ruin(trial, instance, route_of, touched, removed)
        accept = _recreate(trial, instance, touched, removed, out)
        if accept:
            threshold = plan[3].sum() - temperature * np.log(1.0 - np.random.random())
            accept = _routes(trial[1]) < _routes(plan[1]) or trial[3].sum() < threshold
        if not accept:
            _copy_rows(touched, plan, trial)
            continue
        _copy_rows(touched, trial, plan)
        taken += 1
        for k in range(routes):
            if touched[k]:
                for g in range(1, plan[1][k] + 1):
                    route_of[plan[0][k, g]] = k
        fewer, as_many = _routes(plan[1]) < _routes(best[1]), _routes(plan[1]) == _routes(best[1])
        if fewer or (as_many and plan[3].sum() < best[3].sum()):
            _copy_rows(np.ones(routes, np.bool_), plan, best)
    return taken
