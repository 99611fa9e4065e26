"""What the search or the rest repair left out goes back where it still fits, the cheapest way, or stays out."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from routing.problem import Problem, Request, Stop
from routing.reasons import NO_ROOM_TO_REST, NO_VEHICLE, UNREACHABLE
from routing.solution import Route, Solution, Unassigned, Visit, VisitKind
from routing.timing.left_out import reinsert
from routing.verify import verify
from tests.support.routing_problems import bus, euclidean_problem, pair

# A line: depot 0, then stations and sites eastwards.
POINTS = [(0, 0), (10, 0), (20, 0), (30, 0), (40, 0)]


def _served(problem: Problem, vehicle_id: str, *request_ids: str) -> Route:
    """A route serving each pair in turn (pickup then delivery), timed from 0 with no waits."""
    requests = {r.request_id: r for r in problem.requests}
    vehicle = next(v for v in problem.vehicles if v.vehicle_id == vehicle_id)
    stops: list[tuple[VisitKind, int, str | None, int]] = [("start", vehicle.start, None, 0)]
    for rid in request_ids:
        pickup, delivery = requests[rid].pickup, requests[rid].delivery
        assert pickup is not None and delivery is not None
        stops += [("pickup", pickup.place, rid, requests[rid].load), ("delivery", delivery.place, rid, 0)]
    stops.append(("end", vehicle.end, None, 0))
    visits, clock = [Visit("start", vehicle.start, None, 0, 0, 0)], 0
    for previous, (kind, place, served, load) in pairwise(stops):
        clock += int(problem.duration[previous[1], place])
        visits.append(Visit(kind, place, served, clock, clock, load))
    distance = sum(int(problem.distance[a[1], b[1]]) for a, b in pairwise(stops))
    return Route(vehicle_id, tuple(visits), distance, clock)


def _left_out(problem: Problem, routes: tuple[Route, ...], *misses: tuple[str, str]) -> Solution:
    unassigned = tuple(Unassigned(rid, reason, "") for rid, reason in misses)
    return Solution(routes, unassigned, problem.routes_cost(routes))


def test_a_pair_left_out_rides_along_where_the_detour_is_smallest() -> None:
    problem = euclidean_problem(POINTS, [pair("a", 1, 1, 4), pair("b", 1, 2, 3)],
                                [bus("v1", fixed_cost=1000), bus("v2", fixed_cost=1000)])
    before = _left_out(problem, (_served(problem, "v1", "a"),), ("b", NO_ROOM_TO_REST))
    after = reinsert(problem, before)
    assert after.unassigned == ()
    (route,) = after.routes
    assert [(v.kind, v.request_id) for v in route.visits[1:-1]] == [
        ("pickup", "a"), ("pickup", "b"), ("delivery", "b"), ("delivery", "a")]
    assert route.distance == 80 and after.objective == 1000 + 80
    assert verify(problem, after) == []


def test_a_full_bus_leaves_the_pair_to_an_idle_one() -> None:
    """a fills v1 from 10 to 40 and must be picked up first; b must be at 30 by 35: only v2 can."""
    first = Request("a", 2, Stop(1, latest=10), Stop(4))
    soon = Request("b", 1, Stop(2), Stop(3, latest=35))
    problem = euclidean_problem(POINTS, [first, soon], [bus("v1", capacity=2, fixed_cost=1000),
                                                        bus("v2", fixed_cost=1000)])
    after = reinsert(problem, _left_out(problem, (_served(problem, "v1", "a"),), ("b", NO_VEHICLE)))
    assert after.unassigned == ()
    assert sorted(r.vehicle_id for r in after.routes) == ["v1", "v2"]
    assert verify(problem, after) == []


def test_a_pair_whose_place_costs_more_than_its_penalty_stays_out() -> None:
    requests = [pair("a", 1, 1, 2), pair("far", 1, 3, 4, penalty=30)]  # the detour to 40 and back costs 40
    problem = euclidean_problem(POINTS, requests, [bus("v1")])
    before = _left_out(problem, (_served(problem, "v1", "a"),), ("far", "not_worth_serving"))
    assert reinsert(problem, before) == before
    dearer = replace(problem, requests=(requests[0], replace(requests[1], penalty=50)))
    assert reinsert(dearer, before).unassigned == ()


def test_no_place_breaks_a_window_or_a_drivers_limit() -> None:
    problem = euclidean_problem(POINTS, [pair("a", 1, 1, 2), pair("far", 1, 3, 4)], [bus("v1", max_driving=80)])
    before = _left_out(problem, (_served(problem, "v1", "a"),), ("far", NO_VEHICLE))
    after = reinsert(problem, before)  # out to 40 and back: 80 at the wheel, just within the limit
    assert after.unassigned == () and after.routes[0].distance == 80
    assert verify(problem, after) == []
    strict = replace(problem, vehicles=(replace(problem.vehicles[0], max_driving=79),))
    assert reinsert(strict, before) == before
    too_late = replace(problem, requests=(problem.requests[0], Request("far", 1, Stop(3), Stop(4, latest=39))))
    assert reinsert(too_late, before) == before  # 40 is the soonest any bus can be there


def test_what_can_never_be_served_is_not_tried_again() -> None:
    problem = euclidean_problem(POINTS, [pair("a", 1, 1, 2), pair("b", 1, 2, 3)], [bus("v1")])
    before = _left_out(problem, (_served(problem, "v1", "a"),), ("b", UNREACHABLE))
    assert reinsert(problem, before) == before
