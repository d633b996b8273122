"""Draagvlak: is there support for a statement, among whom, and can the council rely on it?

A majority of the usual suspects is not draagvlak. This module turns votes on statements into figures a
council can weigh: raw and population-weighted support with intervals, support per target group, opinion
groups in the spirit of Pol.is, group-informed consensus, divisiveness, and a verdict per statement whose
rules the council sets per participation level in ``gemeente.yaml``.

Votes
-----
One row per participant and statement: ``participant_id``, ``statement_id``, ``vote`` with 1 = agree (eens),
-1 = disagree (oneens), 0 = pass / neutral (neutraal, weet niet), and an optional ``timestamp``. ``io`` maps
the municipality's own answers to these codes; the mapping we recommend is

=====================================================================  =====
answer                                                                 vote
=====================================================================  =====
eens, helemaal eens, mee eens, ja, voor; 4-5 on a 1-5 scale, 5-7 on 1-7   1
neutraal, geen mening, weet niet, pas / pass; 3 on 1-5, 4 on 1-7         0
oneens, helemaal oneens, mee oneens, nee, tegen; 1-2 on 1-5, 1-3 on 1-7  -1
=====================================================================  =====

(``RECOMMENDED_VOTE_VALUES`` is ``io.DEFAULT_VOTE_VALUES``, the list io applies.) Strength ("helemaal") is deliberately dropped: Pol.is,
the consensus formula and the verdict rules all work with agree / disagree / pass, and a "helemaal eens" is
not more draagvlak than an "eens". A blank answer is no vote (the row is dropped), not a pass.

Treatment of awkward input (documented, never silent crashes):

* duplicate votes (same participant and statement): the latest counts, by ``timestamp`` when that column is
  present, else the last row in the table (a changed mind replaces the earlier vote, as in Pol.is);
* votes for a statement that is not in ``statements`` or for a participant not in ``participants``:
  ``ValueError`` naming (up to ten of) the ids;
* a statement nobody voted on: kept, with 0 votes, no support figure and verdict "onvoldoende basis";
* one participant only, or all votes identical: every placed participant ends up in opinion group 0 (there
  is nothing to split); consensus and support are still computed.

Support and its intervals
-------------------------
``support`` is the share of *all* votes on a statement that agree, passes included: a pass or a "neutraal" is
not support, and this is the same denominator Pol.is uses in its reports and in the consensus formula
("seen"). ``opposition`` and ``pass_share`` complete the picture. The interval is the 95% **Wilson** score
interval. ``support_weighted`` uses the reach weights (raking to the population): the weighted share of agree
votes among the voters that have a weight (voters without a weight are left out of the weighted figure); its
interval is the Wilson interval with the **Kish effective sample size** ``n_effective = (sum w)^2 / sum w^2``
of those voters in place of n (an approximation that widens the interval as weights become uneven). Without
weights the weighted columns are empty (NaN) and ``n_effective`` equals ``n_votes``.

Opinion groups (Pol.is spirit)
------------------------------
``opinion_groups`` builds the participant x statement matrix, centres every statement on its mean vote among
the participants being placed, and treats a missing vote as that mean (so it adds nothing). It takes the
first two principal components, scales each participant's projection by sqrt(statements / own votes) (Pol.is'
"sparsity-aware" projection, so someone who voted on few statements is not pulled to the centre), and runs
k-means for k = 2 .. ``max_groups`` choosing k by the silhouette score (the smallest k within 0.02 of the best
silhouette: more groups must fit clearly better; this is what makes brexit-consensus come out with Pol.is'
two groups instead of three). Participants with fewer than
``min_votes`` votes (default 7, Pol.is' rule; at most the number of statements) are not placed (group -1).
Groups are numbered by size, 0 the largest, and shown as letters (A, B, ...), as Pol.is does.

Consensus and divisiveness
--------------------------
``group_informed_consensus`` is exactly Pol.is' group-informed consensus: the product over the groups of
(A + 1) / (S + 2), A the group's agree votes and S every vote it cast on the statement (passes included); a
group without votes on the statement contributes 1/2. Unplaced participants (-1) do not count. ``consensus``
in ``assess`` is that figure over the opinion groups. ``consensus_demographic`` applies the same formula to
the demographic categories (all dimensions, categories with at least ``min_cell_size`` voters on the
statement) and takes its geometric mean over those groups (product ** (1 / number of groups)), so that it
reads as "the smoothed agree share of a typical group" and does not shrink merely because a municipality has
many categories. ``divisiveness`` is half the range, over the opinion groups, of the smoothed net agreement
(A - D) / (S + 2): 0 when all groups lean the same way, near 1 when one group agrees and another disagrees
unanimously; groups that mostly pass do not make a statement divisive.

Verdicts
--------
Per statement, with the rules of its participation level (see ``DEFAULT_RULES`` and ``check_rules``) and the
weighted support when weights are given (else the raw support), in this order:

1. **onvoldoende basis** — fewer than ``min_votes`` votes; or the level has ``require_reach`` and the reach was
   insufficient (some group under-represented) or could not be checked (no representation table);
2. **verdeeld** — the opinion groups clearly disagree: ``divisiveness >= max_divisiveness``;
3. **breed draagvlak** — the lower bound of the support interval is at least ``support``, the support itself
   at least ``broad_support``, and every opinion group and demographic category shown (at least
   ``min_cell_size`` voters) has support of at least ``min_group_support``;
4. **draagvlak** — the lower bound of the support interval is at least ``support``;
5. **geen draagvlak** — the upper bound of the support interval is below ``support``;
6. **verdeeld** — otherwise: the interval straddles the threshold, support is too close to call.

A group "differs" (and is named in the reasons) when its support is at least ``group_difference`` away from
the overall support and its own Wilson interval excludes the overall figure.

Indicative draagvlak without votes
----------------------------------
``indicative_draagvlak`` gives, per opgave (theme), the share of participants whose input on it is positive
minus the share negative (sentiment above / below +-0.05, one voice per participant: a participant's inputs
on a theme are averaged first). The interval is a Wald interval for the difference of two multinomial shares
with one pseudo-observation added to each of positive, neutral and negative (Agresti-Caffo style), clipped to
[-1, 1]. It is always labelled indicative: sentiment in free text is not a vote.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from .config import PARTICIPATION_LEVELS
from .io import DEFAULT_VOTE_VALUES
from .reach import dimension_label, wilson_interval  # shared with reach: one implementation each

__all__ = [
    "LEVELS",
    "DEFAULT_RULES",
    "RECOMMENDED_VOTE_VALUES",
    "VERDICT_CODES",
    "OpinionGroups",
    "opinion_groups",
    "group_informed_consensus",
    "group_letter",
    "wilson_interval",
    "kish_effective_n",
    "check_rules",
    "assess",
    "indicative_draagvlak",
]

Z95 = 1.959963984540054
LEVELS = PARTICIPATION_LEVELS  # from least to most say for residents

RECOMMENDED_VOTE_VALUES = DEFAULT_VOTE_VALUES  # one word list, applied by io when votes are read

# Defaults per participation level. The more say residents get, the more votes, the clearer the majority and
# the broader the reach the council should ask for before calling something draagvlak.
DEFAULT_RULES: dict[str, dict] = {
    "informeren": {"min_votes": 10, "support": 0.50, "broad_support": 0.67, "min_group_support": 0.40,
                   "max_divisiveness": 0.50, "group_difference": 0.15, "require_reach": False},
    "raadplegen": {"min_votes": 30, "support": 0.50, "broad_support": 0.67, "min_group_support": 0.40,
                   "max_divisiveness": 0.50, "group_difference": 0.15, "require_reach": False},
    "adviseren": {"min_votes": 50, "support": 0.50, "broad_support": 0.67, "min_group_support": 0.45,
                  "max_divisiveness": 0.45, "group_difference": 0.15, "require_reach": False},
    "coproduceren": {"min_votes": 50, "support": 0.55, "broad_support": 0.70, "min_group_support": 0.50,
                     "max_divisiveness": 0.40, "group_difference": 0.15, "require_reach": False},
    "meebeslissen": {"min_votes": 100, "support": 0.60, "broad_support": 0.75, "min_group_support": 0.50,
                     "max_divisiveness": 0.40, "group_difference": 0.15, "require_reach": True},
}
_RULE_KINDS = {"min_votes": "count", "support": "share", "broad_support": "share",
               "min_group_support": "share", "max_divisiveness": "share", "group_difference": "share",
               "require_reach": "bool"}

VERDICT_CODES = ("broad_support", "support", "divided", "no_support", "insufficient")
_VERDICT_LABELS = {
    "nl": {"broad_support": "breed draagvlak", "support": "draagvlak", "divided": "verdeeld",
           "no_support": "geen draagvlak", "insufficient": "onvoldoende basis"},
    "en": {"broad_support": "broad support", "support": "support", "divided": "divided",
           "no_support": "no support", "insufficient": "insufficient basis"},
}
_INDICATIVE_LABELS = {
    "nl": {"support": "indicatief draagvlak", "divided": "indicatief verdeeld",
           "no_support": "indicatief geen draagvlak", "insufficient": "onvoldoende basis"},
    "en": {"support": "indicative support", "divided": "indicatively divided",
           "no_support": "indicatively no support", "insufficient": "insufficient basis"},
}
OPINION_DIMENSION = "opinion_group"


# --------------------------------------------------------------------------------------------- helpers

def _check_language(language: str) -> str:
    if language not in ("nl", "en"):
        raise ValueError(f"language must be 'nl' or 'en', got {language!r}")
    return language


def _list_ids(ids, limit: int = 10) -> str:
    ids = list(ids)
    shown = ", ".join(repr(i.item() if hasattr(i, "item") else i) for i in ids[:limit])
    return shown + (f" (and {len(ids) - limit} more)" if len(ids) > limit else "")


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


def kish_effective_n(weights) -> float:
    """Kish's effective sample size (sum w)^2 / sum w^2; equals n for equal weights, 0 for none."""
    w = np.asarray(weights, dtype=float)
    w = w[np.isfinite(w)]
    s2 = float(np.sum(w * w))
    return float(np.sum(w)) ** 2 / s2 if s2 > 0 else 0.0


