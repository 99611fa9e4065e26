"""Writing outputs safely: a whole output folder at once, file names from ids, JSON, spreadsheet cells.

A plan folder is built in a temporary sibling and moved into place only when everything succeeded,
so an interrupted run never leaves half old, half new outputs. File names derived from ids or plates
keep letters (CJK included) and digits only, and every path written is checked to stay inside its folder.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

MAX_FILENAME_CHARS = 80
"""CJK characters take 3 bytes in UTF-8; 80 of them stay under the common 255-byte limit."""
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


class UnsafePathError(ValueError):
    """A path that would be written outside its output folder."""


@contextmanager
def atomic_output_dir(out: Path) -> Iterator[Path]:
    """Yields an empty temporary folder beside `out`; on success it replaces `out` as a whole.

    On any exception (KeyboardInterrupt included) the previous `out` stays as it was and the
    temporary folder is removed.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    building.chmod(0o755)  # mkdtemp makes it private; outputs are meant to be shared
    try:
        yield building
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    _replace_dir(building, out)


def _replace_dir(new: Path, out: Path) -> None:
    """Moves `new` to `out`; a previous `out` is moved aside first and removed only once `new` is in place."""
    if not out.exists():
        os.replace(new, out)
        return
    if not out.is_dir():
        shutil.rmtree(new, ignore_errors=True)
        raise FileExistsError(f"{out} exists and is not a folder")
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.replace(out, old / out.name)
    try:
        os.replace(new, out)
    except BaseException:
        os.replace(old / out.name, out)
        shutil.rmtree(new, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)


def safe_filename(text: str, max_chars: int = MAX_FILENAME_CHARS) -> str:
    """A file name from an id or plate: letters (CJK too), digits, `-` and `_`; everything else becomes `_`.

    Never empty, never `.` or `..`, never a separator, at most `max_chars` characters.
    """
    kept = []
    for char in unicodedata.normalize("NFKC", text):
        category = unicodedata.category(char)
        kept.append(char if category[0] in "LN" or char in "-_" else "_")
    name = "".join(kept).strip("_")
    while "__" in name:
        name = name.replace("__", "_")
    name = name[:max_chars] or "unnamed"
    if name.lower() in _WINDOWS_RESERVED:
        name = f"_{name}"
    return name


def path_inside(root: Path, *parts: str) -> Path:
    """`root` joined with `parts`, refusing any result that would resolve outside `root`."""
    base = Path(root).resolve()
    target = base.joinpath(*parts).resolve()
    if target != base and base not in target.parents:
        raise UnsafePathError(f"{'/'.join(parts)!r} would be written outside {base}")
    return target


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def write_json(path: Path, obj: Any) -> Path:
    """UTF-8 JSON with Chinese as Chinese, indented, keys in the order given, ending in a newline."""
    path = Path(path)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2, default=_json_default) + "\n", encoding="utf-8")
    return path


def csv_safe(value: Any) -> Any:
    """A cell value a spreadsheet will not run as a formula: text starting with = + - @ tab or CR gets a `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
