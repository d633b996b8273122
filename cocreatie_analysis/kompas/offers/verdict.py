"""The clause rules' verdict on one clause: is this clause, read alone, the writer's offer?

`_clause_offer` looks for a subject that can be the writer (or their own group), a cue of willingness or
commitment, and a contribution, and for what vetoes an offer (negation, obligation, an institution or
addressee, the past, a question to others). It returns the kind, the rule that fired and its evidence. Its
verdict trains the model's positive unit (`training`) and is the `rules_only` comparison; it is not what
decides.
"""

from __future__ import annotations

from .clauses import (
    _any_verb,
    _clause_kind,
    _community,
    _find_action,
    _has_specific,
    _kind_of,
    _particle_after,
    _subject,
)
from .lexicon import (
    _ACTION_SUFFIXES,
    _ACTIVITY_NOUNS,
    _AMBIGUOUS,
    _AUXILIARY_PAST,
    _COURSES,
    _GENERIC,
    _GENERIC_HELP,
    _GIVING,
    _HOUSEHOLD,
    _KIND_ANY,
    _KINDS,
    _NOUNS,
    _OFFER_VERBS_EN,
    _OFFER_VERBS_NL,
    _PARTICLE_STEMS,
    _PAY,
    _ROLES,
    _SELF_VERBS,
    _SIGNUP,
    ADDRESSEE,
    APOLOGY,
    EAGER,
    FIRST,
    FIRST_OBJ,
    HABIT,
    INSTITUTION,
    MODAL,
    NEG,
    PAST,
    PERSON_GROUP,
    RHETORIC,
    SELF_OBJECT,
    SHOULD,
    SOMEONE,
    STRONG,
)
from .phrases import (
    _CONSTRUCTION_TRIGGERS,
    _FALLBACK_STRONG,
    _HOUSEHOLD_SUBJECT,
    _PARTICIPLE_RE,
    _PLAIN_PRESENT,
    _T_FORMS,
    _THIRD_MODALS,
)


