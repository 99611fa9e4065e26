"""Travel model: great-circle distances against known values, road factor and speed applied."""

from __future__ import annotations

import numpy as np
import pytest

from dispatch.travel import TravelModel, great_circle_km


def test_great_circle_matches_a_known_distance():
    # Haikou Meilan airport (20.0397 N, 110.4589 E) to Sanya Phoenix airport (18.3029 N, 109.4122 E): ~222 km.
    km = great_circle_km(np.array([20.0397, 18.3029]), np.array([110.4589, 109.4122]))
    assert km[0, 1] == pytest.approx(222.0, abs=2.0)
    assert km[1, 0] == km[0, 1]
    assert km[0, 0] == 0.0


def test_one_degree_of_latitude_is_about_111_km():
    km = great_circle_km(np.array([19.0, 20.0]), np.array([109.0, 109.0]))
    assert km[0, 1] == pytest.approx(111.19, abs=0.05)


def test_road_factor_and_speed_scale_distance_and_time():
    model = TravelModel([19.0, 20.0], [109.0, 109.0], road_factor=1.5, speed_kmh=50)
    assert model.road_km[0, 1] == pytest.approx(111.19 * 1.5, abs=0.1)
    assert model.minutes[0, 1] == pytest.approx(model.road_km[0, 1] / 50 * 60)
    assert model.metres[0, 1] == round(model.road_km[0, 1] * 1000)
    assert model.seconds.dtype == np.int64
