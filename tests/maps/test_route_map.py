"""The rendered route map: layers, popups, privacy, escaping, legend, offline assets, determinism."""

from __future__ import annotations

import dataclasses
import re

import folium
import pytest

from maps import build_map, render_map_html
from maps.assets import leaflet_css, leaflet_js
from maps.elements import BoundPopup, BoundTooltip
from maps.layers import badge_spread
from maps.popups import legend_html
from maps.views import map_data
from tests.support.hostile import HOSTILE_NAME, HOSTILE_PLATE, HOSTILE_STATION


def _walk(element):
    yield element
    for child in element._children.values():
        yield from _walk(child)


def _html(icon: folium.DivIcon) -> str:
    """The icon's HTML (folium types its options as any JSON value)."""
    html = icon.options["html"]
    assert isinstance(html, str), html
    return html


def _badge_number(badge: folium.DivIcon) -> str:
    match = re.search(r">(\w+)</div>", _html(badge))
    assert match is not None, _html(badge)
    return match.group(1)


def _page(html: str) -> str:
    """The page without Leaflet's own code and stylesheet: what the map itself put there."""
    return html.replace(leaflet_js(), "").replace(leaflet_css(), "")


def _overlay_groups(m: folium.Map) -> list[folium.FeatureGroup]:
    return [c for c in m._children.values() if isinstance(c, folium.FeatureGroup)]


def test_one_layer_per_bus_run_then_depots_stations_sites_and_unplaced(tiny_plan):
    names = [g.layer_name for g in _overlay_groups(build_map(tiny_plan))]
    assert names == [
        "V01 琼D·12345 · 去程（早班）",
        "V02 琼D·67890 · 去程（早班）",
        "V01 琼D·12345 · 返程（晚班）",
        "车场",
        "就业驿站",
        "用工地",
        "未安排人员（按驿站）",
        "区县界线",
    ]


def test_each_run_layer_has_its_line_arrows_and_numbered_stops(tiny_plan):
    v01_morning = _overlay_groups(build_map(tiny_plan))[0]
    lines = [e for e in _walk(v01_morning) if isinstance(e, folium.PolyLine)]
    icons = [e for e in _walk(v01_morning) if isinstance(e, folium.DivIcon)]
    badges = [i for i in icons if "stop-badge" in _html(i)]
    arrows = [i for i in icons if "route-arrow" in _html(i)]
    assert len(lines) == 1 and len(lines[0].locations) == 4
    assert lines[0].options["className"] == "route-line run-0"
    assert [_badge_number(b) for b in badges] == ["1", "2", "3"]
    assert len(arrows) == 2, "the depot and the first station share a place: that leg has no arrow"


def test_each_depot_is_drawn_once_with_the_runs_leaving_it(tiny_plan):
    depots = _overlay_groups(build_map(tiny_plan))[3]
    (popup,) = [e.html for e in _walk(depots) if isinstance(e, BoundPopup)]
    assert re.findall(r"<th>(.*?)</th><td>(.*?)</td>", popup) == [
        ("V01 琼D·12345 · 去程（早班）", "05:30"),
        ("V02 琼D·67890 · 去程（早班）", "07:20"),
        ("V01 琼D·12345 · 返程（晚班）", "16:30"),
    ]


def test_popups_say_who_boards_and_alights_by_name(tiny_plan):
    m = build_map(tiny_plan)
    popups = [e.html for e in _walk(m) if isinstance(e, BoundPopup)]
    wulie = next(p for p in popups if "2. 乌烈镇就业驿站" in p and "上车 (2)" in p)
    assert "符秀英、王丽梅" in wulie and "06:00" in wulie and "06:05" in wulie and "3/19" in wulie
    site = next(p for p in popups if "3. 昌江芒果合作社 叉河芒果园" in p)
    assert "下车 (3)" in site and "符秀英、王丽梅、陈亚妹" in site
    unplaced = next(p for p in popups if "未安排 1 人" in p)
    assert "黎明" in unplaced and "电焊" in unplaced


def test_the_page_carries_no_id_number_phone_or_application_id(tiny_plan):
    page = _page(render_map_html(tiny_plan))
    assert "符秀英" in page
    assert not re.search(r"\d{17}[\dXx]", page), "an ID number"
    assert not re.search(r"(?<!\d)1\d{10}(?!\d)", page), "a mobile phone number"
    assert not re.search(r"\bA00\d\b", page), "an application id"
    assert "王师傅" not in page, "the driver is not on the map"


def test_hostile_names_are_shown_as_text_never_as_markup(hostile_plan, tiny_plan):
    page = _page(render_map_html(hostile_plan))
    ordinary = _page(render_map_html(tiny_plan))
    assert page.count("<script") == ordinary.count("<script")
    assert page.count("</script") == ordinary.count("</script")
    assert "<img" not in page and "<b>" not in page
    assert "alert('name')" not in page, "the apostrophe is escaped too"
    popups = [e.html for e in _walk(build_map(hostile_plan)) if isinstance(e, BoundPopup)]
    assert any("&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt;" in p for p in popups)
    assert any("&lt;/script&gt;&lt;b&gt;驿站&lt;/b&gt;" in p for p in popups)
    tooltips = [e.html for e in _walk(build_map(hostile_plan)) if isinstance(e, BoundTooltip)]
    assert any("&lt;/script&gt;&lt;b&gt;驿站&lt;/b&gt;" in t for t in tooltips)
    assert not any("<" in t for t in tooltips)


