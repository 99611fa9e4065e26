"""Worker notices (`notices.csv`): one short message per applicant of the day, for a bulk-SMS tool.

A placed worker learns when and where to board, which bus, and where and when they work; an unplaced
one learns why and whom to ask. A message names only its own recipient: no driver, team mate or
leader appears in it, and no phone number of anyone but the contact given.

The `phone` column holds the recipient's number whole, so the file can be sent as it is (docs/privacy.md);
the message text carries no personal number. Every message opens with the `[outputs] sms_signature` and
fits one SMS segment (70 characters, or 160 for plain ASCII): the least needed parts are left out first
(what to bring, whom to ask, the early-arrival hint, the site's name), then the station and the
employer go by short names (乌烈镇驿站, the employer without 有限公司), and as a last resort the
employer's name is cut.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
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
LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "专业合作社", "合作社", "公司")
"""Endings of an employer's name an SMS may leave out when it is short of room."""


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


def segment_limit(text: str) -> int:
    """The characters one SMS segment holds for this text."""
    return ASCII_SEGMENT if text.isascii() else SEGMENT


def fit_segment(signature: str, variants: Iterable[str]) -> str:
    """The first of the message's forms (richest first, the last with every name whole) that fits one
    segment with the signature; the last form when none does (a recipient's very long name)."""
    text = ""
    for variant in variants:
        text = signature + variant
        if len(text) <= segment_limit(text):
            return text
    return text


def short_station(name: str) -> str:
    """'乌烈镇就业驿站' as '乌烈镇驿站': the worker knows their own station."""
    return name.removesuffix("就业驿站") + "驿站" if name.endswith("就业驿站") else name


def short_employer(name: str) -> str:
    """'十月田果蔬包装有限公司' as '十月田果蔬包装': the legal form left out, when enough name remains."""
    for suffix in LEGAL_FORMS:
        if name.endswith(suffix) and len(name) - len(suffix) >= 4:
            return name.removesuffix(suffix)
    return name


def _cut(name: str, keep: int) -> str:
    return name if len(name) <= keep else name[:keep] + ELLIPSIS


def _day(date: dt.date, lang: Lang) -> str:
    return f"{date.month}月{date.day}日" if lang == "zh" else f"{date:%b} {date.day}"


def _placed_message(plan: DayPlan, r: Rider, lang: Lang, contact: str | None) -> list[str]:
    """The placed worker's message from richest to leanest: what to bring, whom to ask, the hint to come
    early and the site's name go first; then the station and the employer by their short names, the
    site's name instead of a longer employer's, and last the employer's name cut; the last form keeps
    every name whole, for when none fits."""
    order = plan.scenario.orders_by_id.get(r.order_id)
    no_return = order is not None and not order.return_trip
    leave = format_hhmm(r.board_time) if r.board_time is not None else ""
    ask = contact or r.station_name
    day, shift = _day(plan.date, lang), format_hhmm(r.shift_start)
    back = format_hhmm(r.return_time) if r.return_time is not None else None

    def zh(station: str, where: str, tail: str) -> str:
        way_back = f"，{back}返程" if back is not None else "，无返程车" if no_return else ""
        return f"{r.name}：{day}{leave}在{station}乘{r.plate}到{where}，{shift}上班{way_back}。{tail}"

    def en(station: str, where: str, tail: str) -> str:
        way_back = f", back {back}" if back is not None else ", no return bus" if no_return else ""
        return f"{r.name}: {day} {leave} {station} bus {r.plate} to {where}, work {shift}{way_back}.{tail}"

    build = zh if lang == "zh" else en
    early = f"请提前{EARLY_MIN}分钟到站" if lang == "zh" else f" Come {EARLY_MIN} min early."
    tails = ([f"{early}，带身份证。咨询{ask}。", f"{early}。咨询{ask}。", f"{early}。"] if lang == "zh" else
             [f"{early} Bring your ID card. Ask: {ask}.", f"{early} Ask: {ask}.", early])
    station, employer = r.station_name, r.employer
    short = short_employer(employer)
    full = f"{employer}{r.site_name}" if lang == "zh" else f"{employer} {r.site_name}"
    variants = [build(station, full, tail) for tail in (*tails, "")]
    variants += [build(station, employer, ""), build(short_station(station), employer, ""),
                 build(short_station(station), short, "")]
    if r.site_name and len(r.site_name) < len(short):
        variants.append(build(short_station(station), r.site_name, ""))
    variants += [build(short_station(station), _cut(short, keep), "") for keep in range(len(short) - 1, 1, -1)]
    return [*variants, build(station, employer, "")]


def _unplaced_message(date: dt.date, name: str, reason: str, ask: str, lang: Lang) -> list[str]:
    """The unplaced applicant's message; whom to ask by a short name, then cut, if need be."""

    def zh(who: str) -> str:
        return f"{name}：很抱歉，{_day(date, lang)}直通车暂未为您安排岗位（{reason}）。咨询{who}。"

    def en(who: str) -> str:
        return f"{name}: sorry, no shuttle job on {_day(date, lang)}: {reason}. Ask {who}."

    build = zh if lang == "zh" else en
    short = short_station(ask)
    return [build(ask), build(short), *(build(_cut(short, keep)) for keep in range(len(short) - 1, 1, -1)),
            build(ask)]
