"""Per-text work done once per distinct text and spread back over its copies.

Resident input repeats itself (a petition text copied by hundreds, "Eens!", one answer sent through two
channels), and at a million inputs the per-text rules (redaction, sentiment, offers) are most of the run
time. Each of them depends on the text alone, so doing it once per distinct text gives exactly the same
result. Missing values (None, NaN) count as the empty text, as `as_text` reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from .cleaning import as_text

__all__ = ["distinct_texts", "per_distinct"]


def distinct_texts(texts) -> tuple[np.ndarray, list[str]]:
    """(codes, distinct): the distinct texts in order of first appearance, and for every input the index of
    its text among them (`distinct[codes[i]]` is input i as text)."""
    values = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype=object)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    distinct = [as_text(v) for v in uniques]
    if (codes < 0).any():  # missing values: the empty text
        codes = np.where(codes < 0, len(distinct), codes)
        distinct.append("")
    return codes, distinct


def per_distinct(function: Callable[[list[str]], Sequence], texts) -> np.ndarray:
    """`function(texts)` (one result per text) computed on the distinct texts only, aligned with `texts`."""
    codes, distinct = distinct_texts(texts)
    results = function(distinct)
    if not isinstance(results, np.ndarray):
        values = np.empty(len(results), dtype=object)
        values[:] = results
        results = values
    return results[codes]
