"""Road tables and paths from an OSRM server (osrm-routed or any host of OSRM's HTTP API).

A table larger than the server allows is asked for in blocks of sources by destinations, each
request holding at most `table_size` coordinates; every request has a timeout, and a server that
does not answer is one clear error naming it, never a plan made half from roads.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any

import numpy as np

from dispatch.roads.network import LatLon, RoadTable, path_from_route, table_from_answer
from dispatch.roads.settings import RoadSettings, road_error

PROFILE = "driving"


class ServerRoads:
    def __init__(self, settings: RoadSettings) -> None:
        self.url = settings.source
        self.table_size = max(settings.table_size, 2)
        self.timeout_s = settings.timeout_s
        self.data_version: str | None = None

    def table(self, points: Sequence[LatLon]) -> RoadTable:
        n = len(points)
        seconds, metres, snap = np.full((n, n), np.nan), np.full((n, n), np.nan), np.zeros(n)
        block = self.table_size // 2
        for rows in range(0, n, block):
            for cols in range(0, n, block):
                sources = list(range(rows, min(rows + block, n)))
                targets = list(range(cols, min(cols + block, n)))
                part = self._block([points[i] for i in sources], [points[j] for j in targets])
                seconds[np.ix_(sources, targets)] = part.seconds
                metres[np.ix_(sources, targets)] = part.metres
                snap[sources] = part.snap_m
        return RoadTable(seconds, metres, snap)

    def _block(self, sources: list[LatLon], targets: list[LatLon]) -> RoadTable:
        coordinates = ";".join(f"{lon:.6f},{lat:.6f}" for lat, lon in sources + targets)
        query = (f"sources={';'.join(str(i) for i in range(len(sources)))}"
                 f"&destinations={';'.join(str(len(sources) + j) for j in range(len(targets)))}"
                 "&annotations=duration,distance")
        answer = self._get(f"/table/v1/{PROFILE}/{coordinates}?{query}")
        return table_from_answer(answer["durations"], answer["distances"], answer["sources"])

    def path(self, start: LatLon, end: LatLon) -> tuple[LatLon, ...] | None:
        coordinates = f"{start[1]:.6f},{start[0]:.6f};{end[1]:.6f},{end[0]:.6f}"
        answer = self._get(f"/route/v1/{PROFILE}/{coordinates}?overview=full&geometries=geojson", no_route_ok=True)
        return path_from_route(answer["routes"][0]) if answer.get("code") == "Ok" else None

    def record(self) -> dict[str, Any]:
        return {"source": "osrm_server", "server": self.url, "data_date": self.data_version, "profile": PROFILE}

    def _get(self, path: str, no_route_ok: bool = False) -> dict[str, Any]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=self.timeout_s) as response:
                answer = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:  # OSRM answers its own errors (NoRoute, TooBig) with a 400
            answer = _json_or_none(error.read())
            if answer is None:
                raise road_error(self.url, f"道路服务返回错误 HTTP {error.code}（the OSRM server answered "
                                           f"HTTP {error.code}）") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise road_error(self.url, f"无法连接道路服务，{self.timeout_s:g} 秒内无应答或拒绝连接（the OSRM server "
                                       f"cannot be reached: {reason}）") from None
        except json.JSONDecodeError:
            raise road_error(self.url, "道路服务的应答不是 OSRM 格式（the answer is not OSRM's JSON）") from None
        code = answer.get("code")
        if code == "Ok":
            self.data_version = answer.get("data_version", self.data_version)
            return answer
        if no_route_ok and code == "NoRoute":
            return answer
        refused = answer.get("message", code)
        raise road_error(self.url, f"道路服务拒绝请求：{code}（the OSRM server refused: {refused}）")


def _json_or_none(body: bytes) -> dict[str, Any] | None:
    try:
        answer = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return answer if isinstance(answer, dict) else None
