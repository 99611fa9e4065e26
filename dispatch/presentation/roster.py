"""The day plan seen person by person and stop by stop: what every printed output lists.

Manifests, station and site lists, the workbook and the notices all need the same facts (a
rider's masked ID, their bus and times, a stop's place name), so they are worked out here once.
Only masked ID numbers leave this module; a whole phone number only through `whole_phone`, for the
documents docs/privacy.md lets carry it.
"""

from __future__ import annotations

from dataclasses import dataclass

from data.privacy import mask_id, mask_phone
from data.records import SetAside, format_hhmm
from dispatch.plan import Assignment, BusRun, DayPlan, PlanStop
from dispatch.presentation.labels import Lang, label

TRIP_ORDER = {"morning": 0, "evening": 1}


@dataclass(frozen=True)
class Rider:
    """One placed applicant as printed: masked personal data, where, and on which buses when."""

    application_id: str
    name: str
    gender: str
    masked_id: str
    masked_phone: str
    team: str | None
    leader: bool
    station_id: str
    station_name: str
    order_id: str
    skill: str
    shift_start: int
    site_id: str
    site_name: str
    employer: str
    plate: str
    board_time: int | None
    arrive_time: int | None
    return_plate: str | None
    return_time: int | None


@dataclass(frozen=True)
class Person:
    """Any applicant as printed (placed or not): the masked identity without the trip."""

    application_id: str
    name: str
    gender: str
    masked_id: str
    masked_phone: str
    station_id: str
    station_name: str
    team: str | None
    leader: bool
    skills: tuple[str, ...]


def sorted_runs(plan: DayPlan) -> tuple[BusRun, ...]:
    """Morning runs before evening runs, then by vehicle id: the order every printout lists buses in."""
    return tuple(sorted(plan.runs, key=lambda r: (TRIP_ORDER[r.trip], r.vehicle_id, r.departure)))


def stop_side(run: BusRun, stop: PlanStop) -> str:
    """Whether a stop is at a 'depot', a 'station', a 'site' or a 'parking' place (their ids may overlap)."""
    if stop.kind == "depot":
        return "depot"
    if stop.parking:
        return "parking"
    at_station = (stop.kind == "pickup") == (run.trip == "morning")
    return "station" if at_station else "site"


def place_name(plan: DayPlan, run: BusRun, stop: PlanStop, lang: Lang = "zh") -> str:
    """The printed name of a stop: the station's or parking place's name, 'employer site name', or the
    depot's (or 车场)."""
    side = stop_side(run, stop)
    if side == "depot":
        vehicle = plan.scenario.vehicles_by_id.get(run.vehicle_id)
        return vehicle.depot if vehicle and vehicle.depot else label("depot", lang)
    if side == "parking":
        parking = plan.scenario.parking_by_id.get(stop.place_id)
        return parking.name if parking else stop.place_id
    if side == "station":
        station = plan.scenario.stations_by_id.get(stop.place_id)
        return station.name if station else stop.place_id
    site = plan.scenario.sites_by_id.get(stop.place_id)
    return f"{site.employer} {site.name}" if site else stop.place_id


def rest_notes(plan: DayPlan, run: BusRun, lang: Lang = "zh") -> tuple[str, ...]:
    """One sentence per driver's rest on the run: when, how long, and where."""
    return tuple(
        label(
            "rest_on_road" if rest.on_road else "rest_at",
            lang,
            start=format_hhmm(rest.start),
            end=format_hhmm(rest.start + rest.minutes),
            minutes=rest.minutes,
            place=place_name(plan, run, run.stops[rest.before], lang),
        )
        for rest in run.rests
    )


def team_label(team: str | None, leader: bool, lang: Lang = "zh") -> str:
    """'乌烈女工（带头人）' for a leader, the team name for a member, empty for a lone worker."""
    if not team:
        return label("leader", lang) if leader else ""
    if not leader:
        return team
    return f"{team}（{label('leader', lang)}）" if lang == "zh" else f"{team} ({label('leader', lang)})"


def person(plan: DayPlan, application_id: str) -> Person:
    """The masked identity of one applicant of the plan's scenario."""
    app = plan.scenario.applications_by_id.get(application_id)
    if app is None:
        return _set_aside_person(plan, plan.scenario.set_aside_by_id[application_id])
    station = plan.scenario.stations_by_id.get(app.station_id)
    return Person(
        application_id=app.application_id,
        name=app.name,
        gender=app.gender,
        masked_id=mask_id(app.id_number),
        masked_phone=mask_phone(app.phone),
        station_id=app.station_id,
        station_name=station.name if station else app.station_id,
        team=app.team,
        leader=app.leader,
        skills=app.skills,
    )


