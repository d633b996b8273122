"""Channel reach: which channel (online, enquête, straatgesprek, …) reached which group, and advice per
unusual suspect on the channel that reached them best.

A participant belongs to every channel through which they gave at least one input. For each channel with at
least ``min_cell_size`` participants the composition per dimension is compared with the population. For each
unusual suspect, the channel with the highest ratio for that group is compared with the largest other channel
(or, if it is itself the largest, with the channel that reached the group worst) by a one-sided Fisher exact
test on the group's share; advice "channel" is given when that is significant and the ratio is at least
``min_factor`` times higher. A compared channel whose count is hidden is taken at ``min_cell_size - 1``, so the
factor is a lower bound ("ten minste"). Otherwise a channel that still reaches the group reasonably is named
("best_channel"), or the advice is to seek the group out ("outreach").
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from ..io.values import parse_age_band
from .ages import AGE
from .issues import typed_frame
from .population import as_label
from .representation import CELL_COLUMNS, Settings

__all__ = ["ADVICE_COLUMNS", "CHANNEL_COLUMNS", "channel_advice", "channel_membership", "participants_from_inputs"]


# --------------------------------------------------------------------------------------------- channels
ADVICE_COLUMNS = {
    "dimension": "str",
    "category": "str",
    "kind": "str",
    "best_channel": "str",
    "best_ratio": "float64",
    "compared_channel": "str",
    "compared_ratio": "float64",
    "factor": "float64",
    "at_least": "bool",
    "p_value": "float64",
    "outreach": "str",
}


CHANNEL_COLUMNS = {"channel": "str", "channel_participants": "int64", **CELL_COLUMNS}


def _outreach_kind(dimension: str, category: str) -> str:
    if dimension == AGE:
        band = parse_age_band(category)
        if band and band[1] is not None and band[1] <= 27:
            return "young"
        if band and band[0] >= 65:
            return "old"
        return "default"
    return {
        "origin": "origin",
        "district": "district",
        "education": "education",
        "income": "education",
        "gender": "gender",
    }.get(dimension, "default")


def participants_from_inputs(
    participants: pd.DataFrame | None, inputs: pd.DataFrame | None, dims: list[str]
) -> pd.DataFrame | None:
    """Fill participant attributes that only the inputs carry (most frequent value per participant)."""
    if inputs is None or "participant_id" not in inputs.columns:
        return participants
    extra = [d for d in dims if d in inputs.columns and d != "participant_id"]
    if participants is None or len(participants) == 0:
        ids = inputs["participant_id"].dropna().unique()
        participants = pd.DataFrame({"participant_id": ids})
    if not extra:
        return participants
    needs = [d for d in extra if d not in participants.columns or participants[d].isna().any()]
    if not needs:
        return participants
    known = inputs[inputs["participant_id"].notna()]
    known = known.assign(participant_id=known["participant_id"].map(as_label))
    out_keys = participants["participant_id"].map(as_label)
    out = participants.copy()
    for d in needs:
        values = known[["participant_id", d]].dropna()
        if values.empty:
            continue
        mode = (
            values.groupby(["participant_id", d], sort=True)
            .size()
            .reset_index(name="k")
            .sort_values(["participant_id", "k"], ascending=[True, False], kind="stable")
            .drop_duplicates("participant_id")
            .set_index("participant_id")[d]
        )
        filled = out_keys.map(mode)
        out[d] = filled if d not in out.columns else out[d].where(out[d].notna(), filled)
    return out


def channel_membership(
    participants: pd.DataFrame, inputs: pd.DataFrame | None
) -> tuple[dict[str, np.ndarray], str | None]:
    if inputs is None or len(inputs) == 0:
        return {}, None
    for column in ("participant_id", "channel"):
        if column not in inputs.columns:
            return {}, column
    # Ids compared as text: a file may hold 17 where the other holds "17" or 17.0.
    pos = pd.Series(np.arange(len(participants)), index=[as_label(v) for v in participants["participant_id"]])
    pos = pos[~pos.index.duplicated()]
    links = inputs[["participant_id", "channel"]].dropna()
    links = links.assign(
        channel=links["channel"].map(as_label), participant_id=links["participant_id"].map(as_label)
    ).dropna()
    links = links.assign(pos=links["participant_id"].map(pos)).dropna()
    out = {}
    for channel, group in links.groupby("channel", sort=True):
        mask = np.zeros(len(participants), dtype=bool)
        mask[group["pos"].astype(np.int64).to_numpy()] = True
        out[str(channel)] = mask
    return out, None


def channel_advice(
    suspects: pd.DataFrame,
    channel_cells: dict[str, pd.DataFrame],
    channel_sizes: dict[str, int],
    channel_known: dict[tuple[str, str], int],
    s: Settings,
    min_factor: float,
) -> pd.DataFrame:
    rows = []
    k = s.min_cell_size or 1
    alpha = 1 - s.confidence
    for row in suspects.itertuples():
        dim, cat = row.dimension, row.category
        outreach = _outreach_kind(dim, cat)
        options = []
        for channel, cells in channel_cells.items():
            hit = cells[(cells["dimension"] == dim) & (cells["category"] == cat)]
            if hit.empty:
                continue
            cell = hit.iloc[0]
            options.append((channel, cell))
        eligible = [
            (c, cell)
            for c, cell in options
            if not cell["suppressed"] and pd.notna(cell["n"]) and cell["n"] >= k and np.isfinite(cell["ratio"])
        ]
        best = max(eligible, key=lambda o: o[1]["ratio"]) if eligible else None
        advice = None
        if best is not None and len(options) > 1:
            best_channel, best_cell = best
            others = [o for o in options if o[0] != best_channel]
            largest = max(others, key=lambda o: channel_sizes[o[0]])
            if channel_sizes[best_channel] >= channel_sizes[largest[0]]:

                def worst_key(o):
                    return o[1]["ratio"] if np.isfinite(o[1]["ratio"]) else o[1]["ratio_high"]

                compared = min(others, key=lambda o: worst_key(o) if np.isfinite(worst_key(o)) else np.inf)
            else:
                compared = largest
            other_channel, other_cell = compared
            n_b, total_b = int(best_cell["n"]), channel_known[(best_channel, dim)]
            total_o = channel_known[(other_channel, dim)]
            pi = float(best_cell["population_share"])
            at_least = bool(other_cell["suppressed"])
            if at_least:
                if pd.isna(other_cell["ratio_high"]):  # secondary suppression: nothing can be said
                    compared = None
                n_o = k - 1  # the most it can be: gives a conservative test and a lower bound on the factor
                other_ratio = (k - 1) / total_o / pi
            else:
                n_o = int(other_cell["n"])
                other_ratio = float(other_cell["ratio"])
            if compared is not None:
                _, p = stats.fisher_exact([[n_b, total_b - n_b], [n_o, total_o - n_o]], alternative="greater")
                factor = float(best_cell["ratio"]) / other_ratio if other_ratio > 0 else np.inf
                if p < alpha and factor >= min_factor:
                    advice = {
                        "dimension": dim,
                        "category": cat,
                        "kind": "channel",
                        "best_channel": best_channel,
                        "best_ratio": float(best_cell["ratio"]),
                        "compared_channel": other_channel,
                        "compared_ratio": other_ratio,
                        "factor": factor,
                        "at_least": at_least,
                        "p_value": float(p),
                        "outreach": outreach,
                    }
        if advice is None:
            best_channel = best[0] if best is not None else ""
            best_ratio = float(best[1]["ratio"]) if best is not None else np.nan
            # A channel that reaches the group reasonably, without a significant difference from the others,
            # is still worth naming; otherwise the advice is to seek the group out.
            kind = "best_channel" if best is not None and best_ratio >= s.ratio_threshold else "outreach"
            advice = {
                "dimension": dim,
                "category": cat,
                "kind": kind,
                "best_channel": best_channel,
                "best_ratio": best_ratio,
                "compared_channel": "",
                "compared_ratio": np.nan,
                "factor": np.nan,
                "at_least": False,
                "p_value": np.nan,
                "outreach": outreach,
            }
        rows.append(advice)
    return typed_frame(rows, ADVICE_COLUMNS)
