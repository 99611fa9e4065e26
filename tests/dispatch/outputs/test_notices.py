"""Worker notices: one message per applicant of the day, naming only that person, no full numbers."""

from __future__ import annotations

import csv
import dataclasses

from dispatch.outputs.notices import COLUMNS, notices_rows, write_notices_csv
from dispatch.plan import DayPlan


def renamed(plan: DayPlan, **names: str) -> DayPlan:
    apps = tuple(
        dataclasses.replace(a, name=names.get(a.application_id, a.name)) for a in plan.scenario.applications
    )
    return dataclasses.replace(plan, scenario=dataclasses.replace(plan.scenario, applications=apps))


def test_one_notice_per_placed_and_unplaced_applicant(tiny_plan):
    rows = notices_rows(tiny_plan)
    assert [(r["application_id"], r["status"]) for r in rows] == [
        ("A001", "placed"), ("A002", "placed"), ("A003", "placed"),
        ("A004", "placed"), ("A005", "placed"), ("A006", "unplaced"),
    ]


def test_each_message_names_only_its_own_person(tiny_plan):
    scenario = tiny_plan.scenario
    people = {a.application_id: a.name for a in scenario.applications}
    drivers = [v.driver for v in scenario.fleet]
    for row in notices_rows(tiny_plan):
        message = row["message"]
        assert message.startswith(people[row["application_id"]])
        others = [name for app_id, name in people.items() if app_id != row["application_id"]]
        assert not [name for name in others + drivers if name in message]


def test_placed_message_says_when_where_which_bus_and_what_to_bring(tiny_plan):
    message = {r["application_id"]: r["message"] for r in notices_rows(tiny_plan)}["A003"]
    for expected in ("12月1日", "05:35", "石碌镇就业驿站", "琼D·12345", "昌江芒果合作社", "07:00上班",
                     "返程17:05", "身份证"):
        assert expected in message, expected


def test_unplaced_message_gives_the_reason_and_whom_to_call(tiny_plan):
    row = notices_rows(tiny_plan, contact="0898-26699999")[-1]
    assert row["application_id"] == "A006"
    assert "当日没有与技能相符的用工需求" in row["message"] and "0898-26699999" in row["message"]


def test_no_full_numbers_in_the_file(tiny_plan, tmp_path):
    path = write_notices_csv(tiny_plan, tmp_path / "notices.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    applications = tiny_plan.scenario.applications
    secrets = [a.id_number for a in applications] + [a.phone for a in applications]
    secrets += [v.driver_phone for v in tiny_plan.scenario.fleet]
    assert not [s for s in secrets if s in text]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == COLUMNS and rows[0]["phone_masked"] == "138****8001"


def test_formula_like_names_are_neutralised_in_the_csv(tiny_plan, tmp_path):
    plan = renamed(tiny_plan, A001="=1+2", A006="@cmd")
    path = write_notices_csv(plan, tmp_path / "notices.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        messages = {r["application_id"]: r["message"] for r in csv.DictReader(handle)}
    assert messages["A001"].startswith("'=1+2") and messages["A006"].startswith("'@cmd")


def test_english_notices(tiny_plan):
    rows = notices_rows(tiny_plan, lang="en")
    assert rows[0]["message"].startswith("Hello 符秀英: on 2026-12-01 take bus 琼D·12345")
    assert "no job on that day needs these skills" in rows[-1]["message"]
