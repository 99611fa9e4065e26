"""The day workbook (`plan.xlsx`) for dispatchers who live in Excel: routes, bus days, stops,
passengers, orders (asked for, coming, when, short and why), the unassigned with reasons, and a summary.

The sheets are built as plain tables first (`workbook_tables`, easy to test and reuse), then
written with openpyxl: bold shaded headers, frozen header row, filters, and column widths that
fit the content (a Chinese character counts twice). Text cells are neutralised against formula
injection (a name typed as `=HYPERLINK(...)` stays text) and hold only masked personal numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from data.privacy import mask_phone
from data.records import format_hhmm
from data.writers import csv_safe
from dispatch.order_status import order_statuses
from dispatch.outputs.bus_day_lines import BusDayLine, bus_day_lines
from dispatch.plan import DayPlan
from dispatch.presentation import (
    Lang,
    call_count,
    calls_text,
    display_width,
    gender_label,
    person,
    place_name,
    reason_label,
    rest_notes,
    returns_text,
    riders,
    shift_text,
    shortfalls_text,
    sorted_runs,
    team_label,
    translator,
)

Cell = str | int | float | None
MIN_WIDTH = 6
MAX_WIDTH = 60
HEADER_FILL = PatternFill("solid", fgColor="DCE3EE")


@dataclass(frozen=True)
class Table:
    """One sheet's content: its name, the header row and the data rows."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def write_workbook(plan: DayPlan, path: Path, lang: Lang = "zh") -> Path:
    """Write `plan.xlsx` (or any path) with the seven sheets; returns the path."""
    book = Workbook()
    default_sheet = book.active
    if default_sheet is not None:  # a new workbook comes with one empty sheet
        book.remove(default_sheet)
    for table in workbook_tables(plan, lang):
        _write_sheet(book, table)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def workbook_tables(plan: DayPlan, lang: Lang = "zh") -> tuple[Table, ...]:
    """Routes, bus days, stops, passengers, orders, unassigned and summary, in that order."""
    days = bus_day_lines(plan, lang)
    return (
        _routes(plan, lang),
        _bus_days(days, lang),
        _stops(plan, lang),
        _passengers(plan, lang),
        _orders(plan, lang),
        _unassigned(plan, lang),
        _summary(plan, days, lang),
    )


def _routes(plan: DayPlan, lang: Lang) -> Table:
    t = translator(lang)
    rows = []
    for run in sorted_runs(plan):
        vehicle = plan.scenario.vehicles_by_id.get(run.vehicle_id)
        rows.append((
            run.vehicle_id, run.plate, run.driver,
            mask_phone(vehicle.driver_phone) if vehicle and vehicle.driver_phone else "",
            run.seats, t(run.trip), format_hhmm(run.departure), format_hhmm(run.stops[-1].arrival),
            call_count(run), len(run.passengers), run.peak_load, round(run.distance_km, 1),
            round(run.duration_min, 1), t("list_sep").join(rest_notes(plan, run, lang)),
        ))
    headers = ("vehicle", "plate", "driver", "driver_phone", "seats", "trip", "departure", "end_time",
               "stop_count", "boardings", "peak_load", "distance_km", "duration_min", "driver_rests")
    return Table(t("sheet_routes"), tuple(t(h) for h in headers), tuple(rows))


def _bus_days(days: tuple[BusDayLine, ...], lang: Lang) -> Table:
    t = translator(lang)
    rows = tuple(
        (
            line.vehicle_id, line.plate, line.driver, line.second_driver,
            t("list_sep").join(t(trip) for trip in line.trips), format_hhmm(line.duty_start),
            format_hhmm(line.duty_end), round((line.duty_end - line.duty_start) / 60, 1), line.driving_min,
            line.daily_limit_min, line.distance_km, line.empty_km,
            t("list_sep").join(t("wait_at", place=w.place, start=format_hhmm(w.start), end=format_hhmm(w.end))
                               for w in line.waits),
            " ".join(line.rules_broken),
        )
        for line in days
    )
    headers = ("vehicle", "plate", "driver", "second_driver", "day_runs", "duty_start", "end_time", "duty_hours",
               "driving_min", "daily_limit_min", "distance_km", "empty_km", "waits", "rules_broken")
    return Table(t("sheet_bus_days"), tuple(t(h) for h in headers), rows)


