"""What each word form is to the offer model, looked up once per form.

The model's tokens and n-grams, and a table of bit flags per word form (`_word_info`: may carry a kind, is a
generic help word, a giving verb, a group suffix, a past word, a sign-up verb, ...), filled from the lexicon
once and cached per new word, so that a unit's features cost one dictionary look-up per token.
"""

from __future__ import annotations

import re
from functools import reduce
from operator import or_

from .clauses import _OWN_ORGANISATIONS, _kind_of
from .lexicon import (
    _ARTICLES,
    _AUXILIARY_PAST,
    _COURSES,
    _GENERIC,
    _GENERIC_HELP,
    _KIND_ANY,
    _KINDS,
    _NOT_CONTRIBUTING,
    _NOUNS,
    _OFFER_VERBS_EN,
    _OFFER_VERBS_NL,
    _PARTICLE_STEMS,
    _PLACE_PREPOSITIONS,
    _ROLES,
    _SELF_VERBS,
    _SIGNUP,
    ADDRESSEE,
    APOLOGY,
    EAGER,
    HABIT,
    INSTITUTION,
    MODAL,
    NEG,
    PAST,
    PERSON_GROUP,
    RECRUIT,
    SELF_OBJECT,
    SHOULD,
    SOMEONE,
    STRONG,
    THIRD_PRONOUN,
)
from .phrases import (
    _CLAUSE_CUES,
    _CONDITION_START,
    _COUNTS,
    _CUE_SET,
    _FIRST_WORDS,
    _GROUP_SUFFIXES,
    _HOUSEHOLD_SUBJECT,
    _IMPLICIT_SUBJECT_CUES,
    _NL_VERBS,
    _OWN_RESOURCE_RE,
    _SENTENCE_END,
    _TOKEN_RE,
)

# ----------------------------------------------------------------------------------------------------------
# The decision: a learned combination of what the rules see. Every sentence that has a word the rules care
# about becomes a unit; _unit_features turns it into named flags (who is the subject, is there a cue of
# willingness or commitment, a contribution, a negation, a question, the past, an institution, ...; the rules'
# lexicons and detectors, but none of their verdicts) plus its words and word pairs. A logistic regression
# trained by `training` (data/offers_model.json) scores each unit; a text's probability is that of its best
# unit, and it holds an offer when that reaches the threshold chosen by grouped cross-validation. The verdict
# of the clause rules is NOT a feature: they were written with every labelled set in view, so on those sets
# they look perfect and a model trained there would copy them, errors on new writing included (docs/offers.md).
# Two rules stay hard: a text that sells a service or is ironic (_vetoed), and one without any cue word.
# ----------------------------------------------------------------------------------------------------------
_MODEL_TOKEN_RE = _TOKEN_RE
_DIGIT_RE = re.compile(r"[0-9]")


def _model_tokens(lowered: str, tokens: list[str] | None = None) -> list[str]:
    """Tokens for the n-gram features: the rules' tokens (given, or found in `lowered`) with numbers as "0"."""
    if tokens is None:
        tokens = _MODEL_TOKEN_RE.findall(lowered)
    if _DIGIT_RE.search(lowered) is None:
        return tokens
    return ["0" if t.isdigit() else t for t in tokens]


def _ngrams(tokens: list[str]) -> list[str]:
    """A unit's n-gram features (with repeats): words "w:<token>" and pairs "b:<a> <b>" with <s>/</s>."""
    return ["w:" + t for t in tokens] + ["b:" + a + " " + b for a, b in zip(["<s>"] + tokens, tokens + ["</s>"])]


# fmt: off
_TELEGRAM_STARTS = _IMPLICIT_SUBJECT_CUES | {"heb", "denk", "doe", "kom", "help", "sta", "meld", "geef", "count",
                                             "sign", "lijkt", "bied", "neem", "zet"}
# fmt: on
_QUESTION_OFFER_STARTS = {"mag", "kan", "zal", "kun", "can", "may", "shall", "could"}
# fmt: off
_DEMAND_RE = re.compile(r"\b(?:wil|willen|wilt|want|wants|would\s+like|zou\s+graag\s+willen)\s+(?:graag\s+|echt\s+|"
                        r"eigenlijk\s+)?(?:dat|that|the|a|an|een|meer|more|some|informatie|information|hulp)\b")
