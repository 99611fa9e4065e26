"""plan.json export: CONTRACT.md's shape, sort orders, masking, and determinism."""

from __future__ import annotations

import dataclasses
import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.records import Site, Station
from dispatch.outputs import SCHEMA_VERSION, plan_from_dict, plan_to_dict
from dispatch.plan import BusRun, DayPlan, DriverRest, PlanStop

CONTRACT_ROUTE_KEYS = {"vehicle_id", "seats", "trip", "distance_km", "duration_min", "stops"}
CONTRACT_STOP_KEYS = {"kind", "place_id", "lat", "lon", "arrival", "departure", "board", "alight", "load"}
CONTRACT_ASSIGNMENT_KEYS = {"application_id", "order_id", "site_id", "station_id", "vehicle_id"}
CONTRACT_SUMMARY_KEYS = {"workers_requested", "workers_assigned", "buses_used", "distance_km"}


def test_document_has_every_contract_key(tiny_plan: DayPlan) -> None:
    doc = plan_to_dict(tiny_plan)
    assert {"date", "routes", "assignments", "unassigned", "summary"} <= set(doc)
    assert doc["schema_version"] == SCHEMA_VERSION
    assert doc["date"] == "2026-12-01"
    for route in doc["routes"]:
        assert set(route) >= CONTRACT_ROUTE_KEYS
        for stop in route["stops"]:
            assert set(stop) >= CONTRACT_STOP_KEYS
    for a in doc["assignments"]:
        assert set(a) >= CONTRACT_ASSIGNMENT_KEYS
    assert all(set(u) == {"application_id", "reason", "detail", "order_id"} for u in doc["unassigned"])
    assert [o["order_id"] for o in doc["orders"]] == ["O02", "O01"]  # by employer: 十月田… before 昌江…
    assert set(doc["summary"]) >= CONTRACT_SUMMARY_KEYS


def test_document_survives_a_json_round_trip(tiny_plan: DayPlan) -> None:
    doc = plan_to_dict(tiny_plan)
    assert json.loads(json.dumps(doc, ensure_ascii=False)) == doc


def test_routes_are_morning_first_then_by_vehicle(tiny_plan: DayPlan) -> None:
    reversed_plan = dataclasses.replace(tiny_plan, runs=tuple(reversed(tiny_plan.runs)))
    routes = plan_to_dict(reversed_plan)["routes"]
    assert [(r["trip"], r["vehicle_id"]) for r in routes] == [
        ("morning", "V01"), ("morning", "V02"), ("evening", "V01")]


def test_stops_carry_times_as_hhmm_names_and_loads(tiny_plan: DayPlan) -> None:
    morning_v01 = plan_to_dict(tiny_plan)["routes"][0]
    assert [s["arrival"] for s in morning_v01["stops"]] == ["05:30", "05:30", "06:00", "06:30"]
    assert [s["departure"] for s in morning_v01["stops"]] == ["05:30", "05:35", "06:05", "06:35"]
    assert [s["name"] for s in morning_v01["stops"]] == [
        "车场", "石碌镇就业驿站", "乌烈镇就业驿站", "昌江芒果合作社 叉河芒果园"]
    assert [s["load"] for s in morning_v01["stops"]] == [0, 1, 3, 0]
    assert morning_v01["stops"][2]["board"] == ["A001", "A002"]
    assert morning_v01["stops"][3]["alight"] == ["A001", "A002", "A003"]


def test_route_extras_name_the_bus_and_mask_the_driver_phone(tiny_plan: DayPlan) -> None:
    route = plan_to_dict(tiny_plan)["routes"][0]
    assert route["plate"] == "琼D·12345"
    assert route["driver"] == "王师傅"
    assert route["driver_phone"] == "139****1234"
    assert (route["departure"], route["passengers"], route["peak_load"]) == ("05:30", 3, 3)


def test_assignments_carry_both_buses_and_the_departure_times(tiny_plan: DayPlan) -> None:
    doc = plan_to_dict(tiny_plan)
    by_id = {a["application_id"]: a for a in doc["assignments"]}
    assert [a["application_id"] for a in doc["assignments"]] == ["A001", "A002", "A003", "A004", "A005"]
    assert by_id["A001"] == {
        "application_id": "A001", "order_id": "O01", "site_id": "W01", "station_id": "S02",
        "vehicle_id": "V01", "evening_vehicle_id": "V01",
        "boarding_time": "06:05", "arrival_time": "06:30", "return_time": "17:05"}
    assert by_id["A004"]["evening_vehicle_id"] is None
    assert by_id["A004"]["return_time"] is None
    assert by_id["A004"]["boarding_time"] == "07:25"


