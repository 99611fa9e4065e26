"""Published runs cut down to the passengers who keep their seats: loads recounted, empty stops and
runs gone, times as published, rests kept where they were."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from dispatch.plan import Assignment, BusRun, DriverRest, PlanStop
from dispatch.settings import PlanSettings
from dispatch.travel import TravelModel


def kept_runs(runs: Iterable[BusRun], kept: tuple[Assignment, ...], settings: PlanSettings) -> list[BusRun]:
    """Previous runs with only kept passengers: loads recounted, empty stops and empty runs gone, times as they were."""
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
            if stop.kind != "depot" and not board and not alight:
                continue
            load += len(board) - len(alight)
            new_index[index] = len(stops)
            stops.append(replace(stop, board=board, alight=alight, load=load))
        if not any(s.board for s in stops):
            continue
        distance = run.distance_km if len(stops) == len(run.stops) else _road_km(stops, settings)
        out.append(replace(run, stops=tuple(stops), distance_km=distance, rests=_kept_rests(run, new_index)))
    return out


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
                         road_factor=settings.road_factor, speed_kmh=settings.speed_kmh)
    return round(sum(float(travel.road_km[k, k + 1]) for k in range(len(stops) - 1)), 1)
