"""The columns of each input table, as data: the names in CONTRACT.md, their Chinese headers, and how to parse them.

Headers match case-insensitively and trimmed, in English or Chinese (a few common synonyms too).
A column is `required` when the header must be present and every cell filled; an optional column
may be missing or empty, and then its `default` applies.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "id", "text", "lat", "lon", "integer", "number", "date", "dates", "time", "yesno", "skills",
    "gender", "id_number", "phone", "status",
]


@dataclass(frozen=True)
class Column:
    name: str
    chinese: str
    kind: Kind
    required: bool = True
    default: object = None
    references: str | None = None
    """The table whose id this column must name (a foreign key)."""
    synonyms: tuple[str, ...] = ()

    def headers(self) -> tuple[str, ...]:
        return (self.name, self.chinese, *self.synonyms)

    def label(self) -> str:
        return f"{self.name} ({self.chinese})"


@dataclass(frozen=True)
class Table:
    name: str
    chinese: str
    columns: tuple[Column, ...]
    optional: bool = False
    """A folder may leave the table out altogether."""

    @property
    def id_column(self) -> Column:
        return self.columns[0]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


NOTE_HEADERS = ("note", "notes", "remark", "remarks", "备注")
"""Free-text columns a dispatcher may add to any table; they are ignored."""

STATIONS = Table("stations", "就业驿站", (
    Column("station_id", "站点编号", "id"),
    Column("name", "站点名称", "text"),
    Column("town", "乡镇", "text", required=False, default=""),
    Column("lat", "纬度", "lat"),
    Column("lon", "经度", "lon"),
    Column("county", "区县", "text", required=False, default=""),
))

SITES = Table("sites", "用工地", (
    Column("site_id", "用工地编号", "id"),
    Column("employer", "用工单位", "text"),
    Column("name", "用工地名称", "text"),
    Column("lat", "纬度", "lat"),
    Column("lon", "经度", "lon"),
    Column("contact", "接收联系人", "text", required=False, default=""),
    Column("contact_phone", "接收联系人电话", "phone", required=False, default=""),
    Column("town", "乡镇", "text", required=False, default=""),
    Column("county", "区县", "text", required=False, default=""),
    Column("parking_id", "停车点编号", "id", required=False, default="", references="parking"),
))

PARKING = Table("parking", "停车点", (
    Column("parking_id", "停车点编号", "id"),
    Column("name", "停车点名称", "text"),
    Column("lat", "纬度", "lat"),
    Column("lon", "经度", "lon"),
    Column("county", "区县", "text", required=False, default=""),
), optional=True)
"""Where a bus waits between its runs instead of at the site: a site names one in `parking_id`, and
several sites of an area may name the same."""

ORDERS = Table("orders", "用工需求", (
    Column("order_id", "需求编号", "id"),
    Column("site_id", "用工地编号", "id", references="sites"),
    Column("date", "日期", "date"),
    Column("workers", "需求人数", "integer"),
    Column("skill", "工种", "text"),
    Column("shift_start", "上班时间", "time"),
    Column("shift_end", "下班时间", "time"),
    Column("wage", "日薪", "number", required=False),
    Column("return_trip", "返程", "yesno", required=False, default=True),
))

FLEET = Table("fleet", "车辆", (
    Column("vehicle_id", "车辆编号", "id"),
    Column("plate", "车牌", "text", synonyms=("车牌号",)),
    Column("seats", "座位数", "integer"),
    Column("depot_lat", "车场纬度", "lat"),
    Column("depot_lon", "车场经度", "lon"),
    Column("available_from", "最早发车", "time"),
    Column("available_to", "最晚收车", "time"),
    Column("driver", "驾驶员", "text", required=False, default=""),
    Column("driver_phone", "驾驶员电话", "phone", required=False, default=""),
    Column("cost_per_km", "每公里成本", "number", required=False),
    Column("cost_per_day", "每日出车成本", "number", required=False),
    Column("second_driver", "第二驾驶员", "text", required=False, default=""),
    Column("depot", "车场名称", "text", required=False, default=""),
    Column("escort", "随车人员", "text", required=False, default=""),
    Column("escort_phone", "随车人员电话", "phone", required=False, default=""),
))

APPLICATIONS = Table("applications", "务工申请", (
    Column("application_id", "申请编号", "id"),
    Column("name", "姓名", "text"),
    Column("gender", "性别", "gender"),
    Column("id_number", "身份证号", "id_number", synonyms=("身份证号码",)),
    Column("phone", "联系电话", "phone", synonyms=("手机号", "手机号码", "电话")),
    Column("station_id", "上车站点", "id", references="stations"),
    Column("village", "村", "text", required=False, default="", synonyms=("村庄", "村委会")),
    Column("skills", "技能", "skills", synonyms=("工种",)),
    Column("dates", "务工日期", "dates"),
    Column("team", "班组", "text", required=False),
    Column("leader", "带头人", "yesno", required=False, default=False),
    Column("priority", "困难群众", "yesno", required=False, default=False),
    Column("status", "状态", "status", required=False, default=False),
))

TABLES: tuple[Table, ...] = (STATIONS, SITES, PARKING, ORDERS, FLEET, APPLICATIONS)
TABLES_BY_NAME = {t.name: t for t in TABLES}


def normalise_header(text: str) -> str:
    """The form headers are compared in: NFKC (full-width to half-width), trimmed, lower case, BOM removed."""
    return unicodedata.normalize("NFKC", text).replace("\ufeff", "").strip().lower()


def header_lookup(table: Table) -> dict[str, Column]:
    """Every accepted header of a table, normalised, to its column."""
    return {normalise_header(h): c for c in table.columns for h in c.headers()}
