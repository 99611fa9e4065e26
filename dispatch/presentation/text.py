"""Text laid out in columns for people: how wide a string shows, and padding by that width.

Chinese characters take two columns in a terminal and about two character cells in Excel, and
combining marks none, so names line up only when widths are counted this way. Every table the
project prints (terminal summaries, the change report, workbook column widths) counts with this.
"""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Columns the text takes: wide and full-width characters count two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int, *, right: bool = False) -> str:
    """The text padded with spaces to `width` columns (never cut), aligned left or right."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill
