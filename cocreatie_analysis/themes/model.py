"""Themes: which opgaven residents raise. `ThemeModel` finds them by itself or guided by seed words.

How it works (also the text of the report's methods section, in short):

1. **Subject terms.** Every input is cleaned (HTML, URLs, emoji dropped), tokenised and reduced to the
   words that carry its *subject*: stop words, tone words ("slecht", "prachtig", "schandalig", from the
   textblob polarity lexicon), generic participation words ("gemeente", "buurt", "graag", "vind",
   "moet", `data/themes_generic_<lang>.txt`) and proper names (street and person names) are left out;
   words are lemmatised ("bomen" -> "boom"), typos of frequent words are corrected ("fietspat" ->
   "fietspad"), Dutch compounds add their parts ("fietsenstalling" -> fiets + stalling). Nouns weigh
   most, verbs and subject adjectives less. A bundled related-word lexicon
   (`data/themes_concepts_<lang>.txt`) adds a shared concept for words about the same thing
   ("skatebaan", "jongerencentrum", "tiener" -> jongeren), so short inputs meet without sharing a word.
2. **Themes.** The inputs' TF-IDF vectors are factorised with non-negative matrix factorisation (NMF):
   each theme is a weighted set of terms, each input a mix of themes.
3. **How many themes** (`n_themes="auto"`): for every candidate number k (2 to 30, fewer for small data)
   the inputs are clustered and the partition is scored by its Bayesian evidence under a
   Dirichlet-multinomial mixture of the subject terms (the short-text model behind GSDMM, Yin & Wang
   2014; symmetric priors alpha = beta = 0.1). The evidence rewards themes whose inputs use the same
   words and automatically penalises extra themes; the k with the highest evidence wins. Deterministic
   for a `random_state`.
4. **Seeded themes** (`seeds={"groen": ["boom", "park"], ...}`): each seed list becomes the starting
   point of one theme: its terms (lemmas, compound parts, concepts) plus the centroid of the inputs that
   use them (pseudo-relevance feedback, so words residents use *with* the seed words join the theme).
   The factorisation then adapts the theme to the inputs that resemble it, keeping its weight on the
   seed terms (anchored NMF), so inputs without any seed word join the theme they resemble and no other
   subject can take a seeded theme over; a seed that matches nothing stays an empty theme. Extra
   discovered themes are added for subjects the seeds miss (their number chosen by the same evidence),
   and a discovered theme is folded into a seeded one when that raises the evidence (the seeds set the
   granularity: "fietspaden" belongs to a seeded "verkeer").
5. **No theme (-1):** an input gets -1 when it has no subject terms, or when the themes explain less than
   `MIN_FIT` of its TF-IDF vector (off-topic input such as "Goed initiatief!" or "test"), or when its
   theme is smaller than `min_theme_size` inputs.
6. **Labels:** top terms per theme by class-based TF-IDF over the theme's inputs (the most frequent
   written form of each lemma, so "bomen", not "bom"), a name from the top one or two terms (a seeded
   theme's name is its key), and the most typical inputs as examples (PII redacted, short readable
   inputs without name-like word pairs preferred, very long ones cut at 500 characters).

Identical texts are fitted once (so one text posted 500 times cannot make a theme by itself), but every
copy counts in the theme sizes and gets the same label.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Iterable, Mapping
from functools import cache

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.special import gammaln
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.preprocessing import normalize

from .. import text as T
from ..errors import UserError
from ..text import lexicons as _lexicons
from ..text import morphology as _morphology

# Weight of a term by word class: subjects are mostly nouns; verbs ("parkeren", "zwemmen") and subject
# adjectives ("onveilig", "eenzaam") help; adverbs and proper names do not.
_CLASS_WEIGHT = {T.NOUN: 1.0, T.NOUN_PL: 1.0, T.VERB: 0.5, T.ADJ: 0.4, T.PROPN: 0.0, T.ADV: 0.0, T.OTHER: 0.0}
_UNKNOWN_WEIGHT = 0.8  # unknown words are mostly compounds, new nouns or typos of nouns
_PART_WEIGHT = 0.6  # each part of a compound, next to the compound itself
_CONCEPT_WEIGHT = 0.7  # shared concept of related words (themes_concepts_*.txt)
_DOMAIN_WEIGHT = 0.35  # the concept's policy field, weaker
_PSEUDO = ("c:", "d:")  # prefixes of concept and domain features (never shown as terms)

MIN_FIT = 0.04  # share of an input's vector the themes must explain, else -1
_ALPHA = _BETA = 0.1  # Dirichlet priors of the evidence criterion
_ANCHOR = 0.05  # pull of a seeded theme towards its seed vector, per input per theme
_MAX_AUTO_THEMES = 30
_COARSE_KS = (14, 16, 18, 20, 23, 26, 30)
_SELECT_SAMPLE = 4000  # distinct inputs used to choose k
_FIT_SAMPLE = 20000  # distinct inputs used to fit the factorisation (the rest are projected)
_EXAMPLE_CHARS = 500


@cache
def generic_words(language: str = "nl") -> frozenset[str]:
    """Words that name the setting or the act of participating, not a subject (data/themes_generic_*)."""
    raw = _lexicons.data_text(f"themes_generic_{T.check_language(language)}.txt")
    words: set[str] = set()
    for line in raw.splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


@cache
def concept_lexicon(language: str = "nl") -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Lemma -> (concepts, domains) from data/themes_concepts_<language>.txt ({} if there is none)."""
    try:
        raw = _lexicons.data_text(f"themes_concepts_{T.check_language(language)}.txt")
    except FileNotFoundError:
        return {}
    out: dict[str, tuple[set, set]] = {}
    for line in raw.splitlines():
        if line.startswith("#") or "|" not in line:
            continue
        domains, _, rest = line.partition("|")
        concept, _, words = rest.partition(":")
        for word in words.split():
            c, d = out.setdefault(word, (set(), set()))
            c.add(concept.strip())
            d.update(x.strip() for x in domains.split(","))
    return {w: (tuple(sorted(c)), tuple(sorted(d))) for w, (c, d) in out.items()}


