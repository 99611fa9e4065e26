"""The map's own words in Chinese (default) and English; shared words come from `dispatch.presentation`."""

from __future__ import annotations

from dispatch.presentation import LANGS, Lang, label

_MAP_TEXT: dict[str, tuple[str, str]] = {
    "map_title": ("务工直通车路线图 {date}", "Shuttle route map {date}"),
    "depots_layer": ("车场", "Depots"),
    "stations_layer": ("就业驿站", "Stations"),
    "sites_layer": ("用工地", "Work sites"),
    "unplaced_layer": ("未安排人员（按驿站）", "Unplaced applicants (by station)"),
    "unplaced_count": ("未安排 {count} 人", "{count} unplaced"),
    "osm": ("OpenStreetMap 地图", "OpenStreetMap"),
    "gaode": ("高德地图", "Gaode (Amap)"),
    "seats_used": ("已用/座位", "Seats used"),
    "town": ("乡镇", "Town"),
    "placed": ("已安排 {count} 人", "{count} placed"),
    "nobody_unplaced": ("全部已安排", "everyone placed"),
    "counties_layer": ("区县界线", "County boundaries"),
    "road_data": ("路线道路数据", "Road data"),
}


def word(key: str, lang: Lang = "zh", **values: object) -> str:
    """A map word, falling back to the shared labels so manifests and map say things the same way."""
    if key not in _MAP_TEXT:
        return label(key, lang, **values)
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    template = _MAP_TEXT[key][LANGS.index(lang)]
    return template.format(**values) if values else template
