"""The kompas table: one row per opgave, ranked by how many participants raise it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..io.dataset import author_ids
from ..sentiment import label as sentiment_label
from ..text.cleaning import as_text
from .advice import advised_level, participation_advice

__all__ = ["build_kompas"]


def _share(mask: pd.Series) -> float:
    """Share of True in a mask; NaN (not 0) for an opgave without inputs, so no tone is claimed for it."""
    return float(mask.mean()) if len(mask) else np.nan


def _examples(frame: pd.DataFrame, order, n: int, language: str, shown: list[str] = ()) -> list[str]:
    """Up to `n` distinct redacted quotes from `frame` in the given order (longest informative first), none of
    those already `shown` elsewhere on the opgave's card (an offer is often appreciation too)."""
    quotes, seen = [], {q.lower() for q in shown}
    for text in frame.sort_values(order[0], ascending=order[1], kind="stable")["text"]:
        quote = as_text(text).strip()  # redacted by the pipeline's privacy layer before any analysis
        quote = quote if len(quote) <= 400 else quote[:397].rstrip() + "…"
        if len(quote) < 15 or quote.lower() in seen:
            continue
        seen.add(quote.lower())
        quotes.append(quote)
        if len(quotes) == n:
            break
    return quotes


def build_kompas(
    inputs: pd.DataFrame,
    themes: pd.DataFrame,
    level_of,
    language: str = "nl",
    n_examples: int = 3,
    min_participants: int = 10,
) -> pd.DataFrame:
    """One row per opgave, ranked by the number of participants who raise it.

    `inputs` needs theme_id, text, sentiment and offers_help (participant_id optional: without it, each input
    counts as one participant). `themes` is ThemeModel.themes_. `level_of(opgave)` gives the participation
    level the council chose. Inputs without a theme (-1) are left out of the ranking, not of the counts. Every
    theme is a row, also one without inputs (an opgave the council named that nobody raised: 0 and no tone).
    """
    frame = inputs.copy()
    frame["person"] = author_ids(frame)
    frame["tone"] = sentiment_label(frame["sentiment"])  # the scorer's calibrated neutral zone scores exactly 0
    n_people = max(frame["person"].nunique(), 1)
    rows = []
    groups = dict(tuple(frame[frame["theme_id"] >= 0].groupby("theme_id")))
    for theme_id, meta in themes.iterrows():
        # Every theme, also one nobody raised: an opgave the council named with 0 inputs is a finding.
        group = groups.get(theme_id, frame.iloc[:0])
        people = group["person"].nunique()
        offers = group.loc[group["offers_help"], "person"].nunique()
        share_negative = _share(group["tone"] < 0)
        level = level_of(meta["name"])
        codes = participation_advice(level, people, offers / max(people, 1), share_negative, min_participants)
        offer_quotes = _examples(group[group["offers_help"]], ("sentiment", False), n_examples, language)
        rows.append(
            {
                "theme_id": int(theme_id),
                "opgave": meta["name"],
                "n_inputs": len(group),
                "n_participants": people,
                "share_participants": people / n_people,
                "sentiment_mean": float(group["sentiment"].mean()) if len(group) else np.nan,
                "share_negative": share_negative,
                "share_neutral": _share(group["tone"] == 0),
                "share_positive": _share(group["tone"] > 0),
                "n_offers": offers,
                "share_offers": offers / people if people else np.nan,
                "participation_level": level,
                "advice_codes": codes,
                "advised_level": advised_level(level, codes),
                "top_terms": list(meta["top_terms"])[:8],
                "concerns": _examples(group[group["tone"] < 0], ("sentiment", True), n_examples, language),
                "appreciation": _examples(
                    group[group["tone"] > 0], ("sentiment", False), n_examples, language, shown=offer_quotes
                ),
                "offers": offer_quotes,
            }
        )
    columns = [
        "theme_id",
        "opgave",
        "n_inputs",
        "n_participants",
        "share_participants",
        "sentiment_mean",
        "share_negative",
        "share_neutral",
        "share_positive",
        "n_offers",
        "share_offers",
        "participation_level",
        "advice_codes",
        "advised_level",
        "top_terms",
        "concerns",
        "appreciation",
        "offers",
    ]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(
        ["n_participants", "n_inputs", "opgave"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)