_PAST_WORDS = {"vroeger", "ooit", "destijds", "toen", "vorig", "vorige", "geleden", "used", "last", "ago", "wilde",
               "wilden", "vroeg", "vroegen", "wanted", "asked", "kwam", "kwamen", "deed", "deden"}
# fmt: on
_OPINION_THAT_RE = re.compile(r"\b(?:vind|vinden|vindt|hoop|hopen|think|hope|wish|believe)\s+(?:\w+\s+)?(?:dat|that)\b")
_HOUSEHOLD_POSSESSIVES = ("mijn", "my", "haar", "zijn", "her", "his")
_IRONY_MARKS = ("\U0001f609", "\U0001f602", "\U0001f61c", "\U0001f60f", "\U0001f923", ";)", ";-)")
# fmt: off
_COMMITMENT_MARKERS = {"wel", "zelf", "gewoon", "weer", "toch", "gerust", "prima", "graag", "al", "ook", "myself",
                       "ourselves", "happily", "gladly", "gratis", "free"}
_GIVING_VERBS = {"geef", "geven", "lever", "leveren", "betaal", "betalen", "doneer", "doneren", "schenk", "schenken",
                 "sponsor", "sponsoren", "give", "donate", "provide", "pay", "lend", "leen", "lenen", "uitlenen",
                 "stel", "stellen", "bied", "bieden", "dragen", "draag"}
_AVAILABILITY = {"mag", "mogen", "beschikbaar", "beschikking", "welkom", "gebruiken", "gebruikt", "leeg",
                 "available", "free", "welcome", "use", "borrow", "lenen", "open"}
_COUNTED_PEOPLE = {"mensen", "bewoners", "bewoonster", "bewoner", "deelnemers", "jongeren", "ouders", "vrouwen",
                   "mannen", "moeders", "vaders", "people", "residents", "ondernemer", "ondernemers", "tuinders",
                   "leden", "vrijwilligers"}
# fmt: on
_REFLEXIVE = {"me", "mij", "ons", "zich", "us"}
_UNIT_WORDS = frozenset(_CUE_SET | _FIRST_WORDS | {w for w, r in _ROLES.items() if r & PERSON_GROUP})
_UNIT_OPENERS = ("relative", "complement", "indirect")


def _sentences(tokens: list[str]) -> list[tuple[int, int, bool]]:
    """(start, end, is a question) per sentence of a token list (the numbering _split uses)."""
    spans, begin = [], 0
    for i in [i for i, t in enumerate(tokens) if t in _SENTENCE_END]:
        if i > begin:
            spans.append((begin, i, tokens[i] == "?"))
        begin = i + 1
    if begin < len(tokens):
        spans.append((begin, len(tokens), False))
    return spans


def _own_part(words: list[str], roles: list[int]) -> list[str]:
    """The sentence without a condition on what an institution or addressee does: "wij willen best een
    speeltuin, als de gemeente hem aanlegt en onderhoudt" -> the contribution must be named outside it."""
    out, skipping = [], False
    for k, w in enumerate(words):
        if w in _CONDITION_START and any(
            roles[m] & (INSTITUTION | ADDRESSEE) for m in range(k + 1, min(k + 3, len(words)))
        ):
            skipping = True
        elif w == ",":
            skipping = False
        if not skipping:
            out.append(w)
    return out


def _has_contribution(words: list[str]) -> bool:
    """Whether the sentence names something to contribute: a contribution word of the lexicon, a Dutch verb
    that is not about the writer's own interest, an English "to <verb>", or an own resource."""
    for k, w in enumerate(words):
        if (_kind_of(w, words, k) and w not in _GENERIC) or (w in _NL_VERBS and w not in _NOT_CONTRIBUTING):
            return True
        if (
            w == "to"
            and k + 1 < len(words)
            and words[k + 1] not in _NOT_CONTRIBUTING
            and words[k + 1].isalpha()
            and words[k + 1] not in _ARTICLES
            and words[k + 1] not in ("me", "us", "you", "them", "my", "our")
        ):
            return True
    return _OWN_RESOURCE_RE.search(" ".join(words)) is not None


