"""Reading a ticked sign-in sheet back: its rows as text with their spreadsheet numbers, and its info sheet."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook

from data.files import RawTable, TableFileError, read_xlsx
from data.signin import INFO_SHEET


@dataclass(frozen=True)
class SigninSheet:
    """The first sheet as text, and the info sheet's keys and values (empty when it was removed)."""

    table: RawTable
    info: dict[str, str] = field(default_factory=dict)


def read_sheet(path: Path) -> SigninSheet:
    """The workbook at `path`; TableFileError when it is missing or no workbook."""
    if not path.is_file():
        raise TableFileError("does not exist")
    table = read_xlsx(path)
    return SigninSheet(table, read_info(path))


def read_info(path: Path) -> dict[str, str]:
    """The info sheet (`说明`) of a sign-in workbook: the first column's keys to the second column's values."""
    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # noqa: BLE001 - read_xlsx already said what is wrong with a damaged workbook
        return {}
    try:
        if INFO_SHEET not in book.sheetnames:
            return {}
        info = {}
        for row in book[INFO_SHEET].iter_rows(min_col=1, max_col=2, values_only=True):
            key, value = (("" if v is None else str(v).strip()) for v in (*row, None, None)[:2])
            if key:
                info[key] = value
        return info
    finally:
        book.close()
