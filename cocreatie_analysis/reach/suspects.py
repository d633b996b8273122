"""Unusual suspects: the groups reached clearly less often than their share of the population."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .issues import typed_frame
from .representation import Settings

__all__ = ["SUSPECT_COLUMNS", "unusual_suspects"]


# --------------------------------------------------------------------------------------------- unusual suspects
SUSPECT_COLUMNS = {
    "dimension": "str",
    "category": "str",
    "kind": "str",
    "n": "Int64",
    "n_label": "str",
    "sample_share": "float64",
    "population_share": "float64",
    "ratio": "float64",
    "ratio_high": "float64",
    "times_less": "float64",
    "at_least": "bool",
}


def unusual_suspects(table: pd.DataFrame, s: Settings, totals: dict[str, int]) -> pd.DataFrame:
    """The under-represented groups, least reached first. `kind`: "hidden" (fewer than min_cell_size
    participants: `times_less` is a lower bound), "absent" (nobody) or "ratio"."""
    rows = []
    k = s.min_cell_size
    for row in table[table["under_represented"]].itertuples():
        if row.suppressed:
            ratio_sort = (k - 1) / totals[row.dimension] / row.population_share
            kind, times, at_least = "hidden", 1 / ratio_sort, True
        elif row.n == 0:
            kind, times, at_least, ratio_sort = "absent", np.inf, False, 0.0
        else:
            kind, times, at_least, ratio_sort = "ratio", 1 / row.ratio, False, row.ratio
        rows.append(
            (
                {
                    "dimension": row.dimension,
                    "category": row.category,
                    "kind": kind,
                    "n": row.n,
                    "n_label": row.n_label,
                    "sample_share": row.sample_share,
                    "population_share": row.population_share,
                    "ratio": row.ratio,
                    "ratio_high": row.ratio_high,
                    "times_less": times,
                    "at_least": at_least,
                },
                ratio_sort,
            )
        )
    rows.sort(key=lambda r: r[1])
    return typed_frame([r for r, _ in rows], SUSPECT_COLUMNS)