def _stops(plan: DayPlan, lang: Lang) -> Table:
    t = translator(lang)
    rows = []
    for run in sorted_runs(plan):
        for seq, stop in enumerate(run.stops, start=1):
            rows.append((
                run.vehicle_id, run.plate, t(run.trip), seq, t(stop.kind), stop.place_id,
                place_name(plan, run, stop, lang), format_hhmm(stop.arrival), format_hhmm(stop.departure),
                len(stop.board), len(stop.alight), stop.load, " ".join(stop.board), " ".join(stop.alight),
            ))
    headers = ("vehicle", "plate", "trip", "seq", "stop_kind", "place_id", "place", "arrival", "leave",
               "boarding", "alighting", "aboard", "board_ids", "alight_ids")
    return Table(t("sheet_stops"), tuple(t(h) for h in headers), tuple(rows))


def _passengers(plan: DayPlan, lang: Lang) -> Table:
    t = translator(lang)
    rows = tuple(
        (
            r.application_id, r.name, gender_label(r.gender, lang), r.masked_id, r.masked_phone,
            r.station_name, team_label(r.team, r.leader, lang), r.order_id, r.skill, r.employer, r.site_name,
            format_hhmm(r.shift_start), r.plate, _hhmm(r.board_time), _hhmm(r.arrive_time),
            r.return_plate or "", _hhmm(r.return_time),
        )
        for r in riders(plan).values()
    )
    headers = ("application_id", "name", "gender", "id_number", "phone", "station", "team", "order", "skill",
               "employer", "site", "shift_start", "plate", "board_time", "arrive_time", "return_plate",
               "return_time")
    return Table(t("sheet_passengers"), tuple(t(h) for h in headers), rows)


def _orders(plan: DayPlan, lang: Lang) -> Table:
    t = translator(lang)
    rows = tuple(
        (s.order.order_id, s.site.employer, s.site.name, s.order.skill, shift_text(s), s.requested, s.sent, s.short,
         format_hhmm(s.arrive_by), calls_text(s.arrivals, lang), returns_text(s, lang),
         shortfalls_text(plan, s, lang) if s.short else "")
        for s in order_statuses(plan)
    )
    headers = ("order", "employer", "site", "skill", "shift", "requested", "sent", "short", "arrive_by", "arrivals",
               "returns", "why_short")
    return Table(t("sheet_orders"), tuple(t(h) for h in headers), rows)


def _unassigned(plan: DayPlan, lang: Lang) -> Table:
    t = translator(lang)
    rows = []
    for u in plan.unassigned:
        who = person(plan, u.application_id)
        rows.append((
            u.application_id, who.name, gender_label(who.gender, lang), who.masked_phone, who.station_name,
            t("list_sep").join(who.skills), team_label(who.team, who.leader, lang), u.reason,
            reason_label(u.reason, lang), u.detail,
        ))
    headers = ("application_id", "name", "gender", "phone", "station", "skills", "team", "reason",
               "reason_text", "detail")
    return Table(t("sheet_unassigned"), tuple(t(h) for h in headers), tuple(rows))


def _summary(plan: DayPlan, days: tuple[BusDayLine, ...], lang: Lang) -> Table:
    t = translator(lang)
    summary = plan.summary()
    rows: list[tuple[Cell, ...]] = [(t("date"), plan.date.isoformat())]
    for key in ("workers_requested", "workers_assigned", "applicants_available", "buses_used", "runs",
                "distance_km"):
        rows.append((t(key), summary[key]))
    rows.append((t("empty_km"), round(sum(line.empty_km for line in days), 1)))
    for code, count in summary["unassigned_by_reason"].items():
        rows.append((f"{t('unassigned_by_reason')}{t('colon')}{reason_label(code, lang)} ({code})", count))
    return Table(t("sheet_summary"), (t("summary_item"), t("summary_value")), tuple(rows))


def _hhmm(minutes: int | None) -> str:
    return format_hhmm(minutes) if minutes is not None else ""


def _write_sheet(book: Workbook, table: Table) -> None:
    sheet = book.create_sheet(table.name)
    sheet.append([csv_safe(h) for h in table.headers])
    for row in table.rows:
        sheet.append([_safe(value) for value in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a string cell is never evaluated, whatever csv_safe left in it
    sheet.freeze_panes = "A2"
    if table.rows:
        sheet.auto_filter.ref = sheet.dimensions
    for index, width in enumerate(column_widths(table), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _safe(value: Cell) -> Cell:
    return csv_safe(value) if isinstance(value, str) else value


def column_widths(table: Table) -> list[float]:
    """Excel column widths that fit the header and every value, within [MIN_WIDTH, MAX_WIDTH]."""
    widths = []
    for index, header in enumerate(table.headers):
        longest = max([display_width(header)] + [_cell_width(row[index]) for row in table.rows])
        widths.append(float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))))
    return widths


def _cell_width(value: Cell) -> int:
    """Width of a cell's text in Latin character cells (`display_width`)."""
    return display_width("" if value is None else str(value))
