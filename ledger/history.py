"""A person's history (一人一档): every day the current plans had them, where to, on which runs, and what the
sheet says. For the dispatcher only (it is printed, never written to a file)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Engine, func, select

from data.signin import TRIP_WORDS
from ledger import schema as t
from ledger.people import id_hash
from ledger.store import salt


@dataclass(frozen=True)
class HistoryDay:
    date: dt.date
    application_id: str
    station: str
    employer: str
    rides: tuple[str, ...]
    """Each run as `V01 去程 是` (是 / 否 / 未记录; 临时 for a walk-on)."""
    reason: str
    """Why they were not placed, empty when they were."""


@dataclass(frozen=True)
class History:
    name: str
    id_masked: str
    days: tuple[HistoryDay, ...]


def person_history(
    engine: Engine, *, application_id: str | None = None, id_number: str | None = None
) -> History | None:
    """The history of the person with that ID number, or of the one who made that application; None if unknown."""
    with engine.connect() as connection:
        if id_number is not None:
            query = select(t.people).where(t.people.c.id_hash == id_hash(salt(connection), id_number))
        else:
            query = (select(t.people).join(t.applicants, t.applicants.c.person_id == t.people.c.id)
                     .where(t.applicants.c.application_id == application_id).limit(1))
        person = connection.execute(query).first()
        if person is None:
            return None
        rows = connection.execute(
            select(t.plans.c.id, t.plans.c.date, t.applicants.c.application_id, t.applicants.c.reason,
                   t.stations.c.name.label("station"), t.sites.c.employer)
            .join(t.applicants, t.applicants.c.plan_id == t.plans.c.id)
            .outerjoin(t.stations, t.stations.c.station_id == t.applicants.c.station_id)
            .outerjoin(t.sites, t.sites.c.site_id == t.applicants.c.site_id)
            .where(t.applicants.c.person_id == person.id, t.plans.c.superseded_at.is_(None))
            .order_by(t.plans.c.date)).all()
        rides = _rides(engine, [r.id for r in rows], {r.application_id for r in rows})
    days = tuple(HistoryDay(r.date, r.application_id, r.station or "", r.employer or "",
                            tuple(rides.get((r.id, r.application_id), ())), r.reason or "") for r in rows)
    return History(person.name, person.id_masked, days)


def _rides(engine: Engine, plan_ids: list[int], application_ids: set[str]) -> dict[tuple[int, str], list[str]]:
    """Each planned or walked-on run of these applications in these plans, with what the latest sheet says."""
    found: dict[tuple[int, str], dict[int, str]] = defaultdict(dict)
    runs: dict[int, str] = {}
    with engine.connect() as connection:
        for run in connection.execute(select(t.runs).where(t.runs.c.plan_id.in_(plan_ids))):
            runs[run.id] = f"{run.vehicle_id} {TRIP_WORDS.get(run.trip, run.trip)}"
        for ride in connection.execute(select(t.runs.c.plan_id, t.rides).join(t.runs).where(
                t.runs.c.plan_id.in_(plan_ids), t.rides.c.application_id.in_(application_ids))):
            found[(ride.plan_id, ride.application_id)][ride.run_id] = "未记录"
        latest = connection.execute(select(func.max(t.signins.c.id)).where(
            t.signins.c.plan_id.in_(plan_ids)).group_by(t.signins.c.plan_id)).scalars().all()
        for b in connection.execute(select(t.signins.c.plan_id, t.boardings).join(t.signins).where(
                t.boardings.c.signin_id.in_(latest), t.boardings.c.application_id.in_(application_ids))):
            word = "未记录" if b.boarded is None else ("是" if b.boarded else f"否 {b.reason}".strip())
            found[(b.plan_id, b.application_id)][b.run_id] = f"{word}{'（临时）' if b.walk_on else ''}"
    return {key: [f"{runs[run]} {word}" for run, word in sorted(by_run.items())] for key, by_run in found.items()}
