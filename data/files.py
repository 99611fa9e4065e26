"""Finding a table's file in a scenario folder and reading it as rows of text cells.

CSV files may be UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text") or GB18030/GBK,
tried as strict decodes in that order unless scenario.toml names the encoding. Excel workbooks are read
through pandas (openpyxl), first sheet, every cell as text. Row numbers are the spreadsheet's own.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

SUFFIXES = (".csv", ".xlsx")
FALLBACK_ENCODINGS = ("utf-8", "gb18030")
"""GB18030 is a superset of GBK and GB2312, so it reads files saved as any of them."""


class TableFileError(ValueError):
    """The file cannot be read at all; the message names what to do."""


@dataclass(frozen=True)
class RawTable:
    """A table as text: its header cells and its data rows, each with its spreadsheet row number."""

    file: str
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]


def find_table_files(folder: Path, table: str) -> list[Path]:
    """Files named `<table>.csv` or `<table>.xlsx` (any letter case), sorted by name."""
    wanted = {table + suffix for suffix in SUFFIXES}
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name.lower() in wanted)


def clean_cell(value: str) -> str:
    """NFKC (full-width digits and punctuation to half-width, no-break spaces to spaces), trimmed, no BOM."""
    return unicodedata.normalize("NFKC", value).replace("\ufeff", "").strip()


def decode_csv(data: bytes, encoding: str | None = None) -> str:
    """The text of a CSV file: in the declared encoding if given, else the first strict decode that works."""
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as err:
            raise TableFileError(f"is not valid {encoding} text as scenario.toml says (byte {err.start})") from None
    if data.startswith(codecs.BOM_UTF8):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    elif b"\x00" in data:
        # No spreadsheet text has NUL bytes; GB18030 would still decode them, into nonsense.
        candidates = ()
    else:
        candidates = FALLBACK_ENCODINGS
    for candidate in candidates:
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    raise TableFileError("is neither UTF-8 nor GBK/GB18030 text: save it as 'CSV UTF-8', "
                         "or name its encoding in scenario.toml (encoding = \"...\")")


def _delimiter(first_line: str) -> str:
    """Comma, unless the header line has none and uses tabs or semicolons instead."""
    if "," in first_line:
        return ","
    for candidate in ("\t", ";"):
        if candidate in first_line:
            return candidate
    return ","


def _split_header(file: str, records: list[list[str]]) -> RawTable:
    """The first non-blank record is the header; blank records are skipped but keep their row numbers."""
    numbered = [(n, tuple(clean_cell(c) for c in cells)) for n, cells in enumerate(records, start=1)]
    filled = [(n, cells) for n, cells in numbered if any(cells)]
    if not filled:
        raise TableFileError("is empty: it needs a header row")
    (header_row, headers), body = filled[0], filled[1:]
    return RawTable(file, header_row, headers, tuple(body))


def read_csv_text(file: str, text: str) -> RawTable:
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        records = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=_delimiter(first_line)))
    except csv.Error as err:
        raise TableFileError(f"is not a well-formed CSV file ({err})") from None
    return _split_header(file, records)


def read_xlsx(path: Path) -> RawTable:
    """The first sheet of a workbook, every cell as text (empty cells as '')."""
    try:
        frame = pd.read_excel(path, sheet_name=0, header=None, dtype=str, na_filter=False, engine="openpyxl")
    except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds for a damaged workbook; all mean the same
        raise TableFileError(f"cannot be read as an Excel workbook ({type(err).__name__})") from None
    return _split_header(path.name, [[str(v) for v in row] for row in frame.itertuples(index=False)])


def read_table_file(path: Path, encoding: str | None = None) -> RawTable:
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path)
    return read_csv_text(path.name, decode_csv(path.read_bytes(), encoding))
