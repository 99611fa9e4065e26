"""Bus loads: grouped by station and order, never larger than a bus, teams kept together."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from data.records import Application
from dispatch.buses.loads import make_loads

DAY = dt.date(2026, 12, 1)


def _app(i: int, station: str = "S1", team: str | None = None, leader: bool = False) -> Application:
    return Application(f"A{i:03d}", f"工人{i}", "女", "", "", station, "村", ("采摘",), (DAY,), team, leader)


def _loads(apps, matches, capacity):
    return make_loads(matches, {a.application_id: a for a in apps}, {"O1": "W1", "O2": "W2"}, capacity)


def test_groups_by_station_and_order():
    apps = [_app(1, "S1"), _app(2, "S1"), _app(3, "S2")]
    loads = _loads(apps, [("A001", "O1"), ("A002", "O2"), ("A003", "O1")], 45)
    assert [(load.station_id, load.order_id, load.passengers) for load in loads] == [
        ("S1", "O1", ("A001",)),
        ("S1", "O2", ("A002",)),
        ("S2", "O1", ("A003",)),
    ]
    assert loads[0].site_id == "W1" and loads[1].site_id == "W2"


def test_team_that_fits_a_bus_is_never_split():
    singles = [_app(i) for i in range(1, 9)]
    team = [_app(i, team="乌烈女工", leader=(i == 20)) for i in range(20, 26)]
    apps = singles + team
    loads = _loads(apps, [(a.application_id, "O1") for a in apps], 10)
    holding_team = [load for load in loads if set(load.passengers) & {a.application_id for a in team}]
    assert len(holding_team) == 1
    assert {a.application_id for a in team} <= set(holding_team[0].passengers)
    assert sorted(p for load in loads for p in load.passengers) == sorted(a.application_id for a in apps)


def test_team_larger_than_a_bus_fills_whole_loads_with_the_leader_first():
    team = [_app(i, team="十月田包装工", leader=(i == 30)) for i in range(1, 31)]
    loads = _loads(team, [(a.application_id, "O1") for a in team], 19)
    assert [load.size for load in loads] == [19, 11]
    assert loads[0].passengers[0] == "A030"


@given(
    sizes=st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=6),
    singles=st.integers(min_value=0, max_value=40),
    capacity=st.integers(min_value=1, max_value=45),
)
def test_loads_respect_capacity_and_keep_everyone(sizes, singles, capacity):
    apps, n = [], 0
    for t, size in enumerate(sizes):
        for _ in range(size):
            n += 1
            apps.append(_app(n, team=f"T{t}"))
    for _ in range(singles):
        n += 1
        apps.append(_app(n))
    loads = _loads(apps, [(a.application_id, "O1") for a in apps], capacity)
    assert all(1 <= load.size <= capacity for load in loads)
    assert sorted(p for load in loads for p in load.passengers) == sorted(a.application_id for a in apps)
    for t, size in enumerate(sizes):
        members = {a.application_id for a in apps if a.team == f"T{t}"}
        holding = [load for load in loads if members & set(load.passengers)]
        assert len(holding) == -(-size // capacity)  # split only as often as the bus size forces
