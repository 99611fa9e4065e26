"""Every file of a planned day, written at once: plan.json, the workbook, notices, the map, plan.gpkg, manifests.

The folder is built aside and replaces `out` as a whole only when everything is written, so an
interrupted run leaves the previous outputs as they were. The CLI and the notebook both write here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from data.writers import atomic_output_dir, path_inside, write_json
from dispatch.outputs.changes_json import changes_to_dicts
from dispatch.outputs.gpkg import write_plan_gpkg
from dispatch.outputs.html import render_manifests
from dispatch.outputs.notices import write_notices_csv
from dispatch.outputs.pdf import (
    MissingGlyphs,
    render_employer_reports,
    render_manifest_pdfs,
    render_site_lists,
    render_station_lists,
)
from dispatch.outputs.plan_json import plan_to_dict
from dispatch.outputs.signin import write_signin_sheet
from dispatch.outputs.workbook import write_workbook
from dispatch.plan import DayPlan
from dispatch.presentation import Lang
from dispatch.replan import ChangeReport
from maps import render_map_html


@dataclass(frozen=True)
class WrittenOutputs:
    """What a run wrote: the files to show the dispatcher (relative to `folder`), and the glyphs the
    print font lacks (printed as a placeholder, kept whole in plan.json and plan.xlsx)."""

    folder: Path
    shown: tuple[str, ...]
    missing_glyphs: tuple[MissingGlyphs, ...]


def write_outputs(
    plan: DayPlan,
    out: Path,
    *,
    lang: Lang = "zh",
    contact: str | None = None,
    changes: ChangeReport | None = None,
) -> WrittenOutputs:
    """Write the day's files into `out` (replaced as a whole); `changes` adds changes.json for a re-plan."""
    with atomic_output_dir(out) as staging:
        shown, missing = _write_day(plan, staging, lang, contact)
        if changes is not None:
            write_json(staging / "changes.json", changes_to_dicts(changes))
            shown.insert(1, "changes.json")
    return WrittenOutputs(Path(out), tuple(shown), tuple(missing))


def _write_day(plan: DayPlan, staging: Path, lang: Lang, contact: str | None) -> tuple[list[str], list[MissingGlyphs]]:
    """Every file of the day, written into the staging folder: the names to show, and glyphs the font lacks."""
    write_json(staging / "plan.json", plan_to_dict(plan))
    (staging / "map.html").write_text(render_map_html(plan, lang=lang), encoding="utf-8")
    write_plan_gpkg(plan, staging / "plan.gpkg", lang)
    write_workbook(plan, staging / "plan.xlsx", lang)
    write_notices_csv(plan, staging / "notices.csv", lang, contact)
    write_signin_sheet(plan, staging / "signin.xlsx")
    manifests = staging / "manifests"
    manifests.mkdir()
    for name, html in render_manifests(plan).items():
        path_inside(manifests, name).write_text(html, encoding="utf-8")
    bus_pdfs = render_manifest_pdfs(plan, lang)
    lists = [render_station_lists(plan, lang), render_site_lists(plan, lang), render_employer_reports(plan, lang)]
    for pdfs in (bus_pdfs, *lists):
        pdfs.write_to(manifests)
    missing = [gap for pdfs in (bus_pdfs, *lists) for gap in pdfs.missing_glyphs]
    shown = ["plan.json", "plan.xlsx", "signin.xlsx", "notices.csv", "map.html", "plan.gpkg", "manifests/index.html"]
    shown += [f"manifests/{name}" for pdfs in lists for name in sorted(pdfs.files)]
    return shown, missing
