"""Sentences and clauses: where an offer's subject, cue and contribution must be found together.

Sentences end at . ! ? ; : and line breaks; clauses start at commas, conjunctions, conditions with their own
subject, relative pronouns, complementisers and opinion verbs. How a clause started decides whether its
subject can be the writer. Also here: which word of a clause is a contribution and of which kind
(`_kind_of`, `_clause_kind`, `_find_action`), and who its subject is (`_subject`).
"""

from __future__ import annotations

import re

from .lexicon import (
    _ACTION_SUFFIXES,
    _AFTER_PARTICLE,
    _AMBIGUOUS,
    _ARTICLES,
    _CLAUSE_FINAL_ONLY,
    _COMMUNITY,
    _COMMUNITY_PARTS,
    _DETERMINERS,
    _DUTCH_SUBJECT,
    _GENERIC,
    _GENERIC_HELP,
    _GIVING,
    _GIVING_GOODS,
    _KIND_ANY,
    _KIND_RANK,
    _KINDS,
    _MAAR_PARTICLE_AFTER,
    _MARKERS,
    _MERGE_RE,
    _NOT_CONTRIBUTING,
    _NOUNS,
    _OFFER_VERBS_NL,
    _PARTICLE_STEMS,
    _PARTICLES,
    _PERSON_NOUNS,
    _PLACE_PREPOSITIONS,
    _PREPOSITIONS,
    _RESOURCE_SUFFIXES,
    _ROLES,
    ADDRESSEE,
    EAGER,
    FIRST,
    INSTITUTION,
    MODAL,
    PERSON_GROUP,
    SOMEONE,
    THIRD_PRONOUN,
)
from .phrases import (
    _CLAUSE_START,
    _COMPLEMENT,
    _CONDITION_START,
    _COUNTS,
    _DUTCH_SUBJECT_ONLY,
    _EN_EAGER_TO,
    _GROUP_SUFFIXES,
    _HOUSEHOLD_SUBJECT,
    _IMPLICIT_SUBJECT_CUES,
    _INDIRECT_QUESTION,
    _NL_VERBS,
    _OPINION_VERBS,
    _RELATIVE,
    _RELATIVE_END,
    _SENTENCE_END,
    _SPLIT_TRIGGERS,
    _SUBJECT_AFTER,
)


def _any_verb(words: list[str], i: int):
    """An eager writer's contribution outside the lexicon: a Dutch infinitive after the cue ("ik wil best de
    bankjes in elkaar zetten") or an English verb after "happy/willing/love ... to"; (position, word) or None."""
    n = len(words)
    for j in range(i + 1, n):
        w = words[j]
        if w in _NOT_CONTRIBUTING or w in _KINDS:
            continue
        if w == "to" and j + 1 < n and any(words[k] in _EN_EAGER_TO for k in range(max(0, j - 3), j)):
            v = words[j + 1]
            if v not in _NOT_CONTRIBUTING and v.isalpha() and len(v) > 2:
                return j + 1, v
        if w in _NL_VERBS and (j == n - 1 or words[j + 1] in _AFTER_PARTICLE or j >= n - 3):
            return j, w
    return None


def _join_particle(match: re.Match) -> str:
    joined = match.group(1) + match.group(2)
    return joined if joined in _KINDS else match.group()


def _merge_particles(lowered: str) -> str:
    """Join "mee te denken" -> "meedenken", "op te zetten" -> "opzetten", "mee helpen" -> "meehelpen", so
    that the infinitive of a separable verb is one token."""
    return _MERGE_RE.sub(_join_particle, lowered)


