"""Inflected forms and their dictionary entries for the scorer's lookups (plural, -e, comparatives, verb forms).

Candidate lemmas are looked up exactly in the lexicon; no stemming guesses.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

__all__ = [
    "POS_CLASS",
    "VERBAL_PREFIXES",
    "en_lemma_candidates",
    "nl_lemma_candidates",
    "nl_stem_variants",
    "nl_verb_candidates",
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
POS_CLASS = {"JJ": "J", "NN": "N", "VB": "V", "RB": "R", "PH": "P", "EM": "E"}


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


def nl_lemma_candidates(word: str) -> list[tuple[str, str]]:
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
            out.extend((v, "J") for v in nl_stem_variants(base))
            break
    if word.endswith("en") and n >= 5:
        out.extend((v, "N") for v in nl_stem_variants(word[:-2]))
        out.append((word[:-1], "N"))  # plural of a noun in -e
    elif word.endswith("e") and n >= 4:
        out.extend((v, "JN") for v in nl_stem_variants(word[:-1]))
    elif word.endswith("s") and n >= 5:
        out.append((word[:-1], "JN"))  # plural noun, or partitive "iets moois"
    return out


def nl_verb_candidates(word: str) -> list[str]:
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


def en_lemma_candidates(word: str) -> list[str]:
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
