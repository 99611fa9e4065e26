"""Matching: which applicants available on a date fill which of that date's orders.

`match` is the engine (min-cost flows over classes of interchangeable applicants, and a branch and
bound over teams: `engine`, `problem`, `flow`, `search`, `solver`), with a reason for everyone it
leaves out (`explain`). `match_day` calls it under the day's rules: road kilometres, the distance
cap, and the pairs no bus can serve in time set apart (`for_day`).
"""

from dispatch.matching.engine import Match, MatchResult, MatchSettings, match
from dispatch.matching.for_day import match_day

__all__ = ["Match", "MatchResult", "MatchSettings", "match", "match_day"]
