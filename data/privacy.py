"""Masking of personal numbers, one fixed scheme everywhere (DOMAIN.md, PIPL minimum-necessary rule).

ID numbers show their first 4 and last 4 characters (`4690**********1234`), mobile numbers their first
3 and last 4 (`138****1234`). Other lengths keep the same length and never reveal more than a quarter of
the characters at each end (at most 8 in all), so a short or malformed value is not printed in full.
"""

from __future__ import annotations


def _keep_ends(text: str, head: int, tail: int) -> str:
    hidden = len(text) - head - tail
    return text[:head] + "*" * hidden + (text[len(text) - tail:] if tail else "")


def mask_id(id_number: str) -> str:
    """An ID number as `4690**********1234`; shorter values reveal at most a quarter at each end."""
    text = id_number.strip()
    keep = min(4, len(text) // 4)
    return _keep_ends(text, keep, keep)


def mask_phone(phone: str) -> str:
    """A mobile number as `138****1234`; other numbers keep only their last digits (at most a third)."""
    text = phone.strip()
    if len(text) == 11:
        return _keep_ends(text, 3, 4)
    return _keep_ends(text, 0, min(4, len(text) // 3))
