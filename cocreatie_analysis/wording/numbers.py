"""Numbers as a Dutch (or English) reader expects them: decimal comma, thousands dot, "3×", "12%".

One place for every number format in reports, tables and sentences.
"""

from __future__ import annotations

import numpy as np

__all__ = ["format_number", "format_pct", "format_times"]


def format_number(x: float, decimals: int, language: str) -> str:
    text = f"{x:.{decimals}f}"
    return text.replace(".", ",") if language == "nl" else text


def format_times(x: float, language: str) -> str:
    """A factor as people read it: 3 (not 3.0), 2,5, 12."""
    if not np.isfinite(x):
        return "∞"
    text = format_number(x, 0 if x >= 10 else 1, language)
    return text[:-2] if text.endswith((",0", ".0")) else text


def format_pct(share: float, language: str) -> str:
    pct = 100 * share
    return format_number(pct, 1 if 0 < pct < 1 else 0, language) + "%"
