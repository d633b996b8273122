"""Coöperatie candidates: opgaven where enough residents offer help, who they are and what they offer.

The co-creation approach looks for opgaven a maatschappelijke coöperatie of residents could carry. An opgave
is a candidate when at least `min_offers` participants offer help with it (`kompas.cooperative_min_offers`
in gemeente.yaml). Per candidate the table gives how many offer, what kind of help (meedenken, organiseren,
uitvoeren, ruimte_middelen: participants per kind), and the mix of those offering per target-group dimension
(wijk, age band, …). The mix shows groups of people, so every cell goes through the package's one suppression
rule (`privacy.suppress`): each dimension of an opgave is a line whose total (`n_offers`) is published, and
people without a value for the dimension are a never-shown cell of that line, so nothing small can be shown
or recovered by subtraction. `offer_list` is the full list of offers for the workbook: opgave, kind and the
redacted quote, nothing about the person.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..io.dataset import author_ids
from ..privacy import suppress
from ..text.cleaning import as_text
from .offers import KINDS

__all__ = ["DESCRIPTION_CODES", "HIDDEN_CATEGORY", "MISSING_CATEGORY", "build_cooperatives", "offer_list"]

# What a candidate still lacks, for the wording: a coöperatie needs someone to take the lead.
DESCRIPTION_CODES = ("with_organisers", "needs_organiser")
MISSING_CATEGORY = "onbekend"  # participants without a value for a dimension: never a cell of their own
HIDDEN_CATEGORY = ""  # the mix's one entry per dimension for every hidden cell together


def _offering(inputs: pd.DataFrame) -> pd.DataFrame:
    """The inputs that hold an offer, with the person who wrote them, the opgave and the kind."""
    frame = inputs.loc[inputs["offers_help"] & (inputs["theme_id"] >= 0)].copy()
    frame["person"] = author_ids(inputs)[frame.index]
    kinds = frame["offer_kind"] if "offer_kind" in frame.columns else pd.Series(pd.NA, index=frame.index)
    frame["kind"] = kinds.astype("string")
    return frame


def _mix(people: pd.Index, participants: pd.DataFrame | None, dimensions: list[str], min_cell_size: int):
    """(dimension, category, n) per shown category over the given people, and per dimension with hidden cells
    one entry (HIDDEN_CATEGORY, NaN) for all of them together. Hidden categories are not named: a named
    category with a hidden count would still say that someone of that group offered help. Fewer people than
    `min_cell_size` in all: no mix (every cell would be small)."""
    out_dimension, out_category, out_n = [], [], []
    if participants is None or not dimensions or len(people) < min_cell_size:
        return out_dimension, out_category, out_n
    table = participants.drop_duplicates("participant_id").set_index("participant_id")
    for dimension in dimensions:
        values = table[dimension].reindex(people).astype("string").fillna(MISSING_CATEGORY)
        counts = values.value_counts(sort=False).sort_index()
        never_shown = counts.index == MISSING_CATEGORY
        hidden = suppress(counts.to_numpy(), None, min_cell_size, never_shown=never_shown)
        for (category, n), is_hidden in zip(counts.items(), hidden):
            if not is_hidden and category != MISSING_CATEGORY:
                out_dimension.append(dimension)
                out_category.append(str(category))
                out_n.append(float(n))
        if hidden.any():  # together 0 or at least min_cell_size people, by the rule; their number is not shown
            out_dimension.append(dimension)
            out_category.append(HIDDEN_CATEGORY)
            out_n.append(np.nan)
    return out_dimension, out_category, out_n


def build_cooperatives(
    inputs: pd.DataFrame,
    participants: pd.DataFrame | None,
    dimensions: list[str],
    min_offers: int,
    min_cell_size: int,
) -> pd.DataFrame:
    """One row per opgave with at least `min_offers` participants offering help, most offers first.

    `inputs` needs theme_id, theme, offers_help and offer_kind (participant_id optional: without it each input
    is one participant, and there is no mix). `participants` holds the target-group dimensions by
    participant_id. Columns: theme_id, opgave, n_offers, share_offers (of the opgave's participants),
    n_<kind> per kind (participants offering that kind), mix_dimension, mix_category, mix_n (parallel lists:
    the shown categories, plus per dimension one HIDDEN_CATEGORY entry with NaN for the cells the suppression
    rule hides) and description_code (`DESCRIPTION_CODES`).
    """
    person = author_ids(inputs)
    raised = person[inputs["theme_id"] >= 0].groupby(inputs.loc[inputs["theme_id"] >= 0, "theme_id"]).nunique()
    offering = _offering(inputs)
    linked = participants is not None and "participant_id" in inputs.columns
    rows = []
    for theme_id, group in offering.groupby("theme_id", sort=True):
        people = pd.Index(group["person"].unique())
        if len(people) < min_offers:
            continue
        per_kind = {kind: int(group.loc[group["kind"] == kind, "person"].nunique()) for kind in KINDS}
        mix = _mix(people, participants if linked else None, dimensions, min_cell_size)
        rows.append(
            {
                "theme_id": int(theme_id),
                "opgave": str(group["theme"].iloc[0]),
                "n_offers": len(people),
                "share_offers": len(people) / max(int(raised.get(theme_id, 0)), 1),
                **{f"n_{kind}": n for kind, n in per_kind.items()},
                "mix_dimension": mix[0],
                "mix_category": mix[1],
                "mix_n": mix[2],
                "description_code": DESCRIPTION_CODES[0] if per_kind["organiseren"] else DESCRIPTION_CODES[1],
            }
        )
    columns = [
        "theme_id",
        "opgave",
        "n_offers",
        "share_offers",
        *(f"n_{kind}" for kind in KINDS),
        "mix_dimension",
        "mix_category",
        "mix_n",
        "description_code",
    ]
    table = pd.DataFrame(rows, columns=columns)
    table = table.astype({c: "int64" for c in ["theme_id", "n_offers", *(f"n_{k}" for k in KINDS)]})
    return table.sort_values(["n_offers", "opgave"], ascending=[False, True], kind="stable").reset_index(drop=True)


def offer_list(inputs: pd.DataFrame) -> pd.DataFrame:
    """Every offer with an opgave: opgave, kind and the quote (redacted by the pipeline before any analysis).

    Nothing about the person (no participant id, wijk or other attribute), so the list can be shared whole.
    """
    frame = _offering(inputs)
    table = pd.DataFrame(
        {
            "theme_id": frame["theme_id"].astype("int64").to_numpy(),
            "opgave": frame["theme"].astype(str).to_numpy(),
            "kind": frame["kind"].to_numpy(),
            "quote": [as_text(t).strip() for t in frame["text"]],
        }
    )
    table["kind"] = table["kind"].astype("string")
    return table.sort_values(["opgave", "kind"], kind="stable").reset_index(drop=True)
