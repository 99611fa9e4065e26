"""Drivers' hours: at least 20 minutes of rest after 4 hours of continuous driving (DOMAIN.md).

The routing model does not plan breaks yet, so each run is checked after routing and every run
that breaks the rule is named in the plan's warnings, for the dispatcher to settle by hand.
"""

from __future__ import annotations

from data.records import format_hhmm
from dispatch.plan import BusRun

MAX_DRIVING_MIN = 4 * 60
MIN_REST_MIN = 20


def rest_warnings(runs: tuple[BusRun, ...]) -> tuple[str, ...]:
    """One sentence per run whose driver would drive over 4 hours without a 20-minute stop."""
    return tuple(w for run in runs if (w := _check(run)))


def _check(run: BusRun) -> str | None:
    driving = 0
    for here, there in zip(run.stops, run.stops[1:]):
        if here.departure - here.arrival >= MIN_REST_MIN:
            driving = 0
        driving += there.arrival - here.departure
        if driving > MAX_DRIVING_MIN:
            return (
                f"{run.trip} run of bus {run.vehicle_id} ({run.plate}): the driver drives {driving // 60} h "
                f"{driving % 60:02d} min without a {MIN_REST_MIN}-minute rest by {format_hhmm(there.arrival)} "
                f"at {there.place_id}; plan a rest stop"
            )
    return None