def _split(tokens: list[str]) -> list[tuple[list[str], bool, str, int]]:
    """Clauses as (tokens, in a question, how the clause started, sentence number).

    Sentences end at . ! ? ; : and line breaks. Clauses start at commas, at conjunctions ("maar", "omdat",
    "but"), at a condition with its own subject ("als de gemeente ..."), at relative pronouns ("mensen die
    willen helpen"), at complementisers ("ik hoop dat ...") and after opinion verbs ("I wish more people
    would ..."). How a clause started decides whether its subject can be the writer."""
    sentences: list[tuple[list[str], bool]] = []
    begin = 0
    for end in [i for i, t in enumerate(tokens) if t in _SENTENCE_END]:
        if end > begin:
            sentences.append((tokens[begin:end], tokens[end] == "?"))
        begin = end + 1
    if begin < len(tokens):
        sentences.append((tokens[begin:], False))
    clauses = []
    for s, (words, question) in enumerate(sentences):
        start, opener = 0, "start"
        n = len(words)
        triggers = [i for i, t in enumerate(words) if t in _SPLIT_TRIGGERS]
        if not triggers:
            clauses.append((words, question, opener, s))
            continue
        for i in triggers:
            if i >= n or i < start:
                continue
            t = words[i]
            nxt = words[i + 1] if i + 1 < n else ""
            prev = words[i - 1] if i > 0 else ""
            cut = None
            if t == ",":
                cut = ","
            elif t in _CLAUSE_START:
                if t == "maar" and (
                    prev in _MAAR_PARTICLE_AFTER
                    or nxt in _KINDS
                    or nxt in _PARTICLES
                    or nxt in ("even", "eens", "gerust", "bellen", "mailen", "weten")
                ):
                    pass  # "laat mij maar regelen": a particle
                elif t == "want" and nxt not in _DUTCH_SUBJECT:
                    pass  # English "want"
                elif t in ("anders", "otherwise") and prev not in ("", ","):
                    pass
                else:
                    cut = t
            elif t in _CONDITION_START and prev != "," and (nxt in _SUBJECT_AFTER or t in ("if", "mocht", "zodra")):
                cut = "if"
            elif (
                t in _OPINION_VERBS
                and nxt in _SUBJECT_AFTER
                and nxt not in ("het", "it", "een", "a")
                and (_ROLES.get(prev, 0) & FIRST)
            ):
                if i + 1 > start:
                    clauses.append((words[start : i + 1], question, opener, s))
                start, opener = i + 1, "complement"  # "I wish more people would ...", "ik hoop er ..."
                continue
            elif (
                t in _RELATIVE
                and prev not in ("", ",")
                and not (_ROLES.get(prev, 0) & MODAL)
                and not (prev in _OFFER_VERBS_NL or (prev in _KINDS and prev not in _NOUNS))
                and (t not in ("waar", "where") or prev not in ("is", "weet", "know", "vraag"))
            ):
                cut = "relative"
            elif t in _COMPLEMENT and prev not in ("", ",") and nxt in _SUBJECT_AFTER:
                cut = "complement"
            elif t in _INDIRECT_QUESTION and prev in (
                "vraag",
                "vraagt",
                "vragen",
                "weet",
                "weten",
                "ask",
                "asks",
                "asked",
                "know",
                "wonder",
                "benieuwd",
                "over",
                "about",
            ):
                cut = "complement"
            elif (
                t == "of"
                and prev not in ("", ",")
                and nxt in _DUTCH_SUBJECT_ONLY
                and not (i > 1 and words[i - 2] in _ARTICLES and nxt in _ARTICLES)
            ):  # "de huisarts of het ziekenhuis"
                cut = "indirect"
            if cut is not None:
                if i > start:
                    clauses.append((words[start:i], question, opener, s))
                start = i + 1 if t == "," else i
                opener = cut
                if cut == "relative" and t == "die" and prev:
                    # "een meneer die net met pensioen is wil zich melden": the main clause goes on after
                    # the relative clause's verb; give it the antecedent as its subject
                    for k in range(i + 2, min(n - 1, i + 9)):
                        if words[k] in _RELATIVE_END and _ROLES.get(words[k + 1], 0) & MODAL:
                            clauses.append((words[i : k + 1], question, "relative", s))
                            words = words[: k + 1] + [prev] + words[k + 1 :]
                            n = len(words)
                            start, opener = k + 1, "start"
                            break
        if start < n:
            clauses.append((words[start:], question, opener, s))
    return clauses


def _has_specific(words: list[str]) -> bool:
    """Whether the clause names a specific contribution (not only "helpen", "doen", "meld me aan")."""
    for i, w in enumerate(words):
        if w not in _KIND_ANY and len(w) <= 9:
            continue
        k = _kind_of(w, words, i)
        if k is not None and w not in _GENERIC_HELP and w not in _GENERIC:
            return True
    return False


def _particle_after(words: list[str], i: int, particle: str) -> bool:
    """Whether `particle` closes the clause after position i as a separable particle ("ik denk graag mee",
    "knap ik het zelf op"), not as a preposition ("ik sta ingeschreven bij Vlietwonen")."""
    n = len(words)
    for k in range(i + 1, n):
        if words[k] == particle:
            if particle == "mee" or k == n - 1 or words[k + 1] in _AFTER_PARTICLE:
                return True
    return False


def _kind_of(word: str, words: list[str], i: int) -> str | None:
    """The kind a word contributes in its clause, or None (also resolves split separable verbs)."""
    k = _KINDS.get(word)
    if k is not None:
        return k
    if len(word) > 9 and word.endswith(_ACTION_SUFFIXES):
        return "uitvoeren"
    if len(word) > 9 and word.startswith(("meedenk", "klankbord")):
        return "meedenken"  # "meedenkgroep", "klankbordbijeenkomst"
    for particle, kind in _PARTICLE_STEMS.get(word, ()):
        if _particle_after(words, i, particle):
            return kind
    return None


