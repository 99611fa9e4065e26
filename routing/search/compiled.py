"""The string search's attempts for single-stop requests, compiled with numba: for shorter
routes (`attempts`) and for fewer (`fleet_attempts`, SISR's fleet minimisation).

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

from typing import Any

import numpy as np
from numba import boolean, float64, int64, njit, types, void
from numpy.typing import NDArray

# numba's tuple types come without annotations (numba.core.types.containers has no stub): their
# constructors are called as Any, and what they make is typed as the numba types it is.
_Tuple: Any = types.Tuple
_UniTuple: Any = types.UniTuple

VECTOR, MATRIX = int64[::1], int64[:, ::1]
PLAN: types.Type = _Tuple((MATRIX, VECTOR, VECTOR, VECTOR, MATRIX, MATRIX))
INSTANCE: types.Type = _Tuple((MATRIX, MATRIX, VECTOR, VECTOR, VECTOR, int64, MATRIX, int64, int64))
GAP: types.Type = _UniTuple(int64, 2)
"""A route and a gap in it."""
SCRATCH: types.Type = _Tuple((PLAN, boolean[::1], VECTOR, boolean[::1], VECTOR, VECTOR))
"""What `_scratch` makes."""
# Every kernel names its types, so numba compiles it when this module is imported (from its cache
# after the first time) and no search budget is spent compiling.

Vector = NDArray[np.int64]
Matrix = NDArray[np.int64]
Mask = NDArray[np.bool_]
Plan = tuple[Matrix, Vector, Vector, Vector, Matrix, Matrix]
"""`PLAN` as Python sees it: nodes, size, load, length, early, late."""
Instance = tuple[Matrix, Matrix, Vector, Vector, Vector, int, Matrix, int, int]
"""`INSTANCE` as Python sees it: travel, distance, earliest, latest, load, capacity, neighbours,
mean removed, longest string."""


@njit(void(int64), cache=True)
def seed(value: int) -> None:
    """Seed numba's generator (one per process), which the kernels draw from."""
    np.random.seed(value)


@njit(void(int64, PLAN, INSTANCE), cache=True)
def _timed(k: int, plan: Plan, instance: Instance) -> None:
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


@njit(int64(PLAN, INSTANCE, VECTOR, boolean[::1], VECTOR), cache=True)
def _ruin(plan: Plan, instance: Instance, route_of: Vector, touched: Mask, removed: Vector) -> int:
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
        _timed(k, plan, instance)
        touched[k] = True
        ruined += 1
    return out


@njit(GAP(PLAN, INSTANCE, boolean[::1], int64), cache=True)
def _cheapest(plan: Plan, instance: Instance, touched: Mask, request: int) -> tuple[int, int]:
    """The route and gap where `request` fits and lengthens the plan least; (-1, -1) if nowhere.
    A route emptied by an earlier attempt (size 0, not `touched`) takes nothing."""
    nodes, size, load, _, early, late = plan
    travel, distance, earliest, latest, demand, capacity = (
        instance[0], instance[1], instance[2], instance[3], instance[4], instance[5]
    )
    best_k, best_g, cheapest = -1, -1, np.inf
    for k in range(size.shape[0]):
        if (size[k] == 0 and not touched[k]) or load[k] + demand[request] > capacity:
            continue
        for g in range(size[k] + 1):
            a, b = nodes[k, g], nodes[k, g + 1]
            added = distance[a, request] + distance[request, b] - distance[a, b]
            if added >= cheapest:
                continue
            arrival = max(earliest[request], early[k, g] + travel[a, request])
            if arrival <= latest[request] and arrival + travel[request, b] <= late[k, g + 1]:
                best_k, best_g, cheapest = k, g, added
    return best_k, best_g


@njit(int64(PLAN, INSTANCE, boolean[::1], VECTOR, int64, VECTOR, boolean), cache=True)
def _recreate(
    plan: Plan, instance: Instance, touched: Mask, requests: Vector, count: int, left: Vector, give_up: bool
) -> int:
    """Put `requests[:count]` back in random order, each at its cheapest feasible place, and mark
    the routes they go into `touched`. Those that fit nowhere go to `left`; returns how many
    (with `give_up`, at most one: the rest are not tried)."""
    nodes, size, load = plan[0], plan[1], plan[2]
    demand = instance[4]
    for i in range(count - 1, 0, -1):
        j = int(np.random.random() * (i + 1))
        requests[i], requests[j] = requests[j], requests[i]
    missed = 0
    for i in range(count):
        request = requests[i]
        k, g = _cheapest(plan, instance, touched, request)
        if k < 0:
            left[missed] = request
            missed += 1
            if give_up:
                break
            continue
        for x in range(size[k] + 2, g + 1, -1):
            nodes[k, x] = nodes[k, x - 1]
        nodes[k, g + 1] = request
        size[k] += 1
        load[k] += demand[request]
        _timed(k, plan, instance)
        touched[k] = True
    return missed


@njit(void(boolean[::1], PLAN, PLAN), cache=True)
def _copy_rows(rows: Mask, source: Plan, target: Plan) -> None:
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
def _routes(size: Vector) -> np.intp:
    """How many routes serve someone."""
    return np.count_nonzero(size)


