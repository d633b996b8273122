"""Values as people type them: numbers, dates, ages and age bands, identifiers.

One parser per kind of value, used by the readers, the population table, the CBS importer and reach alike, so
"12.345", "2-3-2026" or "45 jaar" mean the same everywhere. A value that cannot be read gets its reason in
plain words, so a message can say what is wrong with it.

Numbers are read by Dutch rules, with English exports understood where they cannot be mistaken:

* spaces (also non-breaking and thin ones) between digit groups are thousands separators: "12 345";
* with both "." and ",", the last one is the decimal separator: "1.234,5" and "1,234.5" are 1234.5;
* a "." followed by exactly three digits (groups of three, not starting with 0) is a Dutch thousands
  separator: "44.949" is 44949, "1.234.567" is 1234567; any other single "." is a decimal point ("4.5");
* a single "," is a Dutch decimal comma ("4,8", "1234,5", "0,125"), except in "44,949": one to three digits,
  a comma and exactly three digits read 44949 in English and 44,949 in Dutch, so such a value is refused
  with that explanation; several commas in groups of three ("1,234,567") can only be English thousands.

Dates are ISO (2026-03-02, with or without a time) or day first (2-3-2026, 02/03/26): a date is never read
month first, so "12-31-2024" is named ("there is no month 31") rather than silently turned into 31 December.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..vocabulary import MISSING_ID_WORDS, impossible_day

__all__ = [
    "MAX_AGE", "date_problem", "missing_ids", "normalise_ids", "parse_age", "parse_age_band", "parse_dates",
    "parse_decimal_comma", "parse_number", "read_number",
]  # fmt: skip

MAX_AGE = 120
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]")
_SIGN = re.compile(r"^[-+\u2212]")
_DOT_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$")
_COMMA_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(,\d{3}){2,}$")
_AMBIGUOUS_COMMA = re.compile(r"^[1-9]\d{0,2},\d{3}$")
_BOTH = re.compile(r"^(?P<int>[1-9]\d{0,2}(?:(?P<sep>[.,])\d{3})+)(?P<dec>[.,])(?P<frac>\d+)$")
_NUMBER = re.compile(r"(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")
_SIGNED_NUMBER = re.compile(r"[-+]?" + _NUMBER.pattern)
_AGE_NUMBER = re.compile(r"^\s*(\d{1,3}(?:[.,]\d+)?)\s*(?:jaar|jr\.?|years?)?\s*$", re.IGNORECASE)
_AGE_RANGE = re.compile(
    r"^\s*(\d{1,3})\s*(?:-|–|—|tot en met|t/m|to)\s*(\d{1,3})\s*(?:jaar|years?)?\s*$", re.IGNORECASE
)
_AGE_PLUS = re.compile(r"^\s*(\d{1,3})\s*(?:\+|plus|jaar (?:of|en) ouder|years? (?:and|or) older)\s*$", re.IGNORECASE)
# Dates written with digits only: year first (ISO, also with / or .) or day first; the rest is a time.
_YEAR_FIRST = r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:[T ]\s*(?P<time>.*))?$"
_COMPACT = r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:[T ]\s*(?P<time>.*))?$"
_DAY_FIRST = r"^(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4}|\d{2})(?:[T ]\s*(?P<time>.*))?$"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|[T ])")
_DATE_FORMS = "2026-03-02 or 2-3-2026 (day first)"


def read_number(value) -> tuple[float | None, str | None]:
    """A value as a number by the module's rules: (number, None), or (None, why not in plain words)."""
    if isinstance(value, bool | np.bool_):
        return None, f"'{value}' is not a number"
    if isinstance(value, int | float | np.integer | np.floating):
        return (float(value), None) if np.isfinite(value) else (None, f"'{value}' is not a number")
    raw = str(value).strip()
    text = _SPACES.sub("", raw)
    sign = ""
    if _SIGN.match(text):
        sign, text = ("-" if text[0] != "+" else ""), text[1:]
    both = _BOTH.match(text)
    if both and both.group("sep") != both.group("dec"):
        text = both.group("int").replace(both.group("sep"), "") + "." + both.group("frac")
    elif "," in text and "." in text:
        return None, f"'{raw}' is not a number: it mixes '.' and ',' in a way neither Dutch nor English writes"
    elif _DOT_THOUSANDS.match(text):
        text = text.replace(".", "")
    elif _AMBIGUOUS_COMMA.match(text):
        whole, lower = text.replace(",", ""), int(text.split(",")[0])
        return None, (
            f"'{raw}' is ambiguous: with a Dutch decimal comma it lies between {lower} and {lower + 1}, with an "
            f"English thousands separator it is {whole}; write {whole} (or {text.replace(',', '.')}) for the "
            "whole number, or fewer decimals for the fraction"
        )
    elif _COMMA_THOUSANDS.match(text):
        text = text.replace(",", "")
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    if not _NUMBER.fullmatch(text):
        return None, f"'{raw}' is not a number" if raw else "empty"
    return float(sign + text), None


