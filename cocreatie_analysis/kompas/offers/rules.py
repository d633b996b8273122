"""The clause rules: the hand-written verdict per clause, and the two hard rules that stay decisive.

The rules are no longer what decides (the learned model in `model` does; see `detect`), but they do three
jobs: they normalise a text (`_rule_analysis`: idioms, dropped -n, particles), they apply the two hard rules
(a text that sells a service or is ironic, `_vetoed`, and a text without any cue word hold no offer), and
`training` uses the sentence where they fire as the positive unit of an offer text. `rules_only` in `detect`
reports their own verdict for comparison.
"""

from __future__ import annotations

import re

from .clauses import _clause_kind, _find_action, _has_specific, _merge_particles, _split
from .lexicon import (
    _GENERIC,
    _KIND_ANY,
    _KINDS,
    _NOT_CONTRIBUTING,
    _NOUNS,
    _PARTICLES,
    _PERSON_NOUNS,
    _RESUMPTIVE,
    _ROLES,
    ADDRESSEE,
    APOLOGY,
    CONDITIONAL,
    FIRST,
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
)
from .phrases import (
    _ANY_CLAUSE_CUE,
    _CALL_ME_RE,
    _CALL_WORDS,
    _CLAUSE_CUES,
    _COMMERCIAL_RE,
    _COMMERCIAL_WORDS,
    _CUE_SET,
    _EAGER_PHRASE_ADJECTIVES,
    _EAGER_PHRASE_RE,
    _EAGER_PHRASE_WORDS,
    _FINITE_COMMON,
    _FIRST_WORDS,
    _FRAGMENT_MAX_TOKENS,
    _FREE_RE,
    _GENERIC_SUBJECT_RE,
    _GROUP_SUFFIXES,
    _HELP_NEEDED_RE,
    _INITIATOR_RE,
    _INSTITUTION_SUBJECT_RE,
    _JOIN_IDIOM_WORDS,
    _JOIN_IDIOMS,
    _JOIN_PHRASE_RE,
    _JOIN_PHRASE_WORDS,
    _NEG_TEXT_RE,
    _OWN_RESOURCE_RE,
    _PERMISSION_RE,
    _PERMISSION_WORDS,
    _PHRASE_GATE,
    _PHRASE_RE,
    _PHRASES,
    _POSSESSIVES,
    _RHETORIC_WORDS,
    _TIME_RE,
    _TIME_WORDS,
    _TOKEN_RE,
)
from .verdict import _clause_offer, _perfect_tense


def _retracted(clauses, c: int) -> bool:
    """The offer in clause c is taken back later in the text: "ik wil best helpen, maar met mijn rug lukt dat
    niet meer", "I'd happily help if I were younger, but ...", or any counterfactual followed by "maar"."""
    words, _, _, sentence = clauses[c]
    conditional = any(_ROLES.get(w, 0) & CONDITIONAL for w in words)
    for words2, _, opener2, sentence2 in clauses[c + 1 :]:
        if sentence2 > sentence + 1:
            break
        if opener2 in ("maar", "but", "though", "although"):
            if conditional:
                return True
            if any(_ROLES.get(w, 0) & NEG for w in words2) or _TOO_RE.search(" ".join(words2)):
                return True
        if opener2 == "if" and conditional and sentence2 == sentence:
            if any(w in ("were", "was", "had", "jonger", "younger", "tijd", "time") for w in words2):
                return True
    return False


_TOO_RE = re.compile(r"\b(?:te|too)\s+(?:oud|druk|ziek|moe|old|busy|ill|tired)\b")


# fmt: off
_TYPO_VERBS = frozenset(f for f in _KIND_ANY if f.endswith("en") and len(f) >= 6
                        and f[:-1] not in _ROLES and f[:-1] not in _KIND_ANY and f[:-1] not in _NOT_CONTRIBUTING)
# Irony: an offer "to help with complaining", "shall I just resurface the road myself then?".
_SARCASM_RE = re.compile(r"\b(?:met|with)\s+(?:klagen|zeuren|mopperen|complaining|moaning|whining)\b|"
                         r"\bshall\s+i\s+just\b")
