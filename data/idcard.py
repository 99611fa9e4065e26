"""Mainland resident ID numbers (GB 11643): the ISO 7064 MOD 11-2 check character and the birth date.

An 18-character number is a 6-digit region code, an 8-digit birth date (YYYYMMDD), a 3-digit
sequence and a check character (a digit or X).
"""

from __future__ import annotations

import datetime as dt
import re

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")


def check_character(first17: str) -> str:
    """The check character that completes the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("an ID number body is 17 digits")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS))
    return _CHECK_CHARS[total % 11]


def normalise(id_number: str) -> str:
    """Trimmed, with a lower-case check letter x raised to X (both are common in spreadsheets)."""
    return id_number.strip().upper()


def has_valid_shape(id_number: str) -> bool:
    """18 characters: 17 ASCII digits and a digit or X."""
    return bool(_SHAPE.match(id_number)) and id_number.isascii()


def has_valid_checksum(id_number: str) -> bool:
    """True when the 18th character is the MOD 11-2 check character of the first 17."""
    return has_valid_shape(id_number) and check_character(id_number[:17]) == id_number[17]


def birth_date(id_number: str) -> dt.date | None:
    """The embedded birth date, or None when it is not a real calendar date."""
    if not has_valid_shape(id_number):
        return None
    digits = id_number[6:14]
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def id_number_problem(id_number: str, today: dt.date | None = None) -> str | None:
    """A sentence saying what is wrong with an ID number, or None when it is valid.

    A birth date in the future (after `today`, default: the current date) or before 1900 is impossible.
    """
    if not has_valid_shape(id_number):
        return "is not an 18-character ID number (17 digits and a digit or X)"
    born = birth_date(id_number)
    if born is None:
        return "embeds an impossible birth date"
    if born.year < 1900 or born > (today or dt.date.today()):
        return "embeds an impossible birth date"
    if not has_valid_checksum(id_number):
        return "fails the ID number checksum (ISO 7064 MOD 11-2)"
    return None


def make_id_number(region: str, birth: dt.date, seq: int) -> str:
    """A checksum-valid ID number for a 6-digit region, a birth date and a sequence 0-999 (for samples)."""
    if len(region) != 6 or not region.isdigit():
        raise ValueError("a region code is 6 digits")
    if not 0 <= seq <= 999:
        raise ValueError("a sequence number is 0-999")
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + check_character(body)
