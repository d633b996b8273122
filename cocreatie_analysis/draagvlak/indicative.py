"""Indicative draagvlak without votes: per opgave, the balance of positive and negative inputs.

Per opgave (theme), the share of participants whose input on it is positive minus the share negative (one
voice per participant: a participant's inputs on a theme are averaged first). The interval is a Wald interval
for the difference of two multinomial shares with one pseudo-observation added to each of positive, neutral
and negative (Agresti-Caffo style), clipped to [-1, 1]. It is always labelled indicative: sentiment in free
text is not a vote.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import UserError
from ..stats import Z95, wilson_interval

__all__ = ["indicative_draagvlak"]


def indicative_draagvlak(inputs: pd.DataFrame, min_cell_size: int = 10, neutral_band: float = 0.05) -> pd.DataFrame:
    """Indicative draagvlak per opgave from the sentiment of the inputs, for processes without votes.

    ``inputs``: theme (opgave name), sentiment (float in [-1, 1]) and optionally participant_id. One voice per
    participant and theme: a participant's inputs on a theme are averaged, then classified positive
    (> ``neutral_band``), negative (< -``neutral_band``) or neutral; inputs without a participant_id count as
    separate participants. Inputs without theme or sentiment are skipped.

    Returns one row per theme: theme, n_inputs, n_participants, n_positive, n_neutral, n_negative,
    share_positive, share_negative, net (share_positive - share_negative), net_low, net_high (see the module
    docstring), support (= share_positive), support_low, support_high (Wilson), indicative (always True),
    verdict_code (support / divided / no_support / insufficient). Fewer than ``min_cell_size`` participants on a
    theme: "insufficient". `wording.draagvlak` says it in words, always as indicative.
    """
    cols = [
        "theme",
        "n_inputs",
        "n_participants",
        "n_positive",
        "n_neutral",
        "n_negative",
        "share_positive",
        "share_negative",
        "net",
        "net_low",
        "net_high",
        "support",
        "support_low",
        "support_high",
        "indicative",
        "verdict_code",
    ]
    if not isinstance(inputs, pd.DataFrame):
        raise UserError(f"inputs must be a pandas DataFrame, got {type(inputs).__name__}")
    missing = [c for c in ("theme", "sentiment") if c not in inputs.columns]
    if missing:
        raise UserError(f"inputs: missing column(s) {', '.join(missing)} for the indicative draagvlak")
    if not 0 <= neutral_band < 1:
        raise UserError(f"neutral_band must be in [0, 1), got {neutral_band!r}")
    df = pd.DataFrame({"theme": inputs["theme"], "sentiment": pd.to_numeric(inputs["sentiment"], errors="coerce")})
    if "participant_id" in inputs.columns:
        pid = inputs["participant_id"].astype(object)
        anon = pid.isna()
    else:
        pid = pd.Series([None] * len(inputs), index=inputs.index, dtype=object)
        anon = pd.Series(True, index=inputs.index)
    # anonymous inputs: each its own voice (keyed by row position, never colliding with real ids)
    df["_who"] = [("__row__", i) if a else ("id", p) for i, (a, p) in enumerate(zip(anon, pid))]
    df = df[df["theme"].notna() & (df["theme"].astype(str).str.strip() != "") & df["sentiment"].notna()]
    if (df["sentiment"].abs() > 1 + 1e-9).any():
        raise UserError("inputs: sentiment must lie in [-1, 1]")
    if df.empty:
        return pd.DataFrame(columns=cols)
    n_inputs = df.groupby("theme").size()
    per = df.groupby(["theme", "_who"])["sentiment"].mean().reset_index()
    per["cls"] = np.where(per["sentiment"] > neutral_band, 1, np.where(per["sentiment"] < -neutral_band, -1, 0))
    agg = per.groupby("theme")["cls"].agg(
        n_participants="size",
        n_positive=lambda s: int((s == 1).sum()),
        n_neutral=lambda s: int((s == 0).sum()),
        n_negative=lambda s: int((s == -1).sum()),
    )
    agg["n_inputs"] = n_inputs
    agg = agg.reset_index()
    n = agg["n_participants"].to_numpy(float)
    pos, neg = agg["n_positive"].to_numpy(float), agg["n_negative"].to_numpy(float)
    agg["share_positive"] = pos / n
    agg["share_negative"] = neg / n
    agg["net"] = agg["share_positive"] - agg["share_negative"]
    pp, pn = (pos + 1) / (n + 3), (neg + 1) / (n + 3)
    centre = pp - pn
    half = Z95 * np.sqrt(np.maximum(pp + pn - centre**2, 0) / (n + 3))
    agg["net_low"] = np.clip(centre - half, -1, 1)
    agg["net_high"] = np.clip(centre + half, -1, 1)
    agg["support"] = agg["share_positive"]
    agg["support_low"], agg["support_high"] = wilson_interval(agg["support"], n)
    agg["indicative"] = True
    codes = np.where(
        n < min_cell_size,
        "insufficient",
        np.where(agg["net_low"] > 0, "support", np.where(agg["net_high"] < 0, "no_support", "divided")),
    )
    agg["verdict_code"] = codes
    for c in ("n_inputs", "n_participants", "n_positive", "n_neutral", "n_negative"):
        agg[c] = agg[c].astype(np.int64)
    return agg[cols].sort_values("theme", kind="stable").reset_index(drop=True)
