"""End to end: the same day saved in the encodings county offices use gives the same plan, byte for byte.

UTF-8, UTF-8 with BOM, GBK and GB18030 are detected; an encoding named in scenario.toml is used as
declared; a file in anything else (Latin-1, UTF-16 without its BOM) stops the run with one report
that names the file, exit 2, and nothing written.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import EXIT_INPUT, app
from tests.support.foreign_day import FOREIGN_DAY, write_foreign_day

pytestmark = pytest.mark.slow

runner = CliRunner()
TABLES = ("stations", "sites", "orders", "fleet", "applications")
ENCODINGS = ("utf-8", "utf-8-sig", "gbk", "gb18030")
PLAN_ARGS = ("--date", FOREIGN_DAY.isoformat(), "--solution-limit", "20", "--seed", "0")


@pytest.fixture(scope="module")
def utf8_day(tmp_path_factory) -> Path:
    """The Dongfang day of test_cli as plain UTF-8 CSV files (its Chinese is all inside GBK)."""
    folder = tmp_path_factory.mktemp("day") / "utf8"
    write_foreign_day(folder, fmt="csv")
    for table in TABLES:
        path = folder / f"{table}.csv"
        path.write_text(path.read_text(encoding="utf-8-sig"), encoding="utf-8")
    return folder


def resave(source: Path, target: Path, encoding: str, toml: str | None = None) -> Path:
    """A copy of the day's folder with every CSV saved in `encoding` (and an optional scenario.toml)."""
    target.mkdir(parents=True)
    for table in TABLES:
        text = (source / f"{table}.csv").read_text(encoding="utf-8")
        (target / f"{table}.csv").write_bytes(text.encode(encoding))
    if toml is not None:
        (target / "scenario.toml").write_text(toml, encoding="utf-8")
    return target


def plan_bytes(folder: Path, out: Path) -> bytes:
    result = runner.invoke(app, ["plan", str(folder), "--out", str(out), *PLAN_ARGS])
    assert result.exit_code == 0, result.output
    return (out / "plan.json").read_bytes()


@pytest.fixture(scope="module")
def utf8_plan(utf8_day, tmp_path_factory) -> bytes:
    return plan_bytes(utf8_day, tmp_path_factory.mktemp("plan") / "out")


@pytest.mark.parametrize("encoding", ENCODINGS[1:])
def test_each_encoding_gives_the_utf8_plan(utf8_day, utf8_plan, tmp_path, encoding):
    folder = resave(utf8_day, tmp_path / encoding, encoding)
    if encoding == "gbk":
        assert (folder / "stations.csv").read_bytes() != (utf8_day / "stations.csv").read_bytes()
    assert plan_bytes(folder, tmp_path / "out") == utf8_plan


def test_a_declared_encoding_is_used(utf8_day, utf8_plan, tmp_path):
    folder = resave(utf8_day, tmp_path / "declared", "gbk", toml='encoding = "gbk"\n')
    assert plan_bytes(folder, tmp_path / "out") == utf8_plan


def _one_report(folder: Path, out: Path, file_name: str) -> str:
    result = runner.invoke(app, ["plan", str(folder), "--out", str(out), *PLAN_ARGS])
    assert result.exit_code == EXIT_INPUT, result.output
    assert "Traceback" not in result.output and not out.exists()
    assert file_name in result.output
    assert result.output.count("Nothing was written") == 1
    return result.output


def test_a_latin1_file_is_refused_naming_it(utf8_day, tmp_path):
    folder = resave(utf8_day, tmp_path / "latin1", "utf-8")
    (folder / "sites.csv").write_bytes(
        "site_id,employer,name,lat,lon\nF-A,Café Müller,Plantation Señor,19.01,108.72\n".encode("latin-1"))
    report = _one_report(folder, tmp_path / "out", "sites.csv")
    assert "UTF-8" in report and "GBK" in report, "the message says which encodings are read"


def test_utf16_without_its_bom_is_refused_naming_it(utf8_day, tmp_path):
    folder = resave(utf8_day, tmp_path / "utf16", "utf-8")
    text = (utf8_day / "orders.csv").read_text(encoding="utf-8")
    (folder / "orders.csv").write_bytes(text.encode("utf-16-le"))
    _one_report(folder, tmp_path / "out", "orders.csv")


def test_utf16_without_its_bom_gets_one_clear_message(utf8_day, tmp_path):
    folder = resave(utf8_day, tmp_path / "utf16", "utf-8")
    text = (utf8_day / "orders.csv").read_text(encoding="utf-8")
    (folder / "orders.csv").write_bytes(text.encode("utf-16-le"))
    report = _one_report(folder, tmp_path / "out", "orders.csv")
    assert report.startswith("1 problem"), report
    assert not any(ord(c) < 32 and c not in "\n\t" for c in report), "the report prints control characters"


def test_utf16_with_its_bom_is_read(utf8_day, utf8_plan, tmp_path):
    folder = resave(utf8_day, tmp_path / "utf16bom", "utf-8")
    text = (utf8_day / "applications.csv").read_text(encoding="utf-8")
    (folder / "applications.csv").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert plan_bytes(folder, tmp_path / "out") == utf8_plan


def test_a_wrong_declared_encoding_names_the_file(utf8_day, tmp_path):
    folder = resave(utf8_day, tmp_path / "wrong", "utf-8", toml='encoding = "ascii"\n')
    report = _one_report(folder, tmp_path / "out", "stations.csv")
    assert "scenario.toml" in report
