"""An order's status in words: its shift, the buses that bring and fetch its workers, and why any
are missing, as the terminal, the workbook, the employer report and plan.json print them."""

from __future__ import annotations

from data.records import format_hhmm
from dispatch.order_status import PLACED_ELSEWHERE, TOO_FEW_APPLICANTS, UNREACHABLE, BusCall, OrderStatus, Shortfall
from dispatch.plan import DayPlan
from dispatch.presentation.labels import Lang, label, reason_label


def shift_text(status: OrderStatus) -> str:
    return f"{format_hhmm(status.order.shift_start)}–{format_hhmm(status.order.shift_end)}"


def calls_text(calls: tuple[BusCall, ...], lang: Lang) -> str:
    """'07:20 琼D·30451（12 人）、07:35 …' for the buses at the site."""
    return label("list_sep", lang).join(
        label("bus_call", lang, time=format_hhmm(c.time), plate=c.plate, count=c.workers) for c in calls)


def returns_text(status: OrderStatus, lang: Lang) -> str:
    return calls_text(status.returns, lang) if status.order.return_trip else label("no_return", lang)


def shortfall_text(plan: DayPlan, status: OrderStatus, shortfall: Shortfall, lang: Lang) -> str:
    """Why `shortfall.workers` of the order's workers are missing, in one sentence."""
    skill = status.order.skill
    if shortfall.code == UNREACHABLE:
        if status.earliest_arrival is None:
            return label("short_no_bus", lang)
        earliest = format_hhmm(status.earliest_arrival)
        if status.earliest_arrival <= status.arrive_by:
            return label("short_no_way_back", lang, earliest=earliest)
        station = plan.scenario.stations_by_id.get(status.earliest_from or "")
        return label("short_unreachable", lang, earliest=earliest, by=format_hhmm(status.arrive_by),
                     station=station.name if station else status.earliest_from)
    if shortfall.code == TOO_FEW_APPLICANTS:
        return label("short_too_few", lang, skill=skill, applicants=shortfall.applicants)
    if shortfall.code == PLACED_ELSEWHERE:
        return label("short_elsewhere", lang, skill=skill, applicants=shortfall.applicants)
    return reason_label(shortfall.code, lang)


def shortfalls_text(plan: DayPlan, status: OrderStatus, lang: Lang) -> str:
    """Every shortfall of the order ('缺 3 人：…；缺 2 人：…'), or that all are coming."""
    if not status.shortfalls:
        return label("all_coming", lang)
    separator = "；" if lang == "zh" else "; "
    return separator.join(label("short_workers", lang, count=s.workers, why=shortfall_text(plan, status, s, lang))
                          for s in status.shortfalls)
