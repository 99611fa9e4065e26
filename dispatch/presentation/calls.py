"""A run's calls as its driver and riders count them: the stations and sites it stops at, numbered from 1.

A bus may call twice at the same station (once early, once on its way back past it), so a rider's
line names the call, not just the place. Depots are not calls: the terminal's stop count, the
manifest's numbers and the rider's call all count the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from data.records import format_hhmm
from dispatch.plan import BusRun, DayPlan, PlanStop
from dispatch.presentation.labels import Lang, label
from dispatch.presentation.roster import Rider, stop_side


@dataclass(frozen=True)
class Call:
    """One stop of a run where people may get on or off; `number` counts from 1 along the run."""

    number: int
    stop: PlanStop


@dataclass(frozen=True)
class Ride:
    """Where one rider gets on and off a run: the two calls (the alighting one None if never listed)."""

    board: Call
    alight: Call | None


def call_numbers(run: BusRun) -> tuple[int | None, ...]:
    """Per stop of the run, its call number, or None at a depot."""
    numbers: list[int | None] = []
    count = 0
    for stop in run.stops:
        if stop.kind == "depot":
            numbers.append(None)
        else:
            count += 1
            numbers.append(count)
    return tuple(numbers)


def call_count(run: BusRun) -> int:
    """How many stations and sites the run calls at."""
    return sum(1 for n in call_numbers(run) if n is not None)


def rides(run: BusRun) -> dict[str, Ride]:
    """Application id -> the calls where that rider gets on and off this run."""
    boards: dict[str, Call] = {}
    alights: dict[str, Call] = {}
    for number, stop in zip(call_numbers(run), run.stops):
        call = Call(number or 0, stop)
        for app_id in stop.board:
            boards.setdefault(app_id, call)
        for app_id in stop.alight:
            alights[app_id] = call
    return {app_id: Ride(call, alights.get(app_id)) for app_id, call in boards.items()}


def call_text(plan: DayPlan, run: BusRun, call: Call, lang: Lang = "zh") -> str:
    """'第3站 十月田镇就业驿站': the call's number and its short place name (the site without its employer)."""
    side = stop_side(run, call.stop)
    if side == "station":
        station = plan.scenario.stations_by_id.get(call.stop.place_id)
        place = station.name if station else call.stop.place_id
    elif side == "site":
        site = plan.scenario.sites_by_id.get(call.stop.place_id)
        place = site.name if site else call.stop.place_id
    elif side == "parking":
        parking = plan.scenario.parking_by_id.get(call.stop.place_id)
        place = parking.name if parking else call.stop.place_id
    else:
        place = label("depot", lang)
    return label("call_place", lang, number=call.number, place=place)


def site_notes(plan: DayPlan, run: BusRun, by_id: dict[str, Rider], lang: Lang = "zh") -> tuple[str, ...]:
    """One line per site the run calls at with something to tell: when its workers' shift starts
    (morning) and who receives them there."""
    notes = []
    for number, stop in zip(call_numbers(run), run.stops):
        site = plan.scenario.sites_by_id.get(stop.place_id)
        if site is None or number is None or stop_side(run, stop) != "site":
            continue
        details = []
        shifts = sorted({by_id[a].shift_start for a in stop.alight if a in by_id})
        if shifts:
            details.append(label("shift_starts_at", lang,
                                 times=label("list_sep", lang).join(format_hhmm(t) for t in shifts)))
        contact = " ".join(p for p in (site.contact, site.contact_phone) if p)
        if contact:
            details.append(label("site_contact", lang, contact=contact))
        if details:
            head = label("call_place", lang, number=number, place=f"{site.employer} {site.name}")
            notes.append(head + label("colon", lang) + label("note_sep", lang).join(details))
    return tuple(notes)
