"""DayPlan → the dispatcher's route map: a standalone Folium/Leaflet page that works offline.

One layer per bus run (coloured line, an arrow on each leg, numbered stop badges whose popups say
who boards and alights, by name only), layers of depots, stations, work sites and unplaced
applicants, a legend, and two base layers: OpenStreetMap (WGS-84) and Gaode (GCJ-02). `tiles` picks the base layer
the page opens on; switching tiles moves every overlay to the other datum (see `maps.datum`).
With `offline=True` (the default) Leaflet is inlined from the XStatic-Leaflet package: the page
loads no script or stylesheet from the network, and the overlays show even when tiles cannot load.
"""

from __future__ import annotations

import folium
from branca.element import Element

from dispatch.plan import DayPlan
from dispatch.presentation import Lang
from maps.assets import page, use_leaflet
from maps.counties import add_county_outlines
from maps.datum import BASE_MAPS, Datum, DatumSwitch, bounds, place_overlays
from maps.elements import Legend
from maps.ids import stabilise_ids
from maps.layers import badge_spread, depots_layer, route_layer, sites_layer, stations_layer, unplaced_layer
from maps.popups import legend_html
from maps.views import MapData, map_data
from maps.words import word

OSM_CREDIT = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
"""The road data's licence (ODbL) asks for this credit wherever its routes are shown."""
COLLAPSE_CONTROL_ABOVE = 12
"""With more runs than this the layer list would hide the map, so it opens only on hover."""

PAGE_CSS = """
.leaflet-container { background: #eef2f5; font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
.stop-badge { width: 20px; height: 20px; border-radius: 50%; border: 1px solid #fff; color: #fff;
  font: bold 12px/20px sans-serif; text-align: center; box-shadow: 0 0 2px #000; }
.route-arrow { width: 0; height: 0; margin: 0 2px; border-left: 6px solid transparent;
  border-right: 6px solid transparent; border-bottom: 15px solid #333; }
.depot-badge { width: 22px; height: 22px; border-radius: 4px; background: #37474f; color: #fff;
  font: bold 12px/22px sans-serif; text-align: center; border: 1px solid #fff; box-shadow: 0 0 2px #000; }
.site-square { width: 13px; height: 13px; background: #2e7d32; border: 2px solid #fff; box-shadow: 0 0 2px #000; }
.unplaced-badge { min-width: 18px; padding: 0 4px; border-radius: 9px; background: #c62828; color: #fff;
  font: bold 12px/18px sans-serif; text-align: center; border: 1px solid #fff; }
.shuttle-popup { font-size: 13px; max-height: 260px; overflow-y: auto; }
.shuttle-popup .popup-title { font-weight: bold; font-size: 14px; }
.shuttle-popup .popup-subtitle { color: #555; margin-bottom: 4px; }
.shuttle-popup th { text-align: left; vertical-align: top; padding-right: 6px; white-space: nowrap; }
.shuttle-legend { background: rgba(255,255,255,0.92); padding: 6px 8px; border-radius: 4px;
  box-shadow: 0 0 4px rgba(0,0,0,0.4); font-size: 12px; max-height: 45vh; overflow-y: auto; }
.shuttle-legend .legend-title { font-weight: bold; font-size: 13px; }
.shuttle-legend th, .shuttle-legend td { text-align: left; padding: 1px 5px; white-space: nowrap; }
.legend-swatch { display: inline-block; width: 22px; height: 0; border-top: 4px solid; margin-right: 4px;
  vertical-align: middle; }
.legend-swatch.dashed { border-top-style: dashed; }
"""


def build_map(plan: DayPlan, *, tiles: str = "osm", offline: bool = True, lang: Lang = "zh") -> folium.Map:
    """The route map of a day plan; `tiles` is "osm" or "gaode", the base layer the page opens on."""
    if tiles not in BASE_MAPS:
        raise ValueError(f"unknown tiles {tiles!r}: use one of {', '.join(BASE_MAPS)}")
    data = map_data(plan, lang)
    datum = BASE_MAPS[tiles].datum
    m = folium.Map(tiles=None, control_scale=True)
    page(m).title = word("map_title", lang, date=data.title_date)
    use_leaflet(m, offline=offline)
    page(m).header.add_child(Element(f"<style>{PAGE_CSS}</style>"), name="shuttle_css")

    bases: list[tuple[folium.TileLayer, Datum]] = []
    for key, base in BASE_MAPS.items():
        tile_layer = _tile_layer(key, shown=key == tiles, lang=lang, roads=data.roads)
        tile_layer.add_to(m)
        bases.append((tile_layer, base.datum))
    for layer in overlay_layers(data, lang):
        layer.add_to(m)

    placed = place_overlays(m, datum)
    if placed:
        m.fit_bounds(bounds(placed, datum), padding=(24, 24))
    points = [(p.lat, p.lon) for p in (*data.stations, *data.sites)] + [(d.lat, d.lon) for d in data.depots]
    placed += add_county_outlines(m, points, datum, lang)  # after the fit: the view frames the day, not counties
    DatumSwitch(datum, bases, placed).add_to(m)
    Legend(legend_html(data, lang)).add_to(m)
    folium.LayerControl(collapsed=len(data.runs) > COLLAPSE_CONTROL_ABOVE).add_to(m)
    stabilise_ids(m.get_root())
    return m


def overlay_layers(data: MapData, lang: Lang = "zh") -> list[folium.FeatureGroup]:
    """The layers the dispatcher can switch on and off, in the order the layer control lists them."""
    spread = badge_spread(data.runs)
    layers = [route_layer(run, spread, lang) for run in data.runs]
    layers += [depots_layer(data.depots, lang), stations_layer(data.stations, lang), sites_layer(data.sites, lang)]
    if data.unplaced:
        layers.append(unplaced_layer(data.unplaced, lang))
    return layers


def _tile_layer(key: str, *, shown: bool, lang: Lang, roads: bool = False) -> folium.TileLayer:
    """A base layer; under road lines each credits OpenStreetMap, whose roads the lines follow."""
    base = BASE_MAPS[key]
    credit = base.attribution
    if roads and "OpenStreetMap" not in credit:
        credit += f' | {word("road_data", lang)} {OSM_CREDIT}'
    return folium.TileLayer(
        tiles=base.url,
        attr=credit,
        name=word(key, lang),
        subdomains=base.subdomains,
        max_zoom=base.max_zoom,
        show=shown,
    )


def render_map_html(plan: DayPlan, *, tiles: str = "osm", offline: bool = True, lang: Lang = "zh") -> str:
    """The route map as one complete HTML document."""
    return build_map(plan, tiles=tiles, offline=offline, lang=lang).get_root().render()

