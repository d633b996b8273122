"""Problems found in a user's data and the errors that carry them.

A `Problem` always names where it is (file, row, column) so a municipality's staff member can open the file
and fix it; validation collects every problem before failing, instead of stopping at the first.
"""
from __future__ import annotations

from dataclasses import dataclass


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


class InputError(ValueError):
    """The input folder has errors; `problems` lists all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = [p for p in problems if p.severity == "error"]
        lines = [f"{len(self.problems)} problem(s) in the input:"] + [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))