def test_unassigned_and_summary(tiny_plan: DayPlan) -> None:
    doc = plan_to_dict(tiny_plan)
    assert doc["unassigned"] == [
        {"application_id": "A006", "reason": "no_matching_order", "detail": "no order on 2026-12-01 asks for 电焊",
         "order_id": None}]
    summary = doc["summary"]
    assert (summary["workers_requested"], summary["workers_assigned"], summary["buses_used"]) == (5, 5, 2)
    assert summary["distance_km"] == 105.3
    assert summary["unassigned_by_reason"] == {"no_matching_order": 1}


def test_settings_are_exported_sorted(tiny_plan: DayPlan) -> None:
    plan = dataclasses.replace(tiny_plan, settings={"seed": 7, "road_factor": 1.3})
    assert list(plan_to_dict(plan)["settings"].items()) == [("road_factor", 1.3), ("seed", 7)]


def test_no_full_id_number_or_phone_in_the_text(tiny_plan: DayPlan) -> None:
    text = json.dumps(plan_to_dict(tiny_plan), ensure_ascii=False)
    scenario = tiny_plan.scenario
    secrets = [a.id_number for a in scenario.applications] + [a.phone for a in scenario.applications]
    secrets += [v.driver_phone for v in scenario.fleet]
    assert not [s for s in secrets if s in text]


def test_overlapping_station_and_site_ids_are_named_by_the_stop_role(tiny_plan: DayPlan) -> None:
    scenario = dataclasses.replace(
        tiny_plan.scenario,
        stations=(*tiny_plan.scenario.stations, Station("P1", "海尾镇就业驿站", "海尾镇", 19.3, 108.7)),
        sites=(*tiny_plan.scenario.sites, Site("P1", "海尾农场", "一队", 19.31, 108.71)),
    )
    stops = (
        PlanStop("depot", "V02", 19.279, 109.052, 400, 400),
        PlanStop("pickup", "P1", 19.3, 108.7, 420, 425),
        PlanStop("dropoff", "P1", 19.31, 108.71, 430, 435),
    )
    runs = tuple(BusRun("V02", "琼D·67890", "李师傅", 45, trip, 3.0, 35.0, stops) for trip in ("morning", "evening"))
    doc = plan_to_dict(dataclasses.replace(tiny_plan, scenario=scenario, runs=runs, assignments=()))
    morning, evening = doc["routes"]
    assert [s["name"] for s in morning["stops"]] == ["车场", "海尾镇就业驿站", "海尾农场 一队"]
    assert [s["name"] for s in evening["stops"]] == ["车场", "海尾农场 一队", "海尾镇就业驿站"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rng=st.randoms(use_true_random=False))
def test_input_order_does_not_change_the_document(tiny_plan: DayPlan, rng: random.Random) -> None:
    """The frozen fixture is safe to share between examples."""

    def shuffled(items: tuple) -> tuple:
        return tuple(rng.sample(items, len(items)))

    plan = dataclasses.replace(
        tiny_plan,
        runs=shuffled(tiny_plan.runs),
        assignments=shuffled(tiny_plan.assignments),
        unassigned=shuffled(tiny_plan.unassigned),
    )
    assert plan_to_dict(plan) == plan_to_dict(tiny_plan)


def test_a_runs_rests_are_exported_and_read_back(tiny_plan: DayPlan) -> None:
    rest = DriverRest(before=2, start=5 * 60 + 40, minutes=20, on_road=False)
    runs = (dataclasses.replace(tiny_plan.runs[0], rests=(rest,)), *tiny_plan.runs[1:])
    plan = dataclasses.replace(tiny_plan, runs=runs)
    document = plan_to_dict(plan)
    first = document["routes"][0]
    assert first["vehicle_id"] == "V01" and first["rests"] == [
        {"before_stop": 2, "start": "05:40", "minutes": 20, "on_road": False}
    ]
    assert all(r["rests"] == [] for r in document["routes"][1:])
    assert plan_from_dict(document, plan.scenario).runs[0].rests == (rest,)
