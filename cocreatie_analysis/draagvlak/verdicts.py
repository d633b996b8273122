"""The verdict per statement, from the rules of its participation level, as codes with the figures behind them.

Per statement, with the rules of its level and the weighted support when weights are given (else the raw
support), in this order:

1. **insufficient** — fewer than ``min_votes`` votes (reason ``too_few_votes``); or the level has
   ``require_reach`` and the reach was insufficient or could not be checked (``reach_required``);
2. **divided** — the opinion groups clearly disagree: ``divisiveness >= max_divisiveness`` (``divisive``);
3. **broad_support** — the lower bound of the support interval is at least ``support``, the support itself at
   least ``broad_support``, and every group shown (at least ``min_cell_size`` voters) has support of at least
   ``min_group_support``;
4. **support** — the lower bound of the support interval is at least ``support`` (``support_not_broad`` when
   a group shown falls below ``min_group_support``: the lowest group is named);
5. **no_support** — the upper bound of the support interval is below ``support``;
6. **divided** — otherwise: the interval straddles the threshold (``too_close``).

A group "differs" (and is named in the reasons) when its support is at least ``group_difference`` away from the
overall support and its own Wilson interval excludes the overall figure. The sentences are in
`wording.draagvlak`.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from ..errors import UserError

__all__ = ["REACH_STATUSES", "REASON_CODES", "differing_groups", "reach_status", "verdict"]

REACH_STATUSES = ("sufficient", "insufficient", "unchecked")
REASON_CODES = (
    "too_few_votes",
    "reach_required",
    "divisive",
    "broad_support",
    "support",
    "support_not_broad",
    "no_support",
    "too_close",
)


def reach_status(representation: pd.DataFrame | None) -> tuple[str, list[dict]]:
    """("sufficient" | "insufficient" | "unchecked", the under-represented groups as {dimension, category})."""
    if representation is None:
        return "unchecked", []
    if "under_represented" not in representation.columns:
        raise UserError("representation: missing column 'under_represented'")
    under = representation[representation["under_represented"].fillna(False).astype(bool)]
    groups = [{"dimension": str(r.dimension), "category": str(r.category)} for r in under.itertuples()]
    return ("insufficient" if groups else "sufficient"), groups


def differing_groups(row, groups_df: pd.DataFrame | None, threshold: float) -> list[dict]:
    """Up to four groups whose support clearly differs from the statement's, the largest difference first."""
    if groups_df is None or not np.isfinite(row.support):
        return []
    diff = groups_df["support"] - row.support
    differs = (diff.abs() >= threshold) & ((groups_df["low"] > row.support) | (groups_df["high"] < row.support))
    hits = groups_df[differs].assign(_abs=diff[differs].abs()).sort_values("_abs", ascending=False).head(4)
    return [{"dimension": r.dimension, "category": r.category, "support": float(r.support)} for r in hits.itertuples()]


def verdict(row, rule: dict, groups_df: pd.DataFrame | None, weighted: bool, reach: str) -> dict:
    """The verdict on one statement: verdict_code, reason_code, the lowest group when that decides it, and the
    groups that differ (JSON; None when no group is shown)."""
    use_weighted = weighted and np.isfinite(row.support_weighted)
    p, lo, hi = (
        (row.support_weighted, row.weighted_low, row.weighted_high)
        if use_weighted
        else (row.support, row.support_low, row.support_high)
    )
    thr = rule["support"]
    lowest = None
    if row.n_votes < rule["min_votes"]:
        code, reason = "insufficient", "too_few_votes"
    elif rule["require_reach"] and reach != "sufficient":
        code, reason = "insufficient", "reach_required"
    elif np.isfinite(row.divisiveness) and row.divisiveness >= rule["max_divisiveness"]:
        code, reason = "divided", "divisive"
    elif lo >= thr:
        if groups_df is not None and len(groups_df):
            low = groups_df.loc[groups_df["support"].idxmin()]
            lowest = {"dimension": low["dimension"], "category": low["category"], "support": float(low["support"])}
        all_groups_ok = lowest is None or lowest["support"] >= rule["min_group_support"]
        if p >= rule["broad_support"] and all_groups_ok:
            code, reason = "broad_support", "broad_support"
        else:
            code, reason = "support", ("support" if all_groups_ok else "support_not_broad")
        if all_groups_ok:
            lowest = None
    elif hi < thr:
        code, reason = "no_support", "no_support"
    else:
        code, reason = "divided", "too_close"
    shown = groups_df is not None and len(groups_df) > 0
    differing = differing_groups(row, groups_df, rule["group_difference"]) if row.n_votes else []
    return {
        "verdict_code": code,
        "reason_code": reason,
        "lowest_group": json.dumps(lowest) if lowest else None,
        "differing_groups": json.dumps(differing) if shown else None,
    }
