"""The ledger's report: 车次, 人次 and 人数 per station, employer, team or month, planned against boarded.

A person-day is one person (by hashed ID) on one date of a current plan revision. 人次 counts the
person-days carried to work: a person boarded at least one run that day (the evening ride home is
part of the same day, so it adds nothing); 人数 counts the distinct people among them. A person-day
is planned when the plan put them on a run; a no-show when they did not board and the sheet says 否
for them; not recorded when no sheet says either. 未上车率 = 未上车人次 / (计划人次 − 未记录人次).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import Connection, Engine, Subquery, func, select

from ledger import schema as t
from ledger.places import SCOPES, scope

By = Literal["station", "employer", "county", "scope", "team", "month"]
BY: tuple[By, ...] = ("station", "employer", "county", "scope", "team", "month")
HEADINGS = ("编号", "名称", "车次", "人次", "人数", "计划人次", "计划人数", "未上车人次", "未记录人次", "未上车率",
            "困难人次", "困难人数", "乡内人次", "县内人次", "市外省内人次", "外省人次",
            "乡内人数", "县内人数", "市外省内人数", "外省人数")
GROUP_WORDS = {"station": "站点", "employer": "用工单位", "county": "用工地区县", "scope": "范围",
               "team": "班组", "month": "月份"}
NO_TEAM = "（个人）"


@dataclass
class _PersonDay:
    """One person on one date: where they were counted, and what the plan and the sheet say."""

    date: dt.date
    home: str
    """The county the day's plan was made for."""
    person_id: int
    priority: bool
    station_id: str
    site_id: str
    team: str
    runs: set[int] = field(default_factory=set)
    planned: bool = False
    boarded: bool = False
    said_no: bool = False
    scope: str = ""


@dataclass(frozen=True)
class ReportRow:
    group_id: str
    name: str
    runs: int
    person_days: int
    people: int
    planned_person_days: int
    planned_people: int
    no_shows: int
    not_recorded: int
    no_show_rate: float | None
    hardship_person_days: int
    hardship_people: int
    scope_person_days: tuple[int, ...]
    """人次 by scope, in the order of `places.SCOPES` (a walk-on of a run to several sites is in none)."""
    scope_people: tuple[int, ...]
    """人数 by scope, likewise: a person who went 乡内 one day and 县内 another counts in both."""

    def cells(self) -> tuple[object, ...]:
        rate = "" if self.no_show_rate is None else round(self.no_show_rate, 4)
        return (self.group_id, self.name, self.runs, self.person_days, self.people, self.planned_person_days,
                self.planned_people, self.no_shows, self.not_recorded, rate, self.hardship_person_days,
                self.hardship_people, *self.scope_person_days, *self.scope_people)


def person_days(engine: Engine, start: dt.date, end: dt.date) -> list[_PersonDay]:
    """Every person-day of the current revisions from `start` to `end` (both included)."""
    with engine.connect() as connection:
        current = select(t.plans.c.id, t.plans.c.date, t.plans.c.county).where(
            t.plans.c.date >= start, t.plans.c.date <= end, t.plans.c.superseded_at.is_(None)).subquery()
        applicants = connection.execute(
            select(current.c.date, current.c.county.label("home"), t.applicants)
            .join(current, current.c.id == t.applicants.c.plan_id)
            .where(t.applicants.c.person_id.is_not(None))).all()
        rides = connection.execute(
            select(t.runs.c.plan_id, t.rides.c.run_id, t.rides.c.application_id)
            .join(t.runs, t.runs.c.id == t.rides.c.run_id).join(current, current.c.id == t.runs.c.plan_id)).all()
        latest = (select(t.signins.c.plan_id, func.max(t.signins.c.id).label("signin_id"))
                  .group_by(t.signins.c.plan_id).subquery())
        boardings = connection.execute(
            select(latest.c.plan_id, t.boardings.c.run_id, t.boardings.c.application_id, t.boardings.c.boarded)
            .join(latest, latest.c.signin_id == t.boardings.c.signin_id)
            .join(current, current.c.id == latest.c.plan_id)).all()
        site_of_run = _only_site_of_runs(connection, current)
    days: dict[tuple[int, str], _PersonDay] = {}
    for a in applicants:
        days[(a.plan_id, a.application_id)] = _PersonDay(a.date, a.home, a.person_id, a.priority,
                                                         a.station_id or "", a.site_id or "", a.team or "")
    for plan_id, run_id, aid in rides:
        day = days.get((plan_id, aid))
        if day is not None:
            day.planned = True
            day.runs.add(run_id)
    for plan_id, run_id, aid, boarded in boardings:
        day = days.get((plan_id, aid))
        if day is None:
            continue
        if boarded:
            day.boarded = True
            day.runs.add(run_id)
            day.site_id = day.site_id or site_of_run.get(run_id, "")
        elif boarded is False:
            day.said_no = True
    by_person_date: dict[tuple[int, dt.date], _PersonDay] = {}
    for day in days.values():  # one person with two applications on a date is still one person-day
        if day.planned or day.boarded:
            kept = by_person_date.setdefault((day.person_id, day.date), day)
            if kept is not day:
                kept.planned |= day.planned
                kept.boarded |= day.boarded
                kept.said_no |= day.said_no
                kept.runs |= day.runs
    return list(by_person_date.values())


