"""Names that try to inject HTML or script into the map, and the tiny plan dressed up with them."""

from __future__ import annotations

import dataclasses

from dispatch.plan import DayPlan

HOSTILE_NAME = "<script>alert('name')</script>"
HOSTILE_PLATE = '"><img src=x onerror=alert(1)>'
HOSTILE_STATION = "</script><b>驿站</b>"


def with_hostile_names(plan: DayPlan) -> DayPlan:
    """The plan with two applicants, every plate and one station renamed to an injection attempt."""
    scenario = plan.scenario
    applications = tuple(
        dataclasses.replace(a, name=HOSTILE_NAME) if a.application_id in ("A001", "A006") else a
        for a in scenario.applications
    )
    stations = tuple(
        dataclasses.replace(s, name=HOSTILE_STATION) if s.station_id == "S02" else s for s in scenario.stations
    )
    runs = tuple(dataclasses.replace(r, plate=HOSTILE_PLATE) for r in plan.runs)
    hostile = dataclasses.replace(scenario, applications=applications, stations=stations)
    return dataclasses.replace(plan, scenario=hostile, runs=runs)
