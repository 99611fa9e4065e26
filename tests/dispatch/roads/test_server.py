"""The server provider against a real osrm-routed on 127.0.0.1, and against servers that do not answer."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from data.validation import InputError
from dispatch.roads import PreparedFile, RoadPoint, RoadSettings, road_travel
from dispatch.travel import SpeedBands, TravelModel
from tests.dispatch.roads.conftest import file_settings, free_port, grid_point

POINTS = [RoadPoint(f"p{k}", *grid_point(r, c)) for k, (r, c) in
          enumerate([(0, 0), (1, 1), (2, 4), (3, 2), (4, 6), (5, 3), (6, 0), (6, 6), (2, 1)])]


def _straight(points: list[RoadPoint]) -> TravelModel:
    return TravelModel([p.lat for p in points], [p.lon for p in points], road_factor=1.3, speeds=SpeedBands())


def test_the_server_gives_the_tables_of_the_file(grid_file: Path, grid_network: PreparedFile,
                                                 grid_server: str) -> None:
    local = road_travel(POINTS, _straight(POINTS), file_settings(grid_file))
    served = road_travel(POINTS, _straight(POINTS), RoadSettings(source=grid_server))
    assert np.array_equal(served.travel.metres, local.travel.metres)
    assert np.array_equal(served.travel.seconds, local.travel.seconds)
    assert served.record["source"] == "osrm_server"
    assert served.record["server"] == grid_server
    assert served.leg_path(POINTS, 0, 4) == local.leg_path(POINTS, 0, 4)


def test_a_table_larger_than_the_server_allows_is_asked_in_blocks(grid_server: str) -> None:
    whole = road_travel(POINTS, _straight(POINTS), RoadSettings(source=grid_server))
    blocks = road_travel(POINTS, _straight(POINTS), RoadSettings(source=grid_server, table_size=4))  # 2 x 2 blocks
    assert np.array_equal(blocks.travel.metres, whole.travel.metres)
    assert np.array_equal(blocks.travel.seconds, whole.travel.seconds)


def test_a_server_that_refuses_a_table_says_so(grid_server: str) -> None:
    with pytest.raises(InputError) as caught:  # told the server takes 400: one request of 108 places, over its 100
        road_travel(POINTS * 12, _straight(POINTS * 12), RoadSettings(source=grid_server, table_size=400))
    (problem,) = caught.value.report.problems
    assert problem.file == grid_server
    assert "道路服务拒绝请求" in problem.message


def test_a_port_where_nobody_listens_is_one_clear_error() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(InputError) as caught:
        road_travel(POINTS, _straight(POINTS), RoadSettings(source=url, timeout_s=2))
    (problem,) = caught.value.report.problems
    assert problem.file == url
    assert "无法连接道路服务" in problem.message


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A socket that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_a_server_that_does_not_answer_times_out_with_one_clear_error(silent_server: str) -> None:
    with pytest.raises(InputError) as caught:
        road_travel(POINTS, _straight(POINTS), RoadSettings(source=silent_server, timeout_s=0.5))
    (problem,) = caught.value.report.problems
    assert problem.file == silent_server
    assert "0.5 秒内无应答" in problem.message
