"""HTML fragments for popups, tooltips, layer names and the legend.

Every value that comes from the dispatcher's tables (names, plates, ids) passes through
`html.escape` here, because Leaflet inserts popup, tooltip and layer-control text as HTML.
"""

from __future__ import annotations

from html import escape
from itertools import groupby

from data.records import format_hhmm
from dispatch.presentation import Lang, reason_label
from maps.views import DepotView, MapData, PlaceView, RunView, StopView, UnplacedAtStation
from maps.words import word


def run_label(run: RunView, lang: Lang = "zh") -> str:
    """The run's name in the layer control and the legend (escaped)."""
    return escape(f"{run.vehicle_id} {run.plate} · {word(run.trip, lang)}")


def stop_label(run: RunView, stop: StopView, lang: Lang = "zh") -> str:
    """A short tooltip: bus, stop number and place (escaped)."""
    return escape(f"{run.vehicle_id} · {stop.seq}. {stop.name}")


def stop_popup(run: RunView, stop: StopView, lang: Lang = "zh") -> str:
    """Stop name, times, who boards and alights (names only) and the load when the bus leaves."""
    title = f"{stop.seq}. {stop.name}"
    rows = [
        (word("arrival", lang), format_hhmm(stop.arrival)),
        (word("leave", lang), format_hhmm(stop.departure)),
    ]
    if stop.boards:
        rows.append((f"{word('boarding', lang)} ({len(stop.boards)})", "、".join(stop.boards)))
    if stop.alights:
        rows.append((f"{word('alighting', lang)} ({len(stop.alights)})", "、".join(stop.alights)))
    rows.append((word("aboard", lang), f"{stop.load}/{run.seats}"))
    return _card(title, run_label(run, lang), rows)


def depot_popup(depot: DepotView, lang: Lang = "zh") -> str:
    """The runs that leave a depot, with their departure times."""
    rows = [(f"{r.vehicle_id} {r.plate} · {word(r.trip, lang)}", format_hhmm(r.departure)) for r in depot.departures]
    return _card(word("depot", lang), escape(word("departure", lang)), rows)


def place_popup(place: PlaceView, lang: Lang = "zh") -> str:
    """A station (name, town) or a site (name, employer)."""
    if place.kind == "station":
        return _card(place.name, escape(word("station", lang)), [(word("town", lang), place.detail)])
    return _card(place.name, escape(word("site", lang)), [(word("employer", lang), place.detail)])


def unplaced_popup(group: UnplacedAtStation, lang: Lang = "zh") -> str:
    """Who at this station got no seat, grouped by reason, each with the planner's explanation."""
    rows = []
    for code, same_reason in groupby(group.people, key=lambda p: p.reason):
        people = list(same_reason)
        names = "; ".join(f"{p.name}: {p.detail}" if p.detail else p.name for p in people)
        rows.append((f"{reason_label(code, lang)} ({len(people)})", names))
    subtitle = escape(word("unplaced_count", lang, count=len(group.people)))
    return _card(group.station_name, subtitle, rows)


def legend_html(data: MapData, lang: Lang = "zh") -> str:
    """The legend: one row per run (colour, bus, plate, trip, seats used/seats, departure)."""
    head = "".join(
        f"<th>{escape(word(k, lang))}</th>"
        for k in ("vehicle", "plate", "trip", "seats_used", "departure")
    )
    rows = "".join(
        "<tr>"
        f'<td><span class="legend-swatch{" dashed" if run.dashed else ""}" '
        f'style="border-color:{run.colour}"></span>{escape(run.vehicle_id)}</td>'
        f"<td>{escape(run.plate)}</td>"
        f"<td>{escape(word(run.trip, lang))}</td>"
        f"<td>{run.peak_load}/{run.seats}</td>"
        f"<td>{format_hhmm(run.departure)}</td>"
        "</tr>"
        for run in data.runs
    )
    unplaced = sum(len(g.people) for g in data.unplaced)
    counts = [word("placed", lang, count=data.placed)]
    counts.append(word("unplaced_count", lang, count=unplaced) if unplaced else word("nobody_unplaced", lang))
    return (
        f'<div class="legend-title">{escape(word("map_title", lang, date=data.title_date))}</div>'
        f'<div class="legend-counts">{escape(" · ".join(counts))}</div>'
        f'<table class="legend-table"><tr>{head}</tr>{rows}</table>'
    )


def _card(title: str, subtitle_html: str, rows: list[tuple[str, str]]) -> str:
    """A popup body: an escaped title, a pre-escaped subtitle, and escaped label/value rows."""
    body = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    return (
        f'<div class="shuttle-popup"><div class="popup-title">{escape(title)}</div>'
        f'<div class="popup-subtitle">{subtitle_html}</div><table>{body}</table></div>'
    )
