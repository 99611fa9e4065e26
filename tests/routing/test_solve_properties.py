"""Property: any small problem, any mix of request kinds, gives a solution that passes verify()."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routing.params import SolveParams
from routing.problem import Problem, Request, Stop, Vehicle
from routing.solver import solve
from routing.verify import verify
from tests.support.routing_problems import euclidean_problem

PLACES = 6


@st.composite
def stops(draw: st.DrawFn) -> Stop:
    earliest = draw(st.integers(0, 150))
    return Stop(
        place=draw(st.integers(1, PLACES - 1)),
        earliest=earliest,
        latest=earliest + draw(st.integers(0, 300)),
        service=draw(st.integers(0, 10)),
    )


@st.composite
def requests(draw: st.DrawFn, index: int) -> Request:
    kind = draw(st.sampled_from(["pair", "collect", "deliver"]))
    pickup = draw(stops()) if kind in ("pair", "collect") else None
    delivery = draw(stops()) if kind in ("pair", "deliver") else None
    max_ride = draw(st.none() | st.integers(20, 200)) if kind == "pair" else None
    return Request(f"r{index}", draw(st.integers(1, 6)), pickup, delivery, max_ride=max_ride)


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    points = draw(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), min_size=PLACES, max_size=PLACES))
    count = draw(st.integers(1, 5))
    drawn = [draw(requests(i)) for i in range(count)]
    vehicles = [
        Vehicle(f"v{k}", draw(st.integers(3, 8)), start=0, end=0, latest=draw(st.integers(200, 600)), fixed_cost=100)
        for k in range(draw(st.integers(1, 3)))
    ]
    return euclidean_problem(points, drawn, vehicles)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_every_solution_verifies_and_covers_each_request_once(problem: Problem) -> None:
    solution = solve(problem, SolveParams(time_limit_s=0.15))
    assert verify(problem, solution) == []
    served = [rid for route in solution.routes for rid in dict.fromkeys(route.request_ids())]
    left = [u.request_id for u in solution.unassigned]
    assert sorted(served + left) == sorted(r.request_id for r in problem.requests)
    assert all(u.reason in {"too_heavy", "unreachable", "no_vehicle"} for u in solution.unassigned)
