"""`ThemeModel`: which opgaven residents raise, found by itself or within the council's frame.

Without seeds the model discovers themes (`discovery`); with seeds it classifies every input into the
council's opgaven (`guided`), adding a discovered theme only where inputs outside the opgaven form a
coherent cluster of their own. Both share the representation of `features` and the labels of `labels`.

Every input with subject content gets a theme and a confidence (`confidence_`, `predict_confidence`);
-1 is kept for inputs without any subject word and, with seeds, for inputs below `min_confidence`.
Identical texts are fitted once (one text posted 500 times cannot make a theme by itself), weighted by
the logarithm of their number of copies; every copy gets the same label.

Why one module of ~540 lines: it is the estimator's fit/transform contract and the bookkeeping around the
fitted attributes; the methods themselves live in `discovery`, `guided`, `features` and `labels`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin
from sklearn.exceptions import NotFittedError
from sklearn.preprocessing import normalize

from ..text import morphology as M
from ..text.features import Featurizer, as_texts
from . import discovery as D
from . import guided as G
from . import labels as L

DEFAULT_MIN_CONFIDENCE = 0.2
PHRASE_SAMPLE = 20000  # distinct inputs used to find key phrases
POOL_CONFIDENCE = 0.5  # inputs below this confidence (or most likely none) may form extra themes
EXTRA_COHERENCE = 1.1  # an extra theme must be this many times as coherent as the opgaven are


def _unit(X: sp.spmatrix) -> sp.csr_matrix:
    """Rows scaled to unit length (zero rows stay zero; a matrix without columns is returned as is)."""
    X = sp.csr_matrix(X)
    return normalize(X) if X.shape[1] and X.shape[0] else X


def _is_missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def normalise_seeds(seeds) -> dict[str, list[str]]:
    """Mapping opgave -> list of seed words, validated (a string of words separated by commas is fine)."""
    if seeds is None:
        return {}
    if not isinstance(seeds, Mapping):
        raise TypeError(f"seeds must be a mapping opgave -> list of seed words, not {type(seeds).__name__}")
    out: dict[str, list[str]] = {}
    for name, words in seeds.items():
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"opgave names must be non-empty strings, not {name!r}")
        if words is None or _is_missing(words):
            words = []
        if isinstance(words, str):
            words = [w for w in re.split(r"[,;]+", words)]
        try:
            words = [str(w).strip() for w in words if not _is_missing(w) and str(w).strip()]
        except TypeError:
            raise TypeError(f"seeds[{name!r}] must be a list of words, not {type(words).__name__}") from None
        out[name.strip()] = words
    return out


def opgaven_frame(seeds=None, participation_levels=None) -> dict[str, list[str]]:
    """One list of opgaven from `themes.seeds` and the keys of `process.participation_levels`.

    Seeded opgaven keep their seeds; an opgave with a participation level but no seeds is seeded by its
    own name. Order: seeded opgaven first (as written), then the others.
    """
    frame = normalise_seeds(seeds)
    for name in participation_levels or {}:
        if isinstance(name, str) and name.strip() and name.strip() not in frame:
            frame[name.strip()] = []
    return frame


class ThemeModel(BaseEstimator, ClusterMixin, TransformerMixin):
    """Themes in resident input (scikit-learn estimator).

    Parameters
    ----------
    language : language code, "nl" (default), "en"; any language simplemma and wordfreq support works.
    n_themes : "auto" (discovery chooses; with seeds: the opgaven plus extra themes where needed) or an
        int >= 1 (with seeds: the total, at least the number of opgaven).
    seeds : optional mapping opgave -> seed words. Every opgave gets a theme of exactly that name (size 0
        when nobody raised it); its name is a seed too. See `opgaven_frame` for adding the opgaven that
        only have a participation level.
    min_confidence : with seeds, inputs whose best opgave has a lower probability get -1 (default 0.2).
        Without seeds nothing is cut; the confidence is reported for filtering.
    random_state : int; same input and random_state give the same result.
    min_theme_size : smallest discovered theme ("auto": max(5, 1% of the inputs)).

    Attributes after fit
    --------------------
    labels_ : np.ndarray[int], theme per input (-1 = no theme)
    confidence_ : np.ndarray[float] in [0, 1], aligned with labels_
    themes_ : DataFrame indexed by theme id: name, size, top_terms, examples, seeded, key_phrase,
        mean_confidence
    n_themes_ : int
    k_curve_ : DataFrame (n_themes, heldout_loglik): the criterion curve of the choice of k ("auto"
        discovery only; see `discovery`)
    seed_coverage_ : DataFrame per opgave: seed_terms (terms found in the input), core (inputs matching a
        seed word), size, closest_theme (for an opgave that matches nothing)
    """

    def __init__(
        self,
        language: str = "nl",
        n_themes="auto",
        seeds: Mapping[str, Iterable[str]] | None = None,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        random_state: int = 0,
        min_theme_size="auto",
    ):
        self.language = language
        self.n_themes = n_themes
        self.seeds = seeds
        self.min_confidence = min_confidence
        self.random_state = random_state
        self.min_theme_size = min_theme_size

    # -- validation ------------------------------------------------------------------------------------
    def _check_params(self):
        lang = M.language_code(self.language)
        n = self.n_themes
        if isinstance(n, str) and n.strip().isdigit():
            n = int(n)
        if not (n == "auto" or (isinstance(n, (int, np.integer)) and not isinstance(n, bool) and n >= 1)):
            raise ValueError(f'n_themes must be "auto" or an integer >= 1, not {n!r}')
        c = self.min_confidence
        if not isinstance(c, (int, float, np.floating, np.integer)) or isinstance(c, bool) or not 0 <= c <= 1:
            raise ValueError(f"min_confidence must be a number between 0 and 1, not {c!r}")
        m = self.min_theme_size
        if not (m == "auto" or (isinstance(m, (int, np.integer)) and not isinstance(m, bool) and m >= 1)):
            raise ValueError(f'min_theme_size must be "auto" or an integer >= 1, not {m!r}')
        seeds = normalise_seeds(self.seeds)
        if isinstance(n, (int, np.integer)) and seeds and n < len(seeds):
            raise ValueError(f"n_themes={n} is smaller than the number of opgaven ({len(seeds)})")
        # The opgave's own name is one of its seeds ("zorg en welzijn" -> zorg, welzijn; not "en").
        stop = M.stopwords(lang)
        seeds = {
            name: words + [w for w in re.findall(r"[^\W\d_]+", name) if w.lower() not in stop]
            for name, words in seeds.items()
        }
        return lang, n, seeds

    def _min_size(self, n: int) -> int:
        if self.min_theme_size != "auto":
            return int(self.min_theme_size)
        return max(5, math.ceil(0.01 * n))

    # -- fitting ---------------------------------------------------------------------------------------
    def fit(self, texts, y=None):
        """Learn themes from `texts` (an iterable or Series of cell values; None/NaN count as empty)."""
        self._fit(texts)
        return self

    def fit_transform(self, texts, y=None) -> np.ndarray:
        """Fit and return the memberships of `texts`: what `transform(texts)` gives (to the last bit of
        rounding), without featurising the texts a second time."""
        return self._fit(texts)

    def _fit(self, texts) -> np.ndarray:
        lang, n_themes, seeds = self._check_params()
        docs = as_texts(texts)
        index: dict[str, int] = {}
        inverse = np.fromiter((index.setdefault(d, len(index)) for d in docs), dtype=np.int64, count=len(docs))
        uniq = list(index)
        copies = np.bincount(inverse, minlength=len(uniq)).astype(float)
        weight = 1.0 + np.log(np.maximum(copies, 1.0))
        self._lang = lang
        self._seed_names = list(seeds)
        keep_words = [w for words in seeds.values() for w in words for w in str(w).split()]
        self.featurizer_ = Featurizer(lang, keep_words=keep_words)
        X = self.featurizer_.fit_transform(uniq, sample_weight=weight) if uniq else sp.csr_matrix((0, 0))
        if not uniq:
            self.featurizer_.terms_ = np.array([], dtype=object)
        has_content = X.getnnz(axis=1) > 0 if X.shape[1] else np.zeros(len(uniq), bool)
        if seeds:
            lab_u, conf_u, member_u, k = self._fit_guided(X, has_content, weight, seeds, n_themes, len(docs))
        else:
            lab_u, conf_u, member_u, k = self._fit_discovery(X, has_content, weight, n_themes, len(docs))
        self.labels_ = lab_u[inverse].astype(int) if len(docs) else np.zeros(0, int)
        self.confidence_ = conf_u[inverse] if len(docs) else np.zeros(0)
        self._describe(uniq, X, lab_u, conf_u, copies, k, seeds)
        return member_u[inverse] if len(docs) else np.zeros((0, self.n_themes_))

    def fit_predict(self, texts, y=None) -> np.ndarray:
        """Fit and return the theme of every text (np.ndarray[int], -1 = no theme)."""
        return self.fit(texts).labels_.copy()

    # discovery -------------------------------------------------------------------------------------------
    def _columns(self, X: sp.csr_matrix, extra: Iterable[int] = ()) -> np.ndarray:
        """Terms used for modelling: those in two or more distinct inputs (plus `extra`)."""
        df = np.bincount(X.indices, minlength=X.shape[1])
        keep = df >= 2 if X.shape[0] >= 20 else df >= 1
        keep[list(extra)] = True
        return np.flatnonzero(keep)

    def _fit_discovery(self, X, has_content, weight, n_themes, n_docs):
        rs = int(self.random_state)
        rng = np.random.RandomState(rs)
        self._cols = self._columns(X)
        Xk = _unit(X[:, self._cols])
        rows = np.flatnonzero(Xk.getnnz(axis=1) > 0)
        self.k_curve_ = pd.DataFrame(columns=["n_themes", "heldout_loglik"])
        n_u = X.shape[0]
        if len(rows) < 2 or Xk.shape[1] < 2:
            self._mode = "discovery"
            self.space_ = None
            self.theme_vectors_ = np.zeros((1 if has_content.any() else 0, 1))
            k = self.theme_vectors_.shape[0]
            lab = np.where(has_content, 0, -1) if k else np.full(n_u, -1)
            conf = np.where(lab >= 0, 0.0, 0.0)
            member = np.zeros((n_u, k))
            return lab, conf, member, k
        fit_rows = rows if len(rows) <= D.FIT_SAMPLE else np.sort(rng.choice(rows, D.FIT_SAMPLE, replace=False))
        Xfit = (sp.diags(np.sqrt(weight[fit_rows])) @ Xk[fit_rows]).tocsr()
        self.space_ = D.SemanticSpace(random_state=rs).fit(Xfit)
        Z = self.space_.embed(Xk[fit_rows])
        if n_themes == "auto":
            sel = (
                np.arange(len(fit_rows))
                if len(fit_rows) <= D.SELECT_SAMPLE
                else np.sort(rng.choice(len(fit_rows), D.SELECT_SAMPLE, replace=False))
            )
            C = self.featurizer_.raw_counts_[fit_rows[sel]][:, self._cols].tocsr()
            C.data = np.ceil(C.data)
            curve = D.likelihood_curve(C, Z[sel], D.candidate_ks(len(rows)), rs)
            self.k_curve_ = pd.DataFrame(curve, columns=["n_themes", "heldout_loglik"])
            k = D.choose_k(curve)
            self.k_curve_.attrs["chosen"] = k
        else:
            k = int(n_themes)
        self._mode = "discovery"
        self.theme_vectors_ = D.cluster(Z, k, rs)
        lab, conf, member = self._place_discovery(Xk, has_content)
        # Themes nobody ends up in are dropped; the rest are numbered by size, largest first.
        sizes = np.bincount(lab[lab >= 0], weights=weight[lab >= 0], minlength=len(self.theme_vectors_))
        min_size = self._min_size(n_docs)
        order = [j for j in np.argsort(-sizes, kind="stable") if sizes[j] > 0]
        big = [j for j in order if sizes[j] >= min_size] or order[:1]
        self.theme_vectors_ = self.theme_vectors_[big]
        self._largest = 0
        lab, conf, member = self._place_discovery(Xk, has_content)
        return lab, conf, member, len(big)

    def _place_discovery(self, Xk, has_content):
        n = Xk.shape[0]
        k = len(self.theme_vectors_)
        if self.space_ is None or k == 0:
            return np.where(has_content & (k > 0), 0, -1), np.zeros(n), np.zeros((n, k))
        Z = self.space_.embed(Xk)
        S = Z @ self.theme_vectors_.T
        member = D.softmax_rows(S)
        placed = np.linalg.norm(Z, axis=1) > 0
        member[~placed] = 0.0
        lab = np.where(placed, S.argmax(axis=1), -1)
        conf = np.where(placed, member.max(axis=1), 0.0)
        # Subject words that occur nowhere else: no comparison possible; the largest theme, confidence 0.
        if not hasattr(self, "_largest"):
            self._largest = 0
        orphan = has_content & ~placed
        lab[orphan] = self._largest
        return lab, conf, member

    # guided ----------------------------------------------------------------------------------------------
    def _fit_guided(self, X, has_content, weight, seeds, n_themes, n_docs):
        rs = int(self.random_state)
        n_seed = len(seeds)
        f = self.featurizer_
        S_seed = G.seed_term_matrix(f, seeds) if X.shape[1] else np.zeros((n_seed, 0))
        seed_cols = np.flatnonzero(S_seed.any(axis=0))
        self._cols = self._columns(X, seed_cols)
        Xk = _unit(X[:, self._cols])
        S = S_seed[:, self._cols]
        scores = G.seed_scores(Xk, S)
        core = G.core_labels(scores)
        self._mode = "guided"
        self._n_seed = n_seed
        n_classes = n_seed
        want_extra = n_themes == "auto" or int(n_themes) > n_seed
        min_size = self._min_size(n_docs)
        core_all = core
        if want_extra and Xk.shape[1] and n_seed:
            # Inputs that the opgaven do not explain even after the classifier has learnt from all input
            # (the background class most likely) are the pool in which extra themes may be found.
            nb0 = G.SeededNB().fit(Xk, core, n_seed, sample_weight=weight)
            P0 = nb0.predict_proba(Xk)
            lab0 = P0.argmax(axis=1)
            weak = (lab0 == n_seed) | (P0[:, :n_seed].max(axis=1) < POOL_CONFIDENCE)
            pool = np.flatnonzero(has_content & weak & (core < 0) & (Xk.getnnz(axis=1) > 0))
            extra = self._extra_clusters(Xk, pool, weight, lab0, S, n_seed, n_themes, min_size, rs)
            if extra:
                core_all = core.copy()
                for j, members in enumerate(extra):
                    core_all[members] = n_seed + j
                n_classes = n_seed + len(extra)
        # Only opgaven with a core are classes; an opgave nobody raised stays a theme of size 0.
        self._active = np.array(sorted(set(core_all[core_all >= 0].tolist())), dtype=int)
        self._n_classes = n_classes
        nb = None
        if Xk.shape[1] and len(self._active):
            remap = np.full(n_classes, -1)
            remap[self._active] = np.arange(len(self._active))
            core_active = np.where(core_all >= 0, remap[np.maximum(core_all, 0)], -1)
            nb = G.SeededNB().fit(Xk, core_active, len(self._active), sample_weight=weight)
        self.nb_ = nb
        P = self._guided_proba(Xk)
        self._seed_matrix = S
        lab, conf, member = self._place_guided(P, has_content, Xk)
        self._core = core
        self._scores_cols = S_seed
        return lab, conf, member, n_classes

    def _extra_clusters(self, Xk, pool, weight, classes, S, n_seed, n_themes, min_size, rs):
        """Clusters of inputs no opgave explains that are coherent enough to be a theme (guided, step 5).

        `classes`: each input's most likely opgave (n_seed = none) under the classifier trained without
        extra themes; the opgaven's coherence under it is the bar a cluster must clear. Costs are bounded as
        in discovery: space and clusters from at most `FIT_SAMPLE` pooled inputs, k from at most
        `SELECT_SAMPLE` of those; then every pooled input is placed."""
        if len(pool) < 2 * min_size:
            return []
        rng = np.random.RandomState(rs)
        fit = pool if len(pool) <= D.FIT_SAMPLE else np.sort(rng.choice(pool, D.FIT_SAMPLE, replace=False))
        Xp = (sp.diags(np.sqrt(weight[fit])) @ Xk[fit]).tocsr()
        space = D.SemanticSpace(random_state=rs).fit(Xp)
        Z = space.embed(Xk[fit])
        if n_themes == "auto":
            sel = (
                np.arange(len(fit))
                if len(fit) <= D.SELECT_SAMPLE
                else np.sort(rng.choice(len(fit), D.SELECT_SAMPLE, replace=False))
            )
            C = self.featurizer_.raw_counts_[fit[sel]][:, self._cols].tocsr()
            C.data = np.ceil(C.data)
            ks = D.candidate_ks(len(pool))
            if ks == [2]:
                ks = [1, 2]  # a small pool may hold one subject the opgaven miss, or none
            k = D.choose_k(D.likelihood_curve(C, Z[sel], ks, rs))
        else:
            k = int(n_themes) - n_seed
        centroids = D.cluster(Z, k, rs)
        lab = ((space.embed(Xk[pool]) if len(fit) < len(pool) else Z) @ centroids.T).argmax(axis=1)
        seeded_terms = set(np.flatnonzero(S.any(axis=0)).tolist())
        coherence = [G.class_coherence(Xk, np.flatnonzero(classes == j)) for j in range(n_seed)]
        coherence = [c for c in coherence if c > 0]
        bar = float(np.mean(coherence)) if coherence else 0.0
        out = []
        for j in range(len(centroids)):
            members = pool[lab == j]
            if weight[members].sum() < min_size:
                continue
            tf = np.asarray(Xk[members].sum(axis=0)).ravel()
            top = int(np.argmax(tf))
            if top in seeded_terms:
                continue  # never a theme on a seed word: those inputs belong to their opgave
            if G.class_coherence(Xk, members) < EXTRA_COHERENCE * bar:
                continue  # not clearly more coherent than the opgaven are: no subject of its own
            out.append(members)
        return out

    def _guided_proba(self, Xk) -> np.ndarray:
        """(n x (themes + 1)) probabilities; inactive opgaven get 0, the last column is 'none'."""
        P = np.zeros((Xk.shape[0], self._n_classes + 1))
        if self.nb_ is None:
            P[:, -1] = 1.0
            return P
        Q = self.nb_.predict_proba(Xk)
        P[:, self._active] = Q[:, :-1]
        P[:, -1] = Q[:, -1]
        return P

    def _place_guided(self, P, has_content, Xk):
        n_classes = self._n_classes
        member = P[:, :n_classes].copy()
        placed = Xk.getnnz(axis=1) > 0
        member[~placed] = 0.0
        conf = np.where(placed, member.max(axis=1) if n_classes else 0.0, 0.0)
        lab = np.where(
            placed & (conf >= self.min_confidence) & (conf > 0), member.argmax(axis=1) if n_classes else -1, -1
        )
        return lab, conf, member

    # -- description -------------------------------------------------------------------------------------
    def _describe(self, uniq, X, lab_u, conf_u, copies, k, seeds):
        f = self.featurizer_
        n_seed = len(seeds)
        weight = copies
        if X.shape[1]:
            fallback = None
            if n_seed:
                fallback = np.zeros((k, X.shape[1]))
                fallback[:n_seed] = self._scores_cols
            tops = L.top_terms(f, X, lab_u, weight, k, fallback)
        else:
            tops = [[] for _ in range(k)]
        taken = set(seeds)
        # Key phrases from at most PHRASE_SAMPLE distinct inputs (phrase counting is the slow part).
        sample = np.arange(len(uniq))
        if len(uniq) > PHRASE_SAMPLE:
            sample = np.sort(
                np.random.RandomState(int(self.random_state)).choice(len(uniq), PHRASE_SAMPLE, replace=False)
            )
        phrases = (
            L.key_phrases([uniq[i] for i in sample], lab_u[sample], weight[sample], k, self._lang, taken, tops)
            if k
            else []
        )
        rows = []
        used = set(seeds)
        for j in range(k):
            members = np.flatnonzero(lab_u == j)
            size = int(copies[members].sum())
            if j < n_seed:
                name = list(seeds)[j]
            else:
                name = phrases[j] or (tops[j][0] if tops[j] else ("overig" if self._lang == "nl" else "other"))
                base, i = name, 2
                while name in used:
                    name = f"{base} ({i})"
                    i += 1
            used.add(name)
            rows.append(
                {
                    "name": name,
                    "size": size,
                    "top_terms": tops[j],
                    "examples": L.examples(uniq, conf_u, members),
                    "seeded": j < n_seed,
                    "key_phrase": phrases[j] if j < len(phrases) else "",
                    "mean_confidence": float(np.average(conf_u[members], weights=copies[members]))
                    if len(members)
                    else 0.0,
                }
            )
        cols = ["name", "size", "top_terms", "examples", "seeded", "key_phrase", "mean_confidence"]
        self.themes_ = pd.DataFrame(rows, columns=cols)
        self.themes_.index.name = "theme"
        self.themes_["size"] = self.themes_["size"].astype(int)
        self.themes_["seeded"] = self.themes_["seeded"].astype(bool)
        self.n_themes_ = len(self.themes_)
        if n_seed:
            self._coverage(X, lab_u, copies, seeds)
        else:
            self.seed_coverage_ = pd.DataFrame(columns=["opgave", "seed_terms", "core", "size", "closest_theme"])

    def _coverage(self, X, lab_u, copies, seeds):
        f = self.featurizer_
        S = self._scores_cols
        rows = []
        for j, name in enumerate(seeds):
            cols = np.flatnonzero(S[j])
            core = int(copies[self._core == j].sum()) if hasattr(self, "_core") else 0
            size = int(self.themes_.loc[j, "size"])
            closest = None
            if size == 0:
                closest = self._closest_theme(name, seeds[name], j)
            rows.append(
                {
                    "opgave": name,
                    "seed_terms": [str(f.forms_[c]) for c in cols[:20]],
                    "core": core,
                    "size": size,
                    "closest_theme": closest,
                }
            )
        self.seed_coverage_ = pd.DataFrame(rows)

    def _closest_theme(self, name, words, j):
        """The non-empty theme whose name, top terms or key phrase share most letters with the opgave."""
        from difflib import SequenceMatcher

        target = " ".join([name] + [str(w) for w in words]).lower()
        best, best_score = None, 0.0
        for t, row in self.themes_.iterrows():
            if t == j or row["size"] == 0:
                continue
            text = " ".join([row["name"], row["key_phrase"]] + list(row["top_terms"])).lower()
            score = max([SequenceMatcher(None, a, b).ratio() for a in target.split() for b in text.split()] or [0.0])
            if score > best_score:
                best, best_score = row["name"], score
        return best

    # -- prediction ------------------------------------------------------------------------------------
    def _check_fitted(self):
        if not hasattr(self, "themes_"):
            raise NotFittedError("This ThemeModel instance is not fitted yet: call fit or fit_predict first")

    def _infer(self, texts):
        self._check_fitted()
        docs = as_texts(texts)
        k = self.n_themes_
        if not docs:
            return np.zeros(0, int), np.zeros(0), np.zeros((0, k))
        index: dict[str, int] = {}
        inverse = np.fromiter((index.setdefault(d, len(index)) for d in docs), dtype=np.int64, count=len(docs))
        uniq = list(index)
        X = self.featurizer_.transform(uniq)
        has_content = X.getnnz(axis=1) > 0 if X.shape[1] else np.zeros(len(uniq), bool)
        Xk = _unit(X[:, self._cols]) if X.shape[1] else sp.csr_matrix((len(uniq), 0))
        if self._mode == "discovery":
            lab, conf, member = self._place_discovery(Xk, has_content)
        else:
            lab, conf, member = self._place_guided(self._guided_proba(Xk), has_content, Xk)
        return lab[inverse].astype(int), conf[inverse], member[inverse]

    def predict(self, texts) -> np.ndarray:
        """Theme of every text (np.ndarray[int], -1 = no theme) with the fitted themes."""
        return self._infer(texts)[0]

    def predict_confidence(self, texts) -> np.ndarray:
        """Confidence in [0, 1] of every text's theme (0 for texts without subject words)."""
        return self._infer(texts)[1]

    def transform(self, texts) -> np.ndarray:
        """Membership of every text in every theme: array (n_texts, n_themes), rows sum to at most 1.

        Discovery: softmax of the cosine to each theme. Guided: the classifier's probabilities; what a
        row lacks to 1 is the probability that the text is about none of the themes. Texts without
        subject words get a row of zeros.
        """
        return self._infer(texts)[2]


def unmatched_opgaven(model: ThemeModel) -> list[tuple[str, str | None]]:
    """(opgave, closest theme name or None) for every opgave of a fitted model that no input was placed
    in, for the validation warning "opgave X matches no input; closest theme: Y"."""
    model._check_fitted()
    cov = getattr(model, "seed_coverage_", None)
    if cov is None or cov.empty:
        return []
    return [(r.opgave, r.closest_theme) for r in cov.itertuples() if r.size == 0]
