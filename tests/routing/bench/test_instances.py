"""Readers on the real benchmark files (skipped when shared/benchmarks is absent) and on bad files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from routing.bench.instances import SCALE, InstanceError, detect_format, instance_info, read_instance, true_distance


def test_li_lim_reader_pairs_every_pickup_with_its_delivery(shared_benchmarks: Path) -> None:
    problem = read_instance(shared_benchmarks / "lilim_100" / "lc101.txt")
    assert problem.name == "lc101"
    assert problem.num_places == 107
    assert len(problem.requests) == 53
    assert len(problem.vehicles) == 25 and problem.vehicles[0].capacity == 200
    assert problem.vehicles[0].latest == 1236 * SCALE
    first_delivered = next(r for r in problem.requests if r.delivery is not None and r.delivery.place == 1)
    assert first_delivered.load == 10 and first_delivered.pickup is not None and first_delivered.delivery is not None
    assert first_delivered.pickup.place == 11
    assert (first_delivered.delivery.earliest, first_delivered.delivery.latest) == (912 * SCALE, 967 * SCALE)
    assert first_delivered.delivery.service == 90 * SCALE
    assert instance_info(problem).format == "lilim"


def test_solomon_reader_makes_one_collection_per_customer(shared_benchmarks: Path) -> None:
    problem = read_instance(shared_benchmarks / "solomon" / "C101.txt")
    assert problem.num_places == 101 and len(problem.requests) == 100
    first = problem.requests[0]
    assert (first.request_id, first.load, first.delivery) == ("1", 10, None)
    assert first.pickup is not None and first.pickup.place == 1
    assert (first.pickup.earliest, first.pickup.latest, first.pickup.service) == (912 * SCALE, 967 * SCALE, 90 * SCALE)
    assert problem.distance[0, 1] == round(((45 - 40) ** 2 + (68 - 50) ** 2) ** 0.5 * SCALE)
    assert problem.duration[0, 1] >= problem.distance[0, 1]


def test_vrplib_reader_keeps_node_numbers_and_rounds_arcs(shared_benchmarks: Path) -> None:
    problem = read_instance(shared_benchmarks / "cvrp_x" / "X-n101-k25.vrp")
    info = instance_info(problem)
    assert problem.num_places == 101 and len(problem.requests) == 100
    assert info.node_numbers[:3] == (1, 2, 3) and info.rounded_arcs
    assert problem.requests[0].load == 38 and problem.requests[0].pickup is None
    assert problem.vehicles[0].capacity == 206
    assert sum(r.load for r in problem.requests) <= len(problem.vehicles) * 206


@pytest.mark.parametrize(
    ("folder", "pattern", "expected"),
    [("lilim_100", "lr101.txt", "lilim"), ("solomon", "R101.txt", "solomon"), ("cvrp_x", "X-n101-k25.vrp", "vrplib")],
)
def test_the_format_is_told_from_the_content(shared_benchmarks: Path, folder: str, pattern: str, expected: str) -> None:
    text = (shared_benchmarks / folder / pattern).read_text()
    assert detect_format(text) == expected


def test_best_known_route_file_reproduces_its_distance(shared_benchmarks: Path) -> None:
    """lr101's SINTEF solution, scored by our distance code, gives the best-known 1650.80."""
    problem = read_instance(shared_benchmarks / "lilim_100" / "lr101.txt")
    solution_file = next((shared_benchmarks / "lilim_100" / "bks_sol").glob("lr101.*"))
    routes = [
        [int(n) for n in line.split(":")[1].split()]
        for line in solution_file.read_text().splitlines()
        if re.match(r"Route\s+\d+", line)
    ]
    assert len(routes) == 19
    assert true_distance(instance_info(problem), routes) == pytest.approx(1650.7992, abs=1e-3)


def test_a_file_in_an_unknown_format_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "unknown_format.txt"
    path.write_text("hello\nworld\n")
    with pytest.raises(InstanceError, match=r"unknown_format\.txt: unknown instance format"):
        read_instance(path)


def test_a_li_lim_file_with_a_broken_pair_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pickup_points_at_wrong_delivery.txt"
    path.write_text(
        "2 10 1\n"
        "0 0 0 0 0 100 0 0 0\n"
        "1 1 1 5 0 100 0 0 2\n"
        "2 2 2 -5 0 100 0 0 0\n"
    )
    with pytest.raises(InstanceError, match="pickup node 1 does not point at a delivery"):
        read_instance(path)


def test_a_vrplib_file_with_explicit_weights_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "explicit_edge_weights.vrp"
    path.write_text(
        "NAME : x\nDIMENSION : 2\nCAPACITY : 5\nEDGE_WEIGHT_TYPE : EXPLICIT\nNODE_COORD_SECTION\n1 0 0\n2 1 1\nEOF\n"
    )
    with pytest.raises(InstanceError, match="only EUC_2D"):
        read_instance(path)
