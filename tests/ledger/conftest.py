"""Ten small November days, planned and written once per test session; sign-in sheets filled as staff would."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from cli import app
from data.reader import load_scenario
from data.signin import SHEET
from dispatch import PlanSettings, plan_day
from dispatch.outputs import write_outputs
from tests.support.ledger_days import DAYS, write_days


@dataclass(frozen=True)
class Days:
    folder: Path
    outs: tuple[Path, ...]


@pytest.fixture(scope="session")
def days(tmp_path_factory: pytest.TempPathFactory) -> Days:
    root = tmp_path_factory.mktemp("days")
    folder = write_days(root / "inputs")
    scenario = load_scenario(folder)
    settings = PlanSettings.from_mapping(scenario.settings["plan"])
    outs = []
    for day in DAYS:
        out = root / f"out-{day}"
        write_outputs(plan_day(scenario, day, settings), out)
        outs.append(out)
    return Days(folder, tuple(outs))


def fill_sheet(
    out: Path, dest: Path, *, no: dict[str, str] | None = None, blank: frozenset[str] = frozenset(),
    walk_ons: tuple[tuple[str, str, str], ...] = (), edits: dict[tuple[int, str], str] | None = None,
) -> Path:
    """The plan's signin.xlsx as ticked: everyone 是 but `no` (id → reason, 否) and `blank` ids, then walk-on rows
    (id, vehicle, trip word) below, then raw `edits` ((spreadsheet row, heading) → text)."""
    shutil.copy(out / "signin.xlsx", dest)
    book = load_workbook(dest)
    sheet = book[SHEET]
    column = {str(cell.value): k for k, cell in enumerate(sheet[1], start=1)}
    last = 1
    for row in range(2, sheet.max_row + 1):
        aid = str(sheet.cell(row, column["申请编号"]).value or "")
        if not aid:
            continue
        last = row
        if aid in (no or {}):
            sheet.cell(row, column["已上车"]).value = "否"
            sheet.cell(row, column["未上车原因"]).value = (no or {})[aid]
        elif aid not in blank:
            sheet.cell(row, column["已上车"]).value = "是"
    for k, (aid, vehicle, trip) in enumerate(walk_ons, start=last + 1):
        for heading, value in (("申请编号", aid), ("车辆", vehicle), ("趟次", trip), ("已上车", "是")):
            sheet.cell(k, column[heading]).value = value
    for (row, heading), value in (edits or {}).items():
        sheet.cell(row, column[heading]).value = value
    book.save(dest)
    return dest


def sheet_rows(path: Path) -> list[dict[str, str]]:
    """A filled sheet's rows as headings → text (blank cells as '')."""
    book = load_workbook(path, read_only=True)
    rows = list(book[SHEET].iter_rows(values_only=True))
    book.close()
    header = [str(h) for h in rows[0]]
    return [{h: "" if v is None else str(v) for h, v in zip(header, row)} for row in rows[1:] if row[0]]


runner = CliRunner()


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args))


def first_run(out: Path, trip: str = "morning") -> str:
    return next(r["vehicle_id"] for r in json.loads((out / "plan.json").read_text("utf-8"))["routes"]
                if r["trip"] == trip)


def unplaced(out: Path) -> list[str]:
    return [u["application_id"] for u in json.loads((out / "plan.json").read_text("utf-8"))["unassigned"]]


def signed_month(days: Days, tmp_path: Path, ledger: str) -> list[Path]:
    """The ten days published and signed in: a no-show on day 1, a walk-on on day 2, a blank on day 3."""
    sheets = []
    for k, out in enumerate(days.outs):
        result = invoke("publish", str(out), "--ledger", ledger)
        assert result.exit_code == 0, result.output
        kwargs: dict = {}
        if k == 0:
            kwargs["no"] = {"A02": "生病"}
        if k == 1:
            kwargs["walk_ons"] = ((unplaced(out)[0], first_run(out), "去程"),)
        if k == 2:
            kwargs["blank"] = frozenset({"A04"})
        sheet = fill_sheet(out, tmp_path / f"signed-{k}.xlsx", **kwargs)
        result = invoke("signin", str(out), str(sheet), "--ledger", ledger)
        assert result.exit_code == 0, result.output
        sheets.append(sheet)
    return sheets