# fmt: on
_SARCASM_WORDS = {"klagen", "zeuren", "mopperen", "complaining", "moaning", "whining", "shall"}
# fmt: off
_TYPO_ENDINGS = frozenset(v[:-1] for v in _TYPO_VERBS) - {   # real words: nouns, adjectives, past tenses
    "bijdrage", "zette", "opzette", "inzette", "klaarzette", "drukke", "knappe", "losse", "ruime", "verve", "lesse"}
# fmt: on


def _vetoed(lowered: str, tokset: set[str]) -> bool:
    """Texts that hold no offer whatever else they say: a paid service ("vraag vrijblijvend een offerte aan",
    "competitive rates", "als ik ervoor betaald krijg") and irony ("ik help wel... met klagen", an eye-roll)."""
    if (
        (not tokset.isdisjoint(_COMMERCIAL_WORDS) or "\u20ac" in lowered)
        and _COMMERCIAL_RE.search(lowered)
        and not _FREE_RE.search(lowered)
    ):
        return True
    return "\U0001f644" in lowered or (
        not tokset.isdisjoint(_SARCASM_WORDS) and _SARCASM_RE.search(lowered) is not None
    )


_VETOED = ("vetoed",)  # _rule_analysis: the text sells a service or is ironic; the model may not overrule that
_NO_CUE = ("no cue",)  # _rule_analysis: not one word of willingness, commitment or contribution; nor for the model


def _lower(text: str) -> str:
    lowered = text.lower()
    if "\u2019" in lowered or "\u2018" in lowered or "`" in lowered:
        lowered = lowered.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return lowered


