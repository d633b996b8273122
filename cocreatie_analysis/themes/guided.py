"""Guided themes as dataless classification: the council's opgaven and their seed words decide the frame.

Method
------
1. **Seed terms.** Every seed word (and the opgave's own name) is matched as a lemma, as a stem
   (Snowball) and inside compounds: a term of the corpus whose modifier or head is the seed ("parkeren"
   matches "parkeerplaats", "boom" matches "bomenkap"; the other part must be a word of the language).
   Seed words are never removed by stop-word or tone-word lists (see `features`).
2. **Core.** An input whose seed terms point to one opgave more than to any other belongs to that
   opgave's core.
3. **Classifier.** A multinomial naive Bayes model is trained on the core alone and then refined by
   expectation-maximisation on all inputs (Nigam et al. 2000, semi-supervised text classification):
   the core keeps its labels, every other input contributes with its current class probabilities. A fixed
   *background* class (the corpus's overall term distribution)
   competes with the opgaven, so an input that is about none of them is not forced into one with high
   probability.
4. **Probability and confidence.** Every input with subject terms gets the opgave with the highest
   probability and that probability as its confidence; below `min_confidence` it gets -1 (the analyst
   sets it). Inputs without subject terms get -1.
5. **Extra themes** only where inputs that the opgaven do not explain (outside every core, and under the
   classifier of step 3 most likely background or no opgave above probability 0.5) form a coherent
   cluster of their own (discovery on those inputs; a cluster is kept when it is large enough, its top
   term is no seed term, and its inputs share clearly more (1.1 times) than the inputs of an opgave do
   on average, measured as the mean cosine of the inputs to their centroid). Kept clusters become
   classes with their members as core, and the classifier of step 3 is trained again.
6. An opgave without any core (nobody used its words) is no class: it stays in the frame as a theme of
   size 0, which the report shows and validation warns about.
"""

from __future__ import annotations

from functools import cache, lru_cache

import numpy as np
import scipy.sparse as sp

from ..text import morphology as M

ALPHA = 0.05  # additive smoothing of the class term distributions
UNLABELED_WEIGHT = 1.0  # weight of inputs outside the core in the EM updates (1: standard EM)
EM_ROUNDS = 5
BACKGROUND_PRIOR = 0.2  # prior probability of the background class
SCALE = 1.0  # TF-IDF rows (unit length) act as term counts

_SNOWBALL = {
    "nl": "dutch",
    "en": "english",
    "de": "german",
    "da": "danish",
    "sv": "swedish",
    "nb": "norwegian",
    "no": "norwegian",
    "fi": "finnish",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
}


@cache
def _stemmer(language: str):
    name = _SNOWBALL.get(language)
    if name is None:
        return None
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer(name)


def stem(word: str, language: str) -> str:
    s = _stemmer(language)
    return s.stem(word) if s is not None else word


@lru_cache(maxsize=200_000)
def compound_readings(term: str, language: str) -> frozenset[str]:
    """Lemmas a compound term is built on: its head ("zwerfafval" -> afval) and its modifier
    ("parkeerplaats" -> parkeren, via the lemma of "parkeer"), each only when the other part is a word
    of the language (the modifier: Zipf >= 2, the head: Zipf >= 3; a three-letter part must be common,
    Zipf >= 4). Words a lexicon lists in their own right get no modifier reading ("parkeren" is no
    kind of "park"). Readings are only compared with seed lemmas, never shown. Only for languages that
    write compounds as one word."""
    if language not in M.COMPOUNDING or len(term) < 6 or not term.isalpha():
        return frozenset()
    out = set()
    listed = term in M.pos_lexicon(language)
    for i in range(3, len(term) - 2):
        mod, head = term[:i], term[i:]
        # head reading: the rest (modifier, a linking s/e/en/n removed) must be a word
        mods = [mod] + [mod[: -len(x)] for x in ("en", "s", "e", "n") if mod.endswith(x) and len(mod) - len(x) >= 3]
        if (len(head) >= 4 or M.zipf(head, language) >= 4.0) and any(_is_rest(m, language, 2.0) for m in mods):
            out.add(M.lemmatize(head, language))
        # modifier reading (not for words a lexicon lists in their own right): the head must be a word
        if not listed and _is_rest(head, language, 3.0):
            for m in mods:
                lemma = M.lemmatize(m, language)
                if len(lemma) >= 3:
                    out.add(lemma)
    return frozenset(out)


def _is_rest(part: str, language: str, min_zipf: float) -> bool:
    z = M.zipf(part, language)
    return len(part) >= 3 and part not in M.stopwords(language) and (z >= 4.0 if len(part) == 3 else z >= min_zipf)


