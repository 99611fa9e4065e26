"""A person's history (一人一档) and retention (purge) over the signed-in month; the ledger named by scenario.toml."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from ledger import months_before
from tests.ledger.conftest import Days, invoke, signed_month
from tests.support.ledger_days import APPLICANTS, DAYS, id_number


def test_a_persons_history_by_application_and_by_id_number(days: Days, tmp_path: Path) -> None:
    ledger = str(tmp_path / "ledger.sqlite")
    signed_month(days, tmp_path, ledger)
    result = invoke("ledger", "person", "--application", "A02", "--ledger", ledger)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "王丽梅 4690**********1010：10 天有申请，乘车 9 天", "a no-show on the first day"
    assert "否 生病" in lines[1] and "2026-11-02" in lines[1]
    k = next(k for k, a in enumerate(APPLICANTS) if a[0] == "A03")
    by_id = invoke("ledger", "person", "--id-number", id_number(k), "--ledger", ledger)
    assert by_id.output.startswith("陈亚妹 4690**********") and by_id.output.count("\n  2026-11-") == 10
    unknown = invoke("ledger", "person", "--application", "A99", "--ledger", ledger)
    assert unknown.exit_code == 2 and "台账中没有此人" in unknown.output


def test_purge_removes_the_days_before_and_the_people_only_on_them(days: Days, tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    signed_month(days, tmp_path, str(ledger))
    dry = invoke("ledger", "purge", "--before", "2026-11-03", "--ledger", str(ledger))
    assert "台账未改动" in dry.output
    with sqlite3.connect(ledger) as db:
        assert db.execute("select count(*) from plans").fetchone()[0] == 10
    done = invoke("ledger", "purge", "--before", "2026-11-03", "--yes", "--ledger", str(ledger))
    assert done.exit_code == 0, done.output
    with sqlite3.connect(ledger) as db:
        kept = [r[0] for r in db.execute("select date from plans order by date")]
        names = {r[0] for r in db.execute("select name from people")}
        orphans = db.execute("select count(*) from rides where run_id not in (select id from runs)").fetchone()[0]
    assert kept == [f"2026-11-{d:02d}" for d in range(3, 12)]
    assert "羊小兰" not in names, "A05 applied for the first day only"
    assert "符秀英" in names
    assert orphans == 0


def test_the_ledger_commands_read_the_scenario_toml_and_purge_by_its_retention(days: Days, tmp_path: Path) -> None:
    ledger = tmp_path / "books" / "ledger.sqlite"
    signed_month(days, tmp_path, str(ledger))
    today = dt.date.today()
    keep = max(1, today.year * 12 + today.month - (2026 * 12 + 11))
    cutoff = months_before(today, keep)
    county = tmp_path / "county"
    county.mkdir()
    (county / "scenario.toml").write_text(f'[ledger]\ndatabase = "../books/ledger.sqlite"\nkeep_months = {keep}\n',
                                          encoding="utf-8")
    report = invoke("ledger", "report", "--month", "2026-11", "--out", str(tmp_path / "r.csv"), "--inputs", str(county))
    assert report.exit_code == 0 and str(ledger) in report.output, report.output
    person = invoke("ledger", "person", "--application", "A02", "--inputs", str(county))
    assert person.output.startswith("王丽梅"), person.output
    done = invoke("ledger", "purge", "--yes", "--inputs", str(county))
    assert done.exit_code == 0 and f"{cutoff} 之前" in done.output, done.output
    with sqlite3.connect(ledger) as db:
        kept = [dt.date.fromisoformat(r[0]) for r in db.execute("select date from plans")]
    assert all(day >= cutoff for day in kept) and len(kept) == sum(day >= cutoff for day in DAYS)


def test_purge_needs_a_date_or_a_retention(tmp_path: Path) -> None:
    bare = invoke("ledger", "purge", "--ledger", str(tmp_path / "l.sqlite"))
    assert bare.exit_code == 2 and "keep_months" in bare.output
    (tmp_path / "scenario.toml").write_text("[ledger]\nkeep_months = 0\n", encoding="utf-8")
    bad = invoke("ledger", "purge", "--inputs", str(tmp_path))
    assert bad.exit_code == 2 and "keep_months" in bad.output and "不小于 1" in bad.output
    assert not (tmp_path / "l.sqlite").exists()


def test_months_before() -> None:
    assert months_before(dt.date(2026, 12, 4), 24) == dt.date(2024, 12, 4)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 1) == dt.date(2025, 12, 15)
