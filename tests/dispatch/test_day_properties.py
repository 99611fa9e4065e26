"""Property: any small day plans into a plan that keeps every rule (checked independently)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.idcard import make_id_number
from data.records import Application, Order, Scenario, Site, Station, Vehicle
from dispatch.day import plan_day
from dispatch.outputs.plan_json import plan_to_dict
from dispatch.places import Places
from dispatch.settings import PlanSettings
from tests.support.plan_checker import check_plan

DAY = dt.date(2026, 12, 1)
SKILLS = ("采摘", "包装", "装卸")


@st.composite
def small_days(draw) -> Scenario:
    n_stations, n_sites = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    point = st.tuples(st.floats(19.0, 19.45), st.floats(108.7, 109.2))
    stations = tuple(Station(f"S{i}", f"驿站{i}", "镇", *draw(point)) for i in range(n_stations))
    sites = tuple(Site(f"W{i}", f"单位{i}", f"基地{i}", *draw(point)) for i in range(n_sites))
    orders = tuple(
        Order(f"O{i}", f"W{draw(st.integers(0, n_sites - 1))}", DAY, draw(st.integers(1, 12)),
              draw(st.sampled_from(SKILLS)), start := draw(st.integers(6 * 60 + 30, 10 * 60)),
              start + draw(st.integers(4 * 60, 9 * 60)), return_trip=draw(st.booleans()))
        for i in range(draw(st.integers(1, 3)))
    )
    fleet = tuple(
        Vehicle(f"V{i}", f"琼D·0000{i}", draw(st.sampled_from([5, 19, 45])), 19.28, 109.05, 5 * 60, 21 * 60, "司机")
        for i in range(draw(st.integers(1, 3)))
    )
    team_size = draw(st.integers(0, 6))
    applications = tuple(
        Application(
            f"A{i:03d}", f"工人{i}", "女", make_id_number("469031", dt.date(1980, 1, 1), i), "13800000000",
            f"S{draw(st.integers(0, n_stations - 1)) if i >= team_size else 0}", "村",
            tuple(draw(st.sets(st.sampled_from(SKILLS), min_size=1))) if i >= team_size else SKILLS,
            (DAY,), team="班组" if i < team_size else None, leader=(i == 0 and team_size > 0),
            priority=draw(st.booleans()),
        )
        for i in range(draw(st.integers(1, 25)))
    )
    return Scenario(stations, sites, orders, fleet, applications)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_days())
def test_every_small_day_gives_a_plan_that_keeps_every_rule(scenario):
    rules = PlanSettings(solution_limit=20)
    plan = plan_day(scenario, DAY, rules)
    assert check_plan(plan_to_dict(plan), scenario) == []
    places = Places(scenario, road_factor=rules.road_factor, speeds=rules.speeds())
    for run in plan.runs:
        boarded: dict[str, tuple[int, str]] = {}
        for stop in run.stops:
            boarded.update((a, (stop.departure, stop.place_id)) for a in stop.board)
            for a in stop.alight:
                left, origin = boarded[a]
                ends = (origin, stop.place_id) if run.trip == "morning" else (stop.place_id, origin)
                direct = places.minutes(places.station(ends[0]), places.site(ends[1]))
                limit = rules.max_ride_seconds(round(direct * 60)) / 60
                assert stop.arrival - left <= limit + 1, (run.vehicle_id, run.trip, a)
