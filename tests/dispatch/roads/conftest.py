"""Road networks the tests write and prepare once per module, with OSRM's real tools."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from dispatch.roads import PreparedFile, RoadSettings, prepared
from dispatch.roads.prepare import CACHE_ENV, OSRM_HOME
from tests.support.road_grid import write_road_grid

STEP = 0.02
SOUTH, WEST = 19.20, 108.90
"""The test grid's corner (near Shilu); the grid runs STEP apart from here."""


def grid_point(row: int, col: int) -> tuple[float, float]:
    return (round(SOUTH + row * STEP, 6), round(WEST + col * STEP, 6))


@pytest.fixture(scope="module")
def road_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A cache of prepared networks of this module's own (the user's cache is never touched)."""
    cache = tmp_path_factory.mktemp("roads-cache")
    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(cache)
    yield cache
    if before is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = before


@pytest.fixture(scope="module")
def grid_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 7 x 7 grid from (SOUTH, WEST): trunk rows 0, 2, 4, 6, tertiary rows between, residential
    columns, column 1 one-way northward; and an island of road far east that joins nothing."""
    folder = tmp_path_factory.mktemp("grid")
    corners = [grid_point(0, 0), grid_point(6, 6)]
    return write_road_grid(folder / "grid.osm", corners, step_deg=STEP, margin_deg=0.0, island=(19.26, 109.40))


@pytest.fixture(scope="module")
def grid_network(grid_file: Path, road_cache: Path) -> PreparedFile:
    return prepared(grid_file)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def start_routed(network: PreparedFile, folder: Path) -> Iterator[str]:
    """A real osrm-routed on 127.0.0.1 (a free port) serving a prepared network, stopped on leaving."""
    port = free_port()
    log = folder / "osrm-routed.log"
    with log.open("w", encoding="utf-8") as stream:
        server = subprocess.Popen([str(OSRM_HOME / "bin" / "osrm-routed"), "-i", "127.0.0.1", "-p", str(port),
                                   "-a", "CH", "--max-table-size", "100", str(network.base)],
                                  stdout=stream, stderr=subprocess.STDOUT)
    try:
        for _ in range(600):  # it says when it listens (a few tenths of a second; 30 s on a busy machine)
            if "running and waiting for requests" in log.read_text(encoding="utf-8") or server.poll() is not None:
                break
            time.sleep(0.05)
        assert server.poll() is None, f"osrm-routed did not start: {log.read_text(encoding='utf-8')}"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="module")
def grid_server(grid_network: PreparedFile, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with start_routed(grid_network, tmp_path_factory.mktemp("routed")) as url:
        yield url


def file_settings(path: Path, **values: object) -> RoadSettings:
    return RoadSettings(source=str(path), **values)  # type: ignore[arg-type]
