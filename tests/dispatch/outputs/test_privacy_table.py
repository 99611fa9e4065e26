"""docs/privacy.md's table, checked: every output of the tiny day carries the names and the phone and ID
forms its row says, and no others."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from pathlib import Path

import openpyxl
import pyogrio
import pytest
from pypdf import PdfReader

from data.privacy import mask_id, mask_phone
from dispatch.outputs import bus_days_table, orders_table, summary_table, unplaced_by_station, write_outputs
from dispatch.plan import DayPlan
from dispatch.replan import ChangeReport, PassengerChange

TABLE = Path(__file__).resolve().parents[3] / "docs" / "privacy.md"
COLUMNS = ("document", "reader", "workers' names", "workers' phones", "driver's phone", "office and crew phones",
           "ID numbers")
CHANGES = ChangeReport((PassengerChange("A003", "陈亚妹", "time_changed", "V01", 335, "V01", 345, "a late change"),))
"""A re-plan's report, so that changes.json is written too."""
OFFICE = {"dispatcher": "王敏", "dispatcher_phone": "0898-26612345", "emergency_phone": "0898-26699999"}
CREW = {"escort_phone": "13600136000", "contact_phone": "13700137000"}
"""The escort's phone (every bus) and the receiver's at every site."""
TERMINAL = "the terminal report and progress lines"


def table_rows() -> list[dict[str, str]]:
    lines = [line for line in TABLE.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert tuple(header) == COLUMNS
    return [dict(zip(header, (cell.strip() for cell in line.strip("|").split("|")))) for line in lines[2:]]


def file_text(path: Path) -> str:
    """What a reader (or a program) finds in the file: PDF text, every cell of a workbook, or the text."""
    if path.suffix == ".pdf":
        return "".join("".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        return "\n".join(str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row
                         if c.value is not None)
    if path.suffix == ".gpkg":
        return "\n".join(pyogrio.read_dataframe(path, layer=layer).to_csv() for layer, _ in pyogrio.list_layers(path))
    return path.read_text(encoding="utf-8-sig")


def texts_of(out: Path, document: str, plan: DayPlan) -> list[str]:
    """The texts a row of the table speaks of: each file its pattern matches, or one notices column."""
    if document == TERMINAL:
        return ["\n".join([summary_table(plan), bus_days_table(plan), orders_table(plan), unplaced_by_station(plan)])]
    pattern = re.sub(r"<[^>]+>", "*", re.findall(r"`([^`]+)`", document)[0])
    files = sorted(out.glob(pattern))
    assert files, f"no file matches {pattern}"
    column = re.search(r"column `(\w+)`", document)
    if column is None:
        return [file_text(f) for f in files]
    with files[0].open(encoding="utf-8-sig", newline="") as handle:
        return ["\n".join(row[column.group(1)] for row in csv.DictReader(handle))]


def form(text: str, whole: list[str], masked: list[str]) -> str:
    if any(number in text for number in whole):
        return "whole"
    return "masked" if any(number in text for number in masked) else "—"


_WRITTEN: dict[bool, tuple[Path, DayPlan]] = {}


@pytest.fixture
def written(tiny_plan, tmp_path_factory) -> dict[bool, tuple[Path, DayPlan]]:
    """The tiny day written out twice, once per test run: with the default settings, and with
    manifest_worker_phones = false (the plan fixture is always the same day)."""
    for whole in (True, False):
        if whole not in _WRITTEN:
            settings = {"outputs": {**OFFICE, "manifest_worker_phones": whole}}
            scenario = tiny_plan.scenario
            fleet = tuple(dataclasses.replace(v, escort="李秀梅", escort_phone=CREW["escort_phone"])
                          for v in scenario.fleet)
            sites = tuple(dataclasses.replace(s, contact="王文", contact_phone=CREW["contact_phone"])
                          for s in scenario.sites)
            scenario = dataclasses.replace(scenario, settings=settings, fleet=fleet, sites=sites)
            day = dataclasses.replace(tiny_plan, scenario=scenario)
            out = tmp_path_factory.mktemp(f"privacy_{whole}") / "out"
            write_outputs(day, out, lang="zh", changes=CHANGES)
            _WRITTEN[whole] = (out, day)
    return _WRITTEN


@pytest.mark.parametrize("row", table_rows(), ids=lambda row: row["document"])
@pytest.mark.parametrize("whole_worker_phones", [True, False], ids=["default", "manifest_worker_phones=false"])
def test_each_document_carries_what_the_table_says(written, row, whole_worker_phones):
    out, plan = written[whole_worker_phones]
    apps, fleet = plan.scenario.applications, plan.scenario.fleet
    expected = {column: cell.split(" ", 1)[0] for column, cell in row.items()}  # "whole (...)" is "whole"
    if not whole_worker_phones and "manifest" in row["document"] and row["workers' phones"] == "whole":
        expected["workers' phones"] = "masked"
    office = [OFFICE["dispatcher_phone"], OFFICE["emergency_phone"], *CREW.values()]
    for text in texts_of(out, row["document"], plan):
        found = {
            "workers' phones": form(text, [a.phone for a in apps], [mask_phone(a.phone) for a in apps]),
            "driver's phone": form(text, [v.driver_phone for v in fleet], [mask_phone(v.driver_phone) for v in fleet]),
            "office and crew phones": form(text, office, [mask_phone(p) for p in office]),
            "ID numbers": form(text, [a.id_number for a in apps], [mask_id(a.id_number) for a in apps]),
        }
        assert found == {k: expected[k] for k in found}, row["document"]
        named = any(a.name in text for a in apps)
        assert named == (expected["workers' names"] != "—"), row["document"]


def test_every_written_file_has_a_row(written):
    out, _ = written[True]
    patterns = [re.sub(r"<[^>]+>", "*", re.findall(r"`([^`]+)`", r["document"])[0])
                for r in table_rows() if r["document"] != TERMINAL]
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert not [f for f in files if not any(Path(f).match(p) for p in patterns)]


def test_a_manifest_carries_only_its_own_riders_and_driver(written):
    out, plan = written[True]
    phones = {a.application_id: a.phone for a in plan.scenario.applications}
    text = file_text(out / "manifests" / "manifest_2026-12-01_morning_V02.pdf")
    assert {a for a, phone in phones.items() if phone in text} == {"A004", "A005"}
    assert [v.vehicle_id for v in plan.scenario.fleet if v.driver_phone in text] == ["V02"]


def test_notices_carry_each_recipients_own_phone(written):
    out, plan = written[True]
    rows = list(csv.DictReader(io.StringIO((out / "notices.csv").read_text(encoding="utf-8-sig"))))
    assert {r["application_id"]: r["phone"] for r in rows} == {a.application_id: a.phone
                                                                for a in plan.scenario.applications}
