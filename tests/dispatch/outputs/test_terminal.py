"""Terminal summaries: aligned columns with Chinese text, totals, unplaced grouped by station."""

from __future__ import annotations

import dataclasses
import re

from hypothesis import given
from hypothesis import strategies as st

from dispatch.outputs.html import render_manifests
from dispatch.outputs.terminal import bus_days_table, display_width, pad, summary_table, unplaced_by_station
from dispatch.plan import DayPlan, PlanStop
from dispatch.reasons import NO_SEAT, Unplaced

MIXED_TEXT = st.text(alphabet=st.sampled_from("aZ9 ·-石碌镇琼Ｄ驿站"), max_size=12)


def cells(line: str) -> list[str]:
    """The terminal cells a line fills: a wide character takes two."""
    return [c for ch in line for c in ((ch, "") if display_width(ch) == 2 else (ch,))]


def column_gaps(rule: str) -> list[int]:
    return [i for i in range(1, len(rule)) if rule[i] == " " and rule[i - 1] == "-"]


def assert_columns_align(table: str) -> None:
    """Every line has blanks where the rule under the header has its gaps."""
    lines = table.splitlines()
    rule = next(line for line in lines if set(line) <= {"-", " "} and "-" in line)
    gaps = column_gaps(rule)
    for line in lines:
        row = cells(line)
        assert all(g >= len(row) or row[g] == " " for g in gaps), line


def test_display_width_counts_chinese_twice() -> None:
    assert display_width("V01") == 3
    assert display_width("石碌") == 4
    assert display_width("琼D·12345") == 9
    assert display_width("Ｄ") == 2


@given(text=MIXED_TEXT, width=st.integers(min_value=0, max_value=30), right=st.booleans())
def test_pad_fills_to_the_width_and_never_cuts(text: str, width: int, right: bool) -> None:
    padded = pad(text, width, right=right)
    assert display_width(padded) == max(width, display_width(text))
    assert padded.strip(" ") == text.strip(" ")
    assert padded.endswith(text) if right else padded.startswith(text)


def test_summary_table_lists_each_run_then_totals(tiny_plan: DayPlan) -> None:
    text = summary_table(tiny_plan)
    lines = text.splitlines()
    assert lines[0] == "2026-12-01: 5 of 5 requested workers placed, 1 applicants unplaced"
    body = [line for line in lines if line.startswith(("V0", "total"))]
    assert [line.split()[0] for line in body] == ["V01", "V02", "V01", "total"]
    assert body[0].split() == ["V01", "琼D·12345", "早班", "morning", "3", "3/19", "05:30", "3", "52.4", "95", "0"]
    assert body[2].split()[2:4] == ["晚班", "evening"]
    assert body[3].split() == ["total", "2", "buses", "3", "runs", "8", "8", "105.3", "205", "0"]


def test_bus_days_table_gives_each_bus_one_line_for_its_day_and_totals(tiny_plan: DayPlan) -> None:
    text = bus_days_table(tiny_plan)
    body = [line.split() for line in text.splitlines() if line.startswith(("V0", "total"))]
    assert [line[0] for line in body] == ["V01", "V02", "total"]
    assert body[0][1:4] == ["早班+晚班", "05:30", "18:00"] and body[0][-2:] == ["W01", "06:30-16:30"]
    assert body[1][1:4] == ["早班", "07:20", "07:45"] and body[1][5] == "480"
    assert body[2][-2:] == ["105.3", str(round(sum(float(line[7]) for line in body[:2]), 1))]
    assert_columns_align(text.split("\n\n", 1)[1])


def test_summary_table_columns_align_with_chinese_plates(tiny_plan: DayPlan) -> None:
    assert_columns_align(summary_table(tiny_plan).split("\n\n", 1)[1])


def test_terminal_text_shows_no_id_numbers_or_phones(tiny_plan: DayPlan) -> None:
    text = summary_table(tiny_plan) + unplaced_by_station(tiny_plan)
    scenario = tiny_plan.scenario
    secrets = [a.id_number for a in scenario.applications] + [a.phone for a in scenario.applications]
    secrets += [v.driver_phone for v in scenario.fleet]
    assert not [s for s in secrets if s in text]


def test_summary_table_of_an_empty_day(tiny_plan: DayPlan) -> None:
    empty = dataclasses.replace(tiny_plan, runs=(), assignments=())
    lines = summary_table(empty).splitlines()
    assert lines[-1].split() == ["total", "0", "buses", "0", "runs", "0", "0", "0.0", "0", "0"]


def test_unplaced_grouped_by_station_with_reason_counts(tiny_plan: DayPlan) -> None:
    text = unplaced_by_station(tiny_plan)
    assert text.splitlines()[0] == "Unplaced 未安排: 1"
    assert "乌烈镇就业驿站 (S02): 1 (no_matching_order 1)" in text
    assert "黎明" in text and "no order on 2026-12-01 asks for 电焊" in text


def test_unplaced_counts_several_reasons_per_station(tiny_plan: DayPlan) -> None:
    more = (
        *tiny_plan.unassigned,
        Unplaced("A004", NO_SEAT, "no free seat reaches 十月田包装车间 by 08:00"),
        Unplaced("A005", NO_SEAT, "no free seat reaches 十月田包装车间 by 08:00"),
        Unplaced("A003", "unreachable_in_time", "too far to arrive by 07:00"),
    )
    text = unplaced_by_station(dataclasses.replace(tiny_plan, unassigned=more))
    assert "石碌镇就业驿站 (S01): 3 (no_seat 2, unreachable_in_time 1)" in text
    assert text.index("(S01)") < text.index("(S02)")
    lines = text.splitlines()
    s01 = next(i for i, line in enumerate(lines) if "(S01)" in line)
    assert_columns_align("\n".join(lines[s01 + 1:s01 + 6]))


def test_unplaced_with_an_unknown_application_is_grouped_under_a_question_mark(tiny_plan: DayPlan) -> None:
    plan = dataclasses.replace(tiny_plan, unassigned=(Unplaced("A999", NO_SEAT, "no seat"),))
    assert "?: 1 (no_seat 1)" in unplaced_by_station(plan)


def test_everyone_placed_says_so(tiny_plan: DayPlan) -> None:
    assert "All available applicants are placed" in unplaced_by_station(dataclasses.replace(tiny_plan, unassigned=()))


def test_a_run_shows_its_peak_load_against_seats_and_the_stops_its_manifest_numbers(tiny_plan: DayPlan) -> None:
    """Two alight and two more board on the way: five boardings on three seats, never more than three aboard."""
    evening = tiny_plan.runs[2]
    depot, site, s02, s01 = evening.stops
    w02 = tiny_plan.scenario.sites_by_id["W02"]
    again = PlanStop("pickup", "W02", w02.lat, w02.lon, 17 * 60 + 45, 17 * 60 + 50, board=("A004", "A005"), load=3)
    last = dataclasses.replace(s01, alight=("A003", "A004", "A005"))
    run = dataclasses.replace(evening, seats=3, stops=(depot, site, s02, again, last))
    plan = dataclasses.replace(tiny_plan, runs=(*tiny_plan.runs[:2], run))
    row = next(line for line in summary_table(plan).splitlines() if "evening" in line).split()
    assert row[4:8] == ["5", "3/3", "16:30", "4"]
    page = render_manifests(plan)["manifest_evening_V01.html"]
    numbered = re.findall(r'<tr><td class="num">(\d+)</td>', page.split("<h2>停靠站点")[1].split("</table>")[0])
    assert numbered == ["1", "2", "3", "4"]
