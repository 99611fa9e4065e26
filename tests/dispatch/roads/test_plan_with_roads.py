"""`shuttle plan --roads`: a day whose places lie on roads the test wrote plans with road figures, the same
from the file and from osrm-routed serving it; without --roads nothing of roads appears."""

from __future__ import annotations

import csv
import json
import math
import re
import shutil
from itertools import pairwise
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
from typer.testing import CliRunner

from cli import EXIT_INPUT, app
from data.coords import wgs84_to_gcj02
from data.reader import load_scenario
from data.samples import CHANGJIANG
from dispatch.places import Places
from dispatch.roads import PreparedFile, RoadSettings, prepared
from dispatch.settings import PlanSettings
from tests.dispatch.roads.conftest import free_port, start_routed
from tests.support.plan_checker import check_plan
from tests.support.road_grid import write_county_corner, write_road_grid

pytestmark = pytest.mark.slow
runner = CliRunner()


@pytest.fixture(scope="module")
def corner(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Shilu corner of the bundled day, its search budget small, on a road grid of its own."""
    folder = tmp_path_factory.mktemp("corner")
    places = write_county_corner(folder / "day", CHANGJIANG)
    (folder / "day" / "scenario.toml").write_text('[plan]\nseed = 0\nsolution_limit = 20\n', encoding="utf-8")
    write_road_grid(folder / "corner.osm", places, step_deg=0.02, margin_deg=0.02)
    return folder


@pytest.fixture(scope="module")
def corner_network(corner: Path, road_cache: Path) -> PreparedFile:
    return prepared(corner / "corner.osm")


def _plan(folder: Path, out: Path, *extra: str) -> dict[str, Any]:
    result = runner.invoke(app, ["plan", str(folder), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return json.loads((out / "plan.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plans(corner: Path, corner_network: PreparedFile,
          tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], Path]]:
    """The corner planned with straight lines and with the roads of its file."""
    out = tmp_path_factory.mktemp("plans")
    return {"straight": (_plan(corner / "day", out / "straight"), out / "straight"),
            "file": (_plan(corner / "day", out / "file", "--roads", str(corner / "corner.osm")), out / "file")}


def test_road_figures_replace_the_straight_lines(plans: dict[str, tuple[dict[str, Any], Path]],
                                                 corner: Path, corner_network: PreparedFile) -> None:
    straight, roads = plans["straight"][0], plans["file"][0]
    assert roads["roads"]["source"] == "osm_file"
    assert roads["roads"]["file"] == str((corner / "corner.osm").resolve())
    assert roads["roads"]["sha256"] == corner_network.sha256
    assert roads["roads"]["far_from_road"] == [] and roads["roads"]["straight_line_pairs"] == []
    assert roads["settings"]["roads"]["source"] == str((corner / "corner.osm").resolve())
    assert roads["summary"]["workers_assigned"] > 0
    by_run = {(r["trip"], r["vehicle_id"]): r for r in straight["routes"]}
    assert any(abs(r["distance_km"] - by_run.get((r["trip"], r["vehicle_id"]), r)["distance_km"]) > 1
               for r in roads["routes"])  # a grid of streets is not a straight line


def test_without_roads_nothing_of_roads_is_recorded(plans: dict[str, tuple[dict[str, Any], Path]]) -> None:
    straight = plans["straight"][0]
    assert "roads" not in straight
    assert "roads" not in straight["settings"]


def _line_points(page: str) -> list[int]:
    """Points of each run's line (the route-line polylines; county outlines are not runs)."""
    return [len(re.findall(r"\[[-\d.]+, [-\d.]+\]", body))
            for body, options in re.findall(r"L\.polyline\(\s*(\[\[.*?\]\]),\s*(\{.*?\})", page, flags=re.S)
            if "route-line" in options]


def test_the_map_draws_each_run_along_the_roads(plans: dict[str, tuple[dict[str, Any], Path]]) -> None:
    document, out = plans["file"]
    page = (out / "map.html").read_text(encoding="utf-8")
    stops = sorted(len(r["stops"]) for r in document["routes"])
    assert len(_line_points(page)) == len(stops)
    assert sum(_line_points(page)) > 2 * sum(stops)  # corners of the streets, not one point per stop
    assert "OpenStreetMap" in page
    straight_page = (plans["straight"][1] / "map.html").read_text(encoding="utf-8")
    assert sorted(_line_points(straight_page)) == sorted(len(r["stops"]) for r in plans["straight"][0]["routes"])


def test_plan_gpkg_draws_each_run_along_the_roads_too(plans: dict[str, tuple[dict[str, Any], Path]]) -> None:
    for key, along_roads in (("file", True), ("straight", False)):
        document, out = plans[key]
        runs = gpd.read_file(out / "plan.gpkg", layer="runs")
        stops = sum(len(r["stops"]) for r in document["routes"])
        points = sum(len(line.coords) for line in runs.geometry)
        assert len(runs) == len(document["routes"]) and set(runs["along_roads"]) == {along_roads}
        assert points > 2 * stops if along_roads else points == stops


def test_a_server_serving_the_file_gives_the_same_plan(plans: dict[str, tuple[dict[str, Any], Path]],
                                                       corner: Path, corner_network: PreparedFile,
                                                       tmp_path: Path) -> None:
    with start_routed(corner_network, tmp_path) as url:
        served = _plan(corner / "day", tmp_path / "served", "--roads", url)
    from_file = plans["file"][0]
    for key in ("routes", "assignments", "unassigned", "bus_days", "summary"):
        assert served[key] == from_file[key], key
    assert served["roads"]["source"] == "osrm_server"
    assert served["roads"]["server"] == url


def test_a_server_that_cannot_be_reached_stops_the_plan_with_exit_2(corner: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["plan", str(corner / "day"), "--out", str(tmp_path / "out"),
                                 "--roads", f"http://127.0.0.1:{free_port()}"])
    assert result.exit_code == EXIT_INPUT
    assert "无法连接道路服务" in result.output
    assert not (tmp_path / "out").exists()


def test_runs_drive_the_road_times_and_kilometres_and_keep_every_rule(
        plans: dict[str, tuple[dict[str, Any], Path]], corner: Path) -> None:
    """Trips, rests and ride limits read the matrices: swapped for the roads', each leg takes at least
    the road's minutes and each run's kilometres are its legs' road kilometres."""
    document = plans["file"][0]
    scenario = load_scenario(corner / "day")
    assert check_plan(document, scenario) == []
    settings = PlanSettings(roads=RoadSettings(**document["settings"]["roads"]))
    places = Places(scenario, road_factor=settings.road_factor, speeds=settings.speeds(), roads=settings.roads)
    index = {(p.lat, p.lon): p.index for p in places.all}
    for route in document["routes"]:
        stops = route["stops"]
        legs = [(index[(a["lat"], a["lon"])], index[(b["lat"], b["lon"])]) for a, b in pairwise(stops)]
        assert route["distance_km"] == pytest.approx(sum(places.travel.road_km[i, j] for i, j in legs), abs=0.1)
        on_road = {r["before_stop"]: r["minutes"] for r in route["rests"] if r["on_road"]}
        for k, (i, j) in enumerate(legs, start=1):
            driven = _minute(stops[k]["arrival"]) - _minute(stops[k - 1]["departure"]) - on_road.get(k, 0)
            assert driven >= math.floor(places.travel.minutes[i, j]) - 1, (route["vehicle_id"], k)


def _minute(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def test_roads_prepare_says_where_the_network_is_and_refuses_what_is_no_osm_file(
        corner: Path, corner_network: PreparedFile, tmp_path: Path) -> None:
    result = runner.invoke(app, ["roads", "prepare", str(corner / "corner.osm")])
    assert result.exit_code == 0, result.output
    assert "道路网络已就绪" in result.output and corner_network.sha256[:12] in result.output
    (tmp_path / "roads.csv").write_text("", encoding="utf-8")
    refused = runner.invoke(app, ["roads", "prepare", str(tmp_path / "roads.csv")])
    assert refused.exit_code == EXIT_INPUT
    assert "不是 OpenStreetMap 文件" in refused.output


def test_gcj02_coordinates_are_moved_to_wgs84_before_they_are_snapped(
        plans: dict[str, tuple[dict[str, Any], Path]], corner: Path, tmp_path: Path) -> None:
    """The corner with every coordinate written as Gaode shows it (GCJ-02: taken as WGS-84 these would lie
    108-468 m from the grid's roads) plans on the same roads: within [roads] max_snap_m = 100 nothing is
    far from a road, and the runs are the WGS-84 plan's."""
    folder = tmp_path / "gcj02"
    shutil.copytree(corner / "day", folder)
    for name, columns in (("stations.csv", (-2, -1)), ("sites.csv", (-2, -1)), ("fleet.csv", (3, 4))):
        with (folder / name).open(encoding="utf-8", newline="") as stream:
            rows = list(csv.reader(stream))
        for row in rows[1:]:
            shifted = wgs84_to_gcj02(lat=float(row[columns[0]]), lon=float(row[columns[1]]))
            row[columns[0]], row[columns[1]] = f"{shifted.lat:.7f}", f"{shifted.lon:.7f}"
        with (folder / name).open("w", encoding="utf-8", newline="") as stream:
            csv.writer(stream).writerows(rows)
    (folder / "scenario.toml").write_text('coordinates = "gcj02"\n\n[plan]\nseed = 0\nsolution_limit = 20\n'
                                          '\n[roads]\nmax_snap_m = 100\n',
                                          encoding="utf-8")
    shifted_plan = _plan(folder, tmp_path / "out", "--roads", str(corner / "corner.osm"))
    assert shifted_plan["roads"]["far_from_road"] == []
    wgs = plans["file"][0]
    assert [(r["vehicle_id"], r["trip"], [s["place_id"] for s in r["stops"]]) for r in shifted_plan["routes"]] == \
        [(r["vehicle_id"], r["trip"], [s["place_id"] for s in r["stops"]]) for r in wgs["routes"]]
    assert shifted_plan["summary"]["distance_km"] == pytest.approx(wgs["summary"]["distance_km"], abs=0.5)


def test_a_plan_that_stands_as_published_keeps_its_road_lines(
        plans: dict[str, tuple[dict[str, Any], Path]], corner: Path, tmp_path: Path) -> None:
    document, out = plans["file"]
    again = _plan(corner / "day", tmp_path / "again", "--roads", str(corner / "corner.osm"),
                  "--previous", str(out / "plan.json"))
    assert again["routes"] == document["routes"]
    page = (tmp_path / "again" / "map.html").read_text(encoding="utf-8")
    assert page.count("route-line") == (out / "map.html").read_text(encoding="utf-8").count("route-line")
    assert sum(_line_points(page)) > 2 * sum(len(r["stops"]) for r in document["routes"])
