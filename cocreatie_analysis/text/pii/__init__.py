"""Personal data in free text: contact details, identifying numbers and person names become labels.

`Redactor(language, keep)` is the one redaction step every free-text column passes before analysis (see
`pipeline.protect`); `redactor.py` says what it finds and why, `contact.py` and `names.py` how.
"""

from __future__ import annotations

from functools import lru_cache

from .redactor import KINDS, LABELS, Redactor, redact

__all__ = ["KINDS", "LABELS", "Redactor", "contains_pii", "redact", "redact_pii"]


@lru_cache(maxsize=4)
def _default(language: str) -> Redactor:
    return Redactor(language)


def redact_pii(text, language: str = "nl") -> str:
    """`text` with contact details replaced (and names next to them), without a keep list."""
    return _default(language).redact(text, municipality=True)


def contains_pii(text, language: str = "nl") -> bool:
    """True when `redact_pii` would change `text`."""
    return bool(_default(language).find(text, municipality=True))
