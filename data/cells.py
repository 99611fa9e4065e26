"""Parsing one spreadsheet cell into a value of its column's kind, with a message a dispatcher understands.

Cells arrive as trimmed NFKC text (full-width digits and punctuation already made half-width).
Every parser returns the value or raises `CellError`; none raises anything else. Messages that
quote personal numbers quote them masked.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from data.idcard import id_number_problem, normalise
from data.privacy import mask_id, mask_phone
from data.schema import Kind

MAX_DATE_RANGE_DAYS = 366
"""A longer range in one cell is almost certainly a typing mistake (e.g. a wrong year)."""

LIST_SEPARATORS = re.compile(r"[;,、]")
"""After NFKC, the full-width `；` and `，` are `;` and `,`."""

_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?: 00:00(?::00)?)?$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::00)?$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_FIXED_LINE = re.compile(r"^0\d{2,3}\d{7,8}$")
_UNSAFE_ID = re.compile(r"[/\\\x00-\x1f\x7f]|\.\.")

YES = frozenset({"yes", "y", "true", "1", "是", "t", "√", "✓"})
NO = frozenset({"no", "n", "false", "0", "否", "f", "×", "✗"})
"""CONTRACT.md's spellings, plus the tick and cross Chinese forms often use."""
GENDERS = {"男": "男", "男性": "男", "m": "男", "male": "男", "女": "女", "女性": "女", "f": "女", "female": "女"}
CANCELLED = frozenset({"cancelled", "canceled", "已取消", "取消"})
ACTIVE = frozenset({"", "active", "ok", "有效", "正常"})

MAX_ID_LENGTH = 64


class CellError(ValueError):
    """A cell that cannot be read as its column's kind; the message is the sentence for the report."""


def parse_id(text: str) -> str:
    """An identifier that is also safe inside a file name (outputs name files after ids)."""
    if not text:
        raise CellError("is empty")
    if _UNSAFE_ID.search(text):
        raise CellError(f"id {text!r} contains '/', '\\', '..' or a control character, which ids may not")
    if len(text) > MAX_ID_LENGTH:
        raise CellError(f"id is longer than {MAX_ID_LENGTH} characters")
    return text


def parse_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise CellError(f"{text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise CellError(f"{text!r} is not a finite number")
    return value


def parse_integer(text: str) -> int:
    """A whole number of at least 1 (workers, seats); `45.0` from a spreadsheet counts as 45."""
    value = parse_float(text)
    if value != int(value):
        raise CellError(f"{text!r} is not a whole number")
    if value < 1:
        raise CellError(f"{text} must be at least 1")
    return int(value)


def parse_amount(text: str) -> float:
    """A money amount (wage, cost per km): a number, not negative."""
    value = parse_float(text)
    if value < 0:
        raise CellError(f"{text} must not be negative")
    return value


def parse_lat(text: str) -> float:
    value = parse_float(text)
    if not 3 <= value <= 54:
        hint = " (latitude and longitude swapped?)" if 73 <= value <= 136 else ""
        raise CellError(f"latitude {text} is outside China (3..54){hint}")
    return value


def parse_lon(text: str) -> float:
    value = parse_float(text)
    if not 73 <= value <= 136:
        hint = " (latitude and longitude swapped?)" if 3 <= value <= 54 else ""
        raise CellError(f"longitude {text} is outside China (73..136){hint}")
    return value


def parse_date(text: str) -> dt.date:
    """YYYY-MM-DD (also YYYY/M/D, and a spreadsheet date with a midnight time)."""
    match = _DATE.match(text)
    if not match:
        raise CellError(f"{text!r} is not a date (YYYY-MM-DD)")
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        raise CellError(f"{text!r} is not a calendar date") from None


def parse_dates(text: str) -> tuple[dt.date, ...]:
    """One date, several separated like skills, or ranges `2026-12-01~2026-12-05` (both ends included)."""
    days: set[dt.date] = set()
    for item in split_list(text):
        if "~" in item or "至" in item:
            first_text, _, last_text = item.replace("至", "~").partition("~")
            first, last = parse_date(first_text.strip()), parse_date(last_text.strip())
            if last < first:
                raise CellError(f"range {item!r} ends before it starts")
            if (last - first).days > MAX_DATE_RANGE_DAYS:
                raise CellError(f"range {item!r} is longer than a year")
            days.update(first + dt.timedelta(days=d) for d in range((last - first).days + 1))
        else:
            days.add(parse_date(item))
    if not days:
        raise CellError("names no date")
    return tuple(sorted(days))


def parse_time(text: str) -> int:
    """HH:MM (a spreadsheet's HH:MM:00 too) as minutes after midnight."""
    match = _TIME.match(text)
    if not match:
        raise CellError(f"{text!r} is not a time of day (HH:MM)")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        raise CellError(f"{text!r} is not a time of day (00:00-23:59)")
    return hours * 60 + minutes


def parse_yesno(text: str) -> bool:
    lowered = text.lower()
    if lowered in YES:
        return True
    if lowered in NO:
        return False
    raise CellError(f"{text!r} is not yes/no (yes/no, y/n, true/false, 1/0, 是/否)")


def parse_gender(text: str) -> str:
    try:
        return GENDERS[text.lower()]
    except KeyError:
        raise CellError(f"{text!r} is not a gender (男/女, M/F, male/female)") from None


def parse_status(text: str) -> bool:
    """True when the application is cancelled."""
    lowered = text.lower()
    if lowered in CANCELLED:
        return True
    if lowered in ACTIVE:
        return False
    raise CellError(f"{text!r} is not a status (empty, active/有效, or cancelled/已取消)")


def split_list(text: str) -> list[str]:
    """Items separated by `;`, `；`, `、`, `,` or `，`, trimmed, empty ones dropped, first occurrence kept."""
    return list(dict.fromkeys(s.strip() for s in LIST_SEPARATORS.split(text) if s.strip()))


def parse_skills(text: str) -> tuple[str, ...]:
    skills = tuple(split_list(text))
    if not skills:
        raise CellError("names no skill")
    return skills


def parse_id_number(text: str) -> str:
    number = normalise(text)
    problem = id_number_problem(number)
    if problem:
        raise CellError(f"ID number {mask_id(number)} {problem}")
    return number


def normalise_phone(text: str) -> str:
    """Digits only: spaces, dashes and brackets dropped, and a +86/0086 prefix removed."""
    digits = re.sub(r"[\s\-()]", "", text)
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix):]
    return digits


def parse_phone(text: str) -> str:
    """An 11-digit mainland mobile number, or a fixed line with its area code (0898...)."""
    digits = normalise_phone(text)
    if _MOBILE.match(digits) or _FIXED_LINE.match(digits):
        return digits
    raise CellError(f"{mask_phone(digits)} is not an 11-digit mobile number or a fixed line with area code")


def parse_text(text: str) -> str:
    """Free text (names, villages, plates): anything printable; control characters break manifests and CSVs."""
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise CellError(f"{text!r} contains a control character")
    return text


PARSERS = {
    "id": parse_id, "text": parse_text, "lat": parse_lat, "lon": parse_lon, "integer": parse_integer,
    "number": parse_amount, "date": parse_date, "dates": parse_dates, "time": parse_time,
    "yesno": parse_yesno, "skills": parse_skills, "gender": parse_gender, "id_number": parse_id_number,
    "phone": parse_phone, "status": parse_status,
}
"""The parser for each column kind."""


def parse_cell(kind: Kind, text: str) -> object:
    return PARSERS[kind](text)
