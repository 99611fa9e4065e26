"""Planning settings: documented defaults, loadable from `scenario.toml`, overridable by flags."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields
from typing import Any

from data.cells import CellError, parse_time
from data.records import Vehicle
from dispatch.roads import RoadSettings
from dispatch.travel import SpeedBands


@dataclass(frozen=True)
class PlanSettings:
    road_factor: float = 1.3
    """Road distance as a multiple of the great-circle distance."""
    speed_kmh: float | None = None
    """One flat bus speed for every leg, instead of the speed bands below (for calibration)."""
    local_speed_kmh: float = 35.0
    """Speed on a leg's first `local_km` road kilometres: village and town roads ..."""
    local_km: float = 10.0
    trunk_speed_kmh: float = 60.0
    """... then on trunk roads up to `trunk_km` into the leg ..."""
    trunk_km: float = 40.0
    expressway_speed_kmh: float = 80.0
    """... and on the expressway ring for the rest of a long leg."""
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
    earliest_boarding: str = "06:00"
    """Nobody boards before this time of day (December sunrise in Changjiang is about 06:50)."""
    max_driving_min: int = 240
    """A driver rests at least `rest_min` after at most this much driving by day (DOMAIN.md: 4 hours) ..."""
    rest_min: int = 20
    """... for at least this long; waiting at a stop that long counts as the rest."""
    max_night_driving_min: int = 120
    """By night, between `night_starts` and `night_ends`, a rest is due after this much driving."""
    night_starts: str = "22:00"
    night_ends: str = "06:00"
    max_daily_driving_min: int = 480
    """A driver drives at most this long in the day (a bus with a second driver: twice this)."""
    max_duty_min: int | None = None
    """Optional longest duty day: from leaving the depot to being back, waits included."""
    buses_wait_at_sites: bool = True
    """A bus that brought people to a site waits there for the evening instead of driving back to its
    depot empty; false plans every trip from and back to the depot."""
    plan_whole_day: bool = False
    """Route each bus's whole day as one problem, its morning runs and evening runs together, where
    no morning drop-off can come after a shift ends (docs/settings.md), starting from the trips routed
    in turn; false routes only the morning first and the evening from where the buses waited."""
    bus_fixed_cost_km: float = 1000.0
    """Cost of using one more bus, in kilometres: so fewest buses first, then fewest kilometres."""
    max_distance_km: float = 300.0
    """Matching never sends a worker further than this from their station."""
    time_limit_s: float | None = None
    """Optional wall-clock cap on each routing search; the plan is reproducible only without it."""
    solution_limit: int = 100
    """Deterministic search budget: solutions the routing search may examine."""
    seed: int = 0
    roads: RoadSettings | None = None
    """Road travel (docs/roads.md): an OSM file or an OSRM server; None: the straight-line model above."""

    def __post_init__(self) -> None:
        for name in ("earliest_boarding", "night_starts", "night_ends"):
            try:
                parse_time(getattr(self, name))
            except (CellError, TypeError) as error:
                raise ValueError(f"{name}: {error}") from None

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> PlanSettings:
        """Settings from a `[plan]` table of scenario.toml (unknown keys raise KeyError with the name)."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise KeyError(", ".join(unknown))
        roads = values.get("roads")
        if isinstance(roads, dict):  # as plan.json records it
            values = {**values, "roads": RoadSettings(**roads)}
        return cls(**values)

    def with_overrides(self, **overrides: Any) -> PlanSettings:
        """Flags win over the file; a None flag means 'not given'."""
        return dataclasses.replace(self, **{k: v for k, v in overrides.items() if v is not None})

    def max_ride_seconds(self, direct_seconds: int) -> int:
        """The ride-time limit for a passenger whose direct trip takes `direct_seconds`."""
        limit = direct_seconds * self.max_ride_factor + self.max_ride_extra_min * 60
        return int(min(limit, max(self.max_ride_cap_min * 60, direct_seconds)))

    def speeds(self) -> SpeedBands:
        """How fast a bus drives a leg, by its length."""
        if self.speed_kmh is not None:
            return SpeedBands.flat(self.speed_kmh)
        return SpeedBands(self.local_speed_kmh, self.local_km, self.trunk_speed_kmh, self.trunk_km,
                          self.expressway_speed_kmh)

    def daily_driving_min(self, bus: Vehicle) -> int:
        """What a bus may drive in the day: the daily limit, twice over with a second driver aboard."""
        return self.max_daily_driving_min * (2 if bus.second_driver else 1)

    def minute(self, name: str) -> int:
        """A time-of-day setting (`earliest_boarding`, `night_starts`, `night_ends`) in minutes after midnight."""
        return parse_time(getattr(self, name))

    def as_dict(self) -> dict[str, Any]:
        """The settings as plan.json records them; `roads` only when the plan used roads."""
        values = dataclasses.asdict(self)
        if self.roads is None:
            del values["roads"]
        return values
