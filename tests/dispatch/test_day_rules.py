"""The rules of a dispatch day, each on a tiny scenario that breaks if the rule is ignored."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np

from data.records import Application, Order, Parking, Scenario, Site, Station, Vehicle
from dispatch.day import plan_day
from dispatch.outputs.plan_json import plan_to_dict
from dispatch.reasons import NO_SEAT, UNREACHABLE_IN_TIME
from dispatch.settings import PlanSettings
from dispatch.travel import great_circle_km
from tests.support.plan_checker import check_plan

DAY = dt.date(2026, 12, 1)
SETTINGS = PlanSettings(solution_limit=50)
SHILU = Station("S1", "石碌镇就业驿站", "石碌镇", 19.279, 109.052)
WULIE = Station("S2", "乌烈镇就业驿站", "乌烈镇", 19.365, 108.80)
FARM = Site("W1", "芒果合作社", "叉河芒果园", 19.233, 108.983)
PACKING = Site("W2", "包装厂", "十月田车间", 19.343, 109.04)


def _bus(vehicle_id: str, seats: int) -> Vehicle:
    return Vehicle(vehicle_id, f"琼D·{vehicle_id}", seats, 19.2755, 109.056, 5 * 60, 21 * 60, "司机")


def _worker(i: int, station: str = "S1", skill: str = "采摘", **kw) -> Application:
    return Application(f"A{i:03d}", f"工人{i}", "女", "", "", station, "村", (skill,), (DAY,), **kw)


def _day(applications, orders, fleet) -> Scenario:
    return Scenario((SHILU, WULIE), (FARM, PACKING), tuple(orders), tuple(fleet), tuple(applications))


def _plan(scenario: Scenario):
    plan = plan_day(scenario, DAY, SETTINGS)
    assert check_plan(plan_to_dict(plan), scenario) == []
    return plan


def test_when_seats_are_scarce_hardship_cases_ride_first():
    workers = [_worker(i, priority=i in (7, 8)) for i in range(1, 9)]
    orders = [Order("O1", "W1", DAY, 8, "采摘", 8 * 60, 17 * 60)]
    plan = _plan(_day(workers, orders, [_bus("V1", 5)]))
    riding = {a.application_id for a in plan.assignments}
    assert len(riding) == 5
    assert {"A007", "A008"} <= riding
    assert all(u.reason == NO_SEAT for u in plan.unassigned)


def test_an_order_no_bus_can_reach_in_time_leaves_exactly_its_workers_unreachable():
    pickers = [_worker(i, skill="采摘") for i in range(1, 4)]
    packers = [_worker(i, skill="包装") for i in range(4, 7)]
    orders = [
        Order("O1", "W1", DAY, 5, "采摘", 5 * 60 + 5, 14 * 60),  # buses leave at 05:00: too early to be reached
        Order("O2", "W2", DAY, 5, "包装", 8 * 60, 17 * 60),
    ]
    plan = _plan(_day(pickers + packers, orders, [_bus("V1", 19)]))
    unreachable = {u.application_id for u in plan.unassigned if u.reason == UNREACHABLE_IN_TIME}
    assert unreachable == {"A001", "A002", "A003"}
    assert {a.application_id for a in plan.assignments} == {"A004", "A005", "A006"}


def test_a_team_bigger_than_any_bus_rides_to_one_site_in_several_buses():
    team = [_worker(i, station="S2", team="乌烈女工", leader=(i == 1)) for i in range(1, 26)]
    orders = [Order("O1", "W1", DAY, 30, "采摘", 8 * 60, 17 * 60)]
    plan = _plan(_day(team, orders, [_bus("V1", 19), _bus("V2", 19)]))
    assert len(plan.assignments) == 25
    assert {a.site_id for a in plan.assignments} == {"W1"}
    assert {a.vehicle_id for a in plan.assignments} == {"V1", "V2"}


def test_the_morning_bus_picks_up_no_earlier_than_needed():
    workers = [_worker(i) for i in range(1, 4)]
    orders = [Order("O1", "W1", DAY, 3, "采摘", 9 * 60, 17 * 60)]
    plan = _plan(_day(workers, orders, [_bus("V1", 19)]))
    morning = plan.runs_for("morning")[0]
    pickup, dropoff = morning.stops[1], morning.stops[2]
    shift_start = orders[0].shift_start
    # Arrival just before the shift (within the buffer and boarding time), so nobody boards hours early.
    assert shift_start - SETTINGS.arrival_buffer_min - 1 <= dropoff.arrival <= shift_start - SETTINGS.arrival_buffer_min
    assert pickup.departure >= dropoff.arrival - 60


def test_the_evening_bus_waits_for_the_shift_end_and_brings_everyone_home():
    workers = [_worker(1, station="S1"), _worker(2, station="S2")]
    orders = [Order("O1", "W1", DAY, 2, "采摘", 8 * 60, 17 * 60)]
    plan = _plan(_day(workers, orders, [_bus("V1", 19)]))
    evening = plan.runs_for("evening")[0]
    pickup = next(s for s in evening.stops if s.kind == "pickup")
    assert pickup.place_id == "W1" and pickup.arrival >= 17 * 60 - SETTINGS.evening_wait_min
    assert pickup.departure >= 17 * 60
    homes = {a: s.place_id for s in evening.stops for a in s.alight}
    assert homes == {"A001": "S1", "A002": "S2"}


def test_a_small_group_rides_the_bus_that_costs_less_per_kilometre():
    workers = [_worker(i) for i in range(1, 6)]
    orders = [Order("O1", "W1", DAY, 5, "采摘", 8 * 60, 17 * 60)]
    fleet = [dataclasses.replace(_bus("V1", 45), cost_per_km=4.5), dataclasses.replace(_bus("V2", 19), cost_per_km=3.0)]
    plan = _plan(_day(workers, orders, fleet))
    assert {r.vehicle_id for r in plan.runs} == {"V2"}
    dearer = [fleet[0], dataclasses.replace(fleet[1], cost_per_km=6.0)]
    assert {r.vehicle_id for r in _plan(_day(workers, orders, dearer)).runs} == {"V1"}


def test_a_driver_who_would_drive_over_four_hours_gets_a_rest_of_twenty_minutes():
    sanya = Site("W3", "南繁基地", "崖州基地", 18.36, 109.17)  # 2 h 25 min each way at a flat 55 km/h
    scenario = dataclasses.replace(
        _day([_worker(i) for i in range(1, 4)],
             [Order("O1", "W3", DAY, 3, "采摘", 10 * 60, 17 * 60, return_trip=False)], [_bus("V1", 19)]),
        sites=(FARM, PACKING, sanya),
    )
    flat = dataclasses.replace(SETTINGS, speed_kmh=55.0)
    plan = plan_day(scenario, DAY, flat)  # the checker re-counts every stretch of driving between rests
    assert check_plan(plan_to_dict(plan), scenario) == []
    assert len(plan.assignments) == 3
    (run,) = plan.runs  # out with the workers, then straight home: nothing to wait for
    assert run.stops[-1].kind == "depot"
    driving = sum(b.arrival - a.departure for a, b in zip(run.stops, run.stops[1:]))
    assert driving > flat.max_driving_min + flat.rest_min
    assert run.rests and all(r.minutes >= flat.rest_min for r in run.rests)
    unbound = plan_day(scenario, DAY, dataclasses.replace(flat, max_driving_min=24 * 60))
    assert all(run.rests == () for run in unbound.runs)


def test_a_bus_that_brought_workers_far_waits_there_and_brings_them_home():
    sanya = Site("W3", "南繁基地", "崖州基地", 18.36, 109.17)
    scenario = dataclasses.replace(
        _day([_worker(i) for i in range(1, 4)], [Order("O1", "W3", DAY, 3, "采摘", 10 * 60, 17 * 60)],
             [_bus("V1", 19)]),
        sites=(FARM, PACKING, sanya),
    )
    plan = _plan(scenario)
    assert check_plan(plan_to_dict(plan), scenario) == []
    morning, evening = plan.runs_for("morning")[0], plan.runs_for("evening")[0]
    assert morning.stops[-1].place_id == evening.stops[0].place_id == "W3"  # no empty run home and back
    assert morning.stops[0].kind == evening.stops[-1].kind == "depot"
    back_and_forth = plan_day(scenario, DAY, dataclasses.replace(SETTINGS, buses_wait_at_sites=False))
    assert sum(r.distance_km for r in plan.runs) < 0.6 * sum(r.distance_km for r in back_and_forth.runs)


def test_a_bus_waits_at_the_parking_place_its_site_names_and_sets_out_from_there():
    sanya = Site("W3", "南繁基地", "崖州基地", 18.36, 109.17, parking_id="P1")
    lot = Parking("P1", "崖州客运站停车场", 18.40, 109.19)
    scenario = dataclasses.replace(
        _day([_worker(i) for i in range(1, 4)], [Order("O1", "W3", DAY, 3, "采摘", 10 * 60, 17 * 60)],
             [_bus("V1", 19)]),
        sites=(FARM, PACKING, sanya), parking=(lot,),
    )
    plan = _plan(scenario)
    morning, evening = plan.runs_for("morning")[0], plan.runs_for("evening")[0]
    assert [(s.place_id, s.parking) for s in morning.stops[-2:]] == [("W3", False), ("P1", True)]
    assert [(s.place_id, s.parking) for s in evening.stops[:2]] == [("P1", True), ("W3", False)]
    assert evening.stops[0].departure >= morning.stops[-1].arrival
    assert evening.stops[1].arrival <= 17 * 60  # it leaves the parking place in time for the shift's end
    at_site = dataclasses.replace(scenario, sites=(FARM, PACKING, dataclasses.replace(sanya, parking_id="")))
    waited_at_site = plan_day(at_site, DAY, SETTINGS)
    to_the_lot = great_circle_km(np.array([18.36, 18.40]), np.array([109.17, 109.19]))[0, 1] * SETTINGS.road_factor
    extra = sum(r.distance_km for r in plan.runs) - sum(r.distance_km for r in waited_at_site.runs)
    assert abs(extra - 2 * to_the_lot) < 0.3  # there and back, counted on the runs


def test_nobody_boards_before_the_earliest_boarding_time():
    early = [Order("O1", "W1", DAY, 3, "采摘", 6 * 60 + 30, 16 * 60)]  # only reachable by boarding before 06:00
    scenario = _day([_worker(i) for i in range(1, 4)], early, [_bus("V1", 19)])
    plan = _plan(scenario)
    assert {u.reason for u in plan.unassigned} == {"unreachable_in_time"}
    allowed = plan_day(scenario, DAY, dataclasses.replace(SETTINGS, earliest_boarding="05:30"))
    assert len(allowed.assignments) == 3
    assert min(s.departure - SETTINGS.boarding_min for r in allowed.runs for s in r.stops if s.board) < 6 * 60


def test_the_bus_that_costs_less_for_the_day_goes_out():
    workers = [_worker(i) for i in range(1, 4)]
    orders = [Order("O1", "W1", DAY, 3, "采摘", 8 * 60, 17 * 60)]

    def buses_out(v1_day: float, v2_day: float) -> set[str]:
        fleet = [dataclasses.replace(_bus("V1", 19), cost_per_km=3.0, cost_per_day=v1_day),
                 dataclasses.replace(_bus("V2", 19), cost_per_km=3.0, cost_per_day=v2_day)]
        return {r.vehicle_id for r in _plan(_day(workers, orders, fleet)).runs}

    assert buses_out(800.0, 200.0) == {"V2"}
    assert buses_out(200.0, 800.0) == {"V1"}


def test_a_team_the_buses_cannot_all_carry_stays_home_whole_and_others_take_the_bus():
    team = [_worker(i, team="乌烈女工", leader=(i == 1)) for i in range(1, 7)]
    others = [_worker(i) for i in range(7, 10)]
    orders = [Order("O1", "W1", DAY, 9, "采摘", 8 * 60, 17 * 60)]
    plan = _plan(_day(team + others, orders, [_bus("V1", 5)]))  # five seats: the six cannot all ride both ways
    assert {a.application_id for a in plan.assignments} == {"A007", "A008", "A009"}
    team_home = {u.application_id: u for u in plan.unassigned}
    assert set(team_home) == {f"A{i:03d}" for i in range(1, 7)}
    assert all(u.reason == NO_SEAT and "team 乌烈女工 travels together" in u.detail for u in team_home.values())


def test_a_day_no_driver_can_drive_within_eight_hours_leaves_its_workers_home_saying_why():
    """Haikou at a flat 45 km/h is 4.5 hours each way: whichever bus goes, its driver's day would be
    over the 8-hour limit, so nobody is sent out who cannot be brought back within it."""
    haikou = Site("W9", "综保区电子厂", "海口综保区", 20.01, 110.33)
    scenario = dataclasses.replace(
        _day([_worker(i) for i in range(1, 4)], [Order("O1", "W9", DAY, 3, "采摘", 12 * 60, 14 * 60 + 30)],
             [_bus("V1", 19), _bus("V2", 19)]),
        sites=(FARM, PACKING, haikou),
    )
    slow = dataclasses.replace(SETTINGS, speed_kmh=45.0)
    plan = plan_day(scenario, DAY, slow)
    assert plan.runs == () and plan.assignments == ()
    assert {u.reason for u in plan.unassigned} == {UNREACHABLE_IN_TIME}
    assert all("what its driver may still drive today" in u.detail for u in plan.unassigned)
    longer = plan_day(scenario, DAY, dataclasses.replace(slow, max_daily_driving_min=600))
    assert len(longer.assignments) == 3 and check_plan(plan_to_dict(longer), scenario) != []  # the checker keeps 8 h


def test_a_second_driver_aboard_lets_the_bus_drive_the_long_day_without_a_warning():
    haikou = Site("W9", "综保区电子厂", "海口综保区", 20.01, 110.33)
    two_drivers = dataclasses.replace(_bus("V1", 19), second_driver="副驾")
    scenario = dataclasses.replace(
        _day([_worker(i) for i in range(1, 4)], [Order("O1", "W9", DAY, 3, "采摘", 12 * 60, 14 * 60 + 30)],
             [two_drivers, _bus("V2", 19)]),
        sites=(FARM, PACKING, haikou),
    )
    plan = plan_day(scenario, DAY, dataclasses.replace(SETTINGS, speed_kmh=45.0))
    assert len(plan.assignments) == 3
    assert {r.vehicle_id for r in plan.runs} == {"V1"}
    assert [w for w in plan.warnings if "in the day" in w] == []
    document = plan_to_dict(plan)
    assert {r["second_driver"] for r in document["routes"]} == {"副驾"}
    assert check_plan(document, scenario) == []
