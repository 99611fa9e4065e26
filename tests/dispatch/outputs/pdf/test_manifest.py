"""Bus manifests: one A4 PDF per bus and trip, the font embedded, every name back out as text."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from dispatch.outputs.pdf import PLACEHOLDER, RenderedPdfs, render_manifest_pdfs
from dispatch.plan import DayPlan

A4_LANDSCAPE_PT = (842, 595)


def renamed(plan: DayPlan, **names: str) -> DayPlan:
    """The plan with some applicants' names changed (application id -> new name)."""
    apps = tuple(
        dataclasses.replace(a, name=names.get(a.application_id, a.name)) for a in plan.scenario.applications
    )
    return dataclasses.replace(plan, scenario=dataclasses.replace(plan.scenario, applications=apps))


def pdf_text(data: bytes) -> str:
    """All text of a PDF with whitespace removed (extractors space CJK characters unevenly)."""
    reader = PdfReader(io.BytesIO(data))
    return "".join("".join((page.extract_text() or "").split()) for page in reader.pages)


def embedded_font_files(data: bytes) -> list[str]:
    """For every font used on any page, the /FontFile key of its descriptor ('' when not embedded)."""
    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        resources = page["/Resources"]
        assert isinstance(resources, DictionaryObject)
        font_table = resources["/Font"]
        assert isinstance(font_table, DictionaryObject)
        for font in font_table.values():
            font = font.get_object()
            fonts = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for f in fonts:
                descriptor = f["/FontDescriptor"].get_object()
                found.append(next((k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in descriptor), ""))
    return found


_RENDERED: dict[str, RenderedPdfs] = {}


@pytest.fixture
def manifests(tiny_plan) -> RenderedPdfs:
    """The tiny plan's manifests, rendered once per test run (the plan fixture is always the same day)."""
    if "zh" not in _RENDERED:
        _RENDERED["zh"] = render_manifest_pdfs(tiny_plan)
    return _RENDERED["zh"]


def test_one_manifest_per_bus_and_trip(tiny_plan, manifests):
    assert sorted(manifests.files) == [
        "manifest_2026-12-01_evening_V01.pdf",
        "manifest_2026-12-01_morning_V01.pdf",
        "manifest_2026-12-01_morning_V02.pdf",
    ]
    assert manifests.missing_glyphs == ()


def test_pages_are_a4(manifests):
    for data in manifests.files.values():
        for page in PdfReader(io.BytesIO(data)).pages:
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4_LANDSCAPE_PT


def test_every_font_is_embedded(manifests):
    for data in manifests.files.values():
        files = embedded_font_files(data)
        assert files and all(files), files


def test_manifest_lists_its_passengers_and_only_them(tiny_plan, manifests):
    names = {a.application_id: a.name for a in tiny_plan.scenario.applications}
    for run in tiny_plan.runs:
        text = pdf_text(manifests.files[f"manifest_2026-12-01_{run.trip}_{run.vehicle_id}.pdf"])
        aboard = set(run.passengers)
        assert all(names[a] in text for a in aboard)
        assert not any(names[a] in text for a in names.keys() - aboard)


def test_manifest_header_facts_and_totals(manifests):
    text = pdf_text(manifests.files["manifest_2026-12-01_morning_V01.pdf"])
    for expected in ("务工直通车乘车人员名单", "2026-12-01", "琼D·12345", "王师傅", "05:30", "去程",
                     "石碌镇就业驿站", "乌烈镇就业驿站", "昌江芒果合作社", "06:30", "乌烈女工（带头人）",
                     "合计：上车3人次；最多同时在车3人（核定座位19座）", "停靠3站", "驾驶员签字",
                     "驿站工作人员签字", "签到", "备注"):
        assert expected in text, expected


def test_each_rider_line_names_the_call_and_time_of_boarding(manifests):
    text = pdf_text(manifests.files["manifest_2026-12-01_morning_V01.pdf"])
    assert "陈亚妹女4690**********003X13800138003第1站石碌镇就业驿站05:35第3站叉河芒果园" in text
    assert "符秀英女4690**********001X13800138001第2站乌烈镇就业驿站06:05第3站叉河芒果园" in text
    evening = pdf_text(manifests.files["manifest_2026-12-01_evening_V01.pdf"])
    assert "陈亚妹女4690**********003X13800138003第1站叉河芒果园17:05第3站石碌镇就业驿站" in evening


def test_driver_manifest_phones_whole_ids_masked(tiny_plan, manifests):
    applications = tiny_plan.scenario.applications_by_id
    text = pdf_text(manifests.files["manifest_2026-12-01_morning_V01.pdf"])
    assert "驾驶员电话：13907551234" in text
    assert all(applications[a].phone in text for a in ("A001", "A002", "A003"))
    assert not [a.phone for a in applications.values() if a.application_id not in ("A001", "A002", "A003")
                and a.phone in text]
    assert "13907555678" not in text  # the other bus's driver
    for data in manifests.files.values():
        text, raw = pdf_text(data), data.decode("latin-1")
        assert not [a.id_number for a in applications.values() if a.id_number in text or a.id_number in raw]


def test_a_setting_masks_workers_phones_on_the_manifest(tiny_plan):
    contacts = {"manifest_worker_phones": False, "dispatcher": "王敏", "dispatcher_phone": "0898-26612345"}
    plan = dataclasses.replace(tiny_plan, scenario=dataclasses.replace(tiny_plan.scenario,
                                                                       settings={"outputs": contacts}))
    text = pdf_text(render_manifest_pdfs(plan).files["manifest_2026-12-01_morning_V01.pdf"])
    assert "138****8003" in text and "13800138003" not in text
    assert "驾驶员电话：13907551234" in text and "调度员：王敏0898-26612345" in text


