"""The bundled Changjiang day loads, has the shape the brief promises, and regenerates identically."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from data.idcard import birth_date
from data.make_sample import write_sample
from data.reader import load_scenario
from data.samples import CHANGJIANG

DAY = dt.date(2026, 12, 1)
COUNTY = (18 + 53 / 60, 19.5, 108 + 38 / 60, 109 + 17 / 60)


@pytest.fixture(scope="module")
def sample():
    return load_scenario(CHANGJIANG)


def test_sample_loads_with_expected_counts(sample):
    assert (len(sample.stations), len(sample.sites), len(sample.orders), len(sample.fleet)) == (10, 17, 18, 13)
    assert len(sample.applications) == 345
    assert sum(a.available_on(DAY) for a in sample.applications) == 330
    assert sample.dates() == (DAY,)
    assert 280 <= sum(o.workers for o in sample.orders) <= 320


def test_stations_are_inside_the_county(sample):
    south, north, west, east = COUNTY
    assert all(south <= s.lat <= north and west <= s.lon <= east for s in sample.stations)
    assert {s.town for s in sample.stations} >= {
        "石碌镇", "叉河镇", "十月田镇", "乌烈镇", "昌化镇", "海尾镇", "七叉镇", "王下乡",
    }


def test_fleet_is_45_and_19_seat_buses_from_five_to_nine(sample):
    assert {v.seats for v in sample.fleet} == {45, 19}
    assert {(v.available_from, v.available_to) for v in sample.fleet} == {(300, 1260)}
    assert sum(v.seats for v in sample.fleet) >= sum(o.workers for o in sample.orders)


def test_applicants_make_a_realistic_day(sample):
    available = [a for a in sample.applications if a.available_on(DAY)]
    ordered = {o.skill for o in sample.orders}
    assert any(not set(a.skills) & ordered for a in available), "someone offers a skill nobody orders"
    pickers = sum("采摘" in a.skills for a in available)
    assert pickers > sum(o.workers for o in sample.orders if o.skill == "采摘")
    teams = Counter(a.team for a in sample.applications if a.team)
    assert "乌烈女工" in teams and "十月田包装工" in teams and all(6 <= n <= 25 for n in teams.values())
    assert 0.05 <= sum(a.priority for a in sample.applications) / len(sample.applications) <= 0.12
    births = [birth_date(a.id_number) for a in sample.applications]
    known = [born for born in births if born is not None]
    assert len(known) == len(births), "every sample ID number gives a birth date"
    ages = {(DAY - born).days // 365.25 for born in known}
    assert min(ages) >= 18 and max(ages) <= 60


def test_generator_reproduces_the_committed_files(tmp_path):
    write_sample(tmp_path)
    for committed in sorted(CHANGJIANG.iterdir()):
        assert (tmp_path / committed.name).read_bytes() == committed.read_bytes(), committed.name
