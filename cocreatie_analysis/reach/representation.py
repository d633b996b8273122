"""Representation: per dimension and category, the participants' share against the population's share.

``n`` participants with a known value for the dimension (*N* in total), sample share ``p = n / N``, population
share ``pi = count / total``, ratio ``p / pi`` (1 = in proportion, 0.5 = reached half as often as their share).
``ratio_low``/``ratio_high`` is the Wilson score interval for ``p`` divided by ``pi`` (the population share is a
census figure and treated as known). ``p_value`` is the exact two-sided binomial test of ``n`` out of *N*
against ``pi``. ``under_represented`` is true when ``ratio_high < ratio_threshold``; these are the unusual
suspects. Per dimension: chi-square goodness of fit, Cohen's w, the dissimilarity index and R-indicators.
Small groups are suppressed by the package's one rule (`privacy`); see the package docstring for details.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..privacy import suppress
from ..stats import binomial_p_values, goodness_of_fit, wilson_interval, z_value
from .ages import harmonise_age_with_issues
from .issues import emit, typed_frame
from .population import (
    Coded,
    Margin,
    check_dimensions,
    code_participants,
    coding_issues,
    default_dimensions,
    population_margins,
    sample_issues,
)

__all__ = ["CELL_COLUMNS", "Settings", "TEST_COLUMNS", "representation", "representation_cells", "rest_parts_shown"]


@dataclass
class Settings:
    confidence: float = 0.95
    ratio_threshold: float = 0.67
    min_cell_size: int | None = None
    n_simulations: int = 20_000
    rng: np.random.Generator | None = None

    @property
    def z(self) -> float:
        return z_value(self.confidence)


CELL_COLUMNS = {
    "dimension": "str",
    "category": "str",
    "n": "Int64",
    "n_label": "str",
    "sample_share": "float64",
    "population_share": "float64",
    "population_count": "float64",
    "ratio": "float64",
    "ratio_low": "float64",
    "ratio_high": "float64",
    "p_value": "float64",
    "under_represented": "bool",
    "over_represented": "bool",
    "participation_rate": "float64",
    "partial_r": "float64",
    "partial_r_relative": "float64",
    "suppressed": "bool",
}


TEST_COLUMNS = {
    "dimension": "str",
    "n": "Int64",
    "n_missing": "Int64",
    "n_unknown": "Int64",
    "n_categories": "int64",
    "n_suppressed": "int64",
    "chi2": "float64",
    "df": "Int64",
    "p_value": "float64",
    "p_value_method": "str",
    "cohens_w": "float64",
    "effect_size": "str",
    "dissimilarity": "float64",
    "participation_rate": "float64",
    "r_indicator": "float64",
    "partial_r": "float64",
    "cv_participation": "float64",
}


EFFECT_SIZES = ("negligible", "small", "medium", "large")  # Cohen's w below 0.1, 0.3, 0.5, and above


def _wilson(n: np.ndarray, total: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    """Wilson interval for the share n / total."""
    total = np.asarray(total, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return wilson_interval(np.asarray(n, dtype=float) / total, total, z)


def _lines(margin: Margin, active: np.ndarray) -> list[np.ndarray]:
    """Index groups along which totals are known: the whole margin, and for joint margins every row/column."""
    idx = np.flatnonzero(active)
    lines = [idx]
    if len(margin.components) > 1:
        for j in range(len(margin.components)):
            groups: dict[tuple, list[int]] = {}
            for k in idx:
                parts = margin.parts[k]
                groups.setdefault(parts[:j] + parts[j + 1 :], []).append(k)
            lines.extend(np.array(g) for g in groups.values() if len(g) > 1)
    return lines


def representation_cells(
    margin: Margin, n_k: np.ndarray, s: Settings, coded: Coded | None = None
) -> tuple[pd.DataFrame, dict, bool]:
    """Representation rows of one margin (categories with population > 0) and its dimension statistics."""
    active = margin.counts > 0
    idx = np.flatnonzero(active)
    counts = margin.counts[idx]
    n = n_k[idx].astype(np.int64)
    pi = counts / counts.sum()
    total = int(n.sum())
    z = s.z
    with np.errstate(invalid="ignore", divide="ignore"):
        p = n / total if total else np.full(len(n), np.nan)
        low, high = _wilson(n, np.full(len(n), total), z)
        ratio, ratio_low, ratio_high = p / pi, low / pi, high / pi
        rho = total / counts.sum()
        rate = n / counts
    p_values = binomial_p_values(n, total, pi)
    k = s.min_cell_size
    primary = np.zeros(len(n), dtype=bool)
    secondary = np.zeros(len(n), dtype=bool)
    whole_hidden = False
    if k is not None and k > 1:
        if 0 < total < k:
            whole_hidden = True
            primary = n > 0
        else:
            primary = (n > 0) & (n < k)
            local = Margin(
                margin.dimension,
                margin.components,
                [margin.categories[i] for i in idx],
                counts,
                [margin.parts[i] for i in idx],
            )
            secondary = suppress(n, _lines(local, np.ones(len(n), dtype=bool)), k) & ~primary
    hidden = primary | secondary
    if primary.any() and not whole_hidden:
        # A conservative bound: the true count is at most k - 1, so its Wilson upper bound is at most this.
        _, bound = _wilson(np.full(len(n), k - 1), np.full(len(n), total), z)
        ratio_high = np.where(primary, bound / pi, ratio_high)
    if whole_hidden:  # even the interval of an empty category would reveal the small total
        ratio_high = np.full(len(n), np.nan)
    under = ratio_high < s.ratio_threshold
    over = ratio_low > 1 / s.ratio_threshold
    under = np.where(secondary | (whole_hidden & primary), False, under)
    over = np.where(hidden, False, over)
    partial = np.sqrt(pi) * (rate - rho)
    partial_rel = np.sqrt(pi) * (ratio - 1)
    n_label = np.array([str(v) for v in n], dtype=object)
    n_label[primary] = f"<{k}" if k else ""
    n_label[secondary] = "x"
    frame = pd.DataFrame(
        {
            "dimension": margin.dimension,
            "category": [margin.categories[i] for i in idx],
            "n": pd.array(n, dtype="Int64"),
            "n_label": n_label,
            "sample_share": p,
            "population_share": pi,
            "population_count": counts,
            "ratio": ratio,
            "ratio_low": ratio_low,
            "ratio_high": ratio_high,
            "p_value": p_values,
            "under_represented": under.astype(bool),
            "over_represented": over.astype(bool),
            "participation_rate": rate,
            "partial_r": partial,
            "partial_r_relative": partial_rel,
            "suppressed": hidden,
        }
    )
    if hidden.any():
        frame.loc[hidden, "n"] = pd.NA
        cols = [
            "sample_share",
            "ratio",
            "ratio_low",
            "p_value",
            "participation_rate",
            "partial_r",
            "partial_r_relative",
        ]
        frame.loc[hidden, cols] = np.nan
        frame.loc[secondary, "ratio_high"] = np.nan
    if whole_hidden:
        frame[
            [
                "ratio",
                "ratio_low",
                "ratio_high",
                "sample_share",
                "p_value",
                "participation_rate",
                "partial_r",
                "partial_r_relative",
            ]
        ] = np.nan
    frame = frame.astype(CELL_COLUMNS)

    # Dimension statistics: hidden categories pooled into one so they cannot be recovered.
    if hidden.any() and not whole_hidden:
        keep = ~hidden
        n_t = np.append(n[keep], n[hidden].sum())
        pi_t = np.append(pi[keep], pi[hidden].sum())
    else:
        n_t, pi_t = n, pi
    chi2, df, p_value, method = goodness_of_fit(n_t.astype(float), pi_t, s.n_simulations, s.rng)
    with np.errstate(invalid="ignore", divide="ignore"):
        share_t = n_t / total if total else np.full(len(n_t), np.nan)
        # rho_k = rho * share_k / pi_k, so S = rho * sqrt(sum (share - pi)^2 / pi) and CV = S / rho = w.
        sd = float(rho * np.sqrt(((share_t - pi_t) ** 2 / pi_t).sum())) if total else np.nan
        w = math.sqrt(chi2 / total) if total and np.isfinite(chi2) else np.nan
    parts_shown = coded is None or rest_parts_shown(coded, k)
    test = {
        "dimension": margin.dimension,
        "n": total,
        "n_missing": coded.n_missing if coded and parts_shown else None,
        "n_unknown": sum(coded.unknown.values()) + sum(coded.zero.values()) if coded and parts_shown else None,
        "n_categories": int(len(idx)),
        "n_suppressed": int(hidden.sum()),
        "chi2": chi2,
        "df": df,
        "p_value": p_value,
        "p_value_method": method,
        "cohens_w": w,
        "effect_size": _effect_size(w),
        "dissimilarity": float(0.5 * np.abs(share_t - pi_t).sum()) if total else np.nan,
        "participation_rate": rho if total else np.nan,
        "r_indicator": 1 - 2 * sd,
        "partial_r": sd,
        "cv_participation": sd / rho if total else np.nan,
    }
    if whole_hidden:
        test.update(
            {
                k_: np.nan
                for k_ in (
                    "chi2",
                    "p_value",
                    "cohens_w",
                    "dissimilarity",
                    "participation_rate",
                    "r_indicator",
                    "partial_r",
                    "cv_participation",
                )
            }
        )
        test.update({"n": None, "effect_size": "", "p_value_method": ""})
    return frame, test, method == "monte_carlo" and not whole_hidden


def rest_parts_shown(coded: Coded, min_cell_size: int | None) -> bool:
    """May the participants outside the population's categories be counted by kind (no value, each value the
    population lacks)? Only when no kind holds a small group: otherwise they are one pooled count, "unknown",
    and no table or warning splits it."""
    if not min_cell_size:
        return True
    parts = [coded.n_missing, *coded.unknown.values(), *coded.zero.values()]
    return all(p == 0 or p >= min_cell_size for p in parts)


def _effect_size(w: float) -> str:
    """Cohen's conventions for w: 0.1 small, 0.3 medium, 0.5 large."""
    if not np.isfinite(w):
        return ""
    return (
        EFFECT_SIZES[0] if w < 0.1 else EFFECT_SIZES[1] if w < 0.3 else EFFECT_SIZES[2] if w < 0.5 else EFFECT_SIZES[3]
    )


