"""scenario.toml's tables are checked before planning: [roads] like [outputs] and [ledger], in one report,
and a table the code does not read is a problem naming the ones it does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import EXIT_INPUT, app
from data.samples import CHANGJIANG

runner = CliRunner()


def _folder(tmp_path: Path, extra: str) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(CHANGJIANG, folder)
    (folder / "scenario.toml").write_text(f'coordinates = "wgs84"\n{extra}', encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", ["validate", "plan"])
def test_every_bad_roads_key_is_in_the_one_report(tmp_path: Path, command: str) -> None:
    folder = _folder(tmp_path, '\n[roads]\nsource = "gone.osm.pbf"\nbus_factr = 1.3\ntimeout_s = "fast"\n'
                               '[outputs]\nsms_sigature = "x"\n')
    extra = ["--out", str(tmp_path / "out")] if command == "plan" else []
    result = runner.invoke(app, [command, str(folder), *extra])
    assert result.exit_code == EXIT_INPUT, result.output
    assert "4 problems in the input files:" in result.output
    for words in ("未知设置 sms_sigature", "column roads.bus_factr", "column roads.timeout_s",
                  "column roads.source: 找不到道路数据文件"):
        assert words in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


@pytest.mark.parametrize("url", ["http://", "http://host name:5000", "http://127.0.0.1:port"])
def test_a_bad_server_url_is_refused(tmp_path: Path, url: str) -> None:
    result = runner.invoke(app, ["validate", str(_folder(tmp_path, f'\n[roads]\nsource = "{url}"\n'))])
    assert result.exit_code == EXIT_INPUT, result.output
    assert "column roads.source" in result.output and "不是可用的服务地址" in result.output


def test_a_good_roads_table_validates(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(_folder(tmp_path, '\n[roads]\nsource = "http://127.0.0.1:5000/"\n'))])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("extra", "words"), [("\n[map]\ntiles = 'gaode'\n", "未知设置 'map'"),
                                              ("roads = 'x.osm'\n", "roads 须为表 [roads]")])
def test_an_unknown_table_names_the_known_ones(tmp_path: Path, extra: str, words: str) -> None:
    result = runner.invoke(app, ["validate", str(_folder(tmp_path, extra))])
    assert result.exit_code == EXIT_INPUT, result.output
    assert words in result.output
    assert "coordinates, encoding, [plan], [outputs], [ledger], [roads]" in result.output
