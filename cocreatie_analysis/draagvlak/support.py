"""Support per statement and per group: the share of all votes that agree, with Wilson intervals.

``support`` is the share of *all* votes on a statement that agree, passes included: a pass or a "neutraal" is
not support, and this is the same denominator Pol.is uses ("seen"). ``support_weighted`` uses the reach
weights, with the Wilson interval at Kish's effective sample size.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import UserError
from ..privacy import suppress
from ..stats import wilson_interval

__all__ = ["cell_support", "demographic_cells"]


def demographic_cells(participants: pd.DataFrame | None, dimensions: Sequence[str]) -> pd.DataFrame:
    """participant_id, dimension, category (str) for every participant and dimension with a known value."""
    cols = ["participant_id", "dimension", "category"]
    if participants is None or not dimensions:
        return pd.DataFrame(columns=cols)
    frames = []
    for dim in dimensions:
        if dim not in participants.columns:
            raise UserError(
                f"participants: dimension {dim!r} is not a column; columns are "
                f"{', '.join(map(str, participants.columns))}"
            )
        part = participants[["participant_id", dim]].dropna()
        values = part[dim]
        if pd.api.types.is_float_dtype(values) and (values % 1 == 0).all():
            values = values.astype(np.int64)  # 1.0 -> "1": integer codes read back as floats because of blanks
        frames.append(
            pd.DataFrame(
                {
                    "participant_id": part["participant_id"].to_numpy(),
                    "dimension": dim,
                    "category": values.astype(str).str.strip().to_numpy(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True).drop_duplicates(["participant_id", "dimension"], keep="last")


def cell_support(votes: pd.DataFrame, cells: pd.DataFrame, min_cell_size: int) -> pd.DataFrame:
    """Support per statement and (dimension, category) cell, small groups hidden by the one rule (`privacy`).

    Per statement and dimension, the voters without a category (no value, or not placed in an opinion group)
    are part of the statement's published vote count without a row of their own, so the rule counts them as
    hidden from the start: no group's votes follow from the statement's totals minus the groups shown.
    """
    cols = [
        "statement_id",
        "dimension",
        "category",
        "n",
        "n_agree",
        "n_disagree",
        "support",
        "low",
        "high",
        "suppressed",
    ]
    if cells.empty:
        return pd.DataFrame(columns=cols)
    v = votes.merge(cells, on="participant_id", how="inner")
    agg = (
        v.assign(n=1, n_agree=(v["vote"] == 1).astype(int), n_disagree=(v["vote"] == -1).astype(int))
        .groupby(["statement_id", "dimension", "category"], sort=False)[["n", "n_agree", "n_disagree"]]
        .sum()
        .reset_index()
    )
    agg["support"] = agg["n_agree"] / agg["n"]
    agg["low"], agg["high"] = wilson_interval(agg["support"], agg["n"])
    totals = (
        votes.assign(n=1, n_agree=votes["vote"] == 1, n_disagree=votes["vote"] == -1, n_pass=votes["vote"] == 0)
        .groupby("statement_id")[["n", "n_agree", "n_disagree", "n_pass"]]
        .sum()
    )
    cell_counts = agg.assign(n_pass=agg["n"] - agg["n_agree"] - agg["n_disagree"])
    hidden = np.zeros(len(agg), dtype=bool)
    for (statement, _), index in agg.groupby(["statement_id", "dimension"], sort=False).indices.items():
        # the voters without a group: the statement's totals minus the groups'
        lines = {
            c: np.append(
                cell_counts[c].to_numpy()[index], totals.at[statement, c] - cell_counts[c].to_numpy()[index].sum()
            )
            for c in ("n", "n_agree", "n_disagree", "n_pass")
        }
        never_shown = np.append(np.zeros(len(index), dtype=bool), True)
        attributes = [lines["n_agree"], lines["n_disagree"], lines["n_pass"]]
        hidden[index] = suppress(lines["n"], None, min_cell_size, never_shown, attributes)[:-1]
    agg["suppressed"] = hidden
    for c in ("n", "n_agree", "n_disagree"):
        agg[c] = agg[c].astype("Int64")
        agg.loc[agg["suppressed"], c] = pd.NA
    agg.loc[agg["suppressed"], ["support", "low", "high"]] = np.nan
    return agg[cols]
