"""A team travels together (DOMAIN.md): when the buses leave some members behind, none goes.

Matching sends a team whole to one order and packing keeps it in one load when a bus can hold it,
but routing decides load by load: a team bigger than a bus, or one whose piece of a load was
left out, can end up half aboard. All its members then stay home, and the day is routed again
without them, so their places can go to others.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace

from data.records import Application
from dispatch.buses.loads import Load
from dispatch.reasons import NO_SEAT, Unplaced


def keep_teams_whole(
    riders: tuple[Load, ...], left_behind: list[Unplaced], applications: Mapping[str, Application]
) -> tuple[tuple[Load, ...], list[Unplaced]]:
    """The riders without the teams that have members `left_behind`, and every member of those
    teams (riding or left behind), with why they stay home."""
    missing = Counter(applications[u.application_id].team for u in left_behind if applications[u.application_id].team)
    riding_members = [p for load in riders for p in load.passengers if applications[p].team in missing]
    if not riding_members:
        return riders, []
    members = sorted(set(riding_members) | {u.application_id for u in left_behind
                                            if applications[u.application_id].team in missing})
    order_of = {u.application_id: u.order_id for u in left_behind}
    order_of.update((p, load.order_id) for load in riders for p in load.passengers)
    home = [
        Unplaced(m, NO_SEAT, f"team {team} travels together, and the buses could not carry {missing[team]} of its "
                             "members, so none of them goes", order_of.get(m))
        for m in members
        for team in [applications[m].team]
    ]
    return without_passengers(riders, set(members)), home


def without_passengers(loads: Iterable[Load], gone: set[str]) -> tuple[Load, ...]:
    """The loads with the `gone` passengers taken out; a load left empty is dropped."""
    kept = []
    for load in loads:
        stays = tuple(p for p in load.passengers if p not in gone)
        if stays:
            kept.append(replace(load, passengers=stays) if len(stays) < load.size else load)
    return tuple(kept)
