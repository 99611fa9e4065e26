"""Writers: whole-folder replacement, safe file names, paths kept inside, JSON, formula-safe cells."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.writers import UnsafePathError, atomic_output_dir, csv_safe, path_inside, safe_filename, write_json


def leftovers(parent) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def test_success_replaces_the_previous_outputs_as_a_whole(tmp_path):
    out = tmp_path / "plan"
    out.mkdir()
    (out / "old.json").write_text("old")
    with atomic_output_dir(out) as building:
        (building / "plan.json").write_text("new")
        assert not (out / "plan.json").exists()
    assert sorted(p.name for p in out.iterdir()) == ["plan.json"]
    assert leftovers(tmp_path) == []


def test_a_new_folder_is_created(tmp_path):
    with atomic_output_dir(tmp_path / "a" / "plan") as building:
        (building / "x.txt").write_text("x")
    assert (tmp_path / "a" / "plan" / "x.txt").read_text() == "x"


@pytest.mark.parametrize("interruption", [RuntimeError("solver failed"), KeyboardInterrupt()])
def test_an_exception_keeps_the_previous_outputs_and_removes_the_temporary_folder(tmp_path, interruption):
    out = tmp_path / "plan"
    out.mkdir()
    (out / "plan.json").write_text("old")
    with pytest.raises(type(interruption)), atomic_output_dir(out) as building:
        (building / "plan.json").write_text("half")
        raise interruption
    assert (out / "plan.json").read_text() == "old"
    assert sorted(p.name for p in out.iterdir()) == ["plan.json"]
    assert leftovers(tmp_path) == []


def test_safe_filename_examples():
    assert safe_filename("琼D·30451") == "琼D_30451"
    assert safe_filename("../../etc/passwd") == "etc_passwd"
    assert safe_filename("..") == "unnamed"
    assert safe_filename("CON") == "_CON"
    assert safe_filename("乌烈女工 A001") == "乌烈女工_A001"
    assert len(safe_filename("站" * 500)) == 80


@given(st.text(max_size=200))
def test_safe_filename_is_always_a_plain_name(text):
    name = safe_filename(text)
    assert name and name not in (".", "..") and ".." not in name
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert len(name) <= 80 and len(name.encode("utf-8")) <= 255


def test_paths_outside_the_output_folder_are_refused(tmp_path):
    assert path_inside(tmp_path, "manifests", "V01.html") == (tmp_path / "manifests" / "V01.html").resolve()
    for parts in (("..", "x"), ("/etc/passwd",), ("a", "..", "..", "b")):
        with pytest.raises(UnsafePathError):
            path_inside(tmp_path, *parts)


def test_write_json_keeps_chinese_and_order(tmp_path):
    path = write_json(tmp_path / "plan.json", {"date": dt.date(2026, 12, 1), "站点": "乌烈", "a": [1, 2]})
    text = path.read_text(encoding="utf-8")
    assert '"站点": "乌烈"' in text and text.endswith("\n")
    assert list(json.loads(text)) == ["date", "站点", "a"]
    assert json.loads(text)["date"] == "2026-12-01"


def test_csv_safe_neutralises_formula_triggers():
    for dangerous in ("=1+1", "+86", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert csv_safe(dangerous) == "'" + dangerous
    for harmless in ("符秀英", "A001", "", 3, -2.5, None):
        assert csv_safe(harmless) == harmless
