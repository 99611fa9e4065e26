"""The same scenario read from different spellings of the same files gives the same Scenario."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from data.coords import LatLon, distance_m, wgs84_to_bd09, wgs84_to_gcj02
from data.reader import load_scenario
from data.records import Scenario
from data.schema import TABLES_BY_NAME
from data.validation import InputError

TABLE_NAMES = ("stations", "sites", "orders", "fleet", "applications")


def load(folder: Path) -> Scenario:
    """The scenario without the folder it came from, so copies in different folders compare equal."""
    return dataclasses.replace(load_scenario(folder), source="")


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def write_rows(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> None:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)


def rename_headers(folder: Path, table: str, rename) -> None:
    rows = read_rows(folder / f"{table}.csv")
    columns = {c.name: c for c in TABLES_BY_NAME[table].columns}
    rows[0] = [rename(columns[h]) for h in rows[0]]
    write_rows(folder / f"{table}.csv", rows)


def test_chinese_headers_give_the_same_scenario(scenario_folder):
    english, chinese = scenario_folder(), scenario_folder()
    for table in TABLE_NAMES:
        rename_headers(chinese, table, lambda c: c.chinese)
    assert load(chinese) == load(english)


def test_headers_match_ignoring_case_and_surrounding_spaces(scenario_folder):
    plain, sloppy = scenario_folder(), scenario_folder()
    for table in TABLE_NAMES:
        rename_headers(sloppy, table, lambda c: f"  {c.name.upper()} ")
    assert load(sloppy) == load(plain)


def test_xlsx_tables_give_the_same_scenario(scenario_folder):
    from_csv, from_xlsx = scenario_folder(), scenario_folder()
    for table in TABLE_NAMES:
        rows = read_rows(from_xlsx / f"{table}.csv")
        frame = pd.DataFrame(rows[1:], columns=rows[0])
        for column in frame.columns:  # typed cells, as a dispatcher's workbook has them
            if column in ("lat", "lon", "depot_lat", "depot_lon", "seats", "workers"):
                frame[column] = pd.to_numeric(frame[column])
        frame.to_excel(from_xlsx / f"{table}.xlsx", index=False)
        (from_xlsx / f"{table}.csv").unlink()
    assert load(from_xlsx) == load(from_csv)


def test_workbook_time_and_date_cells_are_read(tmp_path, scenario_folder):
    folder = scenario_folder()
    rows = read_rows(folder / "orders.csv")
    frame = pd.DataFrame(rows[1:], columns=rows[0])
    frame["date"] = [dt.datetime(2026, 12, 1)] * len(frame)
    frame["shift_start"] = pd.Series([dt.time(7, 0), dt.time(8, 0)], index=frame.index)
    frame.to_excel(folder / "orders.xlsx", index=False)
    (folder / "orders.csv").unlink()
    orders = load_scenario(folder).orders
    assert [(o.date, o.shift_start) for o in orders] == [(dt.date(2026, 12, 1), 420), (dt.date(2026, 12, 1), 480)]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_encodings_read_the_same(scenario_folder, encoding):
    plain, encoded = scenario_folder(), scenario_folder()
    for table in TABLE_NAMES:
        write_rows(encoded / f"{table}.csv", read_rows(encoded / f"{table}.csv"), encoding=encoding)
    assert load(encoded) == load(plain)


def test_declared_encoding_is_used(scenario_folder):
    plain, declared = scenario_folder(), scenario_folder()
    for table in TABLE_NAMES:
        write_rows(declared / f"{table}.csv", read_rows(declared / f"{table}.csv"), encoding="gbk")
    (declared / "scenario.toml").write_text('encoding = "gbk"\n', encoding="utf-8")
    assert load(declared) == load(plain)


def test_full_width_cells_are_read_as_half_width(scenario_folder):
    plain, wide = scenario_folder(), scenario_folder()
    rows = read_rows(wide / "orders.csv")
    rows[1][5], rows[1][3] = "０７：００", "３"
    write_rows(wide / "orders.csv", rows)
    assert load(wide).orders == load(plain).orders


@pytest.mark.parametrize("system, convert", [("gcj02", wgs84_to_gcj02), ("bd09", wgs84_to_bd09)])
def test_declared_coordinate_system_is_converted_to_wgs84(scenario_folder, system, convert):
    plain, shifted = scenario_folder(), scenario_folder()
    for table, lat_col, lon_col in (("stations", 3, 4), ("sites", 3, 4), ("fleet", 3, 4)):
        rows = read_rows(shifted / f"{table}.csv")
        for row in rows[1:]:
            point = convert(lat=float(row[lat_col]), lon=float(row[lon_col]))
            row[lat_col], row[lon_col] = repr(point.lat), repr(point.lon)
        write_rows(shifted / f"{table}.csv", rows)
    (shifted / "scenario.toml").write_text(f'coordinates = "{system}"\n', encoding="utf-8")
    expected, got = load(plain), load(shifted)
    assert got.settings["coordinates"] == system
    pairs = [(LatLon(a.lat, a.lon), LatLon(b.lat, b.lon)) for a, b in zip(expected.stations + expected.sites,
                                                                            got.stations + got.sites)]
    pairs += [(LatLon(a.depot_lat, a.depot_lon), LatLon(b.depot_lat, b.depot_lon))
              for a, b in zip(expected.fleet, got.fleet)]
    assert max(distance_m(a, b) for a, b in pairs) < 0.01


def test_records_are_parsed_and_sorted(scenario_folder):
    folder = scenario_folder()
    rows = read_rows(folder / "stations.csv")
    write_rows(folder / "stations.csv", [rows[0], rows[2], rows[1]])
    scenario = load_scenario(folder)
    assert [s.station_id for s in scenario.stations] == ["ST01", "ST02"]
    a1, a2, a3 = scenario.applications
    assert a1.skills == ("采摘", "种植") and a1.team == "乌烈女工" and a1.leader and not a1.priority
    assert a2.dates == (dt.date(2026, 11, 30), dt.date(2026, 12, 1), dt.date(2026, 12, 2))
    assert a3.skills == ("装卸", "普工") and a3.dates == (dt.date(2026, 12, 1), dt.date(2026, 12, 3))
    assert a3.team is None and a3.priority
    o1, o2 = scenario.orders
    assert (o1.shift_start, o1.shift_end, o1.wage, o1.return_trip) == (420, 1020, 180.0, True)
    assert o2.return_trip is True
    _, v2 = scenario.fleet
    assert (v2.driver, v2.driver_phone, v2.cost_per_km) == ("", "", None)
    assert scenario.settings == {"coordinates": "wgs84", "plan": {}}


def test_status_cancelled_and_plan_settings_pass_through(scenario_folder):
    folder = scenario_folder()
    rows = read_rows(folder / "applications.csv")
    rows[0].append("状态")
    for row, status in zip(rows[1:], ["", "已取消", "cancelled"]):
        row.append(status)
    write_rows(folder / "applications.csv", rows)
    (folder / "scenario.toml").write_text('[plan]\nseed = 7\nspeed_kmh = 35.0\n[roads]\nbus_factor = 1.4\n',
                                          encoding="utf-8")
    scenario = load_scenario(folder)
    assert [a.cancelled for a in scenario.applications] == [False, True, True]
    assert not scenario.applications[1].available_on(dt.date(2026, 12, 1))
    assert scenario.settings == {"coordinates": "wgs84", "plan": {"seed": 7, "speed_kmh": 35.0},
                                 "roads": {"bus_factor": 1.4}}


def test_blank_rows_and_note_columns_are_ignored_and_rows_keep_their_numbers(scenario_folder):
    folder = scenario_folder()
    rows = read_rows(folder / "orders.csv")
    rows[0].append("备注")
    rows[1].append("急")
    rows[2][3] = "none"
    write_rows(folder / "orders.csv", [rows[0], rows[1], [], ["", ""], rows[2]])
    with pytest.raises(InputError) as caught:
        load_scenario(folder)
    assert [(p.row, p.column) for p in caught.value.report.problems] == [(5, "workers")]


def test_a_value_in_a_column_without_header_is_reported_with_its_letter(scenario_folder):
    folder = scenario_folder()
    rows = read_rows(folder / "stations.csv")
    rows[2] += ["", "多余"]
    write_rows(folder / "stations.csv", rows)
    with pytest.raises(InputError) as caught:
        load_scenario(folder)
    assert [(p.row, p.column, p.code) for p in caught.value.report.problems] == [(3, "column G", "cell_without_header")]


def test_a_title_row_above_the_header_is_left_out_and_named(scenario_folder, caplog):
    plain, titled = scenario_folder(), scenario_folder()
    for table in ("applications", "fleet"):
        rows = read_rows(titled / f"{table}.csv")
        write_rows(titled / f"{table}.csv", [["昌江县务工直通车 2026年12月1日"], [], *rows])
    assert load(titled) == load(plain)
    assert "applications.csv: header found on row 3; the 1 row(s) above it are left out as a title" in caplog.text