def _clause_offer(
    words: list[str],
    question: bool,
    opener: str,
    after_condition: bool,
    inherited: str | None = None,
):
    """(kind, cue, subject) when the clause holds an offer, else None."""
    roles = [_ROLES.get(w, 0) for w in words]
    allroles = 0
    for r in roles:
        allroles |= r
    if allroles & (APOLOGY | SHOULD | NEG):
        return None  # negation, obligation, apology
    if opener == "indirect" or (opener in ("complement", "relative") and not allroles & FIRST):
        return None  # an embedded clause
    if question and (
        allroles & RHETORIC
        or words[0] in ("moet", "moeten", "gaan", "waarom", "why", "wie", "who", "denken", "am", "dus")
    ):
        return None  # a rhetorical question
    n = len(words)
    wordset = set(words)
    offer_subjects = ("first", "third", "unknown")

    # --- explicit offer constructions -------------------------------------------------------------------
    for i, w in enumerate(words if not wordset.isdisjoint(_CONSTRUCTION_TRIGGERS) else ()):
        if (w in _OFFER_VERBS_NL and ("aan" in words[i + 1 :] or w == "aanbieden")) or (
            w in _OFFER_VERBS_EN and i + 1 < n and words[i + 1] not in ("me", "us", "you", "them")
        ):
            subject = _subject(words, roles, i, inherited)
            if subject in offer_subjects:
                return (
                    (_clause_kind(words[:i] + words[i + 1 :]) or "uitvoeren"),
                    w + (" … aan" if w in _OFFER_VERBS_NL else ""),
                    subject,
                )
        if (w in _SIGNUP or w in ("geef", "geven")) and not _COURSES.isdisjoint(words[i + 1 :]) and "voor" in words:
            continue  # "ik meld me aan voor de cursus Spaans": a course for oneself
        if w in _SIGNUP and not allroles & (SELF_OBJECT | PAST):
            if w in ("aangemeld", "opgegeven") and not ({"ter", "meteen", "direct", "plekke"} & wordset):
                continue
            if (
                w in ("meld", "meldt", "melden")
                and "aan" not in words[i + 1 :]
                and "als" not in words[i + 1 :]
                and not (i + 2 == n and words[i + 1] in ("me", "mij", "ons"))
            ):
                continue  # "Chauffeur buurtbus? Ik meld me." counts
            reflexive = {"me", "mij", "zich", "ons"} & wordset
            subject = _subject(words, roles, i, inherited)
            if reflexive and (subject in ("first", "third") or (allroles & FIRST_OBJ and 0 < i <= 3)):
                return (_clause_kind(words) or "uitvoeren"), w, subject or "first"
        if (
            w in ("geef", "geven")
            and "op" in words[i + 2 :]
            and {"mij", "me", "ons"} & set(words[i + 1 : i + 4])
            and not allroles & (SELF_OBJECT | PAST)
            and _subject(words, roles, i, inherited) in ("first", None)
        ):
            return (_clause_kind(words) or "uitvoeren"), "geef mij op", "first"  # "bij dezen geef ik mij op als lid"
        if (
            w in ("naam", "namen")
            and {"op", "opgeschreven", "noteren", "noteerden", "schreven", "geven", "gaven", "opgeven"} & wordset
            and _subject(words, roles, i) == "third"
        ):
            return (_clause_kind(words) or "uitvoeren"), "naam opgeven", "third"
        if (
            w in ("reken", "rekenen", "rekent", "count", "rely")
            and "op" in words[i + 1 : i + 3] + words[:i]
            and (not {"mij", "ons"}.isdisjoint(words[i - 3 if i > 3 else 0 : i + 4]))
            or (w in ("count", "rely") and i + 2 < n and words[i + 1] == "on" and words[i + 2] in ("me", "us"))
        ):
            return (_clause_kind(words) or "uitvoeren"), " ".join(words[i : i + 3]), "first"
        if w == "put" and i + 2 < n and words[i + 1] in ("my", "our") and words[i + 2] in ("name", "names"):
            return (_clause_kind(words) or "uitvoeren"), "put my name down", "first"
        if w in ("count", "sign", "put", "zet", "schrijf", "reken", "laat", "let") and i + 1 < n:
            nxt = words[i + 1]
            imperative = i == 0 or words[i - 1] in ("dan", "then", "en", "and", "gewoon", "maar", "just")
            if imperative and (
                (w in ("count", "sign", "put") and nxt in ("me", "us"))
                or (
                    w in ("zet", "schrijf")
                    and nxt in ("me", "mij", "ons")
                    and ({"lijst", "in"} & set(words[i:]) or "op" in words[i + 2 :])
                )
                or (w == "reken" and {"mij", "ons"} & set(words[i + 1 : i + 4]))
                or (
                    w in ("laat", "let")
                    and nxt in ("mij", "me", "ons", "us")
                    and _find_action(words[i + 2 :], roles[i + 2 :], True)
                    and not {"weten", "know", "horen", "zien", "see"} & wordset
                )
            ):
                return (_clause_kind(words) or "uitvoeren"), " ".join(words[i : i + 3]), "first"
        if w in ("neem", "neemt", "nemen", "take", "takes", "took"):
            after = set(words[i + 1 :])
            if (
                {"voortouw", "initiatief", "lead", "charge", "organisatie", "coördinatie"} & after
                or ("op" in wordset and {"me", "mij", "ons", "zich"} & wordset)
                or ("on" in after and w != "took")
            ):
                subject = _subject(words, roles, i, inherited)
                if subject in offer_subjects:
                    return (_clause_kind(words) or "organiseren"), " ".join(words[i : i + 3]), subject
        if w in ("stel", "stelt", "stellen") and {"beschikbaar", "beschikking", "open"} & wordset:
            subject = _subject(words, roles, i, inherited)
            if subject in offer_subjects:
                return "ruimte_middelen", f"{w} … beschikbaar", subject
        if w in ("sta", "staan", "staat") and "klaar" in words[i + 1 :] and allroles & FIRST:
            return (_clause_kind(words) or "uitvoeren"), "sta klaar", "first"

    # --- paying for a shared thing themselves: "dat we de kerstverlichting zelf betalen" -------------------
    if (
        ("zelf" in wordset or "ourselves" in wordset)
        and not wordset.isdisjoint(_PAY)
        and allroles & FIRST
        and wordset.isdisjoint(_HOUSEHOLD)
    ):
        return "ruimte_middelen", "zelf betalen", "first"

    # --- subject + volition/ability cue + contribution --------------------------------------------------
    strong = bool(allroles & (EAGER | STRONG))
    for i, w in enumerate(words):
        r = roles[i]
        if not r & (MODAL | EAGER):
            continue
        if w == "best" and i > 0 and words[i - 1] in ("hun", "zijn", "haar", "mijn", "ons", "je", "het"):
            continue  # "doen hun best"
        subject = _subject(words, roles, i, inherited)
        if subject is None:
            continue
        if subject != "first":
            if w not in _THIRD_MODALS or question:
                continue
        elif (
            not r & MODAL
            and i > 0
            and not any(roles[j] & FIRST for j in range(max(0, i - 3), min(n, i + 3)))
            and not (words[i - 1] in ("and", "en") or (i > 1 and words[i - 2] in ("and", "en")))
            and not (i == 1 and (words[0] in _PARTICLE_STEMS or words[0] in _KINDS))
        ):
            continue  # "graag" is a cue only next to the writer: "ik help graag"
        if question and w in ("ga", "gaan", "gaat", "going", "will", "zullen"):
            continue
        hit = _find_action(words, roles, strong, i)
        if (
            hit is None
            and subject == "first"
            and (
                allroles & EAGER
                or not wordset.isdisjoint(_FALLBACK_STRONG)
                or ("wel" in wordset and not wordset.isdisjoint(("wil", "willen", "wilt")))
            )
        ):
            verb = _any_verb(words, i)
            if verb is not None:
                hit = (verb[0], verb[1], "uitvoeren")
        if hit is None:
            continue
        j, action, kind = hit
        if j + 1 < n and words[j + 1] in ("worden", "wordt", "be") and _PARTICIPLE_RE.match(action):
            continue
        if _passive(words):
            continue  # "ik wil graag geholpen worden": asking for help
        if any(
            words[k] in _SELF_VERBS and not (words[k] == "keep" and words[k + 1].endswith("ing"))
            for k in range(i + 1, j)
        ) or (action in _NOUNS and any(words[k] in _SELF_VERBS for k in range(j + 1, n))):
            continue
        if allroles & SELF_OBJECT and action in ("meedoen", "doe", "doen", "komen", "join", "come", "be"):
            continue
        if subject == "pronoun" and not (
            action in _GENERIC_HELP
            or kind in ("meedenken", "organiseren")
            or "zelf" in wordset
            or "themselves" in wordset
        ):
            continue
        if subject == "unknown" and (
            (action in _GENERIC and action not in _GIVING)
            or action in _AMBIGUOUS
            or w not in ("wil", "willen", "wants", "want", "will")
        ):
            continue
        if (
            j > i + 1
            and words[j - 1] == "to"
            and any(roles[k] & (INSTITUTION | ADDRESSEE | SOMEONE | PERSON_GROUP) for k in range(i + 1, j))
        ):
            continue  # "I want the council to fix ...": their action, not ours
        kind_words = words[i:] if subject in ("third", "unknown") or _has_specific(words[i:]) else words
        return _clause_kind(kind_words) or kind, f"{w} … {action}", subject

    # --- the writer's present-tense commitment: "ik help elke vrijdag", "dan knap ik het zelf op",
    # "ik doe mee", "regelen wij de rest", "wij denken graag mee", "wij helpen met de aanvraag" -----------
    first_pronoun = [j for j in range(n) if roles[j] & FIRST and words[j] not in ("onze", "our")]
    if first_pronoun and not allroles & PAST and not question and not _perfect_tense(words):
        progressive = "aan" in wordset and "het" in wordset
        marked = bool(allroles & (HABIT | EAGER)) or "wel" in wordset or after_condition
        for i, w in enumerate(words):
            if w not in _KIND_ANY:
                continue
            k = _kind_of(w, words, i)
            if k is None or w.endswith(_ACTION_SUFFIXES):
                continue
            particle_hit = w in _PARTICLE_STEMS and k == next(
                (kk for p, kk in _PARTICLE_STEMS[w] if _particle_after(words, i, p)), None
            )
            adjacent = any(abs(j - i) == 1 for j in first_pronoun)
            near = any(abs(j - i) <= 3 for j in first_pronoun) or (i > 0 and words[i - 1] in ("en", "and", "te"))
            if (w in _NOUNS and not (adjacent and w in _KINDS and not w.endswith("s"))) or (
                w in _T_FORMS and not particle_hit
            ):
                continue
            if w in _GENERIC and not particle_hit:
                if w in ("geef", "geven", "give") and adjacent and not wordset.isdisjoint(_ACTIVITY_NOUNS):
                    return _clause_kind(words) or "uitvoeren", w, "first"
                if adjacent and (allroles & EAGER or "gratis" in wordset or "free" in wordset) and _community(words):
                    return _clause_kind(words) or "uitvoeren", w, "first"  # "de flyers maak ik graag gratis"
                if not (
                    w in ("doe", "doen", "do")
                    and marked
                    and _community(words)
                    and any(_kind_of(x, words, m) and x not in _GENERIC for m, x in enumerate(words))
                ):
                    continue  # "Sneeuw ruimen doen we al jaren": the action is named
            come_and = i > 0 and words[i - 1] in ("kom", "komen", "come") and w not in _GENERIC
            if not (
                particle_hit
                or marked
                or come_and
                or (progressive and words[i - 2 : i] == ["aan", "het"])
                or (adjacent and w in _PLAIN_PRESENT)
            ):
                continue
            if not near and not particle_hit and w not in ("doe", "doen", "do") and not progressive:
                continue  # "ik ben bereid meer te betalen voor openbaar vervoer"
            if w in _AMBIGUOUS and not particle_hit and not (allroles & EAGER or _community(words)):
                continue
            if "laat" in wordset or "laten" in wordset or "let" in wordset:
                continue  # "ik laat me ophalen": someone else acts
            if (
                not wordset.isdisjoint(_HOUSEHOLD)
                and not allroles & EAGER
                and not (particle_hit and wordset.isdisjoint(_HOUSEHOLD_SUBJECT))
            ):
                continue
            if w in _GENERIC_HELP and i + 1 < n and words[i + 1] in ("mezelf", "mijzelf", "myself", "onszelf"):
                continue  # "ik help mezelf wel"
            if allroles & SELF_OBJECT and (w in _GENERIC or w in _AMBIGUOUS or w in _GENERIC_HELP):
                continue  # "ik doe mee aan de enquête", "ik kom naar de bijeenkomst"
            cue = w
            if particle_hit:
                cue += " … " + next(p for p, _ in _PARTICLE_STEMS[w] if _particle_after(words, i, p))
            return _clause_kind(words) or k, cue, "first"
    return None


def _passive(words: list[str]) -> bool:
    for i, w in enumerate(words):
        if (
            w in ("worden", "wordt", "be", "get")
            and i > 0
            and (_PARTICIPLE_RE.match(words[i - 1]) or words[i - 1] in ("ondersteund", "helped", "supported"))
        ):
            return True
        if w in ("geholpen", "ondersteund") and i + 1 < len(words) and words[i + 1] in ("worden", "wordt"):
            return True
    return False


def _perfect_tense(words: list[str]) -> bool:
    """ "ik heb vorig jaar meegeholpen", "we hebben het zelf onderhouden", "I have volunteered": done, not offered."""
    for i, w in enumerate(words):
        if w in _AUXILIARY_PAST:
            for x in words[i + 1 :]:
                if (
                    _PARTICIPLE_RE.match(x)
                    or (x.endswith("ed") and len(x) > 4)
                    or x in ("onderhouden", "begonnen", "gedaan", "geholpen")
                ):
                    return True
    return False
