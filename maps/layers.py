"""Folium layers built from plain views: one per bus run, plus stations, sites and the unplaced.

Everything is drawn with plain Leaflet (polylines, circle markers, div icons), so the page needs no
icon fonts or images and the overlays show even when no tile loads. Positions are WGS-84 here;
`maps.datum` moves them onto GCJ-02 tiles.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from html import escape
from itertools import pairwise

import folium

from dispatch.presentation import Lang
from maps.elements import BoundPopup, BoundTooltip
from maps.popups import depot_popup, place_popup, run_label, stop_label, stop_popup, unplaced_popup
from maps.views import DepotView, PlaceView, RunView, UnplacedAtStation
from maps.words import word

BadgeOffsets = dict[tuple[str, int], tuple[int, int]]
"""Pixel offsets of stop badges, keyed by (run key, stop index)."""

BADGE_PX = 22
SPREAD_PX = 13
"""Badges that share a place are spread on a ring at least this wide, so each stays clickable."""
DEPOT_MARK = {"zh": "场", "en": "D"}
ARROW_AT = {"morning": 0.45, "evening": 0.55}
"""Where along a leg its arrow sits: apart, so a morning and an evening arrow on one road don't overlap."""


def route_layer(run: RunView, spread: BadgeOffsets, lang: Lang = "zh") -> folium.FeatureGroup:
    """A run as a coloured line from its depot through its stops, an arrow on each leg, numbered stop badges."""
    group = folium.FeatureGroup(name=run_label(run, lang), show=True)
    stops = [(s.lat, s.lon) for s in run.stops]
    legs = [list(leg) for leg in run.legs] if run.legs else [list(pair) for pair in pairwise(stops)]
    points = [point for k, leg in enumerate(legs) for point in (leg if k == 0 else leg[1:])] or stops
    folium.PolyLine(
        points,
        color=run.colour,
        weight=4,
        opacity=0.85,
        dash_array="10 7" if run.dashed else None,
        class_name=f"route-line {run.key}",
    ).add_to(group)
    for leg in legs:
        if leg[0] != leg[-1]:
            _arrow(leg, ARROW_AT[run.trip], run.colour).add_to(group)
    for index, stop in enumerate(run.stops):
        if stop.kind == "depot":
            continue
        dx, dy = spread.get((run.key, index), (0, 0))
        marker = folium.Marker(
            (stop.lat, stop.lon),
            icon=folium.DivIcon(
                html=f'<div class="stop-badge" style="background:{run.colour}">{stop.seq}</div>',
                icon_size=(BADGE_PX, BADGE_PX),
                icon_anchor=(BADGE_PX // 2 - dx, BADGE_PX // 2 - dy),
                class_name=f"stop-icon {run.key}",
            ),
        )
        marker.add_child(BoundPopup(stop_popup(run, stop, lang)))
        marker.add_child(BoundTooltip(stop_label(run, stop, lang)))
        marker.add_to(group)
    return group


def badge_spread(runs: Iterable[RunView]) -> BadgeOffsets:
    """Offsets that spread the badges sharing a place around it; a lone badge stays centred."""
    by_place: dict[tuple[float, float], list[tuple[str, int]]] = defaultdict(list)
    for run in runs:
        for index, stop in enumerate(run.stops):
            if stop.kind != "depot":
                by_place[(round(stop.lat, 5), round(stop.lon, 5))].append((run.key, index))
    spread: BadgeOffsets = {}
    for badges in by_place.values():
        if len(badges) < 2:
            continue
        radius = max(SPREAD_PX, len(badges) * (BADGE_PX + 1) / (2 * math.pi))
        for i, badge in enumerate(badges):
            angle = 2 * math.pi * i / len(badges)
            spread[badge] = (round(radius * math.sin(angle)), round(-radius * math.cos(angle)))
    return spread


def screen_bearing(start: tuple[float, float], end: tuple[float, float]) -> float:
    """Degrees clockwise from screen-up of the leg start→end on a Web Mercator map (any zoom)."""
    def mercator_y(lat: float) -> float:
        return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))

    dx = end[1] - start[1]
    dy = mercator_y(end[0]) - mercator_y(start[0])
    return math.degrees(math.atan2(dx, dy)) % 360