_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n\"'(\[•*-])\s*$")


class Featurizer:
    """Texts -> sparse matrix of weighted subject terms (see the module docstring, step 1).

    `fit_transform` learns the vocabulary (lemmas, compound parts, concepts), the typo corrections and
    the written forms of each term; `transform` maps new texts onto that vocabulary.
    """

    def __init__(self, language: str = "nl", use_concepts: bool = True):
        self.language = T.check_language(language)
        self.use_concepts = use_concepts

    # -- tokens ------------------------------------------------------------------------------------------
    def _tokens(self, text: str) -> list[str]:
        """Lower-case tokens; Titlecase words inside a sentence that the lexicon does not know as common
        words are proper names ("Kerkstraat", "Jan") and dropped."""
        cleaned = T.clean(text)
        out = []
        lex = T.lexicon(self.language)
        for m in T.TOKEN_RE.finditer(cleaned):
            tok = m.group()
            low = tok.lower()
            if (
                tok[0].isupper()
                and len(tok) > 3
                and tok[1:].islower()
                and low not in lex
                and not _SENTENCE_END.search(cleaned[: m.start()])
            ):
                continue
            out.append(low)
        return out

    def _token_ids(self, docs: Iterable[str], ids: dict[str, int]):
        """Token ids of all docs as one flat int32 array plus row offsets (compact for a million inputs)."""
        from array import array

        flat = array("i")
        indptr = array("q", [0])
        for d in docs:
            toks = self._tokens(d)
            flat.extend([ids.setdefault(tok, len(ids)) for tok in toks])
            indptr.append(len(flat))
        return np.frombuffer(flat, dtype=np.int32).astype(np.int64), np.frombuffer(indptr, dtype=np.int64)

    # -- token -> features -------------------------------------------------------------------------------
    def _token_features(self, tok: str, grow: bool) -> list[tuple[int, float]]:
        lang = self.language
        lex = T.lexicon(lang)
        drop = self._drop
        word = self.corrections_.get(tok, tok)
        out: list[tuple[int, float]] = []
        if len(word) < 2 or word.isdigit() or word in drop or not any(ch.isalpha() for ch in word):
            return out
        lemma = self._lemma(word)
        if lemma in drop:
            return out
        classes = lex.get(word) or lex.get(lemma)
        weight = max(_CLASS_WEIGHT.get(c, 0.0) for c in classes) if classes else _UNKNOWN_WEIGHT
        feats: list[tuple[str, float]] = []
        if weight > 0:
            feats.append((lemma, weight))
        parts = T.split_compound(word, lang, self.known_) if lang == "nl" else ()
        for part in parts:
            if part not in drop and len(part) >= 3 and part != lemma:
                feats.append((part, _PART_WEIGHT))
        if self.use_concepts and weight > 0:
            concepts, domains = set(), set()
            cmap = concept_lexicon(lang)
            for key in (lemma, word, *parts):
                if key in cmap and key not in drop:
                    concepts.update(cmap[key][0])
                    domains.update(cmap[key][1])
            feats += [("c:" + c, _CONCEPT_WEIGHT) for c in sorted(concepts)]
            feats += [("d:" + d, _DOMAIN_WEIGHT) for d in sorted(domains)]
        for name, w in feats:
            j = self.vocabulary_.get(name)
            if j is None:
                if not grow:
                    continue
                j = self.vocabulary_[name] = len(self.vocabulary_)
            out.append((j, w))
        return out

    def _lemma(self, word: str) -> str:
        """`text.lemmatize`, plus: an unknown plural or diminutive whose singular occurs in this corpus or
        in the concept lexicon maps to it ("schommels" -> "schommel", "populieren" -> "populier")."""
        lang = self.language
        lemma = T.lemmatize(word, lang)
        if lemma != word or word in T.lexicon(lang):
            return lemma
        cands = _morphology._nl_singular_candidates(word) if lang == "nl" else _morphology._en_singular_candidates(word)
        cmap = concept_lexicon(lang)
        for cand in cands:
            if len(cand) >= 3 and (cand in self.corpus_words_ or cand in cmap):
                return cand
        return word

    def _matrix(self, flat, indptr, id_to_token, grow: bool):
        n_docs = len(indptr) - 1
        rows, cols, vals = [], [], []
        for t, tok in enumerate(id_to_token):
            for j, w in self._token_features(tok, grow):
                rows.append(t)
                cols.append(j)
                vals.append(w)
        n_feat = len(self.vocabulary_)
        token_map = sp.csr_matrix((vals, (rows, cols)), shape=(len(id_to_token), n_feat))
        doc_rows = np.repeat(np.arange(n_docs), np.diff(indptr))
        doc_tok = sp.csr_matrix((np.ones(len(flat)), (doc_rows, flat)), shape=(n_docs, len(id_to_token)))
        doc_tok.sum_duplicates()
        return doc_tok, token_map

    def fit_transform(self, docs: list[str]) -> sp.csr_matrix:
        lang = self.language
        ids: dict[str, int] = {}
        flat, indptr = self._token_ids(docs, ids)
        id_to_token = list(ids)
        counts = np.bincount(flat, minlength=len(ids)) if len(flat) else np.zeros(len(ids), int)
        count_of = dict(zip(id_to_token, counts.tolist()))
        self._drop = T.stopwords(lang, keep_negations=False) | generic_words(lang) | T.tone_words(lang)
        # Words frequent in this corpus count as known words (modern words the lexicon lacks).
        self.corpus_words_ = frozenset(count_of)
        self.known_ = frozenset(w for w, c in count_of.items() if c >= 3 and len(w) >= 4 and w.isalpha())
        self.corrections_ = self._typo_map(count_of)
        self.vocabulary_: dict[str, int] = {}
        doc_tok, token_map = self._matrix(flat, indptr, id_to_token, grow=True)
        X = (doc_tok @ token_map).tocsr()
        # Written form of each term: its most frequent token among those that produce it directly.
        tok_count = np.asarray(doc_tok.sum(axis=0)).ravel()
        weighted = (sp.diags(tok_count) @ token_map).tocsc()
        forms = []
        terms = sorted(self.vocabulary_, key=self.vocabulary_.get)
        for j, term in enumerate(terms):
            col = weighted[:, j]
            if term.startswith(_PSEUDO) or col.nnz == 0:
                forms.append(term)
                continue
            cand = [(col.data[i], id_to_token[col.indices[i]]) for i in range(col.nnz)]
            # Prefer a token that is the term itself or lemmatises to it over a compound containing it.
            direct = [(c, tok) for c, tok in cand if self._lemma(self.corrections_.get(tok, tok)) == term]
            best = max(direct or cand)[1] if direct else term
            forms.append(self.corrections_.get(best, best))
        self.terms_ = np.array(terms, dtype=object)
        self.forms_ = np.array(forms, dtype=object)
        self.is_term_ = np.array([not t.startswith(_PSEUDO) for t in terms])
        return X

    def transform(self, docs: list[str]) -> sp.csr_matrix:
        ids: dict[str, int] = {}
        flat, indptr = self._token_ids(docs, ids)
        doc_tok, token_map = self._matrix(flat, indptr, list(ids), grow=False)
        return (doc_tok @ token_map).tocsr()

    def features_of_words(self, words: Iterable[str]) -> sp.csr_matrix:
        """One row: the features the given (seed) words produce, in the fitted vocabulary."""
        return self.transform([" ".join(str(w).lower() for w in words)])

    def _typo_map(self, count_of: dict[str, int]) -> dict[str, str]:
        """Rare unknown words -> a frequent or known word one edit away (symmetric deletes, as in
        SymSpell): "fietspat" -> "fietspad". Words the lexicon can explain (inflections, compounds,
        verb forms) are never 'corrected'; the first letter must match."""
        lang = self.language
        lex = T.lexicon(lang)
        verbs = T.verb_forms(lang)
        drop = self._drop
        rare = [
            w
            for w, c in count_of.items()
            if c <= 1
            and len(w) >= 6
            and w.isalpha()
            and w not in lex
            and w not in drop
            and w not in verbs
            and T.lemmatize(w, lang) == w
            and not T.split_compound(w, lang, self.known_)
        ]
        if not rare:
            return {}
        targets = [w for w, c in count_of.items() if c >= 3 and len(w) >= 5 and w not in drop and w.isalpha()]
        targets = sorted(targets, key=lambda w: (-count_of[w], w)) + sorted(
            w for w in count_of if w in lex and len(w) >= 5 and w not in drop
        )
        deletes: dict[str, str] = {}
        for w in targets:
            deletes.setdefault(w, w)
            for i in range(len(w)):
                deletes.setdefault(w[:i] + w[i + 1 :], w)
        out = {}
        for w in rare:
            hit = deletes.get(w)
            if hit is None:
                for i in range(len(w)):
                    hit = deletes.get(w[:i] + w[i + 1 :])
                    if hit is not None:
                        break
            if hit is not None and hit != w and hit[0] == w[0]:
                out[w] = hit
        return out


