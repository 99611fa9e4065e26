"""A plan on roads carries each leg's road line: the map draws the run along it and credits OpenStreetMap."""

from __future__ import annotations

import dataclasses
import json
import re

import folium

from dispatch.plan import DayPlan
from maps import build_map, render_map_html
from maps.layers import along


def _walk(element):
    yield element
    for child in element._children.values():
        yield from _walk(child)


def _on_roads(plan: DayPlan) -> DayPlan:
    """The tiny plan with every leg bent through a corner halfway, as a road would take it."""
    lines = {}
    for run in plan.runs:
        legs = []
        for a, b in zip(run.stops, run.stops[1:]):
            legs.append(((a.lat, a.lon), (a.lat, b.lon), (b.lat, b.lon)) if (a.lat, a.lon) != (b.lat, b.lon)
                        else ((a.lat, a.lon), (b.lat, b.lon)))
        lines[(run.trip, run.vehicle_id)] = tuple(legs)
    return dataclasses.replace(plan, lines=lines)


def _route_lines(plan: DayPlan) -> list[folium.PolyLine]:
    return [e for e in _walk(build_map(plan)) if isinstance(e, folium.PolyLine)
            and "route-line" in e.options.get("className", "")]


def test_a_run_on_roads_is_drawn_along_its_legs(tiny_plan: DayPlan) -> None:
    straight = _route_lines(tiny_plan)
    bent = _route_lines(_on_roads(tiny_plan))
    assert [len(line.locations) for line in straight] == [len(r.stops) for r in tiny_plan.runs]
    for line, run in zip(bent, tiny_plan.runs):
        corners = sum((a.lat, a.lon) != (b.lat, b.lon) for a, b in zip(run.stops, run.stops[1:]))
        assert len(line.locations) == len(run.stops) + corners


def test_an_arrow_sits_on_the_road_not_on_the_chord() -> None:
    leg = [(19.0, 109.0), (19.0, 109.1), (19.1, 109.1)]  # east, then north: as long each way
    point, start, end = along(leg, 0.25)
    assert point == (19.0, 109.05) and (start, end) == (leg[0], leg[1])
    point, start, end = along(leg, 0.75)
    assert point[1] == 109.1 and abs(point[0] - 19.05) < 1e-9 and (start, end) == (leg[1], leg[2])


def _credits(page: str) -> list[str]:
    return [json.loads(text) for text in re.findall(r'"attribution": ("(?:[^"\\]|\\.)*")', page)]


def test_road_lines_credit_openstreetmap_under_every_base_layer(tiny_plan: DayPlan) -> None:
    on_roads = _credits(render_map_html(_on_roads(tiny_plan), tiles="gaode"))
    assert len(on_roads) == 2
    assert all("OpenStreetMap</a> contributors" in credit for credit in on_roads)
    assert any("路线道路数据" in credit and "高德" in credit for credit in on_roads)
    assert not any("OpenStreetMap" in c for c in _credits(render_map_html(tiny_plan, tiles="gaode")) if "高德" in c)