def parse_decimal_comma(value) -> float | None:
    """A number as CBS StatLine writes it: a decimal comma and no thousands separator ("17942942", "4,8",
    "-12"; "1.234,5" from a spreadsheet too); None when it is not one. StatLine's own convention, so "44,949"
    there is 44.949 and a dot alone ("1.234") is refused as ambiguous."""
    text = _SPACES.sub("", str(value))
    if "." in text:
        return read_number(text)[0] if text.count(",") == 1 else None
    text = text.replace(",", ".", 1).replace("\u2212", "-")
    return float(text) if "," not in text and _SIGNED_NUMBER.fullmatch(text) else None


def parse_number(value) -> float | None:
    """A number as Dutch files write it ("12345", "12.345", "4,8", "1.234,5", "12 345"; see the module's rules).

    None when the value is not a number or is ambiguous ("44,949"); `read_number` says why.
    """
    return read_number(value)[0]


def parse_age(value) -> float | None:
    """A value as an age in years (37, 37.5, "37", "37,5", "37 jaar"); None when it is not a number."""
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        return float(value) if np.isfinite(value) else None
    m = _AGE_NUMBER.match(str(value))
    return parse_number(m.group(1)) if m else None


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


def _numeric_dates(text: pd.Series) -> pd.DataFrame:
    """Year, month, day and time of the values written with digits only (NaN where a value is not)."""
    parts = text.str.extract(_YEAR_FIRST)
    for form in (_COMPACT, _DAY_FIRST):
        parts = parts.where(parts["y"].notna(), text.str.extract(form)[parts.columns])
    short = parts["y"].str.len() == 2
    if short.any():  # "2-3-26": 26 is 2026, 70 is 1970 (as strptime's %y)
        years = parts.loc[short, "y"].astype(int)
        parts.loc[short, "y"] = (years + np.where(years < 69, 2000, 1900)).astype(str)
    return parts


def _naive_ns(parsed: pd.Series) -> pd.Series:
    """UTC timestamps as zone-less nanosecond timestamps; years outside what that holds (1678-2261) are NaT."""
    naive = parsed.dt.tz_convert(None)
    return naive.where(naive.between(pd.Timestamp.min, pd.Timestamp.max)).astype("datetime64[ns]")


def parse_dates(values: pd.Series) -> pd.Series:
    """Dates as people export them: ISO (2026-03-02, with or without time and zone) or day first (2-3-2026).

    Dates in digits are read year first (also 20260302) or day first, never month first; dates with a month
    name ("2 March 2026") are left to pandas, day first. Impossible and unreadable values become NaT (`date_problem`
    says why).
    """
    text = values.astype("string").str.strip()
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    iso = text.str.match(_ISO_DATE).fillna(False).astype(bool)  # the common case, parsed without regex groups
    rest = ~iso & text.notna()
    parts = _numeric_dates(text[rest])
    numeric = pd.Series(False, index=values.index)
    numeric[rest] = parts["y"].notna()
    iso_text = text[iso]
    if numeric.any():
        p = parts[parts["y"].notna()]
        written = p["y"] + "-" + p["m"].str.zfill(2) + "-" + p["d"].str.zfill(2)
        timed = p["time"].notna() & (p["time"] != "")
        iso_text = pd.concat([iso_text, written.where(~timed, written + "T" + p["time"])])
    # utc=True accepts time-zone offsets (Pol.is exports "…Z"); times are then kept as UTC without a zone
    if len(iso_text):
        parsed = pd.to_datetime(iso_text, errors="coerce", format="ISO8601", utc=True)
        result[parsed.index] = _naive_ns(parsed)
    other = rest & ~numeric & text.str.contains(r"[^\W\d_]", regex=True).fillna(False).astype(bool)
    if other.any():
        parsed = pd.to_datetime(text[other], errors="coerce", dayfirst=True, format="mixed", utc=True)
        result[other] = _naive_ns(parsed)
    return result


def date_problem(value) -> str:
    """Why `value` is not a date `parse_dates` reads, in plain words: what is impossible about it ("February
    2024 has 29 days", "there is no month 13"), or how to write a date."""
    text = str(value).strip()
    parts = _numeric_dates(pd.Series([text], dtype="string")).iloc[0]
    if pd.isna(parts["y"]):
        return f"write it as {_DATE_FORMS}"
    year = int(parts["y"])
    reason = impossible_day(year, int(parts["m"]), int(parts["d"]))
    if reason:
        return f"{reason}; dates are read as {_DATE_FORMS}"
    if pd.isna(parts["time"]) or not parts["time"]:
        return f"year {year} is outside the years this tool reads (1678 to 2261)"
    return "the time after the date is not a time of day (write it as 14:30 or 14:30:00)"


def missing_ids(ids: pd.Series) -> pd.Series:
    """True where an identifier column holds a word for "no value" ("NA", "NaN", "null", "-", "n.v.t.")."""
    return ids.astype("string").str.strip().str.lower().isin(MISSING_ID_WORDS).fillna(False).astype(bool)


def normalise_ids(frame: pd.DataFrame) -> pd.DataFrame:
    """Ids as text, with Excel's "12.0" for 12 turned back into "12", so tables match each other."""
    for column in frame.columns:
        if column.endswith("_id"):
            frame[column] = frame[column].str.replace(r"^(-?\d+)\.0+$", r"\1", regex=True)
    return frame
