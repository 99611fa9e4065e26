"""The independent plan checker: silent on a valid plan, and loud on each kind of broken one.

Each broken plan is the valid tiny plan's JSON with one defect put in by hand.
"""

from __future__ import annotations

import ast
import copy
import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.records import Parking, Scenario
from dispatch.outputs.plan_json import plan_to_dict
from dispatch.plan import BusRun, DayPlan, PlanStop
from tests.support import plan_checker
from tests.support.plan_checker import check_plan

Doc = dict[str, Any]


@pytest.fixture
def checked_scenario(tiny_scenario: Scenario) -> Scenario:
    """The tiny day as tiny_plan carries it (order O02, the packers, goes one way only)."""
    return tiny_scenario


@pytest.fixture
def waiting_plan(tiny_plan: DayPlan, tiny_scenario: Scenario) -> DayPlan:
    """The tiny plan as a bus company runs it: boarding from 06:00, V01 waits at W01 for the pickers,
    V02 goes home after the packers (their order has no return trip)."""
    s1, s2 = tiny_scenario.stations
    w1, w2 = tiny_scenario.sites
    morning_v01 = BusRun(
        "V01", "琼D·12345", "王师傅", 19, "morning", 52.4, 55.0,
        (
            PlanStop("depot", "V01", 19.2790, 109.0520, 6 * 60, 6 * 60, load=0),
            PlanStop("pickup", "S01", s1.lat, s1.lon, 6 * 60, 6 * 60 + 5, board=("A003",), load=1),
            PlanStop("pickup", "S02", s2.lat, s2.lon, 6 * 60 + 25, 6 * 60 + 30, board=("A001", "A002"), load=3),
            PlanStop("dropoff", "W01", w1.lat, w1.lon, 6 * 60 + 50, 6 * 60 + 55,
                     alight=("A001", "A002", "A003"), load=0),
        ),
    )
    morning_v02 = BusRun(
        "V02", "琼D·67890", "李师傅", 45, "morning", 18.9, 50.0,
        (
            PlanStop("depot", "V02", 19.2790, 109.0520, 7 * 60 + 20, 7 * 60 + 20, load=0),
            PlanStop("pickup", "S01", s1.lat, s1.lon, 7 * 60 + 20, 7 * 60 + 25, board=("A004", "A005"), load=2),
            PlanStop("dropoff", "W02", w2.lat, w2.lon, 7 * 60 + 45, 7 * 60 + 50, alight=("A004", "A005"), load=0),
            PlanStop("depot", "V02", 19.2790, 109.0520, 8 * 60 + 10, 8 * 60 + 10, load=0),
        ),
    )
    evening_v01 = BusRun(  # V01 waited at W01 all day
        "V01", "琼D·12345", "王师傅", 19, "evening", 40.1, 80.0,
        (
            PlanStop("pickup", "W01", w1.lat, w1.lon, 17 * 60, 17 * 60 + 5,
                     board=("A001", "A002", "A003"), load=3),
            PlanStop("dropoff", "S02", s2.lat, s2.lon, 17 * 60 + 30, 17 * 60 + 35, alight=("A001", "A002"), load=1),
            PlanStop("dropoff", "S01", s1.lat, s1.lon, 18 * 60, 18 * 60 + 5, alight=("A003",), load=0),
            PlanStop("depot", "V01", 19.2790, 109.0520, 18 * 60 + 20, 18 * 60 + 20, load=0),
        ),
    )
    return dataclasses.replace(tiny_plan, runs=(morning_v01, morning_v02, evening_v01))


@pytest.fixture
def valid_doc(waiting_plan: DayPlan, checked_scenario: Scenario) -> Doc:
    return plan_to_dict(dataclasses.replace(waiting_plan, scenario=checked_scenario))


def route(doc: Doc, vehicle_id: str, trip: str) -> Doc:
    return next(r for r in doc["routes"] if r["vehicle_id"] == vehicle_id and r["trip"] == trip)


def problems_after(doc: Doc, scenario: Scenario, defect: Callable[[Doc], None]) -> list[str]:
    broken = copy.deepcopy(doc)
    defect(broken)
    return check_plan(broken, scenario)


