"""Scopes (乡内, 县内, 市外省内, 外省): a site's county and township as the table says, or from the boundaries."""

from __future__ import annotations

import dataclasses

from data.reader import load_scenario
from data.samples import CHANGJIANG
from ledger.places import home_county, scope, site_region

HOME = "昌江黎族自治县"


def test_the_bundled_sites_fall_in_their_real_counties_and_townships() -> None:
    scenario = load_scenario(CHANGJIANG)
    home = home_county(None, scenario.stations)
    assert home == HOME
    regions = {s.site_id: site_region(s, scenario.stations, home) for s in scenario.sites}
    assert regions["W06"] == (HOME, "昌化镇"), "nearer Dongfang's seat than Shilu, but inside 昌江"
    assert regions["W08"] == (HOME, "石碌镇")
    assert regions["W05"] == ("东方市", ""), "叉河毛豆基地's coordinates lie just across the county line"
    assert [regions[w][0] for w in ("W11", "W12", "W13", "W14", "W15")] == [
        "东方市", "乐东黎族自治县", "三亚市", "儋州市", "海口市"]


def test_the_table_wins_over_the_estimate_and_the_scopes() -> None:
    scenario = load_scenario(CHANGJIANG)
    site = dataclasses.replace(scenario.sites_by_id["W06"], county="广东省湛江市", town="")
    assert site_region(site, scenario.stations, HOME) == ("广东省湛江市", "")
    assert scope("乌烈镇", "广东省湛江市", "", HOME) == "外省"
    assert scope("乌烈镇", "东方市", "", HOME) == "市外省内"
    assert scope("乌烈镇", HOME, "乌烈镇", HOME) == "乡内"
    assert scope("乌烈镇", HOME, "石碌镇", HOME) == "县内"
    assert home_county("东方市", scenario.stations) == "东方市", "[ledger] county names the home county"
    assert home_county("昌江", scenario.stations) == HOME


def test_a_written_county_of_hainan_counts_in_the_province_and_a_site_off_the_island_out_of_it() -> None:
    scenario = load_scenario(CHANGJIANG)
    written = dataclasses.replace(scenario.sites_by_id["W06"], county="东方", town="")
    assert site_region(written, scenario.stations, HOME) == ("东方市", "")
    assert scope("乌烈镇", "三沙市", "", HOME) == "市外省内"
    zhanjiang = dataclasses.replace(scenario.sites_by_id["W06"], lat=21.27, lon=110.36, county="", town="")
    county, _ = site_region(zhanjiang, scenario.stations, HOME)
    assert scope("乌烈镇", county, "", HOME) == "外省"
