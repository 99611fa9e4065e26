"""Orders in view: per order, asked for, coming, on which buses, and how many are missing and why, the
same in plan.json, the terminal, the workbook and the employer report."""

from __future__ import annotations

import dataclasses
import io

import pytest
from pypdf import PdfReader

from data.records import Order, Site
from dispatch import PlanSettings, plan_day
from dispatch.order_status import PLACED_ELSEWHERE, TOO_FEW_APPLICANTS, UNREACHABLE, BusCall, order_statuses
from dispatch.outputs import orders_table, plan_to_dict
from dispatch.outputs.pdf import render_employer_reports
from dispatch.outputs.workbook import workbook_tables
from dispatch.presentation import shortfalls_text
from dispatch.reasons import NO_SEAT, Unplaced
from tests.conftest import TINY_DATE

HAIKOU = Site("W09", "海口综保区电子厂", "海口综保区厂房", 20.01, 110.33)


def _by_id(plan):
    return {s.order.order_id: s for s in order_statuses(plan)}


def test_a_full_order_names_its_buses_both_ways(tiny_plan):
    pickers, packers = _by_id(tiny_plan)["O01"], _by_id(tiny_plan)["O02"]
    assert (pickers.requested, pickers.sent, pickers.short, pickers.shortfalls) == (3, 3, 0, ())
    assert pickers.arrivals == (BusCall("V01", "琼D·12345", 6 * 60 + 30, 3),)
    assert pickers.returns == (BusCall("V01", "琼D·12345", 17 * 60 + 5, 3),)
    assert packers.returns == ()  # no return trip asked
    assert pickers.arrive_by == 7 * 60 - 10


def test_workers_the_buses_left_behind_are_counted_against_their_order(tiny_plan):
    plan = dataclasses.replace(
        tiny_plan,
        assignments=tuple(a for a in tiny_plan.assignments if a.application_id != "A003"),
        unassigned=(*tiny_plan.unassigned, Unplaced("A003", NO_SEAT, "no seat", order_id="O01")),
    )
    pickers = _by_id(plan)["O01"]
    assert pickers.short == 1
    assert [(f.code, f.workers) for f in pickers.shortfalls] == [(NO_SEAT, 1)]
    assert shortfalls_text(plan, pickers, "zh") == "缺 1 人：班车座位已满"


def test_an_order_larger_than_its_applicants_says_how_many_could_come(tiny_plan):
    bigger = tuple(dataclasses.replace(o, workers=5) if o.order_id == "O01" else o
                   for o in tiny_plan.scenario.orders)
    plan = dataclasses.replace(tiny_plan, scenario=dataclasses.replace(tiny_plan.scenario, orders=bigger))
    pickers = _by_id(plan)["O01"]
    assert [(f.code, f.workers, f.applicants) for f in pickers.shortfalls] == [(TOO_FEW_APPLICANTS, 2, 3)]
    assert "能按时到达、具备“采摘”技能的报名者共 3 人" in shortfalls_text(plan, pickers, "zh")
    assert "3 with the skill 采摘" in shortfalls_text(plan, pickers, "en")


def test_applicants_taken_by_another_order_of_the_skill_are_said_so(tiny_plan):
    scenario = tiny_plan.scenario
    twin = Order("O03", "W02", TINY_DATE, 1, "采摘", 8 * 60, 18 * 60)
    plan = dataclasses.replace(tiny_plan, scenario=dataclasses.replace(scenario, orders=(*scenario.orders, twin)))
    assert [(f.code, f.workers, f.applicants) for f in _by_id(plan)["O03"].shortfalls] == [(PLACED_ELSEWHERE, 1, 3)]


@pytest.fixture
def far_plan(tiny_scenario):
    """The tiny day planned for real, with an order in Haikou whose shift starts at 06:00."""
    scenario = tiny_scenario
    far = Order("O09", HAIKOU.site_id, TINY_DATE, 4, "采摘", 6 * 60, 15 * 60)
    scenario = dataclasses.replace(scenario, sites=(*scenario.sites, HAIKOU), orders=(*scenario.orders, far))
    return plan_day(scenario, TINY_DATE, PlanSettings())


def test_an_order_no_bus_can_reach_is_named_with_its_earliest_arrival(far_plan):
    haikou = _by_id(far_plan)["O09"]
    assert haikou.sent == 0 and [(f.code, f.workers) for f in haikou.shortfalls] == [(UNREACHABLE, 4)]
    assert haikou.earliest_arrival is not None and haikou.earliest_arrival > haikou.arrive_by
    text = shortfalls_text(far_plan, haikou, "zh")
    earliest = f"{haikou.earliest_arrival // 60:02d}:{haikou.earliest_arrival % 60:02d}"
    assert text.startswith("缺 4 人：班车无法按时送达：最早 ") and earliest in text and "须在 05:50 前到达" in text


def test_the_unreachable_order_shows_in_plan_json_terminal_workbook_and_employer_report(far_plan):
    haikou = _by_id(far_plan)["O09"]
    earliest = f"{haikou.earliest_arrival // 60:02d}:{haikou.earliest_arrival % 60:02d}"
    entry = next(o for o in plan_to_dict(far_plan)["orders"] if o["order_id"] == "O09")
    assert (entry["requested"], entry["sent"], entry["short"], entry["earliest_arrival"]) == (4, 0, 4, earliest)
    assert entry["shortfalls"][0]["reason"] == UNREACHABLE
    assert f"the earliest possible arrival is {earliest}" in entry["shortfalls"][0]["detail"]

    line = next(row for row in orders_table(far_plan).splitlines() if row.startswith("O09"))
    assert "海口综保区电子厂" in line and "班车无法按时送达" in line and earliest in line

    sheet = next(t for t in workbook_tables(far_plan) if t.name == "用工需求")
    row = next(r for r in sheet.rows if r[0] == "O09")
    assert row[5:8] == (4, 0, 4) and "班车无法按时送达" in str(row[-1])

    rendered = render_employer_reports(far_plan)
    assert list(rendered.files) == ["employers_2026-12-01.pdf"] and rendered.missing_glyphs == ()
    pages = ["".join((p.extract_text() or "").split())
             for p in PdfReader(io.BytesIO(rendered.files["employers_2026-12-01.pdf"])).pages]
    assert len(pages) == 3  # one per employer
    page = next(p for p in pages if "海口综保区电子厂" in p)
    assert "用工单位派工确认单" in page and "班车无法按时送达" in page and earliest in page