def test_the_tiny_plan_passes(valid_doc: Doc, checked_scenario: Scenario) -> None:
    assert check_plan(valid_doc, checked_scenario) == []


def test_a_missing_return_trip_is_caught(waiting_plan: DayPlan, tiny_scenario: Scenario) -> None:
    """If O02 wanted a return trip, nobody would drive the packers home."""
    orders = tuple(dataclasses.replace(o, return_trip=True) for o in tiny_scenario.orders)
    wants_return = dataclasses.replace(tiny_scenario, orders=orders)
    assert check_plan(plan_to_dict(waiting_plan), wants_return) == [
        "A004 has no evening ride (bus None)", "A005 has no evening ride (bus None)"]


def _overfull(doc: Doc) -> None:
    route(doc, "V01", "morning")["seats"] = 2


def _load_mismatch(doc: Doc) -> None:
    route(doc, "V01", "morning")["stops"][2]["load"] = 2


def _wrong_station(doc: Doc) -> None:
    stops = route(doc, "V01", "morning")["stops"]
    stops[1]["board"], stops[2]["board"] = ["A003", "A001"], ["A002"]
    stops[1]["load"] = 2


def _assignment_names_the_wrong_station(doc: Doc) -> None:
    doc["assignments"][0]["station_id"] = "S01"


def _late_arrival(doc: Doc) -> None:
    route(doc, "V01", "morning")["stops"][3].update(arrival="07:10", departure="07:15")


def _evening_pickup_before_shift_end(doc: Doc) -> None:
    route(doc, "V01", "evening")["stops"][0].update(arrival="16:40", departure="16:45")


def _times_go_backwards(doc: Doc) -> None:
    route(doc, "V02", "morning")["stops"][2].update(arrival="07:10", departure="07:50")


def _departs_before_arriving(doc: Doc) -> None:
    route(doc, "V02", "morning")["stops"][1].update(arrival="07:25", departure="07:20")


def _no_depot_first(doc: Doc) -> None:
    del route(doc, "V02", "morning")["stops"][0]


def _no_depot_last(doc: Doc) -> None:
    del route(doc, "V02", "morning")["stops"][-1]


def _evening_sets_out_elsewhere(doc: Doc) -> None:
    stop = route(doc, "V01", "evening")["stops"][0]
    stop.update(place_id="W02", lat=stop["lat"] + 0.01)


def _boards_before_six(doc: Doc) -> None:
    route(doc, "V01", "morning")["stops"][1].update(arrival="05:50", departure="05:55")


def _drives_over_four_hours(doc: Doc) -> None:
    route(doc, "V02", "morning")["stops"][-1].update(arrival="12:00", departure="12:00")  # 20 + 250 min


def _drives_over_two_hours_by_night(doc: Doc) -> None:
    stops = route(doc, "V01", "evening")["stops"]
    stops[2]["departure"] = "20:10"  # rested at S01; then 240 min home, 130 of them after 22:00
    stops[3].update(arrival="24:10", departure="24:10")


def _drives_over_eight_hours_in_the_day(doc: Doc) -> None:
    stops = route(doc, "V01", "evening")["stops"]  # 40 min in the morning, then 230, 120 and 110 min
    stops[1].update(arrival="20:55", departure="21:15")  # with 20-minute rests between
    stops[2].update(arrival="23:15", departure="23:35")
    stops[3].update(arrival="25:25", departure="25:25")


def _duplicated_applicant(doc: Doc) -> None:
    doc["unassigned"].append({"application_id": "A001", "reason": "no_seat", "detail": "twice"})


def _missing_applicant(doc: Doc) -> None:
    doc["unassigned"].clear()


def _unavailable_applicant(doc: Doc) -> None:
    doc["unassigned"].append({"application_id": "A999", "reason": "no_seat", "detail": "unknown"})


def _reason_not_a_code(doc: Doc) -> None:
    doc["unassigned"][0]["reason"] = "No matching order!"


def _order_overfilled(doc: Doc) -> None:
    doc["assignments"][3].update(order_id="O01", site_id="W01")


