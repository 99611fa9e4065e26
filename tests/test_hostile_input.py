"""End to end: a valid day whose every text field is an attack plans normally and every output stays inert.

Names, villages, teams, drivers, plates, ids, station, site and employer names carry markup, spreadsheet
formulas, path climbs, a 300-character name, an emoji and a rare CJK Extension B character. After
`shuttle plan` every HTML output shows them escaped, every CSV and xlsx cell from input is neutralised,
the PDFs print what the font lacks as a visible placeholder (and the CLI says so), and every file lands
inside `--out` under a plain name.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from typer.testing import CliRunner, Result

from cli import EXIT_INPUT, app
from data.idcard import make_id_number
from data.writers import FORMULA_TRIGGERS

pytestmark = pytest.mark.slow

runner = CliRunner()
DAY = dt.date(2026, 12, 8)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HYPERLINK = '=HYPERLINK("http://x","y")'
PLUS, MINUS, AT = "+1+1", "-2", "@SUM(A1)"
CLIMB, BACKSLASH_CLIMB = "../../etc/passwd", "..\\..\\x"
LONG_NAME = "长" * 150 + "名" * 150
EMOJI = "👷工人"
RARE = "𠀀"  # U+20000, CJK Extension B: not in the bundled print font
RARE_NAME = f"林{RARE}"
MARKUP = (SCRIPT, IMG)
FORMULAS = (HYPERLINK, PLUS, MINUS, AT)

HOSTILE_APPLICANT_NAMES = (SCRIPT, IMG, HYPERLINK, PLUS, MINUS, AT, "\t=1+2", "\r=3+4", CLIMB, BACKSLASH_CLIMB,
                           LONG_NAME, EMOJI, RARE_NAME)
HOSTILE_IDS = {"station": "@站", "site": IMG, "order": "=需求1"}
"""Ids may hold markup and formula triggers (only '/', '\\', '..' and control characters are refused)."""
BUSES = ("+一号车", "=二号车", "@三号车")
"""Bus ids that start a formula and hold no other ASCII: an ASCII-only file-name cleaner gives all the same name."""


def write_hostile_day(folder: Path) -> None:
    """A small valid Changjiang day (3 stations, 3 sites, 3 orders, 3 buses, 36 applicants), hostile text everywhere."""
    folder.mkdir(parents=True)
    station = HOSTILE_IDS["station"]
    stations = pd.DataFrame(
        [[station, SCRIPT, HYPERLINK, 19.279, 109.052], ["H-2", IMG, CLIMB, 19.233, 108.983],
         ["H-3", f"十月田{EMOJI}", AT, 19.352, 109.035]],
        columns=["station_id", "name", "town", "lat", "lon"],
    )
    sites = pd.DataFrame(
        [[HOSTILE_IDS["site"], SCRIPT, HYPERLINK, 19.36, 109.01], ["W-2", PLUS, IMG, 19.343, 109.04],
         ["W-3", BACKSLASH_CLIMB, f"{RARE}基地", 19.38, 108.82]],
        columns=["site_id", "employer", "name", "lat", "lon"],
    )
    orders = pd.DataFrame(
        [[HOSTILE_IDS["order"], HOSTILE_IDS["site"], DAY.isoformat(), 14, "采摘", "07:30", "17:00", 170, "yes"],
         ["D-2", "W-2", DAY.isoformat(), 12, "包装", "08:00", "18:00", 200, "yes"],
         ["D-3", "W-3", DAY.isoformat(), 10, "种植", "08:00", "16:00", 160, "yes"]],
        columns=["order_id", "site_id", "date", "workers", "skill", "shift_start", "shift_end", "wage", "return_trip"],
    )
    fleet = pd.DataFrame(
        [[BUSES[0], CLIMB, 14, 19.2755, 109.056, "05:00", "21:00", SCRIPT, "13912345678"],
         [BUSES[1], BACKSLASH_CLIMB, 14, 19.2755, 109.056, "05:00", "21:00", HYPERLINK, "13912345679"],
         [BUSES[2], IMG, 14, 19.2755, 109.056, "05:00", "21:00", f"司机{EMOJI}{RARE}", "13912345670"]],
        columns=["vehicle_id", "plate", "seats", "depot_lat", "depot_lon", "available_from", "available_to",
                 "driver", "driver_phone"],
    )
    rows = []
    skills = ["采摘", "包装", "种植"]
    for k in range(1, 37):
        name = HOSTILE_APPLICANT_NAMES[k - 1] if k <= len(HOSTILE_APPLICANT_NAMES) else f"工人{k}"
        team, leader = ("", "")
        if 30 < k <= 34:
            team, leader = (SCRIPT if k <= 32 else HYPERLINK), ("yes" if k in (31, 33) else "")
        app_id = f"=A{k}" if k % 5 == 0 else f"A{k:03d}"
        village = [SCRIPT, HYPERLINK, CLIMB, EMOJI, RARE][k % 5]
        rows.append([app_id, name, "男" if k % 2 else "女",
                     make_id_number("469031", dt.date(1970 + k, 1 + k % 12, 1 + k % 27), k),
                     f"1380000{k:04d}", [station, "H-2", "H-3"][k % 3], village,
                     "、".join(skills) if team else skills[k % 3], DAY.isoformat(),
                     team, leader, "yes" if k % 7 == 0 else "no"])
    applications = pd.DataFrame(
        rows, columns=["application_id", "name", "gender", "id_number", "phone", "station_id", "village", "skills",
                       "dates", "team", "leader", "priority"],
    )
    for name, frame in [("stations", stations), ("sites", sites), ("orders", orders), ("fleet", fleet),
                        ("applications", applications)]:
        frame.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8", quoting=csv.QUOTE_ALL)


def _tree(root: Path) -> dict[str, tuple[int, int]]:
    """Every path below `root` (relative), with size and modification time: to see what a run touched."""
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(root.rglob("*"))}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """The hostile day planned once: (CLI result, out folder, tree beside out before, tree after)."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "in"
    write_hostile_day(folder)
    (root / "work").mkdir()
    out = root / "work" / "out"
    before = _tree(root)
    result = runner.invoke(app, ["plan", str(folder), "--out", str(out), "--solution-limit", "20"])
    after = _tree(root)
    return result, out, before, after


