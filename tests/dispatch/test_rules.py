"""Which station-to-order pairs the fleet can serve at all, and every reason code has words."""

from __future__ import annotations

import dataclasses

from dispatch import reasons
from dispatch.places import Places
from dispatch.presentation import reason_label
from dispatch.rules import too_long_pairs, unreachable_pairs
from dispatch.settings import PlanSettings


def _places(scenario, settings):
    return Places(scenario, road_factor=settings.road_factor, speeds=settings.speeds())


def test_every_pair_of_the_tiny_day_is_reachable(tiny_scenario):
    settings = PlanSettings()
    assert unreachable_pairs(tiny_scenario, tiny_scenario.orders, _places(tiny_scenario, settings), settings) == set()


def test_a_shift_starting_before_any_bus_can_arrive_is_unreachable_from_every_station(tiny_scenario):
    settings = PlanSettings()
    dawn = dataclasses.replace(tiny_scenario.orders[0], shift_start=5 * 60 + 10)  # buses leave at 05:00
    pairs = unreachable_pairs(tiny_scenario, (dawn,), _places(tiny_scenario, settings), settings)
    assert pairs == {("S01", "O01"), ("S02", "O01")}


def test_a_bus_back_too_late_for_the_evening_makes_the_pair_unreachable(tiny_scenario):
    settings = PlanSettings()
    late = dataclasses.replace(tiny_scenario.orders[0], shift_end=20 * 60 + 55)  # buses stop at 21:00
    pairs = unreachable_pairs(tiny_scenario, (late,), _places(tiny_scenario, settings), settings)
    assert pairs == {("S01", "O01"), ("S02", "O01")}
    one_way = dataclasses.replace(late, return_trip=False)
    assert unreachable_pairs(tiny_scenario, (one_way,), _places(tiny_scenario, settings), settings) == set()


def test_pairs_whose_direct_ride_exceeds_the_cap_are_too_long(tiny_scenario):
    settings = PlanSettings(max_ride_cap_min=25)
    places = _places(tiny_scenario, settings)
    pairs = too_long_pairs(tiny_scenario, tiny_scenario.orders, places, settings)
    expected = {
        (s.station_id, o.order_id)
        for s in tiny_scenario.stations
        for o in tiny_scenario.orders
        if places.minutes(places.station(s.station_id), places.site(o.site_id)) > 25
    }
    assert pairs == expected and 0 < len(pairs) < 4


def test_every_reason_code_has_a_label_in_both_languages():
    for code in reasons.REASONS:
        zh, en = reason_label(code, "zh"), reason_label(code, "en")
        assert zh != reason_label("no-such-code", "zh"), code
        assert en and zh
