"""The optional `scenario.toml` of a scenario folder: coordinate system, CSV encoding, planning settings.

```
coordinates = "gcj02"      # wgs84 (default) | gcj02 (Amap, Tencent, WeChat) | bd09 (Baidu)
encoding = "gbk"           # only when automatic detection of the CSV encoding gets it wrong
[plan]                     # passed through as Scenario.settings["plan"]; the dispatch room checks the keys
seed = 0
```
The tables of `TABLES` are passed through under their own names for the rooms that read and check them
(docs/settings.md); any other key or table is a problem, so a misspelt table is not silently ignored.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from data.coords import SYSTEMS
from data.validation import ProblemCollector

FILE_NAME = "scenario.toml"
TABLES = ("plan", "outputs", "ledger", "roads")
"""The tables read: [plan] by PlanSettings, [outputs] by dispatch.outputs, [ledger] by ledger, [roads] by
dispatch.roads."""
KNOWN = ", ".join(["coordinates", "encoding", *(f"[{name}]" for name in TABLES)])


@dataclass(frozen=True)
class ScenarioOptions:
    coordinates: str = "wgs84"
    encoding: str | None = None
    settings: dict = field(default_factory=lambda: {"coordinates": "wgs84", "plan": {}})


def read_options(folder: Path, problems: ProblemCollector) -> ScenarioOptions:
    """The folder's scenario.toml, or the defaults when it has none; problems go to the collector."""
    path = folder / FILE_NAME
    if not path.is_file():
        return ScenarioOptions()
    try:
        values = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        problems.add(FILE_NAME, None, None, "is not UTF-8 text", "bad_toml")
        return ScenarioOptions()
    except tomllib.TOMLDecodeError as err:
        line = re.search(r"line (\d+)", str(err))
        problems.add(FILE_NAME, int(line.group(1)) if line else None, None, f"is not valid TOML: {err}", "bad_toml")
        return ScenarioOptions()

    coordinates = values.pop("coordinates", "wgs84")
    if not isinstance(coordinates, str) or coordinates.lower() not in SYSTEMS:
        problems.add(FILE_NAME, None, "coordinates",
                     f"coordinates = {coordinates!r} is not one of {', '.join(SYSTEMS)}", "bad_option")
        coordinates = "wgs84"
    encoding = values.pop("encoding", None)
    if encoding is not None and not _known_encoding(encoding):
        problems.add(FILE_NAME, None, "encoding", f"encoding = {encoding!r} is not a known text encoding",
                     "bad_option")
        encoding = None
    tables = {k: v for k, v in values.items() if k in TABLES and isinstance(v, dict)}
    for key in sorted(set(values) - set(tables)):
        what = f"{key} 须为表 [{key}]（must be a table" if key in TABLES else f"未知设置 {key!r}（unknown setting"
        problems.add(FILE_NAME, None, key, f"{what}; known: {KNOWN}）", "bad_option")
    settings = {"coordinates": coordinates.lower(), "plan": {}, **tables}
    return ScenarioOptions(coordinates.lower(), encoding, settings)


def _known_encoding(name: object) -> bool:
    if not isinstance(name, str):
        return False
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True
