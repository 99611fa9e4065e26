"""The `[ledger]` table of scenario.toml: where the ledger is, whose county it is, how long it keeps days,
and whether planning reads it.

Checked whole, like `[outputs]`: an unknown key or a value of the wrong kind is an input error naming the
key, every one of them in one report, before anything is planned or written.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from data.options import FILE_NAME
from data.validation import ProblemCollector

TABLE = "ledger"


@dataclass(frozen=True)
class LedgerSettings:
    database: str | None = None
    """A path relative to the scenario folder, or a database URL."""
    county: str | None = None
    """The county the plans are for: the home of the scopes."""
    salt_file: str | None = None
    """Where the salt of the ID hashes is kept (relative to the scenario folder); default beside a SQLite file."""
    keep_months: int | None = None
    """Retention: `ledger purge` without `--before` removes the days older than this many months."""
    history: bool = False
    """Planning reads the ledger: seats first for the recently turned away, no-shows flagged."""
    seat_first_days: int = 7
    """Turned away for want of room (no seat, or the orders full) on one of this many days before, and not
    carried since: comes first today among workers alike, after hardship cases."""
    no_show_days: int = 30
    """The days looked back on for no-shows ..."""
    no_show_flag: int = 2
    """... and how many planned days not boarded (marked 否) in them flag a rider on the manifests."""


_TEXT = ("database", "county", "salt_file")
_COUNTS = {"keep_months": 1, "seat_first_days": 1, "no_show_days": 1, "no_show_flag": 1}
"""Whole-number settings and their least value."""


def ledger_settings(settings: dict[str, Any]) -> LedgerSettings:
    """The scenario's `[ledger]` table, checked; raises InputError naming every bad key."""
    values = dict(settings.get(TABLE, {}))
    problems = ProblemCollector()
    known = [f.name for f in fields(LedgerSettings)]
    for key in sorted(set(values) - set(known)):
        problems.add(FILE_NAME, None, key, f"[{TABLE}] 未知设置 {key}（可用：{', '.join(known)}）", "bad_option")
        del values[key]
    for key, value in list(values.items()):
        wrong = _wrong(key, value)
        if wrong:
            problems.add(FILE_NAME, None, key, f"[{TABLE}] {key} = {value!r}：{wrong}", "bad_option")
            del values[key]
    problems.raise_if_any()
    return LedgerSettings(**values)


def _wrong(key: str, value: object) -> str | None:
    """Why a value does not do for its key, in a phrase; None when it does."""
    if key in _TEXT:
        return None if isinstance(value, str) and value.strip() else "应为非空文字"
    if key == "history":
        return None if isinstance(value, bool) else "应为 true 或 false"
    least = _COUNTS[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        return f"应为不小于 {least} 的整数"
    return None
