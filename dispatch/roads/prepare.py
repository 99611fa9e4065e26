"""An OSM file prepared once for routing with OSRM's own tools, in a cache keyed by the file's hash.

`osrm-extract` reads the file with the car profile that ships with OSRM, `osrm-contract` builds the
contraction hierarchy that makes tables fast. The result goes to a folder named after the file's
sha256, built aside and renamed into place, so an interrupted or concurrent preparation never leaves
half a network behind, and a file renamed or copied elsewhere is not prepared again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import osrm

from dispatch.roads.settings import FILE_SUFFIXES, road_error

OSRM_HOME = Path(osrm.__file__).parent
PROFILE = OSRM_HOME / "share" / "profiles" / "car.lua"
BASE_NAME = "roads"
CACHE_ENV = "SHUTTLE_ROADS_CACHE"


@dataclass(frozen=True)
class PreparedFile:
    source: Path
    sha256: str
    base: Path
    """The `.osrm` base name OSRM's engine and osrm-routed open."""

    @property
    def data_date(self) -> str | None:
        """The extract's replication timestamp (Geofabrik files carry one), or None when the file has none."""
        with tarfile.open(self.base.with_suffix(".osrm.timestamp")) as archive:
            member = archive.extractfile("/common/timestamp")
            stamp = member.read().decode("utf-8", "replace").strip() if member else ""
        return stamp or None

    @property
    def disk_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.base.parent.iterdir())


def cache_root() -> Path:
    """$SHUTTLE_ROADS_CACHE, else the user's cache folder (XDG), shuttle/roads."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "shuttle" / "roads"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def prepared(path: Path, progress: Callable[[str], None] | None = None) -> PreparedFile:
    """The prepared network of an OSM file: from the cache, or made now (minutes for a province)."""
    say = progress or (lambda _msg: None)
    sha = file_sha256(path)
    folder = cache_root() / sha
    done = PreparedFile(path, sha, folder / f"{BASE_NAME}.osrm")
    if (folder / "done").is_file():
        return done
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{sha[:12]}-", dir=folder.parent))
    try:
        suffix = max((s for s in FILE_SUFFIXES if path.name.lower().endswith(s)), key=len)  # OSRM reads it by name
        (work / f"{BASE_NAME}{suffix}").symlink_to(path.resolve())
        say(f"道路数据预处理：提取 {path.name}（osrm-extract, car profile）")
        _tool(["osrm-extract", "-p", str(PROFILE), str(work / f"{BASE_NAME}{suffix}")], work, path)
        say("道路数据预处理：收缩路网（osrm-contract）")
        _tool(["osrm-contract", str(work / f"{BASE_NAME}.osrm")], work, path)
        (work / f"{BASE_NAME}{suffix}").unlink()
        (work / "source.txt").write_text(f"{path.resolve()}\nsha256 {sha}\n", encoding="utf-8")
        (work / "done").write_text("", encoding="utf-8")
        try:
            work.rename(folder)
        except OSError:  # prepared meanwhile by another run: keep that one
            if not (folder / "done").is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    say(f"道路数据已就绪：{folder}")
    return done


def _tool(command: list[str], work: Path, source: Path) -> None:
    """One OSRM tool, its log kept beside the network; a failure names the file and the tool's last words."""
    executable = OSRM_HOME / "bin" / command[0]
    log = work / f"{command[0]}.log"
    with log.open("w", encoding="utf-8") as stream:
        finished = subprocess.run([str(executable), *command[1:]], cwd=work, stdout=stream, stderr=subprocess.STDOUT,
                                  check=False)
    if finished.returncode != 0:
        tail = " / ".join(log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:])
        raise road_error(str(source), f"OSRM 无法处理此道路数据文件（{command[0]} failed: {tail}）")
