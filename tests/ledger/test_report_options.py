"""The report's command line: a period must be one month or a --from/--to pair; groups and formats are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli import EXIT_INPUT
from ledger.report import HEADINGS
from tests.ledger.conftest import invoke


@pytest.mark.parametrize(("args", "said"), [
    (["--month", "2026-11", "--from", "2026-11-01"], "give --month YYYY-MM, or --from and --to"),
    (["--from", "2026-11-01"], "give --month YYYY-MM, or --from and --to"),
    (["--from", "2026-11-30", "--to", "2026-11-01"], "--from is after --to"),
    (["--month", "2026-13"], "dates are YYYY-MM-DD, months YYYY-MM"),
    (["--month", "2026-11", "--by", "village"], "must be one of station, employer, county, scope, team, month"),
    (["--month", "2026-11", "--format", "docx"], "must be one of csv, xlsx, pdf"),
])
def test_a_bad_option_is_exit_2_and_names_the_option(tmp_path: Path, args: list[str], said: str) -> None:
    result = invoke("ledger", "report", *args, "--out", str(tmp_path / "r.csv"),
                    "--ledger", str(tmp_path / "ledger.sqlite"))
    assert result.exit_code == EXIT_INPUT
    assert said in " ".join(result.output.replace("│", " ").split()), "the message, unwrapped from its box"
    assert not (tmp_path / "r.csv").exists()


def test_an_empty_period_is_a_header_only_report(tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    result = invoke("ledger", "report", "--month", "2026-11", "--out", str(out), "--ledger", str(tmp_path / "l.sqlite"))
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8-sig").splitlines() == [",".join(HEADINGS)]
    assert HEADINGS[:5] == ("编号", "名称", "车次", "人次", "人数"), "the group's id and name, then the issue's columns"