def dmm_log_evidence(counts: sp.spmatrix, labels: np.ndarray, alpha: float = _ALPHA, beta: float = _BETA) -> float:
    """Log marginal likelihood log p(words, partition) under a Dirichlet-multinomial mixture.

    Rows of `counts` are documents (term counts, fractional allowed), `labels` their cluster (-1 rows
    are ignored). Mixture weights ~ Dirichlet(alpha) and each cluster's word distribution ~
    Dirichlet(beta) are integrated out (Yin & Wang 2014, eq. 3; the standard collapsed form):

        log Γ(Kα) - log Γ(D + Kα) + Σ_k [log Γ(m_k + α) - log Γ(α)]
        + Σ_k [log Γ(Vβ) - log Γ(n_k + Vβ) + Σ_w (log Γ(n_kw + β) - log Γ(β))]

    with D documents, K clusters, V terms, m_k documents and n_k term counts in cluster k.
    """
    keep = np.asarray(labels) >= 0
    if not keep.any():
        return -np.inf
    C = sp.csr_matrix(counts)[keep]
    lab = np.asarray(labels)[keep]
    ks, lab = np.unique(lab, return_inverse=True)
    K, (D, V) = len(ks), C.shape
    M = sp.csr_matrix((np.ones(D), (lab, np.arange(D))), shape=(K, D))
    N = (M @ C).tocsr()
    m = np.bincount(lab, minlength=K).astype(float)
    nk = np.asarray(N.sum(axis=1)).ravel()
    ll = gammaln(K * alpha) - gammaln(D + K * alpha) + np.sum(gammaln(m + alpha) - gammaln(alpha))
    ll += K * gammaln(V * beta) - np.sum(gammaln(nk + V * beta))
    ll += np.sum(gammaln(N.data + beta) - gammaln(beta))  # zero counts contribute 0
    return float(ll)


def _tfidf_weights(X: sp.csr_matrix, row_weight: np.ndarray | None = None) -> np.ndarray:
    n = X.shape[0]
    df = (
        np.bincount(X.indices, minlength=X.shape[1])
        if row_weight is None
        else np.asarray((sp.diags(row_weight) @ (X > 0)).sum(axis=0)).ravel()
    )
    n = n if row_weight is None else row_weight.sum()
    return np.log((1 + n) / (1 + df)) + 1


