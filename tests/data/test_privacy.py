"""Masking shows the fixed scheme and never reveals more than it should."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from data.privacy import mask_id, mask_phone


def revealed(masked: str) -> int:
    return sum(c != "*" for c in masked)


def test_the_fixed_schemes():
    assert mask_id("469031198506152015") == "4690**********2015"
    assert mask_id(" 11010519491231002X ") == "1101**********002X"
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("089826612345") == "********2345"
    assert mask_id("") == "" and mask_phone("") == ""


@given(st.text(alphabet="0123456789X", min_size=0, max_size=40))
def test_mask_id_reveals_at_most_eight_and_at_most_half(text):
    masked = mask_id(text)
    assert len(masked) == len(text)
    assert revealed(masked) <= min(8, len(text) // 2)


@given(st.text(alphabet="0123456789-+ ", min_size=0, max_size=30).map(str.strip))
def test_mask_phone_reveals_at_most_seven_and_never_the_middle(text):
    masked = mask_phone(text)
    assert len(masked) == len(text)
    assert revealed(masked) <= min(7, len(text) * 2 // 3)
    if len(text) == 11:
        assert masked[3:7] == "****"
