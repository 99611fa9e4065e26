"""Why an applicant got no order: the first test they fail, said with the ids a dispatcher can act on.

The tests run in the order the matching model applies them: skill, (team size), distance, ride
time, bus reachability; an applicant who passes them all lost their place to workers ranked higher
(hardship first, then whole teams, then nearer workers), so the orders were full.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from data.records import Application, Order
from dispatch import reasons
from dispatch.matching.problem import DistanceTable, common_skills
from dispatch.reasons import Unplaced

_SHOWN_IDS = 5


class Explainer:
    """Builds the reason and sentence for unplaced applicants and teams of one day."""

    def __init__(
        self,
        orders: Sequence[Order],
        distances: DistanceTable,
        unreachable: Collection[tuple[str, str]],
        max_distance_km: float,
        too_long: Collection[tuple[str, str]] = (),
    ) -> None:
        self._orders = sorted(orders, key=lambda o: o.order_id)
        self._ordered_skills = frozenset(o.skill for o in self._orders)
        self._distances = distances
        self._too_long = frozenset(too_long)
        self._blocked = frozenset(unreachable) | self._too_long
        self._max_km = max_distance_km
        dates = {o.date for o in self._orders}
        self._day = f"on {dates.pop().isoformat()}" if len(dates) == 1 else "that day"
        self._solo_reasons: dict[tuple[str, tuple[str, ...]], tuple[str, str]] = {}

    def solo(self, applicant: Application) -> Unplaced:
        """The reason for one applicant outside any team (the same for everyone with their station and skills)."""
        key = (applicant.station_id, tuple(sorted(applicant.skills)))
        if key not in self._solo_reasons:
            self._solo_reasons[key] = self._solo(*key)
        return Unplaced(applicant.application_id, *self._solo_reasons[key])

    def team(self, name: str, members: Sequence[Application]) -> list[Unplaced]:
        """The same reason for every member of a team that stays home."""
        code, detail = self._team(name, members)
        return [Unplaced(m.application_id, code, detail) for m in sorted(members, key=lambda m: m.application_id)]

    def _solo(self, station: str, own_skills: tuple[str, ...]) -> tuple[str, str]:
        skills = tuple(s for s in own_skills if s in self._ordered_skills)
        if not skills:
            return reasons.NO_MATCHING_ORDER, self._no_order_for(own_skills)
        fitting = [o for o in self._orders if o.skill in skills]
        near = [o for o in fitting if self._near(station, o)]
        if not near:
            return reasons.TOO_FAR, (
                f"the only orders for {_either(skills)} ({_ids(fitting)}) are more than "
                f"{self._max_km:g} km from station {station}"
            )
        reachable = [o for o in near if (station, o.order_id) not in self._blocked]
        if not reachable and all((station, o.order_id) in self._too_long for o in near):
            return reasons.RIDE_TOO_LONG, (
                f"the ride from station {station} to orders {_ids(near)} takes longer than the ride-time limit"
            )
        if not reachable:
            return reasons.UNREACHABLE_IN_TIME, (
                f"no bus can bring workers from station {station} to orders {_ids(near)} "
                "before their shifts start"
            )
        return reasons.ORDER_FULL, (
            f"orders for {_either(skills)} ({_ids(reachable)}) are full: their places went to hardship "
            "cases, whole teams or workers nearer to them"
        )

    def _team(self, name: str, members: Sequence[Application]) -> tuple[str, str]:
        skills = common_skills(members)
        if not skills:
            return reasons.TEAM_SPLIT_SKILLS, (
                f"the {len(members)} members of team {name} share no skill, so no single order fits them all"
            )
        fitting = [o for o in self._orders if o.skill in skills]
        if not fitting:
            return reasons.NO_MATCHING_ORDER, (
                f"{self._no_order_for(skills)}, the skills every member of team {name} has"
            )
        size = len(members)
        large = [o for o in fitting if o.workers >= size]
        if not large:
            biggest = max(fitting, key=lambda o: o.workers)  # the lowest id among equals
            return reasons.TEAM_TOO_LARGE, (
                f"team {name} has {size} members; the largest fitting order {biggest.order_id} "
                f"needs {biggest.workers}"
            )
        stations = sorted({m.station_id for m in members})
        near = [o for o in large if all(self._near(s, o) for s in stations)]
        if not near:
            return reasons.TOO_FAR, (
                f"the only orders for {_either(skills)} large enough for team {name} ({_ids(large)}) are more "
                f"than {self._max_km:g} km from station {_and(stations)} of its members"
            )
        reachable = [o for o in near if not any((s, o.order_id) in self._blocked for s in stations)]
        if not reachable and all(any((s, o.order_id) in self._too_long for s in stations) for o in near):
            return reasons.RIDE_TOO_LONG, (
                f"the ride from station {_and(stations)} of team {name} to orders {_ids(near)} takes longer "
                "than the ride-time limit"
            )
        if not reachable:
            return reasons.UNREACHABLE_IN_TIME, (
                f"no bus can bring team {name} from station {_and(stations)} to orders {_ids(near)} "
                "before their shifts start"
            )
        return reasons.ORDER_FULL, (
            f"orders that could take team {name} whole ({_ids(reachable)}) had too few free places left for "
            f"its {size} members after hardship cases and workers nearer to them"
        )

    def _near(self, station_id: str, order: Order) -> bool:
        return self._distances.metres(station_id, order.site_id) is not None

    def _no_order_for(self, skills: Sequence[str]) -> str:
        if not skills:
            return "the application lists no skill"
        return f"no order {self._day} asks for {_either(sorted(skills))}"


def _ids(orders: Sequence[Order]) -> str:
    ids = [o.order_id for o in orders]
    shown = ", ".join(ids[:_SHOWN_IDS])
    return shown if len(ids) <= _SHOWN_IDS else f"{shown} and {len(ids) - _SHOWN_IDS} more"


def _either(words: Sequence[str]) -> str:
    return _joined(words, "or")


def _and(words: Sequence[str]) -> str:
    return _joined(words, "and")


def _joined(words: Sequence[str], last: str) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"
