"""plan.gpkg: its three layers, the county of every place, warnings carried, an empty day, nobody in it."""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import pyogrio
import pytest

from data.records import PlaceWarning
from dispatch.outputs.gpkg import write_plan_gpkg


@pytest.fixture
def gpkg(tiny_plan, tmp_path):
    path = tmp_path / "plan.gpkg"
    write_plan_gpkg(tiny_plan, path)
    return path


def test_three_layers_in_wgs84(gpkg):
    assert [name for name, _ in pyogrio.list_layers(gpkg)] == ["runs", "stops", "places"]
    for layer in ("runs", "stops", "places"):
        crs = gpd.read_file(gpkg, layer=layer).crs
        assert crs is not None and crs.to_epsg() == 4326


def test_each_run_is_a_line_through_its_stops(gpkg, tiny_plan):
    runs = gpd.read_file(gpkg, layer="runs")
    assert list(zip(runs["vehicle_id"], runs["trip"])) == [("V01", "morning"), ("V02", "morning"), ("V01", "evening")]
    first = next(r for r in tiny_plan.runs if r.vehicle_id == "V01" and r.trip == "morning")
    assert list(runs.geometry[0].coords) == [(s.lon, s.lat) for s in first.stops]
    first_row = runs.iloc[0]
    assert [first_row[k] for k in ("departure", "passengers", "peak_load", "distance_km")] == ["05:30", 3, 3, 52.4]


def test_stops_say_who_many_board_and_where(gpkg):
    stops = gpd.read_file(gpkg, layer="stops")
    assert len(stops) == 11
    wulie = stops[(stops.vehicle_id == "V01") & (stops.trip == "morning") & (stops.place_id == "S02")].iloc[0]
    assert (wulie["name"], wulie.boarding, wulie.load, wulie.arrival, wulie.county) == (
        "乌烈镇就业驿站", 2, 3, "06:00", "昌江黎族自治县")


def test_every_place_carries_its_county(gpkg):
    places = gpd.read_file(gpkg, layer="places")
    assert list(zip(places.kind, places.place_id)) == [
        ("station", "S01"), ("station", "S02"), ("site", "W01"), ("site", "W02"), ("depot", "DEPOT-1")]
    # the tiny day's packing shed (W02) is drawn south-east of Shilu, across the line in Baisha
    assert dict(zip(places.place_id, places.county)) == {
        "S01": "昌江黎族自治县", "S02": "昌江黎族自治县", "W01": "昌江黎族自治县", "W02": "白沙黎族自治县",
        "DEPOT-1": "昌江黎族自治县"}
    assert (places.warning == "").all()


def test_a_place_with_a_warning_carries_it(tiny_plan, tmp_path):
    warning = PlaceWarning("stations.csv", 3, "station", "S02", "乌烈镇就业驿站", "东方市", "昌江黎族自治县", True)
    plan = dataclasses.replace(tiny_plan, scenario=dataclasses.replace(tiny_plan.scenario, place_warnings=(warning,)))
    write_plan_gpkg(plan, tmp_path / "plan.gpkg")
    places = gpd.read_file(tmp_path / "plan.gpkg", layer="places").set_index("place_id")
    assert "乌烈镇就业驿站（S02）" in str(places.loc["S02", "warning"]) and places.loc["S01", "warning"] == ""


def test_a_day_without_runs_still_has_every_layer(tiny_plan, tmp_path):
    write_plan_gpkg(dataclasses.replace(tiny_plan, runs=()), tmp_path / "plan.gpkg")
    assert len(gpd.read_file(tmp_path / "plan.gpkg", layer="runs")) == 0
    assert len(gpd.read_file(tmp_path / "plan.gpkg", layer="places")) == 5


def test_no_person_is_in_it(gpkg, tiny_plan):
    text = "\n".join(gpd.read_file(gpkg, layer=layer).drop(columns="geometry").to_csv()
                     for layer in ("runs", "stops", "places"))
    for application in tiny_plan.scenario.applications:
        assert application.name not in text and application.phone not in text and application.id_number not in text
    assert not any(v.driver in text or v.driver_phone in text for v in tiny_plan.scenario.fleet)


def test_a_run_with_road_paths_follows_them(tiny_plan, tmp_path):
    run = next(r for r in tiny_plan.runs if r.vehicle_id == "V02" and r.trip == "morning")
    depot, station, site = ((s.lat, s.lon) for s in run.stops)
    bend = (19.26, 109.09)
    legs = ((depot, station), (station, bend, site))  # the depot and the station share a place
    write_plan_gpkg(dataclasses.replace(tiny_plan, lines={("morning", "V02"): legs}), tmp_path / "plan.gpkg")
    runs = gpd.read_file(tmp_path / "plan.gpkg", layer="runs")
    v02 = runs[runs["vehicle_id"] == "V02"].iloc[0]
    assert list(v02.geometry.coords) == [(lon, lat) for lat, lon in (depot, station, bend, site)]
    assert bool(v02["along_roads"]) and not runs[runs["vehicle_id"] == "V01"]["along_roads"].any()
