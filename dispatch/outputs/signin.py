"""The sign-in sheet (`signin.xlsx`): one row per planned passenger per run, for station staff to tick.

After the trip the ticked sheet goes back into the ledger (`shuttle signin`), which is why its columns
and words come from `data.signin` and why an info sheet names the plan (date, digest, scenario folder)
the rows belong to. It carries names but no ID or phone numbers: ticking people off needs neither.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from data.signin import (
    COLUMNS,
    INFO_DATE,
    INFO_INPUTS,
    INFO_PLAN,
    INFO_SHEET,
    SHEET,
    TRIP_WORDS,
    plan_digest,
)
from data.writers import csv_safe
from dispatch.outputs.plan_json import plan_to_dict
from dispatch.plan import DayPlan
from dispatch.presentation import sorted_runs

WALK_ON_ROWS = 20
"""Blank rows left under the planned ones for people who board without being on the plan."""
_WIDTHS = (12, 12, 10, 8, 28, 8, 24)
_HELP = (
    "已上车填 是 或 否，留空表示未记录；未上车的请填写原因。",
    "未在名单上的临时乘车人（须已提交当天的务工申请）请在下方空行填写申请编号、姓名、车辆、趟次，已上车填 是。",
    "填好后由调度员运行 shuttle signin 计划文件夹 本表.xlsx 录入台账。",
)


def signin_rows(plan: DayPlan) -> list[tuple[str, str, str, str, str]]:
    """(申请编号, 姓名, 车辆, 趟次, 站点) for every passenger of every run, in the order the manifests list runs."""
    people = plan.scenario.applications_by_id
    stations = plan.scenario.stations_by_id
    station_of = {a.application_id: a.station_id for a in plan.assignments}
    rows = []
    for run in sorted_runs(plan):
        for application_id in run.passengers:
            applicant = people.get(application_id)
            station = stations.get(station_of.get(application_id, ""))
            rows.append((application_id, applicant.name if applicant else "", run.vehicle_id,
                         TRIP_WORDS[run.trip], station.name if station else station_of.get(application_id, "")))
    return rows


def write_signin_sheet(plan: DayPlan, path: Path) -> None:
    """The sign-in workbook: the rows to tick, room for walk-ons, and the info sheet naming the plan."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = SHEET
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    rows = signin_rows(plan)
    for row in rows:
        sheet.append([csv_safe(value) for value in row])
    last = len(rows) + 1 + WALK_ON_ROWS
    choice = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    sheet.add_data_validation(choice)
    choice.add(f"F2:F{last}")
    for letter, width in zip("ABCDEFG", _WIDTHS):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"

    info = book.create_sheet(INFO_SHEET)
    source = Path(plan.scenario.source)
    info.append((INFO_DATE, plan.date.isoformat()))
    info.append((INFO_PLAN, plan_digest(plan_to_dict(plan))))
    info.append((INFO_INPUTS, str(source.resolve()) if source.is_dir() else ""))
    for line in _HELP:
        info.append(("", line))
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 90
    book.save(path)
