"""The report as a file: CSV (UTF-8 with BOM, so Excel shows the Chinese), an xlsx workbook, or a PDF of
charts and the table (`charts`).

Written beside the target and moved into place only when whole, so a failed run leaves no half file.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from data.writers import csv_safe
from ledger.report import HEADINGS, ReportRow

Format = Literal["csv", "xlsx", "pdf"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx", "pdf")


def write_report(rows: Sequence[ReportRow], path: Path, fmt: Format, title: str) -> None:
    """`rows` under HEADINGS into `path`; the workbook also carries `title` (the period and grouping)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        if fmt == "csv":
            with open(temporary, "w", encoding="utf-8-sig", newline="") as file:
                writer = csv.writer(file, lineterminator="\n")
                writer.writerow(HEADINGS)
                writer.writerows([csv_safe(v) for v in row.cells()] for row in rows)
        elif fmt == "pdf":
            from ledger.charts import write_pdf  # here: matplotlib takes 1.5 s to load, and only a PDF needs it

            write_pdf(rows, temporary, title)
        else:
            _workbook(rows, title).save(temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _chart(sheet: Worksheet, count: int, title: str) -> BarChart:
    """人次 and 人数 side by side per group: the two figures a report is read for."""
    chart = BarChart()
    chart.title = f"人次与人数（{title}）"
    chart.y_axis.title = "人"
    person_days, people = HEADINGS.index("人次") + 1, HEADINGS.index("人数") + 1
    chart.add_data(Reference(sheet, min_col=person_days, max_col=people, min_row=1, max_row=count + 1),
                   titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=2, min_row=2, max_row=count + 1))
    chart.width, chart.height = 24, 12
    return chart


def _workbook(rows: Sequence[ReportRow], title: str) -> Workbook:
    book = Workbook()
    first = book.active
    if first is not None:
        book.remove(first)
    sheet = book.create_sheet("台账")
    sheet.append(HEADINGS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([csv_safe(v) for v in row.cells()])
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJKLMNOPQRST", (14, 30, *(10,) * 18)):
        sheet.column_dimensions[letter].width = width
    if rows:
        sheet.add_chart(_chart(sheet, len(rows), title), "V2")
    info = book.create_sheet("说明")
    info.append(("报表", title))
    info.append(("人次", "每人每天计一次（返程算在当天内），以签到表 已上车 为准"))
    info.append(("人数", "按身份证号（加盐哈希）去重的人数；分范围的人数各自去重（同一人去过两种范围，两栏各计一人）"))
    info.append(("未上车率", "未上车人次 ÷（计划人次 − 未记录人次）"))
    info.append(("范围", "乡内：用工地在上车站点所在乡镇；县内：本县其他乡镇；市外省内：省内其他市县；外省：省外"))
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 60
    return book
