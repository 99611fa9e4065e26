"""Publish, sign in and report three planned days through the command line, against an independent count."""

from __future__ import annotations

import csv
import json
import sqlite3
import zipfile
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from cli import EXIT_INPUT
from tests.ledger.conftest import Days, fill_sheet, first_run, invoke, sheet_rows, signed_month
from tests.support.ledger_days import APPLICANTS, id_number

HARDSHIP = {a[0] for a in APPLICANTS if a[7] == "是"}
STATION_OF = {a[0]: a[2] for a in APPLICANTS}
PERSON = {a[0]: id_number(k) for k, a in enumerate(APPLICANTS)}
TABLES = ("people", "stations", "sites", "plans", "buses", "runs", "orders", "applicants", "rides", "signins",
          "boardings")


def counts(ledger: Path) -> dict[str, int]:
    with sqlite3.connect(ledger) as db:
        return {t: db.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}


def read_csv(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return {row["编号"]: row for row in csv.DictReader(file)}


def independent(sheets: list[Path], group_of) -> dict[str, dict[str, int]]:
    """人次, 人数 and the rest counted straight from the filled sheets, by ID number, per group."""
    boarded: dict[str, set] = defaultdict(set)
    planned: dict[str, set] = defaultdict(set)
    said_no: dict[str, set] = defaultdict(set)
    for day, sheet in enumerate(sheets):
        for row in sheet_rows(sheet):
            aid = row["申请编号"]
            group = group_of(aid, day)
            key = (PERSON[aid], day, aid in HARDSHIP)
            if row["已上车"] == "是":
                boarded[group].add(key)
            elif row["已上车"] == "否":
                said_no[group].add(key)
            if row["站点"]:  # the rows the plan printed (walk-on rows are typed in without a station)
                planned[group].add(key)
    found = {}
    for group in set(boarded) | set(planned):
        found[group] = {
            "人次": len(boarded[group]),
            "人数": len({p for p, _, _ in boarded[group]}),
            "计划人次": len(planned[group]),
            "未上车人次": len(said_no[group] - boarded[group]),
            "困难人次": sum(h for _, _, h in boarded[group]),
            "困难人数": len({p for p, _, h in boarded[group] if h}),
        }
    return found


def test_report_counts_equal_a_count_over_the_sheets(days: Days, tmp_path: Path) -> None:
    ledger = str(tmp_path / "ledger.sqlite")
    sheets = signed_month(days, tmp_path, ledger)

    out = tmp_path / "by-station.csv"
    result = invoke("ledger", "report", "--month", "2026-11", "--by", "station", "--out", str(out), "--ledger", ledger)
    assert result.exit_code == 0, result.output
    report = read_csv(out)
    expected = independent(sheets, lambda aid, _day: STATION_OF[aid])
    assert set(report) == set(expected)
    for station, figures in expected.items():
        assert {k: int(report[station][k]) for k in figures} == figures, station
    assert report["ST01"]["名称"] == "乌烈镇就业驿站"
    assert report["ST02"]["乡内人次"] == report["ST02"]["人次"], "both sites are in 十月田镇, ST02's township"
    assert int(report["ST02"]["乡内人数"]) == int(report["ST02"]["人数"]) < int(report["ST02"]["乡内人次"]), \
        "人数 by scope counts each person once"
    assert report["ST01"]["乡内人次"] == "0" and report["ST01"]["外省人次"] == "0"
    walk_on_unknown = int(report["ST01"]["人次"]) - int(report["ST01"]["县内人次"])
    assert walk_on_unknown in (0, 1), "only the walk-on of a run to both sites may have no scope"
    assert int(report["ST01"]["人次"]) > int(report["ST01"]["人数"]), "the team rides every day: 人次 counts each day"

    by_month = tmp_path / "by-month.csv"
    invoke("ledger", "report", "--from", "2026-11-01", "--to", "2026-11-30", "--by", "month", "--out", str(by_month),
           "--ledger", ledger)
    month = read_csv(by_month)["2026-11"]
    everyone = independent(sheets, lambda _aid, _day: "all")["all"]
    assert {k: int(month[k]) for k in everyone} == everyone
    assert int(month["人数"]) < int(month["人次"])
    assert float(month["未上车率"]) == pytest.approx(
        everyone["未上车人次"] / (everyone["计划人次"] - int(month["未记录人次"])), abs=1e-4)
    assert int(month["未记录人次"]) == 1, "A04 was left blank on the third day"


def test_by_employer_follows_the_placed_site(days: Days, tmp_path: Path) -> None:
    ledger = str(tmp_path / "ledger.sqlite")
    sheets = signed_month(days, tmp_path, ledger)
    site_of = {}
    for day, out in enumerate(days.outs):
        for a in json.loads((out / "plan.json").read_text("utf-8"))["assignments"]:
            site_of[(a["application_id"], day)] = a["site_id"]
    out = tmp_path / "by-employer.xlsx"
    result = invoke("ledger", "report", "--month", "2026-11", "--by", "employer", "--out", str(out), "--ledger", ledger)
    assert result.exit_code == 0, result.output
    table = pd.read_excel(out, sheet_name="台账", dtype=str).set_index("编号")
    expected = independent(sheets, lambda aid, day: site_of.get((aid, day), "walk-on"))
    for site in ("W01", "W02"):
        assert int(str(table.loc[site, "人次"])) == expected[site]["人次"]
        assert int(str(table.loc[site, "人数"])) == expected[site]["人数"]
    assert list(table.columns[:4]) == ["名称", "车次", "人次", "人数"]
    with zipfile.ZipFile(out) as workbook:
        charts = [name for name in workbook.namelist() if name.startswith("xl/charts/chart")]
    assert len(charts) == 1, "a chart of 人次 and 人数 per employer"


def test_by_scope_and_county(days: Days, tmp_path: Path) -> None:
    """Both sites are in 十月田镇 (Changjiang): riders from its station go 乡内, from 乌烈镇 县内."""
    ledger = str(tmp_path / "ledger.sqlite")
    sheets = signed_month(days, tmp_path, ledger)
    expected = independent(sheets, lambda aid, day: "乡内" if STATION_OF[aid] == "ST02" else "县内")
    for by in ("scope", "county"):
        result = invoke("ledger", "report", "--month", "2026-11", "--by", by, "--out", str(tmp_path / f"{by}.csv"),
                        "--ledger", ledger)
        assert result.exit_code == 0, result.output
    scopes = read_csv(tmp_path / "scope.csv")
    assert list(scopes)[:2] == ["乡内", "县内"]
    assert int(scopes["乡内"]["人次"]) == expected["乡内"]["人次"]
    assert int(scopes["乡内"]["乡内人数"]) == int(scopes["乡内"]["人数"]) == expected["乡内"]["人数"]
    unknown = int(scopes.get("", {}).get("人次", "0"))  # the walk-on, when their run served both sites
    assert int(scopes["县内"]["人次"]) + unknown == expected["县内"]["人次"]
    assert int(scopes["县内"]["县内人数"]) == int(scopes["县内"]["人数"])
    assert int(scopes["县内"]["县内人数"]) + int(scopes.get("", {}).get("人数", "0")) >= expected["县内"]["人数"]
    county = read_csv(tmp_path / "county.csv")["昌江黎族自治县"]
    assert int(county["人次"]) + unknown == expected["乡内"]["人次"] + expected["县内"]["人次"]


def test_publishing_again_changes_nothing(days: Days, tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    assert invoke("publish", str(days.outs[0]), "--ledger", str(ledger)).exit_code == 0
    before = counts(ledger)
    again = invoke("publish", str(days.outs[0]), "--ledger", str(ledger))
    assert again.exit_code == 0
    assert "no change" in again.output
    assert counts(ledger) == before


def test_the_ledger_comes_from_scenario_toml(days: Days, tmp_path: Path) -> None:
    """publish without --inputs finds the folder through signin.xlsx, and the ledger through its scenario.toml."""
    toml = days.folder / "scenario.toml"
    kept = toml.read_text("utf-8")
    try:
        toml.write_text(kept + f'\n[ledger]\ndatabase = "{tmp_path / "county.sqlite"}"\n', encoding="utf-8")
        result = invoke("publish", str(days.outs[0]))
    finally:
        toml.write_text(kept, encoding="utf-8")
    assert result.exit_code == 0, result.output
    assert counts(tmp_path / "county.sqlite")["plans"] == 1


def test_no_full_id_or_phone_number_in_the_ledger_file(days: Days, tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    signed_month(days, tmp_path, str(ledger))
    content = ledger.read_bytes()
    for k, _ in enumerate(APPLICANTS):
        assert id_number(k).encode() not in content
        assert f"1380013{k:04d}".encode() not in content
    for phone in ("13907551234", "13907555678"):
        assert phone.encode() not in content
    assert b"4690**********" in content, "the masked number is kept"


def test_a_bad_sheet_is_reported_by_row_and_column_and_nothing_is_recorded(days: Days, tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    out = days.outs[0]
    assert invoke("publish", str(out), "--ledger", str(ledger)).exit_code == 0
    sheet = fill_sheet(out, tmp_path / "bad-sheet.xlsx", walk_ons=(("A99", first_run(out), "去程"),),
                       edits={(2, "已上车"): "也许", (3, "趟次"): "中午"})
    result = invoke("signin", str(out), str(sheet), "--ledger", str(ledger))
    assert result.exit_code == EXIT_INPUT
    assert "bad-sheet.xlsx:" in result.output
    assert "row 2, column 已上车: '也许' 不是 是 或 否" in result.output
    assert "row 3, column 趟次: '中午' 不是趟次" in result.output
    assert "column 申请编号: A99 不是当天的务工申请" in result.output
    assert "Nothing was written" in result.output
    assert counts(ledger)["signins"] == 0 and counts(ledger)["boardings"] == 0


def test_signing_in_an_unpublished_plan_is_refused(days: Days, tmp_path: Path) -> None:
    sheet = fill_sheet(days.outs[0], tmp_path / "s.xlsx")
    result = invoke("signin", str(days.outs[0]), str(sheet), "--ledger", str(tmp_path / "ledger.sqlite"))
    assert result.exit_code == EXIT_INPUT
    assert "尚未发布" in result.output
