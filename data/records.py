"""Plain records of one scenario folder, as read and validated from the dispatcher's tables.

Times of day are whole minutes after midnight; coordinates are WGS-84 degrees. Every other
room builds on these types, so they carry no behaviour beyond small conveniences.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Station:
    """An employment station (就业驿站): where workers board in the morning and alight at night."""

    station_id: str
    name: str
    town: str
    lat: float
    lon: float
    county: str = ""
    """The county or city (区县) the station is in, when the table says; else the county of most stations."""


@dataclass(frozen=True)
class Site:
    """An employer's work site (用工地): where workers alight in the morning."""

    site_id: str
    employer: str
    name: str
    lat: float
    lon: float
    contact: str = ""
    """Who receives the workers at the site (printed with `contact_phone` on the bus manifests)."""
    contact_phone: str = ""
    town: str = ""
    """The township (乡镇) the site is in, when the table says: the ledger's scope 乡内 or 县内."""
    county: str = ""
    """The county or city (区县, e.g. 东方市; outside Hainan with its province, 广东省湛江市), when the table says."""
    parking_id: str = ""
    """Where buses that brought workers here wait for the evening (a row of the parking table); "" at the site."""


@dataclass(frozen=True)
class Parking:
    """A place where buses wait between their runs (停车点), for sites where a bus cannot stand all day."""

    parking_id: str
    name: str
    lat: float
    lon: float
    county: str = ""


@dataclass(frozen=True)
class Order:
    """Labour demand (用工需求): so many workers of one skill at one site for one shift."""

    order_id: str
    site_id: str
    date: dt.date
    workers: int
    skill: str
    shift_start: int
    shift_end: int
    wage: float | None = None
    return_trip: bool = True


@dataclass(frozen=True)
class Vehicle:
    """A bus of the fleet, with the hours it may be on the road."""

    vehicle_id: str
    plate: str
    seats: int
    depot_lat: float
    depot_lon: float
    available_from: int
    available_to: int
    driver: str = ""
    driver_phone: str = ""
    cost_per_km: float | None = None
    cost_per_day: float | None = None
    """What sending this bus out costs for the day (driver, fees), in the currency of cost_per_km."""
    second_driver: str = ""
    """A second driver aboard who takes turns at the wheel: the bus may drive twice the daily limit."""
    depot: str = ""
    """The depot's name, printed for the bus's first and last stop instead of the word 车场."""
    escort: str = ""
    """The escort riding with the workers (随车人员), printed with `escort_phone` on the bus's manifests."""
    escort_phone: str = ""


@dataclass(frozen=True)
class Application:
    """A worker application (务工申请表) for one or more dates."""

    application_id: str
    name: str
    gender: str
    id_number: str
    phone: str
    station_id: str
    village: str
    skills: tuple[str, ...]
    dates: tuple[dt.date, ...]
    team: str | None = None
    leader: bool = False
    priority: bool = False
    cancelled: bool = False

    def available_on(self, day: dt.date) -> bool:
        return day in self.dates and not self.cancelled


@dataclass(frozen=True)
class SetAside:
    """An application row with a bad cell of its own (an ID checksum, an unknown station, a bad date):
    left out of planning, listed as unplaced with what is wrong, so the rest of the day goes ahead."""

    application_id: str
    """Its id as written, or `applications.csv row 7` when that id is missing or not unique."""
    file: str
    row: int
    cells: dict[str, str]
    """The row's cells as written, by column name (empty ones left out)."""
    problems: tuple[str, ...]
    """Each problem as a sentence naming its column."""
    dates: tuple[dt.date, ...] | None
    """The dates it applies for; None when they could not be read (it is then listed on any day)."""
    station_id: str | None = None
    """Its station, when that cell names one of the stations."""

    def available_on(self, day: dt.date) -> bool:
        return self.dates is None or day in self.dates

    def cell(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass(frozen=True)
class PlaceWarning:
    """A station, site, parking place or depot whose coordinates lie outside its county or outside Hainan: the day
    still plans, but the dispatcher should look (`data.place_check.warning_sentence` words it)."""

    file: str
    row: int
    kind: str
    """station, site, parking or depot."""
    place_id: str
    name: str
    lies_in: str
    """The county its coordinates lie in, "" outside Hainan."""
    expected: str
    """The county it should lie in: as written in its 区县 cell, or the county of most stations."""
    declared: bool
    """Whether `expected` is written in the place's own row (else it is inferred, or "" for the province)."""


@dataclass(frozen=True)
class Scenario:
    """Everything in one scenario folder, each table sorted by its id."""

    stations: tuple[Station, ...]
    sites: tuple[Site, ...]
    orders: tuple[Order, ...]
    fleet: tuple[Vehicle, ...]
    applications: tuple[Application, ...]
    settings: dict = field(default_factory=dict)
    source: str = ""
    set_aside: tuple[SetAside, ...] = ()
    """Application rows left out for a bad cell of their own (none when read with `strict`)."""
    place_warnings: tuple[PlaceWarning, ...] = ()
    """Places outside their county or the province (the day still plans)."""
    parking: tuple[Parking, ...] = ()
    """Where buses wait near sites that name one (the optional parking table)."""

    @cached_property
    def stations_by_id(self) -> dict[str, Station]:
        return {s.station_id: s for s in self.stations}

    @cached_property
    def sites_by_id(self) -> dict[str, Site]:
        return {s.site_id: s for s in self.sites}

    @cached_property
    def parking_by_id(self) -> dict[str, Parking]:
        return {p.parking_id: p for p in self.parking}

    @cached_property
    def orders_by_id(self) -> dict[str, Order]:
        return {o.order_id: o for o in self.orders}

    @cached_property
    def vehicles_by_id(self) -> dict[str, Vehicle]:
        return {v.vehicle_id: v for v in self.fleet}

    @cached_property
    def applications_by_id(self) -> dict[str, Application]:
        return {a.application_id: a for a in self.applications}

    @cached_property
    def set_aside_by_id(self) -> dict[str, SetAside]:
        return {a.application_id: a for a in self.set_aside}

    def dates(self) -> tuple[dt.date, ...]:
        """The dates that have orders, earliest first."""
        return tuple(sorted({o.date for o in self.orders}))


def format_hhmm(minutes: int | float) -> str:
    """Minutes after midnight as HH:MM (rounded to the minute; past midnight keeps counting hours)."""
    m = round(minutes)
    return f"{m // 60:02d}:{m % 60:02d}"
