"""County outlines on the route map: a light layer of the counties the day's places lie in.

Only the counties a station, site or depot of the map lies in are drawn (a county day touches a handful
of Hainan's 19), simplified together to about 100 m, which is finer than a screen shows at county scale.
The lines sit in a pane of their own under the bus runs (Leaflet draws later lines on top, and this
layer comes last in the layer control), and each says its county's name on hover.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

import folium
import numpy as np
import shapely
from folium.map import CustomPane
from shapely.geometry.base import BaseGeometry

from data.counties import counties, county_at
from dispatch.presentation import Lang
from maps.datum import Datum, Placed, place_overlays
from maps.elements import BoundTooltip
from maps.words import word

PANE = "county-outlines"
PANE_Z_INDEX = 350
"""Above the tiles (200), under the overlay pane's run lines (400) and every marker (600)."""
MAP_TOLERANCE_DEG = 0.001


def add_county_outlines(m: folium.Map, points: Iterable[tuple[float, float]], datum: Datum,
                        lang: Lang = "zh") -> list[Placed]:
    """The outlines of the counties the (lat, lon) points lie in, as the map's last layer, placed in `datum`
    (what the datum switch must move too); nothing when no point lies in Hainan."""
    layer = county_outlines_layer(points, lang)
    if layer is None:
        return []
    CustomPane(PANE, z_index=PANE_Z_INDEX, pointer_events=True).add_to(m)
    layer.add_to(m)
    return place_overlays(layer, datum)


def county_outlines_layer(points: Iterable[tuple[float, float]], lang: Lang = "zh") -> folium.FeatureGroup | None:
    """Thin grey outlines of the counties the (lat, lon) points lie in (WGS-84), in the pane `PANE`."""
    names = {county_at(lat=lat, lon=lon) for lat, lon in points} - {""}
    touched = [county for county in counties() if county.name in names]
    if not touched:
        return None
    group = folium.FeatureGroup(name=word("counties_layer", lang), show=True)
    simplified = shapely.coverage_simplify(np.array([c.outline for c in touched]), MAP_TOLERANCE_DEG)
    for county, outline in zip(touched, simplified, strict=True):
        for ring in _rings(outline):
            line = folium.PolyLine([(lat, lon) for lon, lat in ring.coords], color="#6d6d6d", weight=1.5,
                                   opacity=0.7, dash_array="6 4", class_name="county-outline")
            line.options["pane"] = PANE
            line.add_child(BoundTooltip(escape(county.name)))
            line.add_to(group)
    return group


def _rings(outline: BaseGeometry) -> list[shapely.LinearRing]:
    polygons = outline.geoms if isinstance(outline, shapely.MultiPolygon) else [outline]
    return [ring for polygon in polygons if isinstance(polygon, shapely.Polygon)
            for ring in (polygon.exterior, *polygon.interiors)]
