"""Opinion groups from votes, in the spirit of Pol.is.

Builds the participant x statement matrix, centres every statement on its mean vote among the participants
being placed, and treats a missing vote as that mean (so it adds nothing). Takes the first two principal
components, scales each participant's projection by sqrt(statements / own votes) (Pol.is' "sparsity-aware"
projection) and runs k-means for k = 2 .. ``max_groups`` choosing k by the silhouette score (the smallest k
within 0.02 of the best silhouette: more groups must fit clearly better). Participants with fewer than
``min_votes`` votes (default 7, Pol.is' rule; at most the number of statements) are not placed (group -1).
Groups are numbered by size, 0 the largest, and shown as letters (A, B, ...), as Pol.is does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClusterMixin

from ..errors import UserError
from .votes import factorize_ids, prepare_votes

__all__ = ["OpinionGroups", "group_letter", "opinion_groups"]


def group_letter(group: int) -> str:
    """Display label of an opinion group: 0 -> 'A', 1 -> 'B', ..., 26 -> 'AA'; -1 -> '-' (not placed)."""
    group = int(group)
    if group < 0:
        return "-"
    letters = ""
    group += 1
    while group:
        group, rest = divmod(group - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class OpinionGroups(BaseEstimator, ClusterMixin):
    """Opinion groups from votes, in the spirit of Pol.is (see the module docstring for the method).

    Parameters
    ----------
    min_votes : participants with fewer votes are not placed (group -1); capped at the number of statements.
    max_groups : the largest number of groups tried (k = 2 .. max_groups, chosen by silhouette).
    n_components : principal components used for the projection (Pol.is uses 2).
    silhouette_tolerance : the fewest groups whose silhouette is within this of the best are chosen.
    silhouette_sample : above this many placed participants the silhouette is computed on a seeded sample.
    random_state : seed for the SVD, k-means and the silhouette sample.

    Attributes (after ``fit``)
    --------------------------
    groups_ : Series participant_id -> group (int, -1 not placed), named ``group``.
    coordinates_ : DataFrame indexed by participant_id: x, y (first two projections), n_votes, placed.
    n_groups_ : number of groups found.
    silhouette_ : dict k -> silhouette score of the k tried.
    statement_ids_ : statements in the matrix (column order).
    components_ : array (n_components, n_statements) of principal axes.
    means_ : Series statement_id -> mean vote used for centring.
    """

    def __init__(
        self,
        min_votes: int = 7,
        max_groups: int = 5,
        n_components: int = 2,
        silhouette_tolerance: float = 0.02,
        silhouette_sample: int = 3000,
        random_state: int | None = 0,
    ):
        self.min_votes = min_votes
        self.max_groups = max_groups
        self.n_components = n_components
        self.silhouette_tolerance = silhouette_tolerance
        self.silhouette_sample = silhouette_sample
        self.random_state = random_state

    def _check_params(self):
        for name in ("min_votes", "max_groups", "n_components", "silhouette_sample"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
                raise UserError(f"{name} must be a positive integer, got {value!r}")
        if self.max_groups < 2:
            raise UserError(f"max_groups must be at least 2, got {self.max_groups!r}")
        tol = self.silhouette_tolerance
        if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 <= tol < 1:
            raise UserError(f"silhouette_tolerance must be a number in [0, 1), got {tol!r}")

    def fit(self, votes: pd.DataFrame, y=None) -> OpinionGroups:
        from sklearn.cluster import KMeans
        from sklearn.metrics import silhouette_score
        from sklearn.utils.extmath import randomized_svd, svd_flip

        self._check_params()
        v = prepare_votes(votes)
        p_codes, pids = factorize_ids(v["participant_id"].to_numpy())
        s_codes, sids = factorize_ids(v["statement_id"].to_numpy())
        n, m = len(pids), len(sids)
        vote = v["vote"].to_numpy(dtype=float)
        n_votes = np.bincount(p_codes, minlength=n)
        placed = n_votes >= min(self.min_votes, m) if m else np.zeros(n, bool)

        # Centre on the mean among the participants being placed: a missing vote then counts as that mean
        # (contributes zero), and the placed rows of the matrix have column mean exactly zero, so a plain SVD
        # of the sparse matrix is a PCA.
        in_fit = placed[p_codes]
        sums = np.bincount(s_codes[in_fit], weights=vote[in_fit], minlength=m)
        cnts = np.bincount(s_codes[in_fit], minlength=m)
        all_sums = np.bincount(s_codes, weights=vote, minlength=m)
        all_cnts = np.bincount(s_codes, minlength=m)
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.where(cnts > 0, sums / np.maximum(cnts, 1), all_sums / np.maximum(all_cnts, 1))
        centred = sparse.csr_matrix((vote - means[s_codes], (p_codes, s_codes)), shape=(n, m))

        rows = np.flatnonzero(placed)
        k_comp = int(max(0, min(self.n_components, len(rows), m)))
        coords = np.zeros((n, max(k_comp, 2)))
        components = np.zeros((k_comp, m))
        if k_comp > 0:
            fit_matrix = centred[rows]
            if len(rows) * m <= 2_000_000:  # small: exact SVD is cheap and exactly reproducible
                u, s, vt = np.linalg.svd(fit_matrix.toarray(), full_matrices=False)
            else:
                u, s, vt = randomized_svd(fit_matrix, k_comp, n_iter=7, random_state=self.random_state)
            u, vt = svd_flip(u[:, :k_comp], vt[:k_comp])
            components = vt
            proj = np.asarray(centred @ components.T)
            # Pol.is' sparsity-aware projection: scale up people who saw few statements.
            proj *= np.sqrt(m / np.maximum(n_votes, 1))[:, None]
            coords[:, :k_comp] = proj

        groups = np.full(n, -1, dtype=np.int64)
        self.silhouette_ = {}
        if len(rows):
            X = coords[rows, : max(k_comp, 1)]
            n_distinct = len(np.unique(np.round(X, 10), axis=0))
            labels = np.zeros(len(rows), dtype=np.int64)
            if n_distinct >= 3:  # silhouette needs 2 <= k <= n - 1 distinct points
                fits = {}
                for k in range(2, min(self.max_groups, n_distinct - 1) + 1):
                    km = KMeans(n_clusters=k, n_init=10, random_state=self.random_state).fit(X)
                    if len(np.unique(km.labels_)) < 2:
                        continue
                    sample = self.silhouette_sample if len(rows) > self.silhouette_sample else None
                    fits[k] = (
                        float(silhouette_score(X, km.labels_, sample_size=sample, random_state=self.random_state)),
                        km.labels_,
                    )
                self.silhouette_ = {k: score for k, (score, _) in fits.items()}
                if fits:
                    # Parsimony: the fewest groups whose silhouette is within the tolerance of the best. More
                    # groups must fit clearly better to be worth a council's attention.
                    top = max(score for score, _ in fits.values())
                    k_best = min(k for k, (score, _) in fits.items() if score >= top - self.silhouette_tolerance)
                    labels = fits[k_best][1]
            elif n_distinct == 2:
                _, labels = np.unique(np.round(X, 10), axis=0, return_inverse=True)
                labels = labels.ravel()
            # number groups by size (largest = 0), ties by mean first coordinate, for stable output
            uniq = np.unique(labels)
            sizes = np.array([(labels == g).sum() for g in uniq])
            xs = np.array([X[labels == g, 0].mean() for g in uniq])
            order = np.lexsort((xs, -sizes))
            remap = np.empty(uniq.max() + 1, dtype=np.int64)
            remap[uniq[order]] = np.arange(len(uniq))
            groups[rows] = remap[labels]

        index = pd.Index(pids, name="participant_id")
        self.groups_ = pd.Series(groups, index=index, name="group")
        self.coordinates_ = pd.DataFrame(
            {"x": coords[:, 0], "y": coords[:, 1], "n_votes": n_votes, "placed": placed}, index=index
        )
        self.n_groups_ = int(groups.max() + 1) if len(rows) else 0
        self.statement_ids_ = pd.Index(sids, name="statement_id")
        self.components_ = components
        self.means_ = pd.Series(means, index=self.statement_ids_, name="mean")
        return self

    def fit_predict(self, votes: pd.DataFrame, y=None) -> pd.Series:
        return self.fit(votes).groups_


def opinion_groups(
    votes: pd.DataFrame, min_votes: int = 7, max_groups: int = 5, n_components: int = 2, random_state: int | None = 0
) -> pd.Series:
    """Series participant_id -> opinion group (int >= 0; -1 = fewer than ``min_votes`` votes, not placed).

    Pol.is-style: PCA of the participant x statement matrix (missing vote = statement mean), sparsity-aware
    projection, k-means with k chosen by silhouette. See ``OpinionGroups`` and the module docstring.
    """
    return (
        OpinionGroups(min_votes=min_votes, max_groups=max_groups, n_components=n_components, random_state=random_state)
        .fit(votes)
        .groups_
    )
