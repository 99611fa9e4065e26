"""Re-timing a fixed route: late mornings, early evenings, and refusal when a limit would break."""

from __future__ import annotations

import numpy as np

from routing.problem import Problem, Request, Stop, Vehicle
from routing.solution import Route, Visit, VisitKind
from routing.timing.schedule import as_early_as_possible, as_late_as_possible

# Places: 0 depot, 1 station, 2 site; 10 minutes (600 s) between any two.
DURATION = np.array([[0, 600, 600], [600, 0, 600], [600, 600, 0]])


def _problem(max_ride: int | None = None, site_earliest: int = 0) -> Problem:
    request = Request(
        "R1", 5, Stop(1, 0, 10_000, service=60), Stop(2, site_earliest, 7_200, service=60), max_ride=max_ride
    )
    return Problem(DURATION, DURATION, (request,), (Vehicle("V1", 10, 0, 0, 0, 20_000),))


def _route(starts: list[int]) -> Route:
    kinds: list[tuple[VisitKind, int, str | None]] = [
        ("start", 0, None), ("pickup", 1, "R1"), ("delivery", 2, "R1"), ("end", 0, None)
    ]
    visits = tuple(Visit(k, p, r, s, s, 0) for (k, p, r), s in zip(kinds, starts))
    return Route("V1", visits, 1800, starts[-1] - starts[0])


def test_morning_pickup_happens_no_earlier_than_needed():
    late = as_late_as_possible(_problem(), _route([0, 600, 1260, 1920]))
    assert late is not None
    starts = [v.start for v in late.visits]
    # The delivery at its latest (7200), the pickup just in time for it, the depot left just in time.
    assert starts[:3] == [7_200 - 60 - 600 - 600, 7_200 - 60 - 600, 7_200]
    assert late.visits[3].start == 7_200 + 60 + 600
    assert late.duration == late.visits[3].start - starts[0]


def test_evening_leaves_as_early_as_windows_allow_and_depot_no_earlier_than_needed():
    problem = Problem(
        DURATION, DURATION,
        (Request("R1", 5, Stop(2, 6_000, 8_000, service=60), Stop(1, 0, 20_000, service=60)),),
        (Vehicle("V1", 10, 0, 0, 0, 20_000),),
    )
    stops: list[tuple[VisitKind, int, str | None, int]] = [
        ("start", 0, None, 0), ("pickup", 2, "R1", 7_000), ("delivery", 1, "R1", 7_660), ("end", 0, None, 8_320)
    ]
    route = Route("V1", tuple(Visit(k, p, r, s, s, 0) for k, p, r, s in stops), 1800, 8_320)
    early = as_early_as_possible(problem, route)
    assert early is not None
    assert [v.start for v in early.visits] == [5_400, 6_000, 6_660, 7_320]


def test_an_early_timing_picks_up_late_enough_to_keep_the_ride_within_its_limit():
    # The site opens late (7000): picking up at once would mean a long wait on board, so the bus
    # waits at the station instead and leaves the depot just in time for that.
    problem = _problem(max_ride=700, site_earliest=7_000)
    early = as_early_as_possible(problem, _route([0, 600, 7_000, 7_660]))
    assert early is not None
    assert [v.start for v in early.visits] == [7_000 - 700 - 60 - 600, 7_000 - 700 - 60, 7_000, 7_660]
    late = as_late_as_possible(problem, _route([5_000, 6_340, 7_000, 7_660]))
    assert late is not None and late.visits[2].start - (late.visits[1].start + 60) <= 700


def test_a_late_timing_holds_back_a_delivery_whose_passenger_boarded_early():
    # R1 boards at place 1, then R2 at place 2 by 1500; R1's delivery may be as late as 7200 by its
    # window, but its ride limit holds it to 2000 after R1 left.
    requests = (
        Request("R1", 1, Stop(1, 0, 10_000, service=60), Stop(2, 0, 7_200, service=60), max_ride=2_000),
        Request("R2", 1, Stop(2, 0, 1_500, service=60), Stop(1, 0, 20_000, service=60)),
    )
    problem = Problem(DURATION, DURATION, requests, (Vehicle("V1", 10, 0, 0, 0, 20_000),))
    kinds: list[tuple[VisitKind, int, str | None]] = [
        ("start", 0, None), ("pickup", 1, "R1"), ("pickup", 2, "R2"), ("delivery", 2, "R1"), ("delivery", 1, "R2"),
        ("end", 0, None),
    ]
    starts = [0, 600, 1_260, 1_320, 1_980, 2_640]
    route = Route("V1", tuple(Visit(k, p, r, s, s, 0) for (k, p, r), s in zip(kinds, starts)), 2_400, 2_640)
    late = as_late_as_possible(problem, route)
    assert late is not None
    pickup_r1, delivery_r1 = late.visits[1].start, late.visits[3].start
    assert pickup_r1 == 1_500 - 60 - 600 and delivery_r1 - (pickup_r1 + 60) == 2_000


def test_a_route_whose_ride_limit_is_shorter_than_the_drive_cannot_be_retimed():
    problem = _problem(max_ride=500)
    assert as_early_as_possible(problem, _route([0, 600, 1_260, 1_920])) is None
    assert as_late_as_possible(problem, _route([0, 600, 1_260, 1_920])) is None
