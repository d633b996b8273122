"""Theme discovery without seeds: how many themes, which, and who belongs where (with a confidence).

Method
------
1. **Semantic space.** A truncated SVD of the inputs' TF-IDF matrix (latent semantic analysis, up to
   100 dimensions, at least 20 and about one per ten inputs) gives every term a vector; terms residents
   use in the same inputs get similar vectors. Every input becomes the normalised sum of its terms'
   vectors, so "fietsenstalling" and "fietspad", or "Wärmepumpe" and "Heizung", are close even when two
   short inputs share no word.
2. **Themes.** Spherical k-means in that space (k-means on unit vectors: cosine similarity); a theme is
   the mean direction of its inputs.
3. **Membership.** Every input with subject terms is compared with every theme (cosine) and gets the
   closest. `confidence` is the softmax share of that theme (temperature `TEMPERATURE`): near 1 when the
   input clearly belongs, near 1/k when it sits between themes. Nothing is cut: the analyst filters on
   confidence. Inputs with no subject terms at all (empty, "test", "Goed initiatief!") get -1. An input
   whose only subject words occur in no other input cannot be compared; it gets the largest theme with
   confidence 0.
4. **How many themes** (`n_themes="auto"`): cross-validated likelihood (Smyth 2000). For every candidate
   k the inputs are clustered on two thirds of a sample and the held-out third is scored under the
   resulting mixture of multinomials over subject terms (each theme's term distribution, Dirichlet
   smoothing `BETA`), three folds (repeated up to five times for small inputs). More themes always fit a
   little better; the gain flattens once the
   real subjects are separated, so k is the knee of the curve (the point farthest above the chord from
   the first to the last candidate, "Kneedle", Satopää et al. 2011). The folds average out the random
   split, so the choice varies little with `random_state`; `k_curve_` holds the curve.

Costs are bounded for large inputs: the space and the themes are fitted on at most `FIT_SAMPLE` distinct
inputs and the choice of k on at most `SELECT_SAMPLE`; all inputs are then placed by cosine (linear).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.special import logsumexp
from sklearn.cluster import kmeans_plusplus
from sklearn.preprocessing import normalize
from sklearn.utils.extmath import randomized_svd

DIMENSIONS = 100
FIT_SAMPLE = 8000
SELECT_SAMPLE = 2000
K_GRID = (3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30)
FOLDS = 3
REPEAT_INPUTS = 2000  # small inputs: repeat the folds until about this many held-out scores
BETA = 0.1
TEMPERATURE = 0.05


class SemanticSpace:
    """LSA term vectors (step 1). `embed(X)` maps TF-IDF rows to unit vectors (zero rows stay zero)."""

    def __init__(self, dimensions: int = DIMENSIONS, random_state: int = 0):
        self.dimensions = dimensions
        self.random_state = random_state

    def fit(self, X: sp.csr_matrix) -> SemanticSpace:
        d = int(min(self.dimensions, max(20, X.shape[0] // 10)))
        d = max(1, min(d, X.shape[0] - 1, X.shape[1] - 1))
        _, S, Vt = randomized_svd(X, d, random_state=self.random_state, n_iter=4)
        self.term_vectors_ = normalize(Vt.T * S)  # terms x d, unit rows
        return self

    def embed(self, X: sp.csr_matrix) -> np.ndarray:
        return normalize(np.asarray(X @ self.term_vectors_))


def cluster(Z: np.ndarray, k: int, random_state: int, n_init: int = 3, max_iter: int = 50) -> np.ndarray:
    """Unit centroids (k x dims) of spherical k-means on the unit rows of Z (k-means++ starts, the run
    with the highest total cosine wins). Plain matrix products: milliseconds for thousands of inputs."""
    k = max(1, min(k, Z.shape[0]))
    rng = np.random.RandomState(random_state)
    best, best_obj = None, -np.inf
    for _ in range(n_init):
        C, _ = kmeans_plusplus(Z, k, random_state=rng.randint(2**31 - 1))
        C = normalize(C)
        prev = None
        rows = np.arange(Z.shape[0])
        for _ in range(max_iter):
            S = Z @ C.T
            lab = S.argmax(axis=1)
            if prev is not None and np.count_nonzero(lab != prev) <= 0.002 * len(lab):
                break
            prev = lab
            M = np.asarray(sp.csr_matrix((np.ones(len(lab)), (lab, rows)), shape=(k, len(lab))) @ Z)
            empty = ~M.any(axis=1)
            if empty.any():  # an empty theme restarts at the input farthest from its theme
                far = np.argsort(S.max(axis=1))[: int(empty.sum())]
                M[empty] = Z[far]
            C = normalize(M)
        obj = float((Z @ C.T).max(axis=1).sum())
        if obj > best_obj:
            best, best_obj = C, obj
    return best


def heldout_likelihood(C: sp.csr_matrix, Z: np.ndarray, k: int, random_state: int, folds: int = FOLDS) -> float:
    """Mean held-out log-likelihood per input of a k-theme multinomial mixture (step 4).

    Small inputs are split more than once (about REPEAT_INPUTS inputs' worth of held-out scores in
    total), so the curve does not depend on one lucky split."""
    n = C.shape[0]
    repeats = int(min(5, max(1, round(REPEAT_INPUTS / max(n, 1)))))
    rng = np.random.RandomState(random_state)
    total = 0.0
    for r in range(repeats):
        perm = rng.permutation(n)
        for f in range(folds):
            test = perm[f::folds]
            train = np.setdiff1d(np.arange(n), test)
            kk = max(1, min(k, len(train)))
            centroids = cluster(Z[train], kk, random_state + 10 * r + f, n_init=2, max_iter=30)
            lab = (Z[train] @ centroids.T).argmax(axis=1)
            R = sp.csr_matrix((np.ones(len(train)), (lab, np.arange(len(train)))), shape=(kk, len(train)))
            N = np.asarray((R @ C[train]).todense()) + BETA
            log_theta = np.log(N) - np.log(N.sum(axis=1, keepdims=True))
            log_pi = np.log(np.bincount(lab, minlength=kk) + 1.0) - np.log(len(train) + kk)
            total += logsumexp(np.asarray(C[test] @ log_theta.T) + log_pi, axis=1).sum()
    return float(total / (n * repeats))


def likelihood_curve(C: sp.csr_matrix, Z: np.ndarray, ks, random_state: int) -> list[tuple[int, float]]:
    return [(int(k), heldout_likelihood(C, Z, k, random_state)) for k in ks]


def candidate_ks(n_inputs: int) -> list[int]:
    """Candidate numbers of themes: the grid, at most one theme per 10 inputs."""
    hi = max(2, n_inputs // 10)
    ks = [k for k in K_GRID if k <= hi]
    return ks or [2]


def choose_k(curve: list[tuple[int, float]]) -> int:
    """Knee of an increasing curve: the k farthest above the chord between its ends (Kneedle)."""
    if len(curve) <= 2:
        return max(curve, key=lambda t: t[1])[0]
    ks = np.array([k for k, _ in curve], float)
    ys = np.array([y for _, y in curve], float)
    span = ys.max() - ys.min()
    if span <= 0:
        return int(ks[0])
    xn = (ks - ks[0]) / (ks[-1] - ks[0])
    yn = (ys - ys.min()) / span
    return int(ks[int(np.argmax(yn - xn))])


def softmax_rows(S: np.ndarray, temperature: float = TEMPERATURE) -> np.ndarray:
    if S.shape[1] == 0:
        return S
    E = np.exp((S - S.max(axis=1, keepdims=True)) / temperature)
    return E / E.sum(axis=1, keepdims=True)
