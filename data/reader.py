"""Reading a scenario folder into a validated `Scenario`, or one `InputError` listing every problem.

Each table is read as text (files.py), its headers matched to the schema (schema.py), each cell parsed
(cells.py), and then the checks across rows and tables run (checks.py). Coordinates are converted to
WGS-84 from the system scenario.toml declares. Records come out sorted by id, with warnings of places
outside their county or the province (place_check.py).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from data.cells import CellError, parse_cell
from data.checks import ParsedRow, ParsedTable, check_tables
from data.coords import to_wgs84
from data.files import RawTable, TableFileError, find_table_files, read_table_file
from data.options import ScenarioOptions, read_options
from data.place_check import place_warnings
from data.records import Application, Order, Parking, Scenario, SetAside, Site, Station, Vehicle
from data.schema import NOTE_HEADERS, TABLES, Table, header_lookup, normalise_header
from data.set_aside import own_row_problems, set_aside_rows
from data.validation import InputError, ProblemCollector

log = logging.getLogger(__name__)

RECORD_TYPES = {"stations": Station, "sites": Site, "parking": Parking, "orders": Order, "fleet": Vehicle,
                "applications": Application}
FIELD_NAMES = {"status": "cancelled"}
"""Schema columns whose record field has another name."""
COORDINATE_PAIRS = {"stations": ("lat", "lon"), "sites": ("lat", "lon"), "parking": ("lat", "lon"),
                    "fleet": ("depot_lat", "depot_lon")}
HEADER_SEARCH_ROWS = 10
"""Government sheets often carry a title or a note above the header: it is looked for this far down."""


def load_scenario(folder: Path, strict: bool = False) -> Scenario:
    """The validated scenario in `folder`; raises InputError with every problem found.

    An application row whose problems are all its own (a bad cell, an unknown station, a second
    application of the same person) is set aside (`Scenario.set_aside`) and the rest is read, unless
    `strict`; any other problem (a missing column, a broken order, fleet or station row) stops it.
    """
    folder = Path(folder)
    problems = ProblemCollector()
    if not folder.is_dir():
        problems.add(str(folder), None, None, "is not a folder of input tables", "missing_folder")
        problems.raise_if_any()
    options = read_options(folder, problems)
    tables = {}
    for table in TABLES:
        raw = _read_raw(folder, table, options, problems)
        if raw is not None:
            tables[table.name] = _parse_table(table, raw, problems)
    check_tables(tables, problems)
    report = problems.report()
    aside = {} if strict or "applications" not in tables else own_row_problems(report, tables["applications"])
    if len(report) > sum(len(found) for found in aside.values()):
        raise InputError(report)
    applications = tables.get("applications")
    set_aside: tuple[SetAside, ...] = ()
    if applications is not None and aside:
        set_aside = set_aside_rows(applications, aside, tables["stations"])
        tables["applications"] = replace(applications, rows=tuple(r for r in applications.rows if r.row not in aside))
        log.warning("%s: %d application row(s) set aside for a bad cell of their own; the day is planned for the "
                    "rest (--strict refuses them)", applications.file, len(set_aside))
    scenario = _build(tables, options, folder)
    scenario = replace(scenario, set_aside=set_aside, place_warnings=place_warnings(tables, scenario))
    log.info("read %s: %d stations, %d sites, %d orders, %d buses, %d applications", folder,
             len(scenario.stations), len(scenario.sites), len(scenario.orders), len(scenario.fleet),
             len(scenario.applications))
    return scenario


def _read_raw(folder: Path, table: Table, options: ScenarioOptions, problems: ProblemCollector) -> RawTable | None:
    files = find_table_files(folder, table.name)
    if not files and table.optional:
        return None
    if not files:
        problems.add(f"{table.name}.csv", None, None,
                     f"missing table {table.name} ({table.chinese}): expected {table.name}.csv or {table.name}.xlsx",
                     "missing_table")
        return None
    if len(files) > 1:
        problems.add(files[0].name, None, None,
                     f"both {' and '.join(f.name for f in files)} exist: keep only one", "ambiguous_table")
        return None
    try:
        return _with_header_found(table, read_table_file(files[0], options.encoding))
    except TableFileError as err:
        problems.add(files[0].name, None, None, str(err), "unreadable_file")
    except OSError as err:
        problems.add(files[0].name, None, None, f"cannot be opened ({err.strerror})", "unreadable_file")
    return None


def _with_header_found(table: Table, raw: RawTable) -> RawTable:
    """The table with its header on the first of its top rows that names the most of the table's
    columns (at least two): a title row above the header is left out, and the dispatcher told."""
    lookup = header_lookup(table)
    top = [(raw.header_row, raw.headers), *raw.rows[:HEADER_SEARCH_ROWS - 1]]

    def known(cells: tuple[str, ...]) -> int:
        return sum(normalise_header(c) in lookup for c in cells)

    best = max(range(len(top)), key=lambda k: (known(top[k][1]), -k))
    if best == 0 or known(top[best][1]) < 2:
        return raw
    header_row, headers = top[best]
    log.warning("%s: header found on row %d; the %d row(s) above it are left out as a title", raw.file,
                header_row, best)
    return RawTable(raw.file, header_row, headers, raw.rows[best:])


def _match_headers(table: Table, raw: RawTable, problems: ProblemCollector) -> dict[int, str]:
    """Position of each recognised header to its column name; unknown, doubled and missing ones are problems."""
    lookup = header_lookup(table)
    positions: dict[int, str] = {}
    seen: dict[str, str] = {}
    for position, header in enumerate(raw.headers):
        key = normalise_header(header)
        if not key or key in NOTE_HEADERS:
            continue
        column = lookup.get(key)
        if column is None:
            expected = ", ".join(c.label() for c in table.columns)
            problems.add(raw.file, raw.header_row, header, f"unknown column {header!r}; the columns are: {expected}",
                         "unknown_column")
        elif column.name in seen:
            problems.add(raw.file, raw.header_row, header,
                         f"column {column.label()} appears twice (also as {seen[column.name]!r})", "duplicate_column")
        else:
            seen[column.name] = header
            positions[position] = column.name
    for column in table.columns:
        if column.required and column.name not in seen:
            problems.add(raw.file, raw.header_row, column.label(), f"missing column {column.label()}",
                         "missing_column")
    return positions


def _parse_table(table: Table, raw: RawTable, problems: ProblemCollector) -> ParsedTable:
    positions = _match_headers(table, raw, problems)
    headers = {name: raw.headers[position] for position, name in positions.items()}
    complete = all(c.name in headers for c in table.columns if c.required)
    unheaded = {k for k, header in enumerate(raw.headers) if not header}
    rows = []
    for row_number, cells in raw.rows:
        for position, text in enumerate(cells):
            if text and (position >= len(raw.headers) or position in unheaded):
                problems.add(raw.file, row_number, f"column {column_letter(position)}",
                             "has a value but its column has no header", "cell_without_header")
        values, ok = _parse_row(table, raw.file, row_number, cells, positions, headers, problems)
        written = {name: cells[p] for p, name in positions.items() if p < len(cells) and cells[p]}
        rows.append(ParsedRow(row_number, values, ok and complete, written))
    return ParsedTable(table, raw.file, headers, tuple(rows))


def _parse_row(table: Table, file: str, row_number: int, cells: tuple[str, ...], positions: dict[int, str],
               headers: dict[str, str], problems: ProblemCollector) -> tuple[dict[str, object], bool]:
    """The row's values by column name (defaults for optional ones), and whether every cell parsed."""
    values: dict[str, object] = {c.name: c.default for c in table.columns if not c.required}
    ok = True
    for position, name in positions.items():
        column = table.column(name)
        text = cells[position] if position < len(cells) else ""
        if not text:
            if column.required:
                problems.add(file, row_number, headers[name], f"{column.label()} is empty", "empty_cell")
                ok = False
            continue
        try:
            values[name] = parse_cell(column.kind, text)
        except CellError as err:
            problems.add(file, row_number, headers[name], str(err), f"bad_{column.kind}")
            ok = False
    return values, ok


