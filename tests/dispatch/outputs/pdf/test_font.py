"""The embedded font: which characters it shows, the placeholder gate, and shortening to fit a cell."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st

from data.reader import load_scenario
from data.samples import CHANGJIANG
from dispatch.outputs.pdf.document import PrintDocument
from dispatch.outputs.pdf.font import (
    ALWAYS,
    ELLIPSIS,
    PLACEHOLDER,
    embedded_font,
    missing_characters,
    truetype_subset,
    with_placeholders,
)
from dispatch.presentation import all_labels

RARE = "\U00020000\U0002A6D6"  # CJK Extension B: beyond the bundled font
NAMES = "符秀英王丽梅陈亚妹吉文光羊小兰黎明"

cjk_text = st.text(
    alphabet=st.sampled_from(NAMES + RARE + "ABC xyz0123·（）"), min_size=0, max_size=40
)


def test_common_names_are_covered_and_extension_b_is_not():
    assert missing_characters(NAMES + "乘车人员名单琼D·12345㵘") == ""
    assert missing_characters(f"王{RARE}") == RARE


@given(cjk_text)
def test_placeholders_replace_exactly_the_missing_characters(text):
    shown, missing = with_placeholders(text)
    assert len(shown) == len(text)
    assert set(missing) == {ch for ch in text if ch in RARE}
    for original, printed in zip(text, shown):
        assert printed == (PLACEHOLDER if original in missing else original)


def test_subset_is_truetype_and_holds_what_was_asked():
    font = TTFont(io.BytesIO(truetype_subset(frozenset(NAMES) | ALWAYS)))
    assert "glyf" in font and "CFF " not in font
    cmap = font.getBestCmap()
    assert all(ord(ch) in cmap for ch in NAMES + PLACEHOLDER + ELLIPSIS)
    assert ord("乘") not in cmap


def test_text_beyond_the_subset_is_never_dropped_silently():
    with embedded_font(["符秀英", *all_labels("zh")]) as font, \
            PrintDocument("x.pdf", "t", "zh", dt.date(2026, 12, 1), font) as doc:
        assert doc.show(f"符{RARE[0]}英") == f"符{PLACEHOLDER}英"
        assert doc.show("符秀爨") == f"符秀{PLACEHOLDER}"  # in the font, but not in this subset
        assert [(m.text, m.characters) for m in doc.missing_glyphs] == [(f"符{RARE[0]}英", RARE[0]), ("符秀爨", "爨")]


@settings(max_examples=40, deadline=None)
@given(text=cjk_text, width=st.floats(min_value=8, max_value=80))
def test_fitted_text_fits_its_cell(text, width):
    with embedded_font([NAMES]) as font, PrintDocument("x.pdf", "t", "zh", dt.date(2026, 12, 1), font) as doc:
        doc.new_page()
        fitted = doc.fit(text, width)
        assert doc.text_width(fitted) <= doc.text_room(width) + 1e-6
        shown = doc.show(text)
        assert fitted == shown or (fitted.endswith(ELLIPSIS) and shown.startswith(fitted[:-1]))


def test_the_font_shows_every_text_of_the_bundled_sample():
    scenario = load_scenario(Path(CHANGJIANG))
    texts = [a.name for a in scenario.applications] + [a.team or "" for a in scenario.applications]
    texts += [s.name for s in scenario.stations] + [f"{s.employer}{s.name}" for s in scenario.sites]
    texts += [v.plate + v.driver for v in scenario.fleet] + [o.skill for o in scenario.orders]
    assert len(texts) > 300
    assert missing_characters("".join(texts)) == ""
