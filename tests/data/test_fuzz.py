"""Whatever lands in a cell, the reader returns a Scenario (with the application rows it set aside) or an
InputError, never another exception."""

from __future__ import annotations

import csv
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.reader import load_scenario
from data.validation import InputError

TINY = Path(__file__).resolve().parent / "good" / "tiny"
TABLES = ("stations", "sites", "orders", "fleet", "applications")
TABLE_ROWS = {t: list(csv.reader((TINY / f"{t}.csv").read_text(encoding="utf-8").splitlines())) for t in TABLES}

cell_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "~", "2026-02-30", "25:61", "-1", "1e999", "nan", "..", "是", "ＸＸ", "\x00", "0,0",
                     "2026-12-01~2027-12-01", "2026-12-01~", "；、，", "469031199001010120", "=1+1", "１２"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(TABLES), data=st.data(), text=cell_text)
def test_any_cell_gives_a_scenario_or_a_report(tmp_path_factory, table, data, text):
    folder = tmp_path_factory.mktemp("fuzz")
    rows = [list(r) for r in TABLE_ROWS[table]]
    row = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
    column = data.draw(st.integers(min_value=0, max_value=len(rows[0]) - 1))
    rows[row][column] = text
    for name in TABLES:
        content = rows if name == table else TABLE_ROWS[name]
        with (folder / f"{name}.csv").open("w", encoding="utf-8", errors="surrogatepass", newline="") as f:
            csv.writer(f).writerows(content)
    try:
        scenario = load_scenario(folder)
    except InputError as err:
        assert err.report.problems and err.report.render()
    else:  # an application row with a bad cell of its own is set aside, never lost
        assert len(scenario.applications) + len(scenario.set_aside) == 3
        # Outside applications.csv only a station id can change that way: its applicants then name
        # a station the table no longer has, a bad cell of their own.
        assert table == "applications" or all(
            table == "stations" and all("station_id" in problem for problem in s.problems) for s in scenario.set_aside
        )
