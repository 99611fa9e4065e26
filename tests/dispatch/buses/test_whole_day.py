"""A bus's whole day routed as one problem (`plan_whole_day`): one schedule per bus, cut into the
morning run and the evening run, each checked as a trip routed alone would be."""

from __future__ import annotations

import dataclasses

from data.records import Order, Scenario, Site
from dispatch.day import plan_day
from dispatch.outputs.plan_json import plan_to_dict
from tests.dispatch.test_day_rules import DAY, FARM, PACKING, SETTINGS, SHILU, WULIE, _bus, _worker
from tests.support.plan_checker import check_plan

BASUO = Site("W3", "东方港物流园", "八所", 19.10, 108.64)
WHOLE_DAY = dataclasses.replace(SETTINGS, plan_whole_day=True)
IN_TURN = dataclasses.replace(SETTINGS, plan_whole_day=False)


def _far_and_near_day() -> Scenario:
    far = [_worker(i, station="S1" if i % 2 else "S2", skill="装卸") for i in range(1, 13)]
    near = [_worker(i, skill="包装") for i in range(13, 21)]
    orders = [Order("O1", "W3", DAY, 12, "装卸", 10 * 60, 17 * 60), Order("O2", "W2", DAY, 8, "包装", 8 * 60, 17 * 60)]
    fleet = [_bus("V1", 33), _bus("V2", 33), _bus("V3", 19)]
    return Scenario((SHILU, WULIE), (FARM, PACKING, BASUO), tuple(orders), tuple(fleet), tuple(far + near))


def test_one_bus_takes_the_far_order_out_waits_there_and_brings_it_home():
    scenario = _far_and_near_day()
    plan = plan_day(scenario, DAY, WHOLE_DAY)
    assert check_plan(plan_to_dict(plan), scenario) == []
    assert len(plan.assignments) == 20
    far_out = [r for r in plan.runs_for("morning") if any(s.place_id == "W3" for s in r.stops)]
    far_home = [r for r in plan.runs_for("evening") if any(s.place_id == "W3" for s in r.stops)]
    assert len(far_out) == len(far_home) == 1
    assert far_out[0].vehicle_id == far_home[0].vehicle_id
    assert far_home[0].stops[0].place_id == "W3"  # it waited there, and set out from there


def test_no_bus_comes_out_for_the_evening_alone_when_the_morning_buses_can_wait():
    """Routed in turn, one bus does both mornings and a second comes out from the depot at night
    (201.7 km); seen whole, each bus waits where it left its workers (183.0 km)."""
    scenario = _far_and_near_day()
    whole = plan_day(scenario, DAY, WHOLE_DAY)
    in_turn = plan_day(scenario, DAY, IN_TURN)
    assert len(whole.assignments) == len(in_turn.assignments) == 20
    assert all(r.stops[0].kind != "depot" for r in whole.runs_for("evening"))
    assert sum(r.distance_km for r in whole.runs) <= sum(r.distance_km for r in in_turn.runs)


def test_a_day_whose_shifts_end_before_another_shift_starts_is_routed_in_turn():
    """A half-day shift ending at 11:00 before a 13:00 start: a route could mix the trips, so the
    day is not cut by time, and the morning is routed first as without the setting."""
    scenario = _far_and_near_day()
    early = dataclasses.replace(scenario.orders[1], shift_start=7 * 60, shift_end=11 * 60)
    late = dataclasses.replace(scenario.orders[0], shift_start=13 * 60, shift_end=19 * 60)
    scenario = dataclasses.replace(scenario, orders=(late, early))
    whole = plan_day(scenario, DAY, WHOLE_DAY)
    in_turn = plan_day(scenario, DAY, IN_TURN)
    assert check_plan(plan_to_dict(whole), scenario) == []
    assert whole.runs == in_turn.runs
