"""A published plan.json read back: the DayPlan it describes, and what its inputs looked like.

Late changes start from the plan the dispatcher already sent out, so that plan must come back
exactly as written: rebuilding it and exporting it again gives the same document. The `inputs`
fingerprint (one short digest per order, bus and application, plus the settings) lets the next run
see which records changed without keeping any personal data in the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from data.records import Scenario
from data.validation import InputError, Problem, ValidationReport
from dispatch.plan import Assignment, BusRun, DayPlan, DriverRest, PlanStop
from dispatch.reasons import Unplaced


def previous_input_error(source: str, message: str) -> InputError:
    """A one-problem input error about the previous plan file (the CLI turns it into exit 2)."""
    return InputError(ValidationReport((Problem(source, None, None, message, "bad_previous_plan"),)))


def read_previous_plan(path: Path) -> dict[str, Any]:
    """The plan.json document at `path`; a missing, unreadable or non-JSON file is an InputError naming it."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise previous_input_error(str(path), f"cannot be read as a plan.json ({type(error).__name__})") from None
    if not isinstance(document, dict):
        raise previous_input_error(str(path), "is not a plan.json: the file holds no JSON object")
    return document


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _stop(stop: dict[str, Any]) -> PlanStop:
    return PlanStop(
        kind=stop["kind"],
        place_id=stop["place_id"],
        lat=stop["lat"],
        lon=stop["lon"],
        arrival=_minutes(stop["arrival"]),
        departure=_minutes(stop["departure"]),
        board=tuple(stop["board"]),
        alight=tuple(stop["alight"]),
        load=stop["load"],
    )


def _run(route: dict[str, Any]) -> BusRun:
    return BusRun(
        vehicle_id=route["vehicle_id"],
        plate=route.get("plate", ""),
        driver=route.get("driver", ""),
        seats=route["seats"],
        trip=route["trip"],
        distance_km=route["distance_km"],
        duration_min=route["duration_min"],
        stops=tuple(_stop(s) for s in route["stops"]),
        rests=tuple(
            DriverRest(r["before_stop"], _minutes(r["start"]), r["minutes"], r["on_road"]) for r in route.get("rests", [])
        ),
    )


def plan_from_dict(document: dict[str, Any], scenario: Scenario, source: str = "plan.json") -> DayPlan:
    """The DayPlan a plan.json describes, over today's scenario; raises InputError if it is not one."""
    try:
        return DayPlan(
            date=dt.date.fromisoformat(document["date"]),
            scenario=scenario,
            runs=tuple(_run(r) for r in document["routes"]),
            assignments=tuple(
                Assignment(a["application_id"], a["order_id"], a["site_id"], a["station_id"], a["vehicle_id"],
                           a.get("evening_vehicle_id"))
                for a in document["assignments"]
            ),
            unassigned=tuple(Unplaced(u["application_id"], u["reason"], u["detail"]) for u in document["unassigned"]),
            settings=dict(document.get("settings", {})),
            warnings=tuple(document.get("warnings", [])),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        problem = f"is not a plan written by shuttle ({type(error).__name__}: {error})"
        raise previous_input_error(source, problem) from None


def _digest(*parts: Any) -> str:
    """Twelve letters (no digits, so no digest ever looks like a phone or ID number to a privacy check)."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    raw = hashlib.sha256(text.encode("utf-8")).digest()
    return "".join(chr(ord("a") + b % 26) for b in raw[:12])


def inputs_fingerprint(plan: DayPlan) -> dict[str, Any]:
    """What the plan was made from, as digests: per order, bus, place and available application, and the settings.

    Only fields that change a plan are digested (no names, ID numbers or phones), so the digests
    carry no personal data and a renamed applicant is no change. Order sizes are kept apart from
    the order digests: a larger order keeps its published seats, a smaller one may not.
    """
    day, scenario = plan.date, plan.scenario
    return {
        "settings": _digest(sorted(plan.settings.items())),
        "orders": {
            o.order_id: _digest(o.site_id, o.skill, o.shift_start, o.shift_end, o.return_trip)
            for o in scenario.orders if o.date == day
        },
        "order_workers": {o.order_id: o.workers for o in scenario.orders if o.date == day},
        "fleet": {
            v.vehicle_id: _digest(v.seats, v.depot_lat, v.depot_lon, v.available_from, v.available_to,
                                  v.plate, v.driver)
            for v in scenario.fleet
        },
        "stations": {s.station_id: _digest(s.lat, s.lon) for s in scenario.stations},
        "sites": {s.site_id: _digest(s.lat, s.lon) for s in scenario.sites},
        "applications": {
            a.application_id: _digest(a.station_id, sorted(a.skills), a.team, a.leader, a.priority)
            for a in scenario.applications if a.available_on(day)
        },
    }
