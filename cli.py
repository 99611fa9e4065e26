"""`shuttle`: plan a day of the worker shuttle from a folder of spreadsheets.

Exit codes: 0 done; 1 internal error (a bug: please report it); 2 the input or the command line has
problems (nothing was written); 130 interrupted (previous outputs left as they were).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import multiprocessing
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

import typer

from data.options import read_options
from data.place_check import warning_sentence
from data.reader import load_scenario
from data.records import Scenario
from data.samples import CHANGJIANG
from data.validation import InputError, Problem, ProblemCollector, ValidationReport
from dispatch import ChangeReport, PlanHistory, PlanSettings, plan_day, replan
from dispatch.outputs import (
    bus_days_table,
    changes_table,
    orders_table,
    output_settings,
    plan_from_dict,
    read_plan_json,
    read_published_plan,
    summary_table,
    unplaced_by_station,
    write_outputs,
)
from dispatch.outputs.pdf import MissingGlyphs
from dispatch.presentation import LANGS, Lang, reason_label
from dispatch.roads import prepared, road_settings
from ledger import (
    BY,
    FORMATS,
    GROUP_WORDS,
    By,
    Format,
    LedgerError,
    check_inputs,
    default_location,
    ledger_settings,
    ledger_url,
    months_before,
    opened_ledger,
    person_history,
    publish_plan,
    purge_before,
    read_info,
    recall,
    record_signin,
    report_rows,
    salt_location,
    write_report,
)
from routing.bench import default_bks_path, format_table, run_bench

if TYPE_CHECKING:
    from sqlalchemy import Engine

EXIT_INTERNAL, EXIT_INPUT, EXIT_INTERRUPTED = 1, 2, 130

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="Dispatch and route optimisation for the direct worker shuttle (务工直通车).",
)

Folder = Annotated[Path, typer.Argument(help="Scenario folder: stations, sites, orders, fleet, applications.")]
Out = Annotated[Path, typer.Option("--out", help="Output folder (replaced as a whole when the run succeeds).")]
Date = Annotated[
    str | None, typer.Option("--date", help="Day to plan, YYYY-MM-DD (default: the folder's only date).")
]
TimeLimit = Annotated[float | None, typer.Option(
    "--time-limit", help="Wall-clock cap per routing search, seconds. Plans stay reproducible only without it.",
)]
SolutionLimit = Annotated[
    int | None, typer.Option("--solution-limit", help="Deterministic routing budget (solutions examined).")
]
Seed = Annotated[int | None, typer.Option("--seed", help="Random seed of the searches.")]
Language = Annotated[str, typer.Option("--lang", help="Language of printed labels: zh or en.")]
Previous = Annotated[Path | None, typer.Option(
    "--previous",
    help="A published plan.json of the same day: keep its buses and times, change only what the new inputs force.",
)]
Strict = Annotated[bool, typer.Option(
    "--strict", help="Refuse the folder when any application row has a problem, instead of setting that row aside.",
)]
Contact = Annotated[
    str | None, typer.Option("--contact", help="Whom unplaced workers should call (printed in notices).")
]
Roads = Annotated[str | None, typer.Option(
    "--roads", help="Road travel: an OpenStreetMap file (.osm, .osm.pbf) or an OSRM server URL (http://...); "
                    "default: [roads] in scenario.toml, else the straight-line model (docs/roads.md).",
)]



@app.command()
def validate(folder: Folder, strict: Strict = False, lang: Language = "zh") -> None:
    """Check a scenario folder and print every problem found (exit 2 if any stops planning)."""
    scenario = _load(folder, strict)
    _warn_places(scenario, _language(lang))
    typer.echo(
        f"{folder}: OK: {len(scenario.stations)} stations, {len(scenario.sites)} sites, "
        f"{len(scenario.orders)} orders, {len(scenario.fleet)} buses, {len(scenario.applications)} applications"
    )
    if scenario.set_aside:
        typer.echo(f"{len(scenario.set_aside)} application row(s) set aside (planning goes ahead without them; "
                   "--strict refuses the folder):")
        for row in scenario.set_aside:
            typer.echo(f"  {row.file} row {row.row} ({row.application_id}): {'; '.join(row.problems)}")


@app.command()
def plan(
    folder: Folder,
    out: Out,
    date: Date = None,
    time_limit: TimeLimit = None,
    solution_limit: SolutionLimit = None,
    seed: Seed = None,
    lang: Language = "zh",
    contact: Contact = None,
    previous: Previous = None,
    strict: Strict = False,
    roads: Roads = None,
) -> None:
    """Plan one day: plan.json, manifests, lists, workbook, notices and the route map in --out."""
    overrides = {"time_limit_s": time_limit_s(time_limit), "solution_limit": solution_limit, "seed": seed,
                 "roads": roads}
    _run(folder, out, date, _language(lang), contact, overrides, previous, strict)


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("out/demo"),
    time_limit: TimeLimit = None,
    seed: Seed = None,
    lang: Language = "zh",
    roads: Roads = None,
) -> None:
    """Plan the bundled Changjiang sample day."""
    _run(CHANGJIANG, out, None, _language(lang), None,
         {"time_limit_s": time_limit_s(time_limit), "seed": seed, "roads": roads})


roads_app = typer.Typer(no_args_is_help=True, help="Road networks for road travel times (docs/roads.md).")
app.add_typer(roads_app, name="roads")


@roads_app.command("prepare")
def roads_prepare(
    osm_file: Annotated[Path, typer.Argument(help="An OpenStreetMap file (.osm, .osm.pbf): hainan-latest.osm.pbf")],
) -> None:
    """Prepare an OSM file for routing ahead of time (OSRM's tools, once per file: `plan --roads` reuses it)."""
    started = time.perf_counter()
    try:
        chosen = road_settings(None, str(osm_file), Path.cwd())
        if chosen is None or chosen.is_server:
            raise typer.BadParameter("give an OpenStreetMap file", param_hint="OSM_FILE")
        done = prepared(Path(chosen.source), _progress)
    except InputError as error:
        _fail_input(error)
    typer.echo(f"{done.source}：道路网络已就绪，用时 {time.perf_counter() - started:.1f} 秒，占用 "
               f"{done.disk_bytes / 1e6:.1f} MB，数据日期 {done.data_date or '未注明'}（sha256 {done.sha256[:12]}…，"
               f"{done.base.parent}）")


@app.command()
def bench(
    paths: Annotated[
        list[Path], typer.Argument(help="Instance files: Solomon, Li & Lim or VRPLIB (CVRP); format detected.")
    ],
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds per instance.")] = 10.0,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    solution_limit: SolutionLimit = None,
    bks: Annotated[Path | None, typer.Option(
        "--bks", help="Best-known solutions CSV (default: ../shared/benchmarks/BKS.csv).",
    )] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per instance and line.")] = False,
) -> None:
    """Solve public routing benchmark instances with the routing engine and compare with the best known."""
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        typer.echo(f"no such instance file: {', '.join(missing)}", err=True)
        raise typer.Exit(EXIT_INPUT)
    bks_path = bks if bks is not None else default_bks_path(Path(__file__).parent)
    rows = []
    time_limit_s(time_limit)  # checked as for planning; the flag has a default, so its value goes on as it is
    try:
        for row in run_bench(list(paths), time_limit, seed, bks_path, deterministic_budget=solution_limit):
            rows.append(row)
            typer.echo(json.dumps(row, ensure_ascii=False) if as_json else f"… {row['instance']}: {row['vehicles']} "
                       f"vehicles, {row['distance']:.2f}", err=not as_json)
    except ValueError as error:  # an instance file in no format we know
        typer.echo(f"cannot read the instance: {error}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    if not as_json:
        typer.echo(format_table(rows))


# The ledger (台账): `publish` records a planned day, `signin` who boarded, `ledger report` counts across days.
ledger_app = typer.Typer(no_args_is_help=True, help="The ledger (台账): counts across published, signed-in days.")
app.add_typer(ledger_app, name="ledger")

LedgerOption = Annotated[str | None, typer.Option(
    "--ledger", help="The ledger: a SQLite file or a database URL (postgresql+psycopg://...). Default: the "
                     f"scenario.toml's [ledger] database, else {default_location()}.",
)]
PlanDir = Annotated[Path, typer.Argument(help="A plan's output folder (plan.json, signin.xlsx).")]
ScenarioOption = Annotated[Path | None, typer.Option(
    "--inputs", help="A scenario folder whose scenario.toml's [ledger] names the ledger (and its retention).",
)]


@app.command()
def publish(
    out_dir: PlanDir,
    inputs: Annotated[Path | None, typer.Option(
        "--inputs", help="The scenario folder the plan was made from (default: the one its signin.xlsx names).",
    )] = None,
    ledger: LedgerOption = None,
) -> None:
    """Record a planned day in the ledger as published; the same plan again changes nothing."""
    document = _plan_document(out_dir)
    folder = inputs if inputs is not None else _inputs_of(out_dir)
    if folder is None:
        _fail_ledger(LedgerError(f"{out_dir / 'signin.xlsx'} 未注明方案文件夹：请用 --inputs 指定制定该计划的文件夹"))
    scenario = _load(folder)
    try:
        day_plan = plan_from_dict(document, scenario, str(out_dir / "plan.json"))
        check_inputs(document, day_plan, str(folder))
    except InputError as error:
        _fail_input(error)
    except LedgerError as error:
        _fail_ledger(error)
    with _ledger(ledger, scenario.settings, folder) as (url, engine):
        done = publish_plan(engine, document, scenario, str(out_dir.resolve()))
    if done.outcome == "unchanged":
        typer.echo(f"{done.date} 第 {done.revision} 版计划已发布过，内容相同：台账未改动（no change）。")
        return
    replaced = f"，取代第 {done.revision - 1} 版" if done.outcome == "revised" else ""
    typer.echo(f"已发布 {done.date} 第 {done.revision} 版计划{replaced}：{done.runs} 车次，"
               f"{done.passengers} 人安排乘车，{done.unplaced} 人未安排（台账 {url}）。")


@app.command()
def signin(
    out_dir: PlanDir,
    sheet: Annotated[Path, typer.Argument(help="The ticked sign-in sheet (signin.xlsx as filled in).")],
    ledger: LedgerOption = None,
) -> None:
    """Record a ticked sign-in sheet: who boarded, who did not and why, and walk-ons."""
    document = _plan_document(out_dir)
    folder = _inputs_of(out_dir)
    settings = read_options(folder, ProblemCollector()).settings if folder is not None else {}
    try:
        with _ledger(ledger, settings, folder) as (url, engine):
            done = record_signin(engine, document, str(out_dir), sheet)
    except InputError as error:
        _fail_input(error)
    if done.outcome == "unchanged":
        typer.echo(f"{sheet} 已录入过，内容相同：台账未改动（no change）。")
        return
    replaced = "（取代此前录入的签到表）" if done.outcome == "replaced" else ""
    typer.echo(f"已录入 {done.date} 第 {done.revision} 版计划的签到{replaced}（按乘车行计）：已上车 {done.boarded}，"
               f"未上车 {done.no_shows}，未记录 {done.not_recorded}，其中临时乘车 {done.walk_ons}（台账 {url}）。")


@ledger_app.command("report")
def ledger_report(
    out: Annotated[Path, typer.Option("--out", help="The report file (.csv or .xlsx).")],
    date_from: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD (included).")] = None,
    month: Annotated[str | None, typer.Option("--month", help="A calendar month, YYYY-MM.")] = None,
    by: Annotated[str, typer.Option("--by", help=f"Group by: {' | '.join(BY)}.")] = "station",
    fmt: Annotated[str | None, typer.Option(
        "--format", help="csv, xlsx or pdf (default: from --out's suffix).",
    )] = None,
    ledger: LedgerOption = None,
    inputs: ScenarioOption = None,
) -> None:
    """车次, 人次 and 人数 per group over a period, planned against boarded, no-shows and hardship cases."""
    start, end = _period(date_from, date_to, month)
    group = _choice(by, BY, "--by")
    kind = _choice(fmt or out.suffix.lstrip(".").lower() or "csv", FORMATS, "--format")
    with _ledger(ledger, _scenario_settings(inputs), inputs) as (url, engine):
        rows = report_rows(engine, start, end, group)
    title = f"{start} 至 {end}，按{GROUP_WORDS[group]}"
    write_report(rows, out, kind, title)
    typer.echo(f"{title}：{len(rows)} 行，写入 {out}（台账 {url}）")
    for row in rows:
        typer.echo(f"  {row.group_id} {row.name}：车次 {row.runs}，人次 {row.person_days}，人数 {row.people}，"
                   f"计划人次 {row.planned_person_days}，未上车 {row.no_shows}，困难人次 {row.hardship_person_days}")


@ledger_app.command("person")
def ledger_person(
    application: Annotated[str | None, typer.Option("--application", help="An application id (申请编号).")] = None,
    id_number: Annotated[str | None, typer.Option("--id-number", help="An ID number (身份证号).")] = None,
    ledger: LedgerOption = None,
    inputs: ScenarioOption = None,
) -> None:
    """A person's history (一人一档): dates, employers, runs and sign-ins. Printed only, for the dispatcher."""
    if (application is None) == (id_number is None):
        raise typer.BadParameter("give --application or --id-number", param_hint="--application/--id-number")
    with _ledger(ledger, _scenario_settings(inputs), inputs) as (url, engine):
        history = person_history(engine, application_id=application, id_number=id_number)
    if history is None:
        _fail_ledger(LedgerError(f"台账中没有此人（{application or '该身份证号'}）（台账 {url}）"))
    carried = sum(any(" 是" in ride for ride in day.rides) for day in history.days)
    typer.echo(f"{history.name} {history.id_masked}：{len(history.days)} 天有申请，乘车 {carried} 天")
    for day in history.days:
        where = day.employer or f"未安排：{reason_label(day.reason)}"
        typer.echo(f"  {day.date} {day.application_id} {day.station} → {where}  {'；'.join(day.rides)}")


@ledger_app.command("purge")
def ledger_purge(
    before: Annotated[str | None, typer.Option(
        "--before", help="Remove every day before this date, YYYY-MM-DD (default: [ledger] keep_months ago).",
    )] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Really remove (without it: only say what would go).")] = False,
    ledger: LedgerOption = None,
    inputs: ScenarioOption = None,
) -> None:
    """Retention: remove the days before a date, their sign-ins, and the people on no day kept."""
    settings = _scenario_settings(inputs)
    day = _purge_date(before, ledger_settings(settings).keep_months)
    with _ledger(ledger, settings, inputs) as (url, engine):
        done = purge_before(engine, day, keep=not yes)
    what = f"{day} 之前的 {done.days} 天（{done.plans} 版计划）及其签到，和 {done.people} 名不再出现的人员"
    typer.echo(f"已删除{what}（台账 {url}）。" if yes else f"将删除{what}；加 --yes 执行（台账未改动）。")


def _scenario_settings(folder: Path | None) -> dict[str, Any]:
    """A scenario folder's scenario.toml, its [ledger] table checked (exit 2 naming the key); {} without one."""
    if folder is None:
        return {}
    if not folder.is_dir():
        raise typer.BadParameter(f"{folder} is not a folder", param_hint="--inputs")
    problems = ProblemCollector()
    settings = read_options(folder, problems).settings
    try:
        problems.raise_if_any()
        ledger_settings(settings)
    except InputError as error:
        _fail_input(error)
    return settings


def _purge_date(before: str | None, keep_months: int | None) -> dt.date:
    """--before, else the day `keep_months` months before today (the retention setting)."""
    if before is not None:
        try:
            return dt.date.fromisoformat(before)
        except ValueError:
            raise typer.BadParameter("must be YYYY-MM-DD", param_hint="--before") from None
    if keep_months is None:
        raise typer.BadParameter("give --before, or --inputs with a scenario.toml that sets [ledger] keep_months",
                                 param_hint="--before")
    return months_before(dt.date.today(), keep_months)


def _plan_document(out_dir: Path) -> dict[str, Any]:
    try:
        return read_plan_json(out_dir / "plan.json")
    except InputError as error:
        _fail_input(error)


def _inputs_of(out_dir: Path) -> Path | None:
    """The scenario folder a plan's signin.xlsx names, when it names one that exists."""
    folder = read_info(out_dir / "signin.xlsx").get("方案文件夹", "") if (out_dir / "signin.xlsx").is_file() else ""
    return Path(folder) if folder and Path(folder).is_dir() else None


def _choice[C: (By, Format)](value: str, choices: tuple[C, ...], flag: str) -> C:
    for choice in choices:
        if value == choice:
            return choice
    raise typer.BadParameter(f"must be one of {', '.join(choices)}", param_hint=flag)


def _period(date_from: str | None, date_to: str | None, month: str | None) -> tuple[dt.date, dt.date]:
    """The report's days: --month, or --from with --to."""
    try:
        if month is not None and date_from is None and date_to is None:
            first = dt.date.fromisoformat(f"{month}-01")
            following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return first, following - dt.timedelta(days=1)
        if month is None and date_from is not None and date_to is not None:
            start, end = dt.date.fromisoformat(date_from), dt.date.fromisoformat(date_to)
            if start <= end:
                return start, end
            raise typer.BadParameter("--from is after --to", param_hint="--from/--to")
    except ValueError:
        raise typer.BadParameter("dates are YYYY-MM-DD, months YYYY-MM", param_hint="--from/--to/--month") from None
    raise typer.BadParameter("give --month YYYY-MM, or --from and --to", param_hint="--from/--to/--month")


@contextmanager
def _ledger(option: str | None, settings: dict[str, Any] | None = None,
            folder: Path | None = None) -> Iterator[tuple[str, Engine]]:
    """The ledger a command names (its URL, and the database open for the block); a ledger error
    inside the block is reported, exit 2."""
    try:
        url = ledger_url(option, settings, folder)
        with opened_ledger(url, salt_location(option, settings, folder)) as engine:
            yield url, engine
    except LedgerError as error:
        _fail_ledger(error)


def _fail_ledger(error: LedgerError) -> NoReturn:
    typer.echo(str(error), err=True)
    raise typer.Exit(EXIT_INPUT)


def time_limit_s(value: float | None) -> float | None:
    if value is not None and value <= 0:
        raise typer.BadParameter("must be positive", param_hint="--time-limit")
    return value


def _language(value: str) -> Lang:
    for lang in LANGS:
        if value == lang:
            return lang
    raise typer.BadParameter("must be zh or en", param_hint="--lang")


def _run(
    folder: Path, out: Path, date: str | None, lang: Lang, contact: str | None, overrides: dict[str, Any],
    previous: Path | None = None,
    strict: bool = False,
) -> None:
    started = time.perf_counter()
    _check_out(folder, out)
    with _interruptible():
        scenario = _load(folder, strict, overrides.get("roads"))
        settings = _settings(scenario, overrides)
        day = _day(scenario, date)
        history = _history(scenario, folder, day)
        changes: ChangeReport | None = None
        try:
            if previous is None:
                day_plan = _in_child(plan_day, scenario, day, settings, _progress, history)
            else:
                published = read_published_plan(previous, scenario, day)
                day_plan, changes = _in_child(replan, published, scenario, day, settings, _progress)
                if history:  # a late change keeps the published seats: only the no-show flags apply
                    day_plan = dataclasses.replace(day_plan, history=PlanHistory({}, history.no_shows,
                                                                                 history.no_show_days))
            written = write_outputs(day_plan, out, lang=lang, contact=contact, changes=changes)
        except InputError as error:  # a problem found past reading: settings, a previous plan
            _fail_input(error)
    seconds = time.perf_counter() - started
    typer.echo(summary_table(day_plan))
    typer.echo(bus_days_table(day_plan))
    typer.echo(orders_table(day_plan, lang))
    typer.echo(unplaced_by_station(day_plan))
    if changes is not None:
        typer.echo(changes_table(changes))
    _warn_places(scenario, lang)
    for warning in day_plan.warnings:
        typer.echo(f"warning: {warning}", err=True)
    for characters, (texts, files) in _by_character(written.missing_glyphs).items():
        typer.echo(f"note: the print font lacks {characters!r} (in {_some(texts, repr)}; {_some(files, str)}): "
                   "printed as a placeholder, kept whole in plan.json and plan.xlsx", err=True)
    typer.echo(f"\nplanned {day.isoformat()} in {seconds:.1f} s; wrote to {out.resolve()}:")
    for name in written.shown:
        typer.echo(f"  {out / name}")


def _history(scenario: Scenario, folder: Path, day: dt.date) -> PlanHistory | None:
    """What the ledger remembers of the days before `day`, when scenario.toml's `[ledger] history` asks
    planning to read it (docs/ledger.md); None otherwise."""
    chosen = ledger_settings(scenario.settings)
    if not chosen.history:
        return None
    ids = {a.application_id: a.id_number for a in scenario.applications if a.available_on(day)}
    with _ledger(None, scenario.settings, folder) as (url, engine):
        found = recall(engine, day, ids, seat_first_days=chosen.seat_first_days, no_show_days=chosen.no_show_days,
                       no_show_flag=chosen.no_show_flag)
    _progress(f"台账 {url}：{len(found.seat_first)} 人近 {chosen.seat_first_days} 天未能乘车、今日同等条件下优先；"
              f"{len(found.no_shows)} 人近 {chosen.no_show_days} 天未上车 {chosen.no_show_flag} 次以上，名单上标注")
    return PlanHistory(found.seat_first, found.no_shows, chosen.no_show_days)


def _in_child[T](work: Callable[..., T], *args: object) -> T:
    """Run the planning in a forked process, so Ctrl-C and SIGTERM stop it at once.

    OR-Tools searches in C++ without returning to Python for long stretches, and Python runs signal
    handlers only between bytecodes; this process waits in Python and ends the child when told to.
    A child that dies without an answer (killed, out of memory) is an internal error, never a hang.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return work(*args)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child_main, args=(sender, work, args), daemon=True)
    child.start()
    sender.close()
    try:
        while not receiver.poll(0.2):
            pass
        try:
            succeeded, value = receiver.recv()
        except EOFError:  # the child closed its end without sending: it died
            child.join()
            raise RuntimeError(f"the planning process ended without an answer (exit code {child.exitcode})") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
    if succeeded:
        return value
    raise value


def _child_main(sender: Connection, work: Callable[..., object], args: tuple[object, ...]) -> None:
    """The child's side: the result or the exception goes back through the pipe; signals are the parent's."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    answer: tuple[bool, object]
    try:
        answer = (True, work(*args))
    except Exception as error:  # noqa: BLE001 - handed to the parent, which reports it
        answer = (False, error)
    try:
        sender.send(answer)
    except Exception:  # noqa: BLE001 - an exception that cannot be pickled: send its words
        sender.send((False, RuntimeError(f"{type(answer[1]).__name__}: {answer[1]}")))


def _warn_places(scenario: Scenario, lang: Lang) -> None:
    """Places outside their county or the province: the day plans, the dispatcher is told by name."""
    for warning in scenario.place_warnings:
        typer.echo(f"{'warning' if lang == 'en' else '注意'}: {warning_sentence(warning, lang)}", err=True)


def _progress(message: str) -> None:
    typer.echo(f"… {message}", err=True)


def _by_character(missing: Iterable[MissingGlyphs]) -> dict[str, tuple[list[str], list[str]]]:
    """Glyphs the print font lacks, each with the distinct texts and PDF files it appears in."""
    grouped: dict[str, tuple[list[str], list[str]]] = {}
    for gap in missing:
        texts, files = grouped.setdefault(gap.characters, ([], []))
        for seen, item in ((texts, gap.text), (files, gap.file_name)):
            if item not in seen:
                seen.append(item)
    return grouped


def _some(items: list[str], show: Callable[[str], str]) -> str:
    """The first three items and how many more."""
    shown = ", ".join(show(item) for item in items[:3])
    return shown + (f" and {len(items) - 3} more" if len(items) > 3 else "")


def _check_out(folder: Path, out: Path) -> None:
    """--out is replaced as a whole, so it must be a new folder, or one that holds an earlier plan."""
    source, target = folder.resolve(), out.resolve()
    if target == source or source in target.parents or target in source.parents:
        typer.echo(f"--out {out} overlaps the scenario folder {folder}: outputs go to a folder of their own.",
                   err=True)
        raise typer.Exit(EXIT_INPUT)
    if target.exists() and not target.is_dir():
        typer.echo(f"--out {out} is a file, not a folder.", err=True)
        raise typer.Exit(EXIT_INPUT)
    if target.is_dir() and any(target.iterdir()) and not (target / "plan.json").is_file():
        typer.echo(f"--out {out} holds files that are not an earlier plan; it would be replaced as a whole. "
                   "Name a new folder or an earlier plan's folder.", err=True)
        raise typer.Exit(EXIT_INPUT)


def _load(folder: Path, strict: bool = False, roads: str | None = None) -> Scenario:
    """The scenario, its [outputs], [ledger] and [roads] tables checked with the files so a bad setting costs
    no planning time; the tables' problems come in one report. `roads`: the --roads flag, which wins."""
    try:
        scenario = load_scenario(folder, strict)
    except InputError as error:
        _fail_input(error)
    problems: list[Problem] = []
    for check in (lambda: output_settings(scenario), lambda: ledger_settings(scenario.settings),
                  lambda: road_settings(scenario.settings.get("roads"), roads, folder)):
        try:
            check()
        except InputError as error:
            problems += error.report.problems
    if problems:
        _fail_input(InputError(ValidationReport(tuple(problems))))
    return scenario


def _fail_input(error: InputError) -> NoReturn:
    typer.echo(error.report.render(), err=True)
    typer.echo("Nothing was written. Fix the rows above and run again.", err=True)
    raise typer.Exit(EXIT_INPUT)


def _settings(scenario: Scenario, overrides: dict[str, Any]) -> PlanSettings:
    table = scenario.settings.get("plan", {})
    try:
        base = PlanSettings.from_mapping(table)
    except (KeyError, TypeError, ValueError) as error:
        typer.echo(f"{scenario.source}/scenario.toml: [plan]: unknown or bad setting: {error}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    try:  # --roads wins over [roads]; a source that cannot be used is an input problem (exit 2)
        roads = road_settings(scenario.settings.get("roads"), overrides.pop("roads", None), Path(scenario.source))
    except InputError as error:
        _fail_input(error)
    return base.with_overrides(**overrides, roads=roads)


def _day(scenario: Scenario, text: str | None) -> dt.date:
    dates = scenario.dates()
    if text is None:
        if len(dates) == 1:
            return dates[0]
        listed = ", ".join(d.isoformat() for d in dates) or "none"
        typer.echo(f"--date is needed: the orders cover several dates ({listed}).", err=True)
        raise typer.Exit(EXIT_INPUT)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        typer.echo(f"--date {text!r} is not a date in YYYY-MM-DD form.", err=True)
        raise typer.Exit(EXIT_INPUT) from None


class _interruptible:
    """Ctrl-C or SIGTERM: one line, exit 130; the output folder is only replaced on success."""

    def __enter__(self) -> _interruptible:
        self._previous = signal.signal(signal.SIGTERM, _raise_interrupt)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> Literal[False]:
        signal.signal(signal.SIGTERM, self._previous)
        if kind is KeyboardInterrupt:
            typer.echo("interrupted: no outputs were changed.", err=True)
            raise typer.Exit(EXIT_INTERRUPTED)
        return False


def _raise_interrupt(signum: int, frame: FrameType | None) -> NoReturn:
    raise KeyboardInterrupt


def main() -> None:
    """Entry point that turns an unexpected error into one line and exit code 1."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except Exception as error:  # noqa: BLE001 - the last line of defence
        typer.echo(f"internal error: {type(error).__name__}: {error} (please report this)", err=True)
        sys.exit(EXIT_INTERNAL)
