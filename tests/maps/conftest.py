"""Fixtures for the route map tests."""

from __future__ import annotations

import pytest

from dispatch.plan import DayPlan
from tests.support.hostile import with_hostile_names


@pytest.fixture
def hostile_plan(tiny_plan: DayPlan) -> DayPlan:
    """The tiny plan with names, plates and a station name that are HTML/JS injection attempts."""
    return with_hostile_names(tiny_plan)
