"""The route map: DayPlan → a standalone, offline-capable Folium page (see `maps.route_map`)."""

from maps.route_map import build_map, render_map_html

__all__ = ["build_map", "render_map_html"]
