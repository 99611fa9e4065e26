"""Matched workers become bus loads: one per (station, order), split when larger than a bus.

Teams stay together: a team that fits a bus is never split across loads, and a team larger than
the biggest bus fills whole loads of its own before anyone else is added.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from data.records import Application


@dataclass(frozen=True)
class Load:
    """Passengers who board together at one station for one order."""

    load_id: str
    station_id: str
    order_id: str
    site_id: str
    passengers: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.passengers)


def make_loads(
    matches: Iterable[tuple[str, str]],
    applications: Mapping[str, Application],
    order_sites: Mapping[str, str],
    capacity: int,
) -> tuple[Load, ...]:
    """Group (application_id, order_id) pairs by (station, order) and pack each group into loads."""
    groups: dict[tuple[str, str], list[Application]] = defaultdict(list)
    for app_id, order_id in matches:
        app = applications[app_id]
        groups[(app.station_id, order_id)].append(app)
    loads: list[Load] = []
    for (station_id, order_id), members in sorted(groups.items()):
        for k, passengers in enumerate(_pack(members, capacity), start=1):
            loads.append(Load(f"{station_id}>{order_id}#{k}", station_id, order_id, order_sites[order_id], passengers))
    return tuple(loads)


def _pack(members: list[Application], capacity: int) -> list[tuple[str, ...]]:
    """First-fit decreasing over teams (as blocks) and single workers; deterministic."""
    blocks: dict[str, list[str]] = defaultdict(list)
    for app in sorted(members, key=lambda a: (not a.leader, a.application_id)):
        blocks[app.team or f"\0{app.application_id}"].append(app.application_id)
    pieces: list[list[str]] = []
    for _, ids in sorted(blocks.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        while len(ids) > capacity:
            pieces.append(ids[:capacity])
            ids = ids[capacity:]
        pieces.append(ids)
    bins: list[list[str]] = []
    for piece in sorted(pieces, key=len, reverse=True):
        for b in bins:
            if len(b) + len(piece) <= capacity:
                b.extend(piece)
                break
        else:
            bins.append(list(piece))
    return [tuple(b) for b in bins]
