"""Retention: removing the days before a date, with their runs, rides and sign-ins, and the people no
longer on any day kept (PIPL: personal data is kept no longer than the work needs)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, delete, func, select

from ledger import schema as t


@dataclass(frozen=True)
class Purged:
    plans: int
    days: int
    people: int


def months_before(today: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (the month's last day where it is shorter): the
    first day a retention of `months` months keeps."""
    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    following = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    return dt.date(year, month + 1, min(today.day, (following - dt.timedelta(days=1)).day))


def purge_before(engine: Engine, before: dt.date, *, keep: bool = False) -> Purged:
    """Delete every plan revision dated before `before` and what hangs on them (children first, which the
    foreign keys' ON DELETE CASCADE would also do), then every person no remaining plan mentions, in one
    transaction; with `keep`, roll it back: what would go, and nothing changed."""
    with engine.connect() as connection, connection.begin() as transaction:
        old = select(t.plans.c.id).where(t.plans.c.date < before)
        days = connection.execute(select(func.count(func.distinct(t.plans.c.date))).where(
            t.plans.c.date < before)).scalar() or 0
        old_signins = select(t.signins.c.id).where(t.signins.c.plan_id.in_(old))
        old_runs = select(t.runs.c.id).where(t.runs.c.plan_id.in_(old))
        # children first, explicitly, so it holds where a database does not cascade
        connection.execute(delete(t.boardings).where(t.boardings.c.signin_id.in_(old_signins)))
        connection.execute(delete(t.signins).where(t.signins.c.plan_id.in_(old)))
        connection.execute(delete(t.rides).where(t.rides.c.run_id.in_(old_runs)))
        for table in (t.runs, t.buses, t.orders, t.applicants):
            connection.execute(delete(table).where(table.c.plan_id.in_(old)))
        plans = connection.execute(delete(t.plans).where(t.plans.c.date < before)).rowcount
        people = connection.execute(delete(t.people).where(t.people.c.id.not_in(
            select(t.applicants.c.person_id).where(t.applicants.c.person_id.is_not(None))))).rowcount
        if keep:
            transaction.rollback()
    return Purged(plans, days, people)
