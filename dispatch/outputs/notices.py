"""Worker notices (`notices.csv`): one short message per applicant of the day, for a bulk-SMS tool.

A placed worker learns when and where to board, which bus, and where and when they work; an unplaced
one learns why and whom to ask. A message names only its own recipient: no driver, team mate or
leader appears in it, and no phone number of anyone but the contact given.

The `phone` column holds the recipient's number whole, so the file can be sent as it is (docs/privacy.md);
the message text carries no personal number. Every message opens with the `[outputs] sms_signature` and
fits one SMS segment (70 characters, or 160 for plain ASCII): the least needed parts are left out first
(what to bring, whom to ask, the early-arrival hint, the site's name), and as a last resort the
employer's name is shortened.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from data.records import format_hhmm
from data.writers import csv_safe
from dispatch.outputs.audience import output_settings
from dispatch.plan import DayPlan
from dispatch.presentation import Lang, Rider, person, reason_label, riders, whole_phone

COLUMNS = ("application_id", "phone", "status", "message")
EARLY_MIN = 10
"""Workers are asked to be at the station this many minutes before the bus leaves."""
SEGMENT = 70
"""Characters in one SMS segment of Chinese (UCS-2) text; plain ASCII text has `ASCII_SEGMENT`."""
ASCII_SEGMENT = 160
ELLIPSIS = "…"


def notices_rows(plan: DayPlan, lang: Lang = "zh", contact: str | None = None) -> list[dict[str, str]]:
    """One row per applicant available on the day, sorted by application id.

    `contact` is whom to call (e.g. the service centre's hotline); without it a worker is told to
    ask at their own station.
    """
    rows = []
    signature = output_settings(plan.scenario).sms_signature
    placed = riders(plan)
    for rider in placed.values():
        message = fit_segment(signature, _placed_message(plan, rider, lang, contact))
        rows.append(_row(rider.application_id, whole_phone(plan, rider.application_id), "placed", message))
    for unplaced in plan.unassigned:
        if unplaced.application_id in placed:
            continue
        who = person(plan, unplaced.application_id)
        ask = contact or who.station_name
        message = fit_segment(signature, _unplaced_message(plan.date, who.name, reason_label(unplaced.reason, lang),
                                                           ask, lang))
        rows.append(_row(who.application_id, whole_phone(plan, who.application_id), "unplaced", message))
    return sorted(rows, key=lambda r: r["application_id"])


def write_notices_csv(plan: DayPlan, path: Path, lang: Lang = "zh", contact: str | None = None) -> Path:
    """`notices.csv` in UTF-8 with a BOM (so Excel reads the Chinese), every cell formula-neutralised."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in notices_rows(plan, lang, contact):
            writer.writerow({key: csv_safe(value) for key, value in row.items()})
    return path


def _row(application_id: str, phone: str, status: str, message: str) -> dict[str, str]:
    return {"application_id": application_id, "phone": phone, "status": status, "message": message}


Compose = Callable[[int, int], str]
"""A message with its `drop` least needed parts left out and its long name cut to `keep` characters
(a negative `keep` leaves the name whole)."""


def segment_limit(text: str) -> int:
    """The characters one SMS segment holds for this text."""
    return ASCII_SEGMENT if text.isascii() else SEGMENT


def fit_segment(signature: str, compose: tuple[Compose, int]) -> str:
    """The signed message in one segment: fewer optional parts, then a shorter name, until it fits.

    `compose` is the message builder and how many optional parts it has. Returns the shortest
    form with every name whole when even a shortened name does not fit (a recipient's very long name).
    """
    build, optional = compose
    for drop in range(optional + 1):
        text = signature + build(drop, -1)
        if len(text) <= segment_limit(text):
            return text
    shortest = text
    for keep in range(len(text), 1, -1):
        text = signature + build(optional, keep)
        if len(text) <= segment_limit(text):
            return text
    return shortest


def _cut(name: str, keep: int) -> str:
    return name if keep < 0 or len(name) <= keep else name[:keep] + ELLIPSIS


def _day(date: dt.date, lang: Lang) -> str:
    return f"{date.month}月{date.day}日" if lang == "zh" else f"{date:%b} {date.day}"


def _placed_message(plan: DayPlan, r: Rider, lang: Lang, contact: str | None) -> tuple[Compose, int]:
    """The placed worker's message; its optional parts go in this order: what to bring, whom to ask,
    the hint to come early, the site's name (the employer's name stays, shortened if need be)."""
    order = plan.scenario.orders_by_id.get(r.order_id)
    no_return = order is not None and not order.return_trip
    leave = format_hhmm(r.board_time) if r.board_time is not None else ""
    ask = contact or r.station_name
    day, shift = _day(plan.date, lang), format_hhmm(r.shift_start)
    back = format_hhmm(r.return_time) if r.return_time is not None else None

    def zh(drop: int, keep: int) -> str:
        where = _cut(r.employer, keep) + (r.site_name if drop < 4 else "")
        parts = [f"{r.name}：{day}{leave}在{r.station_name}乘{r.plate}到{where}，{shift}上班"]
        if back is not None:
            parts.append(f"，{back}返程")
        elif no_return:
            parts.append("，无返程车")
        parts.append("。")
        if drop < 3:
            parts.append(f"请提前{EARLY_MIN}分钟到站")
        if drop < 1:
            parts.append("，带身份证")
        if drop < 2:
            parts.append(f"。咨询{ask}")
        return "".join(parts) + ("。" if drop < 3 else "")

    def en(drop: int, keep: int) -> str:
        where = _cut(r.employer, keep) + (f" {r.site_name}" if drop < 4 else "")
        parts = [f"{r.name}: {day} {leave} {r.station_name} bus {r.plate} to {where}, work {shift}"]
        if back is not None:
            parts.append(f", back {back}")
        elif no_return:
            parts.append(", no return bus")
        parts.append(".")
        if drop < 3:
            parts.append(f" Come {EARLY_MIN} min early.")
        if drop < 1:
            parts.append(" Bring your ID card.")
        if drop < 2:
            parts.append(f" Ask: {ask}.")
        return "".join(parts)

    return (zh if lang == "zh" else en), 4


def _unplaced_message(date: dt.date, name: str, reason: str, ask: str, lang: Lang) -> tuple[Compose, int]:
    """The unplaced applicant's message: nothing optional; whom to ask is shortened if need be."""

    def zh(_drop: int, keep: int) -> str:
        return f"{name}：很抱歉，{_day(date, lang)}直通车暂未为您安排岗位（{reason}）。咨询{_cut(ask, keep)}。"

    def en(_drop: int, keep: int) -> str:
        return f"{name}: sorry, no shuttle job on {_day(date, lang)}: {reason}. Ask {_cut(ask, keep)}."

    return (zh if lang == "zh" else en), 0
