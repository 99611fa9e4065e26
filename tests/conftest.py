"""Shared named fixtures: a tiny hand-made day and its plan, for tests of every output."""

from __future__ import annotations

import datetime as dt

import pytest

from data.records import Application, Order, Scenario, Site, Station, Vehicle
from dispatch.plan import Assignment, BusRun, DayPlan, PlanStop
from dispatch.reasons import NO_MATCHING_ORDER, Unplaced

TINY_DATE = dt.date(2026, 12, 1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests on public benchmark instances (those using `shared_benchmarks`) are slow; and modules with
    slow tests go first, so the two xdist workers finish together rather than one waiting on the other's
    long last module."""
    for item in items:
        if "shared_benchmarks" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
    slow_modules = {item.nodeid.split("::")[0] for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.nodeid.split("::")[0] not in slow_modules)


def _application(app_id: str, name: str, station: str, skills: tuple[str, ...], **kw) -> Application:
    serial = int(app_id[1:])
    return Application(
        application_id=app_id,
        name=name,
        gender=kw.pop("gender", "女"),
        id_number=kw.pop("id_number", f"46903119900101{serial:03d}X"),
        phone=kw.pop("phone", f"13800138{serial:03d}"),
        station_id=station,
        village=kw.pop("village", "乌烈村"),
        skills=skills,
        dates=(TINY_DATE,),
        **kw,
    )


@pytest.fixture
def tiny_scenario() -> Scenario:
    """Two stations, two sites, two orders, two buses, six applicants (a team of two, a hardship case)."""
    stations = (
        Station("S01", "石碌镇就业驿站", "石碌镇", 19.2790, 109.0520),
        Station("S02", "乌烈镇就业驿站", "乌烈镇", 19.3540, 108.8560),
    )
    sites = (
        Site("W01", "昌江芒果合作社", "叉河芒果园", 19.2420, 108.9880),
        Site("W02", "十月田包装厂", "十月田包装车间", 19.2050, 109.1210),
    )
    orders = (
        Order("O01", "W01", TINY_DATE, 3, "采摘", 7 * 60, 17 * 60, 180.0),
        Order("O02", "W02", TINY_DATE, 2, "包装", 8 * 60, 18 * 60, 200.0, return_trip=False),
    )
    fleet = (
        Vehicle("V01", "琼D·12345", 19, 19.2790, 109.0520, 5 * 60, 21 * 60, "王师傅", "13907551234"),
        Vehicle("V02", "琼D·67890", 45, 19.2790, 109.0520, 5 * 60, 21 * 60, "李师傅", "13907555678"),
    )
    applications = (
        _application("A001", "符秀英", "S02", ("采摘",), team="乌烈女工", leader=True),
        _application("A002", "王丽梅", "S02", ("采摘", "种植"), team="乌烈女工"),
        _application("A003", "陈亚妹", "S01", ("采摘",), priority=True),
        _application("A004", "吉文光", "S01", ("包装",), gender="男"),
        _application("A005", "羊小兰", "S01", ("包装",)),
        _application("A006", "黎明", "S02", ("电焊",), gender="男"),
    )
    return Scenario(stations, sites, orders, fleet, applications, source="tiny")


@pytest.fixture
def tiny_plan(tiny_scenario: Scenario) -> DayPlan:
    """A hand-made, valid plan for the tiny day: V01 carries the pickers both ways, V02 the packers one way
    (their order has no return trip); A006 stays home."""
    s1, s2 = tiny_scenario.stations
    w1, w2 = tiny_scenario.sites
    morning_v01 = BusRun(
        "V01", "琼D·12345", "王师傅", 19, "morning", 52.4, 95.0,
        (
            PlanStop("depot", "V01", 19.2790, 109.0520, 5 * 60 + 30, 5 * 60 + 30, load=0),
            PlanStop("pickup", "S01", s1.lat, s1.lon, 5 * 60 + 30, 5 * 60 + 35, board=("A003",), load=1),
            PlanStop("pickup", "S02", s2.lat, s2.lon, 6 * 60, 6 * 60 + 5, board=("A001", "A002"), load=3),
            PlanStop("dropoff", "W01", w1.lat, w1.lon, 6 * 60 + 30, 6 * 60 + 35,
                     alight=("A001", "A002", "A003"), load=0),
        ),
    )
    morning_v02 = BusRun(
        "V02", "琼D·67890", "李师傅", 45, "morning", 12.8, 30.0,
        (
            PlanStop("depot", "V02", 19.2790, 109.0520, 7 * 60 + 20, 7 * 60 + 20, load=0),
            PlanStop("pickup", "S01", s1.lat, s1.lon, 7 * 60 + 20, 7 * 60 + 25, board=("A004", "A005"), load=2),
            PlanStop("dropoff", "W02", w2.lat, w2.lon, 7 * 60 + 45, 7 * 60 + 50, alight=("A004", "A005"), load=0),
        ),
    )
    evening_v01 = BusRun(
        "V01", "琼D·12345", "王师傅", 19, "evening", 40.1, 80.0,
        (
            PlanStop("depot", "V01", 19.2790, 109.0520, 16 * 60 + 30, 16 * 60 + 30, load=0),
            PlanStop("pickup", "W01", w1.lat, w1.lon, 17 * 60, 17 * 60 + 5,
                     board=("A001", "A002", "A003"), load=3),
            PlanStop("dropoff", "S02", s2.lat, s2.lon, 17 * 60 + 30, 17 * 60 + 35, alight=("A001", "A002"), load=1),
            PlanStop("dropoff", "S01", s1.lat, s1.lon, 18 * 60, 18 * 60 + 5, alight=("A003",), load=0),
        ),
    )
    return DayPlan(
        date=TINY_DATE,
        scenario=tiny_scenario,
        runs=(morning_v01, morning_v02, evening_v01),
        assignments=(
            Assignment("A001", "O01", "W01", "S02", "V01", "V01"),
            Assignment("A002", "O01", "W01", "S02", "V01", "V01"),
            Assignment("A003", "O01", "W01", "S01", "V01", "V01"),
            Assignment("A004", "O02", "W02", "S01", "V02", None),
            Assignment("A005", "O02", "W02", "S01", "V02", None),
        ),
        unassigned=(
            Unplaced("A006", NO_MATCHING_ORDER, "no order on 2026-12-01 asks for 电焊"),
        ),
    )
