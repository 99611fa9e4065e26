"""Recording a sign-in sheet: who boarded, who did not and why, and who boarded without being on the plan.

The sheet is checked whole before anything is written: every bad cell is one problem naming the file,
row and column, all of them in one InputError, and the ledger is then left as it was. A walk-on must
be an application of the day (published with the plan), or the row is refused. The latest sheet read
for a plan is the one that counts; reading the same file again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Connection, Engine, insert, select

from data.cells import CellError
from data.files import TableFileError
from data.signin import (
    APPLICATION,
    BOARDED,
    INFO_DATE,
    INFO_PLAN,
    NAME,
    REASON,
    TRIP,
    TRIP_WORDS,
    VEHICLE,
    boarded_of,
    plan_digest,
    trip_of,
)
from data.validation import ProblemCollector
from ledger import schema as t
from ledger.errors import LedgerError
from ledger.sheet import SigninSheet, read_sheet
from ledger.store import insert_id

REQUIRED = (APPLICATION, VEHICLE, TRIP, BOARDED)


@dataclass(frozen=True)
class Boarding:
    run_id: int
    application_id: str
    boarded: bool | None
    reason: str
    walk_on: bool


@dataclass(frozen=True)
class SignedIn:
    """What `record_signin` did, and the sheet's counts."""

    date: dt.date
    revision: int
    outcome: Literal["recorded", "unchanged", "replaced"]
    boarded: int
    no_shows: int
    not_recorded: int
    walk_ons: int


@dataclass(frozen=True)
class _PlanRows:
    """What a sheet is checked against: the plan's runs, planned rides and the day's applications."""

    plan_id: int
    revision: int
    digest: str
    run_of: dict[tuple[str, str], int]
    planned: set[tuple[int, str]]
    names: dict[str, str]
    has_person: set[str]


def current_plan(connection: Connection, document: dict[str, Any], out_dir: str) -> tuple[int, int]:
    """(plan id, revision) of the published plan `document` is, which must be its date's current one."""
    day = dt.date.fromisoformat(document["date"])
    digest = plan_digest(document)
    found = connection.execute(select(t.plans.c.id, t.plans.c.revision, t.plans.c.superseded_at).where(
        t.plans.c.date == day, t.plans.c.digest == digest).order_by(t.plans.c.revision.desc())).first()
    if found is None:
        raise LedgerError(f"{out_dir} 的计划（{day}）尚未发布：请先运行 shuttle publish {out_dir}")
    if found.superseded_at is not None:
        newest = connection.execute(select(t.plans.c.revision).where(
            t.plans.c.date == day, t.plans.c.superseded_at.is_(None))).scalar()
        raise LedgerError(f"{out_dir} 是 {day} 的第 {found.revision} 版计划，已被第 {newest} 版取代："
                          "请用当前版本计划文件夹里的签到表")
    return found.id, found.revision


def _plan_rows(connection: Connection, plan_id: int, revision: int, digest: str) -> _PlanRows:
    run_of = {(r.vehicle_id, r.trip): r.id for r in connection.execute(
        select(t.runs.c.id, t.runs.c.vehicle_id, t.runs.c.trip).where(t.runs.c.plan_id == plan_id))}
    planned = {(r.run_id, r.application_id) for r in connection.execute(
        select(t.rides.c.run_id, t.rides.c.application_id).join(t.runs).where(t.runs.c.plan_id == plan_id))}
    names: dict[str, str] = {}
    has_person: set[str] = set()
    for row in connection.execute(
        select(t.applicants.c.application_id, t.applicants.c.person_id, t.people.c.name)
        .outerjoin(t.people, t.people.c.id == t.applicants.c.person_id).where(t.applicants.c.plan_id == plan_id)
    ):
        names[row.application_id] = row.name or ""
        if row.person_id is not None:
            has_person.add(row.application_id)
    return _PlanRows(plan_id, revision, digest, run_of, planned, names, has_person)


def check_sheet(sheet: SigninSheet, day: dt.date, plan: _PlanRows, problems: ProblemCollector) -> list[Boarding]:
    """The sheet's rows as boardings; every problem goes to `problems` (rows with one are left out)."""
    file = sheet.table.file
    if sheet.info.get(INFO_DATE) and sheet.info[INFO_DATE] != day.isoformat():
        problems.add(file, None, None, f"是 {sheet.info[INFO_DATE]} 的签到表，不是 {day} 的", "wrong_day")
    elif sheet.info.get(INFO_PLAN) and sheet.info[INFO_PLAN] != plan.digest:
        problems.add(file, None, None, "是为另一版计划打印的签到表：请用当前版本计划文件夹里的 signin.xlsx",
                     "wrong_plan")
    position = {h: k for k, h in enumerate(sheet.table.headers) if h}
    missing = [c for c in REQUIRED if c not in position]
    if missing:
        problems.add(file, sheet.table.header_row, None, f"缺少列：{'、'.join(missing)}", "missing_column")
        return []
    boardings: list[Boarding] = []
    seen: dict[tuple[int, str], int] = {}
    for number, cells in sheet.table.rows:
        def cell(column: str, cells: tuple[str, ...] = cells) -> str:
            k = position.get(column)
            return cells[k].strip() if k is not None and k < len(cells) else ""

        boarding = _row(file, number, cell, plan, seen, problems)
        if boarding is not None:
            boardings.append(boarding)
    return boardings


