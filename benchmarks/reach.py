"""Benchmark: raking 1,000,000 participants on 4 dimensions (target ≤ 10 s on this machine).

    python benchmarks/reach.py            # 1,000,000 participants; baseline on 100,000
    python benchmarks/reach.py --quick    # 200,000 participants; baseline on 20,000

Measures `cocreatie_analysis.reach.rake` end to end (matching the text categories to the population, raking,
trimming, diagnostics) on a skewed synthetic sample: age group (4), gender (2), wijk (12) and herkomst (3).
Baselines computed in the same run:

* a naive pandas implementation of the same algorithm (groupby-transform per dimension per cycle) on a tenth
  of the participants, reported per participant so the ratio is comparable, and checked to give the same
  weights;
* ipfn (the independent implementation the tests compare with) on the sample's 288-cell contingency table,
  built with pandas, on all participants: the same weights by another route, for accuracy and as a reference.

The machine is shared (2 cores): timings are noisy; the best of `--repeat` runs is reported.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cocreatie_analysis.reach import Raker, ReachWarning

DIMENSIONS = {
    "age_group": (["15-24", "25-44", "45-64", "65+"], [0.06, 0.27, 0.37, 0.30], [0.14, 0.33, 0.31, 0.22]),
    "gender": (["man", "vrouw"], [0.44, 0.56], [0.49, 0.51]),
    "district": (
        [f"Wijk {i}" for i in range(12)],
        [0.13, 0.11, 0.10, 0.10, 0.09, 0.09, 0.08, 0.08, 0.07, 0.06, 0.05, 0.04],  # sample: ratio 1.6 … 0.5
        [0.08, 0.08, 0.08, 0.09, 0.08, 0.09, 0.08, 0.09, 0.08, 0.08, 0.08, 0.09],
    ),
    "origin": (["Nederland", "Europa", "buiten Europa"], [0.84, 0.07, 0.09], [0.70, 0.09, 0.21]),
}


def make_data(n: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    columns = {"participant_id": np.arange(n)}
    population = []
    for dim, (cats, sample_p, pop_p) in DIMENSIONS.items():
        columns[dim] = rng.choice(np.array(cats, dtype=object), n, p=sample_p)
        population += [(dim, c, round(p * 150_000)) for c, p in zip(cats, pop_p)]
    participants = pd.DataFrame(columns)
    participants["district"] = participants["district"].astype(str)  # as read from a file
    missing = rng.random(n) < 0.03
    participants.loc[missing, "origin"] = None  # a few unknown values, as in real data
    return participants, pd.DataFrame(population, columns=["dimension", "category", "count"])


def naive_rake(participants: pd.DataFrame, population: pd.DataFrame, tol: float, max_iter: int) -> pd.Series:
    """The textbook pandas version: one groupby-transform and map per dimension per cycle."""
    targets = {
        d: g.set_index("category")["count"] / g["count"].sum() for d, g in population.groupby("dimension", sort=False)
    }  # same order as Raker
    w = pd.Series(1.0, index=participants.index)
    for _ in range(max_iter):
        old = w.copy()
        for dim, target in targets.items():
            known = participants[dim].notna()
            cell = w[known].groupby(participants.loc[known, dim]).transform("sum")
            factor = participants.loc[known, dim].map(target) * w[known].sum() / cell
            w[known] = w[known] * factor
        if ((w - old).abs() / old).max() < tol:
            break
    return w / w.mean()


def ipfn_rake(participants: pd.DataFrame, population: pd.DataFrame, tol: float) -> np.ndarray:
    from ipfn import ipfn

    dims = list(DIMENSIONS)
    known = participants[dims].notna().all(axis=1)
    if not known.all():
        raise ValueError("ipfn baseline needs complete data")
    cats = {d: list(population.query("dimension == @d")["category"]) for d in dims}
    codes = tuple(pd.Categorical(participants[d], categories=cats[d]).codes for d in dims)
    table = np.zeros([len(cats[d]) for d in dims])
    np.add.at(table, codes, 1.0)
    n = len(participants)
    aggregates = [population.query("dimension == @d")["count"].to_numpy(float) for d in dims]
    aggregates = [a / a.sum() * n for a in aggregates]
    fitted = ipfn.ipfn(
        table.copy(),
        aggregates,
        [[i] for i in range(len(dims))],
        convergence_rate=tol,
        max_iteration=5000,
        rate_tolerance=0,
    ).iteration()
    with np.errstate(invalid="ignore", divide="ignore"):
        factor = np.where(table > 0, fitted / table, 0.0)
    return factor[codes]


def best_of(repeat: int, func):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="200,000 participants instead of 1,000,000")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is reported")
    args = parser.parse_args()
    n = 200_000 if args.quick else 1_000_000
    n_base = n // 10
    tol = 1e-8
    warnings.simplefilter("ignore", ReachWarning)

    participants, population = make_data(n)
    print(
        f"raking {n:,} participants on {len(DIMENSIONS)} dimensions "
        f"({' × '.join(str(len(v[0])) for v in DIMENSIONS.values())} categories), tol {tol:g}"
    )

    seconds, raker = best_of(args.repeat, lambda: Raker(trim=(0.2, 5.0), tol=tol).fit(participants, population))
    print(
        f"  Raker (trim 0.2–5):        {seconds:6.2f} s   {raker.n_iter_} cycles, converged {raker.converged_}, "
        f"max margin error {raker.margin_error_:.1e}, {raker.n_trimmed_:,} trimmed, deff {raker.design_effect_:.2f}, "
        f"n_eff {raker.effective_sample_size_:,.0f}"
    )
    seconds_free, free = best_of(args.repeat, lambda: Raker(trim=None, tol=tol).fit(participants, population))
    print(
        f"  Raker (no trimming):       {seconds_free:6.2f} s   {free.n_iter_} cycles, converged {free.converged_}, "
        f"max margin error {free.margin_error_:.1e}"
    )
    target = 10.0
    print(
        f"  target ≤ {target:.0f} s for 1,000,000: {'met' if seconds <= target else 'NOT met'}"
        + ("" if n == 1_000_000 else " (quick run; scale ~linear in n)")
    )

    # Naive pandas baseline on a tenth of the participants (same data generator, same seed).
    small, _ = make_data(n_base)
    base_seconds, naive = best_of(1, lambda: naive_rake(small, population, tol, 1000))
    ours_small, ours = best_of(args.repeat, lambda: Raker(trim=None, tol=tol).fit(small, population))
    diff = float(np.max(np.abs(naive.to_numpy() - ours.weights_.to_numpy())))
    per_ours = ours_small / n_base * 1e6
    per_naive = base_seconds / n_base * 1e6
    print(
        f"baseline, naive pandas raking on {n_base:,} participants: {base_seconds:.2f} s "
        f"({per_naive:.2f} µs/participant) vs Raker {ours_small:.3f} s ({per_ours:.2f} µs/participant): "
        f"{per_naive / per_ours:.1f}× faster; max weight difference {diff:.1e}"
    )

    # ipfn on the contingency table, complete cases only (ipfn has no notion of a missing value).
    complete = participants[participants["origin"].notna()].reset_index(drop=True)
    try:
        ipfn_seconds, ipfn_w = best_of(1, lambda: ipfn_rake(complete, population, 1e-12))
    except ImportError:
        print("ipfn not installed: skipping the ipfn reference")
        return
    ours_c = Raker(trim=None, tol=1e-12).fit(complete, population)
    rel = float(np.max(np.abs(ipfn_w / ipfn_w.mean() - ours_c.weights_.to_numpy()) / ours_c.weights_.to_numpy()))
    print(
        f"reference, ipfn on the {np.prod([len(v[0]) for v in DIMENSIONS.values()])}-cell contingency table "
        f"({len(complete):,} complete cases, table built with numpy): {ipfn_seconds:.2f} s; "
        f"max relative weight difference from Raker {rel:.1e}"
    )


if __name__ == "__main__":
    main()