def test_hostile_layer_names_are_escaped_for_the_layer_control(hostile_plan):
    names = [g.layer_name for g in _overlay_groups(build_map(hostile_plan))]
    assert names[0].startswith("V01 &quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
    assert HOSTILE_PLATE not in names[0] and HOSTILE_NAME not in names and HOSTILE_STATION not in names


def test_legend_lists_bus_plate_trip_seats_used_and_departure(tiny_plan):
    legend = legend_html(map_data(tiny_plan))
    rows = re.findall(r"<tr>(.*?)</tr>", legend)
    cells = [re.findall(r"<t[dh]>(?:<span[^>]*></span>)?(.*?)</t[dh]>", r) for r in rows]
    assert cells == [
        ["车辆编号", "车牌", "班次", "已用/座位", "发车时间"],
        ["V01", "琼D·12345", "去程（早班）", "3/19", "05:30"],
        ["V02", "琼D·67890", "去程（早班）", "2/45", "07:20"],
        ["V01", "琼D·12345", "返程（晚班）", "3/19", "16:30"],
    ]
    assert "已安排 5 人 · 未安排 1 人" in legend
    assert "Seats used" in legend_html(map_data(tiny_plan, "en"), "en")


def test_the_offline_page_loads_nothing_from_the_network(tiny_plan):
    html = render_map_html(tiny_plan)
    assert not re.search(r"<script[^>]*\bsrc=", html)
    assert not re.search(r"<link[^>]*\bhref=", html)
    links = re.findall(r"""(?:src|href)\s*=\s*["']?((?:https?:)?//[^"' >]*)""", _page(html))
    assert links == [], "no external resource at all (Leaflet's own credit link aside)"
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower()
    assert "L.map(" in html and "leaflet-container" in html, "Leaflet is inlined"
    assert "sourceMappingURL" not in html
    assert "images/layers.png" not in html, "the layer-control icon is a data URI"


def test_the_online_page_links_leaflet_only(tiny_plan):
    html = render_map_html(tiny_plan, offline=False)
    sources = re.findall(r"""<(?:script|link)[^>]*(?:src|href)="([^"]+)\"""", html)
    assert sorted(sources) == [
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css",
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js",
    ]
    assert leaflet_js() not in html


def test_both_base_layers_are_offered_and_tiles_picks_the_one_shown(tiny_plan):
    for tiles, shown in (("osm", "OpenStreetMap 地图"), ("gaode", "高德地图")):
        m = build_map(tiny_plan, tiles=tiles)
        layers = [c for c in m._children.values() if isinstance(c, folium.TileLayer)]
        assert [layer.layer_name for layer in layers] == ["OpenStreetMap 地图", "高德地图"]
        assert [layer.layer_name for layer in layers if layer.show] == [shown]
    gaode = [c for c in m._children.values() if isinstance(c, folium.TileLayer)][1]
    assert gaode.tiles.startswith("https://webrd0{s}.is.autonavi.com/appmaptile?")
    assert gaode.options["subdomains"] == "1234"


def test_unknown_tiles_are_refused(tiny_plan):
    with pytest.raises(ValueError, match="unknown tiles 'google'"):
        build_map(tiny_plan, tiles="google")


def test_same_plan_gives_the_same_page(tiny_plan):
    first, second = render_map_html(tiny_plan), render_map_html(tiny_plan)
    assert first == second
    assert not re.search(r"[0-9a-f]{32}", _page(first)), "no random element id is left"


def test_element_names_are_unique(tiny_plan):
    names = [e.get_name() for e in _walk(build_map(tiny_plan).get_root())]
    assert len(names) == len(set(names))


def test_a_day_without_buses_still_shows_stations_and_who_stays_home(tiny_plan):
    idle = dataclasses.replace(tiny_plan, runs=(), assignments=())
    m = build_map(idle)
    assert [g.layer_name for g in _overlay_groups(m)] == [
        "车场", "就业驿站", "用工地", "未安排人员（按驿站）", "区县界线"]
    assert "已安排 0 人" in legend_html(map_data(idle))


def test_a_day_with_everyone_placed_has_no_unplaced_layer(tiny_plan):
    everyone = dataclasses.replace(tiny_plan, unassigned=())
    assert "未安排人员（按驿站）" not in [g.layer_name for g in _overlay_groups(build_map(everyone))]
    assert "全部已安排" in legend_html(map_data(everyone))


def test_the_english_map_speaks_english(tiny_plan):
    names = [g.layer_name for g in _overlay_groups(build_map(tiny_plan, lang="en"))]
    assert names[0] == "V01 琼D·12345 · Morning (out)" and names[-2:] == ["Unplaced applicants (by station)",
                                                                          "County boundaries"]


def test_badges_sharing_a_place_are_spread_apart_and_lone_ones_stay_centred(tiny_plan):
    runs = map_data(tiny_plan).runs
    spread = badge_spread(runs)
    shilu = [(r.key, i) for r in runs for i, s in enumerate(r.stops) if s.place_id == "S01"]
    assert len(shilu) == 3, "depots have a marker of their own, not a badge per run"
    assert len({spread[b] for b in shilu}) == 3
    assert all(abs(dx) + abs(dy) >= 13 for dx, dy in (spread[b] for b in shilu))
    assert ("run-1", 2) not in spread, "W02 has one badge only"
