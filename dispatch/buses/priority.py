"""Scarce seats go to hardship cases first (困难群众优先).

Routing already carries loads with a hardship case before the others, but a load is all or
nothing: a hardship worker can still be left behind while a neighbour with the same skill rides
to another order. The repair here is a one-for-one swap within one load, so no stop, time or
order size changes: the hardship worker takes the seat (and the place in the order) of a
non-priority worker from the same station whose order needs a skill the hardship worker has.
Team members are never swapped, so teams stay whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from data.records import Application, Order
from dispatch.buses.loads import Load
from dispatch.reasons import NO_SEAT, Unplaced


def seat_hardship_first(
    riders: tuple[Load, ...],
    unplaced: list[Unplaced],
    applications: Mapping[str, Application],
    orders: Mapping[str, Order],
) -> tuple[tuple[Load, ...], list[Unplaced]]:
    """Loads and unplaced after every possible swap of a seatless hardship case for a non-priority rider."""
    loads = {r.load_id: r for r in riders}
    left = {u.application_id: u for u in unplaced}
    waiting = sorted(
        a for a, u in left.items() if u.reason == NO_SEAT and applications[a].priority and not applications[a].team
    )
    for hardship_id in waiting:
        hardship = applications[hardship_id]
        seat = _seat_for(hardship, loads.values(), applications, orders)
        if seat is None:
            continue
        load, bumped_id = seat
        passengers = tuple(hardship_id if p == bumped_id else p for p in load.passengers)
        loads[load.load_id] = replace(load, passengers=passengers)
        del left[hardship_id]
        left[bumped_id] = Unplaced(
            bumped_id,
            NO_SEAT,
            f"the seat from station {load.station_id} to order {load.order_id} went to a hardship case "
            "with the same skill (hardship cases first), and no bus had another free seat",
            load.order_id,
        )
    return tuple(loads[r.load_id] for r in riders), sorted(left.values(), key=lambda u: u.application_id)


def _seat_for(
    hardship: Application, loads: Iterable[Load], applications: Mapping[str, Application],
    orders: Mapping[str, Order],
) -> tuple[Load, str] | None:
    """The load and the rider to swap with: the same station, a fitting skill, the highest id goes first."""
    for load in sorted(loads, key=lambda candidate: candidate.load_id):
        if load.station_id != hardship.station_id or orders[load.order_id].skill not in hardship.skills:
            continue
        swappable = [p for p in load.passengers if not applications[p].priority and not applications[p].team]
        if swappable:
            return load, max(swappable)
    return None
