"""The map as a person sees it: headless Chromium opens the page from disk with the network cut off.

A small probe script is put at the top of the page: it records script errors and alerts, counts the
drawn routes and markers, opens every popup, switches to the Gaode base layer, and leaves what it saw
as JSON on <body> for `--dump-dom` to hand back.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from dispatch.plan import DayPlan
from maps import render_map_html
from tests.support.hostile import HOSTILE_NAME, HOSTILE_PLATE

pytestmark = pytest.mark.slow

PROBE = """<script>
window.__probe = {errors: [], alerts: 0, popups: []};
window.addEventListener("error", function (e) { window.__probe.errors.push(String(e.message)); });
window.alert = function () { window.__probe.alerts += 1; };
window.addEventListener("load", function () { setTimeout(function () {
  var p = window.__probe;
  var map = window[document.querySelector(".folium-map").id];
  var firstLine = function () { return document.querySelector("path.route-line").getAttribute("d"); };
  p.routes = document.querySelectorAll("path.route-line").length;
  p.stations = document.querySelectorAll("path.station-marker").length;
  p.badges = document.querySelectorAll(".stop-icon").length;
  p.legend = document.querySelector(".shuttle-legend").textContent;
  p.layers = Array.prototype.map.call(
    document.querySelectorAll(".leaflet-control-layers-overlays label"), function (l) { return l.textContent.trim(); });
  map.eachLayer(function (layer) {
    if (layer.getPopup && layer.getPopup()) {
      layer.openPopup();
      p.popups.push(layer.getPopup().getElement().querySelector(".leaflet-popup-content").textContent);
    }
  });
  map.closePopup();
  p.datumBefore = map.shuttleDatum;
  p.lineBefore = firstLine();
  document.querySelectorAll(".leaflet-control-layers-base input")[1].click();
  setTimeout(function () {
    p.datumAfter = map.shuttleDatum;
    p.lineAfter = firstLine();
    p.images = document.querySelectorAll(".leaflet-pane img:not(.leaflet-tile)").length;
    document.body.setAttribute("data-probe", JSON.stringify(p));
  }, 300);
}, 300); });
</script>"""

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions", "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=5000", "--window-size=1200,800",
)


BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@pytest.fixture(scope="module")
def chromium() -> str:
    """The system Chromium (Debian's `chromium` package in CI); the browser tests skip without one."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium installed: `apt-get install chromium` to run the browser tests")


def _probe(chromium: str, plan: DayPlan, tmp_path: Path) -> dict:
    page = tmp_path / "map.html"
    page.write_text(render_map_html(plan).replace("<head>", "<head>" + PROBE, 1), encoding="utf-8")
    result = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    found = re.search(r'data-probe="([^"]*)"', result.stdout)
    assert found, f"the probe did not finish (exit {result.returncode}): {result.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


def test_the_page_draws_every_route_without_script_errors(chromium, tiny_plan, tmp_path):
    seen = _probe(chromium, tiny_plan, tmp_path)
    assert seen["errors"] == []
    assert seen["routes"] == 3 and seen["stations"] == 2
    assert seen["badges"] == 3 + 2 + 3, "numbered stops; the shared depot has one marker of its own"
    assert "琼D·67890" in seen["legend"] and "07:20" in seen["legend"]
    assert seen["layers"][:3] == [
        "V01 琼D·12345 · 去程（早班）", "V02 琼D·67890 · 去程（早班）", "V01 琼D·12345 · 返程（晚班）",
    ]
    assert any("符秀英、王丽梅" in p for p in seen["popups"])


def test_switching_to_gaode_moves_the_routes_onto_gcj02(chromium, tiny_plan, tmp_path):
    seen = _probe(chromium, tiny_plan, tmp_path)
    assert (seen["datumBefore"], seen["datumAfter"]) == ("wgs84", "gcj02")
    assert seen["lineAfter"] != seen["lineBefore"]


def test_hostile_names_show_as_text_and_run_nothing(chromium, hostile_plan, tmp_path):
    seen = _probe(chromium, hostile_plan, tmp_path)
    assert seen["errors"] == [] and seen["alerts"] == 0 and seen["images"] == 0
    assert any(HOSTILE_NAME in p for p in seen["popups"])
    assert HOSTILE_PLATE in seen["legend"]
    assert any(HOSTILE_PLATE in layer for layer in seen["layers"])