def representation(
    participants: pd.DataFrame,
    population: pd.DataFrame,
    dimensions=None,
    *,
    confidence: float = 0.95,
    ratio_threshold: float = 0.67,
    min_cell_size: int | None = None,
    n_simulations: int = 20_000,
    random_state=0,
) -> pd.DataFrame:
    """Representation of every category of every dimension: who was reached, compared with the population.

    Parameters
    ----------
    participants : DataFrame with one column per dimension (``age_group``, ``district``, …); joint dimensions
        (``"age_group | district"``) use the component columns.
    population : DataFrame dimension, category, count.
    dimensions : list of dimension names; None = every single dimension of the population the participants have.
    min_cell_size : None (default) shows every count, for analysis; a number applies the report's small-group
        suppression (see the module docstring).

    Returns
    -------
    DataFrame, one row per dimension and category with population > 0: dimension, category, n, n_label,
    sample_share, population_share, population_count, ratio, ratio_low, ratio_high (Wilson 95 % interval of the
    sample share divided by the population share), p_value (exact binomial), under_represented
    (``ratio_high < ratio_threshold``), over_represented, participation_rate, partial_r, partial_r_relative,
    suppressed.

    Raises ValueError for a dimension missing from the population or the participants, or whose population
    counts are all 0. Unknown values, missing values, categories nobody is in: :class:`ReachWarning`.
    """
    margins, issues = population_margins(population)
    participants, age_issues = harmonise_age_with_issues(participants, margins)
    issues += age_issues
    dims = (
        check_dimensions(participants, margins, dimensions)
        if dimensions is not None
        else default_dimensions(participants, margins)
    )
    s = Settings(confidence, ratio_threshold, min_cell_size, n_simulations, np.random.default_rng(random_state))
    frames = []
    for d in dims:
        coded = code_participants(participants, margins[d])
        n_k = np.bincount(coded.codes[coded.codes >= 0], minlength=len(margins[d].categories))
        issues += coding_issues(coded, margins[d]) + sample_issues(n_k, margins[d])
        frames.append(representation_cells(margins[d], n_k, s, coded)[0])
    emit(issues)
    return pd.concat(frames, ignore_index=True) if frames else typed_frame([], CELL_COLUMNS)
