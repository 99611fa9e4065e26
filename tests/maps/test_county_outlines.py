"""County outlines on the route map: which counties, named, under the runs, moved on Gaode, outside the fit."""

from __future__ import annotations

import dataclasses
import re
from typing import cast

import folium

from data.counties import county_at
from maps import build_map, render_map_html
from maps.counties import PANE, county_outlines_layer
from maps.datum import DatumSwitch, in_datum
from maps.elements import BoundTooltip


def _walk(element):
    yield element
    for child in element._children.values():
        yield from _walk(child)


def _outlines(m: folium.Map) -> list[folium.PolyLine]:
    return [e for e in _walk(m) if isinstance(e, folium.PolyLine) and e.options.get("className") == "county-outline"]


def _names(lines: list[folium.PolyLine]) -> set[str]:
    return {t.html for line in lines for t in line._children.values() if isinstance(t, BoundTooltip)}


def test_the_counties_of_the_days_places_are_outlined_and_named(tiny_plan):
    lines = _outlines(build_map(tiny_plan))
    # the tiny day's places lie in Changjiang, but for the packing shed W02, drawn across the line in Baisha
    assert _names(lines) == {"昌江黎族自治县", "白沙黎族自治县"}
    assert all(line.options["pane"] == PANE for line in lines)


def test_the_page_creates_the_pane_below_the_overlay_pane(tiny_plan):
    page = render_map_html(tiny_plan)
    z_index = re.search(rf'createPane\(\s*"{PANE}"\);\s*\S+\.style\.zIndex = (\d+);', page)
    assert z_index is not None and int(z_index.group(1)) < 400  # Leaflet's overlay pane, where runs are drawn


def test_on_gaode_the_outlines_move_with_everything_else(tiny_plan):
    osm, gaode = _outlines(build_map(tiny_plan, tiles="osm")), _outlines(build_map(tiny_plan, tiles="gaode"))
    lat, lon = cast(list[float], osm[0].locations[0])
    assert gaode[0].locations[0] == in_datum(lat, lon, "gcj02")
    m = build_map(tiny_plan)
    switch = next(e for e in _walk(m) if isinstance(e, DatumSwitch))
    moved = {id(element) for element, _, _ in switch.overlays}
    assert all(id(line) in moved for line in _outlines(m))


def test_the_view_frames_the_day_not_the_whole_counties(tiny_plan):
    fit = next(e for e in _walk(build_map(tiny_plan)) if isinstance(e, folium.FitBounds))
    lats = [s.lat for s in (*tiny_plan.scenario.stations, *tiny_plan.scenario.sites)]
    assert [corner[0] for corner in fit.bounds] == [round(min(lats), 6), round(max(lats), 6)]


def test_a_day_off_the_island_has_no_outlines(tiny_plan):
    scenario = tiny_plan.scenario
    far = dataclasses.replace(scenario, stations=tuple(dataclasses.replace(s, lat=21.27, lon=110.36)
                                                       for s in scenario.stations), sites=())
    assert county_at(lat=21.27, lon=110.36) == ""
    assert county_outlines_layer([(21.27, 110.36)]) is None
    assert _outlines(build_map(dataclasses.replace(tiny_plan, scenario=far, runs=()))) == []
