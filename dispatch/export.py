"""DayPlan -> the plan.json document of CONTRACT.md, extended with what a reader of the file needs.

The contract's keys come first and keep their meaning; the extras (plate, driver, stop names,
boarding times, settings) only add. Masking follows DOMAIN.md: the driver's phone is masked and no
applicant's ID number or phone is written at all.
"""

from __future__ import annotations

from typing import Any

from data.privacy import mask_phone
from data.records import format_hhmm
from dispatch.plan import Assignment, BusRun, DayPlan, DriverRest, PlanStop
from dispatch.previous import inputs_fingerprint
from dispatch.roster import Rider, place_name, riders, sorted_runs

SCHEMA_VERSION = 1
"""Raised when a key changes meaning or disappears; adding keys keeps the version."""


def _stop_to_dict(plan: DayPlan, run: BusRun, stop: PlanStop) -> dict[str, Any]:
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
        "departure": format_hhmm(run.departure),
        "passengers": len(run.passengers),
        "peak_load": max((s.load for s in run.stops), default=0),
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


def plan_to_dict(plan: DayPlan) -> dict[str, Any]:
    """The plan.json document: routes by (trip, vehicle), assignments and unassigned by application id."""
    by_id = riders(plan)
    return {
        "schema_version": SCHEMA_VERSION,
        "date": plan.date.isoformat(),
        "routes": [_route_to_dict(plan, r) for r in sorted_runs(plan)],
        "assignments": [
            _assignment_to_dict(a, by_id[a.application_id])
            for a in sorted(plan.assignments, key=lambda a: a.application_id)
        ],
        "unassigned": [
            {"application_id": u.application_id, "reason": u.reason, "detail": u.detail}
            for u in sorted(plan.unassigned, key=lambda u: u.application_id)
        ],
        "summary": plan.summary(),
        "settings": dict(sorted(plan.settings.items())),
        "warnings": list(plan.warnings),
        "inputs": inputs_fingerprint(plan),
    }