def _prepare_votes(votes: pd.DataFrame, statements: pd.DataFrame | None = None,
                   participants: pd.DataFrame | None = None) -> pd.DataFrame:
    """Validate votes and keep the latest vote per participant and statement (see module docstring)."""
    if not isinstance(votes, pd.DataFrame):
        raise ValueError(f"votes must be a pandas DataFrame, got {type(votes).__name__}")
    missing = [c for c in ("participant_id", "statement_id", "vote") if c not in votes.columns]
    if missing:
        raise ValueError(f"votes: missing column(s) {', '.join(missing)}; "
                         "expected participant_id, statement_id, vote")
    cols = ["participant_id", "statement_id", "vote"] + (["timestamp"] if "timestamp" in votes.columns else [])
    v = votes[cols].copy()
    if v["participant_id"].isna().any() or v["statement_id"].isna().any():
        rows = v.index[v["participant_id"].isna() | v["statement_id"].isna()]
        raise ValueError(f"votes: empty participant_id or statement_id in row(s) {_list_ids(rows)}")
    vote = pd.to_numeric(v["vote"], errors="coerce")
    bad = v["vote"].notna() & ~vote.isin([-1, 0, 1])
    if bad.any():
        examples = _list_ids(pd.unique(v.loc[bad, "vote"]))
        raise ValueError(f"votes: column 'vote' must be 1 (agree), -1 (disagree) or 0 (pass); found {examples} "
                         f"in row(s) {_list_ids(v.index[bad])}. Map Likert answers in gemeente.yaml `values:`.")
    v["vote"] = vote
    v = v[v["vote"].notna()]  # a blank answer is no vote
    v["vote"] = v["vote"].astype(np.int8)
    if "timestamp" in v.columns:
        ts = v["timestamp"]
        if not pd.api.types.is_numeric_dtype(ts):
            ts = pd.to_datetime(ts, errors="coerce", utc=True, format="mixed")
        # stable sort: equal or missing timestamps keep their row order, so "last row" breaks ties
        order = np.argsort(ts.rank(method="first", na_option="top").to_numpy(), kind="stable")
        v = v.iloc[order]
    v = v.drop_duplicates(["participant_id", "statement_id"], keep="last")
    if statements is not None:
        known = pd.Index(statements["statement_id"])
        unknown = pd.unique(v.loc[~v["statement_id"].isin(known), "statement_id"])
        if len(unknown):
            raise ValueError(f"votes: {len(unknown)} statement_id(s) not in statements: {_list_ids(unknown)}")
    if participants is not None:
        known = pd.Index(participants["participant_id"])
        unknown = pd.unique(v.loc[~v["participant_id"].isin(known), "participant_id"])
        if len(unknown):
            raise ValueError(f"votes: {len(unknown)} participant_id(s) not in participants: {_list_ids(unknown)}")
    return v[["participant_id", "statement_id", "vote"]].reset_index(drop=True)


def _factorize(values):
    try:
        return pd.factorize(values, sort=True)
    except TypeError:  # mixed id types cannot be sorted; order of appearance is still deterministic
        return pd.factorize(values, sort=False)


# ------------------------------------------------------------------------------------- opinion groups

