"""run_bench yields the JSON rows the CLI prints, compared with BKS.csv; format_table summarises."""

from __future__ import annotations

import json
from pathlib import Path

from routing.bench import bks_set, format_table, run_bench


def test_bench_rows_have_the_documented_fields(shared_benchmarks: Path) -> None:
    path = shared_benchmarks / "lilim_100" / "lc101.txt"
    rows = list(
        run_bench(
            [path], time_limit_s=5.0, seed=0, bks_path=shared_benchmarks / "BKS.csv", deterministic_budget=40, workers=1
        )
    )
    assert len(rows) == 1
    row = json.loads(json.dumps(rows[0]))
    documented = (
        "instance", "vehicles", "distance", "feasible", "seconds", "routes", "bks_vehicles", "bks_distance", "gap_pct"
    )
    for key in documented:
        assert key in row
    assert row["instance"] == "lc101" and row["feasible"] is True
    assert (row["bks_vehicles"], row["bks_distance"]) == (10, 828.9369)
    served = sorted(node for route in row["routes"] for node in route)
    assert served == list(range(1, 107))
    assert len(row["routes"]) == row["vehicles"]
    assert row["gap_pct"] == round(100 * (row["distance"] - 828.9369) / 828.9369, 3)


def test_without_a_bks_file_the_comparison_fields_are_absent(shared_benchmarks: Path) -> None:
    path = shared_benchmarks / "solomon" / "C101.txt"
    (row,) = run_bench([path], time_limit_s=5.0, seed=0, bks_path=None, deterministic_budget=20, workers=1)
    assert "gap_pct" not in row and row["feasible"]


def test_format_table_counts_vehicles_against_the_best_known() -> None:
    rows = [
        {
            "instance": "a", "vehicles": 3, "distance": 101.0, "feasible": True, "seconds": 1.0,
            "bks_vehicles": 3, "bks_distance": 100.0, "gap_pct": 1.0,
        },
        {
            "instance": "b", "vehicles": 5, "distance": 90.0, "feasible": True, "seconds": 1.0,
            "bks_vehicles": 4, "bks_distance": 95.0, "gap_pct": -5.26,
        },
    ]
    table = format_table(rows)
    assert "| a | 3 | 3 | 101.00 | 100.00 | 1.00 | yes | 1.0 |" in table
    assert "vehicles equal to best known on 1 of 2" in table
    assert "mean distance gap where equal: 1.00 %" in table


def test_the_larger_instances_find_their_own_best_known_rows() -> None:
    """Gehring & Homberger come in Solomon's format and Li & Lim's larger sets in theirs, each size
    with its own rows of BKS.csv."""
    assert bks_set("solomon", "R101") == "solomon"
    assert bks_set("solomon", "rc1_10_3") == "gh1000"
    assert bks_set("solomon", "c2_2_3") == "gh200"
    assert bks_set("lilim", "lr101") == "lilim100"
    assert bks_set("lilim", "LRC1_4_2") == "lilim400"
    assert bks_set("vrplib", "X-n101-k25") == "cvrp-x"
