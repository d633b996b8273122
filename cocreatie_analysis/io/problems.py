"""Collecting every problem in a municipality folder before failing, with long runs folded into one line."""

from __future__ import annotations

from ..errors import Problem

__all__ = ["MAX_ROWS_PER_PROBLEM", "ProblemCollector", "spreadsheet_rows"]

MAX_ROWS_PER_PROBLEM = 20  # beyond this, one summary line per kind of problem keeps messages readable


def spreadsheet_rows(index) -> list[int]:
    """Spreadsheet row numbers for DataFrame positions (header = row 1)."""
    return [int(i) + 2 for i in index]


class ProblemCollector:
    """Collects problems, folding long runs of the same problem into one summary line."""

    def __init__(self):
        self.problems: list[Problem] = []
        self.counts: dict[tuple, int] = {}
        self.headers: dict[str, dict[str, str]] = {}  # file -> canonical column -> the file's own header

    def add(self, file, message, row=None, column=None, severity="error"):
        column = self.headers.get(str(file), {}).get(column, column)  # name the column as the user sees it
        key = (file, column, message, severity)
        count = self.counts[key] = self.counts.get(key, 0) + 1
        if count <= MAX_ROWS_PER_PROBLEM:
            self.problems.append(Problem(str(file), message, row, column, severity))

    def rows(self, file, rows, message, column=None, severity="error"):
        for row in rows:
            self.add(file, message, row, column, severity)

    def summarise(self):
        for (file, column, message, severity), count in self.counts.items():
            if count > MAX_ROWS_PER_PROBLEM:
                self.problems.append(
                    Problem(
                        str(file),
                        f"{message} (and {count - MAX_ROWS_PER_PROBLEM} more rows like this)",
                        None,
                        column,
                        severity,
                    )
                )
        return self.problems
