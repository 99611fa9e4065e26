"""The report as a PDF a county office prints or attaches: charts first, then the whole table.

Page 1 holds two charts per group: 人次 beside 人数 (the figures a report is read for), and 人次 by scope
(乡内, 县内, 市外省内, 外省: the national statistics' split). The pages after it carry every column of the
CSV, a fixed number of rows a page. Drawn with matplotlib in Noto Sans SC (the font the manifests embed,
from the pylopdf-fonts-zh-cn wheel), so the Chinese prints on any PC; without a creation date, so the
same ledger gives the same file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import matplotlib
import pylopdf_fonts_zh_cn
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from ledger.places import SCOPES
from ledger.report import HEADINGS, ReportRow

FONT = Path(pylopdf_fonts_zh_cn.__file__).parent / "NotoSansSC-Regular.otf"
PAGE = (11.69, 8.27)
"""A4 landscape, inches."""
ROWS_PER_PAGE = 24
MOST_BARS = 30
"""Groups charted at most (the largest by 人次); the table lists them all."""
SCOPE_COLOURS = ("#4e79a7", "#59a14f", "#f28e2b", "#e15759")


def write_pdf(rows: Sequence[ReportRow], path: Path | str, title: str) -> None:
    """The charts page and the table pages of `rows` into `path`."""
    with _chinese(), PdfPages(path, metadata={"Title": f"务工直通车台账 {title}", "CreationDate": None}) as pdf:
        pdf.savefig(_charts(rows, title))
        for start in range(0, len(rows), ROWS_PER_PAGE):
            pdf.savefig(_table(rows[start:start + ROWS_PER_PAGE], title, start // ROWS_PER_PAGE + 1,
                               -(-len(rows) // ROWS_PER_PAGE)))


@contextmanager
def _chinese() -> Iterator[None]:
    """Noto Sans SC for the figures drawn inside the block, Type 3 glyphs (extractable, any viewer)."""
    font_manager.fontManager.addfont(str(FONT))
    family = font_manager.FontProperties(fname=str(FONT)).get_name()
    with matplotlib.rc_context({"font.family": family, "pdf.fonttype": 3, "axes.unicode_minus": False}):
        yield


def _charts(rows: Sequence[ReportRow], title: str) -> Figure:
    figure = Figure(figsize=PAGE)
    figure.suptitle(f"务工直通车台账：{title}", fontsize=14)
    if not rows:
        figure.text(0.5, 0.5, "该时段台账中没有乘车记录", ha="center", fontsize=12)
        return figure
    shown = sorted(rows, key=lambda r: (-r.person_days, r.group_id))[:MOST_BARS][::-1]
    names = [r.name or "（未知）" for r in shown]
    left, right = figure.subplots(1, 2)
    _people_chart(left, shown, names)
    _scope_chart(right, shown, names)
    if len(rows) > MOST_BARS:
        figure.text(0.5, 0.02, f"图中为人次最多的 {MOST_BARS} 组，另 {len(rows) - MOST_BARS} 组见表", ha="center")
    figure.subplots_adjust(left=0.17, right=0.98, wspace=0.45, top=0.88, bottom=0.08)
    return figure


def _people_chart(axes: Axes, rows: Sequence[ReportRow], names: list[str]) -> None:
    """人次 and 人数 side by side per group."""
    places = range(len(rows))
    axes.barh([p + 0.2 for p in places], [r.person_days for r in rows], height=0.4, label="人次", color="#4e79a7")
    axes.barh([p - 0.2 for p in places], [r.people for r in rows], height=0.4, label="人数", color="#f28e2b")
    axes.set_yticks(list(places), names, fontsize=8)
    axes.set_title("人次与人数")
    axes.legend(loc="lower right")


def _scope_chart(axes: Axes, rows: Sequence[ReportRow], names: list[str]) -> None:
    """人次 by scope, stacked per group."""
    places = list(range(len(rows)))
    done = [0] * len(rows)
    for k, (word, colour) in enumerate(zip(SCOPES, SCOPE_COLOURS)):
        counts = [r.scope_person_days[k] for r in rows]
        axes.barh(places, counts, left=done, label=word, color=colour)
        done = [a + b for a, b in zip(done, counts)]
    axes.set_yticks(places, names, fontsize=8)
    axes.set_title("人次：乡内、县内、市外省内、外省")
    axes.legend(loc="lower right")


def _table(rows: Sequence[ReportRow], title: str, page: int, pages: int) -> Figure:
    figure = Figure(figsize=PAGE)
    figure.suptitle(f"务工直通车台账：{title}（表 {page}/{pages}）", fontsize=12)
    axes = figure.add_axes((0.02, 0.04, 0.96, 0.86))
    axes.axis("off")
    cells = [["" if v is None else str(v) for v in row.cells()] for row in rows]
    table = axes.table(cellText=cells, colLabels=list(HEADINGS), loc="upper center", cellLoc="center")
    table.auto_set_font_size(False)
    table.set_fontsize(6.5)
    table.auto_set_column_width(list(range(len(HEADINGS))))
    table.scale(1, 1.5)
    return figure
