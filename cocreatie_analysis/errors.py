"""Errors and warnings of cocreatie-analysis: what a user caused, what the data needs, and bugs.

Every exception the package raises on purpose derives from `CocreatieError`. A `UserError` (and its kind
`InputError`) is something the person running the tool can fix: a missing column, a broken file, an unknown
option. The command line prints those as one clear message and exits 1; anything else is a bug and keeps its
traceback. `Problem` names where a problem is (file, row, column), so a municipality's staff member can open
the file and fix it; validation collects every problem before failing instead of stopping at the first.
"""

from __future__ import annotations

from dataclasses import dataclass

from sklearn.exceptions import NotFittedError

__all__ = [
    "AnalysisWarning",
    "CocreatieError",
    "InputError",
    "NotFittedError",
    "Problem",
    "ReachWarning",
    "UserError",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (severity "error") or worth knowing (severity "warning") about the input."""

    file: str
    message: str
    row: int | None = None  # spreadsheet row number: the header is row 1, the first data row is row 2
    column: str | None = None
    severity: str = "error"

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class CocreatieError(Exception):
    """Base class of every error the package raises on purpose."""


class UserError(CocreatieError, ValueError):
    """A mistake the user can fix (a wrong argument, option or file); the message says what and where.

    It is also a ValueError, so callers that validated arguments the standard way keep working.
    """


class InputError(UserError):
    """The input folder has errors; `problems` lists all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = [p for p in problems if p.severity == "error"]
        lines = [f"{len(self.problems)} problem(s) in the input:"] + [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class AnalysisWarning(UserWarning):
    """A treatment of the data that changes what an analysis compares; shown to the analyst, kept in tables."""


class ReachWarning(AnalysisWarning):
    """A treatment of the data that changes what the reach analysis compares (see `reach`)."""
