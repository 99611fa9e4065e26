"""An A4 landscape document in the embedded CJK font, with the few pieces every printout uses.

Every string goes through one gate (`PrintDocument.show`): line breaks become spaces, characters
the font lacks become a visible placeholder and are recorded. Text too wide for its table cell wraps
onto up to three lines (a long employer's name is read whole); beyond that, and in one-line places
(titles, facts), it is shortened with '…' (the data itself is never shortened). Page breaks repeat a
table's header.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont

from dispatch.outputs.pdf.font import ELLIPSIS, FAMILY, EmbeddedFont, with_placeholders
from dispatch.presentation import Lang, label

MARGIN_MM = 12.0
ROW_MM = 7.5
BODY_PT = 9.5
LINE_MM = 4.4
"""Height of one wrapped line of a table cell at BODY_PT."""
MAX_LINES = 3
GREY = (90, 90, 90)
HEADER_FILL = (228, 232, 238)


@dataclass(frozen=True)
class MissingGlyphs:
    """Text of one PDF that contains characters the font cannot show (printed as the placeholder)."""

    file_name: str
    text: str
    characters: str


@dataclass(frozen=True)
class Column:
    """A table column: its header, width in millimetres and alignment ('L', 'C' or 'R')."""

    header: str
    width: float
    align: str = "L"


class _Canvas(FPDF):
    """fpdf2 with a running title at the top and page numbers plus a note at the bottom."""

    def __init__(self, page_label: str):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.page_label = page_label
        self.running_title = ""
        self.footer_note = ""

    def header(self) -> None:
        self.set_font(FAMILY, size=8)
        self.set_text_color(*GREY)
        self.cell(0, 5, self.running_title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(FAMILY, size=8)
        self.set_text_color(*GREY)
        self.cell(0, 5, self.footer_note, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, self.page_label.format(page=self.page_no(), pages=self.str_alias_nb_pages), align="R")
        self.set_text_color(0, 0, 0)


class PrintDocument:
    """One PDF file being written; `missing_glyphs` lists what could not be shown as it is."""

    def __init__(self, file_name: str, running_title: str, lang: Lang, created: dt.date, font: EmbeddedFont):
        self.file_name = file_name
        self.lang = lang
        self._shown = font.characters
        self._missing: dict[str, str] = {}
        self._pdf = _Canvas(label("page", lang))
        self._pdf.set_margins(MARGIN_MM, MARGIN_MM - 4, MARGIN_MM)
        self._pdf.set_auto_page_break(True, margin=16)
        self._pdf.add_font(FAMILY, "", str(font.path))
        self._pdf.set_creation_date(dt.datetime(created.year, created.month, created.day, tzinfo=dt.UTC))
        self._pdf.set_title(self.show(running_title))
        self._pdf.set_creator("shuttle")
        self._pdf.set_font(FAMILY, size=8)
        self._pdf.footer_note = self.fit(label("privacy_note", lang), self._pdf.epw * 0.8)
        self._set_running_title(running_title)

    @property
    def missing_glyphs(self) -> tuple[MissingGlyphs, ...]:
        return tuple(MissingGlyphs(self.file_name, text, chars) for text, chars in self._missing.items())

    def show(self, text: object) -> str:
        """The text as it can be printed: one line, placeholders for characters the font lacks."""
        flat = " ".join(str(text).split())
        printable, missing = with_placeholders(flat, self._shown)
        if missing and flat not in self._missing:
            self._missing[flat] = missing  # reported with the rendered files, by the caller
        return printable

    def fit(self, text: object, width: float) -> str:
        """`show(text)`, shortened with '…' until it fits a cell `width` millimetres wide."""
        shown = self.show(text)
        room = self.text_room(width)
        if self.text_width(shown) <= room:
            return shown
        while shown and self.text_width(shown + ELLIPSIS) > room:
            shown = shown[:-1]
        return shown + ELLIPSIS

    def new_page(self, running_title: str | None = None) -> None:
        if running_title is not None:
            self._set_running_title(running_title)
        self._pdf.add_page()

    def _set_running_title(self, text: str) -> None:
        self._pdf.set_font(FAMILY, size=8)
        self._pdf.running_title = self.fit(text, self._pdf.epw)

    def title(self, text: str) -> None:
        self._pdf.set_font(FAMILY, size=16)
        self._pdf.cell(0, 9, self.fit(text, self._pdf.epw), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self._pdf.ln(1)

    def subtitle(self, text: str) -> None:
        """A section heading, moved to the next page when its table's first rows would not fit."""
        self._pdf.set_font(FAMILY, size=11)
        if self._pdf.will_page_break(8 + 2 * ROW_MM):
            self._pdf.add_page()
        self._pdf.cell(0, 7, self.fit(text, self._pdf.epw), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def facts(self, pairs: Sequence[tuple[str, object]], per_line: int = 4) -> None:
        """Label: value pairs laid out in a grid, `per_line` to a line."""
        self._pdf.set_font(FAMILY, size=10)
        width = self._pdf.epw / per_line
        colon = label("colon", self.lang)
        for start in range(0, len(pairs), per_line):
            for name, value in pairs[start : start + per_line]:
                self._pdf.cell(width, 6.5, self.fit(f"{name}{colon}{value}", width))
            self._pdf.ln(6.5)
        self._pdf.ln(1.5)

    def note(self, text: str, size: float = 10) -> None:
        self._pdf.set_font(FAMILY, size=size)
        self._pdf.cell(0, 6, self.fit(text, self._pdf.epw), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[object]]) -> None:
        """A ruled table; rows that do not fit start a new page with the header repeated."""
        scale = self._pdf.epw / sum(c.width for c in columns)
        widths = [c.width * scale for c in columns]
        self._table_header(columns, widths)
        self._pdf.set_font(FAMILY, size=BODY_PT)
        for row in rows:
            cells = [self.wrap(value, width) for value, width in zip(row, widths, strict=True)]
            height = max(ROW_MM, max(len(lines) for lines in cells) * LINE_MM + 1.5)
            if self._pdf.will_page_break(height):
                self._pdf.add_page()
                self._table_header(columns, widths)
                self._pdf.set_font(FAMILY, size=BODY_PT)
            self._row(columns, widths, cells, height)
        self._pdf.ln(2)

    def _row(self, columns: Sequence[Column], widths: Sequence[float], cells: Sequence[list[str]],
             height: float) -> None:
        """One ruled row `height` tall, each cell's lines centred in it."""
        x, top = self._pdf.get_x(), self._pdf.get_y()
        for column, width, lines in zip(columns, widths, cells):
            self._pdf.rect(x, top, width, height)
            line_h = ROW_MM if len(lines) == 1 else LINE_MM
            y = top + (height - len(lines) * line_h) / 2
            for line in lines:
                self._pdf.set_xy(x, y)
                self._pdf.cell(width, line_h, line, align=column.align)
                y += line_h
            x += width
        self._pdf.set_xy(self._pdf.l_margin, top + height)

    def wrap(self, text: object, width: float) -> list[str]:
        """`show(text)` as the lines that fit a cell `width` millimetres wide, at most MAX_LINES (the
        last shortened with '…'); CJK text breaks between any two characters."""
        room = self.text_room(width)
        lines, line = [], ""
        for char in self.show(text):
            if line and self.text_width(line + char) > room:
                lines.append(line)
                line = char.lstrip()
            else:
                line += char
        lines.append(line)
        if len(lines) > MAX_LINES:
            lines = [*lines[: MAX_LINES - 1], self.fit("".join(lines[MAX_LINES - 1:]), width)]
        return lines

    def _table_header(self, columns: Sequence[Column], widths: Sequence[float]) -> None:
        self._pdf.set_font(FAMILY, size=BODY_PT)
        self._pdf.set_fill_color(*HEADER_FILL)
        for column, width in zip(columns, widths):
            self._pdf.cell(width, ROW_MM, self.fit(column.header, width), border=1, align="C", fill=True)
        self._pdf.ln(ROW_MM)

    def signature_lines(self, prompts: Sequence[str]) -> None:
        """Prompts each followed by a blank line to sign on, side by side, kept on one page."""
        if self._pdf.will_page_break(16):
            self._pdf.add_page()
        self._pdf.ln(4)
        self._pdf.set_font(FAMILY, size=10.5)
        width = self._pdf.epw / len(prompts)
        for prompt in prompts:
            shown = self.show(prompt)
            label_w = self._pdf.get_string_width(shown) + 2
            self._pdf.cell(label_w, 8, shown)
            x, y = self._pdf.get_x(), self._pdf.get_y() + 7
            self._pdf.line(x, y, x + width - label_w - 8, y)
            self._pdf.set_x(x + width - label_w)
        self._pdf.ln(10)

    def to_bytes(self) -> bytes:
        """The finished PDF (fpdf2 closes the font files as it embeds them)."""
        return bytes(self._pdf.output())

    def close(self) -> None:
        """Let go of the font files of a document that is not written out."""
        for font in self._pdf.fonts.values():
            if isinstance(font, TTFFont):
                font.close()

    def __enter__(self) -> PrintDocument:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def text_width(self, text: str) -> float:
        """Millimetres `text` takes in the current font."""
        return float(self._pdf.get_string_width(text))

    def text_room(self, width: float) -> float:
        """Millimetres of text a cell `width` millimetres wide holds, its padding taken off."""
        return width - 2 * self._pdf.c_margin
