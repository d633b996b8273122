"""Numbers as a Dutch (or English) reader expects them: decimal comma, thousands dot, "3×", "12%".

One place for every number format in reports, tables and sentences.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["format_cell", "format_number", "format_pct", "format_times"]


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


def format_cell(value, kind: str = "text", language: str = "nl") -> str:
    """A table cell for a reader: percentages, ratios, p-values, whole numbers, yes/no; missing stays empty.

    Dutch uses a decimal comma and a thousands dot (0,25; 1.234), English the reverse.
    """
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    nl = language != "en"

    def number(text: str) -> str:
        return text.translate(str.maketrans(",.", ".,")) if nl else text

    if isinstance(value, bool | np.bool_):
        return ("ja" if value else "nee") if nl else ("yes" if value else "no")
    if kind == "pct":
        return number(f"{float(value):.0%}")
    if kind in ("ratio", "num"):
        return number(f"{float(value):,.2f}")
    if kind == "p":
        return number("< 0.001") if float(value) < 0.001 else number(f"{float(value):.3f}")
    if kind == "int":
        return number(f"{int(round(float(value))):,}")
    if kind == "list":
        return ", ".join(str(v) for v in value)
    if kind == "direction":
        return {"agree": "eens", "disagree": "oneens"}.get(str(value), str(value)) if nl else str(value)
    return str(value)