def _set_aside_person(plan: DayPlan, row: SetAside) -> Person:
    """A set-aside application row as printed: what could be read of it, masked as any other."""
    station = plan.scenario.stations_by_id.get(row.station_id or "")
    return Person(
        application_id=row.application_id,
        name=row.cell("name"),
        gender=row.cell("gender"),
        masked_id=mask_id(row.cell("id_number")),
        masked_phone=mask_phone(row.cell("phone")),
        station_id=row.station_id or row.cell("station_id"),
        station_name=station.name if station else row.cell("station_id"),
        team=row.cell("team") or None,
        leader=False,
        skills=(),
    )


def no_show_remark(plan: DayPlan, application_id: str, lang: Lang = "zh") -> str:
    """'未到3次' for a rider who often did not board lately (the ledger's history, when planning read it)."""
    times = plan.history.no_shows.get(application_id)
    return label("no_show_remark", lang, times=times) if times else ""


def no_show_note(plan: DayPlan, application_ids: tuple[str, ...], lang: Lang = "zh") -> str | None:
    """The sentence that explains the remark, under a table where some rider carries it."""
    if not any(a in plan.history.no_shows for a in application_ids):
        return None
    return label("no_show_note", lang, days=plan.history.no_show_days)


def whole_phone(plan: DayPlan, application_id: str) -> str:
    """An applicant's own number in full, for the driver's manifest and the SMS file (docs/privacy.md)."""
    app = plan.scenario.applications_by_id.get(application_id)
    if app is not None:
        return app.phone.strip()
    row = plan.scenario.set_aside_by_id.get(application_id)
    return row.cell("phone").strip() if row is not None else ""


def _boarding_times(plan: DayPlan) -> dict[tuple[str, str], tuple[int, int]]:
    """(trip, application id) -> (departure from the boarding stop, arrival at the alighting stop)."""
    boarded: dict[tuple[str, str], int] = {}
    alighted: dict[tuple[str, str], int] = {}
    for run in plan.runs:
        for stop in run.stops:
            for app_id in stop.board:
                boarded[(run.trip, app_id)] = stop.departure
            for app_id in stop.alight:
                alighted[(run.trip, app_id)] = stop.arrival
    return {key: (boarded[key], alighted.get(key, boarded[key])) for key in boarded}


def riders(plan: DayPlan) -> dict[str, Rider]:
    """Every placed applicant by application id, in the plan's assignment order."""
    times = _boarding_times(plan)
    vehicles = plan.scenario.vehicles_by_id
    return {a.application_id: _rider(plan, a, times, vehicles) for a in plan.assignments}


def _rider(plan: DayPlan, a: Assignment, times: dict, vehicles: dict) -> Rider:
    who = person(plan, a.application_id)
    station = plan.scenario.stations_by_id.get(a.station_id)
    order = plan.scenario.orders_by_id.get(a.order_id)
    site = plan.scenario.sites_by_id.get(a.site_id)
    morning = times.get(("morning", a.application_id))
    evening = times.get(("evening", a.application_id))
    out_bus = vehicles.get(a.vehicle_id)
    back_bus = vehicles.get(a.evening_vehicle_id) if a.evening_vehicle_id else None
    return Rider(
        application_id=a.application_id,
        name=who.name,
        gender=who.gender,
        masked_id=who.masked_id,
        masked_phone=who.masked_phone,
        team=who.team,
        leader=who.leader,
        station_id=a.station_id,
        station_name=station.name if station else a.station_id,
        order_id=a.order_id,
        skill=order.skill if order else "",
        shift_start=order.shift_start if order else 0,
        site_id=a.site_id,
        site_name=site.name if site else a.site_id,
        employer=site.employer if site else "",
        plate=out_bus.plate if out_bus else a.vehicle_id,
        board_time=morning[0] if morning else None,
        arrive_time=morning[1] if morning else None,
        return_plate=(back_bus.plate if back_bus else a.evening_vehicle_id) if a.evening_vehicle_id else None,
        return_time=evening[0] if evening else None,
    )


def aboard(plan: DayPlan, application_id: str, by_id: dict[str, Rider]) -> Rider:
    """The rider for someone on a bus; one aboard without an assignment still gets a (blank-trip) line."""
    if application_id in by_id:
        return by_id[application_id]
    who = person(plan, application_id)
    return Rider(
        application_id=who.application_id, name=who.name, gender=who.gender, masked_id=who.masked_id,
        masked_phone=who.masked_phone, team=who.team, leader=who.leader, station_id=who.station_id,
        station_name=who.station_name, order_id="", skill="", shift_start=0, site_id="", site_name="",
        employer="", plate="", board_time=None, arrive_time=None, return_plate=None, return_time=None,
    )
