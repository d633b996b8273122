"""Text processing for resident input: cleaning, tokenising, stop words, stemming and PII redaction.

Everything works offline: nltk's Snowball stemmers and regular expressions, stop words from `stopwordsiso`.
Resident text is untrusted and messy (HTML pasted from e-mail, URLs, emoji, typos), so every function here
accepts any value (None, numbers, NaN) and treats it as text.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

import stopwordsiso
from nltk.stem.snowball import SnowballStemmer

SUPPORTED_LANGUAGES = ("nl", "en")

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
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)

# PII patterns, most specific first (an IBAN contains digit runs a phone pattern would also catch).
_PII_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)),
    ("iban", re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b", re.IGNORECASE)),
    # Dutch postcode + house number ("1234 AB 56", "1234AB, 12a") or postcode alone.
    ("address", re.compile(r"\b\d{4}\s?[A-Z]{2}\b(?:[\s,]+(?:nr\.?\s*)?\d{1,5}\s?[a-zA-Z]?\b)?")),
    # Phone numbers: +31 / 0031 / 06 / area codes, with spaces, dashes or dots.
    ("phone", re.compile(r"(?<![\w+])(?:\+31|0031|0)[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){7,9}\b")),
    # Street name + house number: a capitalised word ending in a Dutch street suffix, then a number.
    ("address", re.compile(
        r"\b[A-Z][\w'’-]*(?:straat|laan|weg|plein|singel|gracht|kade|dijk|hof|pad|steeg|dreef|park|baan|"
        r"plantsoen|markt|wal|erf|veld|zijde|kwartier|ring|lane|street|road|avenue)"
        r"\s+\d{1,5}\s?[a-zA-Z]?\b(?:-\d+)?")),
    # BSN-like or other long bare numbers (8-10 digits) that identify a person or an account.
    ("number", re.compile(r"\b\d{8,10}\b")),
]

_PII_LABELS = {
    "nl": {"email": "[e-mailadres]", "iban": "[rekeningnummer]", "address": "[adres]",
           "phone": "[telefoonnummer]", "number": "[nummer]"},
    "en": {"email": "[e-mail address]", "iban": "[account number]", "address": "[address]",
           "phone": "[phone number]", "number": "[number]"},
}


def check_language(language: str) -> str:
    """Return `language` if supported, else raise a ValueError that lists the supported ones."""
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(SUPPORTED_LANGUAGES)}, not {language!r}")
    return language


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


def redact_pii(text, language: str = "nl") -> str:
    """Replace e-mail addresses, phone numbers, addresses, IBANs and BSN-like numbers by a bracketed label.

    Used on every quote that can reach a report. Names of people are not detected reliably by rules and are
    left to the minimum-cell-size and example-selection rules (examples prefer inputs without capitalised
    name pairs; see `themes`).
    """
    labels = _PII_LABELS[check_language(language)]
    text = as_text(text)
    for kind, pattern in _PII_PATTERNS:
        text = pattern.sub(labels[kind], text)
    return text


def contains_pii(text) -> bool:
    """True if `redact_pii` would change the text."""
    text = as_text(text)
    return any(pattern.search(text) for _, pattern in _PII_PATTERNS)


def tokenize(text, lowercase: bool = True) -> list[str]:
    """Word tokens of cleaned text (letters and digits, apostrophes inside words kept)."""
    text = clean(text)
    if lowercase:
        text = text.lower()
    return _TOKEN_RE.findall(text)


@lru_cache(maxsize=None)
def stopwords(language: str = "nl", keep_negations: bool = True) -> frozenset[str]:
    """Stop words for `language` from stopwordsiso; negations are kept out of the list by default."""
    words = set(stopwordsiso.stopwords(check_language(language)))
    if keep_negations:
        words -= NEGATIONS[language]
    return frozenset(words)


@lru_cache(maxsize=None)
def _stemmer(language: str) -> SnowballStemmer:
    return SnowballStemmer(_STEMMER_NAMES[check_language(language)])


@lru_cache(maxsize=200_000)
def _stem_word(word: str, language: str) -> str:
    return _stemmer(language).stem(word)


def stem(word: str, language: str = "nl") -> str:
    """Snowball stem of one lower-case word (cached: resident input repeats the same words a lot)."""
    return _stem_word(word, language)
