"""Base maps and the coordinate system their tiles expect, and the switch that keeps overlays on them.

The plan is WGS-84; OpenStreetMap tiles are WGS-84 but Gaode (Amap) tiles are GCJ-02, about 500 m
off around Hainan. The map offers both base layers in one page. Overlays are drawn in the datum of
the base layer the map opens on (`tiles=`), and each marker and line also carries its position in the
other datum: a small script on Leaflet's `baselayerchange` event moves every overlay (shown or
hidden) when the dispatcher switches tiles. So one set of layers stays in the layer control and the
lines always sit on the roads of the tiles underneath.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, NamedTuple, cast

import folium
from branca.element import Element, MacroElement

from data.coords import wgs84_to_gcj02
from maps.elements import Template

Datum = Literal["wgs84", "gcj02"]
LatLon = list[float]
_DIGITS = 6
"""Degrees to 6 decimals: about 0.1 m, and short, stable numbers in the page."""


@dataclass(frozen=True)
class BaseMap:
    """A tile source and the datum its tiles are drawn in."""

    key: str
    url: str
    attribution: str
    subdomains: str
    max_zoom: int
    datum: Datum


BASE_MAPS: dict[str, BaseMap] = {
    "osm": BaseMap(
        key="osm",
        url="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        attribution='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
        subdomains="abc",
        max_zoom=19,
        datum="wgs84",
    ),
    "gaode": BaseMap(
        key="gaode",
        url="https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
        attribution="&copy; 高德地图 AutoNavi",
        subdomains="1234",
        max_zoom=18,
        datum="gcj02",
    ),
}


def in_datum(lat: float, lon: float, datum: Datum) -> LatLon:
    """A WGS-84 point as drawn on tiles of `datum`, rounded to 6 decimals."""
    if datum == "gcj02":
        shifted = wgs84_to_gcj02(lat=lat, lon=lon)
        lat, lon = shifted.lat, shifted.lon
    return [round(lat, _DIGITS), round(lon, _DIGITS)]


class Placed(NamedTuple):
    """A marker (one [lat, lon]) or a line (a list of them) with its positions in both datums."""

    element: Element
    wgs84: list
    gcj02: list

    def points(self, datum: Datum) -> list[LatLon]:
        position = self.gcj02 if datum == "gcj02" else self.wgs84
        return position if isinstance(position[0], list) else [position]


def bounds(placed: list[Placed], datum: Datum) -> list[LatLon]:
    """South-west and north-east corners around everything placed, in `datum`."""
    points = [p for entry in placed for p in entry.points(datum)]
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


class DatumSwitch(MacroElement):
    """Moves every registered overlay to the datum of the base layer the dispatcher picks."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function () {
                var bases = [
                {%- for layer, datum in this.bases %}
                    [{{ layer.get_name() }}, {{ datum|tojson }}],
                {%- endfor %}
                ];
                var overlays = [
                {%- for layer, wgs84, gcj02 in this.overlays %}
                    [{{ layer.get_name() }}, {{ wgs84|tojson }}, {{ gcj02|tojson }}],
                {%- endfor %}
                ];
                var map = {{ this._parent.get_name() }};
                map.shuttleDatum = {{ this.initial|tojson }};
                map.on("baselayerchange", function (e) {
                    var found = bases.filter(function (b) { return b[0] === e.layer; })[0];
                    if (!found || found[1] === map.shuttleDatum) { return; }
                    map.shuttleDatum = found[1];
                    var column = found[1] === "gcj02" ? 2 : 1;
                    overlays.forEach(function (o) {
                        if (o[0].setLatLngs) { o[0].setLatLngs(o[column]); } else { o[0].setLatLng(o[column]); }
                    });
                });
            })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        initial: Datum,
        bases: list[tuple[folium.TileLayer, Datum]],
        overlays: list[Placed],
    ):
        super().__init__()
        self._name = "DatumSwitch"
        self.initial = initial
        self.bases = bases
        self.overlays = overlays


def place_overlays(root: Element, datum: Datum) -> list[Placed]:
    """Put every marker and line under `root` (built in WGS-84) into `datum`; say where each one went."""
    placed = []
    for element in _walk(root):
        if isinstance(element, folium.PolyLine):
            # folium types locations as one line or several; the route lines are one line of [lat, lon]
            line = cast(list[list[float]], element.locations)
            wgs_line = [in_datum(lat, lon, "wgs84") for lat, lon in line]
            gcj_line = [in_datum(lat, lon, "gcj02") for lat, lon in line]
            element.locations = gcj_line if datum == "gcj02" else wgs_line
            placed.append(Placed(element, wgs_line, gcj_line))
        elif isinstance(element, folium.Marker) and element.location is not None:  # every marker here has one
            lat, lon = element.location
            wgs, gcj = in_datum(lat, lon, "wgs84"), in_datum(lat, lon, "gcj02")
            element.location = gcj if datum == "gcj02" else wgs
            placed.append(Placed(element, wgs, gcj))
    return placed


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in element._children.values():
        yield from _walk(child)
