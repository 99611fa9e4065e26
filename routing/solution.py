"""A solved routing problem: routes of visits, and the requests no vehicle carries, with reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

VisitKind = Literal["start", "pickup", "delivery", "end"]


@dataclass(frozen=True)
class Visit:
    """A vehicle at a place: when it arrives, when service starts, and its load when it leaves."""

    kind: VisitKind
    place: int
    request_id: str | None
    arrival: int
    start: int
    load: int


@dataclass(frozen=True)
class Rest:
    """A driver's rest in the leg into visit `before`: on the road, or waiting at that visit's place."""

    before: int
    start: int
    duration: int
    on_road: bool


@dataclass(frozen=True)
class Route:
    vehicle_id: str
    visits: tuple[Visit, ...]
    distance: int
    duration: int
    rests: tuple[Rest, ...] = ()
    """The rests the vehicle's rest rule needs on this timing (none without a rule)."""

    def request_ids(self) -> tuple[str, ...]:
        return tuple(v.request_id for v in self.visits if v.kind in ("pickup", "delivery") and v.request_id)


@dataclass(frozen=True)
class Unassigned:
    """A request left out, with a stable reason code and a sentence."""

    request_id: str
    reason: str
    detail: str


@dataclass(frozen=True)
class Solution:
    """Only vehicles that serve at least one request have a route."""

    routes: tuple[Route, ...]
    unassigned: tuple[Unassigned, ...]
    objective: int
    stats: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def distance(self) -> int:
        return sum(r.distance for r in self.routes)
