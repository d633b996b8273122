"""What the reach analysis had to treat specially, as codes with numbers: warnings for the analyst, a table for
the report.

Every treatment that changes what is compared is reported both as a Python warning (`ReachWarning`, in
English, full detail for the analyst) and as a row of the ``warnings`` table (dimension, category, code,
parameters). When fewer than ``min_cell_size`` participants hold a reported value (an
unknown category, say), the table leaves the value out and hides the count. The sentences are in
`wording.reach`.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field

import pandas as pd

from ..errors import ReachWarning
from ..wording.reach import warning_message

__all__ = ["Issue", "WARNING_COLUMNS", "emit", "hide_small_group", "issue_text", "typed_frame", "warnings_table"]


# --------------------------------------------------------------------------------------------- warnings
@dataclass
class Issue:
    code: str
    dimension: str = ""
    category: str = ""
    n: int | None = None  # participants concerned (masked in report tables when small)
    params: dict = field(default_factory=dict)


# Issues whose category names a group of participants: hidden in report tables when the group is small.
_GROUP_ISSUES = {"zero_population_category", "unknown_category"}


# Issues that count participants outside the population's categories, by kind.
_REST_ISSUES = _GROUP_ISSUES | {"missing_values"}


def hide_small_group(issue: Issue, min_cell_size: int, pooled: bool = False) -> tuple[str, str, int | None, str]:
    """(code, category, n, hidden) of an issue as a report table may show it; hidden is "", "small" or "pooled".

    Only a value held by a small group identifies anyone: its category is left out (code ``…_masked``) and its
    count hidden ("small"). When one kind of participant outside the population's categories is a small group,
    the counts of every kind in that dimension are hidden ("pooled"), so none follows from the others and the
    dimension's totals. Other counts (trimmed weights) identify nobody.
    """
    n, category, code = issue.n, issue.category, issue.code
    small = n is not None and 0 < n < min_cell_size
    if small and code in _GROUP_ISSUES:
        return code + "_masked", "", None, "small"
    if small and code == "missing_values":
        return code, category, None, "small"
    if pooled and code in _REST_ISSUES:
        return code, category, None, "pooled"
    return code, category, n, ""


def issue_text(issue: Issue) -> str:
    """The issue in full detail, in English, for the analyst's Python warning."""
    return warning_message(issue.code, "en", issue.dimension, issue.category, issue.n, params=issue.params)


def emit(issues: list[Issue], stacklevel: int = 3) -> None:
    for issue in issues:
        where = f"{issue.dimension}: " if issue.dimension else ""
        warnings.warn(where + issue_text(issue), ReachWarning, stacklevel=stacklevel)


WARNING_COLUMNS = {
    "dimension": "str",
    "category": "str",
    "code": "str",
    "n": "Int64",
    "hidden": "str",
    "params": "str",
}


def warnings_table(issues: list[Issue], min_cell_size: int, pooled_dimensions=()) -> pd.DataFrame:
    """The issues as a report table: codes, counts (small groups hidden) and parameters as JSON.

    `pooled_dimensions`: dimensions whose participants outside the population's categories are one pooled count.
    """
    rows = []
    for issue in issues:
        code, category, n, hidden = hide_small_group(issue, min_cell_size, issue.dimension in pooled_dimensions)
        rows.append(
            {
                "dimension": issue.dimension,
                "category": category,
                "code": code,
                "n": n,
                "hidden": hidden,
                "params": json.dumps(issue.params, sort_keys=True, default=float),
            }
        )
    return typed_frame(rows, WARNING_COLUMNS)


def typed_frame(rows, dtypes: dict[str, str]) -> pd.DataFrame:
    """A DataFrame with exactly these columns and dtypes, also when there are no rows (parquet-safe)."""
    frame = pd.DataFrame(rows, columns=list(dtypes))
    return frame.astype(dtypes) if len(frame) else pd.DataFrame({c: pd.Series(dtype=t) for c, t in dtypes.items()})
