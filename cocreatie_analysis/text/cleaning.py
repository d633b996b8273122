"""Plain text and word tokens from resident input: HTML and URLs removed, stop words, stems.

Resident text is untrusted and messy (HTML pasted from e-mail, URLs, emoji, typos), so every function here
accepts any value (None, numbers, NaN) and treats it as text. Everything works offline: nltk's Snowball
stemmers and regular expressions, stop words from `stopwordsiso`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import cache, lru_cache

import numpy as np
import pandas as pd
import stopwordsiso
from nltk.stem.snowball import SnowballStemmer

from ..vocabulary import check_language

__all__ = ["NEGATIONS", "TOKEN_RE", "as_text", "clean", "iter_texts", "stem", "stopwords", "tokenize"]

# Words that flip or carry meaning for sentiment and draagvlak; stop-word lists contain them, but removing
# them turns "geen parkeerplaats" into "parkeerplaats".
NEGATIONS = {
    "nl": frozenset({"niet", "geen", "nooit", "zonder", "niets", "niks", "nergens", "niemand", "allerminst"}),
    "en": frozenset({"not", "no", "never", "without", "nothing", "nobody", "nowhere", "none", "cannot", "n't"}),
}


_STEMMER_NAMES = {"nl": "dutch", "en": "english"}


_TAG_RE = re.compile(r"<[^>]{0,200}>")


_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


_WS_RE = re.compile(r"\s+")


# Letters (with diacritics) and digits; apostrophes inside words ('s avonds, auto's) are kept.
TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def as_text(value) -> str:
    """Any cell value as a string: None and NaN become '', numbers their text."""
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return value if isinstance(value, str) else str(value)


def clean(text) -> str:
    """Plain text from resident input: HTML tags and entities removed, URLs dropped, whitespace folded."""
    text = html.unescape(_TAG_RE.sub(" ", as_text(text)))
    text = _URL_RE.sub(" ", text)
    return _WS_RE.sub(" ", text).strip()


def tokenize(text, lowercase: bool = True) -> list[str]:
    """Word tokens of cleaned text (letters and digits, apostrophes inside words kept)."""
    text = clean(text)
    if lowercase:
        text = text.lower()
    return TOKEN_RE.findall(text)


@cache
def stopwords(language: str = "nl", keep_negations: bool = True) -> frozenset[str]:
    """Stop words for `language` from stopwordsiso; negations are kept out of the list by default."""
    words = set(stopwordsiso.stopwords(check_language(language)))
    if keep_negations:
        words -= NEGATIONS[language]
    return frozenset(words)


@cache
def _stemmer(language: str) -> SnowballStemmer:
    return SnowballStemmer(_STEMMER_NAMES[check_language(language)])


@lru_cache(maxsize=200_000)
def _stem_word(word: str, language: str) -> str:
    return _stemmer(language).stem(word)


def stem(word: str, language: str = "nl") -> str:
    """Snowball stem of one lower-case word (cached: resident input repeats the same words a lot)."""
    return _stem_word(word, language)


def iter_texts(texts) -> Iterable:
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
