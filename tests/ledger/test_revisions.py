"""A late change of a published day becomes the next revision; sign-ins and reports follow the current one."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from cli import EXIT_INPUT, app
from data.reader import load_scenario
from dispatch import PlanSettings, replan
from dispatch.outputs import read_published_plan, write_outputs
from tests.ledger.conftest import Days, fill_sheet
from tests.support.ledger_days import DAYS

runner = CliRunner()


def late_change(days: Days, root: Path) -> tuple[Path, Path]:
    """The first day re-planned after the packing order shrank from 2 to 1: (its inputs, its output folder)."""
    folder = root / "inputs-late"
    shutil.copytree(days.folder, folder)
    orders = (folder / "orders.csv").read_text("utf-8").replace(
        f"O{DAYS[0]:%d}2,W02,{DAYS[0]},2,", f"O{DAYS[0]:%d}2,W02,{DAYS[0]},1,")
    (folder / "orders.csv").write_text(orders, encoding="utf-8")
    scenario = load_scenario(folder)
    published = read_published_plan(days.outs[0] / "plan.json", scenario, DAYS[0])
    plan, _changes = replan(published, scenario, DAYS[0], PlanSettings.from_mapping(scenario.settings["plan"]))
    out = root / "out-late"
    write_outputs(plan, out)
    return folder, out


def test_a_changed_plan_of_the_same_day_is_a_new_revision(days: Days, tmp_path: Path) -> None:
    ledger = str(tmp_path / "ledger.sqlite")
    folder, late = late_change(days, tmp_path)
    assert runner.invoke(app, ["publish", str(days.outs[0]), "--ledger", ledger]).exit_code == 0
    revised = runner.invoke(app, ["publish", str(late), "--inputs", str(folder), "--ledger", ledger])
    assert revised.exit_code == 0, revised.output
    assert "第 2 版计划，取代第 1 版" in revised.output

    old_sheet = fill_sheet(days.outs[0], tmp_path / "old.xlsx")
    refused = runner.invoke(app, ["signin", str(days.outs[0]), str(old_sheet), "--ledger", ledger])
    assert refused.exit_code == EXIT_INPUT
    assert "已被第 2 版取代" in refused.output

    sheet = fill_sheet(late, tmp_path / "new.xlsx")
    assert runner.invoke(app, ["signin", str(late), str(sheet), "--ledger", ledger]).exit_code == 0
    again = runner.invoke(app, ["signin", str(late), str(sheet), "--ledger", ledger])
    assert "no change" in again.output

    report = tmp_path / "report.csv"
    result = runner.invoke(app, ["ledger", "report", "--from", str(DAYS[0]), "--to", str(DAYS[0]), "--by", "month",
                                 "--out", str(report), "--ledger", ledger])
    assert result.exit_code == 0, result.output
    with report.open(encoding="utf-8-sig") as file:
        (row,) = list(csv.DictReader(file))
    carried = len(json.loads((late / "plan.json").read_text("utf-8"))["assignments"])
    first = len(json.loads((days.outs[0] / "plan.json").read_text("utf-8"))["assignments"])
    assert int(row["人次"]) == int(row["计划人次"]) == carried == first - 1, "the current revision counts, only"


def test_a_folder_changed_since_planning_is_refused(days: Days, tmp_path: Path) -> None:
    folder, _late = late_change(days, tmp_path)
    result = runner.invoke(app, ["publish", str(days.outs[0]), "--inputs", str(folder),
                                 "--ledger", str(tmp_path / "ledger.sqlite")])
    assert result.exit_code == EXIT_INPUT
    assert "与制定该计划时的输入不一致" in result.output
    assert f"O{DAYS[0]:%d}2" in result.output
