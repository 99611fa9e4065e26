"""The validation report as text a dispatcher reads, and as data other tools consume."""

from __future__ import annotations

import csv

import pytest

from data.reader import load_scenario
from data.validation import InputError, Problem, ValidationReport


def test_many_problems_of_one_kind_show_a_count_and_the_first_examples(scenario_folder):
    folder = scenario_folder()
    rows = list(csv.reader((folder / "applications.csv").read_text(encoding="utf-8").splitlines()))
    header, template = rows[0], rows[1]
    body = []
    for k in range(12):
        row = list(template)
        row[0], row[3], row[4], row[9], row[10] = f"B{k:02d}", "", f"1380013{k:04d}", "", ""
        body.append(row)
    body[0][6] = "=HYPERLINK()"  # harmless as text: villages are free text
    body[5][2] = "?"
    with (folder / "applications.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *body])
    with pytest.raises(InputError) as caught:
        load_scenario(folder, strict=True)
    report = caught.value.report
    assert len(report) == 13
    text = report.render()
    assert text.splitlines()[:3] == ["13 problems in the input files:", "applications.csv:",
                                      "  12 problems of kind empty_cell, for example:"]
    assert "row 2, column id_number: id_number (身份证号) is empty" in text
    assert "... and 9 more" in text
    assert "row 7, column gender: '?' is not a gender" in text
    assert str(caught.value) == text


def test_report_as_dicts_and_when_empty():
    report = ValidationReport((Problem("orders.csv", 3, "workers", "0 must be at least 1", "bad_integer"),))
    assert report.as_dicts() == [{"file": "orders.csv", "row": 3, "column": "workers",
                                  "message": "0 must be at least 1", "code": "bad_integer"}]
    assert not report.ok and ValidationReport().ok
    assert ValidationReport().render() == "No problems found."
