"""The day workbook: six filled sheets with headers and widths, masked numbers, inert formulas."""

from __future__ import annotations

import dataclasses
import zipfile

import pytest
from openpyxl import load_workbook

from dispatch.outputs.workbook import write_workbook
from dispatch.plan import DayPlan
from dispatch.presentation import display_width

SHEETS_ZH = ["路线", "车辆日程", "停靠点", "乘车人员", "用工需求", "未安排", "汇总"]


def renamed(plan: DayPlan, **names: str) -> DayPlan:
    apps = tuple(
        dataclasses.replace(a, name=names.get(a.application_id, a.name)) for a in plan.scenario.applications
    )
    return dataclasses.replace(plan, scenario=dataclasses.replace(plan.scenario, applications=apps))


@pytest.fixture
def book(tiny_plan, tmp_path):
    return load_workbook(write_workbook(tiny_plan, tmp_path / "plan.xlsx"))


def rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(min_row=2, values_only=True))


def test_seven_sheets_each_filled(book):
    assert book.sheetnames == SHEETS_ZH
    assert [len(rows(book[name])) for name in SHEETS_ZH] == [3, 2, 11, 5, 2, 1, 9]


def test_bus_days_give_each_bus_its_whole_day_against_its_own_limit(tiny_plan, tmp_path):
    fleet = (tiny_plan.scenario.fleet[0], dataclasses.replace(tiny_plan.scenario.fleet[1], second_driver="赵师傅"))
    plan = dataclasses.replace(tiny_plan, scenario=dataclasses.replace(tiny_plan.scenario, fleet=fleet))
    v01, v02 = rows(load_workbook(write_workbook(plan, tmp_path / "plan.xlsx"))["车辆日程"])
    assert v01[:8] == ("V01", "琼D·12345", "王师傅", None, "去程（早班）、返程（晚班）", "05:30", "18:00", 12.5)
    assert v01[9] == 480 and v01[10] == 92.5
    assert v01[12] == "昌江芒果合作社 叉河芒果园 06:30–16:30"
    assert v02[3] == "赵师傅" and v02[9] == 960 and v02[12] is None
    assert v01[8] == (0 + 25 + 25) + (30 + 25 + 25)  # each leg's arrival less the departure before it


def test_headers_are_bold_frozen_filtered_and_widths_fit(book):
    for sheet in book:
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref
        for column_cells in sheet.iter_cols():
            letter = column_cells[0].column_letter
            longest = max(display_width("" if c.value is None else str(c.value)) for c in column_cells)
            assert sheet.column_dimensions[letter].width >= min(longest, 60)


def test_routes_and_stops_follow_the_plan(book):
    routes = rows(book["路线"])
    assert [(r[0], r[1], r[5], r[6], r[8], r[9], r[10]) for r in routes] == [
        ("V01", "琼D·12345", "去程（早班）", "05:30", 3, 3, 3),
        ("V02", "琼D·67890", "去程（早班）", "07:20", 2, 2, 2),
        ("V01", "琼D·12345", "返程（晚班）", "16:30", 3, 3, 3),
    ]
    header = next(book["路线"].iter_rows(max_row=1, values_only=True))
    assert header[8:11] == ("停靠点数", "上车人次", "最多同时在车")
    stops = rows(book["停靠点"])
    assert stops[2][6] == "乌烈镇就业驿站" and stops[2][12] == "A001 A002" and stops[2][11] == 3


def test_passengers_and_unassigned(book):
    passengers = {r[0]: r for r in rows(book["乘车人员"])}
    assert sorted(passengers) == ["A001", "A002", "A003", "A004", "A005"]
    a1 = passengers["A001"]
    assert a1[1:7] == ("符秀英", "女", "4690**********001X", "138****8001", "乌烈镇就业驿站", "乌烈女工（带头人）")
    assert a1[12:] == ("琼D·12345", "06:05", "06:30", "琼D·12345", "17:05")
    (unassigned,) = rows(book["未安排"])
    assert unassigned[:2] == ("A006", "黎明") and unassigned[7] == "no_matching_order"


def test_summary_figures(book):
    summary = dict(rows(book["汇总"]))
    assert summary["需求人数"] == 5 and summary["已安排人数"] == 5 and summary["使用车辆"] == 2
    assert summary["里程（公里）"] == 105.3


def test_no_full_id_or_phone_anywhere_in_the_file(tiny_plan, tmp_path):
    path = write_workbook(tiny_plan, tmp_path / "plan.xlsx")
    with zipfile.ZipFile(path) as archive:
        xml = "".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    applications = tiny_plan.scenario.applications
    secrets = [a.id_number for a in applications] + [a.phone for a in applications]
    secrets += [v.driver_phone for v in tiny_plan.scenario.fleet]
    assert "4690**********001X" in xml
    assert not [s for s in secrets if s in xml]


def test_formula_like_names_stay_text(tiny_plan, tmp_path):
    plan = renamed(tiny_plan, A001='=HYPERLINK("http://x","点我")', A006="+SUM(1,2)")
    path = write_workbook(plan, tmp_path / "plan.xlsx")
    book = load_workbook(path)
    names = [r[1] for r in rows(book["乘车人员"])] + [r[1] for r in rows(book["未安排"])]
    assert "'=HYPERLINK(\"http://x\",\"点我\")" in names and "'+SUM(1,2)" in names
    for sheet in book:
        assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    with zipfile.ZipFile(path) as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))


def test_english_sheets(tiny_plan, tmp_path):
    book = load_workbook(write_workbook(tiny_plan, tmp_path / "plan.xlsx", lang="en"))
    assert book.sheetnames == ["Routes", "Bus days", "Stops", "Passengers", "Orders", "Unassigned", "Summary"]
    assert rows(book["Routes"])[0][5] == "Morning (out)"
