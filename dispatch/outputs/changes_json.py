"""changes.json: the change report of a re-planned day, one object per affected passenger.

Names and bus ids only, as in the report itself: no ID numbers or phones.
"""

from __future__ import annotations

from typing import Any

from data.records import format_hhmm
from dispatch.replan import ChangeReport


def changes_to_dicts(report: ChangeReport) -> list[dict[str, Any]]:
    """The document: application, name, kind of change, bus and boarding time before and after, why."""
    return [
        {
            "application_id": c.application_id,
            "name": c.name,
            "change": c.change,
            "before": _side(c.before_bus, c.before_time),
            "after": _side(c.after_bus, c.after_time),
            "reason": c.reason,
        }
        for c in report.changes
    ]


def _side(bus: str | None, minute: int | None) -> dict[str, str | None] | None:
    if bus is None:
        return None
    return {"vehicle_id": bus, "boarding_time": None if minute is None else format_hhmm(minute)}
