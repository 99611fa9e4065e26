"""Worker notices (`notices.csv`): one short message per applicant of the day, for a bulk-SMS tool.

A placed worker learns when and where to board, which bus, where they work and what to bring; an
unplaced one learns why and whom to ask. A message names only its own recipient: no driver, team
mate or leader appears in it.

The file carries no full phone number (DOMAIN.md: never in a notice). The bulk-SMS tool joins the
`application_id` column with the county's own register of applicants to find the number to send
to; `phone_masked` is there so a person can check the join by eye.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from data.records import format_hhmm
from data.writers import csv_safe
from dispatch.plan import DayPlan
from dispatch.presentation import Lang, Rider, person, reason_label, riders

COLUMNS = ("application_id", "phone_masked", "status", "message")
EARLY_MIN = 10
"""Workers are asked to be at the station this many minutes before the bus leaves."""


def notices_rows(plan: DayPlan, lang: Lang = "zh", contact: str | None = None) -> list[dict[str, str]]:
    """One row per applicant available on the day, sorted by application id.

    `contact` is whom to call (e.g. the service centre's hotline); without it a worker is told to
    ask at their own station.
    """
    rows = []
    placed = riders(plan)
    for rider in placed.values():
        message = _placed_message(plan, rider, lang, contact)
        rows.append(_row(rider.application_id, rider.masked_phone, "placed", message))
    for unplaced in plan.unassigned:
        if unplaced.application_id in placed:
            continue
        who = person(plan, unplaced.application_id)
        ask = contact or who.station_name
        message = _unplaced_message(plan.date, who.name, reason_label(unplaced.reason, lang), ask, lang)
        rows.append(_row(who.application_id, who.masked_phone, "unplaced", message))
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


def _row(application_id: str, phone_masked: str, status: str, message: str) -> dict[str, str]:
    return {"application_id": application_id, "phone_masked": phone_masked, "status": status, "message": message}


def _day(date: dt.date, lang: Lang) -> str:
    return f"{date.month}月{date.day}日" if lang == "zh" else date.isoformat()


def _placed_message(plan: DayPlan, r: Rider, lang: Lang, contact: str | None) -> str:
    order = plan.scenario.orders_by_id.get(r.order_id)
    no_return = order is not None and not order.return_trip
    leave = format_hhmm(r.board_time) if r.board_time is not None else ""
    ask = contact or r.station_name
    if lang == "zh":
        parts = [
            f"{r.name}您好：{_day(plan.date, lang)}{leave}在{r.station_name}乘坐{r.plate}班车"
            f"（请提前{EARLY_MIN}分钟到站），"
            f"前往{r.employer}{r.site_name}，{format_hhmm(r.shift_start)}上班。",
        ]
        if r.return_time is not None:
            parts.append(f"返程{format_hhmm(r.return_time)}在用工地上车。")
        elif no_return:
            parts.append("本次无返程班车，请自行安排。")
        parts.append(f"请携带身份证、水杯和防晒用品。如有疑问请联系{ask}。")
        return "".join(parts)
    parts = [
        f"Hello {r.name}: on {_day(plan.date, lang)} take bus {r.plate} at {r.station_name}, leaving {leave} "
        f"(please come {EARLY_MIN} minutes early), to {r.employer} {r.site_name}; work starts "
        f"{format_hhmm(r.shift_start)}.",
    ]
    if r.return_time is not None:
        parts.append(f"Return bus leaves the site at {format_hhmm(r.return_time)}.")
    elif no_return:
        parts.append("There is no return bus this time.")
    parts.append(f"Bring your ID card, water and sun protection. Questions: {ask}.")
    return " ".join(parts)


def _unplaced_message(date: dt.date, name: str, reason: str, ask: str, lang: Lang) -> str:
    if lang == "zh":
        return (f"{name}您好：很抱歉，{_day(date, lang)}的务工直通车暂未为您安排岗位（原因：{reason}）。"
                f"如有疑问请联系{ask}。")
    return (f"Hello {name}: sorry, the worker shuttle has no job for you on {_day(date, lang)} ({reason}). "
            f"Questions: {ask}.")