class OpinionGroups:
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

    def __init__(self, min_votes: int = 7, max_groups: int = 5, n_components: int = 2,
                 silhouette_tolerance: float = 0.02, silhouette_sample: int = 3000,
                 random_state: int | None = 0):
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
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        if self.max_groups < 2:
            raise ValueError(f"max_groups must be at least 2, got {self.max_groups!r}")
        tol = self.silhouette_tolerance
        if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 <= tol < 1:
            raise ValueError(f"silhouette_tolerance must be a number in [0, 1), got {tol!r}")

    def fit(self, votes: pd.DataFrame, y=None) -> "OpinionGroups":
        from sklearn.cluster import KMeans
        from sklearn.metrics import silhouette_score
        from sklearn.utils.extmath import randomized_svd, svd_flip

        self._check_params()
        v = _prepare_votes(votes)
        p_codes, pids = _factorize(v["participant_id"].to_numpy())
        s_codes, sids = _factorize(v["statement_id"].to_numpy())
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
            X = coords[rows, :max(k_comp, 1)]
            n_distinct = len(np.unique(np.round(X, 10), axis=0))
            labels = np.zeros(len(rows), dtype=np.int64)
            if n_distinct >= 3:  # silhouette needs 2 <= k <= n - 1 distinct points
                fits = {}
                for k in range(2, min(self.max_groups, n_distinct - 1) + 1):
                    km = KMeans(n_clusters=k, n_init=10, random_state=self.random_state).fit(X)
                    if len(np.unique(km.labels_)) < 2:
                        continue
                    sample = self.silhouette_sample if len(rows) > self.silhouette_sample else None
                    fits[k] = (float(silhouette_score(X, km.labels_, sample_size=sample,
                                                      random_state=self.random_state)), km.labels_)
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
        self.coordinates_ = pd.DataFrame({"x": coords[:, 0], "y": coords[:, 1], "n_votes": n_votes,
                                          "placed": placed}, index=index)
        self.n_groups_ = int(groups.max() + 1) if len(rows) else 0
        self.statement_ids_ = pd.Index(sids, name="statement_id")
        self.components_ = components
        self.means_ = pd.Series(means, index=self.statement_ids_, name="mean")
        return self

    def fit_predict(self, votes: pd.DataFrame, y=None) -> pd.Series:
        return self.fit(votes).groups_


def opinion_groups(votes: pd.DataFrame, min_votes: int = 7, max_groups: int = 5, n_components: int = 2,
                   random_state: int | None = 0) -> pd.Series:
    """Series participant_id -> opinion group (int >= 0; -1 = fewer than ``min_votes`` votes, not placed).

    Pol.is-style: PCA of the participant x statement matrix (missing vote = statement mean), sparsity-aware
    projection, k-means with k chosen by silhouette. See ``OpinionGroups`` and the module docstring.
    """
    return OpinionGroups(min_votes=min_votes, max_groups=max_groups, n_components=n_components,
                         random_state=random_state).fit(votes).groups_


def _group_counts(votes: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """Agree / disagree / seen counts per statement and group (votes of participants in ``groups`` only)."""
    g = groups[groups.notna()]
    g = g[~g.isin([-1])]
    v = votes.merge(g.rename("_group").rename_axis("participant_id").reset_index(), on="participant_id",
                    how="inner")
    agg = (v.assign(A=(v["vote"] == 1).astype(int), D=(v["vote"] == -1).astype(int), S=1)
           .groupby(["statement_id", "_group"], sort=False)[["A", "D", "S"]].sum())
    return agg


def group_informed_consensus(votes: pd.DataFrame, groups: pd.Series) -> pd.Series:
    """Pol.is' group-informed consensus per statement: prod over groups of (A + 1) / (S + 2).

    ``votes``: participant_id, statement_id, vote (duplicates resolved as in ``assess``). ``groups``: Series
    participant_id -> group (opinion groups or any categories). A is the group's agree votes on the statement,
    S all its votes including passes; a group with no vote on it contributes 1/2. Participants with group -1
    or NaN, or not in ``groups``, are left out (as Pol.is leaves out participants it did not place). Returns
    a Series indexed by statement_id (every statement in ``votes``) named ``consensus``; NaN when there are
    no groups at all.
    """
    v = _prepare_votes(votes)
    if not isinstance(groups, pd.Series):
        raise ValueError(f"groups must be a pandas Series participant_id -> group, got {type(groups).__name__}")
    statement_ids = pd.Index(pd.unique(v["statement_id"]), name="statement_id")
    g = groups[groups.notna() & ~groups.isin([-1])]
    all_groups = pd.unique(g)
    if len(all_groups) == 0:
        return pd.Series(np.nan, index=statement_ids, name="consensus")
    agg = _group_counts(v, g)
    a = agg["A"].unstack("_group").reindex(index=statement_ids, columns=all_groups).fillna(0.0)
    s = agg["S"].unstack("_group").reindex(index=statement_ids, columns=all_groups).fillna(0.0)
    ratio = (a.to_numpy(float) + 1.0) / (s.to_numpy(float) + 2.0)
    return pd.Series(np.prod(ratio, axis=1), index=statement_ids, name="consensus")


# ------------------------------------------------------------------------------------------- rules

def check_rules(rules: Mapping | None) -> dict[str, dict]:
    """The draagvlak rules from ``gemeente.yaml`` merged with ``DEFAULT_RULES``; level -> complete rule dict.

    Accepted shapes (all optional)::

        draagvlak:
          support: 0.55            # a rule at the top level applies to every level ...
          meebeslissen:            # ... a rule under a level overrides it for that level
            min_votes: 200
            require_reach: true

    Rules: ``min_votes`` (integer >= 1), ``support``, ``broad_support``, ``min_group_support``,
    ``max_divisiveness``, ``group_difference`` (numbers between 0 and 1), ``require_reach`` (true/false);
    ``broad_support`` must be at least ``support``. Raises ``ValueError`` naming the key path
    (e.g. ``draagvlak.raadplegen.support``) on anything else. The output is accepted again unchanged.
    """
    merged = {level: dict(values) for level, values in DEFAULT_RULES.items()}
    if rules is None:
        return merged
    if not isinstance(rules, Mapping):
        raise ValueError(f"draagvlak: expected a mapping of rules, got {type(rules).__name__}")

    def check_value(path: str, key: str, value):
        kind = _RULE_KINDS[key]
        if kind == "bool":
            if not isinstance(value, (bool, np.bool_)):
                raise ValueError(f"{path}: must be true or false, got {value!r}")
            return bool(value)
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)) \
                or not math.isfinite(float(value)):
            raise ValueError(f"{path}: must be a number, got {value!r}")
        if kind == "count":
            if float(value) != int(value) or value < 1:
                raise ValueError(f"{path}: must be a whole number of at least 1, got {value!r}")
            return int(value)
        if not 0.0 <= float(value) <= 1.0:
            raise ValueError(f"{path}: must be a share between 0 and 1 (e.g. 0.5 for 50%), got {value!r}")
        return float(value)

    for key, value in rules.items():
        if key in _RULE_KINDS:
            checked = check_value(f"draagvlak.{key}", key, value)
            for level in LEVELS:
                merged[level][key] = checked
    for key, value in rules.items():
        if key in _RULE_KINDS:
            continue
        if key not in LEVELS:
            raise ValueError(f"draagvlak.{key}: unknown key; expected a participation level "
                             f"({', '.join(LEVELS)}) or a rule ({', '.join(_RULE_KINDS)})")
        if value is None:
            continue
        if not isinstance(value, Mapping):
            raise ValueError(f"draagvlak.{key}: expected a mapping of rules, got {value!r}")
        for rule, rule_value in value.items():
            if rule not in _RULE_KINDS:
                raise ValueError(f"draagvlak.{key}.{rule}: unknown rule; expected one of "
                                 f"{', '.join(_RULE_KINDS)}")
            merged[key][rule] = check_value(f"draagvlak.{key}.{rule}", rule, rule_value)
    for level, values in merged.items():
        if values["broad_support"] < values["support"]:
            raise ValueError(f"draagvlak.{level}.broad_support: must be at least support "
                             f"({values['support']}), got {values['broad_support']}")
    return merged


