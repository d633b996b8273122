"""Weights: raking (iterative proportional fitting) of participants to the population margins, with trimming.

Iterative proportional fitting to the population shares of each dimension in turn (Deming & Stephan 1940),
repeated until no weight changes by more than ``tol`` in a full cycle. A participant without a (matching) value
for a dimension keeps their weight in that dimension's step; categories without participants are left out and
the others scaled up; after every cycle weights are clipped to ``trim × the mean weight`` (redistributing what
was cut), so the final weights respect the bounds. Weights are scaled to mean 1; the design effect (Kish)
``deff = n sum w^2 / (sum w)^2`` and effective sample size ``n / deff`` say what the weighting costs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from ..errors import UserError
from .ages import harmonise_age_with_issues
from .issues import Issue, emit, issue_text
from .population import (
    check_dimensions,
    code_participants,
    coding_issues,
    default_dimensions,
    margin_total_issue,
    population_margins,
    sample_issues,
)

__all__ = ["Raker", "rake"]


# --------------------------------------------------------------------------------------------- raking
class Raker(BaseEstimator):
    """Raking (iterative proportional fitting) of participants to population margins, with trimming.

    Parameters
    ----------
    dimensions : list of str or None
        Population dimensions to match (single or joint, e.g. ``"age_group | district"``); None = every single
        dimension of the population that the participants have.
    max_iter : int
        Maximum number of full cycles over the dimensions.
    tol : float
        Convergence: stop when, in a full cycle (raking and trimming), no weight changed by more than ``tol``
        relative to its value.
    trim : (float, float) or None
        Bounds on the weights relative to the mean weight (default 0.2 and 5); None = no trimming.

    Attributes
    ----------
    weights_ : Series participant_id -> weight, mean 1.
    dimensions_ : list of the dimensions used.
    n_iter_ : number of cycles run.  converged_ : bool.
    max_change_ : largest relative weight change in the last cycle.
    margin_error_ : largest absolute difference between a weighted share and its target.
    trim_bounds_ : (lower, upper) bounds of the final weights (NaN without trimming).
    n_trimmed_ : number of weights at a bound.
    design_effect_ : Kish design effect.  effective_sample_size_ : n / design effect.
    margins_ : DataFrame dimension, category, n, population_share, target_share, sample_share, weighted_share.
    warnings_ : list of str (also issued as :class:`ReachWarning`).
    """

    def __init__(self, dimensions=None, *, max_iter: int = 1000, tol: float = 1e-8, trim=(0.2, 5.0)):
        self.dimensions = dimensions
        self.max_iter = max_iter
        self.tol = tol
        self.trim = trim

    def _validate(self) -> tuple[float, float] | None:
        if not (isinstance(self.max_iter, int | np.integer) and self.max_iter >= 1):
            raise UserError(f"max_iter must be an integer ≥ 1, not {self.max_iter!r}")
        if not (isinstance(self.tol, int | float) and self.tol > 0):
            raise UserError(f"tol must be a number > 0, not {self.tol!r}")
        if self.trim is None:
            return None
        try:
            lower, upper = (float(v) for v in self.trim)
        except (TypeError, ValueError):
            raise UserError(f"trim must be None or (lower, upper), not {self.trim!r}") from None
        if not (0 <= lower < 1 < upper):
            raise UserError(f"trim bounds must satisfy 0 ≤ lower < 1 < upper, not {self.trim!r}")
        return lower, upper

    def fit(self, participants: pd.DataFrame, population: pd.DataFrame, sample_weight=None) -> Raker:
        """Compute the weights. ``sample_weight``: optional design weights to start from (default 1)."""
        emit(self._fit(participants, population, sample_weight))
        return self

    def _fit(self, participants, population, sample_weight, margins: dict | None = None) -> list[Issue]:
        bounds = self._validate()
        if not isinstance(participants, pd.DataFrame):
            raise TypeError(f"participants must be a pandas DataFrame, not {type(participants).__name__}")
        if "participant_id" not in participants.columns:
            raise UserError("participants: no column 'participant_id'")
        ids = participants["participant_id"]
        if ids.isna().any():
            raise UserError(f"participants: participant_id is empty in row {int(np.flatnonzero(ids.isna())[0]) + 2}")
        if ids.duplicated().any():
            dup = ids[ids.duplicated()].iloc[0]
            raise UserError(f"participants: participant_id {dup!r} appears more than once")
        if len(participants) == 0:
            raise UserError("participants: no rows to weight")
        issues: list[Issue] = []
        if margins is None:
            margins, issues = population_margins(population)
        participants, age_issues = harmonise_age_with_issues(participants, margins)
        issues += age_issues
        dims = (
            check_dimensions(participants, margins, self.dimensions)
            if self.dimensions is not None
            else default_dimensions(participants, margins)
        )
        n = len(participants)
        base = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        if base.shape != (n,) or not np.isfinite(base).all() or (base <= 0).any():
            raise UserError("sample_weight must hold one finite weight > 0 per participant")

        plans = []  # (margin, codes over active categories (-1 = not adjusted), targets, active indices, n_k)
        margin_rows = []
        for d in dims:
            margin = margins[d]
            coded = code_participants(participants, margin)
            n_k = np.bincount(coded.codes[coded.codes >= 0], minlength=len(margin.categories))
            issues += coding_issues(coded, margin) + sample_issues(n_k, margin)
            active = np.flatnonzero((margin.counts > 0) & (n_k > 0))
            remap = np.full(len(margin.categories), -1, dtype=np.int64)
            remap[active] = np.arange(len(active))
            codes = np.where(coded.codes >= 0, remap[np.clip(coded.codes, 0, None)], -1)
            pop_share = margin.counts / margin.total
            targets = margin.counts[active] / margin.counts[active].sum() if len(active) else np.array([])
            plans.append((margin, codes, targets, active, n_k))
            for k in np.flatnonzero(margin.counts > 0):
                margin_rows.append(
                    {
                        "dimension": d,
                        "category": margin.categories[k],
                        "n": int(n_k[k]),
                        "population_share": pop_share[k],
                        "target_share": targets[remap[k]] if remap[k] >= 0 else 0.0,
                    }
                )
        issues += margin_total_issue(margins, dims)
        plans = [p for p in plans if len(p[3]) > 0]
        if not plans:
            issues.append(Issue("no_dimensions"))

        w = base / base.mean()
        converged, n_iter, change = (True, 0, 0.0) if not plans else (False, 0, np.inf)
        shift = [p[1] + 1 for p in plans]  # bin 0 collects the participants not adjusted on this dimension
        for n_iter in range(1, (self.max_iter if plans else 0) + 1):
            previous = w.copy()
            for (margin, codes, targets, active, _), s in zip(plans, shift):
                totals = np.bincount(s, weights=w, minlength=len(active) + 1)
                factor = np.ones(len(active) + 1)
                factor[1:] = targets * totals[1:].sum() / totals[1:]
                w *= factor[s]
            if bounds is not None:
                w = _trim(w, *bounds)
            change = float(np.max(np.abs(w - previous) / previous))
            if change < self.tol:
                converged = True
                break
        w = w / w.mean()

        self.dimensions_ = [p[0].dimension for p in plans]
        self.weights_ = pd.Series(w, index=pd.Index(ids.to_numpy(), name="participant_id"), name="weight")
        self.n_iter_ = n_iter
        self.converged_ = bool(converged)
        self.max_change_ = float(change) if plans else 0.0
        error = 0.0
        weighted = {}
        for (margin, codes, targets, active, _), s in zip(plans, shift):
            totals = np.bincount(s, weights=w, minlength=len(active) + 1)[1:]
            shares = totals / totals.sum()
            error = max(error, float(np.max(np.abs(shares - targets))))
            for j, k in enumerate(active):
                weighted[(margin.dimension, margin.categories[k])] = shares[j]
        self.margin_error_ = error
        if bounds is not None:
            self.trim_bounds_ = bounds
            self.n_trimmed_ = int(((w <= bounds[0] * (1 + 1e-9)) | (w >= bounds[1] * (1 - 1e-9))).sum())
        else:
            self.trim_bounds_ = (np.nan, np.nan)
            self.n_trimmed_ = 0
        self.design_effect_ = float(n * (w**2).sum() / w.sum() ** 2)
        self.effective_sample_size_ = float(n / self.design_effect_)
        margins_df = pd.DataFrame(
            margin_rows, columns=["dimension", "category", "n", "population_share", "target_share"]
        )
        n_known = margins_df.groupby("dimension", sort=False)["n"].transform("sum") if len(margins_df) else 0
        margins_df["sample_share"] = margins_df["n"] / n_known if len(margins_df) else []
        margins_df["weighted_share"] = [
            weighted.get((d, c), 0.0) for d, c in zip(margins_df["dimension"], margins_df["category"])
        ]
        self.margins_ = margins_df
        if plans and not self.converged_:
            issues.append(Issue("not_converged", params={"iterations": n_iter, "error": error}))
        if self.n_trimmed_:
            issues.append(
                Issue("trimmed", n=self.n_trimmed_, params={"lower": bounds[0], "upper": bounds[1], "error": error})
            )
        if self.design_effect_ > 2:
            issues.append(
                Issue(
                    "high_design_effect",
                    params={"deff": self.design_effect_, "ess": self.effective_sample_size_, "total": n},
                )
            )
        self.warnings_ = [(f"{i.dimension}: " if i.dimension else "") + issue_text(i) for i in issues]
        return issues


def _trim(w: np.ndarray, lower: float, upper: float, max_rounds: int = 100) -> np.ndarray:
    """Clip weights to [lower, upper] × their mean, keeping their total: the weight cut from capped weights goes
    proportionally to the weights that are not at a bound (and back), until no weight is outside the bounds."""
    total = w.sum()
    lo, hi = lower * total / len(w), upper * total / len(w)
    if w.min() >= lo and w.max() <= hi:
        return w
    w = w.copy()
    for _ in range(max_rounds):
        np.clip(w, lo, hi, out=w)
        free = (w > lo) & (w < hi)
        gap = total - w.sum()
        if abs(gap) <= 1e-12 * total or not free.any():
            break
        w[free] *= 1 + gap / w[free].sum()
    return w


def rake(
    participants: pd.DataFrame,
    population: pd.DataFrame,
    dimensions=None,
    *,
    max_iter: int = 1000,
    tol: float = 1e-8,
    trim=(0.2, 5.0),
    sample_weight=None,
) -> pd.Series:
    """Raking weights: Series participant_id -> weight, mean 1 (see :class:`Raker` and the module docstring).

    With one dimension and no trimming this is post-stratification: weight = population share / sample share.
    """
    return (
        Raker(dimensions, max_iter=max_iter, tol=tol, trim=trim)
        .fit(participants, population, sample_weight=sample_weight)
        .weights_
    )
