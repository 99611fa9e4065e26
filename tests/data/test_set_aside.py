"""Forgiving input: an application row with a bad cell of its own is set aside and the rest is read;
an id in another letter case is read as the id it matches; `strict` refuses as before."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from data.reader import load_scenario
from data.set_aside import LAYOUT_CODES
from data.validation import InputError
from dispatch.reasons import INVALID_APPLICATION, set_aside_unplaced
from tests.data.test_defects import ONE_PROBLEM

OWN_ROW_DEFECTS = sorted(d for d, (file, row, _, code) in ONE_PROBLEM.items()
                         if file == "applications.csv" and row is not None and code not in LAYOUT_CODES)
TINY_ROWS = 3


def test_the_application_defects_are_those_expected():
    assert len(OWN_ROW_DEFECTS) == 11


@pytest.mark.parametrize("defect", OWN_ROW_DEFECTS)
def test_an_application_with_a_bad_cell_of_its_own_is_set_aside(scenario_folder, defect):
    _, row, column, _ = ONE_PROBLEM[defect]
    scenario = load_scenario(scenario_folder(defect))
    assert [a.row for a in scenario.set_aside] == [row]
    assert scenario.set_aside[0].problems[0].startswith(f"column {column}: ")
    kept = {a.application_id for a in scenario.applications}
    assert scenario.set_aside[0].application_id not in kept
    assert len(scenario.applications) + len(scenario.set_aside) >= TINY_ROWS - 1


@pytest.mark.parametrize("defect", OWN_ROW_DEFECTS)
def test_strict_refuses_the_same_folder(scenario_folder, defect):
    with pytest.raises(InputError):
        load_scenario(scenario_folder(defect), strict=True)


def test_many_broken_rows_are_set_aside_and_the_good_one_is_kept(scenario_folder):
    scenario = load_scenario(scenario_folder("many-broken-rows"))
    assert [a.application_id for a in scenario.applications] == ["A001"]
    by_row = {a.row: a for a in scenario.set_aside}
    assert sorted(by_row) == [3, 4, 5, 6, 7, 8]
    assert by_row[8].application_id == "applications.csv row 8"  # its id is A001's again
    assert len(by_row[8].problems) == 2
    assert by_row[7].dates is None  # 2026-12-32 could not be read: listed on any day
    assert by_row[3].dates == (dt.date(2026, 12, 1),)
    assert by_row[5].station_id is None and by_row[3].station_id == "ST02"


def test_set_aside_rows_are_listed_unplaced_on_their_day_with_file_row_and_column(scenario_folder):
    scenario = load_scenario(scenario_folder("many-broken-rows"))
    unplaced = {u.application_id: u for u in set_aside_unplaced(scenario, dt.date(2026, 12, 1))}
    assert len(unplaced) == 6 and {u.reason for u in unplaced.values()} == {INVALID_APPLICATION}
    assert unplaced["A002"].detail.startswith("applications.csv row 3 was set aside: column 身份证号: ")
    assert "could not be read" in unplaced["A006"].detail
    other_day = {u.application_id for u in set_aside_unplaced(scenario, dt.date(2026, 12, 5))}
    assert other_day == {"A006"}


def test_a_station_id_in_another_letter_case_is_read_as_the_station(scenario_folder, caplog):
    folder = scenario_folder()
    path = folder / "applications.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",ST02,", ",st02,"), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="data.checks"):
        scenario = load_scenario(folder)
    assert not scenario.set_aside
    assert [a.station_id for a in scenario.applications] == ["ST02", "ST02", "ST01"]
    assert "st02 read as ST02" in caplog.text


def test_an_id_matching_two_ids_but_for_case_is_not_guessed(scenario_folder):
    folder = scenario_folder()
    stations = folder / "stations.csv"
    lines = stations.read_text(encoding="utf-8").splitlines()
    twin = next(line for line in lines if line.startswith("ST01,")).replace("ST01,", "St01,", 1)
    stations.write_text("\n".join([*lines, twin]) + "\n", encoding="utf-8")
    path = folder / "applications.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",ST01,", ",st01,"), encoding="utf-8")
    scenario = load_scenario(folder)
    assert [a.application_id for a in scenario.set_aside] == ["A003"]
    assert "is not in stations.csv; did you mean" in scenario.set_aside[0].problems[0]


def test_a_broken_order_still_stops_the_run_with_the_application_rows_in_the_report(scenario_folder):
    folder = scenario_folder("many-broken-rows")
    orders = folder / "orders.csv"
    lines = orders.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("workers")] = "many"
    orders.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(folder)
    files = {p.file for p in caught.value.report.problems}
    assert files == {"orders.csv", "applications.csv"}
