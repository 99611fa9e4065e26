"""Why a request comes back unassigned: the stable codes of `Unassigned.reason`, in one place.

Callers map them to their own words (the day planner to an applicant's reason); the sentence in
`Unassigned.detail` says it for the one request.
"""

TOO_HEAVY = "too_heavy"
"""Its load is more than the largest vehicle holds (`routing.precheck`)."""
UNREACHABLE = "unreachable"
"""No vehicle can serve it alone within its windows, the vehicle hours and its ride limit (`routing.precheck`)."""
NO_VEHICLE = "no_vehicle"
"""It could be served alone, but the search found no room for it beside the others."""
NOT_WORTH = "not_worth_serving"
"""An optional request whose serving would cost more than its penalty."""
NO_ROOM_TO_REST = "no_room_to_rest"
"""Taken off its route because no timing left the driver room for the rests the rule needs
(`routing.timing.rest_repair`)."""

REASONS = (TOO_HEAVY, UNREACHABLE, NO_VEHICLE, NOT_WORTH, NO_ROOM_TO_REST)
