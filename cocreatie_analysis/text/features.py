"""Texts -> subject-term vectors: the representation every theme method here works on.

Why a representation of its own rather than scikit-learn's TfidfVectorizer: resident input is short,
messy and (in Dutch and German) full of compounds, so two inputs about the same thing often share no
token. This one

1. cleans any cell value (None, NaN, numbers, HTML, URLs, emoji) into plain text;
2. keeps the words that carry a subject (three letters or more, or a two-letter acronym such as "EU" or
   "OV"): stop words (stopwordsiso, plus English function words in other languages), the generic words of
   participation ("gemeente", "idee", "graag", "test"; `data/themes_generic_<lang>.txt`, for Dutch and
   English) and proper names (a capitalised word inside a sentence that residents never write in lower case
   and that is not a common word) are left out; words of judgement ("mooi", "slecht", "terrible"; textblob's polarity
   lexicons) are kept at a low weight, so they can neither make a theme nor vanish; **words the analyst
   gave as seeds are never left out or weakened**;
3. maps every word to its lemma (`morphology.lemmatize`, simplemma) and adds the parts of compounds
   (`morphology.split_compound`, "fietsenstalling" -> fiets, stalling) at half weight, so
   "fietsenstalling" meets "fiets"; where the bundled related-word lexicon knows the word
   (`data/themes_concepts_<lang>.txt`, Dutch and English), its concept is added at half weight too
   ("skatebaan", "tiener" -> jongeren);
4. weighs terms by sublinear TF-IDF and scales every input to unit length.

The vocabulary, document frequencies and the written forms of each lemma (for readable top terms) are
learned by `fit`; `transform` maps new texts onto them. Work is done once per distinct token, so a
million inputs cost little more than their tokenisation.
"""

from __future__ import annotations

import html
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable
from functools import cache

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from . import morphology as M
from .lexicons import data_text, polarity_lexicon

PART_WEIGHT = 0.5  # each part of a compound, next to the compound itself
CONCEPT_WEIGHT = 0.5  # shared concept of related words (data/themes_concepts_<lang>.txt)
TONE_WEIGHT = 0.3  # words of judgement: present, but too light to make a theme
TONE_POLARITY = 0.5  # |polarity| from which an adjective counts as a word of judgement

_TAG_RE = re.compile(r"<[^>]{0,200}>")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_WS_RE = re.compile(r"\s+")
# Words: letters (with diacritics), inner apostrophes and hyphens kept ("auto's", "e-bike"); no digits.
TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?:;\n\"'(\[•*\-–‘“]\s*$")


def as_text(value) -> str:
    """Any cell value as a string: None, NaN and pd.NA become '', numbers their text."""
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value if isinstance(value, str) else str(value)


def clean(value) -> str:
    """Plain text: HTML tags and entities removed, URLs dropped, whitespace folded."""
    text = html.unescape(_TAG_RE.sub(" ", as_text(value)))
    text = _URL_RE.sub(" ", text)
    return _WS_RE.sub(" ", text).strip()


def as_texts(texts) -> list[str]:
    """A list of strings from any iterable of cell values (a list, a Series, a numpy array)."""
    if isinstance(texts, (str, bytes)):
        raise TypeError("texts must be an iterable of texts (a list or a pandas Series), not one string")
    if isinstance(texts, pd.DataFrame):
        raise TypeError("texts must be one column (a Series), not a DataFrame")
    try:
        items = list(texts)
    except TypeError:
        raise TypeError(f"texts must be an iterable of texts, not {type(texts).__name__}") from None
    return [as_text(v) for v in items]


def tokens(text: str) -> list[tuple[str, bool]]:
    """(token, capitalised inside a sentence) for every word of the cleaned text."""
    cleaned = clean(text)
    out = []
    for m in TOKEN_RE.finditer(cleaned):
        tok = m.group()
        before = cleaned[max(0, m.start() - 4) : m.start()]
        mid = tok[:1].isupper() and m.start() > 0 and not _SENTENCE_END.search(before)
        out.append((tok, bool(mid)))
    return out


@cache
def generic_words(language: str) -> frozenset[str]:
    """Words that name the setting or the act of participating (data/themes_generic_<lang>.txt)."""
    try:
        raw = data_text(f"themes_generic_{language}.txt")
    except FileNotFoundError:
        return frozenset()
    words: set[str] = set()
    for line in raw.splitlines():
        if not line.startswith("#"):
            words.update(w.lower() for w in line.split())
    return frozenset(words)


