"""Drivers rest 20 minutes after 4 hours of driving: runs that would break it are named."""

from __future__ import annotations

from dispatch.driving import rest_warnings
from dispatch.plan import BusRun, PlanStop


def _run(times: list[tuple[int, int]]) -> BusRun:
    stops = tuple(PlanStop("pickup", f"P{i}", 19.0, 109.0, a, d) for i, (a, d) in enumerate(times))
    return BusRun("V1", "琼D·1", "司机", 45, "morning", 300.0, 400.0, stops)


def test_four_hours_and_a_bit_without_a_rest_is_named():
    warning = rest_warnings((_run([(300, 300), (420, 425), (550, 560)]),))
    assert len(warning) == 1 and "V1" in warning[0] and "4 h 05 min" in warning[0]


def test_a_twenty_minute_stop_resets_the_driving_time():
    assert rest_warnings((_run([(300, 300), (420, 440), (560, 565), (680, 690)]),)) == ()


def test_exactly_four_hours_is_allowed(tiny_plan):
    assert rest_warnings((_run([(300, 300), (540, 545)]),)) == ()
    assert rest_warnings(tiny_plan.runs) == ()
