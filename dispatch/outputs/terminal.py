"""Plain-text summaries for the terminal: the buses of the day, who stays home grouped by station,
and whose bus or time a late change moved.

Chinese characters take two terminal columns, so padding counts display width, not characters.
Names may appear here (the dispatcher's own screen); ID numbers and phones never do.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from data.records import format_hhmm
from dispatch.order_status import order_statuses
from dispatch.outputs.bus_day_lines import bus_day_lines
from dispatch.plan import BusRun, DayPlan
from dispatch.presentation import (
    Lang,
    call_count,
    calls_text,
    display_width,
    pad,
    shift_text,
    shortfalls_text,
    sorted_runs,
    translator,
)
from dispatch.replan import ChangeReport

TRIP_LABELS = {"morning": "早班 morning", "evening": "晚班 evening"}
UNKNOWN_STATION = "?"


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]], right: frozenset[int]) -> str:
    """A fixed-width table with a rule under the header; columns in `right` are right-aligned."""
    widths = [max(display_width(r[i]) for r in (header, *rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(pad(c, w, right=i in right) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def _run_row(run: BusRun) -> list[str]:
    return [
        run.vehicle_id,
        run.plate,
        TRIP_LABELS.get(run.trip, run.trip),
        str(len(run.passengers)),
        f"{run.peak_load}/{run.seats}",
        format_hhmm(run.departure) if run.stops else "",
        str(call_count(run)),
        f"{run.distance_km:.1f}",
        f"{run.duration_min:.0f}",
        str(len(run.rests)),
    ]


def summary_table(plan: DayPlan) -> str:
    """One line per bus run (morning first), a totals line, and the day's headline figures."""
    header = ["bus", "plate 车牌", "trip 班次", "boardings 上车人次", "most aboard/seats 最多在车/座位", "departs",
              "stops 停靠", "km", "min", "driver rests"]
    runs = sorted_runs(plan)
    rows = [_run_row(r) for r in runs]
    rows.append([
        "total",
        f"{len({r.vehicle_id for r in runs})} buses",
        f"{len(runs)} runs",
        str(sum(len(r.passengers) for r in runs)),
        "",
        "",
        str(sum(call_count(r) for r in runs)),
        f"{sum(r.distance_km for r in runs):.1f}",
        f"{sum(r.duration_min for r in runs):.0f}",
        str(sum(len(r.rests) for r in runs)),
    ])
    summary = plan.summary()
    headline = (
        f"{plan.date.isoformat()}: {summary['workers_assigned']} of {summary['workers_requested']} "
        f"requested workers placed, {len(plan.unassigned)} applicants unplaced"
    )
    return headline + "\n\n" + format_table(header, rows, right=frozenset({3, 4, 6, 7, 8, 9}))


def bus_days_table(plan: DayPlan) -> str:
    """One line per bus for its whole day: out and back, driving against its limit, empty km, waits."""
    header = ["bus", "runs 班次", "out 出车", "back 收车", "driving min", "limit", "km", "empty km 空驶",
              "waits 等候"]
    lines = bus_day_lines(plan)
    rows = [
        [
            line.vehicle_id,
            "+".join(TRIP_LABELS.get(t, t).split()[0] for t in line.trips),
            format_hhmm(line.duty_start),
            format_hhmm(line.duty_end),
            str(line.driving_min) + (" !" if line.rules_broken else ""),
            str(line.daily_limit_min),
            f"{line.distance_km:.1f}",
            f"{line.empty_km:.1f}",
            ", ".join(f"{w.place_id} {format_hhmm(w.start)}-{format_hhmm(w.end)}" for w in line.waits),
        ]
        for line in lines
    ]
    rows.append(["total", "", "", "", str(sum(line.driving_min for line in lines)), "",
                 f"{sum(line.distance_km for line in lines):.1f}", f"{sum(line.empty_km for line in lines):.1f}", ""])
    return "\nBus days 车辆日程\n\n" + format_table(header, rows, right=frozenset({4, 5, 6, 7})) + "\n"


def orders_table(plan: DayPlan, lang: Lang = "zh") -> str:
    """One line per order: asked for, coming, the first bus at the site, and why any are missing;
    what the dispatcher tells each employer."""
    t = translator(lang)
    header = [t("order"), t("employer"), t("skill"), t("shift"), t("requested"), t("sent"), t("arrivals"),
              t("short"), t("why_short")]
    statuses = order_statuses(plan)
    rows = [
        [s.order.order_id, f"{s.site.employer} {s.site.name}", s.order.skill, shift_text(s), str(s.requested),
         str(s.sent), calls_text(s.arrivals[:1], lang) + (" …" if len(s.arrivals) > 1 else ""), str(s.short),
         shortfalls_text(plan, s, lang) if s.short else ""]
        for s in statuses
    ]
    rows.append([t("sum"), "", "", "", str(sum(s.requested for s in statuses)),
                 str(sum(s.sent for s in statuses)), "", str(sum(s.short for s in statuses)), ""])
    return f"\n{t('orders_title')}\n\n" + format_table(header, rows, right=frozenset({4, 5, 7})) + "\n"


def unplaced_by_station(plan: DayPlan) -> str:
    """Unplaced applicants under their station (by station id), with counts per reason code."""
    if not plan.unassigned:
        return "All available applicants are placed. 全部已安排。"
    scenario = plan.scenario
    by_station: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for u in sorted(plan.unassigned, key=lambda u: u.application_id):
        app, aside = scenario.applications_by_id.get(u.application_id), scenario.set_aside_by_id.get(u.application_id)
        if app:
            station_id, name = app.station_id, app.name
        elif aside:
            station_id, name = aside.station_id or aside.cell("station_id") or UNKNOWN_STATION, aside.cell("name")
        else:
            station_id, name = UNKNOWN_STATION, UNKNOWN_STATION
        by_station[station_id].append((name or UNKNOWN_STATION, u.reason, u.detail))
    blocks = [f"Unplaced 未安排: {len(plan.unassigned)}"]
    for station_id in sorted(by_station):
        people = by_station[station_id]
        station = scenario.stations_by_id.get(station_id)
        label = f"{station.name} ({station_id})" if station else station_id
        counts = ", ".join(f"{reason} {n}" for reason, n in sorted(Counter(p[1] for p in people).items()))
        rows = [[name, reason, detail] for name, reason, detail in people]
        blocks.append(f"{label}: {len(people)} ({counts})")
        blocks.append(_indent(format_table(["name 姓名", "reason", "detail"], rows, right=frozenset())))
    return "\n".join(blocks)


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def changes_table(report: ChangeReport) -> str:
    """The passengers a late change affects, one line each, with before, after and why."""
    if not report.changes:
        return "No passenger's bus or time changed."
    rows = [("application", "name", "change", "before", "after", "reason")]
    rows += [
        (c.application_id, c.name, c.change, _bus_at(c.before_bus, c.before_time), _bus_at(c.after_bus, c.after_time),
         c.reason)
        for c in report.changes
    ]
    widths = [max(display_width(r[k]) for r in rows) for k in range(5)]
    lines = ["  ".join(pad(v, w) for v, w in zip(r[:5], widths)) + "  " + r[5] for r in rows]
    return "\n".join([f"{len(report.changes)} passenger(s) affected:", *lines])


def _bus_at(bus: str | None, minute: int | None) -> str:
    if bus is None:
        return "-"
    return f"{bus} {format_hhmm(minute)}" if minute is not None else bus
