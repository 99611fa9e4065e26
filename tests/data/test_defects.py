"""Each defect fixture gives a report that names the file, the spreadsheet row and the column (read
with `strict`; tests/data/test_set_aside.py reads the application defects without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.reader import load_scenario
from data.validation import InputError, ValidationReport

BAD = Path(__file__).resolve().parent / "bad"

# defect folder -> (file, row, column, code) of the one problem it must cause
ONE_PROBLEM = {
    "unknown-column": ("stations.csv", 1, "altitude", "unknown_column"),
    "missing-column": ("sites.csv", 1, "lon (经度)", "missing_column"),
    "duplicate-column": ("stations.csv", 1, "纬度", "duplicate_column"),
    "bad-number": ("orders.csv", 2, "workers", "bad_integer"),
    "bad-wage": ("orders.csv", 2, "wage", "bad_number"),
    "bad-date": ("orders.csv", 3, "date", "bad_date"),
    "bad-date-range": ("applications.csv", 3, "dates", "bad_dates"),
    "bad-time": ("orders.csv", 2, "shift_start", "bad_time"),
    "duplicate-id": ("stations.csv", 4, "station_id", "duplicate_id"),
    "unknown-station": ("applications.csv", 4, "station_id", "unknown_reference"),
    "unknown-site": ("orders.csv", 3, "site_id", "unknown_reference"),
    "seats-below-one": ("fleet.csv", 3, "seats", "bad_integer"),
    "workers-below-one": ("orders.csv", 3, "workers", "bad_integer"),
    "bad-id-checksum": ("applications.csv", 3, "id_number", "bad_id_number"),
    "impossible-birth-date": ("applications.csv", 2, "id_number", "bad_id_number"),
    "bad-phone": ("applications.csv", 4, "phone", "bad_phone"),
    "shift-end-before-start": ("orders.csv", 2, "shift_end", "ends_before_start"),
    "available-to-before-from": ("fleet.csv", 2, "available_to", "ends_before_start"),
    "day-cost-without-km-cost": ("fleet.csv", 2, "cost_per_day", "day_cost_without_km_cost"),
    "bad-yesno": ("orders.csv", 2, "return_trip", "bad_yesno"),
    "bad-gender": ("applications.csv", 4, "gender", "bad_gender"),
    "bad-status": ("applications.csv", 4, "状态", "bad_status"),
    "two-leaders": ("applications.csv", 3, "leader", "two_leaders"),
    "leader-without-team": ("applications.csv", 4, "leader", "leader_without_team"),
    "empty-id": ("applications.csv", 3, "application_id", "empty_cell"),
    "unsafe-id": ("fleet.csv", 3, "vehicle_id", "bad_id"),
    "duplicate-person": ("applications.csv", 4, "id_number", "duplicate_person"),
    "bad-toml": ("scenario.toml", 2, None, "bad_toml"),
    "unknown-coordinate-system": ("scenario.toml", None, "coordinates", "bad_option"),
    "undecodable-csv": ("stations.csv", None, None, "unreadable_file"),
    "not-a-workbook": ("fleet.xlsx", None, None, "unreadable_file"),
    "empty-table": ("sites.csv", None, None, "unreadable_file"),
    "unknown-parking": ("sites.csv", 3, "parking_id", "unknown_reference"),
    "parking-without-table": ("sites.csv", 3, "停车点编号", "unknown_reference"),
}


def report_for(folder) -> ValidationReport:
    with pytest.raises(InputError) as caught:
        load_scenario(folder, strict=True)
    return caught.value.report


def test_every_defect_folder_has_an_expectation():
    named = set(ONE_PROBLEM) | {"many-broken-rows", "coordinates-out-of-range", "latitude-longitude-swapped",
                                "declared-encoding-wrong"}
    assert {p.name for p in BAD.iterdir()} == named


def test_the_tiny_folder_itself_is_valid(scenario_folder):
    assert len(load_scenario(scenario_folder()).applications) == 3


@pytest.mark.parametrize("defect", sorted(ONE_PROBLEM))
def test_defect_is_reported_at_its_file_row_and_column(scenario_folder, defect):
    report = report_for(scenario_folder(defect))
    assert [(p.file, p.row, p.column, p.code) for p in report.problems] == [ONE_PROBLEM[defect]]


def test_coordinates_outside_china_are_reported_for_both_cells(scenario_folder):
    report = report_for(scenario_folder("coordinates-out-of-range"))
    assert {(p.file, p.row, p.column, p.code) for p in report.problems} == {
        ("sites.csv", 2, "lat", "bad_lat"), ("sites.csv", 2, "lon", "bad_lon")}


def test_swapped_latitude_and_longitude_get_a_hint(scenario_folder):
    report = report_for(scenario_folder("latitude-longitude-swapped"))
    assert [p.row for p in report.problems] == [3, 3]
    assert all("swapped" in p.message for p in report.problems)


def test_an_encoding_declared_wrongly_names_every_file_it_breaks(scenario_folder):
    report = report_for(scenario_folder("declared-encoding-wrong"))
    assert {p.file for p in report.problems} == {
        "stations.csv", "sites.csv", "orders.csv", "fleet.csv", "applications.csv"}
    assert all("ascii" in p.message for p in report.problems)


def test_many_broken_rows_give_one_report_naming_each(scenario_folder):
    report = report_for(scenario_folder("many-broken-rows"))
    found = [(p.row, p.column, p.code) for p in report.problems]
    assert found == [
        (3, "身份证号", "bad_id_number"),
        (4, "联系电话", "bad_phone"),
        (5, "上车站点", "unknown_reference"),
        (6, "技能", "empty_cell"),
        (7, "务工日期", "bad_dates"),
        (8, "困难群众", "bad_yesno"),
        (8, "申请编号", "duplicate_id"),
    ]
    assert {p.file for p in report.problems} == {"applications.csv"}


def test_a_missing_table_is_reported(scenario_folder):
    folder = scenario_folder()
    (folder / "fleet.csv").unlink()
    report = report_for(folder)
    assert [(p.file, p.code) for p in report.problems] == [("fleet.csv", "missing_table")]
    assert "fleet.xlsx" in report.problems[0].message


def test_a_table_given_twice_is_reported(scenario_folder):
    folder = scenario_folder()
    (folder / "Sites.xlsx").write_bytes(b"")
    assert [p.code for p in report_for(folder).problems] == ["ambiguous_table"]


def test_a_missing_folder_is_an_input_error(tmp_path):
    assert [p.code for p in report_for(tmp_path / "nowhere").problems] == ["missing_folder"]


def test_defects_in_several_files_are_reported_together(scenario_folder):
    folder = scenario_folder("bad-time")
    for defect in ("bad-phone", "seats-below-one", "unknown-coordinate-system"):
        for path in (BAD / defect).iterdir():
            (folder / path.name).write_bytes(path.read_bytes())
    report = report_for(folder)
    assert {p.code for p in report.problems} == {"bad_time", "bad_phone", "bad_integer", "bad_option"}
    assert [p.file for p in report.problems] == ["scenario.toml", "orders.csv", "fleet.csv", "applications.csv"]


def test_messages_never_show_a_full_id_or_phone_number(scenario_folder):
    for defect in ("bad-id-checksum", "impossible-birth-date", "duplicate-person", "bad-phone"):
        text = report_for(scenario_folder(defect)).render()
        for number in ("469031198506152016", "469031199002300015", "469031199001010120", "1500898123"):
            assert number not in text


def test_control_characters_in_text_cells_are_reported(scenario_folder):
    folder = scenario_folder()
    path = folder / "stations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("石碌镇就业驿站", "石碌镇\x07驿站"), encoding="utf-8")
    assert [(p.row, p.column, p.code) for p in report_for(folder).problems] == [(2, "name", "bad_text")]


def test_an_unknown_station_id_suggests_the_one_meant(scenario_folder):
    folder = scenario_folder()
    path = folder / "applications.csv"
    rows = [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()]
    column = rows[0].index("station_id")
    rows[1][column], rows[2][column] = "ST2", "ZZ99"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    messages = {p.row: p.message for p in report_for(folder).problems}
    assert set(messages) == {2, 3}
    assert messages[2].endswith("is not in stations.csv; did you mean 'ST02'?")
    assert messages[3].endswith("is not in stations.csv")
