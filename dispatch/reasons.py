"""Why an applicant is not placed: stable reason codes and the sentence a dispatcher reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from data.records import Scenario

NO_MATCHING_ORDER = "no_matching_order"
ORDER_FULL = "order_full"
TEAM_TOO_LARGE = "team_too_large"
TEAM_SPLIT_SKILLS = "team_skills_differ"
UNREACHABLE_IN_TIME = "unreachable_in_time"
NO_SEAT = "no_seat"
RIDE_TOO_LONG = "ride_too_long"
TOO_FAR = "too_far"
INVALID_APPLICATION = "invalid_application"

REASONS: dict[str, str] = {
    NO_MATCHING_ORDER: "no order on this date asks for any of the applicant's skills",
    ORDER_FULL: "every order for the applicant's skills is already filled",
    TEAM_TOO_LARGE: "the team is larger than the free places of any order it could take",
    TEAM_SPLIT_SKILLS: "no single order fits the skills of every member of the team",
    UNREACHABLE_IN_TIME: "no bus can bring the applicant from their station before the shift starts",
    NO_SEAT: "the buses have no free seat on a route that reaches the order in time",
    RIDE_TOO_LONG: "every possible trip would exceed the ride-time limit",
    TOO_FAR: "every order for the applicant's skills is beyond the longest distance a worker is sent",
    INVALID_APPLICATION: "the application row has a bad cell of its own and was set aside when the inputs were read",
}
"""Each code with its general meaning; `Unplaced.detail` says it for the one applicant."""


@dataclass(frozen=True)
class Unplaced:
    """An applicant available on the day who got no seat, with a stable code and a sentence."""

    application_id: str
    reason: str
    detail: str
    order_id: str | None = None
    """The order they were matched to, when the buses could not carry them there (None otherwise)."""


def set_aside_unplaced(scenario: Scenario, day: dt.date) -> tuple[Unplaced, ...]:
    """The application rows set aside when reading (`Scenario.set_aside`) that may be for `day`,
    each with its file, row and problems: nobody given to us goes unmentioned."""
    return tuple(
        Unplaced(a.application_id, INVALID_APPLICATION,
                 f"{a.file} row {a.row} was set aside: {'; '.join(a.problems)}"
                 + ("" if a.dates is not None else " (its dates could not be read, so it is listed on every day)"))
        for a in scenario.set_aside if a.available_on(day)
    )
