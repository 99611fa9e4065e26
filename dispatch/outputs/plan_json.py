"""plan.json, both ways: the DayPlan written as the document of CONTRACT.md, and read back.

The contract's keys come first and keep their meaning; the extras (plate, driver, stop names,
boarding times, settings, the `inputs` fingerprint, the ledger's `history` when planning read it)
only add. Masking follows DOMAIN.md: the
driver's phone is masked and no applicant's ID number or phone is written at all.

Late changes start from the plan the dispatcher already sent out, so a plan must come back exactly
as written: reading it and writing it again gives the same document.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from data.privacy import mask_phone
from data.records import Scenario, format_hhmm
from data.validation import InputError, Problem, ValidationReport
from dispatch.buses import BusDay, bus_days
from dispatch.fingerprint import inputs_fingerprint
from dispatch.order_status import BusCall, OrderStatus, order_statuses
from dispatch.plan import Assignment, BusRun, DayPlan, DriverRest, PlanHistory, PlanStop, PublishedPlan
from dispatch.presentation import Rider, place_name, riders, shortfall_text, sorted_runs
from dispatch.reasons import Unplaced

SCHEMA_VERSION = 1
"""Raised when a key changes meaning or disappears; adding keys keeps the version."""


def _stop_to_dict(plan: DayPlan, run: BusRun, stop: PlanStop) -> dict[str, Any]:
    parking = {"parking": True} if stop.parking else {}
    return {
        "kind": stop.kind,
        "place_id": stop.place_id,
        "name": place_name(plan, run, stop),
        "lat": stop.lat,
        "lon": stop.lon,
        "arrival": format_hhmm(stop.arrival),
        "departure": format_hhmm(stop.departure),
        "board": list(stop.board),
        "alight": list(stop.alight),
        "load": stop.load,
        **parking,
    }


def _route_to_dict(plan: DayPlan, run: BusRun) -> dict[str, Any]:
    vehicle = plan.scenario.vehicles_by_id.get(run.vehicle_id)
    driver_phone = vehicle.driver_phone if vehicle else ""
    return {
        "vehicle_id": run.vehicle_id,
        "seats": run.seats,
        "trip": run.trip,
        "distance_km": round(run.distance_km, 1),
        "duration_min": round(run.duration_min, 1),
        "plate": run.plate,
        "driver": run.driver,
        "driver_phone": mask_phone(driver_phone) if driver_phone else "",
        "second_driver": vehicle.second_driver if vehicle else "",
        "departure": format_hhmm(run.departure),
        "passengers": len(run.passengers),
        "peak_load": run.peak_load,
        "stops": [_stop_to_dict(plan, run, s) for s in run.stops],
        "rests": [_rest_to_dict(r) for r in run.rests],
    }


def _rest_to_dict(rest: DriverRest) -> dict[str, Any]:
    return {
        "before_stop": rest.before,
        "start": format_hhmm(rest.start),
        "minutes": rest.minutes,
        "on_road": rest.on_road,
    }


def _hhmm(minutes: int | None) -> str | None:
    return None if minutes is None else format_hhmm(minutes)


def _assignment_to_dict(a: Assignment, rider: Rider) -> dict[str, Any]:
    return {
        "application_id": a.application_id,
        "order_id": a.order_id,
        "site_id": a.site_id,
        "station_id": a.station_id,
        "vehicle_id": a.vehicle_id,
        "evening_vehicle_id": a.evening_vehicle_id,
        "boarding_time": _hhmm(rider.board_time),
        "arrival_time": _hhmm(rider.arrive_time),
        "return_time": _hhmm(rider.return_time),
    }


def _order_to_dict(plan: DayPlan, status: OrderStatus) -> dict[str, Any]:
    def calls(found: tuple[BusCall, ...]) -> list[dict[str, Any]]:
        return [{"vehicle_id": c.vehicle_id, "plate": c.plate, "time": format_hhmm(c.time), "workers": c.workers}
                for c in found]

    order = status.order
    return {
        "order_id": order.order_id,
        "site_id": order.site_id,
        "employer": status.site.employer,
        "site_name": status.site.name,
        "skill": order.skill,
        "shift_start": format_hhmm(order.shift_start),
        "shift_end": format_hhmm(order.shift_end),
        "return_trip": order.return_trip,
        "requested": status.requested,
        "sent": status.sent,
        "short": status.short,
        "arrive_by": format_hhmm(status.arrive_by),
        "earliest_arrival": _hhmm(status.earliest_arrival),
        "earliest_from": status.earliest_from,
        "arrivals": calls(status.arrivals),
        "returns": calls(status.returns),
        "shortfalls": [{"reason": f.code, "workers": f.workers, "applicants": f.applicants,
                        "detail": shortfall_text(plan, status, f, "en")} for f in status.shortfalls],
    }


def _bus_day_to_dict(day: BusDay) -> dict[str, Any]:
    return {
        "vehicle_id": day.vehicle_id,
        "runs": [r.trip for r in day.runs],
        "duty_start": _hhmm(day.duty_start),
        "duty_end": _hhmm(day.duty_end),
        "duty_min": day.duty_end - day.duty_start,
        "driving_min": day.driving_min,
        "distance_km": day.distance_km,
        "empty_km": day.empty_km,
        "waits": [{"place_id": w.place_id, "from": _hhmm(w.start), "until": _hhmm(w.end)} for w in day.waits],
    }


def plan_to_dict(plan: DayPlan) -> dict[str, Any]:
    """The plan.json document: routes by (trip, vehicle), each bus's day, assignments and unassigned by
    application id."""
    by_id = riders(plan)
    days = bus_days(plan.runs, plan.settings.get("road_factor", 1.3))
    document = {
        "schema_version": SCHEMA_VERSION,
        "date": plan.date.isoformat(),
        "routes": [_route_to_dict(plan, r) for r in sorted_runs(plan)],
        "assignments": [
            _assignment_to_dict(a, by_id[a.application_id])
            for a in sorted(plan.assignments, key=lambda a: a.application_id)
        ],
        "unassigned": [
            {"application_id": u.application_id, "reason": u.reason, "detail": u.detail, "order_id": u.order_id}
            for u in sorted(plan.unassigned, key=lambda u: u.application_id)
        ],
        "orders": [_order_to_dict(plan, s) for s in order_statuses(plan)],
        "bus_days": [_bus_day_to_dict(d) for d in days],
        "summary": {**plan.summary(), "empty_km": round(sum(d.empty_km for d in days), 1)},
        "settings": dict(sorted(plan.settings.items())),
        "warnings": list(plan.warnings),
        "inputs": inputs_fingerprint(plan),
    }
    if plan.history:  # only when planning read the ledger: other plans stay as they were
        document["history"] = plan.history.as_dict()
    if plan.roads is not None:  # only with road travel (docs/roads.md): straight-line plans stay as they were
        document["roads"] = plan.roads
    return document


def read_published_plan(path: Path, scenario: Scenario, day: dt.date) -> PublishedPlan:
    """The plan of `day` published at `path`, over today's scenario: what a re-plan starts from.

    Raises InputError (one problem naming the file) when it cannot be read, is for another date or
    is not a plan.json.
    """
    return published_plan(read_plan_json(path), scenario, day, str(path))


def published_plan(document: dict[str, Any], scenario: Scenario, day: dt.date,
                   source: str = "previous plan.json") -> PublishedPlan:
    """A plan.json document read as the published plan of `day`; InputError naming `source` if it is not one."""
    if document.get("date") != day.isoformat():
        raise previous_input_error(
            source, f"is the plan for {document.get('date')}, not for {day.isoformat()}: pass that day's plan.json"
        )
    return PublishedPlan(
        plan=plan_from_dict(document, scenario, source),
        inputs=document.get("inputs"),
        workers_requested=document.get("summary", {}).get("workers_requested"),
    )


def previous_input_error(source: str, message: str) -> InputError:
    """A one-problem input error about the previous plan file (the CLI turns it into exit 2)."""
    return InputError(ValidationReport((Problem(source, None, None, message, "bad_previous_plan"),)))


def read_plan_json(path: Path) -> dict[str, Any]:
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
        parking=stop.get("parking", False),
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
            DriverRest(r["before_stop"], _minutes(r["start"]), r["minutes"], r["on_road"])
            for r in route.get("rests", [])
        ),
    )


def _history(written: dict[str, Any] | None) -> PlanHistory:
    if written is None:
        return PlanHistory()
    return PlanHistory({str(k): str(v) for k, v in written["seat_first"].items()},
                       {str(k): int(v) for k, v in written["no_shows"].items()}, int(written["no_show_days"]))


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
            unassigned=tuple(Unplaced(u["application_id"], u["reason"], u["detail"], u.get("order_id"))
                             for u in document["unassigned"]),
            settings=dict(document.get("settings", {})),
            warnings=tuple(document.get("warnings", [])),
            history=_history(document.get("history")),
            roads=document.get("roads"),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        problem = f"is not a plan written by shuttle ({type(error).__name__}: {error})"
        raise previous_input_error(source, problem) from None
