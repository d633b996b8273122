"""One privacy layer for free text: contact details, identifying numbers and person names become labels.

    redactor = Redactor(language="nl", keep=["Brugvliet", "Bloemenbuurt", "Buurthuis De Kajuit"])
    redactor.redact("Bel 06-12345678. mvg Pieter")      # "Bel [telefoonnummer]. mvg [naam]"
    redactor.find("Bel 06-12345678. mvg Pieter")        # [("phone", 4, 15), ("name", 21, 27)]
    redactor.redact(statement, municipality=True)       # contact details only (see below)

Every free-text column runs through `redact` before anything is learned from it, so personal data cannot
become a theme term, a quote or a processed table. Labels replace the item only: the spaces and punctuation
around it stay ("de Brink 4." -> "de [adres]."), so the text still reads.

`keep` lists what must stay legible although it looks like a name: the municipality's own name, wijken and
buurten (from the population table), street names, and the facilities under `places:` in gemeente.yaml. A
street name in `keep` still goes when a house number follows it ("Dahliastraat 12" is an address), and
nothing in `keep` protects contact details.

Text written by the municipality itself (statements, questions) is redacted with `municipality=True`:
contact details always go, names only when the text carries contact details (a name next to a phone number
is a contact person; a name without is usually a public place or a council member).

Kinds found: email, phone, postcode, street (street + house number), iban, bsn (a BSN cue nearby or a
number that passes the eleven-test), number (another 8-10 digit personal number) and name. A name written
right before a contact detail, as in a form or a list ("Gerard Bos, 06-...", "t.n.v. L.M. Brink"), is found
from that position too.
"""

from __future__ import annotations

from ...vocabulary import check_language
from ..cleaning import as_text
from .contact import contact_spans
from .keep import KeepIndex
from .name_lists import preload
from .names import NameFinder
from .tokens import Tokens

KINDS = ("email", "iban", "phone", "postcode", "street", "bsn", "number", "name")
LABELS = {
    "nl": {
        "email": "[e-mailadres]",
        "phone": "[telefoonnummer]",
        "postcode": "[postcode]",
        "street": "[adres]",
        "iban": "[rekeningnummer]",
        "bsn": "[bsn]",
        "number": "[nummer]",
        "name": "[naam]",
    },
    "en": {
        "email": "[e-mail address]",
        "phone": "[phone number]",
        "postcode": "[postcode]",
        "street": "[address]",
        "iban": "[account number]",
        "bsn": "[number]",
        "number": "[number]",
        "name": "[name]",
    },
}
# When two findings overlap, the more specific kind wins (an IBAN holds digit runs a phone pattern would
# also take; an e-mail address can hold a name).
_PRIORITY = {kind: rank for rank, kind in enumerate(KINDS)}


def _resolve(spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Non-overlapping spans in text order: longer first, then the more specific kind."""
    ordered = sorted(
        set(spans), key=lambda s: (_PRIORITY[s[0]] > _PRIORITY["number"], -(s[2] - s[1]), _PRIORITY[s[0]], s[1])
    )
    taken: list[tuple[str, int, int]] = []
    for kind, start, end in ordered:
        if start >= end:
            continue
        if all(end <= s or start >= e for _, s, e in taken):
            taken.append((kind, start, end))
    return sorted(taken, key=lambda s: s[1])


class Redactor:
    """Finds and replaces personal data in free text of one language.

    language: "nl" or "en" (labels and the word lists that tell names from ordinary words).
    keep: place and organisation names that must stay legible (see the module docstring).
    """

    def __init__(self, language: str = "nl", keep=()):
        self.language = check_language(language)
        self.labels = LABELS[language]
        preload(language)
        self.keep = KeepIndex(keep)
        self._names = NameFinder(language, self.keep)

    def find(self, text, municipality: bool = False) -> list[tuple[str, int, int]]:
        """(kind, start, end) of every item of personal data in `text`, in text order, not overlapping."""
        text = as_text(text)
        if not text:
            return []
        tokens = Tokens(text)
        spans = contact_spans(text, self.language, tokens)
        if not municipality or spans:
            names = self._names.find(text, tokens)
            if spans:
                names += self._names.near_contact(tokens, spans)  # "Gerard Bos, 06-...", "t.n.v. L.M. Brink"
            spans += [("name", s, e) for s, e in names]
        return _resolve(spans)

    def redact(self, text, municipality: bool = False) -> str:
        """`text` with each item of personal data replaced by its label ("[naam]", "[telefoonnummer]" ...)."""
        text = as_text(text)
        spans = self.find(text, municipality=municipality)
        if not spans:
            return text
        out, last = [], 0
        for kind, start, end in spans:
            out.append(text[last:start])
            out.append(self.labels[kind])
            last = end
        out.append(text[last:])
        return "".join(out)

    def redact_all(self, texts, municipality: bool = False) -> list[str]:
        """`redact` over an iterable of cell values (None and NaN become '')."""
        return [self.redact(t, municipality=municipality) for t in texts]


def redact(text, language: str = "nl", keep=(), municipality: bool = False) -> str:
    """One-off `Redactor(language, keep).redact(text)`; build a Redactor once for many texts."""
    return Redactor(language, keep).redact(text, municipality=municipality)
