"""How a search spends its budget, phase by phase: wall time, or solution counts in deterministic mode."""

from __future__ import annotations

import time
from collections.abc import Callable

from routing.params import SolveParams
from routing.solver.configs import DETERMINISTIC_SAFETY_S


class Budget:
    """Hands out per-phase limits: wall time, or solution counts in deterministic mode."""

    def __init__(self, params: SolveParams, deadline: float | None) -> None:
        self.deadline = deadline
        self.total_solutions = params.solution_limit
        self.solutions_left = params.solution_limit
        self.span = max(0.0, deadline - time.monotonic()) if deadline is not None else 0.0
        self.safety_s = params.time_limit_s or DETERMINISTIC_SAFETY_S

    def exhausted(self) -> bool:
        if self.solutions_left is not None:
            return self.solutions_left <= 0
        return self.deadline is not None and time.monotonic() >= self.deadline

    def limit(self, share: float) -> tuple[float, int | None]:
        """A (seconds, solutions) limit worth `share` of the whole budget (1 = all that is left)."""
        if self.solutions_left is not None:
            wanted = self.solutions_left if share >= 1 else int(share * (self.total_solutions or 0))
            return self.safety_s, max(1, min(self.solutions_left, wanted))
        assert self.deadline is not None
        left = self.deadline - time.monotonic()
        return max(0.01, left if share >= 1 else min(left, share * self.span)), None

    def progress(self, share: float) -> Callable[[int], float]:
        """For a phase worth `share` of the budget that starts now: the share of it spent after
        `done` steps (1 = over). Steps count in deterministic mode, wall time otherwise."""
        started = time.monotonic()
        seconds, steps = self.limit(share)
        return lambda done: done / steps if steps is not None else (time.monotonic() - started) / seconds

    def used(self) -> float:
        """The share of the whole budget spent so far, from 0 to 1."""
        if self.solutions_left is not None:
            return 1 - self.solutions_left / (self.total_solutions or 1)
        assert self.deadline is not None
        return 1 - max(0.0, self.deadline - time.monotonic()) / (self.span or 1)

    def spend(self, solutions: int) -> None:
        if self.solutions_left is not None:
            self.solutions_left -= max(1, solutions)