def _clause_kind(words: list[str]) -> str | None:
    """The most specific kind said in the clause: meedenken > organiseren > ruimte_middelen > uitvoeren.

    Resource nouns ("zaal", "gereedschap") make an offer ruimte_middelen only with a giving verb or when
    nothing more specific is said: "ik help in de tuin" is uitvoeren."""
    best, best_rank, generic = None, 9, None
    has_resource = False
    for i, w in enumerate(words):
        m = _MARKERS.get(w)
        if m is None and len(w) > 6 and w.endswith(_RESOURCE_SUFFIXES):
            m = "ruimte_middelen"  # "bovenzaal", "vergaderruimte", "bestelbus"
        if m is None and w not in _KIND_ANY and len(w) <= 9:
            continue
        if m == "ruimte_middelen":
            has_resource = True
        k = _kind_of(w, words, i)
        if k is None:
            k = m
        if k is None or (m == "ruimte_middelen" and k == m and w not in _KINDS):
            continue
        if (w in _GENERIC_HELP or w in _GENERIC) and w not in _GIVING_GOODS:
            generic = generic or k
            continue
        if w in ("schenken", "schenk", "schenkt") and not {"koffie", "thee", "soep"} & set(words):
            k = "ruimte_middelen"
        if _KIND_RANK[k] < best_rank:
            best, best_rank = k, _KIND_RANK[k]
    if (
        best is None
        and generic == "ruimte_middelen"
        and not has_resource
        and not any(w in _GIVING_GOODS for w in words)
    ):
        generic = "uitvoeren"
    if best is None and has_resource and _GENERIC_HELP.isdisjoint(words):
        return "ruimte_middelen"  # "wil daar ruimte maken", "we'd be glad to put up fifty euros"
    return best or generic


def _money(words) -> bool:
    """An amount of money in the clause: "500 euro", "€300" (the tokeniser drops the sign, keeps the number)."""
    return any(
        w in ("euro", "euros", "pounds", "pond") or (w.isdigit() and i > 0 and words[i - 1] in ("€", "eur"))
        for i, w in enumerate(words)
    )


def _community(words) -> bool:
    for w in words:
        if w in _COMMUNITY:
            return True
        if len(w) >= 4 and any(p in w for p in _COMMUNITY_PARTS):
            return True
    return False


def _find_action(words: list[str], roles: list[int], strong: bool, start: int = 0):
    """The contribution in the clause: (position, word, kind), or None.

    Generic words ("doen", "zijn", "bijdragen") count only when the writer is clearly eager (strong);
    everyday verbs ("rijden", "koken") only when eager or when the clause names the community they serve;
    an action noun only when it is not the object of someone else's verb ("de vrijwilligers bedanken")."""
    community = None
    for i, w in enumerate(words):
        if w not in _KIND_ANY and len(w) <= 9 and w != "leren":
            continue
        k = _kind_of(w, words, i) if w != "leren" else "uitvoeren"
        if k is None:
            continue
        if w in _CLAUSE_FINAL_ONLY:
            if i == len(words) - 1 and i > start and (w not in ("bij", "in") or "daar" in words or "er" in words):
                return i, w, k  # "... dan wil ik daar graag bij", "vier mensen willen daarin"
            continue
        if w == "leren":
            if i > start and i + 1 < len(words) and words[i + 1] in _NL_VERBS:
                return i, w, "uitvoeren"  # "de kinderen leren fietsen" is teaching; "Nederlands leren" is not
            continue
        if i > 0 and words[i - 1] in ("laten", "laat", "let") and w not in _NOUNS:
            continue  # "graag laten onderzoeken", "ik laat me ophalen": someone else
        if w in _GENERIC and i <= start:
            continue  # "wij zijn graag bereid ...": the copula, not the contribution
        if w in _GENERIC:
            if strong:
                return i, w, k
            if w in ("bijdragen", "bijdraag", "bijdraagt") and (_community(words) or _money(words)):
                return i, w, k  # "ik wil bijdragen aan het groen in de buurt"
            if w in _GIVING or (
                w in ("geven", "geef", "geeft", "meedoen")
                and (_clause_kind(words) not in (None, "uitvoeren") or not _NOUNS.isdisjoint(words) or w == "meedoen")
            ):
                return i, w, k
            continue
        if w in _AMBIGUOUS and not strong:
            if community is None:
                community = _community(words)
            if not community:
                continue
        if (
            w in _PERSON_NOUNS
            and i > 0
            and words[i - 1] in _DETERMINERS
            and not (i > 1 and words[i - 2] in _PREPOSITIONS)
        ):
            continue  # "ik wil de vrijwilligers bedanken": they are the object
        return i, w, k
    return None


