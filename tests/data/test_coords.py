"""Coordinate systems: reference values, explicit argument names, round trips, the size of the shift."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.coords import (
    LatLon,
    bd09_to_gcj02,
    bd09_to_wgs84,
    distance_m,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)

SHILU = LatLon(19.279, 109.052)


def test_reference_values_at_tiananmen():
    # Values from an independent implementation (the coord-convert package, 0.2.1).
    gcj = wgs84_to_gcj02(lat=39.915, lon=116.404)
    assert gcj == pytest.approx(LatLon(39.91640428150164, 116.41024449916938), abs=1e-9)
    assert wgs84_to_bd09(lat=39.915, lon=116.404) == pytest.approx(LatLon(39.922699552216216, 116.41662724378733),
                                                                    abs=1e-9)
    assert bd09_to_gcj02(lat=39.915, lon=116.404) == pytest.approx(LatLon(39.90865673957631, 116.39762729119315),
                                                                    abs=2e-6)


def test_reference_value_at_shilu():
    gcj = wgs84_to_gcj02(lat=SHILU.lat, lon=SHILU.lon)
    assert gcj == pytest.approx(LatLon(19.277408192264012, 109.05610433980193), abs=1e-9)
    assert gcj.lat < SHILU.lat and gcj.lon > SHILU.lon  # the offset runs south-east here, not swapped


def test_shift_near_changjiang_is_about_half_a_kilometre():
    for point in (SHILU, LatLon(19.365, 108.80), LatLon(19.015, 109.15)):
        assert 430 <= distance_m(point, wgs84_to_gcj02(lat=point.lat, lon=point.lon)) <= 520
        assert 1000 <= distance_m(point, wgs84_to_bd09(lat=point.lat, lon=point.lon)) <= 1400


def test_points_outside_china_are_not_shifted():
    assert wgs84_to_gcj02(lat=51.5, lon=-0.12) == LatLon(51.5, -0.12)
    assert gcj02_to_wgs84(lat=51.5, lon=-0.12) == LatLon(51.5, -0.12)


def test_arguments_must_be_named():
    with pytest.raises(TypeError):
        positional: Callable[..., LatLon] = wgs84_to_gcj02  # as an untyped caller could call it
        positional(19.279, 109.052)


hainan = st.builds(LatLon, st.floats(min_value=18.1, max_value=20.2), st.floats(min_value=108.5, max_value=111.1))


@given(hainan)
def test_round_trips_are_within_a_centimetre(point):
    back = gcj02_to_wgs84(**wgs84_to_gcj02(lat=point.lat, lon=point.lon)._asdict())
    assert distance_m(point, back) < 0.01
    back = bd09_to_wgs84(**wgs84_to_bd09(lat=point.lat, lon=point.lon)._asdict())
    assert distance_m(point, back) < 0.01
    back = bd09_to_gcj02(**gcj02_to_bd09(lat=point.lat, lon=point.lon)._asdict())
    assert distance_m(point, back) < 0.01


def test_to_wgs84_by_system_name():
    gcj = wgs84_to_gcj02(lat=SHILU.lat, lon=SHILU.lon)
    assert to_wgs84("wgs84", lat=SHILU.lat, lon=SHILU.lon) == SHILU
    assert distance_m(to_wgs84("gcj02", lat=gcj.lat, lon=gcj.lon), SHILU) < 0.01
