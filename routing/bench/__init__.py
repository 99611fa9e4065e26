"""Public benchmark instances (Solomon, Li & Lim, VRPLIB) read as `Problem`s, and the runner that
solves them and compares each with its best-known solution (`shuttle bench`, `make bench`)."""

from routing.bench.instances import (
    SCALE,
    InstanceError,
    InstanceInfo,
    detect_format,
    instance_info,
    read_instance,
    true_distance,
)
from routing.bench.runner import BKS_SET, bks_set, default_bks_path, format_table, read_bks, result_row, run_bench

__all__ = [
    "BKS_SET",
    "SCALE",
    "InstanceError",
    "InstanceInfo",
    "bks_set",
    "default_bks_path",
    "detect_format",
    "format_table",
    "instance_info",
    "read_bks",
    "read_instance",
    "result_row",
    "run_bench",
    "true_distance",
]
