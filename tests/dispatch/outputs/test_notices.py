"""Worker notices: one signed one-segment message per applicant of the day, naming only that person, and
the recipient's whole phone in its own column so the file can be sent."""

from __future__ import annotations

import csv
import dataclasses
from typing import Any

import pytest

from data.validation import InputError
from dispatch.outputs.audience import OutputSettings
from dispatch.outputs.notices import COLUMNS, notices_rows, write_notices_csv
from dispatch.plan import DayPlan

SIGNATURE = OutputSettings().sms_signature


def renamed(plan: DayPlan, **names: str) -> DayPlan:
    apps = tuple(
        dataclasses.replace(a, name=names.get(a.application_id, a.name)) for a in plan.scenario.applications
    )
    return dataclasses.replace(plan, scenario=dataclasses.replace(plan.scenario, applications=apps))


def with_outputs(plan: DayPlan, **outputs: object) -> DayPlan:
    return dataclasses.replace(plan, scenario=dataclasses.replace(plan.scenario, settings={"outputs": outputs}))


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
        assert message.startswith(SIGNATURE + people[row["application_id"]])
        others = [name for app_id, name in people.items() if app_id != row["application_id"]]
        assert not [name for name in others + drivers if name in message]


def test_placed_message_says_when_where_which_bus_and_when_back(tiny_plan):
    message = {r["application_id"]: r["message"] for r in notices_rows(tiny_plan)}["A003"]
    assert message == ("【昌江县就业服务中心】陈亚妹：12月1日05:35在石碌镇就业驿站乘琼D·12345到昌江芒果合作社，"
                       "07:00上班，17:05返程。")


def test_every_message_fits_one_sms_segment_with_the_signature(tiny_plan):
    for contact in (None, "0898-26699999"):
        for row in notices_rows(tiny_plan, contact=contact):
            assert row["message"].startswith(SIGNATURE) and len(row["message"]) <= 70, row


def messages(plan: DayPlan) -> dict[str, str]:
    return {r["application_id"]: r["message"] for r in notices_rows(plan)}


def test_room_left_by_a_shorter_signature_brings_back_the_site_then_the_hints(tiny_plan):
    assert messages(with_outputs(tiny_plan, sms_signature="昌江就业"))["A003"] == (
        "【昌江就业】陈亚妹：12月1日05:35在石碌镇就业驿站乘琼D·12345到昌江芒果合作社叉河芒果园，07:00上班，17:05返程。")
    sites = tuple(dataclasses.replace(s, employer="芒果社") for s in tiny_plan.scenario.sites)
    plan = dataclasses.replace(tiny_plan, scenario=dataclasses.replace(tiny_plan.scenario, sites=sites))
    assert messages(with_outputs(plan, sms_signature=""))["A003"] == (
        "陈亚妹：12月1日05:35在石碌镇就业驿站乘琼D·12345到芒果社叉河芒果园，07:00上班，17:05返程。请提前10分钟到站。")


def with_sites(plan: DayPlan, **changes: Any) -> DayPlan:
    sites = tuple(dataclasses.replace(s, **changes) for s in plan.scenario.sites)
    return dataclasses.replace(plan, scenario=dataclasses.replace(plan.scenario, sites=sites))


def test_short_names_then_the_site_then_a_cut_employer_make_room_never_the_recipients_name(tiny_plan):
    company = messages(with_sites(tiny_plan, employer="昌江十月田芒果种植有限公司"))["A003"]
    assert company == ("【昌江县就业服务中心】陈亚妹：12月1日05:35在石碌镇驿站乘琼D·12345到昌江十月田芒果种植，"
                       "07:00上班，17:05返程。")
    long_employer = "昌江黎族自治县十月田镇芒果专业种植合作社联合社"
    by_site = messages(with_sites(tiny_plan, employer=long_employer))["A003"]
    assert "在石碌镇驿站乘琼D·12345到叉河芒果园，07:00上班" in by_site and len(by_site) <= 70
    cut = messages(with_sites(tiny_plan, employer=long_employer, name="昌江黎族自治县十月田镇芒果园"))["A003"]
    assert len(cut) == 70 and "到昌江黎族自治县" in cut and "…，07:00上班" in cut
    long_name = renamed(tiny_plan, A003="阿卜杜热合曼·买买提艾力·吐尔逊江·库尔班·阿卜杜拉")
    whole = messages(long_name)["A003"]
    assert "阿卜杜热合曼·买买提艾力·吐尔逊江·库尔班·阿卜杜拉：" in whole
    assert "在石碌镇就业驿站乘琼D·12345到昌江芒果合作社，" in whole


@pytest.mark.parametrize(("setting", "refused"), [
    ({"sms_signature": "【" + "很长" * 10 + "】"}, "sms_signature.*签名过长"),
    ({"sms_signature": 7}, "sms_signature = 7：应为文字"),
    ({"manifest_worker_phones": "yes"}, "manifest_worker_phones = 'yes'：应为 true 或 false"),
    ({"sms_sigature": "【昌江】"}, r"未知设置 sms_sigature（可用：sms_signature"),
])
def test_a_bad_outputs_setting_is_an_input_error_naming_it(tiny_plan, setting, refused):
    with pytest.raises(InputError, match=refused) as caught:
        notices_rows(with_outputs(tiny_plan, **setting))
    assert caught.value.report.problems[0].file == "scenario.toml"


def test_unplaced_message_gives_the_reason_and_whom_to_call(tiny_plan):
    row = notices_rows(tiny_plan, contact="0898-26699999")[-1]
    assert row["application_id"] == "A006"
    assert "当日没有与技能相符的用工需求" in row["message"] and "0898-26699999" in row["message"]


def test_the_file_can_be_sent_whole_phones_in_their_column_none_in_the_text(tiny_plan, tmp_path):
    path = write_notices_csv(tiny_plan, tmp_path / "notices.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    applications = tiny_plan.scenario.applications_by_id
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == COLUMNS
    assert {r["application_id"]: r["phone"] for r in rows} == {a: app.phone for a, app in applications.items()}
    secrets = [a.id_number for a in applications.values()] + [a.phone for a in applications.values()]
    secrets += [v.driver_phone for v in tiny_plan.scenario.fleet]
    assert not [s for r in rows for s in secrets if s in r["message"]]
    assert not [a.id_number for a in applications.values() if a.id_number in raw.decode("utf-8-sig")]


def test_formula_like_names_are_neutralised_in_the_csv(tiny_plan, tmp_path):
    plan = with_outputs(renamed(tiny_plan, A001="=1+2", A006="@cmd"), sms_signature="")  # the name opens the text
    path = write_notices_csv(plan, tmp_path / "notices.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        messages = {r["application_id"]: r["message"] for r in csv.DictReader(handle)}
    assert messages["A001"].startswith("'=1+2") and messages["A006"].startswith("'@cmd")


def test_english_notices(tiny_plan):
    rows = notices_rows(tiny_plan, lang="en")
    assert rows[0]["message"] == ("【昌江县就业服务中心】符秀英: Dec 1 06:05 乌烈镇就业驿站 bus 琼D·12345 "
                                  "to 昌江芒果合作社, work 07:00, back 17:05.")
    assert "no job on that day needs these skills" in rows[-1]["message"]
