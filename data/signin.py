"""The sign-in sheet (签到表, `signin.xlsx`): its columns and words, shared by its writer and the ledger.

Station staff tick who boarded on the sheet the plan printed; the ledger reads it back. Both sides take
the headings, the trip words and which plan a sheet belongs to from here, so they cannot drift apart.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from data.cells import NO, YES, CellError

SHEET = "签到"
INFO_SHEET = "说明"
APPLICATION, NAME, VEHICLE, TRIP = "申请编号", "姓名", "车辆", "趟次"
STATION, BOARDED, REASON = "站点", "已上车", "未上车原因"
COLUMNS = (APPLICATION, NAME, VEHICLE, TRIP, STATION, BOARDED, REASON)
TRIP_WORDS = {"morning": "去程", "evening": "返程"}
"""How the sheet names a run's trip; `trip_of` also reads the English codes."""
INFO_DATE, INFO_PLAN, INFO_INPUTS = "日期", "计划摘要", "方案文件夹"
"""Keys of the info sheet: the plan's date, its digest (`plan_digest`) and the scenario folder it was made from."""


def plan_digest(document: dict[str, Any]) -> str:
    """A plan.json document's SHA-256 (keys sorted): the same plan gives the same digest, any change another."""
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def trip_of(text: str) -> str:
    """`morning` or `evening` from the sheet's word (去程, 返程, 早班, 晚班 or the English code)."""
    lowered = text.strip().lower()
    for trip, spellings in _TRIP_SPELLINGS.items():
        if lowered in spellings:
            return trip
    raise CellError(f"{text!r} 不是趟次（去程 或 返程）")


_TRIP_SPELLINGS = {"morning": {"去程", "早班", "早", "morning"}, "evening": {"返程", "晚班", "晚", "evening"}}


def boarded_of(text: str) -> bool | None:
    """是 → True, 否 → False, blank → None (not recorded); the other yes/no spellings of the inputs too."""
    lowered = text.strip().lower()
    if not lowered:
        return None
    if lowered in YES:
        return True
    if lowered in NO:
        return False
    raise CellError(f"{text!r} 不是 是 或 否（留空表示未记录）")