def _row(file: str, number: int, cell: Any, plan: _PlanRows, seen: dict[tuple[int, str], int],
         problems: ProblemCollector) -> Boarding | None:
    """One sheet row as a boarding, or None after adding its problems."""
    bad: list[tuple[str, str, str]] = []  # column, message, code
    aid, vehicle = cell(APPLICATION), cell(VEHICLE)
    if not aid:
        bad.append((APPLICATION, "申请编号为空", "missing_value"))
    elif aid not in plan.names:
        bad.append((APPLICATION, f"{aid} 不是当天的务工申请：临时乘车人须先提交当天的申请并重新发布计划",
                    "unknown_application"))
    boarded: bool | None = None
    try:
        boarded = boarded_of(cell(BOARDED))
    except CellError as error:
        bad.append((BOARDED, str(error), "bad_value"))
    run_id = None
    try:
        trip = trip_of(cell(TRIP))
        run_id = plan.run_of.get((vehicle, trip))
        if run_id is None:
            bad.append((VEHICLE, f"{vehicle or '（空）'} {TRIP_WORDS[trip]} 不是当天计划中的车次", "unknown_run"))
    except CellError as error:
        bad.append((TRIP, str(error), "bad_value"))
    if not bad and run_id is not None:
        bad += _row_against_plan(number, cell, plan, seen, run_id, aid, boarded)
    for column, message, code in bad:
        problems.add(file, number, column, message, code)
    if bad or run_id is None:
        return None
    return Boarding(run_id, aid, boarded, cell(REASON), (run_id, aid) not in plan.planned)


def _row_against_plan(number: int, cell: Any, plan: _PlanRows, seen: dict[tuple[int, str], int], run_id: int,
                      aid: str, boarded: bool | None) -> list[tuple[str, str, str]]:
    """The problems of a row whose cells read well: a name that is someone else's, a walk-on not boarded..."""
    bad = []
    walk_on = (run_id, aid) not in plan.planned
    name = cell(NAME)
    if name and plan.names[aid] and name != plan.names[aid]:
        bad.append((NAME, f"{name} 与申请 {aid} 的姓名（{plan.names[aid]}）不一致", "name_mismatch"))
    if walk_on and boarded is not True:
        bad.append((BOARDED, f"{aid} 不在该车次的名单上：临时乘车人请填 已上车 是", "walk_on_not_boarded"))
    if walk_on and aid not in plan.has_person:
        bad.append((APPLICATION, f"{aid} 的申请因填写有误被搁置，无法登记为乘车人：请更正申请后重新发布",
                    "set_aside_application"))
    if boarded is True and cell(REASON):
        bad.append((REASON, "已上车 是 的行不应填写未上车原因", "reason_when_boarded"))
    if (run_id, aid) in seen:
        bad.append((APPLICATION, f"{aid} 在该车次已填写过（第 {seen[(run_id, aid)]} 行）", "duplicate_row"))
    seen.setdefault((run_id, aid), number)
    return bad


def record_signin(engine: Engine, document: dict[str, Any], out_dir: str, sheet_path: Path) -> SignedIn:
    """Check the sheet against the published plan `document` and record it; InputError on any bad cell."""
    day = dt.date.fromisoformat(document["date"])
    problems = ProblemCollector()
    try:
        sheet: SigninSheet | None = read_sheet(sheet_path)
    except TableFileError as error:
        problems.add(sheet_path.name, None, None, str(error), "bad_file")
        sheet = None
    file_digest = hashlib.sha256(sheet_path.read_bytes()).hexdigest() if sheet is not None else ""
    with engine.begin() as connection:
        plan_id, revision = current_plan(connection, document, out_dir)
        rows = _plan_rows(connection, plan_id, revision, plan_digest(document))
        boardings = check_sheet(sheet, day, rows, problems) if sheet is not None else []
        problems.raise_if_any()
        latest = connection.execute(select(t.signins.c.digest).where(t.signins.c.plan_id == plan_id)
                                    .order_by(t.signins.c.id.desc())).first()
        outcome: Literal["recorded", "unchanged", "replaced"] = "recorded" if latest is None else "replaced"
        if latest is not None and latest.digest == file_digest:
            outcome = "unchanged"
        else:
            signin_id = insert_id(connection, insert(t.signins).values(
                plan_id=plan_id, digest=file_digest, recorded_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                source=str(sheet_path),
            ))
            if boardings:
                connection.execute(insert(t.boardings), [
                    {"signin_id": signin_id, "run_id": b.run_id, "application_id": b.application_id,
                     "boarded": b.boarded, "reason": b.reason, "walk_on": b.walk_on} for b in boardings])
    return SignedIn(
        day, revision, outcome,
        boarded=sum(b.boarded is True for b in boardings),
        no_shows=sum(b.boarded is False for b in boardings),
        not_recorded=sum(b.boarded is None for b in boardings) + len(rows.planned - {(b.run_id, b.application_id)
                                                                                    for b in boardings}),
        walk_ons=sum(b.walk_on for b in boardings),
    )
