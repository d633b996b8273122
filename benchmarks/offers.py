"""Benchmark: the offer detector (kompas.offers) against the rules it replaced, per labelled set, and speed.

    python benchmarks/offers.py            # every table
    python benchmarks/offers.py --no-cv    # without the grouped cross-validation (about 10 s less)

Sets (benchmarks/data/README.md says who wrote each):
- **in-sample**: the sets the shipped model is trained on (`offers_*.csv` and the samples' `offers_help`
  labels); their figures are optimistic by construction;
- **grouped CV (out-of-fold)**: each of those sets left out in turn, the model and its threshold learned on
  the others (`kompas.offers.training.grouped_cv`): the estimate for writing by a new annotator;
- **blind**: `offers_blind4.csv`, never used for training or tuning, measured once.
The baseline is the rules as they were (`benchmarks/offers_baseline.py`), measured in the same run. Kind
accuracy: of the true offers found, the share whose kind is right (sets with a `kind` column). Speed: texts
per second on all labelled texts, one process, best of 3.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.offers_baseline import detect_offers as baseline_offers  # noqa: E402
from cocreatie_analysis.kompas import analyse_offers  # noqa: E402
from cocreatie_analysis.kompas.offers.training import (  # noqa: E402
    BLIND_SET,
    format_cv,
    grouped_cv,
    load_sets,
    training_sets,
)


def scores(found: np.ndarray, truth: np.ndarray) -> tuple[float, float, float]:
    tp = int((found & truth).sum())
    precision = tp / found.sum() if found.sum() else 0.0
    recall = tp / truth.sum() if truth.sum() else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def kind_accuracy(table: pd.DataFrame, truth: np.ndarray, kinds: list) -> str:
    right = [table["kind"].iloc[i] == k for i, k in enumerate(kinds) if truth[i] and table["offer"].iloc[i] and k]
    return f"{np.mean(right):.3f}" if right else "-"


def row(name: str, status: str, texts: list[str], truth: np.ndarray, kinds: list) -> list[str]:
    table = analyse_offers(texts)
    p, r, f = scores(table["offer"].to_numpy(), truth)
    bp, br, bf = scores(baseline_offers(texts), truth)
    kinds = [k if isinstance(k, str) else None for k in kinds]
    return [
        f"{name:<20} {status:<10} {len(texts):>5} {int(truth.sum()):>6} | {p:.3f} {r:.3f} {f:.3f} "
        f"{kind_accuracy(table, truth, kinds):>8} | {bp:.3f} {br:.3f} {bf:.3f}"
    ]


def speed(function, texts: list[str]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        function(texts)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-cv", action="store_true", help="skip the grouped cross-validation")
    args = parser.parse_args(argv)
    sets = load_sets(training_sets(ROOT))
    header = (
        f"{'set':<20} {'status':<10} {'n':>5} {'offers':>6} | {'detector P R F1':<17} {'kind acc':>8} | "
        "baseline (old rules) P R F1"
    )
    print(header)
    print("-" * len(header))
    everything = []
    for name, (texts, truth, kinds) in sets.items():
        print(*row(name, "in-sample", texts, truth, kinds))
        everything += texts
    blind = ROOT / "benchmarks" / "data" / BLIND_SET
    if blind.is_file():
        ((name, (texts, truth, kinds)),) = load_sets([blind]).items()
        print(*row(name, "BLIND", texts, truth, kinds))
        everything += texts
    else:
        print(f"{BLIND_SET:<20} BLIND      not present")
    if not args.no_cv:
        print()
        print(format_cv(grouped_cv(sets)))
    print()
    detector = speed(lambda t: analyse_offers(t), everything)
    baseline = speed(baseline_offers, everything)
    print(
        f"speed on {len(everything)} labelled texts (one process, best of 3): detector {detector:,.0f} texts/s, "
        f"baseline {baseline:,.0f} texts/s ({detector / baseline:.2f}x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