# ------------------------------------------------------------------------------------------ assess

def _pct(x) -> str:
    return "–" if x is None or not np.isfinite(x) else f"{100 * x:.0f}%"


def _dec(x: float) -> str:
    """Two decimals with a Dutch decimal comma."""
    return f"{x:.2f}".replace(".", ",")


def _pct_range(lo, hi) -> str:
    if lo is None or not (np.isfinite(lo) and np.isfinite(hi)):
        return "–"
    return f"{100 * lo:.0f}–{100 * hi:.0f}%"


def _cell_label(dimension: str, category: str, language: str) -> str:
    return f"{dimension_label(dimension, language)} {category}"


def _join(items: list[str], language: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" en " if language == "nl" else " and ") + items[-1]


def _demographic_long(participants: pd.DataFrame | None, dimensions: Sequence[str]) -> pd.DataFrame:
    """participant_id, dimension, category (str) for every participant and dimension with a known value."""
    cols = ["participant_id", "dimension", "category"]
    if participants is None or not dimensions:
        return pd.DataFrame(columns=cols)
    frames = []
    for dim in dimensions:
        if dim not in participants.columns:
            raise ValueError(f"participants: dimension {dim!r} is not a column; columns are "
                             f"{', '.join(map(str, participants.columns))}")
        part = participants[["participant_id", dim]].dropna()
        values = part[dim]
        if pd.api.types.is_float_dtype(values) and (values % 1 == 0).all():
            values = values.astype(np.int64)  # 1.0 -> "1": integer codes read back as floats because of blanks
        frames.append(pd.DataFrame({"participant_id": part["participant_id"].to_numpy(), "dimension": dim,
                                    "category": values.astype(str).str.strip().to_numpy()}))
    return pd.concat(frames, ignore_index=True).drop_duplicates(["participant_id", "dimension"], keep="last")


def _cell_support(votes: pd.DataFrame, cells: pd.DataFrame, min_cell_size: int) -> pd.DataFrame:
    """Support per statement and (dimension, category) cell, small cells suppressed."""
    cols = ["statement_id", "dimension", "category", "n", "n_agree", "n_disagree", "support", "low", "high",
            "suppressed"]
    if cells.empty:
        return pd.DataFrame(columns=cols)
    v = votes.merge(cells, on="participant_id", how="inner")
    agg = (v.assign(n=1, n_agree=(v["vote"] == 1).astype(int), n_disagree=(v["vote"] == -1).astype(int))
           .groupby(["statement_id", "dimension", "category"], sort=False)[["n", "n_agree", "n_disagree"]]
           .sum().reset_index())
    agg["support"] = agg["n_agree"] / agg["n"]
    agg["low"], agg["high"] = wilson_interval(agg["support"], agg["n"])
    agg["suppressed"] = agg["n"] < min_cell_size
    for c in ("n", "n_agree", "n_disagree"):
        agg[c] = agg[c].astype("Int64")
        agg.loc[agg["suppressed"], c] = pd.NA
    agg.loc[agg["suppressed"], ["support", "low", "high"]] = np.nan
    return agg[cols]


def _reach_status(representation: pd.DataFrame | None, language: str):
    """(sufficient: bool | None, sentence, under-represented labels)."""
    if representation is None:
        text = ("Het bereik is niet getoetst (geen bevolkingsgegevens)." if language == "nl"
                else "Reach was not checked (no population figures).")
        return None, text, []
    if "under_represented" not in representation.columns:
        raise ValueError("representation: missing column 'under_represented'")
    under = representation[representation["under_represented"].fillna(False).astype(bool)]
    labels = [_cell_label(str(r.dimension), str(r.category), language) for r in under.itertuples()]
    if not labels:
        text = ("Het bereik was voldoende: geen doelgroep is duidelijk ondervertegenwoordigd." if language == "nl"
                else "Reach was sufficient: no target group is clearly under-represented.")
        return True, text, []
    if language == "nl":
        text = (f"Het bereik was onvoldoende: ondervertegenwoordigd {'is' if len(labels) == 1 else 'zijn'} "
                f"{_join(labels, language)}.")
    else:
        text = f"Reach was insufficient: under-represented {'is' if len(labels) == 1 else 'are'} " \
               f"{_join(labels, language)}."
    return False, text, labels