@cache
def concept_lexicon(language: str) -> dict[str, tuple[str, ...]]:
    """Lemma -> concepts from data/themes_concepts_<lang>.txt ({} for a language without one).

    A small related-word lexicon of municipal subjects ("skatebaan", "jongerencentrum", "tiener" ->
    jongeren): short inputs about the same thing meet even when they share no word. Concepts are
    features only; they are never shown as terms.
    """
    try:
        raw = data_text(f"themes_concepts_{language}.txt")
    except FileNotFoundError:
        return {}
    out: dict[str, set[str]] = {}
    for line in raw.splitlines():
        if line.startswith("#") or "|" not in line:
            continue
        _, _, rest = line.partition("|")
        concept, _, words = rest.partition(":")
        for word in words.split():
            out.setdefault(word.lower(), set()).add("c:" + concept.strip())
    return {w: tuple(sorted(c)) for w, c in out.items()}


@cache
def tone_words(language: str) -> frozenset[str]:
    """Adjectives of judgement (|polarity| >= TONE_POLARITY in De Smedt & Daelemans' lexicon; nl/en only)."""
    if language not in ("nl", "en"):
        return frozenset()
    return frozenset(w for w, (polarity, _) in polarity_lexicon(language).items() if abs(polarity) >= TONE_POLARITY)