@njit(void(PLAN, boolean[::1], VECTOR), cache=True)
def _note_routes(plan: Plan, rows: Mask, route_of: Vector) -> None:
    """Record in `route_of` the route of every request served by the routes marked in `rows`.
    `_ruin` trusts it: kernels are not bounds-checked, so a stale entry would read past a route."""
    nodes, size = plan[0], plan[1]
    for k in range(size.shape[0]):
        if rows[k]:
            for g in range(1, size[k] + 1):
                route_of[nodes[k, g]] = k


@njit(SCRATCH(PLAN, INSTANCE), cache=True)
def _scratch(plan: Plan, instance: Instance) -> tuple[Plan, Mask, Vector, Mask, Vector, Vector]:
    """What a run of attempts works in: a trial copy of `plan`; a mask of every route; each
    request's route (-1 if out); a mask of the routes an attempt touched; room for the requests
    it removes and for those left out."""
    routes, requests = plan[1].shape[0], instance[6].shape[0]
    trial = (plan[0].copy(), plan[1].copy(), plan[2].copy(), plan[3].copy(), plan[4].copy(), plan[5].copy())
    everything = np.ones(routes, np.bool_)
    route_of = np.full(requests, -1, np.int64)
    _note_routes(plan, everything, route_of)
    touched = np.zeros(routes, np.bool_)
    return trial, everything, route_of, touched, np.empty(requests, np.int64), np.empty(requests, np.int64)


@njit(int64(int64, float64, PLAN, PLAN, INSTANCE), cache=True)
def attempts(count: int, temperature: float, plan: Plan, best: Plan, instance: Instance) -> int:
    """Make `count` attempts from `plan`, taking each new plan by simulated annealing at
    `temperature` (a plan that empties a route always); `best` keeps the best plan (fewer routes,
    then shorter). Returns how many attempts were taken."""
    trial, everything, route_of, touched, removed, left = _scratch(plan, instance)
    taken = 0
    for _ in range(count):
        if _routes(plan[1]) == 0:
            break
        touched[:] = False
        out = _ruin(trial, instance, route_of, touched, removed)
        accept: bool | np.bool_ = _recreate(trial, instance, touched, removed, out, left, True) == 0
        if accept:
            threshold = plan[3].sum() - temperature * np.log(1.0 - np.random.random())
            accept = _routes(trial[1]) < _routes(plan[1]) or trial[3].sum() < threshold
        if not accept:
            _copy_rows(touched, plan, trial)
            continue
        _copy_rows(touched, trial, plan)
        _note_routes(plan, touched, route_of)
        taken += 1
        fewer, as_many = _routes(plan[1]) < _routes(best[1]), _routes(plan[1]) == _routes(best[1])
        if fewer or (as_many and plan[3].sum() < best[3].sum()):
            _copy_rows(everything, plan, best)
    return taken


@njit(void(PLAN, INSTANCE, VECTOR, VECTOR, VECTOR), cache=True)
def _take_out_smallest(plan: Plan, instance: Instance, out: Vector, out_count: Vector, route_of: Vector) -> None:
    """Empty the route with the fewest stops (the first among equals); its requests are out."""
    nodes, size, load = plan[0], plan[1], plan[2]
    smallest = -1
    for k in range(size.shape[0]):
        if size[k] > 0 and (smallest < 0 or size[k] < size[smallest]):
            smallest = k
    out[: size[smallest]] = nodes[smallest, 1 : size[smallest] + 1]
    out_count[0] = size[smallest]
    route_of[out[: size[smallest]]] = -1
    nodes[smallest, 1] = nodes[smallest, size[smallest] + 1]
    size[smallest], load[smallest] = 0, 0
    _timed(smallest, plan, instance)


@njit(int64(int64, PLAN, PLAN, INSTANCE, VECTOR, VECTOR, VECTOR, int64), cache=True)
def fleet_attempts(
    count: int,
    plan: Plan,
    best: Plan,
    instance: Instance,
    out: Vector,
    out_count: Vector,
    absences: Vector,
    fewest: int,
) -> int:
    """SISR's fleet minimisation: up to `count` attempts, then or once the plan has `fewest`
    routes (returns how many were made).

    The requests of a removed route are out (`out[:out_count[0]]`, kept between calls). An
    attempt ruins strings and puts back what it removed and what is out, leaving out what fits
    nowhere; it is taken if fewer requests are left out, or if those left out have been left out
    less often so far (`absences`). Once none is out, `best` takes the plan and the smallest
    route goes.
    """
    trial, everything, route_of, touched, removed, left = _scratch(plan, instance)
    for made in range(count):
        if out_count[0] == 0:
            _copy_rows(everything, plan, best)
            if _routes(plan[1]) <= max(1, fewest):
                return made
            _take_out_smallest(plan, instance, out, out_count, route_of)
            _copy_rows(everything, plan, trial)
        touched[:] = False
        ruined = _ruin(trial, instance, route_of, touched, removed)
        removed[ruined : ruined + out_count[0]] = out[: out_count[0]]
        missed = _recreate(trial, instance, touched, removed, ruined + out_count[0], left, False)
        for i in range(missed):
            absences[left[i]] += 1
        fewer = missed < out_count[0] or absences[left[:missed]].sum() < absences[out[: out_count[0]]].sum()
        if not fewer or _routes(trial[1]) == 0:
            _copy_rows(touched, plan, trial)
            continue
        _copy_rows(touched, trial, plan)
        _note_routes(plan, touched, route_of)
        out[:missed] = left[:missed]
        out_count[0] = missed
        route_of[out[:missed]] = -1
    return count
