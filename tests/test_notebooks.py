"""Every notebook in notebooks/ runs top to bottom in a fresh kernel, so none of them rots unnoticed.

The kernel is always the Python running the tests (the project's virtualenv), whatever kernelspecs the
machine has elsewhere: see `VenvKernelManager`. The analyst's day-plan notebook is run twice: as
committed (it plans the bundled Changjiang day) and pointed at a plan.json of the tiny hand-made day.
"""

from __future__ import annotations

import base64
import functools
import re
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbformat import NotebookNode
from traitlets import default

from data.reader import load_scenario
from data.samples import CHANGJIANG
from data.writers import write_json
from dispatch.outputs.plan_json import plan_to_dict
from dispatch.plan import DayPlan
from maps.route_map import render_map_html

pytestmark = pytest.mark.slow

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
ALL_NOTEBOOKS = sorted(NOTEBOOKS.glob("*.ipynb"))
DAY_PLAN = NOTEBOOKS / "day_plan.ipynb"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class VenvKernelManager(AsyncKernelManager):
    """Starts ipykernel's built-in `python3` kernel, which runs `sys.executable`: the venv's Python.

    No kernelspec folder is searched, so a `python3` spec installed for another Python on the machine
    (in ~/.local/share/jupyter or /usr/share/jupyter) cannot take the run elsewhere.
    """

    @default("kernel_spec_manager")
    def _only_the_native_kernel(self) -> KernelSpecManager:
        return KernelSpecManager(kernel_dirs=[], parent=self)


def execute(path: Path, **parameters: object) -> NotebookNode:
    """The notebook after running every cell; `parameters` are set in a cell after the parameters cell."""
    notebook = nbformat.read(path, as_version=4)
    if parameters:
        tagged = [i for i, cell in enumerate(notebook.cells) if "parameters" in cell.metadata.get("tags", [])]
        assert tagged, f"{path.name} has no cell tagged 'parameters'"
        assignments = "\n".join(f"{name} = {value!r}" for name, value in parameters.items())
        notebook.cells.insert(tagged[0] + 1, nbformat.v4.new_code_cell(assignments))
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        kernel_manager_class=VenvKernelManager,
        timeout=180,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, when a cell fails
    return notebook


@functools.cache
def executed_as_committed(path: Path) -> NotebookNode:
    """Each notebook runs once per session with its committed parameters; tests only read the result."""
    return execute(path)


def outputs(notebook: NotebookNode) -> list[NotebookNode]:
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]


def texts(notebook: NotebookNode, mime: str) -> list[str]:
    return [output.data[mime] for output in outputs(notebook) if mime in output.get("data", {})]


def figure(notebook: NotebookNode, name: str) -> str:
    """The value of one row of the key-figures table, as printed."""
    rows = [m for text in texts(notebook, "text/plain") for m in re.findall(rf"^{name}\s+\S+\s+(\S+)$", text, re.M)]
    assert len(rows) == 1, f"expected one key-figures row {name!r}, found {rows}"
    return rows[0]


def test_there_is_a_notebook_to_run():
    assert DAY_PLAN in ALL_NOTEBOOKS


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    ran = [i for i, cell in enumerate(notebook.cells)
           if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)]
    assert ran == [], f"{path.name}: clear the outputs of cells {ran} before committing"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_every_cell_runs_without_errors_or_warnings(path):
    notebook = executed_as_committed(path)
    assert [o.ename for o in outputs(notebook) if o.output_type == "error"] == []
    warnings = [o.text for o in outputs(notebook) if o.output_type == "stream" and o.name == "stderr"]
    assert warnings == [], "an analyst would see these warnings"


def test_day_plan_shows_the_key_figures_of_the_bundled_day():
    notebook = executed_as_committed(DAY_PLAN)
    assert any("<table" in html and "buses" in html for html in texts(notebook, "text/html"))
    requested, placed = int(figure(notebook, "workers requested")), int(figure(notebook, "workers placed"))
    available, unplaced = int(figure(notebook, "applicants available")), int(figure(notebook, "workers unplaced"))
    assert 0 < placed <= requested and placed + unplaced == available
    assert 1 <= int(figure(notebook, "buses")) <= int(figure(notebook, "bus runs"))
    assert float(figure(notebook, "distance km")) > 0


def test_day_plan_draws_the_seats_chart_and_the_map():
    notebook = executed_as_committed(DAY_PLAN)
    charts = [base64.b64decode(png) for png in texts(notebook, "image/png")]
    assert len(charts) == 1 and charts[0].startswith(PNG_MAGIC)
    assert any("folium-map" in html and "leaflet" in html.lower() for html in texts(notebook, "text/html"))


def test_day_plan_shows_no_full_id_or_phone_number():
    notebook = nbformat.writes(executed_as_committed(DAY_PLAN))
    scenario = load_scenario(CHANGJIANG)
    secrets = {a.id_number for a in scenario.applications} | {a.phone for a in scenario.applications}
    secrets |= {bus.driver_phone for bus in scenario.fleet}
    leaked = sorted(s for s in secrets if s and s in notebook)
    assert leaked == [], f"{len(leaked)} full ID or phone numbers in the notebook's outputs"


@pytest.fixture
def tiny_plan_folder(tmp_path: Path, tiny_plan: DayPlan) -> Path:
    write_json(tmp_path / "plan.json", plan_to_dict(tiny_plan))
    (tmp_path / "map.html").write_text(render_map_html(tiny_plan), encoding="utf-8")
    return tmp_path


def test_day_plan_reads_a_plan_json_and_the_map_beside_it(tiny_plan_folder):
    notebook = execute(DAY_PLAN, PLAN_JSON=str(tiny_plan_folder / "plan.json"))
    figures = (figure(notebook, "workers placed"), figure(notebook, "buses"), figure(notebook, "bus runs"))
    assert figures == ("5", "2", "3")
    plain = "\n".join(texts(notebook, "text/plain"))
    assert re.search(r"^S01\s+石碌镇就业驿站\s+3\s+2$", plain, re.M)
    assert re.search(r"^S02\s+乌烈镇就业驿站\s+2\s+1$", plain, re.M)
    assert re.search(r"^no_matching_order\s+1\s", plain, re.M)
    assert len(texts(notebook, "image/png")) == 1
    assert any("srcdoc=" in html and "琼D·67890" in html for html in texts(notebook, "text/html"))
    assert "46903119900101001X" not in nbformat.writes(notebook)


def test_the_kernel_is_the_python_running_the_tests(tmp_path):
    probe = tmp_path / "probe.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import sys; sys.executable")]), probe)
    assert texts(execute(probe), "text/plain") == [repr(sys.executable)]