class Featurizer:
    """Texts -> sparse TF-IDF matrix of subject lemmas and compound parts (see the module docstring).

    Parameters
    ----------
    language : language code ("nl", "en", "de", ...)
    keep_words : words (any form) that are never dropped or weakened: the analyst's seed words.

    Attributes after `fit`
    ----------------------
    vocabulary_ : dict lemma -> column
    terms_ : np.ndarray of lemmas by column
    idf_ : np.ndarray
    forms_ : np.ndarray, the form residents most often wrote for each lemma ("bomen" for "boom")
    whole_ : np.ndarray[bool], True where the term occurs as a whole word (not only as a compound part)
    """

    def __init__(self, language: str = "nl", keep_words: Iterable[str] = (), use_concepts: bool = True):
        self.language = M.language_code(language)
        self.keep_words = frozenset(str(w).lower() for w in keep_words)
        self.use_concepts = use_concepts

    # -- word level ----------------------------------------------------------------------------------
    def _prepare(self):
        lang = self.language
        self._stop = M.stopwords_with_english(lang) | generic_words(lang)
        self._tone = tone_words(lang)
        self._concepts = concept_lexicon(lang) if self.use_concepts else {}
        self._keep = self.keep_words | {M.lemmatize(w, lang) for w in self.keep_words}

    def _token_features(self, tok: str, mid: bool, lower_seen: frozenset, known: frozenset):
        """[(term, weight)] for one token (term = lemma or compound part), plus whether it is whole."""
        lang = self.language
        low = tok.lower()
        keep = low in self._keep
        acronym = len(tok) == 2 and tok.isupper() and tok.isalpha()  # "EU", "UK", "OV"
        if not keep:
            if (len(low) < 3 and not acronym) or low in self._stop or M.strip_accents(low) in self._stop:
                return ()
            # A proper name: capitalised inside a sentence, never written in lower case here, and not a
            # common word of the language (street, person and place names). Not for languages that
            # capitalise every noun.
            if mid and lang not in M.NOUN_CAPITALS and low not in lower_seen and M.zipf(low, lang) < 3.0:
                return ()
        lemma = low if acronym else M.lemmatize(tok, lang)
        if not lemma or (not keep and (lemma in self._stop or (len(lemma) < 3 and not acronym))):
            return ()
        keep = keep or lemma in self._keep
        weight = 1.0 if keep or (low not in self._tone and lemma not in self._tone) else TONE_WEIGHT
        out = [(lemma, weight, True)]
        parts = M.split_compound(low, lang, known)
        for part in parts:
            if part != lemma and len(part) >= 3 and (part not in self._stop or part in self._keep):
                out.append((part, PART_WEIGHT, False))
        if weight == 1.0 and self._concepts:
            concepts = set()
            for key in (lemma, low, *parts):
                concepts.update(self._concepts.get(key, ()))
            out += [(c, CONCEPT_WEIGHT, False) for c in sorted(concepts)]
        return out

    def _tokenise(self, docs: list[str]):
        ids: dict[tuple[str, bool], int] = {}
        flat = array("i")
        indptr = array("q", [0])
        for d in docs:
            flat.extend([ids.setdefault(t, len(ids)) for t in tokens(d)])
            indptr.append(len(flat))
        return (list(ids), np.frombuffer(flat, dtype=np.int32).astype(np.int64), np.frombuffer(indptr, dtype=np.int64))

    def _counts(self, docs: list[str], grow: bool):
        """Raw weighted term counts (documents x terms) and per-token term mapping."""
        id_tok, flat, indptr = self._tokenise(docs)
        if grow:
            lower_seen = frozenset(t for t, _ in id_tok if t.islower())
            tok_count = np.bincount(flat, minlength=len(id_tok)) if len(flat) else np.zeros(len(id_tok), int)
            counts: Counter = Counter()
            for (t, _), c in zip(id_tok, tok_count.tolist()):
                counts[t.lower()] += c
            # Words residents write on their own at least twice support compound heads (morphology rule 3).
            self._known = frozenset(w for w, c in counts.items() if c >= 2 and len(w) >= 3)
            self._lower_seen = lower_seen
            self.vocabulary_ = {}
            self._whole: set[str] = set()
        rows, cols, vals = [], [], []
        for i, (tok, mid) in enumerate(id_tok):
            for term, w, whole in self._token_features(tok, mid, self._lower_seen, self._known):
                j = self.vocabulary_.get(term)
                if j is None:
                    if not grow:
                        continue
                    j = self.vocabulary_[term] = len(self.vocabulary_)
                if grow and whole:
                    self._whole.add(term)
                rows.append(i)
                cols.append(j)
                vals.append(w)
        n_terms = len(self.vocabulary_)
        tok_map = sp.csr_matrix((vals, (rows, cols)), shape=(len(id_tok), n_terms))
        doc_rows = np.repeat(np.arange(len(docs)), np.diff(indptr))
        doc_tok = sp.csr_matrix((np.ones(len(flat)), (doc_rows, flat)), shape=(len(docs), len(id_tok)))
        return (doc_tok @ tok_map).tocsr(), doc_tok, tok_map, id_tok

    # -- public ----------------------------------------------------------------------------------------
    def fit_transform(self, docs: list[str], sample_weight: np.ndarray | None = None) -> sp.csr_matrix:
        """Learn the vocabulary from `docs` and return their TF-IDF matrix (unit rows; empty rows stay 0)."""
        self._prepare()
        C, doc_tok, _, id_tok = self._counts(docs, grow=True)
        w = np.ones(C.shape[0]) if sample_weight is None else np.asarray(sample_weight, float)
        df = np.asarray((sp.diags(w) @ (C > 0)).sum(axis=0)).ravel()
        n = w.sum()
        self.df_ = df
        self.idf_ = np.log((1 + n) / (1 + df)) + 1.0
        self.terms_ = np.array(sorted(self.vocabulary_, key=self.vocabulary_.get), dtype=object)
        self.whole_ = np.array([t in self._whole for t in self.terms_], dtype=bool)
        # Written form of each lemma: the token residents used most often for it as a whole word.
        tok_total = np.asarray(doc_tok.sum(axis=0)).ravel()
        best: dict[str, tuple[float, str]] = {}
        lang = self.language
        for i, (tok, _) in enumerate(id_tok):
            low = tok.lower()
            lemma = M.lemmatize(tok, lang)
            if lemma in self.vocabulary_:
                c = tok_total[i]
                prev = best.get(lemma)
                if prev is None or c > prev[0] or (c == prev[0] and low < prev[1]):
                    best[lemma] = (c, low)
        form_of: dict[str, str] = {}
        for lemma, (c, low) in best.items():
            form_of[lemma] = low
        self.forms_ = np.array([form_of.get(t, t) for t in self.terms_], dtype=object)
        self.raw_counts_ = C
        return self._tfidf(C)

    def transform(self, docs: list[str]) -> sp.csr_matrix:
        """TF-IDF matrix of new texts on the fitted vocabulary (unknown words are ignored)."""
        C = self._counts(docs, grow=False)[0]
        return self._tfidf(C)

    def counts(self, docs: list[str]) -> sp.csr_matrix:
        """Weighted term counts of new texts on the fitted vocabulary (no IDF, no scaling)."""
        return self._counts(docs, grow=False)[0]

    def _tfidf(self, C: sp.csr_matrix) -> sp.csr_matrix:
        if C.shape[0] == 0 or C.shape[1] == 0:
            return sp.csr_matrix(C.shape, dtype=np.float64)
        Y = C.astype(np.float64)
        Y.data = np.log1p(Y.data)
        Y = (Y @ sp.diags(self.idf_)).tocsr()
        return normalize(Y)

    def term_rows(self, words: Iterable[str]) -> list[int]:
        """Columns of the terms that `words` produce (lemmas and compound parts), for seed matching."""
        out: list[int] = []
        for w in words:
            for tok, mid in tokens(str(w)):
                for term, _, _ in self._token_features(tok.lower(), False, self._lower_seen, self._known):
                    j = self.vocabulary_.get(term)
                    if j is not None and j not in out:
                        out.append(j)
        return out