def _team_split(doc: Doc) -> None:
    doc["assignments"][1].update(order_id="O02", site_id="W02")


def _rides_another_bus(doc: Doc) -> None:
    doc["assignments"][0]["vehicle_id"] = "V02"


def _rider_not_assigned(doc: Doc) -> None:
    stops = route(doc, "V02", "morning")["stops"]
    stops[1]["board"].append("A006")
    stops[1]["load"] = 3
    stops[2]["alight"].append("A006")


def _summary_off(doc: Doc) -> None:
    doc["summary"].update(workers_assigned=6, distance_km=99.0)


def _full_phone_leaked(doc: Doc) -> None:
    route(doc, "V01", "morning")["driver_phone"] = "13907551234"


def _full_id_leaked(doc: Doc) -> None:
    doc["unassigned"][0]["detail"] = "ID 469031199001010060 has no order"


def _gcj02_coordinates(doc: Doc) -> None:
    route(doc, "V01", "morning")["stops"][2]["lat"] += 0.0045


def _coordinates_out_of_range(doc: Doc) -> None:
    route(doc, "V01", "morning")["stops"][2]["lon"] = 200.0


def _site_as_morning_pickup(doc: Doc) -> None:
    route(doc, "V02", "morning")["stops"][1]["place_id"] = "W02"


def _passenger_never_alights(doc: Doc) -> None:
    stops = route(doc, "V02", "morning")["stops"]
    stops[2]["alight"] = ["A004"]
    stops[2]["load"] = 1


def _two_routes_one_bus(doc: Doc) -> None:
    doc["routes"].append(copy.deepcopy(route(doc, "V02", "morning")))


def _unknown_vehicle(doc: Doc) -> None:
    route(doc, "V02", "morning")["vehicle_id"] = "V99"


def _outside_bus_hours(doc: Doc) -> None:
    route(doc, "V01", "morning")["stops"][0].update(arrival="04:00", departure="04:00")


def _missing_key(doc: Doc) -> None:
    del doc["routes"][0]["stops"][1]["load"]


def _bad_time(doc: Doc) -> None:
    doc["routes"][0]["stops"][1]["arrival"] = "5:30am"


DEFECTS = [
    (_overfull, "more than the 2 seats"),
    (_load_mismatch, "load 2 but boarding and alighting give 3"),
    (_wrong_station, "A001 boards at S01, not at S02"),
    (_assignment_names_the_wrong_station, "registered at S02"),
    (_late_arrival, "A001 arrives 07:10, after order O01's shift starts"),
    (_evening_pickup_before_shift_end, "before order O01's shift ends"),
    (_times_go_backwards, "before the previous stop's departure"),
    (_departs_before_arriving, "departs 07:20 before it arrives 07:25"),
    (_no_depot_first, "bus V02: its day does not start at its depot"),
    (_no_depot_last, "bus V02: its day does not end at its depot"),
    (_evening_sets_out_elsewhere, "its evening run sets out from W02, but its morning run left it at W01"),
    (_boards_before_six, "people board at 05:50, before 06:00"),
    (_drives_over_four_hours, "drives 270 min without a 20-minute rest"),
    (_drives_over_two_hours_by_night, "drives 130 min by night without a 20-minute rest"),
    (_drives_over_eight_hours_in_the_day, "bus V01: drives 500 min in the day, more than 480"),
    (_duplicated_applicant, "application A001 appears 2 times"),
    (_missing_applicant, "A006 is available on 2026-12-01 but neither assigned nor unassigned"),
    (_unavailable_applicant, "A999 is listed but not available"),
    (_reason_not_a_code, "not a code"),
    (_order_overfilled, "order O01 asks for 3 workers but gets 4"),
    (_order_overfilled, "needs 采摘, which the applicant lacks"),
    (_team_split, "team 乌烈女工 is split"),
    (_rides_another_bus, "A001 is assigned the morning bus V02 but rides route V01 morning"),
    (_rider_not_assigned, "A006 rides but is not assigned"),
    (_summary_off, "summary workers_assigned is 6 but the plan gives 5"),
    (_summary_off, "summary distance_km is 99.0"),
    (_full_phone_leaked, "full phone number 139..."),
    (_full_phone_leaked, "the scenario's number 139..."),
    (_full_id_leaked, "full ID number 4690..."),
    (_gcj02_coordinates, "differ from the place's"),
    (_coordinates_out_of_range, "are not WGS-84 degrees"),
    (_site_as_morning_pickup, "must be a known station"),
    (_passenger_never_alights, "1 passengers never alight"),
    (_two_routes_one_bus, "vehicle V02 has 2 morning routes"),
    (_unknown_vehicle, "vehicle is not in the fleet"),
    (_outside_bus_hours, "runs outside the bus's hours"),
    (_missing_key, "route #0 stop 1 lacks 'load'"),
    (_bad_time, "is not HH:MM"),
]


