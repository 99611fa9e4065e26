"""Planning settings: documented defaults, loadable from `scenario.toml`, overridable by flags."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class PlanSettings:
    road_factor: float = 1.3
    """Road distance as a multiple of the great-circle distance."""
    speed_kmh: float = 55.0
    """Average bus speed on those roads."""
    boarding_min: int = 5
    """Time a bus stands at a station or site while people board or alight."""
    max_ride_factor: float = 1.5
    """A passenger rides at most this multiple of the direct trip ..."""
    max_ride_extra_min: int = 20
    """... plus these minutes ..."""
    max_ride_cap_min: int = 300
    """... and never longer than this."""
    arrival_buffer_min: int = 10
    """A morning bus reaches the site at least this long before the shift starts."""
    max_early_min: int = 60
    """A morning bus arrives at a site no earlier than this before the shift starts."""
    evening_wait_min: int = 30
    """The evening bus may leave a site up to this long after the shift ends."""
    max_driving_min: int = 240
    """A driver rests at least `rest_min` after at most this much driving (DOMAIN.md: 4 hours) ..."""
    rest_min: int = 20
    """... for at least this long."""
    bus_fixed_cost_km: float = 1000.0
    """Cost of using one more bus, in kilometres: so fewest buses first, then fewest kilometres."""
    max_distance_km: float = 300.0
    """Matching never sends a worker further than this from their station."""
    time_limit_s: float | None = None
    """Optional wall-clock cap on each routing search; the plan is reproducible only without it."""
    solution_limit: int = 100
    """Deterministic search budget: solutions the routing search may examine."""
    seed: int = 0

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> PlanSettings:
        """Settings from a `[plan]` table of scenario.toml (unknown keys raise KeyError with the name)."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise KeyError(", ".join(unknown))
        return cls(**values)

    def with_overrides(self, **overrides: Any) -> PlanSettings:
        """Flags win over the file; a None flag means 'not given'."""
        return dataclasses.replace(self, **{k: v for k, v in overrides.items() if v is not None})

    def max_ride_seconds(self, direct_seconds: int) -> int:
        """The ride-time limit for a passenger whose direct trip takes `direct_seconds`."""
        limit = direct_seconds * self.max_ride_factor + self.max_ride_extra_min * 60
        return int(min(limit, max(self.max_ride_cap_min * 60, direct_seconds)))

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)
