"""GCJ-02 awareness: overlays sit on Gaode tiles shifted by the data room's transform, and move back on OSM."""

from __future__ import annotations

import math

import folium
from hypothesis import assume, given
from hypothesis import strategies as st

from data.coords import wgs84_to_gcj02
from maps import build_map, render_map_html
from maps.datum import DatumSwitch, in_datum
from maps.layers import screen_bearing


def _walk(element):
    yield element
    for child in element._children.values():
        yield from _walk(child)


def _metres(a, b) -> float:
    lat1, lat2 = math.radians(a[0]), math.radians(b[0])
    d_lon = math.radians(b[1] - a[1])
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(d_lon / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(h))


def _station_markers(m: folium.Map) -> list[folium.CircleMarker]:
    circles = [e for e in _walk(m) if isinstance(e, folium.CircleMarker)]
    return [c for c in circles if c.options.get("className") == "station-marker"]


def test_on_gaode_every_station_is_drawn_at_its_gcj02_position(tiny_plan):
    for marker, station in zip(_station_markers(build_map(tiny_plan, tiles="gaode")), tiny_plan.scenario.stations):
        expected = wgs84_to_gcj02(lat=station.lat, lon=station.lon)
        location = marker.location
        assert location is not None
        assert location[0] == round(expected.lat, 6) and location[1] == round(expected.lon, 6)


def test_on_osm_every_station_is_drawn_at_its_wgs84_position(tiny_plan):
    markers = _station_markers(build_map(tiny_plan, tiles="osm"))
    assert [m.location for m in markers] == [[s.lat, s.lon] for s in tiny_plan.scenario.stations]


def test_on_gaode_route_lines_pass_through_the_shifted_stops(tiny_plan):
    line = next(e for e in _walk(build_map(tiny_plan, tiles="gaode")) if isinstance(e, folium.PolyLine))
    stops = tiny_plan.runs[0].stops
    assert line.locations == [in_datum(s.lat, s.lon, "gcj02") for s in stops]
    assert in_datum(19.2790, 109.0520, "gcj02") == [19.277408, 109.056104], "Shilu: about 450 m to the south-east"


def test_the_switch_knows_both_positions_of_every_overlay(tiny_plan):
    m = build_map(tiny_plan, tiles="osm")
    switch = next(e for e in _walk(m) if isinstance(e, DatumSwitch))
    positioned = [e for e in _walk(m) if isinstance(e, (folium.Marker, folium.PolyLine))]
    assert [entry[0] for entry in switch.overlays] == positioned
    for element, wgs, gcj in switch.overlays:
        points = [wgs] if isinstance(element, folium.Marker) else wgs
        shifted = [gcj] if isinstance(element, folium.Marker) else gcj
        assert shifted == [in_datum(lat, lon, "gcj02") for lat, lon in points]
    assert [datum for _, datum in switch.bases] == ["wgs84", "gcj02"]
    assert 'map.on("baselayerchange"' in render_map_html(tiny_plan)


@given(lat=st.floats(18.883, 19.5), lon=st.floats(108.633, 109.283))
def test_the_shift_in_changjiang_is_a_few_hundred_metres(lat, lon):
    assert 400 < _metres((lat, lon), in_datum(lat, lon, "gcj02")) < 600


def test_bearings_point_the_way_of_travel():
    assert screen_bearing((19.0, 109.0), (19.1, 109.0)) == 0
    assert screen_bearing((19.0, 109.0), (19.0, 109.1)) == 90
    assert screen_bearing((19.1, 109.0), (19.0, 109.0)) == 180
    assert screen_bearing((19.0, 109.1), (19.0, 109.0)) == 270


@given(
    start=st.tuples(st.floats(18.0, 20.5), st.floats(108.0, 111.5)),
    end=st.tuples(st.floats(18.0, 20.5), st.floats(108.0, 111.5)),
)
def test_the_way_back_points_the_opposite_way(start, end):
    assume(abs(start[0] - end[0]) + abs(start[1] - end[1]) > 1e-7)
    difference = (screen_bearing(end, start) - screen_bearing(start, end)) % 360
    assert math.isclose(difference, 180, abs_tol=1e-6)