def _parks_at(doc: Doc, parking_id: str) -> None:
    """V01 waits at `parking_id` (at W01's own coordinates, so no kilometre changes) between its runs."""
    morning, evening = route(doc, "V01", "morning"), route(doc, "V01", "evening")
    site = morning["stops"][-1]
    park = {**site, "kind": "dropoff", "place_id": parking_id, "name": "停车场", "board": [], "alight": [],
            "arrival": site["departure"], "load": 0, "parking": True}
    morning["stops"].append(park)
    evening["stops"].insert(0, {**park, "kind": "pickup", "arrival": "16:50", "departure": "16:50"})


def test_a_bus_may_wait_only_at_the_parking_place_its_last_site_names(valid_doc: Doc,
                                                                       checked_scenario: Scenario) -> None:
    w1 = checked_scenario.sites_by_id["W01"]
    lots = tuple(Parking(p, "停车场", w1.lat, w1.lon) for p in ("P1", "P2"))
    parked = dataclasses.replace(
        checked_scenario, parking=lots,
        sites=tuple(dataclasses.replace(s, parking_id="P1") if s.site_id == "W01" else s
                    for s in checked_scenario.sites))
    assert problems_after(valid_doc, parked, lambda doc: _parks_at(doc, "P1")) == []
    assert problems_after(valid_doc, parked, lambda doc: _parks_at(doc, "P2")) == [
        "bus V01: its morning run ends at parking place P2, which is not the parking place of the site it left last"]
    assert any("must be at a known parking place" in p
               for p in problems_after(valid_doc, parked, lambda doc: _parks_at(doc, "P9")))


@pytest.mark.parametrize(
    ("defect", "expected"), DEFECTS, ids=[f"{d.__name__[1:]}-{i}" for i, (d, _) in enumerate(DEFECTS)]
)
def test_each_defect_is_caught(valid_doc: Doc, checked_scenario: Scenario,
                               defect: Callable[[Doc], None], expected: str) -> None:
    problems = problems_after(valid_doc, checked_scenario, defect)
    assert any(expected in p for p in problems), problems


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_wrong_load_is_caught(valid_doc: Doc, checked_scenario: Scenario, data: st.DataObject) -> None:
    """Fixtures are read-only here: each example mutates its own deep copy."""
    r = data.draw(st.integers(min_value=0, max_value=len(valid_doc["routes"]) - 1))
    s = data.draw(st.integers(min_value=0, max_value=len(valid_doc["routes"][r]["stops"]) - 1))
    delta = data.draw(st.integers(min_value=-5, max_value=5).filter(bool))

    def defect(doc: Doc) -> None:
        doc["routes"][r]["stops"][s]["load"] += delta

    assert problems_after(valid_doc, checked_scenario, defect)


def test_the_checker_reads_nothing_of_the_planner() -> None:
    """Independence: apart from the plain records, the checker imports only the standard library."""
    source = Path(plan_checker.__file__).read_text(encoding="utf-8")
    imported = {alias.name.split(".")[0] for node in ast.walk(ast.parse(source))
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(ast.parse(source))
                 if isinstance(node, ast.ImportFrom) and node.module}
    ours = {m for m in imported if m.split(".")[0] in {"data", "dispatch", "routing", "maps", "cli"}}
    assert ours == {"data.records"}
