"""`--roads` and `[roads]`: which source wins, where a file is looked for, every bad value at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.validation import InputError
from dispatch.roads import road_settings


def test_no_source_is_the_straight_line_model(tmp_path: Path) -> None:
    assert road_settings(None, None, tmp_path) is None
    assert road_settings({"bus_factor": 1.3}, None, tmp_path) is None


def test_a_file_in_the_table_is_read_beside_the_scenario(tmp_path: Path) -> None:
    (tmp_path / "hainan.osm.pbf").write_bytes(b"")
    chosen = road_settings({"source": "hainan.osm.pbf", "bus_factor": 1.4}, None, tmp_path)
    assert chosen is not None
    assert chosen.source == str((tmp_path / "hainan.osm.pbf").resolve())
    assert chosen.bus_factor == 1.4
    assert not chosen.is_server


def test_the_flag_wins_over_the_table(tmp_path: Path) -> None:
    chosen = road_settings({"source": "elsewhere.osm", "timeout_s": 5}, "http://127.0.0.1:5000/", tmp_path)
    assert chosen is not None
    assert chosen.source == "http://127.0.0.1:5000"
    assert chosen.is_server
    assert chosen.timeout_s == 5


def test_every_bad_value_is_reported_at_once_a_missing_file_too(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        road_settings({"source": "x.osm", "bus_factor": 0, "table_size": 2.5, "speed": 3}, None, tmp_path)
    columns = [p.column for p in caught.value.report.problems]
    assert columns == ["roads.speed", "roads.bus_factor", "roads.table_size", "roads.source"]


@pytest.mark.parametrize(("source", "words"), [("roads.csv", "不是 OpenStreetMap 文件"),
                                               ("missing.osm", "找不到道路数据文件")])
def test_a_source_that_is_no_osm_file_names_itself(tmp_path: Path, source: str, words: str) -> None:
    (tmp_path / "roads.csv").write_text("", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        road_settings(None, str(tmp_path / source), tmp_path)
    (problem,) = caught.value.report.problems
    assert problem.file == "--roads"
    assert words in problem.message
