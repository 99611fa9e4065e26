"""Places outside their county or the province are warnings naming them; the folder still reads.

Each folder under `warn/` holds the files that differ from `good/tiny/`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import geopandas as gpd
import pytest
from typer.testing import CliRunner

from cli import app
from data.place_check import warning_sentence
from data.reader import load_scenario
from data.samples import CHANGJIANG

HERE = Path(__file__).resolve().parent
runner = CliRunner()


@pytest.fixture
def folder_with(tmp_path: Path):
    def make(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(HERE / "good" / "tiny", target)
        for path in sorted((HERE / "warn" / name).iterdir()):
            shutil.copy(path, target / path.name)
        return target
    return make


def test_the_bundled_day_and_the_tiny_folder_have_no_place_warnings():
    assert load_scenario(CHANGJIANG).place_warnings == ()
    assert load_scenario(HERE / "good" / "tiny").place_warnings == ()


def test_a_station_in_the_next_county_is_named(folder_with):
    (warning,) = load_scenario(folder_with("station-in-next-county")).place_warnings
    assert (warning.file, warning.row, warning.place_id, warning.lies_in, warning.expected, warning.declared) == (
        "stations.csv", 4, "ST03", "东方市", "昌江黎族自治县", False)
    sentence = warning_sentence(warning)
    assert "stations.csv 第 4 行" in sentence and "叉河镇就业驿站（ST03）" in sentence and "东方市" in sentence
    assert "most stations lie in 昌江黎族自治县" in warning_sentence(warning, "en")


def test_a_station_outside_the_county_its_column_names(folder_with):
    (warning,) = load_scenario(folder_with("station-county-column")).place_warnings
    assert (warning.row, warning.place_id, warning.lies_in, warning.expected, warning.declared) == (
        3, "ST02", "东方市", "昌江黎族自治县", True)
    assert "不在区县一栏所填的昌江黎族自治县" in warning_sentence(warning)


def test_sites_are_checked_against_their_county_column_only(folder_with):
    warnings = load_scenario(folder_with("site-county-column")).place_warnings
    # W01 written 东方市 but in Changjiang; W02 written Guangdong but in Changjiang; W03 really is in
    # Guangdong and W04 (written 东方, short for 东方市) really is in Dongfang: no word about those two
    assert [(w.place_id, w.lies_in, w.expected) for w in warnings] == [
        ("W01", "昌江黎族自治县", "东方市"), ("W02", "昌江黎族自治县", "广东省湛江市")]
    assert "石碌铁矿（W02） 的坐标在昌江黎族自治县" in warning_sentence(warnings[1])


def test_a_depot_off_the_island_is_named_once_by_its_first_bus(folder_with):
    (warning,) = load_scenario(folder_with("depot-off-the-island")).place_warnings
    assert (warning.file, warning.row, warning.kind, warning.place_id, warning.lies_in) == (
        "fleet.csv", 3, "depot", "V02", "")
    assert "湛江车场（V02 等车辆） 的坐标在海南省以外" in warning_sentence(warning)
    assert "depot 湛江车场 (V02 and others) lies outside Hainan" in warning_sentence(warning, "en")


def test_validate_prints_the_warnings_and_still_succeeds(folder_with):
    folder = folder_with("station-in-next-county")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 0, result.output
    assert "叉河镇就业驿站（ST03）" in result.output and "东方市" in result.output
    english = runner.invoke(app, ["validate", str(folder), "--lang", "en"])
    assert english.exit_code == 0 and "station 叉河镇就业驿站 (ST03) lies in 东方市" in english.output


def test_plan_prints_the_warnings_and_plans_the_day(folder_with, tmp_path):
    result = runner.invoke(app, ["plan", str(folder_with("station-in-next-county")), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "注意: stations.csv 第 4 行" in result.output
    places = gpd.read_file(tmp_path / "out" / "plan.gpkg", layer="places").set_index("place_id")
    assert places.loc["ST03", "county"] == "东方市" and "叉河镇就业驿站（ST03）" in str(places.loc["ST03", "warning"])
