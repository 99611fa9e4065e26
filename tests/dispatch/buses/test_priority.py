"""Hardship first when seats are scarce: a one-for-one swap within a load."""

from __future__ import annotations

import datetime as dt

from data.records import Application, Order
from dispatch.buses.loads import Load
from dispatch.buses.priority import seat_hardship_first
from dispatch.reasons import NO_SEAT, ORDER_FULL, Unplaced

DAY = dt.date(2026, 12, 1)
ORDERS = {"O1": Order("O1", "W1", DAY, 2, "采摘", 420, 1020), "O2": Order("O2", "W2", DAY, 2, "包装", 480, 1080)}


def _app(app_id, station="S1", skills=("采摘",), priority=False, team=None):
    return Application(app_id, app_id, "女", "", "", station, "村", skills, (DAY,), team, False, priority)


def _run(apps, riders, unplaced):
    return seat_hardship_first(riders, unplaced, {a.application_id: a for a in apps}, ORDERS)


def test_seatless_hardship_case_takes_the_seat_of_a_neighbour_with_the_same_skill():
    apps = [_app("A1"), _app("A2"), _app("H1", priority=True)]
    riders = (Load("S1>O1#1", "S1", "O1", "W1", ("A1", "A2")),)
    loads, unplaced = _run(apps, riders, [Unplaced("H1", NO_SEAT, "no seat")])
    assert loads[0].passengers == ("A1", "H1")
    assert [(u.application_id, u.reason) for u in unplaced] == [("A2", NO_SEAT)]
    assert "hardship" in unplaced[0].detail


def test_no_swap_across_stations_skills_teams_or_other_reasons():
    apps = [_app("A1", station="S2"), _app("A2", skills=("包装",)), _app("T1", team="乌烈女工"),
            _app("H1", priority=True), _app("H2", priority=True)]
    riders = (
        Load("S2>O1#1", "S2", "O1", "W1", ("A1",)),
        Load("S1>O2#1", "S1", "O2", "W2", ("A2",)),
        Load("S1>O1#1", "S1", "O1", "W1", ("T1",)),
    )
    unplaced = [Unplaced("H1", NO_SEAT, "no seat"), Unplaced("H2", ORDER_FULL, "full")]
    loads, after = _run(apps, riders, unplaced)
    assert loads == riders
    assert after == sorted(unplaced, key=lambda u: u.application_id)


def test_seatless_worker_turned_away_lately_takes_a_seat_after_hardship_cases():
    apps = [_app("A1"), _app("A2"), _app("H1", priority=True), _app("R1"), _app("R2")]
    riders = (Load("S1>O1#1", "S1", "O1", "W1", ("A1", "H1", "R2")),)
    unplaced = [Unplaced("R1", NO_SEAT, "no seat"), Unplaced("A2", NO_SEAT, "no seat")]
    loads, after = seat_hardship_first(riders, unplaced, {a.application_id: a for a in apps}, ORDERS,
                                       first={"R1", "R2"})
    assert loads[0].passengers == ("R1", "H1", "R2")  # A1 gave up the seat; neither H1 nor R2 would
    assert [u.application_id for u in after] == ["A1", "A2"]
    assert "recent day" in after[0].detail
    without, _ = _run(apps, riders, unplaced)
    assert without == riders
