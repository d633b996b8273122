"""Ages: participants' numeric ages or age groups put into the population's age bands.

`harmonise_age` derives ``age_group`` from a numeric ``age`` column using the population's age bands
(``"15-24"`` = 15 up to and including 24, ``"65+"``). Ages are rounded down to whole years. Ages outside every
band (for example 12 when the bands start at 15) and invalid ages (not a number, below 0 or above 120) become
unknown and are reported. Numbers found in an ``age_group`` column are binned the same way.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..errors import UserError
from ..io.values import MAX_AGE, parse_age, parse_age_band
from .issues import Issue, emit
from .population import as_label, normalise_label, population_margins

__all__ = ["AGE", "age_bands", "harmonise_age", "harmonise_age_with_issues"]

AGE = "age_group"

# What a value in an age column turned out to be.
_MISSING, _BAND, _BINNED, _OUTSIDE, _OUT_OF_RANGE, _NOT_A_NUMBER = range(6)


# --------------------------------------------------------------------------------------------- ages
def age_bands(population: pd.DataFrame | dict) -> list[tuple[str, int, float]] | None:
    """(label, lo, hi_inclusive) of the population's age bands; None when it has no age_group dimension."""
    margins = population if isinstance(population, dict) else population_margins(population)[0]
    labels: list[str] = []
    for margin in margins.values():
        if AGE in margin.components:
            j = margin.components.index(AGE)
            labels.extend(p[j] for p in margin.parts)
    labels = list(dict.fromkeys(labels))
    if not labels:
        return None
    bands, bad = [], []
    for label in labels:
        band = parse_age_band(label)
        if band is None:
            bad.append(label)
        else:
            bands.append((label, band[0], math.inf if band[1] is None else band[1]))
    if bad:
        raise UserError(
            f"population table: age_group categories {', '.join(map(repr, bad))} are not age bands "
            "like '15-24' or '65+'; numeric ages cannot be put into groups"
        )
    bands.sort(key=lambda b: b[1])
    for (l1, _, h1), (l2, lo2, _) in zip(bands, bands[1:]):
        if lo2 <= h1:
            raise UserError(f"population table: age bands {l1!r} and {l2!r} overlap")
    return bands


def _classify_ages(values: pd.Series, bands) -> tuple[np.ndarray, np.ndarray]:
    """Per value: the age band label (or the value itself) and its kind. Works on the unique values only."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    by_norm = {normalise_label(b[0]): b[0] for b in bands}
    los = np.array([b[1] for b in bands], dtype=float)
    his = np.array([b[2] for b in bands], dtype=float)
    labels = np.full(len(uniques) + 1, None, dtype=object)  # last slot: pandas' NA sentinel -1
    kinds = np.full(len(uniques) + 1, _MISSING, dtype=np.int8)
    for j, u in enumerate(uniques):
        label = as_label(u)
        if label is None:
            continue
        if normalise_label(label) in by_norm:
            labels[j], kinds[j] = label, _BAND
            continue
        age = parse_age(u)
        if age is None:
            labels[j], kinds[j] = label, _NOT_A_NUMBER
            continue
        whole = math.floor(age)
        if whole < 0 or whole > MAX_AGE:
            kinds[j] = _OUT_OF_RANGE
            continue
        i = int(np.searchsorted(los, whole, side="right")) - 1
        if i >= 0 and whole <= his[i]:
            labels[j], kinds[j] = bands[i][0], _BINNED
        else:
            kinds[j] = _OUTSIDE
    return labels[codes], kinds[codes]


def harmonise_age_with_issues(participants: pd.DataFrame, population) -> tuple[pd.DataFrame, list[Issue]]:
    has_group = AGE in participants.columns and participants[AGE].notna().any()
    has_age = "age" in participants.columns
    if not has_group and not has_age:
        return participants, []
    bands = age_bands(population)
    if bands is None:
        return participants, []
    n = len(participants)
    result = np.full(n, None, dtype=object)
    kind = np.full(n, _MISSING, dtype=np.int8)
    from_numbers = 0
    if has_group:
        result, kind = _classify_ages(participants[AGE], bands)
        numbers = np.isin(kind, (_BINNED, _OUTSIDE, _OUT_OF_RANGE))
        from_numbers = int(numbers.sum())
        # Anything else that is not a band is kept; it is reported later as an unknown category.
        kind = np.where(kind == _NOT_A_NUMBER, _BAND, kind)
    fill = (kind == _MISSING) if has_age else np.zeros(n, dtype=bool)
    if fill.any():
        labels, kinds = _classify_ages(participants["age"], bands)
        result = np.where(fill, labels, result)
        kind = np.where(fill, kinds, kind)
    issues: list[Issue] = []
    if from_numbers:
        issues.append(Issue("age_from_numbers", AGE, n=from_numbers))
    invalid = int(np.isin(kind, (_OUT_OF_RANGE, _NOT_A_NUMBER)).sum())
    if invalid:
        issues.append(Issue("age_invalid", AGE, n=invalid))
    outside = int((kind == _OUTSIDE).sum())
    if outside:
        issues.append(Issue("age_outside_bands", AGE, n=outside, params={"bands": ", ".join(b[0] for b in bands)}))
    if not from_numbers and not (fill & (kind != _MISSING)).any() and not invalid and not outside:
        return participants, issues  # nothing to change: age_group already holds the bands
    out = participants.copy()
    out[AGE] = pd.Series(np.where(np.isin(kind, (_BAND, _BINNED)), result, None), index=participants.index, dtype="str")
    return out, issues


def harmonise_age(participants: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Participants with an ``age_group`` that uses the population's age bands.

    * ``age_group`` already present with band labels: returned unchanged.
    * Numeric ``age`` (or numbers, also "45 jaar", inside ``age_group``): binned into the population's
      ``age_group`` bands (labels "a-b" inclusive or "a+"; from the single dimension or any joint one). Ages are
      rounded down to whole years. Ages outside every band and invalid ages (not a number, below 0, above 120)
      become NaN, i.e. unknown for the reach analysis; a :class:`ReachWarning` says how many.
    * An ``age`` value that is itself a band label ("15-24") is taken as that band.
    * No age information, or no age_group dimension in the population: returned unchanged.

    Raises ValueError when the population's age_group categories are not age bands or overlap.
    """
    out, issues = harmonise_age_with_issues(participants, population)
    emit(issues)
    return out
