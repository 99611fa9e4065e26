"""HTML manifests: one printable page per bus run, masked numbers, escaped text, and golden pages.

Set SHUTTLE_UPDATE_GOLDEN=1 to rewrite the golden pages under tests/dispatch/outputs/golden/ after a deliberate change.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import Any

import markupsafe
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dispatch.outputs.html import INDEX_FILE, manifest_file_name, render_manifests
from dispatch.plan import DayPlan, DriverRest

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_GOLDEN = os.environ.get("SHUTTLE_UPDATE_GOLDEN") == "1"
TINY_FILES = {"manifest_morning_V01.html", "manifest_morning_V02.html", "manifest_evening_V01.html", INDEX_FILE}


def seat_rows(page: str) -> list[str]:
    """The rows of the passenger table, one string per seat."""
    table = page.split('<table class="seats">', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], flags=re.S)


def first_cell(row: str, pattern: str) -> str:
    """The first group of `pattern`'s first match in a row (which must have one)."""
    match = re.search(pattern, row)
    assert match is not None, row
    return match.group(1)


def with_applicant(plan: DayPlan, app_id: str, **changes: Any) -> DayPlan:
    """The plan over a scenario where one application has other field values."""
    scenario = plan.scenario
    apps = tuple(dataclasses.replace(a, **changes) if a.application_id == app_id else a for a in scenario.applications)
    return dataclasses.replace(plan, scenario=dataclasses.replace(scenario, applications=apps))


def test_one_page_per_bus_run_and_an_index(tiny_plan: DayPlan) -> None:
    assert set(render_manifests(tiny_plan)) == TINY_FILES


def test_pages_are_complete_printable_and_self_contained(tiny_plan: DayPlan) -> None:
    for name, page in render_manifests(tiny_plan).items():
        assert page.startswith("<!DOCTYPE html>"), name
        assert '<meta charset="utf-8">' in page, name
        assert "size: A4" in page, name
        assert page.rstrip().endswith("</html>"), name
        assert not re.search(r"(src|href)=\"(https?:)?//|@import|url\(", page), name


def test_morning_manifest_lists_the_bus_stops_and_seats(tiny_plan: DayPlan) -> None:
    page = render_manifests(tiny_plan)["manifest_morning_V01.html"]
    for fact in ("2026-12-01", "早班 去程", "琼D·12345", "王师傅", "05:30", "3 / 19"):
        assert fact in page
    rows = seat_rows(page)
    assert [first_cell(r, r'<td class="nowrap[^"]*">([^<]+)</td>') for r in rows] == ["陈亚妹", "符秀英", "王丽梅"]
    assert "4690**********001X" in rows[1] and "13800138001" in rows[1]
    assert "<td>第2站 乌烈镇就业驿站</td><td class=\"nowrap\">06:05</td>" in rows[1]
    assert "<td>第3站 叉河芒果园</td>" in rows[1]
    assert "<td>第1站 石碌镇就业驿站</td><td class=\"nowrap\">05:35</td>" in rows[0]
    assert "昌江芒果合作社" in rows[1]
    assert "停靠 <span class=\"en\">Stops</span></td><td>3 站" in page
    assert [("带头人" in r) for r in rows] == [False, True, False]
    assert all(r.rstrip().endswith('<td class="sign"></td>') for r in rows)
    assert "叉河芒果园" in page.split('<table class="seats">')[0]


def test_evening_manifest_is_the_return_trip(tiny_plan: DayPlan) -> None:
    page = render_manifests(tiny_plan)["manifest_evening_V01.html"]
    assert "晚班 返程" in page and "16:30" in page
    assert all("17:05" in r for r in seat_rows(page))


def test_a_manifest_carries_its_own_riders_and_drivers_phones_and_no_id_number(tiny_plan: DayPlan) -> None:
    scenario = tiny_plan.scenario
    phones = {a.application_id: a.phone for a in scenario.applications}
    pages = render_manifests(tiny_plan)
    for run in tiny_plan.runs:
        page = pages[manifest_file_name(run.trip, run.vehicle_id)]
        shown = {app_id for app_id, phone in phones.items() if phone in page}
        assert shown == set(run.passengers)
        assert [v.vehicle_id for v in scenario.fleet if v.driver_phone in page] == [run.vehicle_id]
    for name, page in pages.items():
        assert not [a.id_number for a in scenario.applications if a.id_number in page], name
    assert not [p for p in [*phones.values(), *(v.driver_phone for v in scenario.fleet)] if p in pages[INDEX_FILE]]


