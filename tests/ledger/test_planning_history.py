"""History in planning ([ledger] history): the worker turned away yesterday comes first today, and a
rider who did not board is flagged on the driver's manifest and the station list; off, neither."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from pypdf import PdfReader

from data.idcard import make_id_number
from tests.ledger.conftest import fill_sheet, invoke

DAY1, DAY2 = dt.date(2026, 11, 2), dt.date(2026, 11, 3)


def _csv(path: Path, rows: list[tuple]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)


def _two_days(folder: Path, history: bool) -> Path:
    """One station, one farm asking for two pickers each day, three pickers applying for both days."""
    folder.mkdir(parents=True)
    _csv(folder / "stations.csv", [("station_id", "name", "town", "lat", "lon"),
                                   ("ST01", "乌烈镇就业驿站", "乌烈镇", 19.3650, 108.8000)])
    _csv(folder / "sites.csv", [("site_id", "employer", "name", "lat", "lon"),
                                ("W01", "昌江十月田芒果专业合作社", "十月田芒果园", 19.3600, 109.0100)])
    _csv(folder / "orders.csv", [("order_id", "site_id", "date", "workers", "skill", "shift_start", "shift_end"),
                                 *((f"O{d:%d}", "W01", d.isoformat(), 2, "采摘", "08:00", "17:00")
                                   for d in (DAY1, DAY2))])
    _csv(folder / "fleet.csv", [("vehicle_id", "plate", "seats", "depot_lat", "depot_lon", "available_from",
                                 "available_to", "driver", "driver_phone"),
                                ("V01", "琼D·12345", 19, 19.2790, 109.0520, "05:00", "21:00", "王师傅", "13907551234")])
    dates = f"{DAY1}~{DAY2}"
    _csv(folder / "applications.csv", [
        ("application_id", "name", "gender", "id_number", "phone", "station_id", "village", "skills", "dates"),
        *((aid, name, "女", make_id_number("469031", dt.date(1980 + k, 3, 1 + k), 100 + k), f"1380013{k:04d}",
           "ST01", "村", "采摘", dates) for k, (aid, name) in enumerate((("B01", "符秀英"), ("B02", "王丽梅"),
                                                                        ("B03", "陈亚妹"))))])
    toml = "[plan]\nseed = 0\nsolution_limit = 20\n\n[ledger]\n"
    toml += f'database = "ledger.sqlite"\nhistory = {str(history).lower()}\nno_show_flag = 1\n'
    (folder / "scenario.toml").write_text(toml, encoding="utf-8")
    return folder


def _plan(folder: Path, day: dt.date, out: Path) -> dict:
    result = invoke("plan", str(folder), "--date", day.isoformat(), "--out", str(out))
    assert result.exit_code == 0, result.output
    return json.loads((out / "plan.json").read_text("utf-8"))


def _yesterday_then_today(tmp_path: Path, history: bool) -> tuple[dict, Path]:
    """Day 1 planned, published and signed in (B01 did not board); then day 2 planned."""
    folder = _two_days(tmp_path / "inputs", history)
    first = _plan(folder, DAY1, tmp_path / "day1")
    assert [(u["application_id"], u["reason"]) for u in first["unassigned"]] == [("B03", "order_full")]
    assert invoke("publish", str(tmp_path / "day1")).exit_code == 0
    sheet = fill_sheet(tmp_path / "day1", tmp_path / "signed.xlsx", no={"B01": "生病"})
    signed = invoke("signin", str(tmp_path / "day1"), str(sheet))
    assert signed.exit_code == 0, signed.output
    return _plan(folder, DAY2, tmp_path / "day2"), tmp_path / "day2"


def _text(path: Path) -> str:
    return "".join("".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def test_the_worker_turned_away_yesterday_gets_the_place_today_with_history_on(tmp_path: Path) -> None:
    today, out = _yesterday_then_today(tmp_path, history=True)
    assert sorted(a["application_id"] for a in today["assignments"]) == ["B01", "B03"]
    assert [u["application_id"] for u in today["unassigned"]] == ["B02"]
    assert today["history"] == {"seat_first": {"B03": "2026-11-02 order_full"}, "no_shows": {"B01": 1},
                                "no_show_days": 30}
    manifest = _text(next((out / "manifests").glob("manifest_*_morning_V01.pdf")))
    assert "未到1次" in manifest and "近30天内安排乘车而未上车的天数" in manifest
    assert manifest.count("未到1次") == 1  # B01 only
    assert "未到1次" in _text(out / "manifests" / f"stations_{DAY2}.pdf")


def test_with_history_off_today_goes_as_ever_and_nothing_is_flagged(tmp_path: Path) -> None:
    today, out = _yesterday_then_today(tmp_path, history=False)
    assert sorted(a["application_id"] for a in today["assignments"]) == ["B01", "B02"]
    assert [u["application_id"] for u in today["unassigned"]] == ["B03"]
    assert "history" not in today
    assert "未到" not in _text(next((out / "manifests").glob("manifest_*_morning_V01.pdf")))


def test_a_bad_ledger_setting_is_refused_before_planning(tmp_path: Path) -> None:
    folder = _two_days(tmp_path / "inputs", history=True)
    toml = (folder / "scenario.toml").read_text("utf-8").replace("no_show_flag = 1", 'no_show_flag = 0\nkeep = "x"')
    (folder / "scenario.toml").write_text(toml, encoding="utf-8")
    result = invoke("plan", str(folder), "--date", DAY1.isoformat(), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "no_show_flag" in result.output and "未知设置 keep" in result.output
    assert not (tmp_path / "out").exists()
