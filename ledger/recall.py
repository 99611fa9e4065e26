"""What the ledger remembers for planning a day: who was turned away lately, who often did not board.

The planner never reads the ledger; the CLI asks this module about the day's applications and hands the
answer to the planner as plain data (application ids with a reason, or with a count). A person is found
by the hash of their ID number, so the answer holds across days whatever the application ids are.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Engine, select

from ledger import schema as t
from ledger.people import id_hash
from ledger.report import person_days
from ledger.store import salt

TURNED_AWAY = ("no_seat", "order_full")
"""Unplaced for want of room: they could have gone had there been a seat or a place."""
_CHUNK = 500


@dataclass(frozen=True)
class Recalled:
    seat_first: dict[str, str]
    """Application id → the days and reasons they were turned away since they last had a seat."""
    no_shows: dict[str, int]
    """Application id → planned days not boarded (marked 否), for those at or over the flag."""


def recall(engine: Engine, day: dt.date, id_numbers: Mapping[str, str], *, seat_first_days: int,
           no_show_days: int, no_show_flag: int) -> Recalled:
    """For the applications of `day` (id → ID number): those turned away for want of room on one of the
    `seat_first_days` days before it and not planned or carried on any day since, and those who did not
    board on `no_show_flag` or more planned days of the `no_show_days` days before it."""
    with engine.connect() as connection:
        key = salt(connection)
        by_hash: dict[str, list[str]] = defaultdict(list)
        for application_id, number in sorted(id_numbers.items()):
            by_hash[id_hash(key, number)].append(application_id)
        applications_of: dict[int, list[str]] = {}
        hashes = sorted(by_hash)
        for start in range(0, len(hashes), _CHUNK):
            chunk = hashes[start:start + _CHUNK]
            for person_id, found in connection.execute(
                    select(t.people.c.id, t.people.c.id_hash).where(t.people.c.id_hash.in_(chunk))):
                applications_of[person_id] = by_hash[found]
        since = day - dt.timedelta(days=seat_first_days)
        current = select(t.plans.c.id, t.plans.c.date).where(
            t.plans.c.date >= since, t.plans.c.date < day, t.plans.c.superseded_at.is_(None)).subquery()
        turned = connection.execute(
            select(current.c.date, t.applicants.c.person_id, t.applicants.c.reason)
            .join(current, current.c.id == t.applicants.c.plan_id)
            .where(t.applicants.c.reason.in_(TURNED_AWAY))).all()
    yesterday = day - dt.timedelta(days=1)
    seated: dict[int, dt.date] = {}
    """Person id → the last date they had a seat (planned on a run, or boarded one)."""
    for d in person_days(engine, since, yesterday):
        if d.planned or d.boarded:
            seated[d.person_id] = max(d.date, seated.get(d.person_id, d.date))
    waiting: dict[int, list[str]] = defaultdict(list)
    for date, person_id, reason in sorted(turned):
        if person_id in applications_of and date > seated.get(person_id, dt.date.min):
            waiting[person_id].append(f"{date.isoformat()} {reason}")
    missed: dict[int, int] = defaultdict(int)
    for d in person_days(engine, day - dt.timedelta(days=no_show_days), yesterday):
        if d.person_id in applications_of and d.planned and d.said_no and not d.boarded:
            missed[d.person_id] += 1
    return Recalled(
        seat_first={a: ", ".join(days) for p, days in waiting.items() for a in applications_of[p]},
        no_shows={a: n for p, n in missed.items() if n >= no_show_flag for a in applications_of[p]},
    )

