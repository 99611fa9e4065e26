"""Late changes: re-planning from a published plan.json moves only whom a change forces to move."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import unicodedata
from collections.abc import Collection
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from data.records import Application, Order, Scenario, Site, Station, Vehicle
from data.validation import InputError
from data.writers import write_json
from dispatch import ChangeReport, DayPlan, PlanSettings, plan_day, replan
from dispatch.outputs import changes_table, changes_to_dicts, plan_to_dict, published_plan, read_plan_json
from tests.support.plan_checker import check_plan

DAY = dt.date(2026, 12, 1)
SETTINGS = PlanSettings()


def _app(serial: int, station: str, skills: tuple[str, ...], **kw) -> Application:
    return Application(
        application_id=f"A{serial:03d}", name=f"工人{serial}", gender="女", id_number=f"46903119900101{serial:03d}X",
        phone=f"13800138{serial:03d}", station_id=station, village="村", skills=skills, dates=(DAY,), **kw,
    )


@pytest.fixture(scope="module")
def small_day() -> Scenario:
    """Three stations (nobody at S03 yet), two sites, a round-trip and a one-way order, three buses."""
    return Scenario(
        stations=(Station("S01", "石碌镇就业驿站", "石碌镇", 19.2790, 109.0520),
                  Station("S02", "乌烈镇就业驿站", "乌烈镇", 19.3540, 108.8560),
                  Station("S03", "海尾镇就业驿站", "海尾镇", 19.4300, 108.8200)),
        sites=(Site("W01", "昌江芒果合作社", "叉河芒果园", 19.2420, 108.9880),
               Site("W02", "十月田包装厂", "包装车间", 19.2050, 109.1210)),
        orders=(Order("O01", "W01", DAY, 8, "采摘", 7 * 60, 17 * 60),
                Order("O02", "W02", DAY, 5, "包装", 8 * 60, 18 * 60, return_trip=False)),
        fleet=tuple(Vehicle(f"V0{k}", f"琼D·0000{k}", seats, 19.2790, 109.0520, 5 * 60, 21 * 60, "师傅",
                            "13907551234") for k, seats in enumerate((19, 19, 45), start=1)),
        applications=(
            _app(1, "S02", ("采摘",), team="乌烈女工", leader=True),
            _app(2, "S02", ("采摘",), team="乌烈女工"),
            _app(3, "S01", ("采摘",)), _app(4, "S01", ("包装",)), _app(5, "S01", ("包装",)),
            _app(6, "S02", ("电焊",)), _app(7, "S01", ("采摘",)), _app(8, "S02", ("包装",)),
        ),
    )


@pytest.fixture(scope="module")
def published(small_day: Scenario) -> dict:
    """The plan.json of the small day as the dispatcher sent it out, fingerprint included."""
    plan = plan_day(small_day, DAY, SETTINGS)
    document = plan_to_dict(plan)
    return json.loads(json.dumps(document, ensure_ascii=False))


def _replan(document: dict, scenario: Scenario, day: dt.date, settings: PlanSettings,
            source: str = "previous plan.json") -> tuple[DayPlan, ChangeReport]:
    """A published plan.json document re-planned, as `shuttle plan --previous` does."""
    return replan(published_plan(document, scenario, day, source), scenario, day, settings)


def _document(plan) -> dict:
    return json.loads(json.dumps(plan_to_dict(plan), ensure_ascii=False))


def _with_applications(
    scenario: Scenario, drop: Collection[str] = frozenset(), add: tuple[Application, ...] = ()
) -> Scenario:
    kept = tuple(a for a in scenario.applications if a.application_id not in drop)
    return dataclasses.replace(scenario, applications=tuple(sorted(kept + add, key=lambda a: a.application_id)))


def _stops_of(document: dict) -> dict[tuple[str, str, str], tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    """(vehicle, trip, place) → (arrival, departure, board, alight) of every non-depot stop."""
    return {(r["vehicle_id"], r["trip"], s["place_id"]): (s["arrival"], s["departure"], tuple(s["board"]),
                                                          tuple(s["alight"]))
            for r in document["routes"] for s in r["stops"] if s["kind"] != "depot"}


def _assert_kept_in_place(before: dict, after: dict, riders: set[str]) -> None:
    """Every rider of `riders` boards and alights at the same stops, at the same times, on the same bus."""
    old, new = _stops_of(before), _stops_of(after)
    for key, (arrival, departure, board, alight) in old.items():
        mine = {x for x in board + alight if x in riders}
        if mine:
            assert key in new, f"stop {key} disappeared"
            assert new[key][:2] == (arrival, departure), f"stop {key} moved in time"
            assert mine <= set(new[key][2] + new[key][3])


def test_no_change_gives_the_same_plan_json_bytes(small_day, published, tmp_path: Path):
    plan, report = _replan(published, small_day, DAY, SETTINGS)
    write_json(tmp_path / "before.json", published)
    write_json(tmp_path / "after.json", plan_to_dict(plan))
    assert (tmp_path / "after.json").read_bytes() == (tmp_path / "before.json").read_bytes()
    assert report == ChangeReport() and "No passenger" in changes_table(report)


def test_no_change_without_fingerprint_also_gives_the_same_plan(small_day, published):
    bare = {k: v for k, v in published.items() if k != "inputs"}
    plan, report = _replan(bare, small_day, DAY, SETTINGS)
    assert plan_to_dict(plan) == published and not report.changes


def test_one_added_one_cancelled_moves_nobody_else(small_day, published):
    cancelled = dataclasses.replace(small_day.applications_by_id["A003"], cancelled=True)
    newcomer = _app(9, "S01", ("采摘",))
    scenario = _with_applications(small_day, {"A003"}, (cancelled, newcomer))
    plan, report = _replan(published, scenario, DAY, SETTINGS)
    after = _document(plan)

    assert check_plan(after, scenario) == []
    stayed = {a["application_id"] for a in published["assignments"]} - {"A003"}
    _assert_kept_in_place(published, after, stayed)
    before_buses = {a["application_id"]: (a["vehicle_id"], a["evening_vehicle_id"]) for a in published["assignments"]}
    after_buses = {a["application_id"]: (a["vehicle_id"], a["evening_vehicle_id"]) for a in after["assignments"]}
    assert all(after_buses[x] == before_buses[x] for x in stayed)
    assert "A003" not in json.dumps(after["routes"])
    assert after_buses["A009"] == before_buses["A003"], "the newcomer takes the freed seat at the same station"
    assert [(c.application_id, c.change) for c in report.changes] == [("A003", "cancelled"), ("A009", "added")]
    assert report.changes[1].after_time == report.changes[0].before_time


def test_a_newcomer_where_no_kept_bus_stops_gets_a_new_bus(small_day, published):
    scenario = _with_applications(small_day, add=(_app(10, "S03", ("采摘",)),))
    plan, report = _replan(published, scenario, DAY, SETTINGS)
    after = _document(plan)

    assert check_plan(after, scenario) == []
    _assert_kept_in_place(published, after, {a["application_id"] for a in published["assignments"]})
    used_before = {r["vehicle_id"] for r in published["routes"]}
    ride = next(a for a in after["assignments"] if a["application_id"] == "A010")
    assert ride["vehicle_id"] not in used_before
    assert [(c.application_id, c.change) for c in report.changes] == [("A010", "added")]


def test_a_withdrawn_order_unplaces_its_workers_and_says_why(small_day, published):
    scenario = dataclasses.replace(small_day, orders=tuple(o for o in small_day.orders if o.order_id != "O02"))
    plan, report = _replan(published, scenario, DAY, SETTINGS)
    after = _document(plan)

    assert check_plan(after, scenario) == []
    packers = {a["application_id"] for a in published["assignments"] if a["order_id"] == "O02"}
    assert packers and packers <= {u["application_id"] for u in after["unassigned"]}
    assert {c.application_id: c.change for c in report.changes} == dict.fromkeys(packers, "unplaced")
    assert all("order O02 was withdrawn" in c.reason for c in report.changes)
    assert "W02" not in {s["place_id"] for r in after["routes"] for s in r["stops"]}
    _assert_kept_in_place(published, after, {a["application_id"] for a in published["assignments"]} - packers)


def test_a_later_shift_moves_that_orders_workers_with_the_reason(small_day, published):
    later = tuple(dataclasses.replace(o, shift_start=9 * 60) if o.order_id == "O02" else o for o in small_day.orders)
    scenario = dataclasses.replace(small_day, orders=later)
    plan, report = _replan(published, scenario, DAY, SETTINGS)

    assert check_plan(_document(plan), scenario) == []
    packers = {a["application_id"] for a in published["assignments"] if a["order_id"] == "O02"}
    assert {c.application_id for c in report.changes} <= packers
    assert all("shift or return trip of order O02" in c.reason for c in report.changes)


def test_a_cancelled_team_member_leaves_the_rest_of_the_team_in_place(small_day, published):
    scenario = _with_applications(small_day, {"A002"})
    plan, report = _replan(published, scenario, DAY, SETTINGS)
    after = _document(plan)
    assert check_plan(after, scenario) == []
    _assert_kept_in_place(published, after, {"A001"})
    assert [(c.application_id, c.change) for c in report.changes] == [("A002", "cancelled")]


def test_a_plan_of_another_day_is_an_input_error_naming_the_file(small_day, published):
    with pytest.raises(InputError) as caught:
        _replan({**published, "date": "2026-12-02"}, small_day, DAY, SETTINGS, source="out/plan.json")
    assert "out/plan.json" in caught.value.report.render() and "2026-12-02" in str(caught.value)


def test_a_document_that_is_no_plan_is_an_input_error(small_day):
    with pytest.raises(InputError, match="not a plan"):
        _replan({"date": DAY.isoformat(), "routes": [{"stops": []}]}, small_day, DAY, SETTINGS)


def test_the_report_shows_masked_data_only(small_day, published):
    scenario = _with_applications(small_day, {"A003"}, (_app(9, "S01", ("采摘",)),))
    _, report = _replan(published, scenario, DAY, SETTINGS)
    text = changes_table(report) + json.dumps(changes_to_dicts(report), ensure_ascii=False)
    assert "A009" in text and "工人9" in text
    assert all(a.phone not in text and a.id_number not in text for a in scenario.applications)
    assert changes_to_dicts(report)[0]["before"]["vehicle_id"] and changes_to_dicts(report)[0]["after"] is None


@hyp_settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(gone=st.sets(st.sampled_from([f"A00{k}" for k in range(1, 9)])))
def test_cancellations_alone_keep_every_other_seat_and_every_rule(small_day, published, gone):
    scenario = _with_applications(small_day, set(gone))
    plan, report = _replan(published, scenario, DAY, SETTINGS)
    after = _document(plan)
    assert check_plan(after, scenario) == []
    placed_before = {a["application_id"] for a in published["assignments"]}
    _assert_kept_in_place(published, after, placed_before - gone)
    assert {c.application_id for c in report.changes} == gone


def test_a_new_team_member_rides_with_the_team_it_joins(small_day, published):
    scenario = _with_applications(small_day, add=(_app(11, "S02", ("采摘",), team="乌烈女工"),))
    plan, report = _replan(published, scenario, DAY, SETTINGS)
    after = _document(plan)
    assert check_plan(after, scenario) == []
    buses = {a["application_id"]: (a["order_id"], a["vehicle_id"], a["evening_vehicle_id"])
             for a in after["assignments"]}
    assert buses["A011"] == buses["A001"]
    assert [(c.application_id, c.change) for c in report.changes] == [("A011", "added")]


def test_a_new_team_member_without_the_teams_skill_sends_the_team_back_to_matching(small_day, published):
    """A team goes whole or not at all, so a member who cannot follow it makes the team match again."""
    scenario = _with_applications(small_day, add=(_app(12, "S02", ("包装",), team="乌烈女工"),))
    plan, report = _replan(published, scenario, DAY, SETTINGS)
    assert check_plan(_document(plan), scenario) == []
    assert {u.application_id: u.reason for u in plan.unassigned if u.reason == "team_skills_differ"} == {
        "A001": "team_skills_differ", "A002": "team_skills_differ", "A012": "team_skills_differ"}
    assert {c.application_id: c.change for c in report.changes} == {
        "A001": "unplaced", "A002": "unplaced", "A012": "unplaced"}
    assert "new member A012 lacks 采摘" in report.changes[0].reason


def test_a_new_hardship_mark_keeps_the_published_seat(small_day, published):
    marked = dataclasses.replace(small_day.applications_by_id["A007"], priority=True)
    scenario = _with_applications(small_day, {"A007"}, (marked,))
    plan, report = _replan(published, scenario, DAY, SETTINGS)
    after = _document(plan)
    assert check_plan(after, scenario) == []
    assert after["routes"] == published["routes"] and not report.changes


def test_joining_a_team_on_another_order_sends_the_team_back_to_matching(small_day, published):
    joined = dataclasses.replace(small_day.applications_by_id["A008"], team="乌烈女工")
    scenario = _with_applications(small_day, {"A008"}, (joined,))
    plan, report = _replan(published, scenario, DAY, SETTINGS)
    assert check_plan(_document(plan), scenario) == []
    assert {"A001", "A002", "A008"} <= {c.application_id for c in report.changes}
    assert all("team 乌烈女工" in c.reason for c in report.changes if c.application_id in {"A001", "A002", "A008"})


@pytest.mark.parametrize("fingerprint", [True, False], ids=["with_fingerprint", "plan_json_only"])
def test_a_bus_with_shorter_hours_hands_its_passengers_to_other_buses(small_day, published, fingerprint):
    bus = published["routes"][0]["vehicle_id"]
    fleet = tuple(dataclasses.replace(v, available_from=9 * 60) if v.vehicle_id == bus else v for v in small_day.fleet)
    scenario = dataclasses.replace(small_day, fleet=fleet)
    document = published if fingerprint else {k: v for k, v in published.items() if k != "inputs"}
    plan, report = _replan(document, scenario, DAY, SETTINGS)
    after = _document(plan)
    assert check_plan(after, scenario) == []
    riders = {a["application_id"] for a in published["assignments"] if a["vehicle_id"] == bus}
    assert riders <= {c.application_id for c in report.changes}
    assert all(c.change in ("moved_bus", "unplaced") and f"bus {bus} changed" in c.reason
               for c in report.changes if c.application_id in riders)


def test_a_smaller_order_moves_only_the_workers_beyond_its_new_size(small_day, published):
    pickers = sorted(a["application_id"] for a in published["assignments"] if a["order_id"] == "O01")
    assert pickers == ["A001", "A002", "A003", "A007"]
    smaller = tuple(dataclasses.replace(o, workers=3) if o.order_id == "O01" else o for o in small_day.orders)
    scenario = dataclasses.replace(small_day, orders=smaller)
    plan, report = _replan(published, scenario, DAY, SETTINGS)
    after = _document(plan)
    assert check_plan(after, scenario) == []
    _assert_kept_in_place(published, after, {a["application_id"] for a in published["assignments"]} - {"A007"})
    assert [(c.application_id, c.change) for c in report.changes] == [("A007", "unplaced")]
    assert "order O01 now asks for 3 workers" in report.changes[0].reason


def test_a_previous_plan_file_is_read_back_or_named_in_the_error(published, tmp_path: Path):
    good = write_json(tmp_path / "plan.json", published)
    assert read_plan_json(good) == published
    broken = tmp_path / "truncated_plan.json"
    broken.write_text(good.read_text(encoding="utf-8")[:100], encoding="utf-8")
    for bad in (broken, tmp_path / "missing_plan.json"):
        with pytest.raises(InputError) as caught:
            read_plan_json(bad)
        assert bad.name in caught.value.report.render()


def test_a_moved_depot_without_fingerprint_still_moves_that_buses_passengers(small_day, published):
    bus = published["routes"][0]["vehicle_id"]
    fleet = tuple(dataclasses.replace(v, depot_lat=19.30) if v.vehicle_id == bus else v for v in small_day.fleet)
    scenario = dataclasses.replace(small_day, fleet=fleet)
    bare = {k: v for k, v in published.items() if k != "inputs"}
    plan, report = _replan(bare, scenario, DAY, SETTINGS)
    assert check_plan(_document(plan), scenario) == []
    assert report.changes and all(f"bus {bus} changed" in c.reason for c in report.changes)


def test_the_rendered_table_lines_up_chinese_names(small_day, published):
    def columns(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    scenario = _with_applications(small_day, {"A003"}, (_app(9, "S01", ("采摘",)),))
    _, report = _replan(published, scenario, DAY, SETTINGS)
    header, *rows = changes_table(report).splitlines()[1:]
    starts = {columns(row[:row.index(word)]) for row, word in
              [(header, "change"), *zip(rows, ("cancelled", "added"))]}
    assert len(starts) == 1 and "工人9" in rows[1]


def test_a_new_team_member_the_full_bus_cannot_take_sends_the_whole_team_home(small_day):
    """One bus with three seats carries a team of two and another worker. A third team member
    applies late: the order has room, the bus has none and no other bus exists. The team goes
    whole or not at all, so its published members give up their seats and all three stay home."""
    one_bus = dataclasses.replace(
        small_day,
        fleet=(dataclasses.replace(small_day.fleet[0], seats=3),),
        applications=tuple(a for a in small_day.applications if a.application_id in {"A001", "A002", "A003"}),
        # an hour later, so that one bus boarding from 06:00 can fetch all three from two stations
        orders=tuple(dataclasses.replace(o, shift_start=o.shift_start + 60) for o in small_day.orders),
    )
    published = _document(plan_day(one_bus, DAY, SETTINGS))
    assert {a["application_id"] for a in published["assignments"]} == {"A001", "A002", "A003"}
    scenario = _with_applications(one_bus, add=(_app(11, "S02", ("采摘",), team="乌烈女工"),))
    plan, report = _replan(published, scenario, DAY, SETTINGS)
    assert check_plan(_document(plan), scenario) == []
    assert {a.application_id for a in plan.assignments} == {"A003"}
    assert {u.application_id for u in plan.unassigned} == {"A001", "A002", "A011"}
    changes = {c.application_id: c for c in report.changes}
    assert {k: c.change for k, c in changes.items()} == {"A001": "unplaced", "A002": "unplaced", "A011": "unplaced"}
    assert "team 乌烈女工 is matched again as a whole: new member A011 could not be placed" in changes["A001"].reason
