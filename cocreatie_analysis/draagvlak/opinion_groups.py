"""Opinion groups from votes on statements, following Pol.is' own method closely.

Pol.is places residents who voted on enough statements in a two-dimensional opinion map and splits that map
into 2-5 groups. Its groups are what residents of a Pol.is conversation saw, so a municipality's report should
find the same groups when given the same votes. This module does what Pol.is' math does
(compdemocracy/polis, ``math/src/polismath/math/conversation.clj``, ``pca.clj`` and ``clusters.clj``), with
three deliberate departures, each explained below: a damped sparsity scaling, a final refinement of the
chosen groups, and no top-up of tiny conversations to 15 placed people.

Method
------
1. **Votes.** One row per participant and statement: ``participant_id``, ``statement_id``, ``vote`` (1 agree,
   -1 disagree, 0 pass), checked by `votes.prepare_votes`: a blank vote is no vote; of repeated votes the
   latest counts (by ``timestamp`` when given, else the last row), as in Pol.is.

2. **Withdrawn statements** (``moderated == -1`` in the optional ``statements`` table, read by `moderation`;
   0 = not moderated and 1 = accepted are both used). Pol.is keeps a moderated-out comment as a column of its
   vote matrix and sets that column to 0 for every participant (``conversation.clj``: ``:rating-mat`` is
   ``(nm/zero-out-columns raw-rating-mat mod-out)``). Three consequences, all reproduced here:

   * the statement carries no opinion: its column is constant, so it has no weight in the principal
     components and adds nothing to anyone's position;
   * it counts as *seen by everyone* in the sparsity scaling (step 4): Pol.is' ``sparsity-aware-project-ptpt``
     counts the non-missing entries of the zeroed matrix, and a zero is not missing;
   * votes cast on it still count towards the vote bar (step 3): Pol.is counts a participant's votes for
     ``in-conv`` on the raw matrix (``:user-vote-counts`` from ``raw-rating-mat``), before the zeroing.

   The first two follow Pol.is' source; the last point, which decides who is placed, was also checked on the
   real exports. In 15-per-hour-seattle and
   the two austria-climate conversations the fewest votes of anybody Pol.is placed is exactly 7, counting
   votes on withdrawn statements, and nobody with 7 or more is left out; 31 people placed in the
   austria-climate ones have fewer than 7 votes on statements that were *not* withdrawn, which only the raw
   count explains. Had the zero-filled columns counted as votes for the bar, everybody with a single vote
   would have been placed there (524 and 296 statements were withdrawn); the 317 and 242 people with 1-6
   votes were not. (The older bowling-green and brexit-consensus exports place 2 and 8 early participants
   with fewer than 7 votes; Pol.is' ``in-conv`` set only ever grows, so these presumably date from a time
   with fewer statements or an older rule. We leave them unplaced.)

3. **Who is placed.** Participants with at least ``min(min_votes, number of statements)`` votes (Pol.is'
   ``in-conv`` rule, default 7; withdrawn statements included in both numbers, see above). Everybody else is
   left out of the fit (group -1). Pol.is also tops ``in-conv`` up to 15 people in tiny conversations; that
   is left out here on purpose, as groups of a dozen people mean nothing for a council.

4. **Map.** The participant x statement matrix of the placed people, each statement centred on its mean
   vote among them, a missing vote counting as that mean, so that it contributes nothing (Pol.is' projection
   skips missing votes; counting them as passes instead matched Pol.is' groups far worse, mean ARI 0.24
   against 0.70 on our six conversations). Its first ``n_components`` principal components (exact SVD when
   small, a seeded randomized SVD when large). Every participant, placed or not, is projected onto them
   from their own votes and the projection scaled by

       sqrt((m + P) / (n_i + P))

   with m the number of statements that are not withdrawn, n_i the participant's votes on those, and P the
   number of neutral pseudo-votes everybody is taken to have cast: ``P = max(damping, withdrawn statements)``.

   *Why scale at all*: someone who voted on a tenth of the statements has a projection built from a tenth of
   the terms and would sit near the centre whatever they think; Pol.is multiplies by sqrt(statements / own
   votes) (``sparsity-aware-project-ptpt``).

   *Why damp*: undamped, with hundreds of statements a participant with 7 votes is stretched 5-9 times
   (sqrt(500 / 7) = 8.5) on the strength of 7 votes. The damping treats everybody as having cast P more
   votes, all at the statement mean, so the stretch of the lightest voters shrinks most: with the default
   ``damping=10`` a 7-vote participant among 500 statements is stretched 5.5 times instead of 8.5, one with
   100 votes 2.15 instead of 2.24. Pol.is' withdrawn statements are exactly such pseudo-votes (a zero for
   everybody, counted as seen), so they count towards P, and a conversation with at least ``damping``
   withdrawn statements is scaled exactly as Pol.is scales it.

   *Why this mild*: measured, not assumed. On our six Pol.is conversations with groups, votes given without
   moderation information agree with Pol.is' groups at mean ARI 0.657 undamped and 0.680 with
   ``damping=10``, half of the way to the 0.702 reached with the moderation information; with it
   the damping changes nothing measurable (0.702 undamped against 0.696, the difference being a few
   brexit-consensus participants; in four of the six, withdrawn statements outnumber 10 anyway). A stronger,
   proportional damping (P = 0.2 m, bounding every stretch at 2.45) matched Pol.is equally well without
   moderation information, but recovered planted groups in sparse synthetic votes (10,000 x 500, median 30
   or 60 votes) far worse: ARI 0.86-0.94 undamped, 0.68-0.83 damped. Pulling light voters towards the
   centre of the map puts them in whichever group lies around the centre. ``damping=10`` costs at most
   0.03 there. Nor is a strong damping needed against spurious extra groups: with k chosen over base
   clusters (step 6) even the undamped scaling finds Pol.is' number of groups in all six conversations,
   with or without the moderation information.

5. **Base clusters.** As Pol.is: k-means with up to ``n_base_clusters`` (100) clusters over the placed
   participants' map positions (when there are at most that many distinct positions, each is its own base
   cluster).

6. **Number of groups.** For k = 2 .. min(``max_groups``, 2 + base clusters // 12) (Pol.is' ``max-k-fn``),
   k-means on the base-cluster centres weighted by their sizes, and the silhouette over the base-cluster
   centres (Pol.is computes it there, not over raw participants; a few far-out people then cannot make a
   third or fourth group look good). The fewest groups whose silhouette is within ``silhouette_tolerance``
   (0.02) of the best are chosen: more groups must fit clearly better to be worth a council's attention.

7. **Refinement** (a departure from Pol.is). The chosen groups are polished by k-means over the placed
   participants themselves, started from the chosen group centres. Pol.is gives a participant the group of
   their base cluster; which base clusters k-means happens to find depends on the random draw, and so does
   the side of the border the people near it end up on: over five seeds, the agreement with Pol.is' groups
   moved by up to 0.10 ARI (austria-climate.7z7ejpbmv5: 0.73-0.83). After the refinement
   the groups are a k-means optimum for the participants: over the same five seeds at most 11 of 1,581
   people change group (bowling-green), 3 of 138 in 15-per-hour-seattle, none elsewhere. The number of
   groups is still decided over base clusters.

8. **Numbering.** Groups are numbered by size, 0 the largest (ties: by mean first coordinate), and shown as
   letters A, B, ... as Pol.is does.

People below the vote bar get no group (-1 in ``groups_``). ``indicative_groups_`` gives them, separately,
the group whose centre is nearest to their (damped) position: a report may show it, marked as indicative,
because it rests on fewer than ``min_votes`` votes. People whose only votes are on withdrawn statements have
no position and get -1 there too.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.exceptions import NotFittedError
from sklearn.utils.validation import check_is_fitted

from ..errors import UserError
from .moderation import withdrawn_ids
from .votes import factorize_ids, prepare_votes

__all__ = ["OpinionGroups", "group_letter", "opinion_groups"]

_EXACT_SVD_CELLS = 2_000_000  # up to this many matrix cells an exact (and exactly reproducible) SVD is cheap


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


# ------------------------------------------------------------------------------------------------ input


def _checked_votes(votes: pd.DataFrame, statements: pd.DataFrame | None) -> tuple[pd.DataFrame, set]:
    """The votes as `prepare_votes` checks them (latest vote per person and statement) and the withdrawn ids.

    With ``statements`` every voted statement must be listed there; its ``moderated`` column is checked by
    `moderation.withdrawn_ids`.
    """
    withdrawn = withdrawn_ids(statements)  # checks the table before the votes are matched against it
    return prepare_votes(votes, statements), withdrawn


def _check_int(name: str, value, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise UserError(f"{name} must be an integer of at least {minimum}, got {value!r}")


def _check_number(name: str, value, low: float, high: float | None) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or not np.isfinite(value)
        or value < low
        or (high is not None and value >= high)
    ):
        bound = f"in [{low}, {high})" if high is not None else f"of at least {low}"
        raise UserError(f"{name} must be a number {bound}, got {value!r}")


# ---------------------------------------------------------------------------------------------- estimator


class OpinionGroups(ClusterMixin, BaseEstimator):
    """Pol.is-style opinion groups as a scikit-learn estimator (the method is in the module docstring).

    ``fit`` takes a votes DataFrame (participant_id, statement_id, vote, optional timestamp) rather than a
    matrix, and optionally the statements table with a ``moderated`` column (-1 withdrawn, 0 not moderated,
    1 accepted). The mixins come before ``BaseEstimator``, as scikit-learn requires for the estimator tags.

    Parameters
    ----------
    min_votes : int, default 7
        Participants with fewer votes (withdrawn statements included) are not placed: group -1. Capped at the
        number of statements, as in Pol.is.
    max_groups : int, default 5
        The most groups tried (Pol.is' maximum). Fewer are tried when there are few base clusters.
    n_base_clusters : int, default 100
        The most base clusters (Pol.is: 100) over which the number of groups is chosen.
    n_components : int, default 2
        Principal components of the map (Pol.is: 2).
    silhouette_tolerance : float, default 0.02
        The fewest groups whose silhouette is within this of the best are chosen. Kept from the previous
        implementation: it is what keeps brexit-consensus at Pol.is' two groups, and on our six Pol.is
        conversations it never picks more groups than Pol.is has.
    damping : float, default 10
        Neutral pseudo-votes everybody is taken to have cast in the sparsity scaling
        sqrt((m + P) / (n_i + P)), P = max(damping, withdrawn statements). 0 with no withdrawn statements is
        Pol.is' undamped scaling; larger values pull the lightest voters towards the centre of the map.
    random_state : int, RandomState or None, default 0
        Seed for the randomized SVD (large matrices) and the k-means runs. An int makes ``fit`` deterministic.

    Attributes
    ----------
    groups_ : Series participant_id -> group (int64; -1 = below the vote bar, not placed), named ``group``.
    labels_ : ndarray, the same groups in the order of ``groups_.index`` (scikit-learn's convention).
    indicative_groups_ : Series participant_id -> nearest group, for the participants below the vote bar only
        (-1 when they voted only on withdrawn statements), named ``indicative_group``. Indicative: it rests
        on fewer than ``min_votes`` votes and must be labelled as such wherever it is shown.
    n_groups_ : int, number of groups (0 when nobody could be placed).
    silhouette_ : dict k -> silhouette over the base-cluster centres, for every k tried.
    coordinates_ : DataFrame indexed by participant_id: x, y (first two map coordinates, scaled), n_votes
        (all votes), n_active (votes on statements that are not withdrawn), scale (the sparsity factor
        applied), placed (bool).
    components_ : ndarray (n_components, n_statements): principal axes over ``statement_ids_`` (0 for
        withdrawn statements).
    singular_values_ : ndarray (n_components,).
    means_ : Series statement_id -> mean vote among the placed participants, used for centring.
    statement_ids_ : Index of the statements in the matrix (those with at least one vote).
    withdrawn_ : Index of the withdrawn statements among ``statement_ids_``.
    min_votes_ : int, the vote bar applied (``min(min_votes, number of statements)``).
    pseudo_statements_ : float, P in the scaling (see the module docstring).
    base_clusters_ : Series participant_id -> base cluster, for the placed participants.
    base_centers_ : ndarray (n_base, n_components) and ``base_weights_`` (members per base cluster).
    group_centers_ : ndarray (n_groups_, n_components): centre of each group in the map.
    """

    def __init__(
        self,
        min_votes: int = 7,
        max_groups: int = 5,
        n_base_clusters: int = 100,
        n_components: int = 2,
        silhouette_tolerance: float = 0.02,
        damping: float = 10.0,
        random_state=0,
    ):
        self.min_votes = min_votes
        self.max_groups = max_groups
        self.n_base_clusters = n_base_clusters
        self.n_components = n_components
        self.silhouette_tolerance = silhouette_tolerance
        self.damping = damping
        self.random_state = random_state

    def __getattr__(self, name: str):
        # Only reached when normal lookup failed: a learned attribute (trailing underscore) before ``fit``.
        if name.endswith("_") and not name.startswith("_"):
            raise NotFittedError(f"This OpinionGroups instance is not fitted yet: call 'fit' before using '{name}'.")
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _check_params(self) -> None:
        _check_int("min_votes", self.min_votes, 1)
        _check_int("max_groups", self.max_groups, 2)
        _check_int("n_base_clusters", self.n_base_clusters, 2)
        _check_int("n_components", self.n_components, 1)
        _check_number("silhouette_tolerance", self.silhouette_tolerance, 0.0, 1.0)
        _check_number("damping", self.damping, 0.0, None)

    # -------------------------------------------------------------------------------------------- fit

    def fit(self, votes: pd.DataFrame, statements: pd.DataFrame | None = None, y=None) -> OpinionGroups:
        """Find the opinion groups (the method is in the module docstring). ``y`` is ignored.

        ``statements`` (optional): DataFrame with ``statement_id`` and, when anything was moderated,
        ``moderated`` (-1 withdrawn, 0 not moderated, 1 accepted; blank = 0). When given it must list every
        voted statement. Withdrawn statements are treated as Pol.is does (module docstring, step 2).
        """
        self._check_params()
        v, withdrawn_set = _checked_votes(votes, statements)
        p_codes, pids = factorize_ids(v["participant_id"].to_numpy())
        s_codes, sids = factorize_ids(v["statement_id"].to_numpy())
        n, m = len(pids), len(sids)
        vote = v["vote"].to_numpy(dtype=np.float64)

        withdrawn = np.fromiter((sid in withdrawn_set for sid in sids), dtype=bool, count=m)
        m_active = int(m - withdrawn.sum())
        active_vote = ~withdrawn[s_codes]
        n_votes = np.bincount(p_codes, minlength=n)  # every vote counts for the bar (Pol.is' raw matrix)
        n_active = np.bincount(p_codes[active_vote], minlength=n)
        bar = int(min(self.min_votes, m)) if m else int(self.min_votes)
        placed = n_votes >= bar if m else np.zeros(n, dtype=bool)
        rows = np.flatnonzero(placed)

        # Centre each statement on its mean among the placed participants (all voters when no placed one
        # voted on it): a missing vote then contributes 0 and the placed rows have column means of exactly 0,
        # so an SVD of the sparse centred matrix is a PCA. Withdrawn statements are left out of the matrix,
        # which is the same as Pol.is' column of zeros: constant, no weight in the components.
        pa, sa, va = p_codes[active_vote], s_codes[active_vote], vote[active_vote]
        in_fit = placed[pa]
        sums = np.bincount(sa[in_fit], weights=va[in_fit], minlength=m)
        cnts = np.bincount(sa[in_fit], minlength=m)
        all_sums = np.bincount(sa, weights=va, minlength=m)
        all_cnts = np.bincount(sa, minlength=m)
        means = np.where(cnts > 0, sums / np.maximum(cnts, 1), all_sums / np.maximum(all_cnts, 1))
        means[withdrawn] = 0.0
        centred = sparse.csr_matrix((va - means[sa], (pa, sa)), shape=(n, m))

        d = self.n_components
        components = np.zeros((d, m))
        singular = np.zeros(d)
        k_comp = int(min(d, len(rows), m_active))
        if k_comp > 0:
            fit_matrix = centred[rows]
            if len(rows) * m <= _EXACT_SVD_CELLS:
                _, s, vt = np.linalg.svd(fit_matrix.toarray(), full_matrices=False)
            else:
                from sklearn.utils.extmath import randomized_svd

                _, s, vt = randomized_svd(fit_matrix, k_comp, n_iter=7, random_state=self.random_state)
            vt = vt[:k_comp]
            # deterministic signs: the largest loading of every axis positive
            signs = np.sign(vt[np.arange(k_comp), np.argmax(np.abs(vt), axis=1)])
            signs[signs == 0] = 1.0
            components[:k_comp] = vt * signs[:, None]
            singular[:k_comp] = s[:k_comp]

        pseudo = float(max(self.damping, withdrawn.sum()))
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = np.sqrt((m_active + pseudo) / np.maximum(n_active + pseudo, 1e-12))
        scale[n_active == 0] = 0.0  # no vote on a statement that counts: no position
        coords = np.asarray(centred @ components.T) * scale[:, None]

        self._cluster(coords, rows)

        index = pd.Index(pids, name="participant_id")
        groups = np.full(n, -1, dtype=np.int64)
        groups[rows] = self._placed_labels
        self.groups_ = pd.Series(groups, index=index, name="group")
        self.labels_ = groups
        self.n_groups_ = len(self.group_centers_)
        self.base_clusters_ = pd.Series(self._base_labels, index=index[rows], name="base_cluster", dtype=np.int64)
        below = ~placed
        indicative = self._nearest_group(coords[below], has_position=n_active[below] > 0)
        self.indicative_groups_ = pd.Series(indicative, index=index[below], name="indicative_group", dtype=np.int64)
        padded = np.zeros((n, 2))
        padded[:, : min(d, 2)] = coords[:, : min(d, 2)]
        self.coordinates_ = pd.DataFrame(
            {
                "x": padded[:, 0],
                "y": padded[:, 1],
                "n_votes": n_votes,
                "n_active": n_active,
                "scale": scale,
                "placed": placed,
            },
            index=index,
        )
        self.statement_ids_ = pd.Index(sids, name="statement_id")
        self.withdrawn_ = self.statement_ids_[withdrawn]
        self.components_ = components
        self.singular_values_ = singular
        self.means_ = pd.Series(means, index=self.statement_ids_, name="mean")
        self.min_votes_ = bar
        self.pseudo_statements_ = pseudo
        self._m_active = m_active
        del self._placed_labels, self._base_labels
        return self

    def _cluster(self, coords: np.ndarray, rows: np.ndarray) -> None:
        """Base clusters, number of groups by silhouette over them, refinement; sets the cluster attributes."""
        from sklearn.cluster import KMeans
        from sklearn.metrics import silhouette_score

        X = coords[rows]
        d = coords.shape[1]
        self.silhouette_ = {}
        self.base_centers_ = np.zeros((0, d))
        self.base_weights_ = np.zeros(0, dtype=np.int64)
        self.group_centers_ = np.zeros((0, d))
        self._base_labels = np.zeros(len(rows), dtype=np.int64)
        self._placed_labels = np.zeros(len(rows), dtype=np.int64)
        if len(rows) == 0:
            return
        distinct, inverse = np.unique(np.round(X, 10), axis=0, return_inverse=True)
        inverse = inverse.ravel()
        if len(distinct) <= self.n_base_clusters:  # every distinct position its own base cluster
            base_labels = inverse
            centers = np.array([X[inverse == b].mean(axis=0) for b in range(len(distinct))])
        else:
            base = KMeans(n_clusters=self.n_base_clusters, n_init=3, random_state=self.random_state).fit(X)
            used, base_labels = np.unique(base.labels_, return_inverse=True)  # drop empty base clusters
            centers = base.cluster_centers_[used]
        weights = np.bincount(base_labels, minlength=len(centers))
        self.base_centers_, self.base_weights_ = centers, weights
        self._base_labels = base_labels.astype(np.int64)
        n_base = len(centers)

        if n_base == 1:
            labels = np.zeros(len(rows), dtype=np.int64)
        elif n_base == 2:  # two positions: two groups, nothing to choose
            labels = base_labels.astype(np.int64)
        else:
            max_k = min(self.max_groups, 2 + n_base // 12, n_base - 1)  # Pol.is' max-k-fn; silhouette: k < n
            fits = {}
            for k in range(2, max_k + 1):
                km = KMeans(n_clusters=k, n_init=10, random_state=self.random_state).fit(centers, sample_weight=weights)
                if len(np.unique(km.labels_)) < 2:
                    continue
                fits[k] = (float(silhouette_score(centers, km.labels_)), km.labels_)
            self.silhouette_ = {k: score for k, (score, _) in fits.items()}
            if not fits:
                labels = np.zeros(len(rows), dtype=np.int64)
            else:
                top = max(score for score, _ in fits.values())
                k_best = min(k for k, (score, _) in fits.items() if score >= top - self.silhouette_tolerance)
                base_groups = fits[k_best][1]
                start = np.array(
                    [
                        np.average(centers[base_groups == g], axis=0, weights=weights[base_groups == g])
                        for g in range(k_best)
                    ]
                )
                refined = KMeans(n_clusters=k_best, init=start, n_init=1, random_state=self.random_state).fit(X)
                labels = refined.labels_.astype(np.int64)
        # number the groups by size, 0 the largest; ties by mean first coordinate
        uniq = np.unique(labels)
        sizes = np.array([(labels == g).sum() for g in uniq])
        first = np.array([X[labels == g, 0].mean() for g in uniq])
        order = np.lexsort((first, -sizes))
        remap = np.empty(uniq.max() + 1, dtype=np.int64)
        remap[uniq[order]] = np.arange(len(uniq))
        labels = remap[labels]
        self._placed_labels = labels
        self.group_centers_ = np.array([X[labels == g].mean(axis=0) for g in range(len(uniq))])

    def _nearest_group(self, coords: np.ndarray, has_position: np.ndarray) -> np.ndarray:
        out = np.full(len(coords), -1, dtype=np.int64)
        if len(self.group_centers_) and len(coords):
            dist = ((coords[:, None, :] - self.group_centers_[None, :, :]) ** 2).sum(axis=2)
            out = np.where(has_position, dist.argmin(axis=1), -1).astype(np.int64)
        return out

    # ------------------------------------------------------------------------------------------ predict

    def transform(self, votes: pd.DataFrame) -> pd.DataFrame:
        """Map positions (the scaled projection) of the participants in ``votes``, with the fitted map.

        Votes on statements the fit did not see are ignored; withdrawn statements are those of the fit.
        Returns a DataFrame indexed by participant_id with one column per component (pc1, pc2, ...) and
        n_active (votes that count for the position).
        """
        check_is_fitted(self, "groups_")
        v = prepare_votes(votes)
        col = self.statement_ids_.get_indexer(v["statement_id"])
        active = ~self.statement_ids_.isin(self.withdrawn_)
        keep = col >= 0
        keep[keep] = active[col[keep]]
        p_codes, pids = factorize_ids(v["participant_id"].to_numpy())
        n = len(pids)
        pa, sa = p_codes[keep], col[keep]
        values = v["vote"].to_numpy(dtype=np.float64)[keep] - self.means_.to_numpy()[sa]
        matrix = sparse.csr_matrix((values, (pa, sa)), shape=(n, len(self.statement_ids_)))
        n_active = np.bincount(pa, minlength=n)
        pseudo = self.pseudo_statements_
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = np.sqrt((self._m_active + pseudo) / np.maximum(n_active + pseudo, 1e-12))
        scale[n_active == 0] = 0.0
        coords = np.asarray(matrix @ self.components_.T) * scale[:, None]
        out = pd.DataFrame(
            coords, index=pd.Index(pids, name="participant_id"), columns=[f"pc{i + 1}" for i in range(coords.shape[1])]
        )
        out["n_active"] = n_active
        return out

    def predict(self, votes: pd.DataFrame) -> pd.Series:
        """Nearest fitted group for every participant in ``votes`` (-1: no vote on a fitted statement).

        No vote bar is applied: for participants with fewer than ``min_votes`` votes the answer is
        indicative. For the placed participants of the fitted votes it equals ``groups_``.
        """
        pos = self.transform(votes)
        coords = pos.drop(columns="n_active").to_numpy()
        groups = self._nearest_group(coords, has_position=pos["n_active"].to_numpy() > 0)
        return pd.Series(groups, index=pos.index, name="group")

    def fit_predict(self, votes: pd.DataFrame, statements: pd.DataFrame | None = None, y=None) -> pd.Series:
        """``fit`` and return ``groups_`` (a Series participant_id -> group, -1 not placed)."""
        return self.fit(votes, statements).groups_


def opinion_groups(
    votes: pd.DataFrame, statements: pd.DataFrame | None = None, min_votes: int = 7, max_groups: int = 5, random_state=0
) -> pd.Series:
    """Series participant_id -> opinion group (int >= 0; -1 = fewer than ``min_votes`` votes, not placed).

    Shorthand for ``OpinionGroups(...).fit(votes, statements=statements).groups_``; see the module docstring.
    """
    return (
        OpinionGroups(min_votes=min_votes, max_groups=max_groups, random_state=random_state)
        .fit(votes, statements=statements)
        .groups_
    )
