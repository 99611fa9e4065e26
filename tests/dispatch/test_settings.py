"""Planning settings: defaults documented, file values checked, flags win."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from dispatch.settings import PlanSettings

DOC = Path(__file__).resolve().parents[2] / "docs" / "settings.md"


def test_every_setting_is_documented():
    doc = DOC.read_text(encoding="utf-8")
    missing = [f.name for f in dataclasses.fields(PlanSettings) if f"| `{f.name}` |" not in doc]
    assert missing == []


def test_unknown_key_in_the_file_is_named():
    with pytest.raises(KeyError, match="speed_kmph"):
        PlanSettings.from_mapping({"speed_kmph": 50})


def test_flags_override_the_file_and_none_means_not_given():
    settings = PlanSettings.from_mapping({"seed": 3, "speed_kmh": 50}).with_overrides(seed=9, time_limit_s=None)
    assert (settings.seed, settings.speed_kmh, settings.time_limit_s) == (9, 50, None)


def test_ride_limit_is_relative_then_capped_but_never_below_the_direct_trip():
    s = PlanSettings(max_ride_factor=1.5, max_ride_extra_min=20, max_ride_cap_min=120)
    assert s.max_ride_seconds(40 * 60) == (60 + 20) * 60
    assert s.max_ride_seconds(100 * 60) == 120 * 60
    assert s.max_ride_seconds(150 * 60) == 150 * 60


def test_every_input_column_is_documented():
    from data.schema import TABLES

    doc = (DOC.parent / "input-format.md").read_text(encoding="utf-8")
    missing = [f"{t.name}.{c.name}" for t in TABLES for c in t.columns
               if f"| `{c.name}` | {c.chinese}" not in doc]
    assert missing == []
