"""Station boarding lists and employer arrival lists: a page per place, who boards or arrives when."""

from __future__ import annotations

import dataclasses
import io

import pytest
from pypdf import PdfReader

from dispatch.outputs.pdf import RenderedPdfs, render_site_lists, render_station_lists

_RENDERED: dict[str, RenderedPdfs] = {}


def page_texts(data: bytes) -> list[str]:
    """Each page's text with whitespace removed."""
    return ["".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def station_pages(tiny_plan) -> list[str]:
    if "stations" not in _RENDERED:
        _RENDERED["stations"] = render_station_lists(tiny_plan)
    result = _RENDERED["stations"]
    assert list(result.files) == ["stations_2026-12-01.pdf"] and result.missing_glyphs == ()
    return page_texts(result.files["stations_2026-12-01.pdf"])


@pytest.fixture
def site_pages(tiny_plan) -> list[str]:
    if "sites" not in _RENDERED:
        _RENDERED["sites"] = render_site_lists(tiny_plan)
    result = _RENDERED["sites"]
    assert list(result.files) == ["sites_2026-12-01.pdf"] and result.missing_glyphs == ()
    return page_texts(result.files["sites_2026-12-01.pdf"])


def test_a_page_per_station_in_id_order(station_pages):
    assert len(station_pages) == 2
    assert "驿站乘车名单—石碌镇就业驿站" in station_pages[0]
    assert "驿站乘车名单—乌烈镇就业驿站" in station_pages[1]


def test_station_page_lists_each_bus_and_who_boards(station_pages):
    shilu, wulie = station_pages
    assert "05:35在本站上车，琼D·12345，开往昌江芒果合作社叉河芒果园" in shilu
    assert "07:25在本站上车，琼D·67890，开往十月田包装厂十月田包装车间" in shilu
    assert "18:00返程到站，琼D·12345" in shilu
    assert "上车人数：共3人" in shilu
    assert all(name in shilu for name in ("陈亚妹", "吉文光", "羊小兰"))
    assert all(name in wulie for name in ("符秀英", "王丽梅"))
    assert not any(name in wulie for name in ("陈亚妹", "吉文光", "羊小兰"))
    assert "黎明" not in shilu + wulie  # unplaced: on no bus


def test_a_page_per_site_with_arrivals_and_return(site_pages):
    mango, packing = site_pages
    assert "用工单位到达名单—昌江芒果合作社叉河芒果园" in mango
    assert "06:30到达，琼D·12345，自乌烈镇就业驿站、石碌镇就业驿站" in mango
    assert "17:05返程上车，琼D·12345" in mango
    assert "07:45到达，琼D·67890，自石碌镇就业驿站" in packing
    assert all(name in mango for name in ("符秀英", "王丽梅", "陈亚妹"))
    assert all(name in packing for name in ("吉文光", "羊小兰"))
    assert "用工单位签收" in mango


def test_lists_print_only_masked_numbers(tiny_plan, station_pages, site_pages):
    applications = tiny_plan.scenario.applications
    secrets = [a.id_number for a in applications] + [a.phone for a in applications]
    text = "".join(station_pages + site_pages)
    assert "138****8003" in text and "4690**********003X" in text
    assert not [s for s in secrets if s in text]


def test_english_lists(tiny_plan):
    pages = page_texts(render_station_lists(tiny_plan, lang="en").files["stations_2026-12-01.pdf"])
    assert "Stationboardinglist—石碌镇就业驿站" in pages[0]
    assert "05:35boardhere,琼D·12345,to昌江芒果合作社叉河芒果园" in pages[0]


def test_a_day_without_buses_prints_a_page_that_says_so(tiny_plan):
    empty = dataclasses.replace(tiny_plan, runs=(), assignments=())
    (stations,) = page_texts(render_station_lists(empty).files["stations_2026-12-01.pdf"])
    (sites,) = page_texts(render_site_lists(empty).files["sites_2026-12-01.pdf"])
    assert "本日无班车停靠" in stations and "本日无班车停靠" in sites


def test_each_worker_is_listed_once_with_the_bus_that_takes_them_back(tiny_plan, station_pages, site_pages):
    names = [a.name for a in tiny_plan.scenario.applications if a.application_id != "A006"]
    for pages in (station_pages, site_pages):
        assert {name: "".join(pages).count(name) for name in names} == dict.fromkeys(names, 1)
    shilu = station_pages[0]
    assert "陈亚妹女138****8003昌江芒果合作社叉河芒果园17:05琼D·12345" in shilu
    assert "吉文光男138****8004十月田包装厂十月田包装车间不安排返程" in shilu
    assert ("18:00返程到站，琼D·12345，自昌江芒果合作社叉河芒果园驾驶员：王师傅·驾驶员电话：13907551234·共1人"
            "其中1人已列于上方") in shilu


def test_station_and_site_staff_can_call_each_bus_driver(tiny_plan, station_pages, site_pages):
    """The driver's phone, whole, beside the driver's name wherever the bus calls; a bus without one
    in the fleet table prints the name alone."""
    assert "驾驶员：王师傅·驾驶员电话：13907551234·" in station_pages[0]
    assert "驾驶员：王师傅·驾驶员电话：13907551234·" in site_pages[0]
    fleet = tuple(dataclasses.replace(v, driver_phone="") for v in tiny_plan.scenario.fleet)
    plan = dataclasses.replace(tiny_plan, scenario=dataclasses.replace(tiny_plan.scenario, fleet=fleet))
    pages = page_texts(render_station_lists(plan).files["stations_2026-12-01.pdf"])
    assert "驾驶员：王师傅·共" in pages[0] and "驾驶员电话" not in "".join(pages)


def test_each_bus_has_its_own_signature_lines(station_pages, site_pages):
    shilu, mango = station_pages[0], site_pages[0]
    assert shilu.count("驾驶员签字（琼D·12345）") == 2 and shilu.count("驾驶员签字（琼D·67890）") == 1
    assert shilu.count("驿站工作人员签字") == 3
    assert mango.count("驾驶员签字（琼D·12345）") == 2 and mango.count("用工单位签收") == 2


def test_station_lists_give_the_dispatcher_to_call(tiny_plan):
    office = {"dispatcher": "王敏", "dispatcher_phone": "0898-26612345", "emergency_phone": "0898-26699999"}
    plan = dataclasses.replace(tiny_plan, scenario=dataclasses.replace(tiny_plan.scenario,
                                                                       settings={"outputs": office}))
    pages = page_texts(render_station_lists(plan).files["stations_2026-12-01.pdf"])
    assert all("调度员：王敏0898-26612345" in page and "应急电话：0898-26699999" in page for page in pages)


def test_a_long_employer_name_wraps_in_its_cell_rather_than_being_cut(tiny_plan):
    employer = "昌江十月田芒果专业种植合作社联合社第一生产基地"
    sites = tuple(dataclasses.replace(s, employer=employer) for s in tiny_plan.scenario.sites)
    plan = dataclasses.replace(tiny_plan, scenario=dataclasses.replace(tiny_plan.scenario, sites=sites))
    shilu = page_texts(render_station_lists(plan).files["stations_2026-12-01.pdf"])[0]
    assert f"陈亚妹女138****8003{employer}叉河芒果园" in shilu and "…" not in shilu