def _apply_tfidf(X: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    if X.shape[0] == 0 or X.shape[1] == 0:
        return sp.csr_matrix(X.shape, dtype=np.float64)
    Y = X.copy().astype(np.float64)
    Y.data = np.log1p(Y.data)  # sublinear term frequency: a 10,000-word text does not swamp a theme
    Y = Y @ sp.diags(idf)
    return normalize(Y.tocsr())


def _distinct(docs: list[str]):
    """Distinct texts in order of first appearance, the index of each text's distinct copy, copy counts."""
    index: dict[str, int] = {}
    inverse = np.fromiter((index.setdefault(d, len(index)) for d in docs), dtype=np.int64, count=len(docs))
    return list(index), inverse, np.bincount(inverse, minlength=len(index)).astype(np.int64)


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _as_texts(texts) -> list[str]:
    if isinstance(texts, (str, bytes)):
        raise TypeError("texts must be an iterable of texts (e.g. a list or a pandas Series), not one string")
    if isinstance(texts, pd.DataFrame):
        raise TypeError("texts must be one column (a Series), not a DataFrame")
    try:
        items = list(texts)
    except TypeError:
        raise TypeError(f"texts must be an iterable of texts, not {type(texts).__name__}") from None
    return ["" if _is_missing(v) else T.as_text(v) for v in items]


_PARTICLE = r"(?:van der|van den|van de|van het|in 't|van|de|der|den|het|ter|ten|te)"


_NAME_PAIR = re.compile(
    r"(?<![.!?:;]\s)(?<!^)(?<![.!?:;(\"'‘“])\b[A-Z][a-zà-ÿ]+(?:\s+"
    + _PARTICLE
    + r")?\s+[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?"
)


class ThemeModel:
    """Theme discovery and seeded (guided) themes for resident input.

    Parameters
    ----------
    language : "nl" or "en"
    n_themes : "auto" (chosen by Bayesian evidence, see the module docstring) or an int >= 1. With seeds
        it is the total number of themes including the seeded ones ("auto": extra themes as needed).
    seeds : optional mapping theme name -> seed words (a list, or one string of words separated by
        commas or spaces). Seeded themes keep their name; seed words are a starting point, not a filter.
    random_state : int; the same input and random_state give the same result.
    min_theme_size : themes with fewer inputs are dissolved ("auto": max(3, 0.5 % of the inputs));
        seeded themes are kept whatever their size.
    use_concepts : use the bundled related-word lexicon (default True).

    Attributes (after fit)
    ----------------------
    labels_ : np.ndarray[int], theme per training text, -1 = no theme
    themes_ : DataFrame indexed by theme id (0..n-1, seeded themes first in seed order, then discovered
        themes by size): name (str), size (int, inputs with that label), top_terms (list[str]),
        examples (list[str], PII-redacted), seeded (bool)
    n_themes_ : int
    evidence_ : DataFrame k -> log evidence for each candidate number of (extra) themes ("auto" only)
    """

    def __init__(
        self,
        language: str = "nl",
        n_themes="auto",
        seeds: Mapping[str, Iterable[str]] | None = None,
        random_state: int = 0,
        min_theme_size="auto",
        use_concepts: bool = True,
    ):
        self.language = language
        self.n_themes = n_themes
        self.seeds = seeds
        self.random_state = random_state
        self.min_theme_size = min_theme_size
        self.use_concepts = use_concepts

    # -- validation -------------------------------------------------------------------------------------
    def _check_params(self) -> dict[str, list[str]]:
        T.check_language(self.language)
        n = self.n_themes
        if isinstance(n, str) and n.strip().isdigit():
            n = int(n)  # "12" from a YAML or CSV setting
        if not (n == "auto" or (isinstance(n, (int, np.integer)) and not isinstance(n, bool) and n >= 1)):
            raise UserError(f'n_themes must be "auto" or an integer >= 1, not {n!r}')
        m = self.min_theme_size
        if not (m == "auto" or (isinstance(m, (int, np.integer)) and not isinstance(m, bool) and m >= 1)):
            raise UserError(f'min_theme_size must be "auto" or an integer >= 1, not {m!r}')
        seeds: dict[str, list[str]] = {}
        self._n_themes = n
        if self.seeds is None:
            return seeds
        if not isinstance(self.seeds, Mapping):
            raise TypeError(
                f"seeds must be a mapping theme name -> list of seed words, not {type(self.seeds).__name__}"
            )
        for name, words in self.seeds.items():
            if not isinstance(name, str) or not name.strip():
                raise UserError(f"seed theme names must be non-empty strings, not {name!r}")
            if isinstance(words, str):
                words = re.split(r"[,;\s]+", words)
            try:
                words = [str(w).strip() for w in words if not _is_missing(w) and str(w).strip()]
            except TypeError:
                raise TypeError(f"seeds[{name!r}] must be a list of words, not {type(words).__name__}") from None
            if not words:
                raise UserError(f"seed theme {name!r} has no seed words")
            seeds[name.strip()] = words
        if isinstance(n, (int, np.integer)) and n < len(seeds):
            raise UserError(f"n_themes={n} is smaller than the number of seeded themes ({len(seeds)})")
        self._n_themes = n
        return seeds

    # -- fitting ----------------------------------------------------------------------------------------
    def fit(self, texts, y=None):
        """Learn themes from `texts` (any iterable or Series of texts; None/NaN count as empty)."""
        self._fit(_as_texts(texts))
        return self

    def fit_predict(self, texts, y=None) -> np.ndarray:
        """Fit and return the theme of every text (np.ndarray[int], -1 = no theme)."""
        return self.fit(texts).labels_.copy()

    def _fit(self, docs: list[str]):
        seeds = self._check_params()
        self._seed_names = list(seeds)
        uniq, inverse, dup_counts = _distinct(docs)
        self.featurizer_ = Featurizer(self.language, self.use_concepts)
        X = self.featurizer_.fit_transform(list(uniq))
        # Terms that occur in one distinct input only cannot link inputs; they are kept for labels.
        df = np.bincount(X.indices, minlength=X.shape[1])
        n_nonempty = int((X.getnnz(axis=1) > 0).sum())
        keep = df >= (2 if n_nonempty >= 20 else 1)
        seed_rows = [self.featurizer_.features_of_words(words) for words in seeds.values()]
        for row in seed_rows:
            keep[row.indices] = True  # seed terms stay even if rare
        self._keep = np.flatnonzero(keep)
        Xk = X[:, self._keep].tocsr()
        # Distinct texts are weighted by the (dampened) number of copies.
        row_weight = 1.0 + np.log(dup_counts.astype(float))
        self.idf_ = _tfidf_weights(Xk, row_weight)
        Xt = _apply_tfidf(Xk, self.idf_)
        has_terms = Xt.getnnz(axis=1) > 0
        self._raw_counts = Xk
        rng = np.random.RandomState(self.random_state)
        n_docs = len(docs)
        min_size = self._min_size(n_docs)
        seed_H = (
            np.vstack([_apply_tfidf(r[:, self._keep].tocsr(), self.idf_).toarray() for r in seed_rows])
            if seed_rows
            else np.zeros((0, Xt.shape[1]))
        )
        n_seed = len(seed_rows)
        if n_seed:
            seed_H = self._expand_seeds(seed_H, Xt, row_weight)
        idx = np.flatnonzero(has_terms)
        self.evidence_ = pd.DataFrame(columns=["n_themes", "log_evidence"])
        self.components_ = seed_H
        self.component_theme_ = np.arange(n_seed)
        if len(idx) and Xt.shape[1]:
            fit_rows = idx if len(idx) <= _FIT_SAMPLE else np.sort(rng.choice(idx, _FIT_SAMPLE, replace=False))
            Xfit = (sp.diags(np.sqrt(row_weight[fit_rows])) @ Xt[fit_rows]).tocsr()
            k_extra = self._choose_extra(Xt, Xk, idx, seed_H, rng, row_weight)
            H, W = self._factorise(Xfit, seed_H, k_extra, return_w=True)
            self.components_ = H
            self.component_theme_ = np.arange(H.shape[0])
            if n_seed and H.shape[0] > n_seed:
                self._merge_into_seeds(W, _count_matrix(Xk[fit_rows]), n_seed)
        labels_u, member_u = self._assign(self._project(Xt), Xt)
        # Dissolve discovered themes that are too small (counting copies); their inputs move to the next
        # best theme if it explains them well enough, else -1.
        for _ in range(3):
            n_th = self._n_theme_ids()
            sizes = np.bincount(labels_u[labels_u >= 0], weights=dup_counts[labels_u >= 0], minlength=n_th)
            small = [t for t in range(n_seed, n_th) if sizes[t] < min_size]
            if not small:
                break
            self._drop_themes(small)
            labels_u, member_u = self._assign(self._project(Xt), Xt)
        self._order_themes(labels_u, dup_counts, n_seed)
        labels_u, member_u = self._assign(self._project(Xt), Xt)
        self.labels_ = labels_u[inverse].astype(int)
        self._describe(uniq, dup_counts, X, labels_u, member_u, seeds)
        self.n_themes_ = len(self.themes_)
        return self

    def _expand_seeds(self, seed_H: np.ndarray, Xt: sp.csr_matrix, row_weight: np.ndarray) -> np.ndarray:
        """Seed vector + centroid of the inputs that contain the seed's terms (pseudo-relevance feedback).

        Words that residents use together with the seed words ("bloemen" next to "bomen" and "park") thus
        join the seeded theme from the start, so inputs that only use those words resemble it. The
        original seed terms are remembered in `_seed_mask` (they stay anchored during the factorisation).
        """
        self._seed_mask = seed_H > 0
        out = normalize(seed_H) if seed_H.size else seed_H
        if Xt.shape[0] == 0 or not seed_H.any():
            return out
        S = np.asarray(Xt @ out.T)
        best = S.argmax(axis=1)
        matched = S.max(axis=1) > 0
        for k in range(seed_H.shape[0]):
            rows = np.flatnonzero(matched & (best == k))
            if len(rows) == 0 or not seed_H[k].any():
                continue
            centroid = np.asarray((sp.diags(row_weight[rows]) @ Xt[rows]).sum(axis=0)).ravel()
            out[k] = out[k] + centroid / max(np.linalg.norm(centroid), 1e-12)
        return out

    def _n_theme_ids(self) -> int:
        n_seed = len(self._seed_names)
        return max(n_seed, int(self.component_theme_.max()) + 1 if len(self.component_theme_) else 0)

    def _drop_themes(self, themes: list[int]):
        keep = ~np.isin(self.component_theme_, themes)
        self.components_ = self.components_[keep]
        old = self.component_theme_[keep]
        remaining = [t for t in range(self._n_theme_ids()) if t not in set(themes)]
        self.component_theme_ = np.searchsorted(remaining, old)

    def _merge_into_seeds(self, W: np.ndarray, counts: sp.csr_matrix, n_seed: int):
        """Fold a discovered theme into a seeded one when that raises the evidence (step 3's criterion).

        The seed lists set the granularity the municipality works with: if residents' inputs about
        "fietspaden" fit the seeded theme "verkeer" at least as well as a theme of their own, they belong
        to "verkeer". Greedy, largest discovered theme first.
        """
        comp_lab = np.where(W.max(axis=1) > 0, W.argmax(axis=1), -1)
        theme_of = self.component_theme_.copy()
        labels = np.where(comp_lab >= 0, theme_of[np.maximum(comp_lab, 0)], -1)
        base = dmm_log_evidence(counts, labels)
        sizes = np.bincount(labels[labels >= 0], minlength=len(theme_of))
        for e in sorted(range(n_seed, len(theme_of)), key=lambda j: (-sizes[j], j)):
            best, best_s = base, None
            for s_ in range(n_seed):
                if not (labels == s_).any():
                    continue
                trial = np.where(labels == e, s_, labels)
                ev = dmm_log_evidence(counts, trial)
                if ev > best:
                    best, best_s = ev, s_
            if best_s is not None:
                labels = np.where(labels == e, best_s, labels)
                theme_of[theme_of == e] = best_s
                base = best
        # Renumber: seeded themes keep 0..n_seed-1, remaining discovered themes follow.
        extra = sorted(set(theme_of[theme_of >= n_seed].tolist()))
        remap = {t: t for t in range(n_seed)} | {t: n_seed + i for i, t in enumerate(extra)}
        self.component_theme_ = np.array([remap[t] for t in theme_of])

    def _min_size(self, n_docs: int) -> int:
        if self.min_theme_size != "auto":
            return int(self.min_theme_size)
        return max(3, int(math.ceil(0.005 * n_docs)))

    def _candidate_ks(self, n_distinct: int, n_seed: int) -> list[int]:
        """Numbers of extra (discovered) themes to try."""
        if self._n_themes != "auto":
            return [max(0, min(int(self._n_themes), max(n_distinct, n_seed)) - n_seed)]
        hi = min(_MAX_AUTO_THEMES, max(1, n_distinct // 5)) - n_seed
        lo = 0 if n_seed else 1
        # Every k up to 12 themes, then a coarser grid (the evidence is flat there and fits are costly).
        grid = [k for k in range(lo, max(lo, hi) + 1) if n_seed + k <= 12 or (n_seed + k) in _COARSE_KS]
        return grid or [max(lo, hi)]

    def _choose_extra(self, Xt, Xk, idx, seed_H, rng, row_weight) -> int:
        n_seed = seed_H.shape[0]
        ks = self._candidate_ks(len(idx), n_seed)
        if len(ks) == 1:
            return ks[0]
        sel = idx if len(idx) <= _SELECT_SAMPLE else np.sort(rng.choice(idx, _SELECT_SAMPLE, replace=False))
        Xs = Xt[sel]
        Xw = (sp.diags(np.sqrt(row_weight[sel])) @ Xs).tocsr()
        counts = _count_matrix(Xk[sel])
        # One truncated SVD serves the NNDSVD starting point of every candidate k.
        svd = _svd(Xw, max(ks), self.random_state) if n_seed == 0 else None
        rows = []
        for k in ks:
            if n_seed + k == 0:
                continue
            H, W = self._factorise(Xw, seed_H, k, svd=svd, max_iter=150, return_w=True)
            lab = np.where(W.max(axis=1) > 0, W.argmax(axis=1), -1)
            rows.append((n_seed + k, dmm_log_evidence(counts, lab)))
        self.evidence_ = pd.DataFrame(rows, columns=["n_themes", "log_evidence"])
        best = int(self.evidence_.loc[self.evidence_.log_evidence.idxmax(), "n_themes"])
        return best - n_seed

    def _factorise(
        self,
        Xfit: sp.csr_matrix,
        seed_H: np.ndarray,
        k_extra: int,
        svd=None,
        max_iter: int = 200,
        return_w: bool = False,
    ):
        """Theme-term matrix H (n_seed + k_extra rows) by NMF; seeded rows start from the seed vectors."""
        n_seed = seed_H.shape[0]
        k = n_seed + k_extra
        k_fit = min(k, Xfit.shape[0], Xfit.shape[1]) if n_seed == 0 else k
        if k_fit == 0:
            H = np.zeros((0, Xfit.shape[1]))
            return (H, np.zeros((Xfit.shape[0], 0))) if return_w else H
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            warnings.simplefilter("ignore", RuntimeWarning)  # sklearn reports sqrt of a tiny negative error
            if n_seed == 0:
                if svd is None:
                    svd = _svd(Xfit, k_fit, self.random_state)
                W0, H0 = _nndsvda(Xfit, svd, k_fit)
                model = NMF(k_fit, init="custom", random_state=self.random_state, max_iter=max_iter, tol=1e-4)
                W = model.fit_transform(Xfit, W=W0, H=H0)
                return (model.components_, W) if return_w else model.components_
            # Seeded: the seed vectors start the first rows; extra rows start from NNDSVD of the residual
            # (what the seeds do not explain). Seeded rows are anchored to their seed vector (see
            # `_anchored_nmf`), so a seed's theme grows towards what resembles it but cannot be taken
            # over by another subject; a seed that matches nothing stays empty.
            scale = np.sqrt(Xfit.multiply(Xfit).sum() / Xfit.shape[0] / max(k, 1))
            active = np.flatnonzero(seed_H.sum(axis=1) > 0)
            H0 = normalize(seed_H) * max(scale, 1e-3) * 3
            if k_extra:
                W_seed = _nnls_project(Xfit, H0)
                # Positive residual X - W H; it can only be positive where X is non-zero.
                R = Xfit.tocoo()
                approx = np.einsum("ij,ji->i", W_seed[R.row], H0[:, R.col])
                R = sp.csr_matrix((np.maximum(R.data - approx, 0), (R.row, R.col)), shape=Xfit.shape)
                R.eliminate_zeros()
                if R.nnz and min(R.shape) > k_extra:
                    svd_r = _svd(R.tocsr(), k_extra, self.random_state)
                    H_extra = _nndsvda(R.tocsr(), svd_r, k_extra)[1]
                else:
                    H_extra = np.random.RandomState(self.random_state).rand(k_extra, Xfit.shape[1]) * 1e-2
                H0 = np.vstack([H0, H_extra])
            rows = np.concatenate([active, np.arange(n_seed, k)])
            H_start = np.maximum(H0[rows], 1e-9)
            anchor = np.zeros(len(rows))
            anchor[: len(active)] = _ANCHOR * Xfit.shape[0] / max(k, 1)
            mask = np.zeros_like(H_start, dtype=bool)
            mask[: len(active)] = self._seed_mask[active]
            H_fit, W_fit = _anchored_nmf(Xfit, H_start, anchor, max_iter, mask=mask)
            H = np.zeros((k, Xfit.shape[1]))
            H[rows] = H_fit
            W = np.zeros((Xfit.shape[0], k))
            W[:, rows] = W_fit
            return (H, W) if return_w else H

    def _project(self, Xt: sp.csr_matrix) -> np.ndarray:
        return _nnls_project(Xt, self.components_)

    def _assign(self, W: np.ndarray, Xt: sp.csr_matrix):
        """Labels and memberships from theme weights W (see `transform`)."""
        H = self.components_
        n, k = W.shape
        n_th = self._n_theme_ids()
        if k == 0:
            return np.full(n, -1), np.zeros((n, n_th))
        onehot = np.zeros((k, n_th))
        onehot[np.arange(k), self.component_theme_] = 1.0
        contrib = (W * np.linalg.norm(H, axis=1)[None, :]) @ onehot
        total = contrib.sum(axis=1)
        # Share of the input's (unit-length) vector x that the themes reproduce: 1 - ||x - wH||^2, computed
        # without forming wH: ||x||^2 - 2 w.(H x) + w (H H^T) w.
        XHt = np.asarray(Xt @ H.T)
        sq = np.asarray(Xt.multiply(Xt).sum(axis=1)).ravel()
        resid = sq - 2 * np.einsum("ij,ij->i", W, XHt) + np.einsum("ij,ij->i", W @ (H @ H.T), W)
        fit = np.clip(1.0 - resid, 0.0, 1.0)
        fit[Xt.getnnz(axis=1) == 0] = 0.0
        with np.errstate(invalid="ignore", divide="ignore"):
            member = np.where(total[:, None] > 0, contrib / total[:, None], 0.0) * fit[:, None]
        labels = np.where((fit >= MIN_FIT) & (total > 0), contrib.argmax(axis=1), -1)
        return labels, member

    def _order_themes(self, labels_u, dup_counts, n_seed):
        """Seeded themes first (seed order), then discovered themes by size, largest first."""
        n_th = self._n_theme_ids()
        sizes = np.bincount(labels_u[labels_u >= 0], weights=dup_counts[labels_u >= 0], minlength=n_th)
        order = list(range(n_seed)) + sorted(range(n_seed, n_th), key=lambda j: (-sizes[j], j))
        new_id = np.argsort(order)
        self.component_theme_ = new_id[self.component_theme_]

    # -- description ------------------------------------------------------------------------------------
    def _describe(self, uniq, dup_counts, X, labels_u, member_u, seeds):
        f = self.featurizer_
        k = self._n_theme_ids()
        term_cols = np.flatnonzero(f.is_term_)
        Xterm = X[:, term_cols].tocsr()
        # Class-based TF-IDF (as in BERTopic): term frequency within a theme, times
        # log(1 + average theme size / term frequency overall) so terms common everywhere sink.
        rows = []
        weights = dup_counts.astype(float)
        total_tf = np.asarray((sp.diags(weights) @ Xterm).sum(axis=0)).ravel()
        avg = max(total_tf.sum() / max(k, 1), 1.0)
        seed_names = list(seeds)
        used_names: set[str] = set()
        for j in range(k):
            members = np.flatnonzero(labels_u == j)
            size = int(dup_counts[members].sum())
            if len(members):
                tf = np.asarray((sp.diags(weights[members]) @ Xterm[members]).sum(axis=0)).ravel()
                score = tf * np.log1p(avg / np.maximum(total_tf, 1e-9))
            else:
                score = np.zeros(len(term_cols))
            # Seeded themes with no members fall back to the theme's term weights.
            if not len(members) or score.max() <= 0:
                full = np.zeros(X.shape[1])
                full[self._keep] = self.components_[self.component_theme_ == j].sum(axis=0)
                score = full[term_cols]
            order = np.argsort(-score, kind="stable")
            top: list[str] = []
            for c in order:
                if score[c] <= 0 or len(top) >= 8:
                    break
                form = str(f.forms_[term_cols[c]])
                if form not in top:
                    top.append(form)
            if j < len(seed_names):
                name = seed_names[j]
            else:
                name = self._name(top, used_names)
            used_names.add(name)
            examples = self._examples(uniq, member_u[:, j], members)
            rows.append(
                {"name": name, "size": size, "top_terms": top, "examples": examples, "seeded": j < len(seed_names)}
            )
        self.themes_ = pd.DataFrame(rows, columns=["name", "size", "top_terms", "examples", "seeded"])
        self.themes_.index.name = "theme"
        self.themes_["size"] = self.themes_["size"].astype(int)
        self.themes_["seeded"] = self.themes_["seeded"].astype(bool)

    def _name(self, top: list[str], used: set[str]) -> str:
        joiner = " en " if self.language == "nl" else " and "
        if not top:
            base = "overig" if self.language == "nl" else "other"
        else:
            base = top[0] if len(top) == 1 else top[0] + joiner + top[1]
        name, i = base, 2
        while name in used:
            name = f"{base} ({i})" if len(top) < 3 else f"{top[0]}{joiner}{top[min(i, len(top) - 1)]}"
            if name in used:
                name = f"{base} ({i})"
            i += 1
        return name

    def _examples(self, uniq, membership, members, n: int = 3) -> list[str]:
        if not len(members):
            return []
        texts = [T.clean(uniq[i]) for i in members]
        score = membership[members].copy()
        length = np.array([len(t) for t in texts])
        # Prefer readable inputs: not one or two words, not a long letter, no name-like word pairs.
        score = (
            score
            - 0.5 * (length < 25)
            - 0.3 * (length > 400)
            - 0.5 * np.array([bool(_NAME_PAIR.search(t)) or T.contains_pii(t) for t in texts])
        )
        out = []
        for i in np.argsort(-score, kind="stable"):
            t = texts[i]
            if not t:
                continue
            if len(t) > _EXAMPLE_CHARS:
                t = t[:_EXAMPLE_CHARS].rsplit(" ", 1)[0] + " …"
            t = T.redact_pii(t, self.language)
            if t not in out:
                out.append(t)
            if len(out) == n:
                break
        return out

    # -- prediction -------------------------------------------------------------------------------------
    def _check_fitted(self):
        if not hasattr(self, "themes_"):
            raise RuntimeError("ThemeModel is not fitted yet: call fit or fit_predict first")

    def _membership(self, texts):
        self._check_fitted()
        docs = _as_texts(texts)
        if not docs:
            return np.zeros(0, dtype=int), np.zeros((0, len(self.themes_)))
        uniq, inverse, _ = _distinct(docs)
        X = self.featurizer_.transform(list(uniq))[:, self._keep].tocsr()
        Xt = _apply_tfidf(X, self.idf_)
        labels, member = self._assign(self._project(Xt), Xt)
        return labels[inverse].astype(int), member[inverse]

    def transform(self, texts) -> np.ndarray:
        """Membership of every text in every theme: array (n_texts, n_themes), values in [0, 1].

        Row i splits the share of text i that the themes explain over the themes (in proportion to each
        theme's contribution to reproducing the text's term vector), so each row sums to at most 1; the
        rest (1 - row sum) is what no theme explains. Empty or off-topic texts get rows of (near) zero.
        """
        return self._membership(texts)[1]

    def predict(self, texts) -> np.ndarray:
        """Theme of every text (np.ndarray[int], -1 = no theme) with the fitted themes."""
        return self._membership(texts)[0]


def _nnls_project(X: sp.csr_matrix, H: np.ndarray, n_iter: int = 100) -> np.ndarray:
    """Non-negative W minimising ||X - W H||_F for fixed H (multiplicative updates, deterministic).

    Used for every projection (fitting, selection, predict, transform), so that labels from
    `fit_predict` and `predict` on the same texts are identical.
    """
    n, k = X.shape[0], H.shape[0]
    if k == 0 or n == 0:
        return np.zeros((n, k))
    HHt = H @ H.T
    XHt = np.asarray(X @ H.T)
    # Start from the non-negative least-squares solution clipped at zero; then multiplicative updates.
    W = np.maximum(XHt @ np.linalg.pinv(HHt), 1e-9)
    W[~(XHt > 0).any(axis=1)] = 0.0
    for _ in range(n_iter):
        denom = W @ HHt
        np.maximum(denom, 1e-12, out=denom)
        W *= XHt / denom
    return W


def _count_matrix(X: sp.csr_matrix) -> sp.csr_matrix:
    """Term weights as whole counts for the evidence: every occurrence of a term counts as one word."""
    C = X.copy()
    C.data = np.ceil(C.data)
    return C


def _svd(X: sp.csr_matrix, k: int, random_state: int):
    from sklearn.utils.extmath import randomized_svd

    k = max(1, min(k, min(X.shape) - 1)) if min(X.shape) > 1 else 1
    return randomized_svd(X, k, random_state=random_state)


def _nndsvda(X: sp.csr_matrix, svd, k: int):
    """NNDSVD starting point (Boutsidis & Gallopoulos 2008) from the first k singular triplets, zeros
    filled with the mean of X ("nndsvda", as in scikit-learn), so one SVD serves every k."""
    U, S, Vt = svd
    n, m = X.shape
    k_avail = min(k, len(S))
    W = np.zeros((n, k))
    H = np.zeros((k, m))
    W[:, 0] = np.sqrt(S[0]) * np.abs(U[:, 0])
    H[0, :] = np.sqrt(S[0]) * np.abs(Vt[0, :])
    for j in range(1, k_avail):
        x, y = U[:, j], Vt[j, :]
        xp, yp = np.maximum(x, 0), np.maximum(y, 0)
        xn, yn = np.abs(np.minimum(x, 0)), np.abs(np.minimum(y, 0))
        xpn, ypn, xnn, ynn = (np.linalg.norm(v) for v in (xp, yp, xn, yn))
        mp, mn = xpn * ypn, xnn * ynn
        if mp > mn:
            u, v, sigma = xp / max(xpn, 1e-12), yp / max(ypn, 1e-12), mp
        else:
            u, v, sigma = xn / max(xnn, 1e-12), yn / max(ynn, 1e-12), mn
        lbd = np.sqrt(S[j] * sigma)
        W[:, j], H[j, :] = lbd * u, lbd * v
    avg = X.mean()
    W[W < 1e-6] = avg
    H[H < 1e-6] = avg
    return W, H


def _anchored_nmf(
    X: sp.csr_matrix,
    H0: np.ndarray,
    anchor: np.ndarray,
    max_iter: int = 200,
    tol: float = 1e-4,
    mask: np.ndarray | None = None,
):
    """NMF with seed terms anchored: minimise ||X - W H||_F^2 + sum_k anchor_k sum_{j in S_k} (H_kj - H0_kj)^2
    where S_k are the seed terms of row k (`mask`, default H0_kj > 0).

    The anchor keeps a seeded theme's weight on its own seed terms; all other terms are free, so the
    theme grows towards whatever co-occurs with the seeds. Multiplicative updates (Lee & Seung 2001;
    the anchor adds a H0 to the numerator and a H to the denominator of the H update). Rows with
    anchor 0 are ordinary NMF components. Deterministic: starts from H0 and the projection of X on it.
    """
    H = H0.copy()
    W = np.maximum(_nnls_project(X, H, n_iter=30), 1e-9)
    a = anchor[:, None] * (H0 > 1e-6 if mask is None else mask)
    Xt_csc = X.T.tocsr()
    prev = np.inf
    sqx = X.multiply(X).sum()
    for it in range(max_iter):
        HHt = H @ H.T
        XHt = np.asarray(X @ H.T)
        W *= XHt / np.maximum(W @ HHt, 1e-12)
        WtW = W.T @ W
        WtX = np.asarray(Xt_csc @ W).T
        H *= (WtX + a * H0) / np.maximum(WtW @ H + a * H, 1e-12)
        if it % 10 == 9:
            obj = sqx - 2 * np.sum(WtX * H) + np.sum(WtW * (H @ H.T)) + np.sum(a * (H - H0) ** 2)
            if prev - obj < tol * prev:
                break
            prev = obj
    return H, W
