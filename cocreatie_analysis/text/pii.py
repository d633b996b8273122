"""Personal data in resident text: e-mail addresses, phone numbers, addresses, IBANs, BSN-like numbers, names.

Used before any analysis, so personal data cannot become a theme term, a quote or a processed table.
"""

from __future__ import annotations

import re

from ..vocabulary import check_language
from .cleaning import as_text

__all__ = ["NAME_PAIR", "contains_pii", "redact_names", "redact_pii"]

# PII patterns, most specific first (an IBAN contains digit runs a phone pattern would also catch).
_PII_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)),
    ("iban", re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b", re.IGNORECASE)),
    # Dutch postcode + house number ("1234 AB 56", "1234AB, 12a") or postcode alone.
    ("address", re.compile(r"\b\d{4}\s?[A-Z]{2}\b(?:[\s,]+(?:nr\.?\s*)?\d{1,5}\s?[a-zA-Z]?\b)?")),
    # Phone numbers: +31 / 0031 / 06 / area codes, with spaces, dashes or dots.
    ("phone", re.compile(r"(?<![\w+])(?:\+31|0031|0)[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){7,9}\b")),
    # Street name + house number: a capitalised word ending in a Dutch street suffix, then a number.
    (
        "address",
        re.compile(
            r"\b[A-Z][\w'’-]*(?:straat|laan|weg|plein|singel|gracht|kade|dijk|hof|pad|steeg|dreef|park|baan|"
            r"plantsoen|markt|wal|erf|veld|zijde|kwartier|ring|lane|street|road|avenue)"
            r"\s+\d{1,5}\s?[a-zA-Z]?\b(?:-\d+)?"
        ),
    ),
    # BSN-like or other long bare numbers (8-10 digits) that identify a person or an account.
    ("number", re.compile(r"\b\d{8,10}\b")),
]


_PII_LABELS = {
    "nl": {
        "email": "[e-mailadres]",
        "iban": "[rekeningnummer]",
        "address": "[adres]",
        "phone": "[telefoonnummer]",
        "number": "[nummer]",
    },
    "en": {
        "email": "[e-mail address]",
        "iban": "[account number]",
        "address": "[address]",
        "phone": "[phone number]",
        "number": "[number]",
    },
}


def redact_pii(text, language: str = "nl") -> str:
    """Replace e-mail addresses, phone numbers, addresses, IBANs and BSN-like numbers by a bracketed label.

    Used on every quote that can reach a report. Names of people are handled by `redact_names`.
    """
    labels = _PII_LABELS[check_language(language)]
    text = as_text(text)
    for kind, pattern in _PII_PATTERNS:
        text = pattern.sub(labels[kind], text)
    return text


# A person's name as residents write it mid-sentence: capitalised first name, optional particle, capitalised
# surname ("Riet van den Berg", "Daan Verhoef"). Sentence starts are skipped ("Het Park" is no name).
_PARTICLE = r"(?:van der|van den|van de|van het|in 't|van|de|der|den|het|ter|ten|te)"


NAME_PAIR = re.compile(
    r"(?<![.!?:;]\s)(?<!^)(?<![.!?:;(\"'‘“])\b[A-Z][a-zà-ÿ]+(?:\s+"
    + _PARTICLE
    + r")?\s+[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?"
)


_NAME_LABEL = {"nl": "[naam]", "en": "[name]"}


def redact_names(text, language: str = "nl", keep=()) -> str:
    """Replace capitalised name pairs ("Riet van den Berg") by [naam], except phrases in `keep`.

    Rules cannot tell a neighbour's name from a place, so this errs on the side of privacy; `keep` holds the
    municipality's own place names (wijken, the gemeente) that must stay readable.
    """
    text = as_text(text)
    keep_spans = [
        m.span() for phrase in keep if phrase for m in re.finditer(re.escape(str(phrase)), text, flags=re.IGNORECASE)
    ]

    def replace(match: re.Match) -> str:
        start, end = match.span()
        if any(start < k_end and k_start < end for k_start, k_end in keep_spans):
            return match.group()
        return _NAME_LABEL[check_language(language)]

    return NAME_PAIR.sub(replace, text)


def contains_pii(text) -> bool:
    """True if `redact_pii` would change the text."""
    text = as_text(text)
    return any(pattern.search(text) for _, pattern in _PII_PATTERNS)
