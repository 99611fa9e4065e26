"""Leaflet's script and stylesheet, inlined from the XStatic-Leaflet package so the map needs no CDN.

Folium links Leaflet, jQuery, Bootstrap and Font Awesome from CDNs by default. The route map uses plain
Leaflet only (its own popup and tooltip bindings need no jQuery), so the page carries Leaflet and
nothing else; the few images Leaflet's stylesheet refers to become data URIs.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

import folium
from branca.element import Element, Figure
from xstatic.pkg import leaflet as xstatic_leaflet

LEAFLET_VERSION: str = xstatic_leaflet.VERSION
_CDN = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist"
_ASSET_DIR = Path(xstatic_leaflet.BASE_DIR)
_CSS_IMAGE = re.compile(r"url\((images/[\w.-]+\.png)\)")
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S*")


@cache
def leaflet_js() -> str:
    """Leaflet's minified script, safe to put inside a <script> element."""
    text = (_ASSET_DIR / "leaflet.js").read_text(encoding="utf-8")
    return _SOURCE_MAP.sub("", text).replace("</script", "<\\/script")


@cache
def leaflet_css() -> str:
    """Leaflet's stylesheet with its PNG images embedded as data URIs."""
    text = (_ASSET_DIR / "leaflet.css").read_text(encoding="utf-8")
    return _CSS_IMAGE.sub(lambda m: f"url({_data_uri(_ASSET_DIR / m.group(1))})", text)


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def use_leaflet(m: folium.Map, *, offline: bool) -> None:
    """Give the map Leaflet only: inline when offline, else the two CDN files (no jQuery/Bootstrap)."""
    m.default_css = []
    m.default_js = []
    header = page(m).header
    if offline:
        header.add_child(Element(f"<style>{leaflet_css()}</style>"), name="leaflet_css")
        header.add_child(Element(f"<script>{leaflet_js()}</script>"), name="leaflet_js")
    else:
        m.default_css = [("leaflet_css", f"{_CDN}/leaflet.css")]
        m.default_js = [("leaflet", f"{_CDN}/leaflet.js")]


def page(m: folium.Map) -> Figure:
    """The page a map is drawn on: folium puts every new map in a branca Figure, typed as any Element."""
    root = m.get_root()
    if not isinstance(root, Figure):
        raise TypeError(f"the map is not on a page but under a {type(root).__name__}")
    return root