def _outputs(out: Path, suffix: str) -> list[Path]:
    return sorted(p for p in out.rglob(f"*{suffix}") if p.is_file())


def test_the_hostile_day_plans_normally(hostile_run):
    result, out, _, _ = hostile_run
    assert result.exit_code == 0, result.output
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert plan["summary"]["workers_assigned"] >= 30
    assert {a["application_id"] for a in plan["assignments"]} | {u["application_id"] for u in plan["unassigned"]} \
        == {f"=A{k}" if k % 5 == 0 else f"A{k:03d}" for k in range(1, 37)}


def test_nothing_is_written_outside_out(hostile_run):
    _, out, before, after = hostile_run
    work = out.parent
    root = work.parent
    outside_changes = {p for p in set(after) ^ set(before) if not (root / p).is_relative_to(out) and (root / p) != out}
    assert outside_changes == set()
    assert {p.name for p in work.iterdir()} == {"out"}, "no temporary folder is left beside out"
    assert not Path("/etc/passwd").is_relative_to(out)
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out.resolve())
        assert not path.is_symlink()


def test_every_output_file_name_is_plain(hostile_run):
    _, out, _, _ = hostile_run
    names = [p.name for p in out.rglob("*")]
    assert len(names) > 5
    for name in names:
        assert ".." not in name and "/" not in name and "\\" not in name, name
        assert re.fullmatch(r"[\w.-]+", name), name
        assert not any(c in name for c in "<>=+@\"'"), name


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the text inside each <script> element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _js_unescaped(text: str) -> str:
    """The page with JavaScript/JSON string escapes undone: what Leaflet hands to innerHTML at run time."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return text.replace('\\"', '"').replace("\\/", "/").replace("\\'", "'")


def test_html_outputs_show_hostile_markup_only_escaped(hostile_run):
    _, out, _, _ = hostile_run
    pages = _outputs(out, ".html")
    assert out / "map.html" in pages and out / "manifests" / "index.html" in pages and len(pages) >= 4
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for attack in MARKUP:
            assert attack not in text, f"{page.name} holds {attack!r} unescaped"
            assert attack not in _js_unescaped(text), f"{page.name} holds {attack!r} in a script string, unescaped"
        parsed = _Tags()
        parsed.feed(text)
        assert not any(tag == "img" and "onerror" in attrs for tag, attrs in parsed.tags), page.name
        assert not any("alert(1)" in script and "&lt;" not in _js_unescaped(script) for script in parsed.scripts)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in _js_unescaped((out / "map.html").read_text(encoding="utf-8"))


def test_hostile_names_are_shown_as_text_in_the_manifests(hostile_run):
    _, out, _, _ = hostile_run
    manifests = "".join(p.read_text(encoding="utf-8") for p in (out / "manifests").glob("manifest*.html"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in manifests
    assert "&lt;img src=x onerror=alert(1)&gt;" in manifests
    assert EMOJI in manifests and RARE in manifests


def _neutralised(value: str) -> bool:
    return not value.startswith(FORMULA_TRIGGERS)


def test_csv_cells_from_input_never_start_a_formula(hostile_run):
    _, out, _, _ = hostile_run
    files = _outputs(out, ".csv")
    assert out / "notices.csv" in files
    quoted = 0
    for path in files:
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")):
            for cell in row:
                assert _neutralised(cell), f"{path.name}: live formula {cell!r}"
                quoted += cell.startswith("'") and cell[1:].startswith(FORMULA_TRIGGERS)
    assert quoted > 0, "the hostile names reach the notices, neutralised"


def test_xlsx_cells_are_never_formulas(hostile_run):
    _, out, _, _ = hostile_run
    book = openpyxl.load_workbook(out / "plan.xlsx")
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    assert _neutralised(cell.value), f"{sheet.title}!{cell.coordinate}: {cell.value!r}"
                    values.append(cell.value)
    assert "'" + HYPERLINK in values and "'" + AT in values
    assert LONG_NAME in values, "a long name is kept whole in the data"


def test_plan_json_keeps_hostile_text_whole_as_data(hostile_run):
    _, out, _, _ = hostile_run
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    drivers = {r["driver"] for r in plan["routes"]}
    plates = {r["plate"] for r in plan["routes"]}
    assert drivers <= {SCRIPT, HYPERLINK, f"司机{EMOJI}{RARE}"} and plates <= {CLIMB, BACKSLASH_CLIMB, IMG}


def test_every_bus_run_keeps_its_own_manifest(hostile_run):
    _, out, _, _ = hostile_run
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    runs = len(plan["routes"])
    assert len({r["vehicle_id"] for r in plan["routes"]}) >= 2
    assert len(list((out / "manifests").glob("manifest_*.html"))) == runs
    assert len(list((out / "manifests").glob("manifest_*.pdf"))) == runs


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_pdfs_print_hostile_text_and_mark_the_missing_glyph(hostile_run):
    result, out, _, _ = hostile_run
    pdfs = _outputs(out, ".pdf")
    assert pdfs
    text = "".join(_pdf_text(p) for p in pdfs)
    assert "alert(1)" in text, "markup is printed as plain text"
    assert RARE not in text and "□" in text, "the missing glyph is shown as the placeholder"
    assert LONG_NAME not in text.replace("\n", ""), "a 300-character name is shortened for print"
    assert "长长长长" in text
    notes = [line for line in result.output.splitlines() if line.startswith("note:") and RARE in line]
    assert notes, "the CLI reports the characters the font lacks"
    assert all(".pdf" in line for line in notes)


def test_ids_that_climb_paths_are_refused_with_row_and_column(tmp_path):
    folder = tmp_path / "in"
    write_hostile_day(folder)
    fleet = pd.read_csv(folder / "fleet.csv", dtype=str, keep_default_na=False)
    fleet.loc[1, "vehicle_id"] = CLIMB
    fleet.to_csv(folder / "fleet.csv", index=False, quoting=csv.QUOTE_ALL)
    apps = pd.read_csv(folder / "applications.csv", dtype=str, keep_default_na=False)
    apps.loc[3, "application_id"] = BACKSLASH_CLIMB
    apps.to_csv(folder / "applications.csv", index=False, quoting=csv.QUOTE_ALL)
    out = tmp_path / "out"
    result = runner.invoke(app, ["plan", str(folder), "--out", str(out)])
    assert result.exit_code == EXIT_INPUT, result.output
    assert not out.exists() and "Traceback" not in result.output
    report = result.output
    assert "fleet.csv" in report and "applications.csv" in report
    assert "row 3, column vehicle_id" in report and "row 5, column application_id" in report
    assert sorted(os.listdir(tmp_path)) == ["in"]


TABLE_COLUMNS = {
    "stations": ["station_id", "name", "town", "lat", "lon"],
    "fleet": ["vehicle_id", "plate", "seats", "available_from", "driver", "driver_phone"],
    "orders": ["order_id", "site_id", "date", "workers", "shift_start", "return_trip"],
    "applications": ["application_id", "name", "id_number", "phone", "station_id", "skills", "dates", "team",
                     "leader", "priority"],
}


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz") / "in"
    write_hostile_day(folder)
    return folder


def _validate_copy(source: Path, edit: Callable[[Path], None]) -> Result:
    """`shuttle validate` on a copy of `source` changed by `edit(folder)`."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        shutil.copytree(source, folder)
        edit(folder)
        return runner.invoke(app, ["validate", str(folder)])


