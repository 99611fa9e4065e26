"""Application rows set aside for a bad cell of their own, so one bad ID checksum among hundreds of
applicants does not stop the day: the row is left out of planning and listed as unplaced with what is
wrong with it. Problems of the table's layout (its header, a value under no header) still stop the run."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from data.checks import ParsedTable
from data.records import SetAside
from data.validation import Problem, ValidationReport

LAYOUT_CODES = frozenset({"unknown_column", "duplicate_column", "missing_column", "cell_without_header"})
"""Problems of the sheet as a whole, though reported on a row: they stop the run."""


def own_row_problems(report: ValidationReport, applications: ParsedTable) -> dict[int, list[Problem]]:
    """The problems of `report` that belong to one row of the applications table, by row number."""
    rows = {row.row for row in applications.rows}
    out: dict[int, list[Problem]] = defaultdict(list)
    for problem in report.problems:
        if problem.file == applications.file and problem.row in rows and problem.code not in LAYOUT_CODES:
            out[problem.row].append(problem)
    return dict(out)


def set_aside_rows(applications: ParsedTable, problems: dict[int, list[Problem]],
                   stations: ParsedTable) -> tuple[SetAside, ...]:
    """Each row with problems as a `SetAside`, named by its id where that id is written once."""
    written = Counter(row.cells.get("application_id", "") for row in applications.rows)
    station_ids = {row.values.get("station_id") for row in stations.rows}
    out = []
    for row in applications.rows:
        if row.row not in problems:
            continue
        own_id = row.cells.get("application_id", "")
        dates = row.values.get("dates")
        station = row.values.get("station_id")
        out.append(SetAside(
            application_id=own_id if own_id and written[own_id] == 1 else f"{applications.file} row {row.row}",
            file=applications.file,
            row=row.row,
            cells=dict(row.cells),
            problems=tuple(p.sentence().removeprefix(f"row {row.row}, ") for p in problems[row.row]),
            dates=tuple(d for d in dates if isinstance(d, dt.date)) if isinstance(dates, tuple) else None,
            station_id=station if isinstance(station, str) and station in station_ids else None,
        ))
    return tuple(sorted(out, key=lambda a: a.application_id))
