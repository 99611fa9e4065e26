"""A person's history (一人一档) and retention (purge) over the signed-in month."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.ledger.conftest import Days, invoke, signed_month
from tests.support.ledger_days import APPLICANTS, id_number


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
