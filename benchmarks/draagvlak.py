"""Benchmark: opinion groups for 10,000 participants x 500 statements (target <= 30 s).

    python benchmarks/draagvlak.py            # full size
    python benchmarks/draagvlak.py --quick    # 2,000 x 200, for a smoke run

Synthetic votes from planted opinion groups (each participant votes on a random share of the statements,
with noise and passes), in the long format ``assess`` receives. Timed:

* ``opinion_groups`` (this project): sparse centred matrix, SVD, sparsity-aware projection, k-means for
  k = 2..5 with a (sampled) silhouette;
* a baseline in the same run, the straightforward recipe: ``pivot_table`` to a dense matrix, fill missing
  votes with the statement mean, ``sklearn.decomposition.PCA(svd_solver="full")``, k-means for k = 2..5 and
  the silhouette over all participants;
* ``group_informed_consensus`` and the full ``assess`` for reference.

Both clusterings are scored against the planted groups (adjusted Rand index), so speed is not bought with
quality. Timings on a shared 2-core machine are noisy: read ratios rather than absolute seconds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cocreatie_analysis.draagvlak import assess, group_informed_consensus, opinion_groups


def synthetic_votes(
    n_participants: int, n_statements: int, n_groups: int = 3, density: float = 0.3, noise: float = 0.15, seed: int = 0
):
    """Long-format votes from ``n_groups`` planted opinion groups of unequal size."""
    rng = np.random.default_rng(seed)
    sizes = rng.dirichlet(np.full(n_groups, 4.0))
    truth = rng.choice(n_groups, size=n_participants, p=sizes)
    # each group's leaning per statement: agree probability high / low / middling
    lean = rng.choice([0.85, 0.15, 0.5], size=(n_groups, n_statements), p=[0.4, 0.4, 0.2])
    mask = rng.random((n_participants, n_statements)) < density
    p_idx, s_idx = np.nonzero(mask)
    agree_p = lean[truth[p_idx], s_idx]
    u = rng.random(len(p_idx))
    vote = np.where(u < agree_p, 1, -1)
    vote = np.where(rng.random(len(p_idx)) < noise, 0, vote)  # passes
    votes = pd.DataFrame({"participant_id": p_idx, "statement_id": s_idx, "vote": vote.astype(np.int8)})
    return votes.sample(frac=1.0, random_state=seed).reset_index(drop=True), pd.Series(truth)


def baseline_groups(votes: pd.DataFrame, min_votes: int = 7, max_groups: int = 5, random_state: int = 0):
    """The straightforward recipe: dense pivot, mean imputation, full PCA, k-means, full silhouette."""
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA
    from sklearn.metrics import silhouette_score

    matrix = votes.pivot_table(index="participant_id", columns="statement_id", values="vote", aggfunc="last")
    matrix = matrix[matrix.notna().sum(axis=1) >= min(min_votes, matrix.shape[1])]
    filled = matrix.fillna(matrix.mean())
    X = PCA(n_components=2, svd_solver="full", random_state=random_state).fit_transform(filled.to_numpy())
    best = None
    for k in range(2, max_groups + 1):
        labels = KMeans(n_clusters=k, n_init=10, random_state=random_state).fit_predict(X)
        score = silhouette_score(X, labels)
        if best is None or score > best[0]:
            best = (score, labels)
    return pd.Series(best[1], index=matrix.index)


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def main(argv=None) -> int:
    from sklearn.metrics import adjusted_rand_score

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 x 200 instead of 10,000 x 500")
    parser.add_argument("--participants", type=int, default=None)
    parser.add_argument("--statements", type=int, default=None)
    parser.add_argument("--density", type=float, default=0.3, help="share of statements each participant saw")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args(argv)
    n_p = args.participants or (2_000 if args.quick else 10_000)
    n_s = args.statements or (200 if args.quick else 500)

    votes, truth = synthetic_votes(n_p, n_s, density=args.density)
    # warm-up on a tiny problem so neither contender pays for imports or thread-pool start-up
    warm, _ = synthetic_votes(200, 20, seed=1)
    opinion_groups(warm)
    baseline_groups(warm)
    print(
        f"opinion groups benchmark: {n_p:,} participants x {n_s:,} statements, {len(votes):,} votes "
        f"(density {args.density:.0%}), 3 planted groups"
    )

    groups, t_ours = timed(opinion_groups, votes, random_state=0)
    placed = groups[groups >= 0]
    ari = adjusted_rand_score(truth[placed.index], placed)
    print(
        f"  opinion_groups                 {t_ours:7.2f} s   groups {groups.max() + 1}, "
        f"placed {len(placed):,}, ARI vs planted {ari:.3f}   target <= 30 s: "
        f"{'OK' if t_ours <= 30 else 'TOO SLOW'}"
    )

    if not args.no_baseline:
        base, t_base = timed(baseline_groups, votes, random_state=0)
        ari_b = adjusted_rand_score(truth[base.index], base)
        common = placed.index.intersection(base.index)
        agree = adjusted_rand_score(base[common], placed[common])
        print(
            f"  baseline (dense PCA, full sil.) {t_base:6.2f} s   groups {base.max() + 1}, "
            f"ARI vs planted {ari_b:.3f}, ARI vs ours {agree:.3f}"
        )
        print(f"  speed-up over baseline         {t_base / t_ours:7.1f}x")

    gic, t_gic = timed(group_informed_consensus, votes, groups)
    print(f"  group_informed_consensus       {t_gic:7.2f} s   ({len(gic)} statements)")
    statements = pd.DataFrame(
        {"statement_id": np.arange(n_s), "text": [f"stelling {i}" for i in range(n_s)], "theme": None}
    )
    rng = np.random.default_rng(1)
    participants = pd.DataFrame(
        {
            "participant_id": np.arange(n_p),
            "age_group": rng.choice(["15-25", "25-45", "45-65", "65+"], n_p),
            "district": rng.choice([f"wijk {i}" for i in range(8)], n_p),
        }
    )
    weights = pd.Series(rng.uniform(0.5, 2.0, n_p), index=participants["participant_id"])
    result, t_assess = timed(
        assess,
        votes,
        statements,
        participants=participants,
        weights=weights / weights.mean(),
        dimensions=["age_group", "district"],
    )
    print(
        f"  assess (everything)            {t_assess:7.2f} s   "
        f"verdicts {result['statements']['verdict'].value_counts().to_dict()}"
    )
    return 0 if t_ours <= 30 else 1


if __name__ == "__main__":
    sys.exit(main())
