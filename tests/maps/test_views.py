"""The plain data the map is drawn from: order, numbering, names, colours and the unplaced."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from maps.views import PALETTE, bus_colour, map_data


def test_runs_are_listed_morning_first_then_by_vehicle(tiny_plan):
    runs = map_data(tiny_plan).runs
    assert [(r.vehicle_id, r.trip) for r in runs] == [("V01", "morning"), ("V02", "morning"), ("V01", "evening")]
    assert [r.key for r in runs] == ["run-0", "run-1", "run-2"]


def test_a_bus_keeps_its_colour_and_its_evening_line_is_dashed(tiny_plan):
    v01_morning, v02_morning, v01_evening = map_data(tiny_plan).runs
    assert v01_morning.colour == v01_evening.colour != v02_morning.colour
    assert {v01_morning.colour, v02_morning.colour} <= set(PALETTE)
    assert (v01_morning.dashed, v01_evening.dashed) == (False, True)


def test_stops_are_numbered_from_one_after_the_depot(tiny_plan):
    stops = map_data(tiny_plan).runs[0].stops
    assert [s.seq for s in stops] == [0, 1, 2, 3]
    assert [s.name for s in stops] == [
        "车场", "石碌镇就业驿站", "乌烈镇就业驿站", "昌江芒果合作社 叉河芒果园",
    ]


def test_riders_are_named_not_numbered(tiny_plan):
    stops = map_data(tiny_plan).runs[0].stops
    assert stops[2].boards == ("符秀英", "王丽梅")
    assert stops[3].alights == ("符秀英", "王丽梅", "陈亚妹")


def test_seats_used_is_the_peak_load(tiny_plan):
    runs = map_data(tiny_plan).runs
    assert [(r.peak_load, r.seats, r.passengers) for r in runs] == [(3, 19, 3), (2, 45, 2), (3, 19, 3)]


def test_unplaced_are_grouped_under_their_station(tiny_plan):
    (group,) = map_data(tiny_plan).unplaced
    assert group.station_name == "乌烈镇就业驿站"
    assert (group.lat, group.lon) == (19.3540, 108.8560)
    assert [(p.name, p.reason) for p in group.people] == [("黎明", "no_matching_order")]


def test_depots_list_the_runs_leaving_them_in_departure_order(tiny_plan):
    (depot,) = map_data(tiny_plan).depots
    assert (depot.lat, depot.lon) == (19.2790, 109.0520)
    assert [(r.vehicle_id, r.trip) for r in depot.departures] == [
        ("V01", "morning"), ("V02", "morning"), ("V01", "evening"),
    ]


def test_only_sites_with_an_order_today_are_shown(tiny_plan):
    assert [s.place_id for s in map_data(tiny_plan).sites] == ["W01", "W02"]
    assert [s.place_id for s in map_data(tiny_plan).stations] == ["S01", "S02"]


def test_a_large_fleet_gets_distinct_colours():
    colours = [bus_colour(i) for i in range(150)]
    assert colours[: len(PALETTE)] == list(PALETTE)
    assert len(set(colours)) == 150


def _is_dark_hex(colour: str) -> bool:
    """A #rrggbb colour on which white stop numbers stay readable."""
    if not re.fullmatch(r"#[0-9a-f]{6}", colour):
        return False
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue < 160


def test_the_palette_is_dark_enough_for_white_numbers():
    assert all(_is_dark_hex(c) for c in PALETTE)


@given(st.integers(len(PALETTE), 10_000))
def test_every_colour_past_the_palette_is_dark_enough_too(index):
    assert _is_dark_hex(bus_colour(index))