def test_missing_glyph_is_a_visible_placeholder_and_reported(tiny_plan):
    rare = "\U00020000"  # CJK Extension B: not in the bundled font
    result = render_manifest_pdfs(renamed(tiny_plan, A003=f"陈{rare}妹"))
    text = pdf_text(result.files["manifest_2026-12-01_morning_V01.pdf"])
    assert f"陈{PLACEHOLDER}妹" in text
    reported = {(m.file_name, m.text, m.characters) for m in result.missing_glyphs}
    assert ("manifest_2026-12-01_morning_V01.pdf", f"陈{rare}妹", rare) in reported
    assert ("manifest_2026-12-01_evening_V01.pdf", f"陈{rare}妹", rare) in reported
    assert all(m.file_name != "manifest_2026-12-01_morning_V02.pdf" for m in result.missing_glyphs)


def test_a_long_name_wraps_onto_three_lines_then_is_shortened_for_print_only(tiny_plan):
    long_name = "阿卜杜热合曼·买买提艾力·吐尔逊江·库尔班"
    plan = renamed(tiny_plan, A003=long_name)
    text = pdf_text(render_manifest_pdfs(plan).files["manifest_2026-12-01_morning_V01.pdf"])
    assert long_name not in text
    assert re.search(r"1阿卜杜热合曼·买买提艾力·\w+…女", text), "three lines, the last with an ellipsis"
    assert plan.scenario.applications_by_id["A003"].name == long_name


def test_english_labels_keep_chinese_names(tiny_plan):
    text = pdf_text(render_manifest_pdfs(tiny_plan, lang="en").files["manifest_2026-12-01_morning_V01.pdf"])
    assert "Shuttlepassengermanifest" in text and "Morning(out)" in text and "Driver'ssignature" in text
    assert "符秀英" in text and "务工直通车" not in text


def test_same_plan_same_bytes(tiny_plan):
    assert render_manifest_pdfs(tiny_plan).files == render_manifest_pdfs(tiny_plan).files


def test_unknown_language_is_refused(tiny_plan):
    with pytest.raises(ValueError, match="unknown language"):
        unknown: Any = "fr"  # as an untyped caller could pass it
        render_manifest_pdfs(tiny_plan, lang=unknown)


@pytest.mark.skipif(shutil.which("pdftoppm") is None or shutil.which("pdffonts") is None,
                    reason="poppler-utils not installed")
def test_poppler_renders_with_the_embedded_font(tmp_path, manifests):
    path = tmp_path / "m.pdf"
    path.write_bytes(manifests.files["manifest_2026-12-01_morning_V01.pdf"])
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    font_rows = fonts.splitlines()[2:]
    assert font_rows and all(" yes yes yes " in row for row in font_rows), fonts
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")], check=True,
                   capture_output=True)
    assert (tmp_path / "page-1.png").stat().st_size > 5_000


def with_crew(plan: DayPlan) -> DayPlan:
    """The tiny day with V01's depot named and an escort aboard, and W01's receiver given."""
    scenario = plan.scenario
    fleet = tuple(dataclasses.replace(v, depot="石碌客运站", escort="李秀梅", escort_phone="13600136000")
                  if v.vehicle_id == "V01" else v for v in scenario.fleet)
    sites = tuple(dataclasses.replace(s, contact="王文", contact_phone="13700137000") if s.site_id == "W01" else s
                  for s in scenario.sites)
    return dataclasses.replace(plan, scenario=dataclasses.replace(scenario, fleet=fleet, sites=sites))


def test_the_manifest_names_the_depot_the_escort_the_shift_and_the_receiver(tiny_plan):
    files = render_manifest_pdfs(with_crew(tiny_plan)).files
    text = pdf_text(files["manifest_2026-12-01_morning_V01.pdf"])
    assert "随车人员：李秀梅13600136000" in text
    assert "车场石碌客运站05:30" in text and "车场车场" not in text
    assert "第3站昌江芒果合作社叉河芒果园：07:00上班；接收人王文13700137000" in text
    other = pdf_text(files["manifest_2026-12-01_morning_V02.pdf"])
    assert "车场车场" in other and "随车人员：" not in other and "接收人" not in other


def test_a_parking_place_prints_in_the_font_like_every_other_name(tiny_plan):
    """A bus that waits at a parking place: its name (characters no other text of the day has) prints whole."""
    from data.records import Parking
    from dispatch.plan import PlanStop

    morning = next(r for r in tiny_plan.runs if r.vehicle_id == "V01" and r.trip == "morning")
    site = morning.stops[-1]
    park = PlanStop("dropoff", "P1", site.lat, site.lon, site.departure, site.departure, parking=True)
    runs = tuple(dataclasses.replace(r, stops=(*r.stops, park)) if r is morning else r for r in tiny_plan.runs)
    scenario = dataclasses.replace(tiny_plan.scenario, parking=(Parking("P1", "翡翠湾停车场", site.lat, site.lon),))
    result = render_manifest_pdfs(dataclasses.replace(tiny_plan, runs=runs, scenario=scenario))
    assert result.missing_glyphs == ()
    assert "翡翠湾停车场" in pdf_text(result.files["manifest_2026-12-01_morning_V01.pdf"])
