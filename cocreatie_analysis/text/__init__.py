"""Text processing for resident input: cleaning and tokens, personal data, lexicons, lemmas and compounds."""

from __future__ import annotations

from ..vocabulary import check_language
from .cleaning import NEGATIONS, TOKEN_RE, as_text, clean, stem, stopwords, tokenize
from .language import detect_language
from .lexicons import (
    ADJ,
    ADV,
    CONTENT_CLASSES,
    NOUN,
    NOUN_PL,
    OTHER,
    PROPN,
    VERB,
    lexicon,
    polarity_lexicon,
    tone_words,
    verb_forms,
)
from .morphology import lemmatize, split_compound
from .pii import Redactor, contains_pii, redact, redact_pii

__all__ = [
    "ADJ", "ADV", "CONTENT_CLASSES", "NEGATIONS", "NOUN", "NOUN_PL", "OTHER", "PROPN", "TOKEN_RE",
    "VERB", "Redactor", "as_text", "check_language", "clean", "contains_pii", "detect_language", "lemmatize",
    "lexicon", "polarity_lexicon", "redact", "redact_pii", "split_compound", "stem", "stopwords", "tokenize",
    "tone_words", "verb_forms",
]  # fmt: skip
