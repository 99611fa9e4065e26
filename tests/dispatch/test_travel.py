"""Travel model: great-circle distances against known values, road factor and speed applied."""

from __future__ import annotations

import numpy as np
import pytest

from dispatch.travel import SpeedBands, TravelModel, great_circle_km


def test_great_circle_matches_a_known_distance():
    # Haikou Meilan airport (20.0397 N, 110.4589 E) to Sanya Phoenix airport (18.3029 N, 109.4122 E): ~222 km.
    km = great_circle_km(np.array([20.0397, 18.3029]), np.array([110.4589, 109.4122]))
    assert km[0, 1] == pytest.approx(222.0, abs=2.0)
    assert km[1, 0] == km[0, 1]
    assert km[0, 0] == 0.0


def test_one_degree_of_latitude_is_about_111_km():
    km = great_circle_km(np.array([19.0, 20.0]), np.array([109.0, 109.0]))
    assert km[0, 1] == pytest.approx(111.19, abs=0.05)


def test_road_factor_and_a_flat_speed_scale_distance_and_time():
    model = TravelModel([19.0, 20.0], [109.0, 109.0], road_factor=1.5, speeds=SpeedBands.flat(50))
    assert model.road_km[0, 1] == pytest.approx(111.19 * 1.5, abs=0.1)
    assert model.minutes[0, 1] == pytest.approx(model.road_km[0, 1] / 50 * 60)
    assert model.metres[0, 1] == round(model.road_km[0, 1] * 1000)
    assert model.seconds.dtype == np.int64


SHILU, HAIKOU, SANYA_BAOGANG, BASUO = (19.279, 109.052), (20.031, 110.330), (18.253, 109.512), (19.095, 108.652)


def test_the_default_speed_bands_give_the_published_times_from_shilu():
    """Shilu to Haikou by the western expressway about 2.5-3 h; to Basuo about an hour (docs/settings.md)."""
    points = [SHILU, HAIKOU, BASUO]
    model = TravelModel([p[0] for p in points], [p[1] for p in points], road_factor=1.3, speeds=SpeedBands())
    assert 150 <= model.minutes[0, 1] <= 180
    assert 50 <= model.minutes[0, 2] <= 70
    flat = TravelModel([p[0] for p in points], [p[1] for p in points], road_factor=1.3, speeds=SpeedBands.flat(55))
    assert flat.minutes[0, 1] > 215  # the old flat 55 km/h: 3 h 44 min, slower than the expressway


def test_no_detour_is_faster_than_the_direct_leg():
    points = [SHILU, HAIKOU, SANYA_BAOGANG, BASUO, (19.30, 109.06), (19.5, 109.6)]
    model = TravelModel([p[0] for p in points], [p[1] for p in points], road_factor=1.3, speeds=SpeedBands())
    minutes = model.minutes
    via = minutes[:, :, None] + minutes[None, :, :]  # i -> j -> k
    assert (minutes[:, None, :] <= via + 1e-9).all()
