"""Scarce seats go to hardship cases first (困难群众优先).

Routing already carries loads with a hardship case before the others, but a load is all or
nothing: a hardship worker can still be left behind while a neighbour with the same skill rides
to another order. The repair here is a one-for-one swap within one load, so no stop, time or
order size changes: the hardship worker takes the seat (and the place in the order) of a
non-priority worker from the same station whose order needs a skill the hardship worker has.
Team members are never swapped, so teams stay whole. When planning reads the ledger, workers turned
away on recent days come next: the same swap, with a rider who is neither a hardship case nor one of them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import replace

from data.records import Application, Order
from dispatch.buses.loads import Load
from dispatch.reasons import NO_SEAT, Unplaced


def seat_hardship_first(
    riders: tuple[Load, ...],
    unplaced: list[Unplaced],
    applications: Mapping[str, Application],
    orders: Mapping[str, Order],
    first: Collection[str] = (),
) -> tuple[tuple[Load, ...], list[Unplaced]]:
    """Loads and unplaced after every possible swap of a seatless hardship case for a rider of lower
    rank; then, the same for those in `first` (turned away on recent days, from the ledger), who take
    the seat of a rider who is neither a hardship case nor in `first`."""
    loads = {r.load_id: r for r in riders}
    left = {u.application_id: u for u in unplaced}
    recent = frozenset(first)

    def hardship(a: str) -> bool:
        return applications[a].priority

    def ahead(a: str) -> bool:
        return applications[a].priority or a in recent

    for waiting, outranks, why in (
        (hardship, hardship, "a hardship case with the same skill (hardship cases first)"),
        (lambda a: a in recent and not applications[a].priority, ahead,
         "a worker with the same skill turned away on a recent day (they come first today)"),
    ):
        for waiting_id in sorted(a for a, u in left.items()
                                 if u.reason == NO_SEAT and waiting(a) and not applications[a].team):
            seat = _seat_for(applications[waiting_id], loads.values(), applications, orders, outranks)
            if seat is None:
                continue
            load, bumped_id = seat
            passengers = tuple(waiting_id if p == bumped_id else p for p in load.passengers)
            loads[load.load_id] = replace(load, passengers=passengers)
            del left[waiting_id]
            left[bumped_id] = Unplaced(
                bumped_id,
                NO_SEAT,
                f"the seat from station {load.station_id} to order {load.order_id} went to {why}, "
                "and no bus had another free seat",
                load.order_id,
            )
    return tuple(loads[r.load_id] for r in riders), sorted(left.values(), key=lambda u: u.application_id)


def _seat_for(
    waiting: Application, loads: Iterable[Load], applications: Mapping[str, Application],
    orders: Mapping[str, Order], outranks: Callable[[str], bool],
) -> tuple[Load, str] | None:
    """The load and the rider to swap with: the same station, a fitting skill, a rider `waiting` outranks
    (not in a team), the highest id goes first."""
    for load in sorted(loads, key=lambda candidate: candidate.load_id):
        if load.station_id != waiting.station_id or orders[load.order_id].skill not in waiting.skills:
            continue
        swappable = [p for p in load.passengers if not outranks(p) and not applications[p].team]
        if swappable:
            return load, max(swappable)
    return None
