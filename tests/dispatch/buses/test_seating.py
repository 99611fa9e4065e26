"""After routing, workers left waiting take places freed on runs that already pass their station and site."""

from __future__ import annotations

import dataclasses

from dispatch.buses.seating import fill_free_seats
from dispatch.places import Places
from dispatch.plan import DayPlan
from dispatch.reasons import NO_SEAT, ORDER_FULL, Unplaced
from dispatch.settings import PlanSettings

SETTINGS = PlanSettings()


def _without(plan: DayPlan, app_id: str) -> DayPlan:
    """The plan as if routing had left `app_id` behind: off their bus, out of the assignments."""
    runs = []
    for run in plan.runs:
        load, stops = 0, []
        for stop in run.stops:
            board = tuple(a for a in stop.board if a != app_id)
            alight = tuple(a for a in stop.alight if a != app_id)
            load += len(board) - len(alight)
            stops.append(dataclasses.replace(stop, board=board, alight=alight, load=load))
        runs.append(dataclasses.replace(run, stops=tuple(stops)))
    return dataclasses.replace(
        plan, runs=tuple(runs), assignments=tuple(a for a in plan.assignments if a.application_id != app_id)
    )


def _fill(plan: DayPlan, waiting: tuple[Unplaced, ...], settings: PlanSettings = SETTINGS):
    orders = {o.order_id: o for o in plan.scenario.orders}
    places = Places(plan.scenario, road_factor=settings.road_factor, speeds=settings.speeds())
    return fill_free_seats(plan.runs, plan.assignments, plan.unassigned + waiting, orders, plan.scenario, places,
                           settings)


def test_a_worker_left_behind_takes_the_free_place_on_a_bus_passing_their_station(tiny_plan):
    plan = _without(tiny_plan, "A005")
    runs, assignments, unplaced = _fill(plan, (Unplaced("A005", NO_SEAT, "the buses were full"),))
    seated = {a.application_id: a for a in assignments}
    assert seated["A005"].vehicle_id == "V02" and seated["A005"].order_id == "O02"
    assert "A005" not in {u.application_id for u in unplaced}
    v02 = next(r for r in runs if r.vehicle_id == "V02")
    assert "A005" in v02.stops[1].board and "A005" in v02.stops[2].alight
    # Joining changes no stop and no time of the run.
    assert [(s.place_id, s.arrival, s.departure) for s in v02.stops] == \
        [(s.place_id, s.arrival, s.departure) for s in plan.runs[1].stops]


def test_a_waiting_worker_whose_order_was_full_takes_a_place_freed_by_routing(tiny_plan):
    plan = _without(tiny_plan, "A005")
    newcomer = dataclasses.replace(plan.scenario.applications_by_id["A005"], application_id="A007", name="林小红")
    scenario = dataclasses.replace(plan.scenario, applications=(*plan.scenario.applications, newcomer))
    plan = dataclasses.replace(plan, scenario=scenario)
    # A005 is gone for the day; A007 had been told the packing order was full.
    _, assignments, unplaced = _fill(plan, (Unplaced("A007", ORDER_FULL, "the order was full"),))
    assert {a.application_id: a.vehicle_id for a in assignments}["A007"] == "V02"
    assert unplaced == plan.unassigned


def test_a_worker_no_run_can_take_keeps_their_reason(tiny_plan):
    # Both packers left behind and their bus not sent: no run passes S01 on the way to W02.
    plan = _without(_without(tiny_plan, "A004"), "A005")
    plan = dataclasses.replace(plan, runs=tuple(r for r in plan.runs if r.vehicle_id != "V02"))
    waiting = (Unplaced("A004", NO_SEAT, "the buses were full"), Unplaced("A005", NO_SEAT, "the buses were full"))
    runs, assignments, unplaced = _fill(plan, waiting)
    assert runs == plan.runs and assignments == plan.assignments
    assert set(unplaced) == set(plan.unassigned + waiting)


def _team_across_two_stations(tiny_plan, seats: int) -> DayPlan:
    """Team 乌烈女工 (A001, A002 at S02) with A003 (S01) joining it, all three left behind by routing;
    bus V01, which passes S01 and then S02 on the way to their order, has `seats` seats. (A003's
    55-minute ride needs LONG_RIDES.)"""
    plan = _without(_without(_without(tiny_plan, "A001"), "A002"), "A003")
    apps = tuple(dataclasses.replace(a, team="乌烈女工") if a.application_id == "A003" else a
                 for a in plan.scenario.applications)
    runs = tuple(dataclasses.replace(r, seats=seats) if r.vehicle_id == "V01" else r for r in plan.runs)
    return dataclasses.replace(plan, scenario=dataclasses.replace(plan.scenario, applications=apps), runs=runs)


LONG_RIDES = PlanSettings(max_ride_extra_min=60)


def test_a_team_waiting_at_two_stations_takes_free_seats_only_if_all_of_it_fits(tiny_plan):
    waiting = tuple(Unplaced(a, NO_SEAT, "the buses were full") for a in ("A001", "A002", "A003"))
    roomy = _team_across_two_stations(tiny_plan, seats=3)
    _, assignments, unplaced = _fill(roomy, waiting, LONG_RIDES)
    assert {a.application_id for a in assignments} >= {"A001", "A002", "A003"}
    assert not {"A001", "A002", "A003"} & {u.application_id for u in unplaced}

    # Two seats: A003 would fit at S01, but then A001 and A002 find one seat at S02, so none of them goes.
    tight = _team_across_two_stations(tiny_plan, seats=2)
    runs, assignments, unplaced = _fill(tight, waiting, LONG_RIDES)
    assert runs == tight.runs and assignments == tight.assignments
    assert {"A001", "A002", "A003"} <= {u.application_id for u in unplaced}
