"""A general vehicle-routing engine: pickup-and-delivery requests, vehicles, travel matrices.

It knows nothing about workers or maps. Build a `Problem` of `Request`s and `Vehicle`s, `solve` it
within `SolveParams`, and check the `Solution` independently with `verify`. Only
`routing.solver.model` imports OR-Tools.

Inside: the model and solution types at the top; `timing/` (schedules, drivers' rests);
`solver/` (the phases of one search and the OR-Tools adapter); `search/` (the searches of our own
and their compiled kernels); `bench/` (public benchmark instances and the runner).
"""

from routing.params import SolveParams
from routing.problem import HORIZON, Problem, Request, RestRule, Stop, Vehicle
from routing.reasons import NO_ROOM_TO_REST, NO_VEHICLE, NOT_WORTH, REASONS, TOO_HEAVY, UNREACHABLE
from routing.solution import Rest, Route, Solution, Unassigned, Visit
from routing.solver import solve
from routing.timing import as_early_as_possible, as_late_as_possible, place_rests
from routing.verify import verify

__all__ = [
    "HORIZON",
    "NOT_WORTH",
    "NO_ROOM_TO_REST",
    "NO_VEHICLE",
    "REASONS",
    "TOO_HEAVY",
    "UNREACHABLE",
    "Problem",
    "Request",
    "Rest",
    "RestRule",
    "Route",
    "Solution",
    "SolveParams",
    "Stop",
    "Unassigned",
    "Vehicle",
    "Visit",
    "as_early_as_possible",
    "as_late_as_possible",
    "place_rests",
    "solve",
    "verify",
]
