"""An OSM file the test writes, through osrm-extract and osrm-contract, then tables in process."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from data.validation import InputError
from dispatch.roads import PreparedFile, RoadPoint, prepared, road_travel
from dispatch.travel import SpeedBands, TravelModel
from tests.dispatch.roads.conftest import file_settings, grid_point


def _travel(points: list[RoadPoint], source: Path, **values: object):
    straight = TravelModel([p.lat for p in points], [p.lon for p in points], road_factor=1.3, speeds=SpeedBands())
    return road_travel(points, straight, file_settings(source, **values)), straight


def _at(name: str, row: int, col: int) -> RoadPoint:
    return RoadPoint(name, *grid_point(row, col))


def test_a_file_is_prepared_once_into_the_cache_by_its_hash(grid_file: Path, grid_network: PreparedFile,
                                                             tmp_path: Path) -> None:
    assert grid_network.base.parent.name == grid_network.sha256
    copy = tmp_path / "same-roads.osm"
    copy.write_bytes(grid_file.read_bytes())
    stamp = (grid_network.base.parent / "done").stat().st_mtime_ns
    again = prepared(copy, progress=lambda message: pytest.fail(f"prepared again: {message}"))
    assert again.base == grid_network.base
    assert (grid_network.base.parent / "done").stat().st_mtime_ns == stamp
    assert grid_network.data_date is None  # an .osm file written by hand carries no replication timestamp


def test_road_times_follow_the_road_classes(grid_file: Path, grid_network: PreparedFile) -> None:
    points = [_at("trunk west", 2, 2), _at("trunk east", 2, 5), _at("tertiary west", 3, 2), _at("tertiary east", 3, 5)]
    roads, straight = _travel(points, grid_file, bus_factor=1.0)
    minutes, km = roads.travel.minutes, roads.travel.road_km
    assert km[0, 1] == pytest.approx(km[2, 3], rel=0.01)  # as long ...
    assert minutes[0, 1] < 0.8 * minutes[2, 3]  # ... but faster on the trunk road
    assert not np.allclose(km, straight.road_km)
    assert roads.warnings == ()


def test_a_one_way_street_makes_the_way_back_longer(grid_file: Path, grid_network: PreparedFile) -> None:
    south, north = _at("south end", 1, 1), _at("north end", 2, 1)  # on the one-way column, a tertiary row apart
    roads, _ = _travel([south, north], grid_file)
    km = roads.travel.road_km
    assert km[0, 1] == pytest.approx(2.22, abs=0.1)  # straight up the one-way street
    assert km[1, 0] > km[0, 1] + 1.5  # back round the block


def test_the_bus_factor_slows_every_road_time(grid_file: Path, grid_network: PreparedFile) -> None:
    points = [_at("a", 0, 0), _at("b", 6, 6)]
    car, _ = _travel(points, grid_file, bus_factor=1.0)
    bus, _ = _travel(points, grid_file, bus_factor=1.5)
    assert bus.travel.minutes[0, 1] == pytest.approx(1.5 * car.travel.minutes[0, 1])
    assert bus.travel.road_km[0, 1] == car.travel.road_km[0, 1]


def test_a_station_far_from_every_road_is_named_and_keeps_straight_lines(grid_file: Path,
                                                                        grid_network: PreparedFile) -> None:
    far = RoadPoint("王下乡就业驿站（ST08）", 19.00, 109.30)
    points = [_at("石碌（ST01）", 3, 3), far]
    roads, straight = _travel(points, grid_file, max_snap_m=1000)
    (warning,) = roads.warnings
    assert "王下乡就业驿站（ST08）" in warning
    (entry,) = roads.record["far_from_road"]
    assert entry["name"] == "王下乡就业驿站（ST08）"
    assert entry["snap_m"] > 10_000
    assert str(entry["snap_m"]) in warning
    assert roads.travel.road_km[0, 1] == straight.road_km[0, 1]
    assert roads.travel.minutes[1, 0] == straight.minutes[1, 0]


def test_a_pair_the_roads_cannot_join_falls_back_to_straight_lines_reported(grid_file: Path,
                                                                           grid_network: PreparedFile) -> None:
    island = RoadPoint("island site", 19.26, 109.40)  # on a road, but one that joins nothing
    grid = _at("grid", 3, 3)
    roads, straight = _travel([grid, island], grid_file)
    assert roads.record["far_from_road"] == []
    assert roads.record["straight_line_pairs"] == [["grid", "island site"], ["island site", "grid"]]
    assert "2 对" in roads.warnings[0]
    assert roads.travel.road_km[0, 1] == straight.road_km[0, 1]
    assert roads.leg_path([grid, island], 0, 1) == ((grid.lat, grid.lon), (island.lat, island.lon))


def test_a_leg_path_follows_the_roads_from_place_to_place(grid_file: Path, grid_network: PreparedFile) -> None:
    points = [_at("a", 1, 2), _at("b", 4, 5)]
    roads, _ = _travel(points, grid_file)
    path = roads.leg_path(points, 0, 1)
    assert path[0] == (points[0].lat, points[0].lon)
    assert path[-1] == (points[1].lat, points[1].lon)
    assert len(path) > 3  # it turns at grid corners, not a straight segment
    assert roads.record["source"] == "osm_file"
    assert roads.record["sha256"] == grid_network.sha256


def test_a_file_osrm_cannot_read_is_an_input_error_naming_it(tmp_path: Path, road_cache: Path) -> None:
    broken = tmp_path / "broken.osm"
    broken.write_text("<osm><node id=", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        prepared(broken)
    (problem,) = caught.value.report.problems
    assert problem.file == str(broken)
    assert "osrm-extract" in problem.message
    assert not [p for p in road_cache.iterdir() if p.name.startswith(".")]  # no half-prepared folder left


def test_a_plan_whose_road_file_is_gone_says_so(tmp_path: Path) -> None:
    gone = tmp_path / "hainan-latest.osm.pbf"
    with pytest.raises(InputError) as caught:
        _travel([_at("a", 0, 0), _at("b", 1, 1)], gone)
    (problem,) = caught.value.report.problems
    assert problem.file == str(gone)
    assert "找不到" in problem.message
