"""The 'In het kort' sentences: traceable to the tables, and in words a reader understands."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cocreatie_analysis.pipeline import load_results
from cocreatie_analysis.wording.summary import kompas_summary


def _with_suspects(processed_root, rows):
    tables = dict(load_results(processed_root / "havenstede").tables)
    suspects = pd.DataFrame(rows, columns=["dimension", "category", "kind", "times_less"])
    tables["reach_unusual_suspects"] = suspects
    tables["reach_channel_advice"] = None
    return tables


def test_summary_names_groups_reached_less_with_how_much_less(processed_root):
    tables = load_results(processed_root / "havenstede").tables
    suspects = tables["reach_unusual_suspects"]
    text = " ".join(kompas_summary(tables, "nl", 10))
    first = suspects.iloc[0]
    assert f"({first.times_less:.1f}× minder)".replace(".", ",") in text


def test_summary_says_nobody_reached_and_at_least_instead_of_infinity(processed_root):
    rows = [
        ("origin", "Europa", "absent", np.inf),
        ("age_group", "15-24", "hidden", 3.0),
        ("gender", "man", "ratio", 2.5),
    ]
    nl = " ".join(kompas_summary(_with_suspects(processed_root, rows), "nl", 10))
    assert "∞" not in nl
    assert "(niemand bereikt)" in nl and "(ten minste 3× minder)" in nl and "(2,5× minder)" in nl
    en = " ".join(kompas_summary(_with_suspects(processed_root, rows), "en", 10))
    assert "(nobody reached)" in en and "(at least 3× less)" in en and "(2.5× less)" in en
