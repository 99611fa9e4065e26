"""The county's memory (台账): published plans, who actually boarded, and reports across days.

`store` opens a ledger (SQLite file or PostgreSQL URL) and migrates its schema (`schema`, Alembic
`migrations/`); `publish` records a day's plan.json, by revision; `signin` records a ticked sign-in
sheet (`sheet` reads it); `report` counts 车次, 人次 and 人数 by group and `export` writes the file;
`history` is one person's days (一人一档), `purge` removes the days before a date; `recall` tells
planning who was turned away lately and who often did not board; `settings` reads scenario.toml's [ledger].
People are keyed by a salted hash of their ID number (`people`). Only cli.py imports this room.
"""

from ledger.errors import LedgerError
from ledger.export import FORMATS, Format, write_report
from ledger.history import History, person_history
from ledger.publish import Published, check_inputs, publish_plan
from ledger.purge import Purged, months_before, purge_before
from ledger.recall import Recalled, recall
from ledger.report import BY, GROUP_WORDS, By, ReportRow, report_rows
from ledger.settings import LedgerSettings, ledger_settings
from ledger.sheet import read_info
from ledger.signin import SignedIn, record_signin
from ledger.store import (
    default_location,
    ledger_url,
    open_ledger,
    opened_ledger,
    salt_location,
    schema_revision,
)

__all__ = [
    "BY",
    "FORMATS",
    "GROUP_WORDS",
    "By",
    "Format",
    "History",
    "LedgerError",
    "LedgerSettings",
    "Published",
    "Purged",
    "Recalled",
    "ReportRow",
    "SignedIn",
    "check_inputs",
    "default_location",
    "ledger_settings",
    "ledger_url",
    "months_before",
    "open_ledger",
    "opened_ledger",
    "person_history",
    "publish_plan",
    "purge_before",
    "read_info",
    "recall",
    "record_signin",
    "report_rows",
    "salt_location",
    "schema_revision",
    "write_report",
]