def _cue_negated(words: list[str], roles: list[int]) -> bool:
    """A negation within three words of a cue or a contribution: "ik wil niet meedenken", "can't help"."""
    for k, r in enumerate(roles):
        if r & NEG:
            for j in range(max(0, k - 3), min(len(words), k + 4)):
                if j != k and (roles[j] & (MODAL | EAGER) or words[j] in _KINDS):
                    return True
    return False


def _offer_construction(words: list[str], wordset: set[str]) -> bool:
    """An offer said with a construction: "bied … aan", "meld me aan", "reken op mij", "count me in", "neem het
    op me", "namen noteren"."""
    for i, w in enumerate(words):
        if (
            (w in _OFFER_VERBS_NL and "aan" in words[i + 1 :])
            or w == "aanbieden"
            or (w in _OFFER_VERBS_EN and w != "offered")
        ):
            return True
        if w in _SIGNUP and not _REFLEXIVE.isdisjoint(wordset):
            return True
        if w in ("reken", "rekenen", "count", "rely", "sign", "put", "zet", "schrijf") and not _REFLEXIVE.isdisjoint(
            words[i + 1 : i + 4]
        ):
            return True
        if w in ("neem", "nemen", "neemt") and "op" in wordset and not _REFLEXIVE.isdisjoint(wordset):
            return True
        if w in ("naam", "namen", "name", "names") and not wordset.isdisjoint(
            ("op", "opgeven", "noteren", "down", "geven", "noteert")
        ):
            return True
    return False


# Per-word properties for _unit_features, as bits above the role flags, cached per word form.
_X_KIND_ANY = 1 << 21  # may carry a kind (_kind_of)
_X_GENERIC = 1 << 22
_X_GENERIC_HELP = 1 << 23
_X_GIVING = 1 << 24
_X_CONTRIBUTION_VERB = 1 << 25  # lexicon verb, separable stem or giving verb (not a noun)
_X_GROUP_SUFFIX = 1 << 26
_X_OWN_ORGANISATION = 1 << 27
_X_COUNT = 1 << 28
_X_COUNTED = 1 << 29
_X_COMMITMENT = 1 << 30
_X_CLAUSE_CUE = 1 << 31
_X_HOUSEHOLD = 1 << 32
_X_HOUSEHOLD_POSSESSIVE = 1 << 33
_X_PAST_WORD = 1 << 34
_X_SELF_VERB = 1 << 35
_X_COURSE = 1 << 36
_X_SIGNUP = 1 << 37
_X_NL_VERB = 1 << 38  # a Dutch verb that is not about the writer's own interest
_X_CUE = 1 << 39  # offer verb or sign-up verb: a cue whose subject is looked up
_X_PLACE_PREPOSITION = 1 << 40
_X_AVAILABILITY = 1 << 41
_X_GUARD = 1 << 42  # a word the opinion or demand expression needs
_X_AUX_PAST = 1 << 43
_X_PASSIVE = 1 << 44
_X_MONEY = 1 << 45
_X_CONDITION = 1 << 46
_X_KINDS = 1 << 47  # in the kind lexicon itself (for "cue negated")
_X_CONSTRUCTION = 1 << 48  # a word _offer_construction starts from
_X_RESOURCE = 1 << 49  # a resource noun of _OWN_RESOURCE_RE ("schuur", "vergaderruimte", "busje")
_X_KNOWN = 1 << 50  # set on every cached entry, so that a word without properties is not looked up again
# fmt: off
_GUARD_WORDS = {"vind", "vinden", "vindt", "hoop", "hopen", "think", "hope", "wish", "believe", "wil", "willen",
                "wilt", "want", "wants", "would", "zou"}
_CONSTRUCTION_STARTS = (_OFFER_VERBS_NL | {"aanbieden"} | _OFFER_VERBS_EN | _SIGNUP
                        | {"reken", "rekenen", "count", "rely", "sign", "put", "zet", "schrijf", "neem", "nemen",
                           "neemt", "naam", "namen", "name", "names"})
