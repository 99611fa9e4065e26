"""Fixtures of the data room: the tiny valid folder, and folders that each carry one named defect.

`good/tiny/` is a complete, valid scenario folder. `bad/<defect>/` holds only the files that differ
from it; `scenario_folder("<defect>")` lays the defect over a copy of the tiny folder in tmp_path.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
TINY = HERE / "good" / "tiny"
BAD = HERE / "bad"


def copy_with_overlay(target: Path, defect: str | None) -> Path:
    shutil.copytree(TINY, target)
    if defect is not None:
        for path in sorted((BAD / defect).iterdir()):
            if path.suffix == ".xlsx":
                (target / f"{path.stem}.csv").unlink(missing_ok=True)
            shutil.copy(path, target / path.name)
    return target


@pytest.fixture
def scenario_folder(tmp_path: Path) -> Callable[..., Path]:
    """Makes a copy of the tiny folder, with the named defect from bad/ laid over it if one is given."""
    counter = iter(range(1000))

    def make(defect: str | None = None) -> Path:
        return copy_with_overlay(tmp_path / f"scenario{next(counter)}", defect)

    return make
