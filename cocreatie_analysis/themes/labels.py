"""How a theme is shown: top terms, a name residents wrote themselves, and typical inputs.

- **Top terms** (up to 10): class-based TF-IDF over the theme's inputs (term weight within the theme
  times log(1 + average theme mass / the term's mass overall), as in BERTopic), counted only for terms
  that residents wrote as whole words, shown in the form residents wrote most often ("bomen", not
  "boom") and only when that form is a word of the language (wordfreq's list or simplemma's dictionary).
  Compound parts help inputs meet but are never shown on their own, so no fragment reaches a report.
- **Name**: a seeded theme is called by its opgave, exactly as the council wrote it. A discovered theme
  is called by its *key phrase*: the one-to-three-word phrase, as residents wrote it, that is most
  typical of the theme's inputs (share of the theme's inputs that contain it, against its share in all
  inputs); phrases start and end with a subject word and contain one of the theme's first five top
  terms. Never two top terms glued together.
- **Examples**: the inputs with the highest confidence, preferring readable ones (not one or two words,
  not a letter of 400+ characters), personal data (e-mail, phone, IBAN, postcode) replaced by a label,
  cut at 500 characters.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import scipy.sparse as sp

from ..text import morphology as M
from ..text.features import TOKEN_RE, clean, generic_words

N_TOP = 10
EXAMPLE_CHARS = 500

_PII = [
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE), "[e-mail]"),
    (re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b", re.IGNORECASE), "[iban]"),
    (re.compile(r"\b\d{4}\s?[A-Z]{2}\b(?:[\s,]+\d{1,5}\s?[a-zA-Z]?\b)?"), "[adres]"),
    (re.compile(r"(?<![\w+])(?:\+\d{2}|00\d{2}|0)[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){7,9}\b"), "[telefoon]"),
    (re.compile(r"\b\d{8,10}\b"), "[nummer]"),
]


def redact(text: str) -> str:
    """Replace e-mail addresses, IBANs, postcodes, phone numbers and long numbers by a label."""
    for pattern, label in _PII:
        text = pattern.sub(label, text)
    return text


def top_terms(
    featurizer, X: sp.csr_matrix, labels: np.ndarray, weights: np.ndarray, k: int, fallback: np.ndarray | None = None
) -> list[list[str]]:
    """Up to N_TOP readable whole words per theme (class-based TF-IDF); `fallback` (k x terms) scores
    themes without inputs (a seeded opgave nobody raised: its seed terms)."""
    lang = featurizer.language
    ok = featurizer.whole_ & np.array([M.is_word(f, lang) for f in featurizer.forms_], dtype=bool)
    Xw = sp.diags(weights) @ X
    total = np.asarray(Xw.sum(axis=0)).ravel()
    avg = max(total.sum() / max(k, 1), 1e-9)
    out = []
    for j in range(k):
        members = np.flatnonzero(labels == j)
        if len(members):
            tf = np.asarray(Xw[members].sum(axis=0)).ravel()
            score = tf * np.log1p(avg / np.maximum(total, 1e-9))
        elif fallback is not None:
            score = fallback[j].astype(float).copy()
        else:
            score = np.zeros(X.shape[1])
        score = np.where(ok, score, 0.0)
        terms: list[str] = []
        for c in np.argsort(-score, kind="stable"):
            if score[c] <= 0 or len(terms) >= N_TOP:
                break
            form = str(featurizer.forms_[c])
            if form not in terms:
                terms.append(form)
        out.append(terms)
    return out


def _phrases(text: str, stop: frozenset, language: str) -> set[str]:
    toks = [t.lower() for t in TOKEN_RE.findall(clean(text))]
    out = set()
    for n in (1, 2, 3):
        for i in range(len(toks) - n + 1):
            gram = toks[i : i + n]
            if gram[0] in stop or gram[-1] in stop or any(len(g) < 3 and g not in stop for g in gram):
                continue
            if n == 1 and (len(gram[0]) < 4 or not M.is_word(gram[0], language)):
                continue
            out.add(" ".join(gram))
    return out


def key_phrases(
    texts: list[str],
    labels: np.ndarray,
    weights: np.ndarray,
    k: int,
    language: str,
    taken: set[str] = frozenset(),
    tops: list[list[str]] | None = None,
) -> list[str]:
    """The most typical phrase residents wrote in each theme ('' for a theme without inputs).

    With `tops` (the themes' top terms), a phrase must contain one of the theme's first five top terms,
    so the name is about the theme's subject."""
    stop = M.stopwords(language) | generic_words(language)
    per_doc = [_phrases(t, stop, language) for t in texts]
    overall: Counter = Counter()
    for ph, w in zip(per_doc, weights):
        for p in ph:
            overall[p] += w
    n_total = float(np.sum(weights))
    names: list[str] = []
    used = set(taken)
    for j in range(k):
        members = np.flatnonzero(labels == j)
        if not len(members):
            names.append("")
            continue
        inside: Counter = Counter()
        for i in members:
            for p in per_doc[i]:
                inside[p] += weights[i]
        size = float(weights[members].sum())
        best, best_score = "", -1.0
        subject = set(tops[j][:5]) if tops is not None and j < len(tops) else None
        for p, c in inside.items():
            if c < max(2.0, 0.03 * size):
                continue
            if subject is not None and not subject & set(p.split()):
                continue
            share = c / size
            lift = share / (overall[p] / n_total)
            score = share * np.log1p(lift) * (1.15 if " " in p else 1.0)
            if p not in used and score > best_score:
                best, best_score = p, score
        names.append(best)
        used.add(best)
    return names


def examples(texts: list[str], confidence: np.ndarray, members: np.ndarray, n: int = 3) -> list[str]:
    """Up to n representative, readable, redacted inputs of a theme."""
    if not len(members):
        return []
    cleaned = [clean(texts[i]) for i in members]
    length = np.array([len(t) for t in cleaned])
    score = confidence[members] - 0.5 * (length < 25) - 0.3 * (length > 400)
    out: list[str] = []
    for i in np.argsort(-score, kind="stable"):
        t = cleaned[i]
        if not t:
            continue
        if len(t) > EXAMPLE_CHARS:
            t = t[:EXAMPLE_CHARS].rsplit(" ", 1)[0] + " …"
        t = redact(t)
        if t not in out:
            out.append(t)
        if len(out) == n:
            break
    return out
