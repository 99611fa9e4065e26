"""DayPlan -> the plan.json document of CONTRACT.md, extended with what a reader of the file needs.

The contract's keys come first and keep their meaning; the extras (plate, driver, stop names,
boarding times, settings) only add. Masking follows DOMAIN.md: the driver's phone is masked and no
applicant's ID number or phone is written at all.
"""

from __future__ import annotations

from typing import Any

from data.privacy import mask_phone
from data.records import Scenario, format_hhmm
from dispatch.plan import Assignment, BusRun, DayPlan, PlanStop, Trip

SCHEMA_VERSION = 1
"""Raised when a key changes meaning or disappears; adding keys keeps the version."""

TRIP_ORDER: dict[str, int] = {"morning": 0, "evening": 1}
DEPOT_NAME = "车场"


def run_sort_key(run: BusRun) -> tuple[int, str]:
    """Morning runs before evening runs, then by vehicle id: the order every output lists buses in."""
    return TRIP_ORDER[run.trip], run.vehicle_id


def station_side(trip: Trip, stop: PlanStop) -> bool:
    """True when the stop is at a station: morning pickups and evening drop-offs (ids of stations and
    sites may overlap, so the stop's role decides which table names it)."""
    return (trip == "morning") == (stop.kind == "pickup")


def stop_place_name(scenario: Scenario, trip: Trip, stop: PlanStop) -> str:
    """The name a dispatcher knows the stop by; the id itself when the scenario does not know it."""
    if stop.kind == "depot":
        return DEPOT_NAME
    if station_side(trip, stop):
        station = scenario.stations_by_id.get(stop.place_id)
        return station.name if station else stop.place_id
    site = scenario.sites_by_id.get(stop.place_id)
    return f"{site.employer} {site.name}" if site else stop.place_id


def boarding_times(plan: DayPlan, trip: Trip) -> dict[str, int]:
    """Minute each passenger's bus reaches the stop they board at on the given trip."""
    return {a: stop.arrival for run in plan.runs_for(trip) for stop in run.stops for a in stop.board}


def _stop_to_dict(scenario: Scenario, trip: Trip, stop: PlanStop) -> dict[str, Any]:
    return {
        "kind": stop.kind,
        "place_id": stop.place_id,
        "name": stop_place_name(scenario, trip, stop),
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
        "stops": [_stop_to_dict(plan.scenario, run.trip, s) for s in run.stops],
    }


def _assignment_to_dict(a: Assignment, morning: dict[str, int], evening: dict[str, int]) -> dict[str, Any]:
    return {
        "application_id": a.application_id,
        "order_id": a.order_id,
        "site_id": a.site_id,
        "station_id": a.station_id,
        "vehicle_id": a.vehicle_id,
        "evening_vehicle_id": a.evening_vehicle_id,
        "boarding_time": format_hhmm(morning[a.application_id]) if a.application_id in morning else None,
        "return_time": format_hhmm(evening[a.application_id]) if a.application_id in evening else None,
    }


def plan_to_dict(plan: DayPlan) -> dict[str, Any]:
    """The plan.json document: routes by (trip, vehicle), assignments and unassigned by application id."""
    morning, evening = boarding_times(plan, "morning"), boarding_times(plan, "evening")
    return {
        "schema_version": SCHEMA_VERSION,
        "date": plan.date.isoformat(),
        "routes": [_route_to_dict(plan, r) for r in sorted(plan.runs, key=run_sort_key)],
        "assignments": [
            _assignment_to_dict(a, morning, evening)
            for a in sorted(plan.assignments, key=lambda a: a.application_id)
        ],
        "unassigned": [
            {"application_id": u.application_id, "reason": u.reason, "detail": u.detail}
            for u in sorted(plan.unassigned, key=lambda u: u.application_id)
        ],
        "summary": plan.summary(),
        "settings": dict(sorted(plan.settings.items())),
    }

