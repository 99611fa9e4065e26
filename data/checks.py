"""Checks across rows and tables, after each cell has been parsed on its own.

Duplicate ids, references to unknown stations and sites, shifts and bus hours that end before they
start, a day's cost with no cost per km to weigh it against, teams with two leaders, and one person
(one ID number) applying twice for the same day.
Foreign keys are declared in the schema (`Column.references`), not here.
"""

from __future__ import annotations

import difflib
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from data.privacy import mask_id
from data.records import format_hhmm
from data.schema import TABLES_BY_NAME, Table
from data.validation import ProblemCollector

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ParsedRow:
    row: int
    values: dict[str, object]
    ok: bool
    """Every cell parsed and every required column present: the row can become a record."""
    cells: dict[str, str] = field(default_factory=dict)
    """The cells as written, by column name (empty ones left out)."""


@dataclass(frozen=True)
class ParsedTable:
    table: Table
    file: str
    headers: dict[str, str]
    """Column name to the header as written in the file, so messages use the dispatcher's words."""
    rows: tuple[ParsedRow, ...]

    def header(self, column: str) -> str:
        return self.headers.get(column, column)


def check_tables(tables: dict[str, ParsedTable], problems: ProblemCollector) -> None:
    for parsed in tables.values():
        _check_duplicate_ids(parsed, problems)
        _check_references(parsed, tables, problems)
    if "orders" in tables:
        _check_ends_after_start(tables["orders"], "shift_start", "shift_end", problems)
    if "fleet" in tables:
        _check_ends_after_start(tables["fleet"], "available_from", "available_to", problems)
        _check_day_costs_have_a_scale(tables["fleet"], problems)
    if "applications" in tables:
        _check_team_leaders(tables["applications"], problems)
        _check_same_person(tables["applications"], problems)


def _check_duplicate_ids(parsed: ParsedTable, problems: ProblemCollector) -> None:
    id_column = parsed.table.id_column.name
    first_row: dict[object, int] = {}
    for row in parsed.rows:
        value = row.values.get(id_column)
        if value is None:
            continue
        if value in first_row:
            problems.add(parsed.file, row.row, parsed.header(id_column),
                         f"duplicate {id_column} {value!r} (first on row {first_row[value]})", "duplicate_id")
        else:
            first_row[value] = row.row


def _check_references(parsed: ParsedTable, tables: dict[str, ParsedTable], problems: ProblemCollector) -> None:
    """Every reference names a row of its table. An id written in another letter case (`st01`) is
    read as the one id it matches (`ST01`), and the dispatcher told; otherwise the near miss is named."""
    for column in parsed.table.columns:
        target = tables.get(column.references or "")
        if target is None:
            if column.references and TABLES_BY_NAME[column.references].optional:  # a missing required table is reported
                _check_no_references(parsed, column.name, column.references, problems)
            continue
        known = {r.values.get(target.table.id_column.name) for r in target.rows}
        known_ids = sorted(str(k) for k in known if k is not None)
        by_case: dict[str, list[str]] = defaultdict(list)
        for k in known_ids:
            by_case[k.casefold()].append(k)
        read_as: dict[str, str] = {}
        for row in parsed.rows:
            value = row.values.get(column.name)
            if value is None or value == "" or value in known:  # "": an optional reference left empty
                continue
            same_but_case = by_case.get(str(value).casefold(), [])
            if len(same_but_case) == 1:
                row.values[column.name] = read_as[str(value)] = same_but_case[0]
                continue
            problems.add(parsed.file, row.row, parsed.header(column.name),
                         f"{column.name} {value!r} is not in {target.file}{_did_you_mean(str(value), known_ids)}",
                         "unknown_reference")
        if read_as:
            log.warning("%s: column %s: %s read as %s (the same ids in another letter case)", parsed.file,
                        parsed.header(column.name), ", ".join(read_as), ", ".join(read_as.values()))


def _check_no_references(parsed: ParsedTable, column: str, table: str, problems: ProblemCollector) -> None:
    """A reference to an optional table the folder leaves out (a site's parking place without a parking table)."""
    for row in parsed.rows:
        value = row.values.get(column)
        if value:
            problems.add(parsed.file, row.row, parsed.header(column),
                         f"{column} {value!r} names a row of the {table} table, but the folder has no {table}.csv "
                         f"or {table}.xlsx", "unknown_reference")


def _did_you_mean(value: str, known: list[str]) -> str:
    """A hint naming the id the dispatcher probably meant: the same but for letter case, or one close by."""
    same_but_case = [k for k in known if k.casefold() == value.casefold()]
    close = same_but_case or difflib.get_close_matches(value, known, n=1, cutoff=0.8)
    return f"; did you mean {close[0]!r}?" if close else ""


def _check_ends_after_start(parsed: ParsedTable, start: str, end: str, problems: ProblemCollector) -> None:
    for row in parsed.rows:
        first, last = row.values.get(start), row.values.get(end)
        if isinstance(first, int) and isinstance(last, int) and last <= first:
            problems.add(parsed.file, row.row, parsed.header(end),
                         f"{parsed.header(end)} {format_hhmm(last)} is not after {parsed.header(start)} "
                         f"{format_hhmm(first)} (times past midnight are not supported)", "ends_before_start")


def _check_day_costs_have_a_scale(parsed: ParsedTable, problems: ProblemCollector) -> None:
    """A day's cost is weighed against kilometres through cost_per_km, so some bus must have one."""
    if any(row.values.get("cost_per_km") for row in parsed.rows):
        return
    for row in parsed.rows:
        if row.values.get("cost_per_day"):
            problems.add(parsed.file, row.row, parsed.header("cost_per_day"),
                         f"{parsed.header('cost_per_day')} is given but no bus has a {parsed.header('cost_per_km')}: "
                         "give cost_per_km too, so a day's cost can be weighed against kilometres",
                         "day_cost_without_km_cost")
            return


def _check_team_leaders(parsed: ParsedTable, problems: ProblemCollector) -> None:
    leader_row: dict[str, int] = {}
    for row in parsed.rows:
        if row.values.get("leader") is not True:
            continue
        team = row.values.get("team")
        if not team or not isinstance(team, str):  # a text cell parses to a str, so this is `not team`
            problems.add(parsed.file, row.row, parsed.header("leader"), "marked as leader but belongs to no team",
                         "leader_without_team")
        elif team in leader_row:
            problems.add(parsed.file, row.row, parsed.header("leader"),
                         f"team {team!r} already has its leader on row {leader_row[team]}", "two_leaders")
        else:
            leader_row[team] = row.row


def _check_same_person(parsed: ParsedTable, problems: ProblemCollector) -> None:
    """The same ID number on two applications that share a date would send one person twice."""
    rows_by_person: dict[str, list[ParsedRow]] = defaultdict(list)
    for row in parsed.rows:
        id_number = row.values.get("id_number")
        if isinstance(id_number, str):
            rows_by_person[id_number].append(row)
    for id_number, rows in rows_by_person.items():
        for k, row in enumerate(rows):
            earlier = next((e for e in rows[:k] if _dates(e) & _dates(row)), None)
            if earlier is not None:
                problems.add(parsed.file, row.row, parsed.header("id_number"),
                             f"ID number {mask_id(id_number)} also applies for the same date on row {earlier.row}",
                             "duplicate_person")


def _dates(row: ParsedRow) -> set[object]:
    """The row's dates (a dates cell parses to a tuple), none if the cell is missing or did not parse."""
    dates = row.values.get("dates")
    return set(dates) if isinstance(dates, tuple) else set()
