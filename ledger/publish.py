"""Publishing a day's plan into the ledger: its runs, buses, drivers, passengers, orders and the unplaced.

A plan of a date is recorded once: the same plan.json again changes nothing, and a changed plan of the
same date (a late change) becomes the next revision, superseding the one before. Everything of one
publication is written in one transaction, so a failure leaves the ledger as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from data.privacy import mask_id, mask_phone
from data.records import Scenario
from data.signin import plan_digest
from dispatch import DayPlan
from dispatch.fingerprint import inputs_fingerprint
from ledger import schema as t
from ledger.errors import LedgerError
from ledger.people import id_hash
from ledger.places import home_county, site_region
from ledger.store import insert_id, salt

Outcome = Literal["published", "unchanged", "revised"]


@dataclass(frozen=True)
class Published:
    """What `publish_plan` did: the date, the revision now current, and what it holds."""

    date: dt.date
    revision: int
    outcome: Outcome
    runs: int
    passengers: int
    unplaced: int


def check_inputs(document: dict[str, Any], plan: DayPlan, folder: str) -> None:
    """The scenario folder must be the one the plan was made from: its fingerprint must match plan.json's."""
    recorded = document.get("inputs")
    if not isinstance(recorded, dict):
        raise LedgerError("plan.json 没有记录输入摘要（inputs），无法核对方案文件夹；请重新运行 shuttle plan")
    current = inputs_fingerprint(plan)
    changed = sorted(key for key in set(recorded) | set(current) if recorded.get(key) != current.get(key))
    if changed:
        details = "；".join(_changed_ids(key, recorded.get(key), current.get(key)) for key in changed)
        raise LedgerError(f"方案文件夹 {folder} 与制定该计划时的输入不一致（{details}）："
                          "请先重新运行 shuttle plan，再发布")


def _changed_ids(key: str, old: Any, new: Any) -> str:
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return key
    ids = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
    return f"{key}: {', '.join(ids[:5])}{' …' if len(ids) > 5 else ''}"


def publish_plan(engine: Engine, document: dict[str, Any], scenario: Scenario, source: str) -> Published:
    """Record the plan.json `document` (made from `scenario`) as the published plan of its date."""
    day = dt.date.fromisoformat(document["date"])
    try:
        return _publish(engine, document, scenario, source, day)
    except IntegrityError:
        raise LedgerError(f"{day} 的计划正由另一次发布写入台账：请稍后再运行一次") from None


def _publish(engine: Engine, document: dict[str, Any], scenario: Scenario, source: str, day: dt.date) -> Published:
    digest = plan_digest(document)
    with engine.begin() as connection:
        current = connection.execute(
            select(t.plans.c.id, t.plans.c.revision, t.plans.c.digest)
            .where(t.plans.c.date == day, t.plans.c.superseded_at.is_(None))
        ).first()
        if current is not None and current.digest == digest:
            return _summary(connection, current.id, day, current.revision, "unchanged")
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        revision = (connection.execute(select(func.max(t.plans.c.revision)).where(t.plans.c.date == day))
                    .scalar() or 0) + 1
        if current is not None:
            connection.execute(update(t.plans).where(t.plans.c.id == current.id).values(superseded_at=now))
        home = home_county(scenario.settings.get("ledger", {}).get("county"), scenario.stations)
        plan_id = insert_id(connection, insert(t.plans).values(
            date=day, revision=revision, digest=digest, published_at=now, source=source, county=home,
        ))
        _places(connection, scenario, home)
        _runs(connection, plan_id, document["routes"])
        _orders(connection, plan_id, document.get("orders", []))
        _applicants(connection, plan_id, document, scenario)
        return _summary(connection, plan_id, day, revision, "published" if current is None else "revised")


def _summary(connection: Connection, plan_id: int, day: dt.date, revision: int, outcome: Outcome) -> Published:
    runs = connection.execute(select(func.count()).select_from(t.runs).where(t.runs.c.plan_id == plan_id)).scalar()
    placed = connection.execute(select(func.count()).select_from(t.applicants).where(
        t.applicants.c.plan_id == plan_id, t.applicants.c.reason.is_(None))).scalar()
    unplaced = connection.execute(select(func.count()).select_from(t.applicants).where(
        t.applicants.c.plan_id == plan_id, t.applicants.c.reason.is_not(None))).scalar()
    return Published(day, revision, outcome, runs or 0, placed or 0, unplaced or 0)