def _reads_or_reports(result) -> None:
    assert result.exit_code in (0, EXIT_INPUT), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.tuples(st.sampled_from(sorted(TABLE_COLUMNS)), st.integers(0, 2), st.data()),
                      min_size=1, max_size=4),
       values=st.lists(st.text(max_size=40), min_size=4, max_size=4))
def test_any_cell_text_is_read_or_reported(hostile_folder, cells, values):
    def edit(folder: Path) -> None:
        for (table, row, data), value in zip(cells, values):
            column = data.draw(st.sampled_from(TABLE_COLUMNS[table]))
            frame = pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)
            frame.loc[row, column] = value
            frame.to_csv(folder / f"{table}.csv", index=False, quoting=csv.QUOTE_ALL)

    _reads_or_reports(_validate_copy(hostile_folder, edit))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(sorted(TABLE_COLUMNS)), content=st.binary(max_size=300),
       keep_header=st.booleans())
def test_any_file_bytes_are_read_or_reported(hostile_folder, table, content, keep_header):
    def edit(folder: Path) -> None:
        path = folder / f"{table}.csv"
        header = path.read_bytes().split(b"\n", 1)[0] + b"\n" if keep_header else b""
        path.write_bytes(header + content)

    _reads_or_reports(_validate_copy(hostile_folder, edit))




def test_out_pointing_at_the_input_folder_is_refused(tmp_path):
    folder = tmp_path / "in"
    write_hostile_day(folder)
    inputs = _tree(folder)
    result = runner.invoke(app, ["plan", str(folder), "--out", str(folder), "--solution-limit", "5"])
    assert _tree(folder) == inputs, "the input files were replaced by outputs"
    assert result.exit_code == EXIT_INPUT, result.output


def test_out_pointing_at_a_folder_of_other_files_is_refused(tmp_path):
    folder = tmp_path / "in"
    write_hostile_day(folder)
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "contract.txt").write_text("not a plan", encoding="utf-8")
    result = runner.invoke(app, ["plan", str(folder), "--out", str(documents), "--solution-limit", "5"])
    assert (documents / "contract.txt").is_file(), "a folder that held no plan was deleted"
    assert result.exit_code == EXIT_INPUT, result.output
