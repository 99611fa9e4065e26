"""Published runs cut down to the passengers who keep their seats: loads recounted, empty stops and
runs gone, times as published, rests kept where they were."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import replace

from dispatch.places import Place, Places
from dispatch.plan import Assignment, BusRun, DriverRest, PlanStop
from dispatch.settings import PlanSettings
from dispatch.travel import TravelModel


def kept_runs(runs: Iterable[BusRun], kept: tuple[Assignment, ...], settings: PlanSettings,
              places: Places) -> list[BusRun]:
    """Previous runs with only kept passengers: loads recounted, empty stops and empty runs gone, times as
    they were; a bus whose other run is gone now drives between its depot and where it waited."""
    return _depot_ends(_thinned(runs, kept, settings), places)


def _thinned(runs: Iterable[BusRun], kept: tuple[Assignment, ...], settings: PlanSettings) -> list[BusRun]:
    riders = {"morning": {a.application_id for a in kept},
              "evening": {a.application_id for a in kept if a.evening_vehicle_id}}
    out: list[BusRun] = []
    for run in runs:
        aboard, load = riders[run.trip], 0
        stops: list[PlanStop] = []
        new_index: dict[int, int] = {}
        for index, stop in enumerate(run.stops):
            board = tuple(x for x in stop.board if x in aboard)
            alight = tuple(x for x in stop.alight if x in aboard)
            ends = index in (0, len(run.stops) - 1)  # a depot, or where the bus waits between its runs
            if not ends and not board and not alight:
                continue
            load += len(board) - len(alight)
            new_index[index] = len(stops)
            stops.append(replace(stop, board=board, alight=alight, load=load))
        if not any(s.board for s in stops):
            continue
        distance = run.distance_km if len(stops) == len(run.stops) else _road_km(stops, settings)
        out.append(replace(run, stops=tuple(stops), distance_km=distance, rests=_kept_rests(run, new_index)))
    return out


def _depot_ends(runs: list[BusRun], places: Places) -> list[BusRun]:
    """A morning run left at a site comes home if its bus has no evening run now; an evening run that
    set out from a site comes from the depot if its bus has no morning run now (both ends are sites or
    their parking places)."""
    trips = {(r.vehicle_id, r.trip) for r in runs}
    out = []
    for run in runs:
        depot = places.depot(run.vehicle_id)
        if run.trip == "morning" and run.stops[-1].kind != "depot" and (run.vehicle_id, "evening") not in trips:
            last = run.stops[-1]
            waited_at = _waited_at(last, places)
            back = last.departure + math.ceil(places.minutes(waited_at, depot))
            home = PlanStop("depot", depot.place_id, depot.lat, depot.lon, back, back)
            run = replace(run, stops=(*run.stops, home), duration_min=round(back - run.departure, 1),
                          distance_km=round(run.distance_km + places.road_km(waited_at, depot), 1))
        elif run.trip == "evening" and run.stops[0].kind != "depot" and (run.vehicle_id, "morning") not in trips:
            first = run.stops[0]
            waited_at = _waited_at(first, places)
            leave = first.arrival - math.ceil(places.minutes(depot, waited_at))
            out_of = PlanStop("depot", depot.place_id, depot.lat, depot.lon, leave, leave)
            rests = tuple(replace(r, before=r.before + 1) for r in run.rests)
            run = replace(run, stops=(out_of, *run.stops), rests=rests,
                          duration_min=round(run.stops[-1].arrival - leave, 1),
                          distance_km=round(run.distance_km + places.road_km(depot, waited_at), 1))
        out.append(run)
    return out


def _waited_at(stop: PlanStop, places: Places) -> Place:
    """The site or parking place where a bus stood between its runs."""
    return places.parking(stop.place_id) if stop.parking else places.site(stop.place_id)


def _kept_rests(run: BusRun, new_index: Mapping[int, int]) -> tuple[DriverRest, ...]:
    """The run's rests at their old times; one before a stop that is gone is now on the road to the next."""
    out = []
    for rest in run.rests:
        following = min(i for i in new_index if i >= rest.before)  # the run's end depot always stays
        gone = following != rest.before
        out.append(replace(rest, before=new_index[following], on_road=rest.on_road or gone))
    return tuple(out)


def _road_km(stops: list[PlanStop], settings: PlanSettings) -> float:
    """Kilometres along a run whose stops were thinned out, by the same travel model as the planner."""
    travel = TravelModel([s.lat for s in stops], [s.lon for s in stops],
                         road_factor=settings.road_factor, speeds=settings.speeds())
    return round(sum(float(travel.road_km[k, k + 1]) for k in range(len(stops) - 1)), 1)
