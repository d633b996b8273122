"""`PlainLexiconScorer`: a faithful re-implementation of pattern / textblob-nl sentiment, the baseline.

The De Smedt & Daelemans lexicon scores a text as the plain average of the words it knows; the benchmark
(`benchmarks/sentiment.py`) compares `SentimentScorer` with exactly that.
"""

from __future__ import annotations

import re

import numpy as np

from ..text.cleaning import as_text, iter_texts
from ..vocabulary import check_language
from .lexicon import pattern_lexicon

__all__ = ["PlainLexiconScorer"]


# pattern.text constants (BSD licence, (c) Tom De Smedt, University of Antwerp).
_PATTERN_PUNCTUATION = ".,;:!?()[]{}`''\"@#$^&*+-|=~_"
_PATTERN_ABBREVIATIONS = {
    "en": frozenset(
        {
            "a.",
            "adj.",
            "adv.",
            "al.",
            "a.m.",
            "c.",
            "cf.",
            "comp.",
            "conf.",
            "def.",
            "ed.",
            "e.g.",
            "esp.",
            "etc.",
            "ex.",
            "f.",
            "fig.",
            "gen.",
            "id.",
            "i.e.",
            "int.",
            "l.",
            "m.",
            "Med.",
            "Mil.",
            "Mr.",
            "n.",
            "n.q.",
            "orig.",
            "pl.",
            "pred.",
            "pres.",
            "p.m.",
            "ref.",
            "v.",
            "vs.",
            "w/",
        }
    ),
    # pattern.nl.ABBREVIATIONS
    "nl": frozenset(
        {
            "a.d.h.v.",
            "afb.",
            "a.u.b.",
            "bv.",
            "b.v.",
            "bijv.",
            "blz.",
            "ca.",
            "cfr.",
            "dhr.",
            "dr.",
            "d.m.v.",
            "d.w.z.",
            "e.a.",
            "e.d.",
            "e.g.",
            "enz.",
            "etc.",
            "e.v.",
            "evt.",
            "fig.",
            "i.e.",
            "i.h.b.",
            "ir.",
            "i.p.v.",
            "i.s.m.",
            "m.a.w.",
            "max.",
            "m.b.t.",
            "m.b.v.",
            "mevr.",
            "min.",
            "n.a.v.",
            "nl.",
            "n.o.t.k.",
            "n.t.b.",
            "n.v.t.",
            "o.a.",
            "ong.",
            "pag.",
            "ref.",
            "t.a.v.",
            "tel.",
            "zgn.",
        }
    ),
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
_RE_PATTERN_EMOTICONS = re.compile(
    r"(%s)($|\s)" % "|".join(r" ?".join(re.escape(ch) for ch in e) for _p, g in _PATTERN_EMOTICONS for e in g)
)
_RE_PATTERN_SARCASM = re.compile(r"\( ?\! ?\)")
_RE_PATTERN_TOKEN = re.compile(r"(\S+)\s")
_PATTERN_NEGATIONS = {
    "nl": frozenset({"geen", "gene", "ni", "niet", "nooit"}),
    "en": frozenset({"no", "not", "n't", "never"}),
}


def _pattern_tokens(string: str, language: str) -> list[str]:
    """pattern's `find_tokens` (as configured by pattern.nl / textblob), flattened to one token list.

    Sentence boundaries do not matter for pattern's sentiment (it joins all sentences), so only the token
    stream is reproduced: punctuation split from words, abbreviations kept, emoticons and "(!)" re-joined.
    """
    punctuation = tuple(_PATTERN_PUNCTUATION.replace(".", ""))
    abbreviations = _PATTERN_ABBREVIATIONS[language]
    replace = (
        {"'n": " 'n"}
        if language == "nl"
        else {"'d": " 'd", "'m": " 'm", "'s": " 's", "'ll": " 'll", "'re": " 're", "'ve": " 've", "n't": " n't"}
    )
    for a, b in replace.items():
        string = re.sub(a, b, string)
    string = (
        string.replace("“", " “ ")
        .replace("”", " ” ")
        .replace("‘", " ‘ ")
        .replace("’", " ’ ")
        .replace("'", " ' ")
        .replace('"', ' " ')
    )
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
                if t in abbreviations or _RE_ABBR1.match(t) or _RE_ABBR2.match(t) or _RE_ABBR3.match(t):
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
        return np.fromiter(
            (self._polarity(as_text(t), language, lexicon, negations, modifier_suffix) for t in iter_texts(texts)),
            dtype=float,
        )

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