def _only_site_of_runs(connection: Connection, current: Subquery) -> dict[int, str]:
    """For a walk-on who was not placed: the site of a run whose planned riders all work at one site."""
    rows = connection.execute(
        select(t.rides.c.run_id, t.applicants.c.site_id)
        .join(t.runs, t.runs.c.id == t.rides.c.run_id).join(current, current.c.id == t.runs.c.plan_id)
        .join(t.applicants, (t.applicants.c.plan_id == t.runs.c.plan_id)
              & (t.applicants.c.application_id == t.rides.c.application_id))).all()
    sites: dict[int, set[str]] = defaultdict(set)
    for run_id, site_id in rows:
        if site_id:
            sites[run_id].add(site_id)
    return {run_id: next(iter(found)) for run_id, found in sites.items() if len(found) == 1}


def report_rows(engine: Engine, start: dt.date, end: dt.date, by: By) -> list[ReportRow]:
    """One row per group that had anyone planned or carried in the period, by group id."""
    days = person_days(engine, start, end)
    names = _names(engine, by)
    places = _places(engine)
    groups: dict[str, list[_PersonDay]] = defaultdict(list)
    for day in days:
        day.scope = _scope(day, places)
        groups[_group_id(day, by, names, places)].append(day)
    order = (lambda g: (SCOPES.index(g) if g in SCOPES else len(SCOPES), g)) if by == "scope" else (lambda g: (0, g))
    return [_row(_shown_id(group_id, by, members), _group_name(group_id, by, names), members)
            for group_id, members in sorted(groups.items(), key=lambda item: order(item[0]))]


@dataclass(frozen=True)
class _Places:
    station_town: dict[str, str]
    site_region: dict[str, tuple[str, str]]
    """(county, township) by site id."""


def _places(engine: Engine) -> _Places:
    with engine.connect() as connection:
        towns = {r.station_id: r.town for r in connection.execute(select(t.stations.c.station_id, t.stations.c.town))}
        regions = {r.site_id: (r.county, r.town) for r in connection.execute(
            select(t.sites.c.site_id, t.sites.c.county, t.sites.c.town))}
    return _Places(towns, regions)


def _shown_id(group_id: str, by: By, members: list[_PersonDay]) -> str:
    """An employer is named, not numbered: its id column lists its sites'."""
    if by == "employer":
        return "、".join(sorted({d.site_id for d in members if d.site_id}))
    return group_id


def _names(engine: Engine, by: By) -> dict[str, str]:
    with engine.connect() as connection:
        if by == "station":
            return dict(connection.execute(select(t.stations.c.station_id, t.stations.c.name)).all())
        if by == "employer":
            return dict(connection.execute(select(t.sites.c.site_id, t.sites.c.employer)).all())
    return {}


def _group_id(day: _PersonDay, by: By, names: dict[str, str], places: _Places) -> str:
    if by == "station":
        return day.station_id
    if by == "employer":
        return names.get(day.site_id, "")
    if by == "county":
        return places.site_region.get(day.site_id, ("", ""))[0]  # "" (（未知）): a walk-on of a run to several sites
    if by == "scope":
        return day.scope
    if by == "team":
        return day.team or NO_TEAM
    return f"{day.date:%Y-%m}"


def _scope(day: _PersonDay, places: _Places) -> str:
    """The day's scope; "" for a walk-on whose run served several sites (its site is not known)."""
    if day.site_id not in places.site_region:
        return ""
    county, town = places.site_region[day.site_id]
    return scope(places.station_town.get(day.station_id, ""), county, town, day.home)


def _group_name(group_id: str, by: By, names: dict[str, str]) -> str:
    if by == "station":
        return names.get(group_id, group_id)
    if by == "month":
        year, month = group_id.split("-")
        return f"{year}年{int(month)}月"
    return group_id or "（未知）"


def _row(group_id: str, name: str, days: Iterable[_PersonDay]) -> ReportRow:
    members = list(days)
    carried = [d for d in members if d.boarded]
    planned = [d for d in members if d.planned]
    no_shows = sum(d.planned and not d.boarded and d.said_no for d in members)
    not_recorded = sum(d.planned and not d.boarded and not d.said_no for d in members)
    recorded = len(planned) - not_recorded
    return ReportRow(
        group_id=group_id,
        name=name,
        runs=len({run for d in members for run in d.runs}),
        person_days=len(carried),
        people=len({d.person_id for d in carried}),
        planned_person_days=len(planned),
        planned_people=len({d.person_id for d in planned}),
        no_shows=no_shows,
        not_recorded=not_recorded,
        no_show_rate=no_shows / recorded if recorded else None,
        hardship_person_days=sum(d.priority for d in carried),
        hardship_people=len({d.person_id for d in carried if d.priority}),
        scope_person_days=tuple(sum(d.scope == word for d in carried) for word in SCOPES),
        scope_people=tuple(len({d.person_id for d in carried if d.scope == word}) for word in SCOPES),
    )