def column_letter(position: int) -> str:
    """The spreadsheet's name for a 0-based column position: A, B, ..., Z, AA, ..."""
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _build(tables: dict[str, ParsedTable], options: ScenarioOptions, folder: Path) -> Scenario:
    records = {}
    for name, parsed in tables.items():
        record_type = RECORD_TYPES[name]
        built = []
        for row in parsed.rows:
            values = {FIELD_NAMES.get(k, k): v for k, v in row.values.items()}
            if name in COORDINATE_PAIRS:
                lat_key, lon_key = COORDINATE_PAIRS[name]
                lat, lon = values[lat_key], values[lon_key]
                if not isinstance(lat, float) or not isinstance(lon, float):  # lat and lon cells parse to floats
                    raise TypeError(f"{parsed.file} row {row.row}: coordinates not read as numbers")
                values[lat_key], values[lon_key] = to_wgs84(options.coordinates, lat=lat, lon=lon)
            built.append(record_type(**values))
        id_field = parsed.table.id_column.name
        records[name] = tuple(sorted(built, key=lambda r: getattr(r, id_field)))
    return Scenario(records["stations"], records["sites"], records["orders"], records["fleet"],
                    records["applications"], settings=options.settings, source=str(folder),
                    parking=records.get("parking", ()))


__all__ = ["InputError", "load_scenario"]
