"""Where road travel comes from: `--roads SOURCE` or the `[roads]` table of scenario.toml.

No source means the straight-line model of `dispatch.travel`. A source is an OpenStreetMap file
(`.osm`, `.osm.pbf`), prepared once with OSRM's tools, or the URL of an OSRM server. The table's
other keys tune how road times are read (docs/roads.md).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from data.validation import InputError, Problem, ValidationReport

FILE_SUFFIXES = (".osm", ".osm.pbf", ".pbf", ".osm.bz2")
SERVER_SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class RoadSettings:
    source: str
    """An OSM file (absolute path) or an OSRM server URL."""
    bus_factor: float = 1.2
    """Road times are the car profile's times this many times over: a loaded coach is slower than a car."""
    max_snap_m: float = 500.0
    """A place farther than this from every road keeps the straight-line model for all its legs."""
    table_size: int = 100
    """The server's largest table (osrm-routed --max-table-size): requests are cut to fit it."""
    timeout_s: float = 30.0
    """How long one request to a server may take before the server counts as unreachable."""

    @property
    def is_server(self) -> bool:
        return self.source.startswith(SERVER_SCHEMES)

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def road_error(source: str, message: str) -> InputError:
    """A road source that cannot be used: one problem naming it (the CLI exits 2, nothing written)."""
    return InputError(ValidationReport((Problem(source, None, None, message, "roads"),)))


def road_settings(table: dict[str, Any] | None, flag: str | None, folder: Path) -> RoadSettings | None:
    """The road settings of a run: `flag` (`--roads`) wins over the table's `source`; a file named in
    the table is read relative to the scenario folder, one on the command line relative to here.
    None: the straight-line model. Every bad key or value is reported at once (InputError)."""
    values = dict(table or {})
    problems: list[Problem] = []
    known = {f.name for f in dataclasses.fields(RoadSettings)}
    for key in sorted(set(values) - known):
        problems.append(Problem("scenario.toml", None, f"roads.{key}",
                                f"未知的道路设置 {key!r}（unknown setting; known: {', '.join(sorted(known))}）",
                                "bad_option"))
        values.pop(key)
    for key, kind, low in (("bus_factor", float, 0.0), ("max_snap_m", float, 0.0), ("table_size", int, 1),
                           ("timeout_s", float, 0.0)):
        if key in values and (isinstance(values[key], bool) or not isinstance(values[key], int | float)
                              or (kind is int and not isinstance(values[key], int)) or values[key] <= low):
            problems.append(Problem("scenario.toml", None, f"roads.{key}",
                                    f"{key} = {values[key]!r} 须为大于 {low:g} 的数（must be a number above {low:g}）",
                                    "bad_option"))
            values.pop(key)
    source = flag if flag is not None else values.pop("source", None)
    values.pop("source", None)
    where = "--roads" if flag is not None else "scenario.toml"
    if source is not None and not isinstance(source, str):
        problems.append(Problem(where, None, "roads.source", "道路数据来源须为文本（must be text）", "bad_option"))
        source = None
    elif source:
        source, problem = _checked_source(source, Path.cwd() if flag is not None else folder)
        problems += [Problem(where, None, "roads.source", problem, "roads")] if problem else []
    if problems:
        raise InputError(ValidationReport(tuple(problems)))
    if not source:
        return None
    return RoadSettings(source=source, **values)


def _checked_source(text: str, base: Path) -> tuple[str, str | None]:
    """The source as the provider takes it (a URL without its last slash, a file's absolute path) and what is
    wrong with it, if anything: a URL must name a host, a file must exist and be an OSM file."""
    if text.startswith(SERVER_SCHEMES):
        url = urlsplit(text)
        try:
            port_ok = url.port is None or url.port > 0
        except ValueError:
            port_ok = False
        if not url.hostname or " " in text or not port_ok:
            return text, f"{text} 不是可用的服务地址（not a usable URL: http://HOST[:PORT]）"
        return text.rstrip("/"), None
    path = (base / text).resolve()
    if not path.name.lower().endswith(FILE_SUFFIXES):
        return text, (f"{text} 不是 OpenStreetMap 文件，也不是 http:// 服务地址（not an OSM file "
                      f"({', '.join(FILE_SUFFIXES)}) nor an OSRM server URL）")
    if not path.is_file():
        return text, f"找不到道路数据文件 {path}（no such file）"
    return str(path), None