# fmt: on
_WORD_INFO: dict[str, int] = {}
# Flags that depend only on which kinds of word the sentence has (the OR of its words' bits), cached per
# combination of those bits.
# fmt: off
_SIMPLE_FLAGS = ((PERSON_GROUP | _X_GROUP_SUFFIX, "group or residents"), (MODAL, "modal"), (EAGER, "eager"),
                 (STRONG, "strong"), (HABIT, "habit"), (_X_COMMITMENT, "commitment marker"),
                 (_X_CLAUSE_CUE, "offer cue word"), (_X_GIVING, "giving verb"), (SHOULD, "obligation"),
                 (APOLOGY, "apology"), (RECRUIT, "recruiting or asking"), (SOMEONE, "someone else"),
                 (ADDRESSEE, "addressee"), (THIRD_PRONOUN, "third person pronoun"), (PAST | _X_PAST_WORD, "past word"),
                 (SELF_OBJECT, "attending, survey or lottery"))
# fmt: on
_SIMPLE_MASK = reduce(or_, (bit for bit, _ in _SIMPLE_FLAGS))
_SIMPLE_CACHE: dict[int, tuple[str, ...]] = {}


def _simple_flags(bits: int) -> list[str]:
    flags = [name for bit, name in _SIMPLE_FLAGS if bits & bit]
    if len(_SIMPLE_CACHE) < 100_000:
        _SIMPLE_CACHE[bits] = tuple(flags)
    return flags


# Participating in someone else's event is not an offer: "ik doe mee aan de workshop", "ik geef me op voor de
# excursie", "meedoen aan de loting", "I'll attend the meeting" (an event noun after the participation verb).
# fmt: off
_ATTEND_RE = re.compile(
    r"\b(?:(?:doe|doen|doet)\s+(?:\w+\s+){0,3}?mee\s+aan|meedoen\s+aan|deelnemen\s+aan|neem\s+(?:\w+\s+){0,2}?deel\s+aan|"
    r"(?:meld|geef|schrijf)\s+(?:me|mij|ons|mezelf)\s+(?:\w+\s+){0,2}?(?:aan|op|in)?\s*voor|(?:aanmelden|opgeven|"
    r"inschrijven)\s+voor|attend(?:ing)?|join(?:ing)?|sign\s+(?:me\s+)?up\s+for|take\s+part\s+in|taking\s+part\s+in)"
    r"\s+(?:\w+\s+){0,2}?(?:de|het|een|die|deze|the|a|an|this|that)?\s*(\w+)")
_EVENT_ENDINGS = ("workshop", "cursus", "les", "lessen", "training", "excursie", "lezing", "avond", "bijeenkomst",
                  "loting", "loterij", "enquête", "enquete", "peiling", "wedstrijd", "webinar", "sessie", "course",
                  "class", "classes", "event", "meeting", "lottery", "tour", "excursion", "survey", "session", "draw",
                  "raffle", "competition", "quiz", "inloop", "spreekuur", "markt")
# fmt: on
_ATTEND_WORDS = {
    "mee",
    "meedoen",
    "deelnemen",
    "deel",
    "voor",
    "attend",
    "attending",
    "join",
    "joining",
    "sign",
    "part",
}
# The writer works at an institution and speaks for it: "ik werk bij de GGD en wij bieden ... aan".
# fmt: off
_WORKS_AT_RE = re.compile(r"\b(?:ik\s+werk|i\s+work|werkzaam)\s+(?:\w+\s+){0,2}?(?:bij|at|for|voor|in)\s+"
                          r"(?:de|het|een|the|a|an)?\s*(\w+)")
# A condition that serves the writer: "als ik dan wel een vaste plek krijg", "if I get a parking permit".
_OWN_GAIN_RE = re.compile(r"\b(?:als|if|mits|provided|zolang)\s+(?:ik|we|wij|i)\s+(?:\w+\s+){0,5}?(?:krijg|krijgen|"
                          r"get|receive|ontvang|ontvangen|verdien|earn)\b")
_OPINION_WORDS = {"mening", "opinion", "opinions", "zienswijze", "visie", "view", "views", "discussie", "discussion",
                  "bezwaar", "standpunt", "commentaar", "two", "cents"}
_PUBLIC_BODIES = {"school", "buurthuis", "ggd", "bibliotheek", "bieb", "zorginstelling", "ziekenhuis",
                  "welzijnsorganisatie", "consultancy", "adviesbureau", "makelaardij", "makelaar", "hovenier",
                  "hoveniersbedrijf", "aannemer", "installateur", "firm", "agency"}
