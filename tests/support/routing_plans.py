"""Independent plan checks and small random problems, shared by the ejection and string-removal tests."""

from __future__ import annotations

from hypothesis import strategies as st

from routing.problem import Problem, Request, Stop, Vehicle
from tests.support.routing_problems import euclidean_problem

Routes = list[list[tuple[int, str]]]


def route_fits(problem: Problem, stops: list[tuple[int, str]]) -> bool:
    """An independent check of one route: pickups before deliveries, capacity after every stop
    (a single stop adds its load, collection or delivery), every service inside its window."""
    vehicle = problem.vehicles[0]
    time, place, load, picked = vehicle.earliest, vehicle.start, 0, set()
    for i, kind in stops:
        request = problem.requests[i]
        stop = request.stop(kind)
        assert stop is not None, f"request {i} has no {kind}"
        paired = request.pickup is not None and request.delivery is not None
        if paired and kind == "delivery" and i not in picked:
            return False
        picked.add(i)
        load += -request.load if paired and kind == "delivery" else request.load
        time = max(stop.earliest, time + int(problem.duration[place, stop.place]))
        if time > stop.latest or load > vehicle.capacity:
            return False
        time += stop.service
        place = stop.place
    return time + int(problem.duration[place, vehicle.end]) <= vehicle.latest


def assert_valid_plan(problem: Problem, routes: Routes) -> None:
    """Every stop of every request exactly once, a pair on one route, every route feasible."""
    expected = [(i, kind) for i, r in enumerate(problem.requests) for kind in ("pickup", "delivery") if r.stop(kind)]
    assert sorted(key for r in routes for key in r) == sorted(expected)
    assert all(len({vehicle for vehicle, r in enumerate(routes) if any(key[0] == i for key in r)}) == 1
               for i in range(len(problem.requests)))
    assert all(r and route_fits(problem, r) for r in routes)


def served_alone(problem: Problem) -> Routes:
    """One route per request: the plan to remove routes from."""
    return [[(i, kind) for kind in ("pickup", "delivery") if r.stop(kind)] for i, r in enumerate(problem.requests)]


@st.composite
def small_problems(draw: st.DrawFn) -> Problem:
    """A few collections, or a few pairs, with windows on identical vehicles."""
    paired = draw(st.booleans())
    count = draw(st.integers(2, 6))
    places = 2 * count if paired else count
    points = draw(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), min_size=places + 1, max_size=places + 1))

    def window(place: int) -> Stop:
        earliest = draw(st.integers(0, 200))
        return Stop(place, earliest, earliest + draw(st.integers(0, 150)), draw(st.integers(0, 20)))

    requests = []
    for i in range(count):
        load = draw(st.integers(1, 5))
        if paired:
            requests.append(Request(f"r{i}", load, pickup=window(2 * i + 1), delivery=window(2 * i + 2)))
        else:
            requests.append(Request(f"r{i}", load, pickup=window(i + 1)))
    vehicle = Vehicle("v", draw(st.integers(5, 12)), start=0, end=0, latest=600)
    return euclidean_problem(points, requests, [vehicle] * count)