def test_the_index_shows_the_peak_load_against_the_seats_and_boardings_apart(tiny_plan: DayPlan) -> None:
    rows = re.findall(r"<tr>(.*?)</tr>", render_manifests(tiny_plan)[INDEX_FILE].split("<tbody>")[1], flags=re.S)
    evening = next(r for r in rows if "晚班" in r)
    assert '<td class="num">3 / 19</td><td class="num">3</td>' in evening


def test_markup_in_names_prints_as_text(tiny_plan: DayPlan) -> None:
    plan = with_applicant(tiny_plan, "A003", name='<script>alert("x")</script>', team='"><img src=x onerror=1>')
    page = render_manifests(plan)["manifest_morning_V01.html"]
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "&#34;&gt;&lt;img src=x onerror=1&gt;" in page


def test_index_links_every_manifest(tiny_plan: DayPlan) -> None:
    pages = render_manifests(tiny_plan)
    links = re.findall(r'<a href="([^"]+)">', pages[INDEX_FILE])
    assert links == ["manifest_morning_V01.html", "manifest_morning_V02.html", "manifest_evening_V01.html"]
    assert "未安排 <span class=\"en\">unplaced</span> 1 人" in pages[INDEX_FILE]


def test_a_day_without_buses_still_has_an_index(tiny_plan: DayPlan) -> None:
    pages = render_manifests(dataclasses.replace(tiny_plan, runs=()))
    assert list(pages) == [INDEX_FILE]
    assert "今日无车次" in pages[INDEX_FILE]


@pytest.mark.parametrize(
    ("vehicle_id", "expected"),
    [("V01", "manifest_morning_V01.html"), ("../etc/passwd", "manifest_morning_etc_passwd.html"),
     ("琼D 1", "manifest_morning_琼D_1.html"), ("车", "manifest_morning_车.html")],
)
def test_file_names_are_safe(vehicle_id: str, expected: str) -> None:
    assert manifest_file_name("morning", vehicle_id) == expected


def test_vehicle_ids_that_clean_up_alike_get_distinct_files(tiny_plan: DayPlan) -> None:
    v01, v02 = tiny_plan.runs[0], tiny_plan.runs[1]
    runs = (dataclasses.replace(v01, vehicle_id="V/1"), dataclasses.replace(v02, vehicle_id="V:1"))
    assert set(render_manifests(dataclasses.replace(tiny_plan, runs=runs))) == {
        "manifest_morning_V_1.html", "manifest_morning_V_1_2.html", INDEX_FILE}


def test_rendering_is_deterministic(tiny_plan: DayPlan) -> None:
    again = dataclasses.replace(tiny_plan, runs=tuple(reversed(tiny_plan.runs)))
    assert render_manifests(again) == render_manifests(tiny_plan)


@pytest.mark.parametrize("name", ["manifest_morning_V01.html", INDEX_FILE])
def test_golden_pages(tiny_plan: DayPlan, name: str) -> None:
    page = render_manifests(tiny_plan)[name]
    golden = GOLDEN / name
    if UPDATE_GOLDEN:
        golden.write_text(page, encoding="utf-8")
    assert page == golden.read_text(encoding="utf-8"), (
        f"{name} differs from {golden}; rerun with SHUTTLE_UPDATE_GOLDEN=1 if intended"
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(alphabet=st.sampled_from("<>&\"'/= a王丽梅"), min_size=1, max_size=20))
def test_any_name_is_printed_escaped(tiny_plan: DayPlan, name: str) -> None:
    """The fixture is only read: each example builds its own plan."""
    page = render_manifests(with_applicant(tiny_plan, "A003", name=name))["manifest_morning_V01.html"]
    first_seat = seat_rows(page)[0]
    assert first_cell(first_seat, r'<td class="nowrap[^"]*">(.*?)</td>') == markupsafe.escape(name)


def test_a_drivers_rest_is_printed_under_the_stops(tiny_plan: DayPlan) -> None:
    rest = DriverRest(before=3, start=6 * 60 + 10, minutes=20, on_road=True)
    runs = (dataclasses.replace(tiny_plan.runs[0], rests=(rest,)), *tiny_plan.runs[1:])
    pages = render_manifests(dataclasses.replace(tiny_plan, runs=runs))
    page = pages["manifest_morning_V01.html"]
    assert "驾驶员休息 06:10–06:30（20 分钟），途中，开往昌江芒果合作社 叉河芒果园" in page
    assert "Driver rest 06:10–06:30 (20 min) on the road to 昌江芒果合作社 叉河芒果园" in page
    assert "驾驶员休息" not in pages["manifest_morning_V02.html"]