# fmt: off
_OWN_ORGANISATIONS = {"bedrijf", "bedrijfje", "zaak", "winkel", "bakkerij", "kwekerij", "praktijk", "kapsalon",
                      "restaurant", "café", "eetcafé", "moskee", "kerk", "vereniging", "club", "stichting",
                      "kinderopvang", "hotel", "boerderij", "organisatie", "company", "business", "bakery", "shop",
                      "firm", "practice", "church", "mosque", "farm", "organisation", "organization"}
# fmt: on


def _own_organisation(word: str) -> bool:
    """A business, club or congregation the writer speaks for: "mijn bedrijf", "my bakery", "onze moskee"."""
    return word in _OWN_ORGANISATIONS or (
        len(word) > 7
        and word.endswith(
            ("bedrijf", "vereniging", "winkel", "zaak", "praktijk", "club", "kwekerij", "bakkerij", "stichting")
        )
    )


def _subject(words: list[str], roles: list[int], i: int, inherited: str | None = None) -> str | None:
    """Who the cue at position i belongs to: "first" (the writer or their own group), "third" (residents or
    a group in workshop notes), "pronoun" (ze/they), "unknown" (a noun phrase that is neither), or None
    (institution, addressee, someone, nobody, the writer's family)."""
    if roles[i] & FIRST:
        return "first"
    for j in range(i - 1, -1, -1):
        r = roles[j]
        if r & FIRST:
            return "first"
        if (
            r & INSTITUTION
            and j > 0
            and (
                words[j - 1] in _PLACE_PREPOSITIONS
                or (words[j - 1] in _ARTICLES and j > 1 and words[j - 2] in _PLACE_PREPOSITIONS)
            )
        ):
            continue  # "ik heb 30 jaar bij een woningcorporatie gewerkt en wil ..."
        if r & (ADDRESSEE | INSTITUTION):
            return None
        if r & SOMEONE:
            if (
                words[j] in ("iemand", "someone", "somebody")
                and j + 1 < len(words)
                and words[j + 1] in ("van", "uit", "from", "of")
            ):
                return "third"  # "iemand van de Fietsersbond biedt aan ..."
            return None
        if (words[j] in ("mensen", "people") or r & PERSON_GROUP) and j + 1 == i:
            own = any(roles[k] & FIRST for k in range(max(0, j - 4), j)) and any(
                words[k] in ("als", "as", "van", "of", "from", "namens") for k in range(max(0, j - 3), j)
            )
            if own:
                return "first"  # "wij van de scouting kunnen", "wij als ouders gaan"
            break  # "I wish more people would volunteer": their subject
    n = len(words)
    for j in range(i + 1, min(n, i + 3)):
        r = roles[j]
        if r & FIRST:
            return "first"
        if r & (ADDRESSEE | SOMEONE | INSTITUTION) or words[j] in ("mensen", "people"):
            return None
    if (
        i == 1
        and roles[i] & EAGER
        and (words[0] in _PARTICLE_STEMS or words[0] in _KINDS)
        and not words[0].endswith(("t", "en", "ing", "s"))
        and words[0] not in _NOUNS
    ):
        return "first"  # "denk graag mee over de woningbouw": telegram style, "ik" left out
    if i == 0 or (i == 1 and words[0] in ("en", "and", "dan", "then", "ja", "yes", "nou", "oh", "ook", "also")):
        if inherited is not None and (i == 1 or roles[i] & MODAL or words[i] in _OFFER_VERBS_NL):
            return inherited  # "..., en bieden die graag aan": the subject of the clause before
        if words[i] in _IMPLICIT_SUBJECT_CUES:
            return "first"  # "Wil best helpen", "Happy to help", "Would love to join"
        return None
    subject = None
    for j in range(i - 1, -1, -1):
        w = words[j]
        if w in ("mensen", "people", "men") and not (j > 0 and (words[j - 1].isdigit() or words[j - 1] in _COUNTS)):
            return None  # "mensen willen best helpen": people in general
        if w in ("mijn", "my") and j + 1 < i and _own_organisation(words[j + 1]):
            return "first"  # "mijn bedrijf wil de drukkosten betalen", "my bakery will provide"
        if w in ("mijn", "my") or (w in _HOUSEHOLD_SUBJECT and j > 0 and words[j - 1] in ("mijn", "my")):
            return None  # "mijn zoon wil een boomhut bouwen", "mijn buurjongen wil ..."
        if roles[j] & PERSON_GROUP or w.endswith(_GROUP_SUFFIXES):
            subject = subject or "third"
        elif w in _COUNTS and j + 1 < i:
            subject = subject or "third"  # "twee timmerlieden bieden aan"
        elif roles[j] & THIRD_PRONOUN:
            subject = subject or "pronoun"
    if subject is not None:
        return subject
    if words[i - 1] in ("er", "het", "dat", "dit", "there", "it", "this", "wat", "what"):
        return None
    return "unknown"  # "VV Brugvliet wil trainers leveren", "Harmonie X biedt aan"