# fmt: on


def _build_word_table() -> dict[str, int]:
    """The word properties that come from word lists, OR-ed per word form (_word_info adds the rest)."""
    table: dict[str, int] = dict(_ROLES)
    for flag, words in (
        (_X_KIND_ANY, _KIND_ANY),
        (_X_GENERIC, _GENERIC),
        (_X_GENERIC_HELP, _GENERIC_HELP),
        (_X_GIVING, _GIVING_VERBS),
        (_X_CONTRIBUTION_VERB, (set(_KINDS) | set(_PARTICLE_STEMS) | _GIVING_VERBS) - _NOUNS),
        (_X_OWN_ORGANISATION, _OWN_ORGANISATIONS),
        (_X_COUNT, _COUNTS),
        (_X_COUNTED, _COUNTED_PEOPLE),
        (_X_COMMITMENT, _COMMITMENT_MARKERS),
        (_X_CLAUSE_CUE, _CLAUSE_CUES),
        (_X_HOUSEHOLD, _HOUSEHOLD_SUBJECT),
        (_X_HOUSEHOLD_POSSESSIVE, _HOUSEHOLD_POSSESSIVES),
        (_X_PAST_WORD, _PAST_WORDS),
        (_X_SELF_VERB, _SELF_VERBS),
        (_X_COURSE, _COURSES),
        (_X_SIGNUP, _SIGNUP),
        (_X_NL_VERB, _NL_VERBS - _NOT_CONTRIBUTING),
        (_X_CUE, _OFFER_VERBS_NL | _SIGNUP),
        (_X_PLACE_PREPOSITION, _PLACE_PREPOSITIONS),
        (_X_AVAILABILITY, _AVAILABILITY),
        (_X_GUARD, _GUARD_WORDS),
        (_X_AUX_PAST, _AUXILIARY_PAST),
        (_X_PASSIVE, {"worden", "wordt", "be", "get", "geholpen", "ondersteund"}),
        (_X_MONEY, {"euro", "euros", "pounds", "pond", "eur"}),
        (_X_CONDITION, _CONDITION_START),
        (_X_KINDS, _KINDS),
        (_X_CONSTRUCTION, _CONSTRUCTION_STARTS),
    ):
        for w in words:
            table[w] = table.get(w, 0) | flag
    return table


_WORD_TABLE = _build_word_table()


def _word_info(w: str) -> int:
    """The properties of a word form as bits: its roles, the word lists it is on, and what its form shows
    (long enough to be a compound, a group or business suffix, a number, a resource noun). Cached."""
    info = _WORD_TABLE.get(w, 0) | _X_KNOWN
    if len(w) > 9:
        info |= _X_KIND_ANY
    if w.endswith(_GROUP_SUFFIXES):
        info |= _X_GROUP_SUFFIX
    if len(w) > 7 and w.endswith(
        ("bedrijf", "vereniging", "winkel", "zaak", "praktijk", "club", "kwekerij", "bakkerij", "stichting")
    ):
        info |= _X_OWN_ORGANISATION
    if w.isdigit():
        info |= _X_COUNT
    if _RESOURCE_WORD_RE.fullmatch(w) is not None:
        info |= _X_RESOURCE
    if len(_WORD_INFO) < 500_000:
        _WORD_INFO[w] = info
    return info


def _own_resource(words: list[str]) -> bool:
    """An own resource named: "mijn schuur", "onze kantine", "wij hebben een aanhanger", "our hall"."""
    return (
        not _RESOURCE_GUARD.isdisjoint(words)
        and any((_WORD_INFO.get(w) or _word_info(w)) & _X_RESOURCE for w in words)
        and _OWN_RESOURCE_RE.search(" ".join(words)) is not None
    )


_RESOURCE_GUARD = {"ik", "wij", "we", "mijn", "onze", "ons", "i", "my", "our", "i've", "we've", "heb"}
# The resource nouns of _OWN_RESOURCE_RE as one word: the expression is only tried where one of them occurs.
_RESOURCE_WORD_RE = re.compile(_OWN_RESOURCE_RE.pattern.split(r"[^.!?]{0,60}?\b", 1)[1].removesuffix(r"\b"))
