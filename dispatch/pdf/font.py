"""The one font every PDF is set in, and which characters it can show.

Noto Sans SC (SIL Open Font License 1.1) comes from the `pylopdf-fonts-zh-cn` wheel, so `pip install`
alone brings it and every PDF embeds a subset of it: the same glyphs on any PC, no system fonts.
It covers about 31,000 code points (CJK Unified Ideographs and Extension A, Latin, full-width
punctuation) but not Extension B and beyond, where some rare characters of names live: those are
found here so they can be printed as a visible placeholder and reported instead of vanishing.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pylopdf_fonts_zh_cn
from fontTools.ttLib import TTFont

FAMILY = "NotoSansSC"
PLACEHOLDER = "□"
"""Printed in place of a character the font lacks (U+25A1 WHITE SQUARE, which the font has)."""


@functools.cache
def font_path() -> Path:
    """The bundled OpenType (CFF) font file."""
    return Path(pylopdf_fonts_zh_cn.sans_path())


@functools.cache
def covered_code_points() -> frozenset[int]:
    """Every code point the font maps to a glyph."""
    font = TTFont(str(font_path()), lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


def missing_characters(text: str) -> str:
    """The distinct characters of `text` the font cannot show, in order of first appearance."""
    covered = covered_code_points()
    return "".join(dict.fromkeys(ch for ch in text if ord(ch) not in covered))


def with_placeholders(text: str) -> tuple[str, str]:
    """`text` with each unshowable character replaced by PLACEHOLDER, and those characters."""
    missing = missing_characters(text)
    if not missing:
        return text, ""
    return "".join(PLACEHOLDER if ch in missing else ch for ch in text), missing
