"""Statistics shared by reach and draagvlak: intervals, effective sample sizes, tests. Each exists once.

Checked in the tests against hand-computed values and independent implementations (scipy, statsmodels-style
formulas written out).
"""

from __future__ import annotations

import numpy as np
from scipy import stats

__all__ = [
    "Z95", "binomial_p_values", "goodness_of_fit", "kish_effective_n", "two_proportion_p", "wilson_interval", "z_value",
]  # fmt: skip

Z95 = 1.959963984540054


def z_value(confidence: float) -> float:
    """The two-sided normal quantile for a confidence level (0.95 -> 1.96)."""
    return float(stats.norm.ppf(1 - (1 - confidence) / 2))


def wilson_interval(p, n, z: float = Z95):
    """95% Wilson score interval for a share ``p`` observed in ``n`` trials (``n`` may be a Kish effective n).

    Works element-wise on arrays; ``n <= 0`` or NaN gives NaN bounds. Wilson rather than Wald because it stays
    inside [0, 1] and behaves at 0%, 100% and small n, which is where draagvlak questions get asked.
    """
    p = np.asarray(p, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = 1.0 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z / denom * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        # exact 0 / 1 at the edges (the formula gives them only up to rounding)
        low = np.where(n > 0, np.where(p <= 0, 0.0, np.clip(centre - half, 0.0, 1.0)), np.nan)
        high = np.where(n > 0, np.where(p >= 1, 1.0, np.clip(centre + half, 0.0, 1.0)), np.nan)
    return low, high


def kish_effective_n(weights) -> float:
    """Kish's effective sample size (sum w)^2 / sum w^2; equals n for equal weights, 0 for none."""
    w = np.asarray(weights, dtype=float)
    w = w[np.isfinite(w)]
    s2 = float(np.sum(w * w))
    return float(np.sum(w)) ** 2 / s2 if s2 > 0 else 0.0


def binomial_p_values(n, total: int, shares) -> np.ndarray:
    """Exact two-sided binomial test of each count ``n`` out of ``total`` against its expected share."""
    out = np.full(len(n), np.nan)
    if total <= 0:
        return out
    for i, (k, pi) in enumerate(zip(n, shares)):
        out[i] = stats.binomtest(int(k), int(total), float(min(max(pi, 0.0), 1.0))).pvalue
    return out


def two_proportion_p(x1, n1, x2, n2) -> np.ndarray:
    """Two-sided p-value that x1 of n1 and x2 of n2 come from the same share (Fisher's exact test), per element.

    Exact rather than the normal approximation because the groups compared are often a few dozen people.
    A pair with an empty side (n1 or n2 of 0) gives NaN.
    """
    x1, n1, x2, n2 = (np.asarray(a, dtype=float).ravel() for a in (x1, n1, x2, n2))
    out = np.full(len(x1), np.nan)
    for i, (a, na, b, nb) in enumerate(zip(x1, n1, x2, n2)):
        if na > 0 and nb > 0 and np.isfinite([a, b]).all():
            out[i] = stats.fisher_exact([[int(a), int(na - a)], [int(b), int(nb - b)]])[1]
    return out


def goodness_of_fit(
    n: np.ndarray, shares: np.ndarray, n_simulations: int = 20_000, rng: np.random.Generator | None = None
) -> tuple[float, int, float, str]:
    """Chi-square goodness of fit of counts against expected shares: (chi2, df, p, method).

    When an expected count is below 5, the p-value comes from a seeded Monte Carlo simulation of the
    multinomial (``n_simulations`` draws, method "monte_carlo") instead of the chi-square approximation.
    """
    total = n.sum()
    if len(n) < 2 or total <= 0:
        return np.nan, max(len(n) - 1, 0), np.nan, ""
    expected = total * shares
    chi2 = float(((n - expected) ** 2 / expected).sum())
    df = len(n) - 1
    if (expected < 5).any() and n_simulations > 0:
        rng = rng if rng is not None else np.random.default_rng(0)
        sims = rng.multinomial(int(total), shares / shares.sum(), size=n_simulations)
        sim_chi2 = ((sims - expected) ** 2 / expected).sum(axis=1)
        p = float((1 + (sim_chi2 >= chi2 - 1e-9).sum()) / (n_simulations + 1))
        return chi2, df, p, "monte_carlo"
    return chi2, df, float(stats.chi2.sf(chi2, df)), "chi2"
