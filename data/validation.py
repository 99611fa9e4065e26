"""The validation report: every problem found in a scenario folder, collected and reported once.

A dispatcher fixing a spreadsheet wants all the bad rows at once, so readers collect `Problem`s and
raise one `InputError` at the end. Row numbers are as the spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass

EXAMPLES_SHOWN = 3
"""When one file has more problems of one kind than this, the text report shows a count and this many."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong: which file, which spreadsheet row (None for the whole file), which column, what."""

    file: str
    row: int | None
    column: str | None
    message: str
    code: str = "invalid"
    """A short stable kind (e.g. `bad_time`, `duplicate_id`), used to group the report."""

    def location(self) -> str:
        parts = [f"row {self.row}" if self.row is not None else "", f"column {self.column}" if self.column else ""]
        return ", ".join(p for p in parts if p)

    def sentence(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True)
class ValidationReport:
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def __len__(self) -> int:
        return len(self.problems)

    def as_dicts(self) -> list[dict]:
        return [asdict(p) for p in self.problems]

    def render(self) -> str:
        """Readable text grouped by file; many problems of one kind in a file show as a count and examples."""
        if self.ok:
            return "No problems found."
        by_file: dict[str, list[Problem]] = defaultdict(list)
        for problem in self.problems:
            by_file[problem.file].append(problem)
        total = len(self.problems)
        lines = [f"{total} problem{'s' if total != 1 else ''} in the input files:"]
        for file, problems in by_file.items():
            lines.append(f"{file}:")
            by_code: dict[str, list[Problem]] = defaultdict(list)
            for problem in problems:
                by_code[problem.code].append(problem)
            for code, group in by_code.items():
                if len(group) > EXAMPLES_SHOWN + 1:
                    lines.append(f"  {len(group)} problems of kind {code}, for example:")
                    lines.extend(f"    {p.sentence()}" for p in group[:EXAMPLES_SHOWN])
                    lines.append(f"    ... and {len(group) - EXAMPLES_SHOWN} more")
                else:
                    lines.extend(f"  {p.sentence()}" for p in group)
        return "\n".join(lines)


class InputError(Exception):
    """The input files have problems; `report` lists all of them."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        super().__init__(report.render())

    def __reduce__(self):
        """Pickled with its report, so it crosses from a planning process to the command line intact."""
        return type(self), (self.report,)


class ProblemCollector:
    """Collects problems while reading; `raise_if_any` turns them into one InputError."""

    def __init__(self) -> None:
        self._problems: list[Problem] = []

    def add(self, file: str, row: int | None, column: str | None, message: str, code: str = "invalid") -> None:
        self._problems.append(Problem(file, row, column, message, code))

    def __bool__(self) -> bool:
        return bool(self._problems)

    def report(self) -> ValidationReport:
        """Problems grouped by file in the order files were read, then by row (whole-file problems first)."""
        file_order = {f: k for k, f in enumerate(dict.fromkeys(p.file for p in self._problems))}
        ordered = sorted(self._problems, key=lambda p: (file_order[p.file], p.row is not None, p.row or 0))
        return ValidationReport(tuple(ordered))

    def raise_if_any(self) -> None:
        if self._problems:
            raise InputError(self.report())
