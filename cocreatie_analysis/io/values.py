"""Values as people type them: numbers, dates, ages and age bands, identifiers.

One parser per kind of value, used by the readers, the population table, the CBS importer and reach alike, so
"12.345", "2-3-2026" or "45 jaar" mean the same everywhere.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["MAX_AGE", "normalise_ids", "parse_age", "parse_age_band", "parse_dates", "parse_number"]

MAX_AGE = 120
_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")
_AGE_NUMBER = re.compile(r"^\s*(\d{1,3}(?:[.,]\d+)?)\s*(?:jaar|jr\.?|years?)?\s*$", re.IGNORECASE)
_AGE_RANGE = re.compile(
    r"^\s*(\d{1,3})\s*(?:-|–|—|tot en met|t/m|to)\s*(\d{1,3})\s*(?:jaar|years?)?\s*$", re.IGNORECASE
)
_AGE_PLUS = re.compile(r"^\s*(\d{1,3})\s*(?:\+|plus|jaar (?:of|en) ouder|years? (?:and|or) older)\s*$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def parse_number(value) -> float | None:
    """A number as Dutch files write it: "12345", "12.345" (thousands), "4,8", "1.234,5", "12 345".

    None when the value is not a number.
    """
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if _THOUSANDS.match(text) or ("," in text and "." in text):
        text = text.replace(".", "")
    text = text.replace(",", ".")
    return float(text) if _NUMBER.fullmatch(text) else None


def parse_age(value) -> float | None:
    """A value as an age in years (37, 37.5, "37", "37,5", "37 jaar"); None when it is not a number."""
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        return float(value) if np.isfinite(value) else None
    m = _AGE_NUMBER.match(str(value))
    return float(m.group(1).replace(",", ".")) if m else None


def parse_age_band(label) -> tuple[int, int | None] | None:
    """``"15-24"`` -> (15, 24) (inclusive), ``"65+"`` -> (65, None); None when the label is not an age band."""
    if not isinstance(label, str):
        return None
    m = _AGE_RANGE.match(label)
    if m:
        lo, hi = int(m.group(1)), int(m.group(2))
        return (lo, hi) if lo <= hi else None
    m = _AGE_PLUS.match(label)
    return (int(m.group(1)), None) if m else None


def parse_dates(values: pd.Series) -> pd.Series:
    """Dates as people export them: ISO (2026-03-02, with or without time) or Dutch day-first (2-3-2026).

    ISO values are parsed as ISO; only the others day-first, because `dayfirst` would swap month and day in
    an ISO date. Unparseable values become NaT.
    """
    text = values.astype("string").str.strip()
    iso = text.str.match(_ISO_DATE).fillna(False).astype(bool)
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    # utc=True accepts time-zone offsets (Pol.is exports "…Z"); times are then kept as UTC without a zone
    if iso.any():
        parsed = pd.to_datetime(text[iso], errors="coerce", format="ISO8601", utc=True)
        result[iso] = parsed.dt.tz_convert(None).astype("datetime64[ns]")
    other = ~iso & text.notna()
    if other.any():
        parsed = pd.to_datetime(text[other], errors="coerce", dayfirst=True, format="mixed", utc=True)
        result[other] = parsed.dt.tz_convert(None).astype("datetime64[ns]")
    return result


def normalise_ids(frame: pd.DataFrame) -> pd.DataFrame:
    """Ids as text, with Excel's "12.0" for 12 turned back into "12", so tables match each other."""
    for column in frame.columns:
        if column.endswith("_id"):
            frame[column] = frame[column].str.replace(r"^(-?\d+)\.0+$", r"\1", regex=True)
    return frame
