"""The one font every PDF is set in, made into the most portable kind of embedded font.

Noto Sans SC (SIL Open Font License 1.1) comes from the `pylopdf-fonts-zh-cn` wheel, so `pip install`
alone brings it and every PDF embeds it: the same glyphs on any PC, no system fonts. It covers about
31,000 code points (CJK Unified Ideographs and Extension A, Latin, full-width punctuation) but not
Extension B and beyond, where some rare characters of names live: those are printed as a visible
placeholder and reported instead of vanishing.

The wheel's font is CID-keyed CFF; embedded as it is, PDF text extractors (pypdf, pdfminer) cannot
read the names back. So for each render the characters it needs are cut out of the font and their
outlines converted to TrueType (quadratic curves within 1/1000 em): the PDF then carries a small
TrueType subset with the Identity-H encoding, which every viewer and extractor understands.
"""

from __future__ import annotations

import functools
import io
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pylopdf_fonts_zh_cn
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

FAMILY = "NotoSansSC"
PLACEHOLDER = "□"
"""Printed in place of a character the font lacks (U+25A1 WHITE SQUARE, which the font has)."""
ELLIPSIS = "…"
ALWAYS = frozenset(chr(c) for c in range(0x20, 0x7F)) | frozenset(PLACEHOLDER + ELLIPSIS + "·—、，。：；（）")
"""Characters every subset holds, whatever the texts: ASCII and the punctuation the layout adds."""

_CURVE_ERROR = 1.0
"""Largest distance, in font units (1/1000 em), between a cubic outline and its quadratic copy."""
_MAXP_ZERO_FIELDS = (
    "maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours", "maxTwilightPoints",
    "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
    "maxComponentElements", "maxComponentDepth",
)


def font_path() -> Path:
    """The bundled Noto Sans SC OpenType (CFF) file."""
    return Path(pylopdf_fonts_zh_cn.sans_path())


@functools.cache
def covered_code_points() -> frozenset[int]:
    """Every code point the bundled font maps to a glyph."""
    font = TTFont(str(font_path()), lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


def missing_characters(text: str, shown: frozenset[str] | None = None) -> str:
    """The distinct characters of `text` the font (or the subset `shown`) cannot show, in order."""
    if shown is None:
        covered = covered_code_points()
        return "".join(dict.fromkeys(ch for ch in text if ord(ch) not in covered))
    return "".join(dict.fromkeys(ch for ch in text if ch not in shown))


def with_placeholders(text: str, shown: frozenset[str] | None = None) -> tuple[str, str]:
    """`text` with each unshowable character replaced by PLACEHOLDER, and those characters."""
    missing = missing_characters(text, shown)
    if not missing:
        return text, ""
    return "".join(PLACEHOLDER if ch in missing else ch for ch in text), missing


@dataclass(frozen=True)
class EmbeddedFont:
    """A TrueType subset on disk, ready for fpdf2, and the characters it can show."""

    path: Path
    characters: frozenset[str]


@contextmanager
def embedded_font(texts: Iterable[str]) -> Iterator[EmbeddedFont]:
    """A TrueType subset holding every character of `texts` the font has (plus ALWAYS).

    The file lives in a temporary folder until the `with` block ends: fpdf2 reads it lazily,
    so every document using it must be written out inside the block.
    """
    covered = covered_code_points()
    wanted = frozenset(ch for text in texts for ch in text if ord(ch) in covered) | ALWAYS
    with tempfile.TemporaryDirectory(prefix="shuttle-font-") as folder:
        path = Path(folder) / f"{FAMILY}-subset.ttf"
        path.write_bytes(truetype_subset(wanted))
        yield EmbeddedFont(path, wanted)


@functools.lru_cache(maxsize=8)
def truetype_subset(characters: frozenset[str]) -> bytes:
    """The bundled font cut down to `characters`, its outlines converted from CFF to TrueType.

    The same characters give the same bytes: the font's 'modified' time is kept, not set to now.
    """
    font = TTFont(str(font_path()), recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["VORG", "vhea", "vmtx", "GSUB", "GPOS", "GDEF", "BASE"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(ch) for ch in characters))
    subsetter.subset(font)
    _cff_to_glyf(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _cff_to_glyf(font: TTFont) -> None:
    """Replace the CFF outlines of `font` by TrueType ones, with the tables TrueType requires."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err=_CURVE_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font["head"].glyphDataFormat = 0
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in _MAXP_ZERO_FIELDS:
        setattr(maxp, field, 0)
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
