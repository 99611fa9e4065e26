"""plan.gpkg: the day as a GeoPackage, so it opens in QGIS (or any GIS) beside the county's own layers.

Three layers, WGS-84 (EPSG:4326): `runs` (one line per bus run: along the roads when the plan's times came
from a road network, else straight from stop to stop), `stops` (each stop of
each run) and `places` (every station, site and depot with the county it lies in, the county its row
declares and the warning when the two differ). A map file for anyone who draws: no person appears in it,
only counts of riders (docs/privacy.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from data.counties import county_at
from data.place_check import warning_sentence
from data.records import PlaceWarning, format_hhmm
from dispatch.plan import BusRun, DayPlan
from dispatch.presentation import Lang, place_name, sorted_runs

CRS = "EPSG:4326"
RUN_FIELDS = ("vehicle_id", "plate", "trip", "seats", "departure", "arrival", "stops", "passengers", "peak_load",
              "distance_km", "duration_min", "along_roads")
STOP_FIELDS = ("vehicle_id", "trip", "seq", "kind", "place_id", "name", "county", "arrival", "departure",
               "boarding", "alighting", "load")
PLACE_FIELDS = ("kind", "place_id", "name", "employer", "town", "county", "declared_county", "warning")


def write_plan_gpkg(plan: DayPlan, path: Path, lang: Lang = "zh") -> None:
    """The three layers into one GeoPackage at `path`."""
    _write_layer(path, "runs", _runs(plan), RUN_FIELDS, "LineString")
    _write_layer(path, "stops", _stops(plan, lang), STOP_FIELDS, "Point")
    _write_layer(path, "places", _places(plan, lang), PLACE_FIELDS, "Point")


def _write_layer(path: Path, name: str, rows: Sequence[tuple[dict, BaseGeometry]], fields: tuple[str, ...],
                 geometry_type: str) -> None:
    """One layer; its columns are fixed, so a day without runs still has an empty `runs` layer of lines."""
    frame = gpd.GeoDataFrame([row for row, _ in rows], columns=list(fields), geometry=[g for _, g in rows], crs=CRS)
    frame.to_file(path, layer=name, driver="GPKG", engine="pyogrio", geometry_type=geometry_type)


def _runs(plan: DayPlan) -> list[tuple[dict, shapely.LineString]]:
    rows = []
    for run in sorted_runs(plan):
        legs = plan.lines.get((run.trip, run.vehicle_id), ())
        row = {"vehicle_id": run.vehicle_id, "plate": run.plate, "trip": run.trip, "seats": run.seats,
               "departure": format_hhmm(run.departure), "arrival": format_hhmm(run.stops[-1].arrival),
               "stops": len(run.stops), "passengers": len(run.passengers), "peak_load": run.peak_load,
               "distance_km": run.distance_km, "duration_min": run.duration_min, "along_roads": bool(legs)}
        rows.append((row, _line(run, legs)))
    return rows


def _line(run: BusRun, legs: Sequence[Sequence[tuple[float, float]]]) -> shapely.LineString:
    """The run along its legs' road paths (each (lat, lon) from stop to stop), or from stop to stop without
    them; a run that never moves is a line of one point twice."""
    if legs:
        points = [(lon, lat) for k, leg in enumerate(legs) for lat, lon in (leg if k == 0 else leg[1:])]
    else:
        points = [(stop.lon, stop.lat) for stop in run.stops]
    return shapely.LineString(points if len(points) > 1 else points * 2)


def _stops(plan: DayPlan, lang: Lang) -> list[tuple[dict, shapely.Point]]:
    rows = []
    for run in sorted_runs(plan):
        for seq, stop in enumerate(run.stops):
            row = {"vehicle_id": run.vehicle_id, "trip": run.trip, "seq": seq, "kind": stop.kind,
                   "place_id": stop.place_id, "name": place_name(plan, run, stop, lang),
                   "county": county_at(lat=stop.lat, lon=stop.lon), "arrival": format_hhmm(stop.arrival),
                   "departure": format_hhmm(stop.departure), "boarding": len(stop.board),
                   "alighting": len(stop.alight), "load": stop.load}
            rows.append((row, shapely.Point(stop.lon, stop.lat)))
    return rows


def _places(plan: DayPlan, lang: Lang) -> list[tuple[dict, shapely.Point]]:
    scenario = plan.scenario
    warned = {(w.kind, w.place_id): w for w in scenario.place_warnings}
    rows = []

    def add(kind: str, place_id: str, name: str, lat: float, lon: float, *, employer: str = "", town: str = "",
            declared: str = "", warning: PlaceWarning | None = None) -> None:
        row = {"kind": kind, "place_id": place_id, "name": name, "employer": employer, "town": town,
               "county": county_at(lat=lat, lon=lon), "declared_county": declared,
               "warning": warning_sentence(warning, lang) if warning else ""}
        rows.append((row, shapely.Point(lon, lat)))

    for s in scenario.stations:
        add("station", s.station_id, s.name, s.lat, s.lon, town=s.town, declared=s.county,
            warning=warned.get(("station", s.station_id)))
    for site in scenario.sites:
        add("site", site.site_id, site.name, site.lat, site.lon, employer=site.employer, town=site.town,
            declared=site.county, warning=warned.get(("site", site.site_id)))
    depots: dict[tuple[float, float], list[str]] = {}
    for vehicle in scenario.fleet:  # numbered as plan.json numbers them (docs/plan-json.md): DEPOT-1, DEPOT-2, ...
        depots.setdefault((vehicle.depot_lat, vehicle.depot_lon), []).append(vehicle.vehicle_id)
    for number, ((lat, lon), vehicles) in enumerate(depots.items(), start=1):
        names = [scenario.vehicles_by_id[v].depot for v in vehicles if scenario.vehicles_by_id[v].depot]
        warning = next((warned[("depot", v)] for v in vehicles if ("depot", v) in warned), None)
        add("depot", f"DEPOT-{number}", names[0] if names else "", lat, lon, warning=warning)
    return rows
