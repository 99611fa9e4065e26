"""Fixtures for the route map: a plan whose names try to inject HTML, and a headless browser if any."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from dispatch.plan import DayPlan

HOSTILE_NAME = "<script>alert('name')</script>"
HOSTILE_PLATE = '"><img src=x onerror=alert(1)>'
HOSTILE_STATION = "</script><b>驿站</b>"


@pytest.fixture
def hostile_plan(tiny_plan: DayPlan) -> DayPlan:
    """The tiny plan with an applicant, a plate and a station whose names are HTML/JS injections."""
    scenario = tiny_plan.scenario
    applications = tuple(
        dataclasses.replace(a, name=HOSTILE_NAME) if a.application_id in ("A001", "A006") else a
        for a in scenario.applications
    )
    stations = tuple(
        dataclasses.replace(s, name=HOSTILE_STATION) if s.station_id == "S02" else s for s in scenario.stations
    )
    runs = tuple(dataclasses.replace(r, plate=HOSTILE_PLATE) for r in tiny_plan.runs)
    hostile = dataclasses.replace(scenario, applications=applications, stations=stations)
    return dataclasses.replace(tiny_plan, scenario=hostile, runs=runs)


def find_chromium() -> str | None:
    """The system Chromium (Debian's `chromium` package in CI), if installed."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