def along(leg: list[tuple[float, float]], at: float) -> tuple[tuple[float, float], tuple[float, float],
                                                          tuple[float, float]]:
    """The point a fraction `at` of the way along a leg's line, and the segment it lies on."""
    lengths = [math.dist(a, b) for a, b in pairwise(leg)]
    goal = at * sum(lengths)
    for (start, end), length in zip(pairwise(leg), lengths):
        if goal <= length and length > 0:
            t = at if len(leg) == 2 else goal / length  # a straight leg: exactly where it always was
            return (start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1])), start, end
        goal -= length
    return leg[-1], leg[-2], leg[-1]


def _arrow(leg: list[tuple[float, float]], at: float, colour: str) -> folium.Marker:
    """A small triangle part-way (`at`) along the leg, pointing the way the bus drives there."""
    point, start, end = along(leg, at)
    angle = round(screen_bearing(start, end), 1)
    return folium.Marker(
        point,
        icon=folium.DivIcon(
            html=f'<div class="route-arrow" style="border-bottom-color:{colour};transform:rotate({angle}deg)"></div>',
            icon_size=(16, 16),
            icon_anchor=(8, 8),
            class_name="arrow-icon",
        ),
        interactive=False,
    )


def depots_layer(depots: Iterable[DepotView], lang: Lang = "zh") -> folium.FeatureGroup:
    """Each depot once, as a dark badge whose popup lists the runs leaving it."""
    group = folium.FeatureGroup(name=word("depots_layer", lang), show=True)
    for depot in depots:
        marker = folium.Marker(
            (depot.lat, depot.lon),
            icon=folium.DivIcon(html=f'<div class="depot-badge">{escape(DEPOT_MARK[lang])}</div>',
                                icon_size=(24, 24), icon_anchor=(12, 12), class_name="depot-icon"),
        )
        marker.add_child(BoundPopup(depot_popup(depot, lang)))
        marker.add_child(BoundTooltip(escape(word("depot", lang))))
        marker.add_to(group)
    return group


def stations_layer(stations: Iterable[PlaceView], lang: Lang = "zh") -> folium.FeatureGroup:
    """Every station as a blue ring."""
    group = folium.FeatureGroup(name=word("stations_layer", lang), show=True)
    for place in stations:
        marker = folium.CircleMarker(
            (place.lat, place.lon),
            radius=9,
            color="#1f4e79",
            weight=3,
            fill=True,
            fill_color="#ffffff",
            fill_opacity=0.9,
            class_name="station-marker",
        )
        marker.add_child(BoundPopup(place_popup(place, lang)))
        marker.add_child(BoundTooltip(escape(place.name)))
        marker.add_to(group)
    return group


def sites_layer(sites: Iterable[PlaceView], lang: Lang = "zh") -> folium.FeatureGroup:
    """Every work site with an order today as a dark green square."""
    group = folium.FeatureGroup(name=word("sites_layer", lang), show=True)
    for place in sites:
        marker = folium.Marker(
            (place.lat, place.lon),
            icon=folium.DivIcon(html='<div class="site-square"></div>', icon_size=(16, 16),
                                icon_anchor=(8, 8), class_name="site-icon"),
        )
        marker.add_child(BoundPopup(place_popup(place, lang)))
        marker.add_child(BoundTooltip(escape(f"{place.detail} {place.name}")))
        marker.add_to(group)
    return group


def unplaced_layer(groups: Iterable[UnplacedAtStation], lang: Lang = "zh") -> folium.FeatureGroup:
    """One red badge per station with the number of applicants left at home, reasons in the popup."""
    layer = folium.FeatureGroup(name=word("unplaced_layer", lang), show=True)
    for group in groups:
        marker = folium.Marker(
            (group.lat, group.lon),
            icon=folium.DivIcon(
                html=f'<div class="unplaced-badge">{len(group.people)}</div>',
                icon_size=(28, 20),
                icon_anchor=(-6, 26),
                class_name="unplaced-icon",
            ),
        )
        marker.add_child(BoundPopup(unplaced_popup(group, lang)))
        marker.add_child(BoundTooltip(escape(word("unplaced_count", lang, count=len(group.people)))))
        marker.add_to(layer)
    return layer