def seed_term_matrix(featurizer, seeds: dict[str, list[str]]) -> np.ndarray:
    """(n_opgaven x n_terms) weights: 1 for the terms each opgave's seed words produce or match."""
    lang = featurizer.language
    terms = featurizer.terms_
    whole = featurizer.whole_
    S = np.zeros((len(seeds), len(terms)))
    stem_of = None
    for k, (name, words) in enumerate(seeds.items()):
        cols = featurizer.term_rows(words)
        S[k, cols] = 1.0
        lemmas = {M.lemmatize(t.lower(), lang) for w in words for t in str(w).split() if len(t) >= 3}
        lemmas = {l for l in lemmas if l not in M.stopwords(lang)}
        stems = {stem(l, lang) for l in lemmas}
        if stem_of is None:
            stem_of = np.array([stem(t, lang) for t in terms], dtype=object)
        S[k, np.isin(stem_of, list(stems))] = 1.0
        for j in np.flatnonzero(whole & (S[k] == 0)):
            if lemmas & compound_readings(terms[j], lang):
                S[k, j] = 1.0
    return S


def seed_scores(X: sp.csr_matrix, S: np.ndarray) -> np.ndarray:
    """How strongly each input points to each opgave through seed terms (n x n_opgaven)."""
    return np.asarray(X @ S.T)


def core_labels(scores: np.ndarray) -> np.ndarray:
    """Opgave of each input's core membership, -1 when no seed term or a tie between opgaven."""
    if scores.shape[1] == 0:
        return np.full(scores.shape[0], -1)
    best = scores.argmax(axis=1)
    top = scores.max(axis=1)
    srt = np.sort(scores, axis=1)
    second = srt[:, -2] if scores.shape[1] > 1 else np.zeros(len(top))
    return np.where((top > 0) & (top > second + 1e-12), best, -1)


class SeededNB:
    """Multinomial naive Bayes with a fixed background class, trained by EM from a labelled core."""

    def __init__(
        self,
        alpha: float = ALPHA,
        background_prior: float = BACKGROUND_PRIOR,
        unlabeled_weight: float = UNLABELED_WEIGHT,
        rounds: int = EM_ROUNDS,
    ):
        self.alpha = alpha
        self.background_prior = background_prior
        self.unlabeled_weight = unlabeled_weight
        self.rounds = rounds

    def fit(self, X: sp.csr_matrix, core: np.ndarray, n_classes: int, sample_weight=None):
        n = X.shape[0]
        w = np.ones(n) if sample_weight is None else np.asarray(sample_weight, float)
        C = X * SCALE
        self.background_ = np.log(np.asarray((sp.diags(w) @ C).sum(axis=0)).ravel() + self.alpha)
        self.background_ -= np.log(np.exp(self.background_).sum())
        R = np.zeros((n, n_classes))
        lab = core >= 0
        R[np.flatnonzero(lab), core[lab]] = 1.0
        self.n_classes = n_classes
        self._m_step(C, R, w)
        for _ in range(self.rounds):
            P = self.predict_proba(X)[:, :n_classes]
            R_new = P * self.unlabeled_weight
            R_new[lab] = 0.0
            R_new[np.flatnonzero(lab), core[lab]] = 1.0
            self._m_step(C, R_new, w)
        return self

    def _m_step(self, C, R, w):
        Rw = R * w[:, None]
        N = np.asarray((C.T @ Rw).T)  # classes x terms
        self.log_theta_ = np.log(N + self.alpha) - np.log((N + self.alpha).sum(axis=1, keepdims=True))
        mass = Rw.sum(axis=0) + 1.0
        prior = (1.0 - self.background_prior) * mass / mass.sum()
        self.log_prior_ = np.log(np.append(prior, self.background_prior))

    def joint_log_likelihood(self, X: sp.csr_matrix) -> np.ndarray:
        C = X * SCALE
        L = np.asarray(C @ np.vstack([self.log_theta_, self.background_]).T)
        return L + self.log_prior_[None, :]

    def predict_proba(self, X: sp.csr_matrix) -> np.ndarray:
        """(n x (classes + 1)) probabilities; the last column is the background class."""
        L = self.joint_log_likelihood(X)
        L -= L.max(axis=1, keepdims=True)
        P = np.exp(L)
        return P / P.sum(axis=1, keepdims=True)


def class_coherence(X: sp.csr_matrix, members: np.ndarray) -> float:
    """Mean cosine between two different inputs of a group (how much they share); rows of X are unit length.

    Pairs, not the cosine to the group's centroid: that one rises as a group shrinks (each input weighs
    more in its own centroid), which would let any small grab-bag look coherent. With unit rows,
    |sum|^2 = n + the sum over ordered pairs, so no pair needs to be formed."""
    n = len(members)
    if n < 2:
        return 0.0
    total = np.asarray(X[members].sum(axis=0)).ravel()
    return float((total @ total - np.asarray(X[members].multiply(X[members]).sum())) / (n * (n - 1)))
