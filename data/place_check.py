"""Places whose coordinates lie outside their county or outside Hainan: warnings, not errors.

A coordinate typed from the wrong row or copied from a map in another system puts a station in the next
county; the day can still be planned, but the dispatcher should know, by name. What a place should lie
in: a station, a site or a parking place in the county its 区县 cell names (one outside Hainan, such as
广东省湛江市, off the island); a station without one in the county where more than half of the stations lie (a county's
folder; a province's folder has no such county and its stations are then only checked against the
province); everything else, depots included, in the province.
"""

from __future__ import annotations

from dataclasses import dataclass

from data.checks import ParsedTable
from data.counties import PROVINCE, county_at, county_named, county_of_most
from data.records import PlaceWarning, Scenario

KIND_WORDS = {"station": ("驿站", "station"), "site": ("用工地", "site"), "parking": ("停车点", "parking place"),
              "depot": ("车场", "depot")}


@dataclass(frozen=True)
class _Place:
    file: str
    row: int
    kind: str
    place_id: str
    name: str
    lat: float
    lon: float
    declared: str


def place_warnings(tables: dict[str, ParsedTable], scenario: Scenario) -> tuple[PlaceWarning, ...]:
    """Every station, site and depot that lies outside where it should (see the module's note), in file order."""
    places = _places(tables, scenario)
    lies_in = {(p.kind, p.place_id): county_at(lat=p.lat, lon=p.lon) for p in places}
    home = county_of_most([(s.lat, s.lon) for s in scenario.stations])
    warnings = []
    for place in places:
        where = lies_in[(place.kind, place.place_id)]
        if place.declared:
            named = county_named(place.declared)
            if where != (named or ""):
                warnings.append(_warning(place, where, named or place.declared, declared=True))
        elif place.kind == "station" and home and where != home:
            warnings.append(_warning(place, where, home, declared=False))
        elif not where:
            warnings.append(_warning(place, where, "", declared=False))
    return tuple(warnings)


def _places(tables: dict[str, ParsedTable], scenario: Scenario) -> list[_Place]:
    rows = {name: {str(r.values.get(t.table.id_column.name)): r.row for r in t.rows} for name, t in tables.items()}
    files = {name: t.file for name, t in tables.items()}
    places = [_Place(files["stations"], rows["stations"][s.station_id], "station", s.station_id, s.name, s.lat, s.lon,
                     s.county) for s in scenario.stations]
    places += [_Place(files["sites"], rows["sites"][s.site_id], "site", s.site_id, s.name, s.lat, s.lon, s.county)
               for s in scenario.sites]
    places += [_Place(files["parking"], rows["parking"][p.parking_id], "parking", p.parking_id, p.name, p.lat, p.lon,
                      p.county) for p in scenario.parking]
    depots: dict[tuple[float, float], _Place] = {}
    for vehicle in sorted(scenario.fleet, key=lambda v: rows["fleet"][v.vehicle_id]):
        key = (vehicle.depot_lat, vehicle.depot_lon)
        if key not in depots:
            depots[key] = _Place(files["fleet"], rows["fleet"][vehicle.vehicle_id], "depot", vehicle.vehicle_id,
                                 vehicle.depot, *key, "")
    places += depots.values()
    return sorted(places, key=lambda p: (list(files.values()).index(p.file), p.row))


def _warning(place: _Place, lies_in: str, expected: str, *, declared: bool) -> PlaceWarning:
    return PlaceWarning(place.file, place.row, place.kind, place.place_id, place.name, lies_in, expected, declared)


def warning_sentence(warning: PlaceWarning, lang: str = "zh") -> str:
    """The warning in one sentence, naming the file, row and place; Chinese unless `lang` is "en"."""
    kind_zh, kind_en = KIND_WORDS[warning.kind]
    if lang == "en":
        who = f"{warning.file} row {warning.row}: {kind_en} {_named(warning, 'en')}"
        where = f"in {warning.lies_in}" if warning.lies_in else "outside Hainan"
        if warning.declared:
            return f"{who} lies {where}, not in {warning.expected} as its county column says: check lat, lon and county"
        if warning.expected:
            return (f"{who} lies {where}, while most stations lie in {warning.expected}: check lat and lon, "
                    "or write its county in the county column")
        return (f"{who} lies outside Hainan: check lat and lon (swapped? another coordinate system?); "
                "a site that really is outside the province says so in its county column (e.g. 广东省湛江市)")
    who = f"{warning.file} 第 {warning.row} 行：{kind_zh} {_named(warning, 'zh')}"
    where = f"在{warning.lies_in}" if warning.lies_in else f"在{PROVINCE}以外"
    if warning.declared:
        return f"{who} 的坐标{where}，不在区县一栏所填的{warning.expected}：请核对纬度、经度和区县"
    if warning.expected:
        return f"{who} 的坐标{where}，而多数驿站在{warning.expected}：请核对纬度、经度，或在区县一栏填写它所在的区县"
    return (f"{who} 的坐标在{PROVINCE}以外：请核对纬度、经度（是否填反、是否为其他坐标系）；"
            "确在省外的用工地请在区县一栏注明（如 广东省湛江市）")


def _named(warning: PlaceWarning, lang: str) -> str:
    """The place's name with its id, 乌烈镇就业驿站（ST04）; a depot's with its first bus, 石碌车场（V01 等车辆）."""
    if warning.kind == "depot":
        buses = f"{warning.place_id} and others" if lang == "en" else f"{warning.place_id} 等车辆"
        return f"{warning.name} ({buses})" if lang == "en" else f"{warning.name}（{buses}）"
    return f"{warning.name} ({warning.place_id})" if lang == "en" else f"{warning.name}（{warning.place_id}）"