def _upsert(connection: Connection, table: t.Table, key: str, rows: Iterable[dict[str, Any]]) -> None:
    """Insert rows new by `key`, update the others (the latest publication has the latest names)."""
    by_key = {row[key]: row for row in rows}
    column = table.c[key]
    known = set(connection.execute(select(column).where(column.in_(list(by_key)))).scalars()) if by_key else set()
    fresh = [row for k, row in by_key.items() if k not in known]
    if fresh:
        connection.execute(insert(table), fresh)
    for k in known:
        connection.execute(update(table).where(column == k).values(by_key[k]))


def _places(connection: Connection, scenario: Scenario, home: str) -> None:
    _upsert(connection, t.stations, "station_id", (
        {"station_id": s.station_id, "name": s.name, "town": s.town, "lat": s.lat, "lon": s.lon}
        for s in scenario.stations))
    _upsert(connection, t.sites, "site_id", (
        {"site_id": s.site_id, "employer": s.employer, "name": s.name, "lat": s.lat, "lon": s.lon,
         **dict(zip(("county", "town"), site_region(s, scenario.stations, home)))}
        for s in scenario.sites))


def _runs(connection: Connection, plan_id: int, routes: list[dict[str, Any]]) -> None:
    buses = {r["vehicle_id"]: {"plan_id": plan_id, "vehicle_id": r["vehicle_id"], "plate": r.get("plate", ""),
                               "seats": r["seats"], "driver": r.get("driver", ""),
                               "driver_phone_masked": mask_phone(r["driver_phone"]) if r.get("driver_phone") else ""}
             for r in routes}
    if buses:
        connection.execute(insert(t.buses), list(buses.values()))
    for route in routes:
        run_id = insert_id(connection, insert(t.runs).values(
            plan_id=plan_id, vehicle_id=route["vehicle_id"], trip=route["trip"],
            departure=route.get("departure") or route["stops"][0]["departure"],
            distance_km=route["distance_km"], duration_min=route["duration_min"],
        ))
        riders = dict.fromkeys(a for stop in route["stops"] for a in stop["board"])
        if riders:
            connection.execute(insert(t.rides), [{"run_id": run_id, "application_id": a} for a in riders])


def _orders(connection: Connection, plan_id: int, orders: list[dict[str, Any]]) -> None:
    if orders:
        connection.execute(insert(t.orders), [
            {"plan_id": plan_id, "order_id": o["order_id"], "site_id": o["site_id"], "skill": o["skill"],
             "requested": o["requested"], "sent": o["sent"]} for o in orders])


def _applicants(connection: Connection, plan_id: int, document: dict[str, Any], scenario: Scenario) -> None:
    """Every application of the day, placed or not, with its person (none for a row set aside as invalid)."""
    applications = scenario.applications_by_id
    key = salt(connection)
    entries: list[tuple[str, dict[str, Any] | None, dict[str, Any] | None]]
    entries = [(a["application_id"], a, None) for a in document["assignments"]]
    entries += [(u["application_id"], None, u) for u in document["unassigned"]]
    hashes = {aid: id_hash(key, applications[aid].id_number) for aid, _, _ in entries if aid in applications}
    _upsert(connection, t.people, "id_hash", (
        {"id_hash": hashes[aid], "id_masked": mask_id(app.id_number), "name": app.name, "gender": app.gender,
         "phone_masked": mask_phone(app.phone) if app.phone else ""}
        for aid, app in ((aid, applications[aid]) for aid in hashes)))
    wanted = list(set(hashes.values()))
    person_of = dict(connection.execute(select(t.people.c.id_hash, t.people.c.id).where(
        t.people.c.id_hash.in_(wanted))).all()) if wanted else {}
    rows = []
    for aid, placed, unplaced in entries:
        app = applications.get(aid)
        rows.append({
            "plan_id": plan_id, "application_id": aid,
            "person_id": person_of[hashes[aid]] if aid in hashes else None,
            "station_id": placed["station_id"] if placed else (app.station_id if app else None),
            "team": app.team if app else None,
            "priority": bool(app and app.priority),
            "order_id": placed["order_id"] if placed else (unplaced or {}).get("order_id"),
            "site_id": placed["site_id"] if placed else None,
            "reason": unplaced["reason"] if unplaced else None,
            "detail": unplaced["detail"] if unplaced else None,
        })
    if rows:
        connection.execute(insert(t.applicants), rows)
