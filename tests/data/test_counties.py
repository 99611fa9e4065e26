"""The county a point lies in, from the shipped boundaries: the bundled places, borders, the coast, names."""

from __future__ import annotations

import json

import pytest
import shapely

from data.counties import BOUNDARIES, COAST_M, counties, county_at, county_named, county_of_most
from data.reader import load_scenario
from data.samples import CHANGJIANG


def test_the_shipped_file_holds_hainans_19_counties_as_a_valid_coverage():
    names = [county.name for county in counties()]
    assert len(names) == 19 and len(set(names)) == 19
    assert {"海口市", "三亚市", "三沙市", "儋州市", "昌江黎族自治县", "琼中黎族苗族自治县"} <= set(names)
    outlines = [county.outline for county in counties()]
    assert all(outline.is_valid for outline in outlines)
    assert shapely.coverage_is_valid(outlines)  # no overlaps between neighbours
    assert "MIT" in json.loads(BOUNDARIES.read_text(encoding="utf-8"))["source"]


def test_every_bundled_station_lies_in_changjiang():
    scenario = load_scenario(CHANGJIANG)
    assert {county_at(lat=s.lat, lon=s.lon) for s in scenario.stations} == {"昌江黎族自治县"}


@pytest.mark.parametrize(("site_id", "county"), [
    ("W11", "东方市"), ("W12", "乐东黎族自治县"), ("W13", "三亚市"), ("W14", "儋州市"), ("W15", "海口市"),
    ("W01", "昌江黎族自治县"),
])
def test_bundled_sites_lie_in_their_counties(site_id, county):
    site = load_scenario(CHANGJIANG).sites_by_id[site_id]
    assert county_at(lat=site.lat, lon=site.lon) == county


def test_a_point_just_off_the_coast_counts_to_the_county_beyond_it_does_not():
    # Basuo (东方) harbour is on the coast at about 108.62 E; the sea west of it is Dongfang's to ~2 km
    assert county_at(lat=19.10, lon=108.615) == "东方市"
    offshore_km = COAST_M / 1000 + 3
    assert county_at(lat=19.10, lon=108.60 - offshore_km / 105) == ""


def test_points_off_the_island_lie_in_no_county():
    assert county_at(lat=21.27, lon=110.36) == ""  # Zhanjiang, Guangdong
    assert county_at(lat=39.915, lon=116.404) == ""  # Beijing


def test_arguments_are_named():
    with pytest.raises(TypeError):
        county_at(19.279, 109.052)  # type: ignore[call-arg]


@pytest.mark.parametrize(("written", "county"), [
    ("昌江黎族自治县", "昌江黎族自治县"), ("昌江", "昌江黎族自治县"), ("昌江县", "昌江黎族自治县"),
    ("海南省昌江黎族自治县", "昌江黎族自治县"), (" 东方市 ", "东方市"), ("海口市龙华区", "海口市"),
    ("广东省湛江市", None), ("", None), ("龙华区", None),
])
def test_written_county_names(written, county):
    assert county_named(written) == county


def test_the_county_of_most_points_needs_more_than_half():
    shilu, wulie, basuo = (19.279, 109.052), (19.365, 108.8), (19.1, 108.63)
    assert county_of_most([shilu, wulie, basuo]) == "昌江黎族自治县"
    assert county_of_most([shilu, basuo]) == ""  # one each: a province's folder has no home county
    assert county_of_most([shilu, (21.27, 110.36)]) == ""  # off the island counts against
    assert county_of_most([]) == ""
