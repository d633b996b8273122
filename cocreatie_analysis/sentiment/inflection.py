"""Verb stems and spelling variants for the scorer's lookups: forms simplemma (the project's one lemmatiser,
`text.morphology.lemmatize`) does not bring back to a lexicon entry ("waardeer", "klaag" for waarderen,
klagen), and the verbal prefixes that keep compounds such as "versterkt" from matching "sterk".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

__all__ = [
    "VERBAL_PREFIXES",
    "nl_stem_variants",
    "strip_accents",
    "verb_stems",
]


def strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


VERBAL_PREFIXES = frozenset(
    {
        "ver",
        "be",
        "ont",
        "ge",
        "her",
        "er",
        "op",
        "aan",
        "af",
        "uit",
        "in",
        "mee",
        "na",
        "toe",
        "door",
        "over",
        "onder",
        "voor",
        "om",
        "achter",
        "bij",
        "weg",
        "terug",
        "samen",
        "tegen",
        "vol",
        "mis",
        "wan",
        "aanver",
        "onver",
        "onbe",
        "onge",
        "onont",
        "herver",
        "hervers",
    }
)
_DUTCH_VOWELS = "aeiou"


def nl_stem_variants(s: str) -> list[str]:
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


def verb_stems(exact: Mapping[str, tuple]) -> dict[str, tuple]:
    """Stem forms of the verbs (pos VB, infinitive in -en) in the lexicon: klagen -> klaag, klag."""
    stems: dict[str, tuple] = {}
    for form, entry in exact.items():
        if entry[2] == "VB" and form.endswith("en") and len(form) >= 5:
            variants = nl_stem_variants(form[:-2])
            # the raw stem is no verb form when the spelling changes: "klag", "vrez" (klaag, vrees)
            for variant in variants[1:] if len(variants) > 1 else variants:
                stems.setdefault(variant, entry)
            if form.endswith("eren"):  # ergeren -> erger (unstressed e), waarderen -> waardeer
                stems.setdefault(form[:-2], entry)
    return stems
