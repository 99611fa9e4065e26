"""How a solve spends its budget: wall time or a deterministic count of solutions, seed, workers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Metaheuristic = Literal["guided_local_search", "tabu_search", "simulated_annealing"]


@dataclass(frozen=True)
class SolveParams:
    """Search settings. With `solution_limit` set, the run is deterministic: the budget is counted in
    solutions, and `time_limit_s` only caps each phase as a safety net (a run that hits it is not
    reproducible).

    `solution_limit` counts the solutions the local search accepts, summed over all phases of one
    search; `time_limit_s` is the total wall time including every phase and worker start-up.
    """

    time_limit_s: float | None = 10.0
    solution_limit: int | None = None
    seed: int = 0
    workers: int = 1
    """Diverse searches run in parallel processes; the best result wins."""
    metaheuristic: Metaheuristic = "guided_local_search"
    reduce_vehicles: bool = True
    """Try to empty routes and re-insert their requests elsewhere before polishing distance."""

    def __post_init__(self) -> None:
        if self.time_limit_s is None and self.solution_limit is None:
            raise ValueError("SolveParams needs a time_limit_s or a solution_limit.")
        if self.time_limit_s is not None and self.time_limit_s <= 0:
            raise ValueError(f"time_limit_s must be positive, got {self.time_limit_s}.")
        if self.solution_limit is not None and self.solution_limit < 1:
            raise ValueError(f"solution_limit must be at least 1, got {self.solution_limit}.")
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1, got {self.workers}.")

    @property
    def deterministic(self) -> bool:
        return self.solution_limit is not None
