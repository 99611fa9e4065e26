"""The report as a PDF: a page of charts (人次 and 人数, 人次 by scope), then every row and column."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from ledger import write_report
from ledger.charts import ROWS_PER_PAGE
from ledger.report import HEADINGS, ReportRow
from tests.ledger.conftest import invoke


def _row(k: int) -> ReportRow:
    return ReportRow(f"ST{k:02d}", f"驿站{k}", 4, 10 + k, 3, 12, 3, 1, 1, 0.1, 2, 1, (4, 6 + k, 0, 0), (1, 2, 0, 0))


def _texts(path: Path) -> list[str]:
    return ["".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def test_charts_then_the_whole_table_page_by_page(tmp_path: Path) -> None:
    rows = [_row(k) for k in range(ROWS_PER_PAGE + 3)]
    out = tmp_path / "report.pdf"
    write_report(rows, out, "pdf", "2026-11-01 至 2026-11-30，按站点")
    pages = _texts(out)
    assert len(pages) == 3, "the charts, then two pages of table"
    assert "人次与人数" in pages[0] and "乡内" in pages[0] and "驿站26" in pages[0]
    assert all(heading in pages[1] for heading in HEADINGS), "every column of the CSV"
    assert "ST00驿站0410" in pages[1] and "ST23驿站23" in pages[1] and "ST24" not in pages[1]
    assert "ST24驿站24" in pages[2] and "ST26驿站26" in pages[2]
    again = tmp_path / "again.pdf"
    write_report(rows, again, "pdf", "2026-11-01 至 2026-11-30，按站点")
    assert again.read_bytes() == out.read_bytes(), "the same rows give the same file"


def test_an_empty_period_says_so(tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    result = invoke("ledger", "report", "--month", "2026-11", "--out", str(out), "--ledger", str(tmp_path / "l.sqlite"))
    assert result.exit_code == 0, result.output
    assert "没有乘车记录" in _texts(out)[0]
