"""signin.xlsx: one row per planned passenger per run, the headings staff fill in, and the plan it belongs to."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from data.signin import COLUMNS, INFO_DATE, INFO_PLAN, INFO_SHEET, SHEET, plan_digest
from dispatch.outputs import plan_to_dict
from dispatch.outputs.signin import write_signin_sheet
from dispatch.plan import DayPlan


def test_one_row_per_passenger_per_run_and_the_plan_named(tiny_plan: DayPlan, tmp_path: Path) -> None:
    path = tmp_path / "signin.xlsx"
    write_signin_sheet(tiny_plan, path)
    book = load_workbook(path)
    rows = list(book[SHEET].iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    listed = [(r[0], r[2], r[3]) for r in rows[1:] if r[0]]
    assert sorted(listed) == sorted(
        (a, run.vehicle_id, {"morning": "去程", "evening": "返程"}[run.trip])
        for run in tiny_plan.runs for a in run.passengers)
    first = rows[1]
    assert first[:5] == ("A003", "陈亚妹", "V01", "去程", "石碌镇就业驿站")
    assert first[5] is None and first[6] is None, "已上车 and 未上车原因 are left for the station staff"
    info = {row[0]: row[1] for row in book[INFO_SHEET].iter_rows(values_only=True) if row[0]}
    assert info[INFO_DATE] == "2026-12-01"
    assert info[INFO_PLAN] == plan_digest(plan_to_dict(tiny_plan))


def test_no_id_or_phone_number_on_the_sheet(tiny_plan: DayPlan, tmp_path: Path) -> None:
    path = tmp_path / "signin.xlsx"
    write_signin_sheet(tiny_plan, path)
    cells = [str(v) for sheet in load_workbook(path) for row in sheet.iter_rows(values_only=True) for v in row if v]
    for application in tiny_plan.scenario.applications:
        assert not any(application.id_number in c or application.phone in c for c in cells)
