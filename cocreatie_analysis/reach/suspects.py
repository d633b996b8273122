"""Unusual suspects: the groups reached clearly less often than their share of the population."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..wording.numbers import format_pct, format_times
from .issues import typed_frame
from .representation import Settings

__all__ = ["SUSPECT_COLUMNS", "unusual_suspects"]


# --------------------------------------------------------------------------------------------- unusual suspects
SUSPECT_COLUMNS = {
    "dimension": "str", "category": "str", "group": "str", "n": "Int64", "n_label": "str",
    "sample_share": "float64", "population_share": "float64", "ratio": "float64", "ratio_high": "float64",
    "times_less": "float64", "at_least": "bool", "description": "str",
}


def unusual_suspects(table: pd.DataFrame, s: Settings, totals: dict[str, int]) -> pd.DataFrame:
    rows = []
    k = s.min_cell_size
    lang = s.language
    for row in table[table["under_represented"]].itertuples():
        pop = format_pct(row.population_share, lang)
        if row.suppressed:
            ratio_max = (k - 1) / totals[row.dimension] / row.population_share
            times = 1 / ratio_max
            at_least = True
            text = (f"{row.group}: minder dan {k} deelnemers; ten minste {format_times(times, lang)}× minder vaak "
                    f"bereikt dan hun aandeel in de bevolking ({pop} van de bevolking)" if lang == "nl" else
                    f"{row.group}: fewer than {k} participants; reached at least {format_times(times, lang)}× less "
                    f"often than their share of the population ({pop} of the population)")
            ratio_sort = ratio_max
        elif row.n == 0:
            times, at_least, ratio_sort = np.inf, False, 0.0
            text = (f"{row.group}: niet bereikt (geen deelnemers, terwijl zij {pop} van de bevolking vormen)"
                    if lang == "nl" else
                    f"{row.group}: not reached (no participants, while they are {pop} of the population)")
        else:
            times, at_least, ratio_sort = 1 / row.ratio, False, row.ratio
            sample = format_pct(row.sample_share, lang)
            text = (f"{row.group}: {format_times(times, lang)}× minder vaak bereikt dan hun aandeel in de bevolking "
                    f"({sample} van de deelnemers, {pop} van de bevolking)" if lang == "nl" else
                    f"{row.group}: reached {format_times(times, lang)}× less often than their share of the "
                    f"population ({sample} of participants, {pop} of the population)")
        rows.append(({"dimension": row.dimension, "category": row.category, "group": row.group, "n": row.n,
                      "n_label": row.n_label, "sample_share": row.sample_share,
                      "population_share": row.population_share, "ratio": row.ratio, "ratio_high": row.ratio_high,
                      "times_less": times, "at_least": at_least, "description": text}, ratio_sort))
    rows.sort(key=lambda r: r[1])
    return typed_frame([r for r, _ in rows], SUSPECT_COLUMNS)