def assess(votes: pd.DataFrame, statements: pd.DataFrame, participants: pd.DataFrame | None = None,
           weights: pd.Series | None = None, dimensions: Sequence[str] = (),
           representation: pd.DataFrame | None = None, participation_levels: Mapping | None = None,
           default_level: str = "raadplegen", rules: Mapping | None = None, min_cell_size: int = 10,
           language: str = "nl", random_state: int | None = 0) -> dict[str, pd.DataFrame]:
    """The draagvlak assessment: one dict of parquet-safe DataFrames (see the module docstring for methods).

    Keys and columns:

    * ``statements``: statement_id, text, theme, level, n_votes, n_agree, n_disagree, n_pass, support,
      support_low, support_high, opposition, pass_share, support_weighted, weighted_low, weighted_high,
      n_effective, consensus, consensus_demographic, divisiveness, verdict_code, verdict, reasons.
    * ``group_support``: statement_id, dimension, category, n, n_agree, n_disagree, support, low, high,
      suppressed — per demographic category and per opinion group (dimension ``opinion_group``, category the
      group letter); cells with fewer than ``min_cell_size`` voters have their figures blanked.
    * ``opinion_groups``: participant_id, group, label, x, y, n_votes (x, y: the projection, for a map).
    * ``group_profiles``: group, label, n, rank, statement_id, text, direction (agree/disagree),
      share_group, share_rest, agree_group, agree_rest, repness, repness_test, score, significant — the
      statements that characterise each group (Pol.is' representativeness; groups below ``min_cell_size``
      are left out).
    * ``group_composition``: group, label, n, dimension, category, count, share, share_all, suppressed.
    * ``rules``: level plus one column per rule, the rules in force.

    ``dimensions`` are columns of ``participants`` (ignored without participants); participants with an empty
    value are left out of that dimension. ``representation`` is reach's table (dimension, category, ...,
    under_represented); only ``under_represented`` is used, for the reasons and ``require_reach``.
    ``participation_levels`` maps a statement's theme to its level, else ``default_level``. Ids must be of
    one type per column (io reads them as text) for the tables to be parquet-safe.
    """
    language = _check_language(language)
    rules = check_rules(rules)
    if default_level not in LEVELS:
        raise ValueError(f"default participation level {default_level!r} is not one of {', '.join(LEVELS)}")
    participation_levels = dict(participation_levels or {})
    for theme, level in participation_levels.items():
        if level not in LEVELS:
            raise ValueError(f"process.participation_levels.{theme}: {level!r} is not one of {', '.join(LEVELS)}")
    if isinstance(min_cell_size, bool) or not isinstance(min_cell_size, (int, np.integer)) or min_cell_size < 1:
        raise ValueError(f"min_cell_size must be a positive integer, got {min_cell_size!r}")
    if not isinstance(statements, pd.DataFrame) or not {"statement_id", "text"} <= set(statements.columns):
        raise ValueError("statements: expected a DataFrame with columns statement_id, text (and theme)")
    dup = statements["statement_id"][statements["statement_id"].duplicated()]
    if len(dup):
        raise ValueError(f"statements: duplicate statement_id(s) {_list_ids(pd.unique(dup))}")
    if participants is not None and "participant_id" not in participants.columns:
        raise ValueError("participants: missing column participant_id")
    dimensions = list(dimensions or [])

    v = _prepare_votes(votes, statements, participants)
    st = statements.copy()
    if "theme" not in st.columns:
        st["theme"] = None
    st = st[["statement_id", "text", "theme"]].reset_index(drop=True)
    st["level"] = [participation_levels.get(t, default_level) if isinstance(t, str) else default_level
                   for t in st["theme"]]

    # ---- counts and raw support
    counts = (v.assign(n_votes=1, n_agree=(v["vote"] == 1).astype(int), n_disagree=(v["vote"] == -1).astype(int),
                       n_pass=(v["vote"] == 0).astype(int))
              .groupby("statement_id")[["n_votes", "n_agree", "n_disagree", "n_pass"]].sum())
    out = st.merge(counts, left_on="statement_id", right_index=True, how="left")
    for c in ("n_votes", "n_agree", "n_disagree", "n_pass"):
        out[c] = out[c].fillna(0).astype(np.int64)
    n = out["n_votes"].to_numpy(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["support"] = np.where(n > 0, out["n_agree"] / n, np.nan)
        out["opposition"] = np.where(n > 0, out["n_disagree"] / n, np.nan)
        out["pass_share"] = np.where(n > 0, out["n_pass"] / n, np.nan)
    out["support_low"], out["support_high"] = wilson_interval(out["support"], n)

    # ---- weighted support (Kish effective n)
    if weights is not None:
        w = pd.Series(weights, dtype=float)
        if (w < 0).any():
            raise ValueError(f"weights: negative weight(s) for participant(s) {_list_ids(w.index[w < 0])}")
        vw = v.assign(w=v["participant_id"].map(w))
        vw = vw[vw["w"].notna()]
        vw = vw.assign(wa=vw["w"] * (vw["vote"] == 1), w2=vw["w"] ** 2)
        wagg = vw.groupby("statement_id")[["w", "wa", "w2"]].sum()
        wagg = wagg.reindex(out["statement_id"])
        with np.errstate(invalid="ignore", divide="ignore"):
            sw = np.where(wagg["w"] > 0, wagg["wa"] / wagg["w"], np.nan)
            neff = np.where(wagg["w2"] > 0, wagg["w"] ** 2 / wagg["w2"], 0.0)
        out["support_weighted"] = sw
        out["n_effective"] = np.nan_to_num(neff)
        out["weighted_low"], out["weighted_high"] = wilson_interval(sw, out["n_effective"])
    else:
        out["support_weighted"] = np.nan
        out["weighted_low"] = np.nan
        out["weighted_high"] = np.nan
        out["n_effective"] = out["n_votes"].astype(float)

    # ---- opinion groups, consensus, divisiveness
    og = OpinionGroups(random_state=random_state).fit(v) if len(v) else None
    groups = og.groups_ if og is not None else pd.Series([], dtype=np.int64, name="group",
                                                          index=pd.Index([], name="participant_id"))
    if len(v):
        gic = group_informed_consensus(v, groups)
        out["consensus"] = out["statement_id"].map(gic).astype(float)
    else:
        out["consensus"] = np.nan
    placed_groups = sorted(int(g) for g in pd.unique(groups) if g >= 0)
    if placed_groups:
        out.loc[out["n_votes"] == 0, "consensus"] = 0.5 ** len(placed_groups)
        gagg = _group_counts(v, groups)
        net = ((gagg["A"] - gagg["D"]) / (gagg["S"] + 2.0)).unstack("_group").reindex(
            index=out["statement_id"], columns=placed_groups).fillna(0.0)
        div = (net.max(axis=1) - net.min(axis=1)) / 2.0
        out["divisiveness"] = div.to_numpy()
    else:
        out["divisiveness"] = np.nan

    # ---- per-group support (demographic cells and opinion groups)
    cells = _demographic_long(participants, dimensions)
    demo_support = _cell_support(v, cells, min_cell_size)
    og_cells = pd.DataFrame({"participant_id": groups.index, "dimension": OPINION_DIMENSION,
                             "category": [group_letter(g) for g in groups.to_numpy()]})
    og_cells = og_cells[groups.to_numpy() >= 0]
    og_support = _cell_support(v, og_cells, min_cell_size)
    group_support = pd.concat([x for x in (demo_support, og_support) if len(x)] or [demo_support],
                              ignore_index=True)
    if len(group_support):  # statements in their own order, dimensions as given, opinion groups last
        s_rank = pd.Series(np.arange(len(st)), index=st["statement_id"])
        d_rank = {d: i for i, d in enumerate(dimensions + [OPINION_DIMENSION])}
        group_support = (group_support.assign(_s=group_support["statement_id"].map(s_rank),
                                              _d=group_support["dimension"].map(d_rank))
                         .sort_values(["_s", "_d", "category"], kind="stable")
                         .drop(columns=["_s", "_d"]).reset_index(drop=True))

    # consensus across demographic categories (geometric mean of Pol.is factors over shown cells)
    if len(demo_support):
        shown = demo_support[~demo_support["suppressed"]]
        factor = (shown["n_agree"].astype(float) + 1) / (shown["n"].astype(float) + 2)
        logmean = np.log(factor).groupby(shown["statement_id"]).mean()
        out["consensus_demographic"] = out["statement_id"].map(np.exp(logmean)).astype(float)
    else:
        out["consensus_demographic"] = np.nan

    # ---- verdicts and reasons
    reach_ok, reach_text, _ = _reach_status(representation, language)
    shown_groups = group_support[~group_support["suppressed"].astype(bool)] if len(group_support) else group_support
    by_statement = {sid: df for sid, df in shown_groups.groupby("statement_id", sort=False)} if len(shown_groups) else {}
    codes, texts = [], []
    for row in out.itertuples(index=False):
        code, reason = _verdict(row, rules[row.level], by_statement.get(row.statement_id), weights is not None,
                                reach_ok, reach_text, language)
        codes.append(code)
        texts.append(reason)
    out["verdict_code"] = codes
    out["verdict"] = [_VERDICT_LABELS[language][c] for c in codes]
    out["reasons"] = texts

    stmt_cols = ["statement_id", "text", "theme", "level", "n_votes", "n_agree", "n_disagree", "n_pass",
                 "support", "support_low", "support_high", "opposition", "pass_share", "support_weighted",
                 "weighted_low", "weighted_high", "n_effective", "consensus", "consensus_demographic",
                 "divisiveness", "verdict_code", "verdict", "reasons"]
    out = out[stmt_cols]
    for c in ("support", "support_low", "support_high", "opposition", "pass_share", "support_weighted",
              "weighted_low", "weighted_high", "n_effective", "consensus", "consensus_demographic",
              "divisiveness"):
        out[c] = out[c].astype(float)

    og_table = pd.DataFrame({"participant_id": groups.index, "group": groups.to_numpy(dtype=np.int64),
                             "label": [group_letter(g) for g in groups.to_numpy()]})
    if og is not None:
        coords = og.coordinates_.reindex(groups.index)
        og_table["x"] = coords["x"].to_numpy(float)
        og_table["y"] = coords["y"].to_numpy(float)
        og_table["n_votes"] = coords["n_votes"].to_numpy(np.int64)
    else:
        og_table["x"], og_table["y"], og_table["n_votes"] = [], [], []

    rules_table = pd.DataFrame([{"level": lvl, **vals} for lvl, vals in rules.items()])
    return {
        "statements": out,
        "group_support": group_support,
        "opinion_groups": og_table,
        "group_profiles": _group_profiles(v, groups, st, min_cell_size),
        "group_composition": _group_composition(groups, cells, min_cell_size),
        "rules": rules_table,
    }


def _differing_groups(row, groups_df: pd.DataFrame | None, threshold: float, language: str) -> list[str]:
    if groups_df is None or not np.isfinite(row.support):
        return []
    diff = groups_df["support"] - row.support
    differs = (diff.abs() >= threshold) & ((groups_df["low"] > row.support) | (groups_df["high"] < row.support))
    hits = groups_df[differs].assign(_abs=diff[differs].abs()).sort_values("_abs", ascending=False).head(4)
    word = "eens" if language == "nl" else "agree"
    return [f"{_cell_label(r.dimension, r.category, language)} ({_pct(r.support)} {word})"
            for r in hits.itertuples()]


def _verdict(row, rule: dict, groups_df: pd.DataFrame | None, weighted: bool, reach_ok, reach_text: str,
             language: str) -> tuple[str, str]:
    nl = language == "nl"
    parts = []
    if row.n_votes == 0:
        parts.append("Niemand heeft over deze stelling gestemd." if nl else "Nobody voted on this statement.")
    else:
        if nl:
            parts.append(f"{row.n_votes} {'stem' if row.n_votes == 1 else 'stemmen'}: {_pct(row.support)} eens "
                         f"(95%-interval {_pct_range(row.support_low, row.support_high)}), "
                         f"{_pct(row.opposition)} oneens, {_pct(row.pass_share)} neutraal of overgeslagen.")
        else:
            parts.append(f"{row.n_votes} {'vote' if row.n_votes == 1 else 'votes'}: {_pct(row.support)} agree "
                         f"(95% interval {_pct_range(row.support_low, row.support_high)}), "
                         f"{_pct(row.opposition)} disagree, {_pct(row.pass_share)} neutral or passed.")
        if weighted and np.isfinite(row.support_weighted):
            parts.append(f"Gewogen naar de bevolking: {_pct(row.support_weighted)} eens "
                         f"({_pct_range(row.weighted_low, row.weighted_high)}, effectief "
                         f"{row.n_effective:.0f} stemmen)." if nl else
                         f"Weighted to the population: {_pct(row.support_weighted)} agree "
                         f"({_pct_range(row.weighted_low, row.weighted_high)}, effectively "
                         f"{row.n_effective:.0f} votes).")
        elif weighted:
            parts.append("Geen gewogen cijfer: geen van de stemmers heeft een gewicht." if nl else
                         "No weighted figure: none of the voters has a weight.")
        else:
            parts.append("Niet gewogen naar de bevolking (geen gewichten)." if nl else
                         "Not weighted to the population (no weights).")
        differing = _differing_groups(row, groups_df, rule["group_difference"], language)
        if differing:
            parts.append(("Wijkt af: " if nl else "Differs: ") + _join(differing, language) + ".")
        elif groups_df is not None and len(groups_df):
            parts.append("Geen groep wijkt duidelijk af." if nl else "No group clearly differs.")
    parts.append(reach_text)

    use_weighted = weighted and np.isfinite(row.support_weighted)
    p, lo, hi = ((row.support_weighted, row.weighted_low, row.weighted_high) if use_weighted
                 else (row.support, row.support_low, row.support_high))
    thr = rule["support"]
    level = row.level
    what = ("gewogen steun" if use_weighted else "steun") if nl else ("weighted support" if use_weighted
                                                                         else "support")
    if row.n_votes < rule["min_votes"]:
        code = "insufficient"
        why = (f"er minder dan {rule['min_votes']} stemmen zijn" if nl else
               f"there are fewer than {rule['min_votes']} votes")
    elif rule["require_reach"] and reach_ok is not True:
        code = "insufficient"
        why = ("het bereik bij dit niveau voldoende moet zijn en dat niet is of niet is getoetst" if nl
               else "this level requires sufficient reach, which was not achieved or not checked")
    elif np.isfinite(row.divisiveness) and row.divisiveness >= rule["max_divisiveness"]:
        code = "divided"
        why = (f"de opiniegroepen sterk uiteenlopen (verdeeldheid {_dec(row.divisiveness)}, grens "
               f"{_dec(rule['max_divisiveness'])})" if nl else
               f"the opinion groups clearly disagree (divisiveness {row.divisiveness:.2f}, limit "
               f"{rule['max_divisiveness']:.2f})")
    elif lo >= thr:
        lowest = None
        if groups_df is not None and len(groups_df):
            lowest = groups_df.loc[groups_df["support"].idxmin()]
        all_groups_ok = lowest is None or lowest["support"] >= rule["min_group_support"]
        if p >= rule["broad_support"] and all_groups_ok:
            code = "broad_support"
            why = (f"de ondergrens van de {what} ({_pct(lo)}) boven de drempel van {_pct(thr)} ligt, de {what} "
                   f"minstens {_pct(rule['broad_support'])} is en in elke getoonde groep minstens "
                   f"{_pct(rule['min_group_support'])} het eens is" if nl else
                   f"the lower bound of {what} ({_pct(lo)}) is above the threshold of {_pct(thr)}, {what} is "
                   f"at least {_pct(rule['broad_support'])} and in every group shown at least "
                   f"{_pct(rule['min_group_support'])} agree")
        else:
            code = "support"
            why = (f"de ondergrens van de {what} ({_pct(lo)}) boven de drempel van {_pct(thr)} ligt" if nl else
                   f"the lower bound of {what} ({_pct(lo)}) is above the threshold of {_pct(thr)}")
            if not all_groups_ok:
                label = _cell_label(lowest["dimension"], lowest["category"], language)
                why += (f", maar niet breed: in {label} is maar {_pct(lowest['support'])} het eens" if nl else
                        f", but not broad: in {label} only {_pct(lowest['support'])} agree")
    elif hi < thr:
        code = "no_support"
        why = (f"de bovengrens van de {what} ({_pct(hi)}) onder de drempel van {_pct(thr)} ligt" if nl else
               f"the upper bound of {what} ({_pct(hi)}) is below the threshold of {_pct(thr)}")
    else:
        code = "divided"
        why = (f"het interval van de {what} ({_pct_range(lo, hi)}) de drempel van {_pct(thr)} omvat: "
               f"te dicht bij elkaar om te beslissen" if nl else
               f"the interval of {what} ({_pct_range(lo, hi)}) contains the threshold of {_pct(thr)}: "
               f"too close to call")
    label = _VERDICT_LABELS[language][code]
    parts.append(f"Oordeel bij participatieniveau {level}: {label}, omdat {why}." if nl else
                 f"Verdict at participation level {level}: {label}, because {why}.")
    return code, " ".join(parts)


# Pol.is' significance level for representative statements (one-sided 90%).
_Z90 = 1.2815515655446004


def _group_profiles(v: pd.DataFrame, groups: pd.Series, statements: pd.DataFrame, min_cell_size: int,
                    n_statements: int = 5) -> pd.DataFrame:
    """Pol.is-style representative statements per opinion group.

    For group g, statement s and direction d (agree / disagree): p = (N_d + 1) / (S + 2) in the group, the
    same for the other placed participants, repness = p_group / p_rest, repness_test = Pol.is' two-proportion
    z-test (pseudo-counts +1), prob_test = Pol.is' one-proportion test of p against 1/2; score = repness *
    repness_test * p * prob_test. Significant when both tests exceed z = 1.2816 (90%). Per group the top
    ``n_statements`` significant ones by score; if none is significant, the best one, marked not significant.
    """
    cols = ["group", "label", "n", "rank", "statement_id", "text", "direction", "share_group", "share_rest",
            "agree_group", "agree_rest", "repness", "repness_test", "score", "significant"]
    placed = groups[groups >= 0]
    if placed.empty:
        return pd.DataFrame(columns=cols)
    agg = _group_counts(v, placed).reset_index().rename(columns={"_group": "group"})
    tot = agg.groupby("statement_id")[["A", "D", "S"]].sum()
    sizes = placed.value_counts()
    texts = statements.set_index("statement_id")["text"]
    frames = []
    for g in sorted(int(x) for x in sizes.index):
        if sizes[g] < min_cell_size:
            continue
        mine = agg[agg["group"] == g].set_index("statement_id")[["A", "D", "S"]].reindex(tot.index).fillna(0)
        rest = tot - mine
        for direction, col in (("agree", "A"), ("disagree", "D")):
            na, ns = mine[col], mine["S"]
            ra, rs = rest[col], rest["S"]
            p_in = (na + 1) / (ns + 2)
            p_out = (ra + 1) / (rs + 2)
            # Pol.is two-prop-test with +1 pseudo-counts on all four numbers
            s1, s2, n1, n2 = na + 1, ra + 1, ns + 1, rs + 1
            pi_hat = (s1 + s2) / (n1 + n2)
            with np.errstate(invalid="ignore", divide="ignore"):
                rep_test = ((s1 / n1 - s2 / n2) / np.sqrt(pi_hat * (1 - pi_hat) * (1 / n1 + 1 / n2)))
            rep_test = rep_test.where(pi_hat < 1, 0.0).fillna(0.0)
            prob_test = 2 * np.sqrt(ns + 1) * ((na + 1) / (ns + 1) - 0.5)
            repness = p_in / p_out
            frames.append(pd.DataFrame({
                "group": g, "statement_id": mine.index, "direction": direction,
                "share_group": np.where(ns > 0, na / ns.where(ns > 0, 1), np.nan),
                "share_rest": np.where(rs > 0, ra / rs.where(rs > 0, 1), np.nan),
                "agree_group": np.where(ns > 0, mine["A"] / ns.where(ns > 0, 1), np.nan),
                "agree_rest": np.where(rs > 0, rest["A"] / rs.where(rs > 0, 1), np.nan),
                "repness": repness.to_numpy(float), "repness_test": rep_test.to_numpy(float),
                "score": (repness * rep_test * p_in * prob_test).to_numpy(float),
                "significant": ((rep_test > _Z90) & (prob_test > _Z90)).to_numpy(bool),
                "_voted": (ns > 0).to_numpy(bool),
            }))
    if not frames:
        return pd.DataFrame(columns=cols)
    allc = pd.concat(frames, ignore_index=True)
    allc = allc[allc["_voted"]]
    picked = []
    for g, df in allc.groupby("group", sort=True):
        sig = df[df["significant"]].sort_values(["score", "repness"], ascending=False, kind="stable")
        chosen = sig.head(n_statements) if len(sig) else \
            df[df["direction"] == "agree"].sort_values("score", ascending=False, kind="stable").head(1)
        picked.append(chosen.assign(rank=np.arange(1, len(chosen) + 1)))
    res = pd.concat(picked, ignore_index=True) if picked else pd.DataFrame(columns=cols)
    res["label"] = [group_letter(g) for g in res["group"]]
    res["n"] = res["group"].map(sizes).astype(np.int64)
    res["text"] = res["statement_id"].map(texts)
    res["group"] = res["group"].astype(np.int64)
    res["rank"] = res["rank"].astype(np.int64)
    return res[cols].reset_index(drop=True)


def _group_composition(groups: pd.Series, cells: pd.DataFrame, min_cell_size: int) -> pd.DataFrame:
    """Demographic make-up of each opinion group vs all placed participants; small cells suppressed."""
    cols = ["group", "label", "n", "dimension", "category", "count", "share", "share_all", "suppressed"]
    placed = groups[groups >= 0]
    if placed.empty or cells.empty:
        return pd.DataFrame(columns=cols)
    sizes = placed.value_counts()
    c = cells.merge(placed.rename("group").rename_axis("participant_id").reset_index(), on="participant_id")
    if c.empty:
        return pd.DataFrame(columns=cols)
    counts = c.groupby(["group", "dimension", "category"]).size().rename("count").reset_index()
    # every group x category combination, so a missing category shows as 0 (and is then suppressed)
    cats = counts[["dimension", "category"]].drop_duplicates()
    full = pd.DataFrame({"group": sorted(int(g) for g in sizes.index)}).merge(cats, how="cross")
    counts = full.merge(counts, on=["group", "dimension", "category"], how="left").fillna({"count": 0})
    known = c.groupby(["group", "dimension"]).size().rename("_known")  # members with a known value
    counts = counts.join(known, on=["group", "dimension"])
    counts["_known"] = counts["_known"].fillna(0)
    overall_n = c.groupby(["dimension", "category"]).size()
    overall = (overall_n / c.groupby("dimension").size()).where(overall_n >= min_cell_size)
    counts["share_all"] = [overall.get((d, k), np.nan) for d, k in zip(counts["dimension"], counts["category"])]
    with np.errstate(invalid="ignore", divide="ignore"):
        counts["share"] = np.where(counts["_known"] > 0, counts["count"] / counts["_known"], np.nan)
    counts["suppressed"] = counts["count"] < min_cell_size
    counts["count"] = counts["count"].astype("Int64")
    counts.loc[counts["suppressed"], "count"] = pd.NA
    counts.loc[counts["suppressed"], "share"] = np.nan
    counts["n"] = counts["group"].map(sizes).astype(np.int64)
    counts["label"] = [group_letter(g) for g in counts["group"]]
    counts["group"] = counts["group"].astype(np.int64)
    return counts[cols].sort_values(["group", "dimension", "category"]).reset_index(drop=True)


# ---------------------------------------------------------------------------------- indicative (no votes)

def indicative_draagvlak(inputs: pd.DataFrame, language: str = "nl", min_cell_size: int = 10,
                         neutral_band: float = 0.05) -> pd.DataFrame:
    """Indicative draagvlak per opgave from the sentiment of the inputs, for processes without votes.

    ``inputs``: theme (opgave name), sentiment (float in [-1, 1]) and optionally participant_id. One voice per
    participant and theme: a participant's inputs on a theme are averaged, then classified positive
    (> ``neutral_band``), negative (< -``neutral_band``) or neutral; inputs without a participant_id count as
    separate participants. Inputs without theme or sentiment are skipped.

    Returns one row per theme: theme, n_inputs, n_participants, n_positive, n_neutral, n_negative,
    share_positive, share_negative, net (share_positive - share_negative), net_low, net_high (see the module
    docstring), support (= share_positive), support_low, support_high (Wilson), indicative (always True),
    verdict_code (support / divided / no_support / insufficient), verdict, reasons. Fewer than
    ``min_cell_size`` participants on a theme: verdict "onvoldoende basis".
    """
    language = _check_language(language)
    cols = ["theme", "n_inputs", "n_participants", "n_positive", "n_neutral", "n_negative", "share_positive",
            "share_negative", "net", "net_low", "net_high", "support", "support_low", "support_high",
            "indicative", "verdict_code", "verdict", "reasons"]
    if not isinstance(inputs, pd.DataFrame):
        raise ValueError(f"inputs must be a pandas DataFrame, got {type(inputs).__name__}")
    missing = [c for c in ("theme", "sentiment") if c not in inputs.columns]
    if missing:
        raise ValueError(f"inputs: missing column(s) {', '.join(missing)} for the indicative draagvlak")
    if not 0 <= neutral_band < 1:
        raise ValueError(f"neutral_band must be in [0, 1), got {neutral_band!r}")
    df = pd.DataFrame({"theme": inputs["theme"],
                       "sentiment": pd.to_numeric(inputs["sentiment"], errors="coerce")})
    if "participant_id" in inputs.columns:
        pid = inputs["participant_id"].astype(object)
        anon = pid.isna()
    else:
        pid = pd.Series([None] * len(inputs), index=inputs.index, dtype=object)
        anon = pd.Series(True, index=inputs.index)
    # anonymous inputs: each its own voice (keyed by row position, never colliding with real ids)
    df["_who"] = [("__row__", i) if a else ("id", p) for i, (a, p) in enumerate(zip(anon, pid))]
    df = df[df["theme"].notna() & (df["theme"].astype(str).str.strip() != "") & df["sentiment"].notna()]
    if (df["sentiment"].abs() > 1 + 1e-9).any():
        raise ValueError("inputs: sentiment must lie in [-1, 1]")
    if df.empty:
        return pd.DataFrame(columns=cols)
    n_inputs = df.groupby("theme").size()
    per = df.groupby(["theme", "_who"])["sentiment"].mean().reset_index()
    per["cls"] = np.where(per["sentiment"] > neutral_band, 1, np.where(per["sentiment"] < -neutral_band, -1, 0))
    agg = per.groupby("theme")["cls"].agg(n_participants="size", n_positive=lambda s: int((s == 1).sum()),
                                          n_neutral=lambda s: int((s == 0).sum()),
                                          n_negative=lambda s: int((s == -1).sum()))
    agg["n_inputs"] = n_inputs
    agg = agg.reset_index()
    n = agg["n_participants"].to_numpy(float)
    pos, neg = agg["n_positive"].to_numpy(float), agg["n_negative"].to_numpy(float)
    agg["share_positive"] = pos / n
    agg["share_negative"] = neg / n
    agg["net"] = agg["share_positive"] - agg["share_negative"]
    pp, pn = (pos + 1) / (n + 3), (neg + 1) / (n + 3)
    centre = pp - pn
    half = Z95 * np.sqrt(np.maximum(pp + pn - centre ** 2, 0) / (n + 3))
    agg["net_low"] = np.clip(centre - half, -1, 1)
    agg["net_high"] = np.clip(centre + half, -1, 1)
    agg["support"] = agg["share_positive"]
    agg["support_low"], agg["support_high"] = wilson_interval(agg["support"], n)
    agg["indicative"] = True
    codes = np.where(n < min_cell_size, "insufficient",
                     np.where(agg["net_low"] > 0, "support", np.where(agg["net_high"] < 0, "no_support", "divided")))
    agg["verdict_code"] = codes
    agg["verdict"] = [_INDICATIVE_LABELS[language][c] for c in codes]
    nl = language == "nl"
    reasons = []
    for r in agg.itertuples():
        pts = lambda x: f"{100 * x:+.0f}"  # noqa: E731 - percentage points with sign
        if nl:
            s = (f"Indicatief, niet gebaseerd op stemmen maar op de toon van de inbreng: van de {r.n_participants} "
                 f"deelnemers die over dit onderwerp iets inbrachten was {_pct(r.share_positive)} positief en "
                 f"{_pct(r.share_negative)} negatief (saldo {pts(r.net)} procentpunt, 95%-interval "
                 f"{pts(r.net_low)} tot {pts(r.net_high)}).")
            if r.verdict_code == "insufficient":
                s += f" Te weinig deelnemers (minder dan {min_cell_size}) voor een indicatie."
            s += " Toon in vrije tekst is geen stemming: gebruik dit als signaal, niet als draagvlakmeting."
        else:
            s = (f"Indicative, based not on votes but on the tone of the input: of the {r.n_participants} "
                 f"participants who contributed on this topic {_pct(r.share_positive)} were positive and "
                 f"{_pct(r.share_negative)} negative (balance {pts(r.net)} percentage points, 95% interval "
                 f"{pts(r.net_low)} to {pts(r.net_high)}).")
            if r.verdict_code == "insufficient":
                s += f" Too few participants (fewer than {min_cell_size}) for an indication."
            s += " Tone in free text is not a vote: use this as a signal, not as a measure of support."
        reasons.append(s)
    agg["reasons"] = reasons
    for c in ("n_inputs", "n_participants", "n_positive", "n_neutral", "n_negative"):
        agg[c] = agg[c].astype(np.int64)
    return agg[cols].sort_values("theme", kind="stable").reset_index(drop=True)