def _rule_analysis(lowered: str, tokens: list[str], state: dict | None = None, scan: bool = True):
    """(kind, cue, evidence, path, subject, sentence) for the first offer the rules find in the text, None,
    _VETOED or _NO_CUE. `lowered` is the lower-cased text (_lower), `tokens` its _TOKEN_RE tokens. `path` says
    which rule fired ("clause", "initiator", "call me", "permission", "answer", "time"), `subject` whose offer
    the clause rules saw ("first", "third", "unknown", "pronoun"; None for the text-level rules) and `sentence`
    its sentence number (None where the rule looks at the whole text). When `state` is a dict, the normalised
    tokens and the clauses are left in it ("tokens", "clauses") for the feature extractor; with `scan` False
    the clause rules are not run (None is returned for a text that is neither vetoed nor without a cue)."""
    tokset = set(tokens)
    if _vetoed(lowered, tokset):
        return _VETOED
    if not tokset.isdisjoint(_TYPO_ENDINGS):
        # "ik wil wel helpe bij de voedselbank met inpakke": a dropped final -n
        tokens = [t + "n" if t in _TYPO_ENDINGS else t for t in tokens]
        lowered = " ".join(tokens)
        tokset = set(tokens)
    if tokset.isdisjoint(_CUE_SET) and not (
        len(tokens) <= _FRAGMENT_MAX_TOKENS
        and any(len(t) > 12 and t.endswith(("vrijwilliger", "vrijwilligster", "maatje")) for t in tokens)
    ):
        return _NO_CUE
    changed = False
    if "\u20ac" in lowered:
        lowered, changed = lowered.replace("\u20ac", " euro "), True
    if not tokset.isdisjoint(_EAGER_PHRASE_WORDS) and not tokset.isdisjoint(_EAGER_PHRASE_ADJECTIVES):
        lowered, count = _EAGER_PHRASE_RE.subn(" ik wil graag ", lowered)
        changed = changed or count > 0
    if not tokset.isdisjoint(_JOIN_PHRASE_WORDS):
        lowered, count = _JOIN_PHRASE_RE.subn(" ik doe graag mee ", lowered)
        changed = changed or count > 0
    if "erbij" in tokset or (("bij" in tokset and "er" in tokset) or not tokset.isdisjoint(_JOIN_IDIOM_WORDS)):
        for words, pattern in _JOIN_IDIOMS:
            if not tokset.isdisjoint(words) and ("bij" not in words or "ben" in tokset or "zijn" in tokset):
                lowered, count = pattern.subn(" ik doe graag mee ", lowered)
                changed = changed or count > 0
    if not tokset.isdisjoint(_PHRASE_GATE) or ("best" in tokset and not tokset.isdisjoint(_POSSESSIVES)):
        lowered, count = _PHRASE_RE.subn(lambda m: _PHRASES[" ".join(m.group().split())], lowered)
        changed = changed or count > 0
    if ("te" in tokset or "mee" in tokset) and not tokset.isdisjoint(_PARTICLES):
        merged = _merge_particles(lowered)
        changed = changed or merged != lowered
        lowered = merged
    if changed:
        tokens = _TOKEN_RE.findall(lowered)
        tokset = set(tokens)
    if not scan:
        if state is not None:
            state["tokens"] = tokens
        return None
    clauses = _split(tokens)
    if state is not None:
        state["tokens"], state["clauses"] = tokens, clauses
    rhetorical = {s for words, question, _, s in clauses if question and not _RHETORIC_WORDS.isdisjoint(words)}
    previous_opener = None
    for c, (words, question, opener, sentence) in enumerate(clauses):
        after_condition = previous_opener == "if" or (words and words[0] == "dan")
        previous_opener = opener
        if sentence in rhetorical or _ANY_CLAUSE_CUE.isdisjoint(words):
            continue
        hit = None
        if not _CLAUSE_CUES.isdisjoint(words) or (
            not _FIRST_WORDS.isdisjoint(words) and not _KIND_ANY.isdisjoint(words)
        ):
            inherited = _inherited_subject(clauses, c) if opener in (",", "start", "maar", "but") else None
            hit = _clause_offer(words, question, opener, after_condition, inherited)
        if (
            hit is None
            and c > 0
            and opener in (",", "start")
            and not _FIRST_WORDS.isdisjoint(words)
            and (clauses[c - 1][3] == sentence or (len(words) <= 6 and not _RESUMPTIVE.isdisjoint(words)))
        ):
            # "Boodschappen rondbrengen bij ouderen, dat wil ik wel doen", "If you need drivers, I'm
            # available": the contribution is in the clause before.
            prev = clauses[c - 1][0]
            if _clause_kind(prev):
                hit = _clause_offer(prev + words, question, "start", after_condition)
        if hit is not None and not _retracted(clauses, c):
            kind, cue, _subject_kind = hit
            if kind == "uitvoeren" and not _has_specific(words):
                # the clause said only "help"/"meld me aan"/"daar wil ik bij": a more specific word in the
                # sentence or the one before ("Is er een werkgroep? Dan wil ik daar graag bij") decides
                context = [w for ws, _, _, s in clauses if sentence - 1 <= s <= sentence for w in ws]
                specific = _clause_kind(context)
                if specific in ("meedenken", "organiseren"):
                    kind = specific
            return kind, cue, " ".join(words), "clause", _subject_kind, sentence
    # The writer starts something and asks who joins: "Volgend jaar willen we een buurtmoestuin. Wie doet er
    # mee?", "We lopen 2x per week een rondje. Wie mee wil lopen is welkom!"
    if (
        "wie" in tokset or "who's" in tokset or "who" in tokset or "join" in tokset or "doe" in tokset
    ) and _INITIATOR_RE.search(lowered):
        for words, question, opener, _sentence in clauses:
            roles = [_ROLES.get(w, 0) for w in words]
            allroles = 0
            for r in roles:
                allroles |= r
            if (
                opener in ("start", ",")
                and not question
                and any(r & FIRST and w not in ("onze", "our") for w, r in zip(words, roles))
                and allroles & (MODAL | HABIT)
                and not allroles & (NEG | SHOULD | INSTITUTION | ADDRESSEE)
                and not _perfect_tense(words)
            ):
                return (
                    (_clause_kind(words) or "organiseren"),
                    "initiatief + wie doet mee",
                    " ".join(words),
                    "initiator",
                    None,
                    _sentence,
                )
    # Availability: "Bel me gerust als er hulp nodig is", "just ask if you need a hand".
    if (
        not tokset.isdisjoint(_CALL_WORDS)
        and _CALL_ME_RE.search(lowered)
        and _HELP_NEEDED_RE.search(lowered)
        and not _NEG_TEXT_RE.search(lowered)
    ):
        return "uitvoeren", "bel me bij hulp", _CALL_ME_RE.search(lowered).group(), "call me", None, None
    # Own resource offered for use: "Mijn schuur staat vol gereedschap, dat mag de klussengroep gebruiken".
    # Also passive ("dat kan gebruikt worden", "mag bij ons in de garage worden opgeslagen"), "die mogen naar
    # statushouders", "daarvoor prima geschikt", "all available for the planting day".
    for permission in () if tokset.isdisjoint(_PERMISSION_WORDS) else _PERMISSION_RE.finditer(lowered):
        start, end = permission.start(), permission.end()
        if permission.group().split()[-1] in _NOT_CONTRIBUTING - {
            "gebruiken",
            "hebben",
            "komen",
            "worden",
        } or _GENERIC_SUBJECT_RE.search(lowered[max(0, start - 12) : end]):
            continue
        sentence_start = max(lowered.rfind(c, 0, start) for c in ".!?\n") + 1
        if (
            _OWN_RESOURCE_RE.search(lowered[:end])
            and not _INSTITUTION_SUBJECT_RE.search(lowered)
            and not _NEG_TEXT_RE.search(lowered[max(sentence_start, start - 30) : end])
        ):
            return (
                "ruimte_middelen",
                "eigen ruimte/middelen + mag gebruiken",
                permission.group(),
                "permission",
                None,
                None,
            )
    # Short survey answer starting with the contribution: "Meedoen met de buurtschoonmaak, 1x per maand".
    if clauses and len(tokens) <= _FRAGMENT_MAX_TOKENS:
        words, question, opener, _ = clauses[0]
        first = words[0]
        k = _KINDS.get(first)
        if k is None and len(first) > 12 and first.endswith(("vrijwilliger", "vrijwilligster", "maatje")):
            k = "uitvoeren"
        allroles = 0
        for w in tokens:
            allroles |= _ROLES.get(w, 0)
        if (
            k is not None
            and not question
            and not allroles & (NEG | SHOULD | RECRUIT | INSTITUTION | ADDRESSEE | APOLOGY | SELF_OBJECT | PAST)
            and (first not in _GENERIC or first == "meedoen")
            and first not in _PERSON_NOUNS - {"vrijwilliger"}
            and (first.endswith(("en", "ing")) or first in _NOUNS or k is not None and first not in _KINDS)
            and _FINITE_COMMON.isdisjoint(words)
        ):
            return _clause_kind(words) or k, first + " (antwoord)", " ".join(words), "answer", None, 0
    # "Heb tijd zat. Bezorgen, klussen, koffie zetten": time offered plus a list of contributions.
    m = None if tokset.isdisjoint(_TIME_WORDS) else _TIME_RE.search(lowered)
    if m and not _NEG_TEXT_RE.search(lowered):
        for words, question, _opener, _sentence in clauses:
            roles = [_ROLES.get(w, 0) for w in words]
            hit = _find_action(words, roles, False)
            if hit is not None and not question and not _perfect_tense(words):
                return _clause_kind(words) or hit[2], "tijd + " + hit[1], m.group(), "time", None, _sentence
    return None


def _inherited_subject(clauses, c: int) -> str | None:
    """The subject of the nearest clause before clause c (same or previous sentence) that has one."""
    sentence = clauses[c][3]
    for k in range(c - 1, -1, -1):
        if clauses[k][3] < sentence - 1:
            break
        subject = _clause_subject(clauses[k][0])
        if subject is not None:
            return subject
    return None


def _clause_subject(words: list[str]) -> str | None:
    """The subject a following clause without its own subject inherits ("..., en bieden die graag aan")."""
    for w in words[:6]:
        r = _ROLES.get(w, 0)
        if r & FIRST and w not in ("onze", "our"):
            return "first"
        if r & (INSTITUTION | ADDRESSEE | SOMEONE):
            return None
        if r & PERSON_GROUP or w.endswith(_GROUP_SUFFIXES):
            return "third"
    return None
