"""Units and their features: what the learned offer model sees of a text.

Every sentence with a word the rules look at is a unit. `_unit_features` describes it by named flags (who
speaks, willingness and commitment, what is contributed, what speaks against an offer: negation, question,
past, an institution, someone else, recruiting, attending, own gain, ...) plus its words and word pairs. The
clause rules' verdict is deliberately not a feature: a model trained where the rules are perfect copies their
errors on new writing (benchmarks/data/README.md, "offers").
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from ...text.cleaning import as_text
from .clauses import _kind_of, _money
from .lexicon import (
    _ARTICLES,
    _NOT_CONTRIBUTING,
    _ROLES,
    ADDRESSEE,
    CONDITIONAL,
    EAGER,
    FIRST,
    FIRST_OBJ,
    INSTITUTION,
    MODAL,
    NEG,
    PERSON_GROUP,
    RHETORIC,
    SOMEONE,
    THIRD_PRONOUN,
)
from .phrases import _CALL_ME_RE, _CALL_WORDS, _COMMERCIAL_WORDS, _OWN_RESOURCE_RE, _TIME_RE, _TIME_WORDS, _TOKEN_RE
from .rules import _NO_CUE, _VETOED, _lower, _rule_analysis
from .verdict import _passive, _perfect_tense
from .word_table import (
    _ATTEND_RE,
    _ATTEND_WORDS,
    _DEMAND_RE,
    _DIGIT_RE,
    _EVENT_ENDINGS,
    _IRONY_MARKS,
    _OPINION_THAT_RE,
    _OPINION_WORDS,
    _OWN_GAIN_RE,
    _PUBLIC_BODIES,
    _QUESTION_OFFER_STARTS,
    _SIMPLE_CACHE,
    _SIMPLE_MASK,
    _TELEGRAM_STARTS,
    _UNIT_WORDS,
    _WORD_INFO,
    _WORKS_AT_RE,
    _X_AUX_PAST,
    _X_AVAILABILITY,
    _X_CONDITION,
    _X_CONSTRUCTION,
    _X_CONTRIBUTION_VERB,
    _X_COUNT,
    _X_COUNTED,
    _X_COURSE,
    _X_CUE,
    _X_GENERIC,
    _X_GENERIC_HELP,
    _X_GROUP_SUFFIX,
    _X_GUARD,
    _X_HOUSEHOLD,
    _X_HOUSEHOLD_POSSESSIVE,
    _X_KIND_ANY,
    _X_KINDS,
    _X_MONEY,
    _X_NL_VERB,
    _X_OWN_ORGANISATION,
    _X_PASSIVE,
    _X_PLACE_PREPOSITION,
    _X_RESOURCE,
    _X_SELF_VERB,
    _X_SIGNUP,
    _offer_construction,
    _own_resource,
    _sentences,
    _simple_flags,
    _word_info,
)


def _unit_features(
    words: list[str], question: bool, resource_before: bool, sentence: int, alltokens: set[str]
) -> list[str]:
    """The named flags of one sentence (docs/offers.md describes them): who speaks, whose cue, willingness,
    commitment and contribution, and what speaks against an offer. The rules' lexicons and detectors, looked
    up once per word form (_word_info)."""
    n = len(words)
    get = _WORD_INFO.get
    infos = [get(w) or _word_info(w) for w in words]
    every = reduce(or_, infos, 0)
    simple = every & _SIMPLE_MASK
    f = _SIMPLE_CACHE.get(simple)
    f = list(f) if f is not None else _simple_flags(simple)
    wordset = set(words)
    joined = None
    # who speaks
    firsts = [k for k, x in enumerate(infos) if x & FIRST and words[k] not in ("onze", "our")] if every & FIRST else ()
    if firsts:
        f.append("first person")
    elif every & (FIRST | FIRST_OBJ):
        f.append("own group (onze/our, me/us)")
    if every & _X_OWN_ORGANISATION and any(
        infos[k] & _X_OWN_ORGANISATION and words[k - 1] in ("mijn", "my") for k in range(1, n)
    ):
        f.append("own organisation")
    if words[0] in _TELEGRAM_STARTS:
        f.append("telegram start")
    if every & _X_COUNTED and any(infos[k] & _X_COUNT and infos[k + 1] & _X_COUNTED for k in range(n - 1)):
        f.append("counted people")
    # whose cue: for each cue of willingness or an offer verb, the nearest subject word before it in its clause
    # (or right after it: "wil ik", "kunnen wij"); "embedded" when the clause is a relative or "that" clause
    if every & (MODAL | EAGER | _X_CUE):
        for k in [k for k, x in enumerate(infos) if x & (MODAL | EAGER | _X_CUE)]:
            f.append("cue subject: " + _cue_subject(words, infos, k))
    # willingness, commitment, contribution
    # the event the writer attends is no contribution: "ik meld me aan voor de cursus" (not giving the course)
    attended: set[str] = set()
    if not wordset.isdisjoint(_ATTEND_WORDS):
        for m in _ATTEND_RE.finditer(joined or (joined := " ".join(words))):
            if m.group(1).endswith(_EVENT_ENDINGS):
                attended.add(m.group(1))
        if attended:
            f.append("attending an event")
    if every & _X_CONSTRUCTION and not attended and _offer_construction(words, wordset):
        f.append("offer construction")  # (signing up for an attended event is not one)
    named_kinds: list[int] = []
    if every & _X_KIND_ANY:
        specific = generic = False
        for k in [k for k, x in enumerate(infos) if x & _X_KIND_ANY]:
            x = infos[k]
            if _kind_of(words[k], words, k) and words[k] not in attended:
                if x & (_X_GENERIC | _X_GENERIC_HELP):
                    generic = generic or not x & _X_GENERIC
                else:
                    specific = True
                if not x & _X_GENERIC:
                    named_kinds.append(k)
        if specific:
            f.append("specific contribution")
        elif generic:
            f.append("generic help word")
    # something to contribute named, outside a condition on what an institution or addressee does
    own = None
    if every & _X_CONDITION and every & (INSTITUTION | ADDRESSEE):
        own = [k for k, inside in enumerate(_own_part_mask(words, infos)) if inside]
    if own is None:
        named = bool(named_kinds) or bool(every & _X_NL_VERB)
    else:
        own_set = set(own)
        named = any(k in own_set for k in named_kinds) or any(infos[k] & _X_NL_VERB for k in own)
    if not named and "to" in wordset:
        for k in range(n) if own is None else own:
            if words[k] == "to" and k + 1 < n:
                nxt = words[k + 1]
                if (
                    nxt not in _NOT_CONTRIBUTING
                    and nxt.isalpha()
                    and nxt not in _ARTICLES
                    and nxt not in ("me", "us", "you", "them", "my", "our")
                    and (own is None or k + 1 in own_set)
                ):
                    named = True
                    break
    resource = every & _X_RESOURCE and _own_resource(words)
    if not named and resource:
        named = resource if own is None else _OWN_RESOURCE_RE.search(" ".join(words[k] for k in own)) is not None
    if named:
        f.append("contribution named")
    if (
        every & _X_CONTRIBUTION_VERB
        and firsts
        and any(infos[k] & _X_CONTRIBUTION_VERB for j in firsts for k in range(max(0, j - 2), min(n, j + 3)))
    ):
        f.append("first person next to contribution verb")
    if every & _X_MONEY and _money(words):
        f.append("money amount")
    if resource or resource_before:
        f.append("own resource")
        if every & _X_AVAILABILITY:
            f.append("own resource + availability")
    if not wordset.isdisjoint(_TIME_WORDS) and _TIME_RE.search(joined or (joined := " ".join(words))):
        f.append("time offered")
    if not wordset.isdisjoint(_CALL_WORDS) and _CALL_ME_RE.search(joined or (joined := " ".join(words))):
        f.append("call me")
    # what speaks against it
    if every & NEG:
        f.append("negation")
        if any(
            infos[k] & NEG
            and any(j != k and infos[j] & (MODAL | EAGER | _X_KINDS) for j in range(max(0, k - 3), min(n, k + 4)))
            for k in range(n)
        ):
            f.append("cue negated")
    if every & CONDITIONAL:
        f.append("conditional mood")
        if "maar" in alltokens or "but" in alltokens:
            f.append("counterfactual")
    if question:
        if words[0] in _QUESTION_OFFER_STARTS and n > 1 and infos[1] & FIRST:
            f.append("question: may I")
        else:
            f.append("question")
        if every & RHETORIC:
            f.append("rhetorical")
    if every & _X_GUARD and _OPINION_THAT_RE.search(joined or (joined := " ".join(words))):
        f.append("opinion about others")
    if (
        every & _X_HOUSEHOLD
        and every & _X_HOUSEHOLD_POSSESSIVE
        and any(infos[k] & _X_HOUSEHOLD and infos[k - 1] & _X_HOUSEHOLD_POSSESSIVE for k in range(1, n))
    ):
        f.append("own household")
    if every & (INSTITUTION | ADDRESSEE) and any(
        infos[k] & (INSTITUTION | ADDRESSEE) and not (k > 0 and infos[k - 1] & _X_PLACE_PREPOSITION)
        for k in range(min(3, n))
    ):
        f.append("institution or addressee first")
    elif every & INSTITUTION:
        f.append("institution mentioned")
    if every & _X_AUX_PAST and _perfect_tense(words):
        f.append("perfect tense")
    if every & _X_GUARD and _DEMAND_RE.search(joined or (joined := " ".join(words))):
        f.append("demand")
    if words[0] in ("laat", "let", "geef", "give", "organiseer", "zorg", "regel", "maak", "doe") and not (
        n > 1 and words[1] in ("mij", "me", "ons", "us")
    ):
        f.append("imperative")
    if every & (MODAL | EAGER) and every & _X_SELF_VERB:
        f.append("own interest verb")
    if every & _X_COURSE and every & _X_SIGNUP and "voor" in wordset:
        f.append("course sign-up")
    if every & _X_PASSIVE and _passive(words):
        f.append("passive")
    if "werk" in wordset or "work" in wordset or "werkzaam" in wordset:
        m = _WORKS_AT_RE.search(joined or (joined := " ".join(words)))
        if m and (_ROLES.get(m.group(1), 0) & INSTITUTION or m.group(1) in _PUBLIC_BODIES):
            f.append("writer works at an institution")
    if every & _X_CONDITION and _OWN_GAIN_RE.search(joined or (joined := " ".join(words))):
        f.append("condition of own gain")
    if not wordset.isdisjoint(_OPINION_WORDS):
        f.append("opinion word")
    if not wordset.isdisjoint(_PUBLIC_BODIES):
        f.append("public body or firm named")
    if sentence > 0:
        f.append("not first sentence")
    return f


# fmt: off
_SUBJECT_BOUNDARIES = {",", "maar", "but", "omdat", "because", "want", "terwijl", "while", "als", "if", "wanneer",
                        "when", "en", "and", "of", "or", "dan", "then"}
# fmt: on
_EMBEDDING = {"die", "dat", "wie", "who", "that", "which", "welke", "waar", "where", "of", "whether", "hoe", "how"}


def _cue_subject(words: list[str], infos: list[int], k: int) -> str:
    """Whose cue the word at k is: "first" (ik, wij, we, I), "group" (residents, a club, "vijf jongeren"),
    "other" (an institution, the addressee, someone, people in general), "pronoun" (ze, they), "embedded" (a
    relative or "that" clause: "mensen die willen helpen"), "none" (nothing before it in its clause)."""
    for j in range(k + 1, min(len(words), k + 3)):
        x = infos[j]
        if x & FIRST:
            return "first"
        if x & (INSTITUTION | ADDRESSEE | SOMEONE):
            return "other"
    for j in range(k - 1, -1, -1):
        x = infos[j]
        w = words[j]
        if x & FIRST:
            return "first"
        if x & (INSTITUTION | ADDRESSEE | SOMEONE) and not (j > 0 and infos[j - 1] & _X_PLACE_PREPOSITION):
            return "other"
        if x & (PERSON_GROUP | _X_GROUP_SUFFIX | _X_OWN_ORGANISATION | _X_COUNTED):
            return "group"
        if x & THIRD_PRONOUN:
            return "pronoun"
        if w in _EMBEDDING:
            return "embedded"
        if w in _SUBJECT_BOUNDARIES:
            break
    return "none"


def _own_part_mask(words: list[str], infos: list[int]) -> list[bool]:
    """Which words are outside a condition on an institution or addressee (see _own_part)."""
    out, skipping = [], False
    for k, w in enumerate(words):
        if infos[k] & _X_CONDITION and any(
            infos[m] & (INSTITUTION | ADDRESSEE) for m in range(k + 1, min(k + 3, len(words)))
        ):
            skipping = True
        elif w == ",":
            skipping = False
        out.append(not skipping)
    return out


def _text_features(lowered: str, alltokens: set[str], sentences: int) -> list[str]:
    """Flags of the whole text, given to each of its units."""
    f = []
    if "?" in alltokens:
        f.append("text has a question")
    if (not lowered.isascii() or ";" in lowered) and any(mark in lowered for mark in _IRONY_MARKS):
        f.append("laughing or winking emoji")
    if not alltokens.isdisjoint(_COMMERCIAL_WORDS):
        f.append("money or price word")
    if sentences > 2:
        f.append("3+ sentences")
    return f


def _units(text: str, scan: bool = False):
    """None when the text is vetoed or has no cue word, else (units, rule hit, original tokens, sentence spans,
    normalised tokens): units are (flags, n-gram tokens, sentence number) for each sentence with a word the
    rules look at. The clause rules run only with `scan` (`training` uses their hit to pick the sentence
    it trains on); the rule hit is None otherwise."""
    lowered = _lower(as_text(text))
    tokens = _TOKEN_RE.findall(lowered)
    state: dict = {}
    hit = _rule_analysis(lowered, tokens, state, scan)
    if hit is _VETOED or hit is _NO_CUE:
        return None
    normalised = state.get("tokens", tokens)
    spans = _sentences(normalised)
    alltokens = set(normalised)
    text_flags = _text_features(lowered, alltokens, len(spans))
    digits = _DIGIT_RE.search(lowered) is not None
    units = []
    for s, (begin, end, question) in enumerate(spans):
        words = normalised[begin:end]
        if _UNIT_WORDS.isdisjoint(words):
            continue
        before = s > 0 and _own_resource(normalised[spans[s - 1][0] : spans[s - 1][1]])
        flags = _unit_features(words, question, before, s, alltokens) + text_flags
        units.append((flags, ["0" if t.isdigit() else t for t in words] if digits else words, s))
    if not units:
        return None
    return units, hit, tokens, spans, normalised
