"""Person names in resident text, told apart from places, organisations and ordinary capitalised words.

Why not "two capitalised words": residents write "Den Haag", "Albert Heijn", "Tweede Kamer" and "Buurthuis De
Kajuit" far more often than a neighbour's full name, and they write "mvg Pieter", "groetjes, Fatima", "mevr.
El Amrani" and "Zoë" just as often. So a name is found by evidence, and an ordinary phrase is kept by evidence:

Evidence for a name, strongest first
- context: a title or form of address before it ("dhr.", "mevr.", "mw.", "meneer", "mevrouw", "de heer",
  "familie", "wethouder", "Mr", "Mrs", "Dr"), an introduction ("mijn naam is", "ik heet", "ik ben",
  "my name is", "I'm"), a greeting or sign-off ("Beste", "Hoi", "Dear"; "mvg", "groetjes", "gr.", "met
  vriendelijke groet", "liefs", "regards", "cheers"), a relation ("buurman", "mijn zoon", "juf", "opa",
  "my wife"), or initials ("J. de Boer", "A.B. Kuipers");
- lists: a known first name (deduce's Dutch list plus our supplement), followed by particles and a
  surname ("Fatima El Amrani", "Jan-Willem Bakker", "Ayşe Yılmaz"); a capitalised particle with a known
  surname ("De Graaf", "Van der Meer"; "El"/"Al"/"Ben"/"Abu" + any capitalised word); a known surname on
  its own mid-sentence ("die Harmsen") when it is no ordinary word.
At the start of a sentence a known first name counts unless it is also an ordinary word ("Hoop dat", "Wil
de gemeente", "Mei is"); then it needs a surname or a verb after it ("Mark zegt"), or to stand alone as a
signature at the end of the text ("Prima plan. Wim").

Evidence for a public name, which vetoes the above
- the phrase (or a phrase around it) is in `keep`: the municipality's own places, wijken, streets and
  facilities, the built-in list of public organisations, shops, holidays and places ("Albert Heijn", "Rode
  Kruis", "Sinterklaas", "Den Haag"), or a Dutch place name (deduce's list);
- a facility word right before or after it ("Buurthuis De Kajuit", "Zwembad De Wetering", "Café De Zwaan",
  "Jeroen Bosch Ziekenhuis", "Johan Cruijff Court"), or a word ending in a street or facility suffix
  ("Anne Frankschool", "Pieter Zeemanstraat").

Returns character spans covering the name only (never the title, the spaces or the punctuation around it).

Kept as one module: `NameFinder`'s rules read one token stream and weigh each other's evidence (a cue, the
lists, the public-name veto, a contact detail next to it); split over modules, the order in which evidence is
weighed would no longer read in one place. The cue lists themselves are in `name_cues`.

Why one module of ~750 lines: `NameFinder` is one reading of the tokens, in which each kind of evidence above
both depends on and vetoes the others at the same position; the lists it reads are in `name_lists`, the cues in
`name_cues`.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .addresses import _NUMBERED_NOUNS
from .keep import STREET_SUFFIXES, KeepIndex, place_like
from .name_cues import (
    _ABBREVIATION_GAP,
    _AMPERSAND_AFTER,
    _AMPERSAND_BEFORE,
    _COLON_CUES,
    _CONTACT_GAP,
    _CONTACT_LABELS,
    _CUE_GAPS,
    _CUE_INDEX,
    _CUE_WORDS,
    _DAY_AFTER,
    _DETERMINERS,
    _FIRM_ENDING,
    _FOREIGN_INITIALS,
    _FOREIGN_LETTERS,
    _GREETING_HEADS,
    _LOCATION_PREPOSITIONS,
    _NOT_NAMES,
    _PARTICLE_WORDS,
    _PERSON_PREPOSITIONS,
    _PLACE_PREPOSITIONS,
    _POSSESSIVE_BEFORE,
    _POSTCODE_BEFORE,
    _SAINT_BEFORE,
    _TITLE_WORDS,
    _abbreviated_particle,
    _is_cap,
    _is_first_name,
    _is_surname,
)
from .name_lists import (
    ARABIC_PARTICLES,
    LEADING_PARTICLES,
    ambiguous_first_names,
    calendar_words,
    common_words,
    english_first_names,
    first_names_lower,
    function_words,
    particle_surnames,
    places,
    plain_surnames,
    proper_ordinary_words,
    stop_words,
    street_names,
    surnames,
    surnames_lower,
    verb_forms,
)
from .tokens import Tokens


class NameFinder:
    """Finds person names in one language, keeping the phrases of a `KeepIndex` legible."""

    def __init__(self, language: str = "nl", keep: KeepIndex | None = None):
        self.language = language
        self.keep = keep or KeepIndex()
        self.common = common_words(language)
        self.verbs = verb_forms(language)
        self.ambiguous = ambiguous_first_names()
        self.calendar = calendar_words()
        self.function = function_words()
        self.proper_ordinary = proper_ordinary_words()
        self.stop = stop_words()
        self.english_names = english_first_names()
        # Capitalised words that no rule takes without a cue ("Het", "Ik", "The"): skipped at once.
        self.skip = frozenset(w for w in self.function if len(w) > 1) - LEADING_PARTICLES
        # Lower-case first names that are no word of either language ("pieter", "marieke", not "roos", "mark").
        self.lower_first_names = frozenset(
            w
            for w in first_names_lower()
            if len(w) > 2
            and w not in common_words("nl")
            and w not in common_words("en")
            and w not in self.stop
            and w not in self.ambiguous
            and w not in self.calendar
            and not w.endswith("je")
        )  # "maatje", "keetje": diminutives are nouns in lower case

    # ------------------------------------------------------------------------------------------ word tests
    def _common(self, word: str) -> bool:
        lower = word.lower()
        return lower in self.common or lower in self.calendar

    def _ambiguous(self, word: str) -> bool:
        """A first name that is also an ordinary word or a month."""
        lower = word.lower()
        if lower in self.ambiguous or lower in self.calendar or lower in self.stop:
            return True
        return lower in self.common and not (self.language == "en" and lower in self.english_names)

    def _surname_like(self, word: str, after_particle: bool, arabic: bool = False) -> bool:
        """Could `word` (capitalised) be a surname here?"""
        if place_like(word):
            return False
        if after_particle and not arabic:
            return word in particle_surnames() or word in surnames()
        return _is_surname(word) or _is_first_name(word) or not self._common(word)

    # ------------------------------------------------------------------------------------------ reading
    def _particles(self, t: Tokens, j: int, allow_lower: bool) -> int:
        """Index after a run of particles starting at j (j itself if there is none)."""
        k = j
        while k < t.n and (k == j or t.joined(k)) and t.words[k].lower() in _PARTICLE_WORDS and k - j < 3:
            if t.words[k][:1].isupper() and k > j:
                break
            k += 1
        return k

    def _read(self, t: Tokens, i: int, mode: str) -> int | None:
        """End (exclusive token index) of a name starting at token i, or None.

        mode: "title" (a title came before: surnames that are ordinary words count), "strong" (sign-off or
        "mijn naam is": lower case allowed), "context" (greeting), "relation" (relation or role: a surname that
        is also a word counts, "wijkagent Bakker"), "weak" ("ik ben": a known first name must come first),
        "list" (token i is a known first name or surname already).
        """
        words = t.words
        j = i
        while j < t.n and t.is_initial(j) and (j == i or t.joined(j)):
            j += 1
        had_initials = j > i
        allow_lower = mode == "strong"
        first = True
        while j < t.n:
            if j > i and not t.joined(j):
                break
            w = words[j]
            # Particles followed by a surname: "de Vries", "van der Meer", "El Amrani".
            k = self._particles(t, j, allow_lower)
            if k == j:
                k = _abbreviated_particle(t, j)  # "v.d. Berg", "v/d Linden", "vd Meer"
                if k > j:
                    if (
                        k < t.n
                        and _is_cap(words[k])
                        and _ABBREVIATION_GAP.fullmatch(t.gap(k))
                        and self._surname_like(words[k], after_particle=True)
                    ):
                        j = k + 1
                        first = False
                        continue
                    break
            if k > j:
                if k < t.n and t.joined(k) and _is_cap(words[k]) and not t.is_initial(k):
                    arabic = words[j].lower() in ARABIC_PARTICLES
                    if (
                        self._surname_like(words[k], after_particle=True, arabic=arabic)
                        or mode == "title"
                        and first
                        and not place_like(words[k])
                    ):
                        j = k + 1
                        first = False
                        continue
                elif allow_lower and k < t.n and t.joined(k) and words[k].lower() in surnames_lower() and not first:
                    j = k + 1
                    first = False
                    continue
                break
            if _is_cap(w) and not t.is_initial(j):
                if place_like(w) or t.lower[j] in _TITLE_WORDS:
                    break
                if first and not had_initials:
                    ok = (
                        (_is_first_name(w) or _is_surname(w) or not self._common(w))
                        if mode != "weak"
                        else _is_first_name(w)
                    )
                    if mode == "title":
                        ok = True
                    if mode == "context" and self._common(w) and not _is_first_name(w):
                        ok = False  # "Beste Bewoners"
                    if mode == "relation" and self._common(w) and not (_is_first_name(w) or _is_surname(w)):
                        ok = False  # "buurman Visser" and "wijkagent Bakker" are names, "buurman Kerstmis" no
                elif first and had_initials:
                    ok = (
                        _is_surname(w) or not self._common(w) or mode in ("title", "strong") or j - i >= 2
                    )  # "t.n.v. L.M. Brink", "A.B. Kuipers"
                else:
                    ok = _is_first_name(w) or _is_surname(w) or not self._common(w)
                if not ok:
                    break
                j += 1
                first = False
                continue
            if (
                allow_lower
                and w.islower()
                and (w in first_names_lower() and w not in self.common or not first and w in surnames_lower())
            ):
                j += 1
                first = False
                continue
            if (
                first
                and not had_initials
                and mode in ("weak", "context", "relation")
                and w.islower()
                and w in first_names_lower()
                and w not in self.common
                and w not in self.ambiguous
                and w not in self.stop
                and len(w) > 2
            ):
                j += 1  # "ik ben ilse", "mijn buurjongen sem"
                first = False
                continue
            break
        if first:
            return None
        return j

    # ------------------------------------------------------------------------------------------ vetoes
    def _public(self, t: Tokens, a: int, b: int, strong: bool) -> bool:
        """True if tokens a..b-1 are (part of) a public name rather than a person's."""
        keep = self.keep
        if strong:
            return keep.matches(t.phrase(a, b), t.text[t.starts[a] : t.ends[b - 1]])
        text = t.text
        if _SAINT_BEFORE.search(text, max(0, t.starts[a] - 7), t.starts[a]) or _DAY_AFTER.match(text, t.ends[b - 1]):
            return True  # "St. Patrick", "Sint Maarten", "Patrick's Day"
        if (
            _AMPERSAND_AFTER.match(text, t.ends[b - 1])
            or _FIRM_ENDING.match(text, t.ends[b - 1])
            and _AMPERSAND_BEFORE.search(text, max(0, t.starts[a] - 30), t.starts[a])
        ):
            return True  # "Ben & Jerry's", "Jansen & Zn."
        lo, hi = max(0, a - keep.max_tokens + 1), min(t.n, b + keep.max_tokens - 1)
        lowered = t.lower
        firsts, lasts = keep.first_words, keep.last_words
        for s in range(lo, b):
            if lowered[s] not in firsts:
                continue
            for e in range(max(s + 1, a + 1), min(hi, s + keep.max_tokens) + 1):
                if lowered[e - 1] in lasts and keep.matches(t.phrase(s, e), t.text[t.starts[s] : t.ends[e - 1]]):
                    return True
        # Facility word right before ("Buurthuis De Kajuit", "VV Brugvliet") or right after ("Jeroen Bosch
        # Ziekenhuis"), skipping an article.
        p = a - 1
        if p > 0 and t.joined(a) and t.lower[p] in ("de", "het", "'t", "’t", "the") and t.joined(p):
            p -= 1
        if p >= 0 and t.joined(p + 1) and place_like(t.words[p]):
            return True
        if b < t.n and t.joined(b):
            q = b
            while q < t.n - 1 and q - b < 3 and t.words[q].lower() in _PARTICLE_WORDS and t.joined(q + 1):
                q += 1  # "Jacob van Lennepkade"
            if q == b and place_like(t.words[q]):
                return True
            # "Jacob van Lennepkade" is a street named after a person; "Marieke van de Regenboogschool" and
            # "Kees Verhoef van de Kerkstraat" are people from a school and a street.
            particles = " ".join(t.lower[b:q])
            if (
                q > b
                and b - a == 1
                and particles not in ("van de", "van het", "van 't", "uit de", "uit het")
                and t.words[q][:1].isupper()
                and place_like(t.words[q])
                and t.lower[q].endswith(STREET_SUFFIXES)
                and not (t.lower[q] in street_names() and t.phrase(a, q + 1) not in street_names())
            ):
                return True  # ... but "Luuk van Schoolstraat 1b" is Luuk from the Schoolstraat
        if any(place_like(t.words[x]) for x in range(a, b)):
            return True
        phrase = t.phrase(a, b)
        if phrase in places():
            return True
        return False

    # ------------------------------------------------------------------------------------------ main
    def find(self, text: str, tokens: Tokens | None = None) -> list[tuple[int, int]]:
        """Character spans of person names in `text` (`tokens`: its `Tokens`, if already made)."""
        t = tokens if tokens is not None else Tokens(text)
        if t.n == 0:
            return []
        cues = self._cues(t)
        skip = self.skip
        lowered = t.lower
        candidates = [
            i
            for i, w in enumerate(t.words)
            if w[:1].isupper() and lowered[i] not in skip or w in self.lower_first_names
        ]
        if cues:
            candidates = sorted(set(candidates) | set(cues))
        spans: list[tuple[int, int]] = []
        covered = -1
        for i in candidates:
            if i < covered:
                continue
            end = self._candidate(t, i, cues.get(i))
            first = True
            while end is not None:
                if first:
                    # ... and so is one listed before it: "Thanks to Fatou and Linda".
                    before = self._listed_before(t, i, covered)
                    if before is not None:
                        spans.append((t.starts[before], t.ends[i - 2]))
                    first = False
                spans.append((t.starts[i], t.ends[end - 1]))
                covered = end
                # A capitalised word listed with a name is a name too: "Siobhán en Đorđe", "Ans, Riet en X".
                i, end = self._listed_with(t, end)
        return spans

    def _listed_before(self, t: Tokens, i: int, covered: int) -> int | None:
        """Start of an unknown capitalised name right before "en"/"and"/"&" + the name at token i."""
        if (
            i < 2
            or i - 2 < covered
            or t.lower[i - 1] not in ("en", "and", "&")
            or not t.joined(i)
            or not t.joined(i - 1)
        ):
            return None
        k = i - 2
        w = t.words[k]
        lower = t.lower[k]
        if (
            not _is_cap(w)
            or lower in self.common
            or lower in self.function
            or lower in self.stop
            or lower in _NOT_NAMES
            or lower in self.calendar
            or place_like(w)
            or lower in places()
            or t.is_initial(k)
            or t.sentence_start(k)
            and not _is_first_name(w)
        ):
            return None
        if k > 0 and t.joined(k) and _is_cap(t.words[k - 1]) and not t.sentence_start(k - 1):
            return None  # part of a longer capitalised phrase ("Marks and Spencer" is in no list either)
        if self._public(t, k, k + 1, strong=False):
            return None
        return k

    def _public_near_contact(self, t: Tokens, a: int, b: int) -> bool:
        """Like `_public`, but a surname that is also a facility word ("Gerard Bos") may end the name."""
        if b - a > 1 and place_like(t.words[b - 1]) and _is_surname(t.words[b - 1]) and _is_first_name(t.words[a]):
            return self.keep.matches(t.phrase(a, b), t.text[t.starts[a] : t.ends[b - 1]])
        return self._public(t, a, b, strong=False)

    def near_contact(self, t: Tokens, contact: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
        """Names written right before a contact detail, as in a form or a list: "Gerard Bos, 06-...", "Hiroshi
        Sato, hsato@...", "bij karin 06-...", "koffie bij Tiny, Merelstraat 3"."""
        out = []
        for kind, start, _ in contact:
            if kind not in ("email", "phone", "street", "iban"):
                continue
            k = bisect_right(t.ends, start) - 1
            if k < 0 or not _CONTACT_GAP.fullmatch(t.text, t.ends[k], start):
                continue
            labelled = ":" in t.text[t.ends[k] : start]  # "Afzender: ...": a label, unless a known name
            j = k
            while j >= 0 and k - j < 3:
                w, lower = t.words[j], t.lower[j]
                if (
                    lower in _CONTACT_LABELS
                    or lower in self.function
                    or lower in _NOT_NAMES
                    or lower in self.calendar
                    or place_like(w)
                    and not (j < k or _is_surname(w))
                    or w.isupper()
                    and len(w) > 1
                ):
                    break
                if _is_cap(w):
                    ok = (
                        _is_first_name(w)
                        or _is_surname(w)
                        or lower not in self.common
                        and lower not in self.stop
                        and not labelled
                    )
                else:
                    ok = (
                        lower in first_names_lower()
                        and lower not in self.common
                        and lower not in self.stop
                        and j == k
                        and len(w) > 2
                    )
                if not ok:
                    break
                if j < k and lower in _PARTICLE_WORDS:
                    break
                j -= 1
                if j >= 0 and not t.joined(j + 1):
                    break
            j += 1
            # particles inside: "Karin de Wit"
            while j <= k and t.lower[j] in _PARTICLE_WORDS:
                j += 1
            if j > k:
                continue
            if (
                t.sentence_start(j)
                and j == k
                and not _is_first_name(t.words[j])
                and t.lower[j] in surnames_lower()
                and t.lower[j] in self.common
            ):
                continue
            known = any(
                _is_first_name(t.words[x]) or _is_surname(t.words[x]) or t.lower[x] in self.lower_first_names
                for x in range(j, k + 1)
            )
            if not known and not ("," in t.text[t.ends[k] : start] and k > j):
                continue  # "Bel Woonbron 010-...": an unknown word alone is more often an organisation
            if (
                t.phrase(j, k + 1) in places()
                or self._public_near_contact(t, j, k + 1)
                or _POSTCODE_BEFORE.search(t.text, max(0, t.starts[j] - 12), t.starts[j])
            ):
                continue  # "2811 HD Brugvliet, 06-...": the word after a postcode is the town
            out.append((t.starts[j], t.ends[k]))
        return out

    @staticmethod
    def _cues(t: Tokens) -> dict[int, str]:
        """Token index -> kind of cue right before it ("mvg" -> signoff, "mevrouw" -> title, ...)."""
        lowered = t.lower
        if _CUE_WORDS.isdisjoint(lowered):
            return {}
        cues: dict[int, str] = {}
        for i in [i for i, w in enumerate(lowered[:-1]) if w in _CUE_WORDS]:
            for phrase, kind in _CUE_INDEX[lowered[i]]:
                first = i - len(phrase) + 1
                if first < 0 or tuple(lowered[first : i + 1]) != phrase:
                    continue
                if (
                    kind in ("signoff", "greeting")
                    and not t.sentence_start(first)
                    and not (
                        kind == "signoff"
                        and t.n - i - 1 <= 3
                        and t.at_end(t.n)
                        and phrase[-1] in _GREETING_HEADS + ("mvg", "gr", "groet")
                    )
                ):
                    continue  # ... but "app even naar 06-... groet bas" ends with a signature
                gap = t.gap(i + 1).strip()
                if phrase in _COLON_CUES:
                    if not gap.startswith(":"):
                        continue
                elif gap and not set(gap) <= _CUE_GAPS[kind] or "\n\n\n" in t.gap(i + 1):
                    continue
                cues.setdefault(i + 1, kind)
                break
        return cues

    def _candidate(self, t: Tokens, i: int, cue: str | None) -> int | None:
        """End (exclusive token index) of a person name starting at token i, or None."""
        w = t.words[i]
        if cue is not None:
            mode = {
                "title": "title",
                "intro": "strong",
                "signoff": "strong",
                "greeting": "context",
                "relation": "relation",
                "role": "relation",
                "intro_weak": "weak",
            }[cue]
            end = self._read(t, i, mode) if not (cue == "role" and t.lower[i] in _PARTICLE_WORDS) else None
            if end is not None:
                if mode == "title":
                    return end  # "Mevrouw Brink": a title makes it a person, whatever else the word names
                if not self._public(t, i, end, strong=mode == "strong"):
                    return end
        if not w[:1].isupper():
            return self._lower_case_name(t, i)
        words = t.words
        start_of_sentence = t.sentence_start(i)
        # Initials: "J. de Boer", "A.B. Kuipers".
        if t.is_initial(i):
            if (
                i > 0
                and t.joined(i)
                and _is_cap(words[i - 1])
                and not start_of_sentence
                and not _is_first_name(words[i - 1])
            ):
                return None  # "Plan B." / "Groep A."
            end = self._read(t, i, "list")
            if end is not None and end > i + 1 and not self._initials_only(t, i, end):
                if not self._public(t, i, end, strong=False):
                    return end
            return None
        if not _is_cap(w):
            return None
        # A capitalised word that numbers something ("Fase 3", "Groep 8") is no name.
        if i + 1 < t.n and t.lower[i] in _NUMBERED_NOUNS and re.match(r"\s+\d", t.text[t.ends[i] : t.ends[i] + 3]):
            return None
        # A known first name, with whatever surname follows it.
        if _is_first_name(w) and t.lower[i] not in self.function and t.lower[i] not in _NOT_NAMES:
            end = self._read(t, i, "list") or i + 1
            extended = end > i + 1
            if (
                not extended
                and i > 0
                and t.joined(i)
                and t.lower[i - 1] in ("de", "het", "'t", "’t")
                and (i < 2 or not _is_first_name(t.words[i - 2]))
            ):
                return None  # "de Dirk" (a supermarket), "bij de Jumbo": an article makes it a thing
            ambiguous = self._ambiguous(w)
            if w.lower() in self.proper_ordinary and not extended:
                return None
            if start_of_sentence and ambiguous and not extended:
                nxt = t.words[i + 1].lower() if i + 1 < t.n and t.joined(i + 1) else None
                if not (
                    nxt in self.verbs
                    and nxt not in ("is", "was", "are", "de", "het")
                    and t.words[i + 1].islower()
                    or t.at_end(i + 1)
                    and self._alone(t, i)
                    or self._coordinated(t, i)
                ):
                    return None
            if (
                not start_of_sentence
                and ambiguous
                and not extended
                and self.language == "nl"
                and w.lower() in self.common
                and i > 0
                and _is_cap(t.words[i - 1])
                and t.joined(i)
            ):
                return None
            if (
                i > 0
                and t.joined(i)
                and t.lower[i - 1] in _LOCATION_PREPOSITIONS
                and not extended
                and t.lower[i] in places()
            ):
                return None  # "naar Bergen", "in Lisse"
            if (
                ambiguous
                and not extended
                and i > 1
                and _POSSESSIVE_BEFORE.search(t.text, max(0, t.starts[i] - 4), t.starts[i])
                and _is_cap(t.words[i - 2])
                and t.lower[i - 2] not in self.stop
            ):
                return None  # "Patrick's Day"; not "It's Ben here"
            if not self._public(t, i, end, strong=False):
                return end
            return None
        if not _is_first_name(w) and w.lower() not in LEADING_PARTICLES and self._foreign_name(t, i):
            return self._read(t, i, "list") or i + 1
        # A capitalised particle and a known surname: "De Graaf", "Van der Meer", "El Amrani".
        if w.lower() in LEADING_PARTICLES:
            if i > 0 and t.joined(i) and _is_cap(t.words[i - 1]) and not start_of_sentence:
                return None
            k = self._particles(t, i, False)
            if k < t.n and k > i and t.joined(k) and _is_cap(words[k]):
                arabic = w.lower() in ARABIC_PARTICLES
                surname = words[k]
                if (surname in particle_surnames() or arabic and not self._common(surname)) and not place_like(surname):
                    end = self._read(t, i, "list")
                    if end is not None and not self._public(t, i, end, strong=False):
                        return end
            return None
        # A known surname on its own that is no ordinary word: mid-sentence ("die Harmsen"), or at a sentence
        # start before a finite verb ("Jansen heeft gebeld").
        if (
            start_of_sentence
            and w in plain_surnames()
            and not self._common(w)
            and len(w) > 3
            and i + 1 < t.n
            and t.joined(i + 1)
            and t.lower[i + 1] in self.verbs
            and t.words[i + 1].islower()
            and t.lower[i + 1] not in ("is", "was", "zijn", "wordt", "are", "were")
            and not self._public(t, i, i + 1, strong=False)
        ):
            return i + 1
        if (
            not start_of_sentence
            and w in plain_surnames()
            and self._common(w)
            and len(w) > 3
            and i > 0
            and t.joined(i)
            and not _is_cap(t.words[i - 1])
            and t.lower[i - 1] not in _DETERMINERS
            and t.lower[i - 1] not in _LOCATION_PREPOSITIONS
            and not (i + 1 < t.n and t.joined(i + 1) and _is_cap(t.words[i + 1]))
            and w.lower() not in self.proper_ordinary
            and not self._public(t, i, i + 1, strong=False)
        ):
            return i + 1  # "Wie is Bakker eigenlijk?": a capitalised noun mid-sentence is a name in Dutch
        if not start_of_sentence and w in plain_surnames() and not self._common(w) and len(w) > 3:
            if i > 0 and t.joined(i) and (_is_cap(t.words[i - 1]) or t.words[i - 1].lower() in _PARTICLE_WORDS):
                return None
            if i > 1 and t.lower[i - 1] in ("de", "het", "'t", "’t") and t.lower[i - 2] in _PLACE_PREPOSITIONS:
                return None  # "aan de Maas", "bij de Hema"
            if i + 1 < t.n and t.joined(i + 1) and _is_cap(t.words[i + 1]):
                return None
            if i > 0 and t.lower[i - 1] in _LOCATION_PREPOSITIONS:
                return None  # "in Westerhout"
            if not self._public(t, i, i + 1, strong=False):
                return i + 1
        return None

    def _lower_case_name(self, t: Tokens, i: int) -> int | None:
        """A first name written in lower case, with evidence: at a sentence start before a finite verb
        ("marieke zei"), or right after a preposition that takes a person ("met pieter", "bij karin")."""
        w = t.lower[i]
        if w not in self.lower_first_names or not t.words[i].islower():
            return None
        if t.sentence_start(i):
            if (
                i + 1 < t.n
                and t.joined(i + 1)
                and t.lower[i + 1] in self.verbs
                and t.lower[i + 1] not in ("is", "was", "de", "het")
            ):
                return i + 1
            return None
        if i > 0 and t.joined(i) and t.lower[i - 1] in _PERSON_PREPOSITIONS and len(w) > 3:
            return i + 1
        return None

    def _foreign_name(self, t: Tokens, i: int) -> bool:
        """A capitalised word with a letter Dutch spelling does not use ("Đorđe", "Oğuz", "Søren"), that no
        list calls an ordinary word or a place, standing on its own."""
        w = t.words[i]
        lower = t.lower[i]
        if (
            not (_FOREIGN_LETTERS.search(w) or w[:1] in _FOREIGN_INITIALS)
            or lower in self.common
            or lower in self.proper_ordinary
            or lower in places()
            or place_like(w)
        ):
            return False
        if (
            i > 0
            and t.joined(i)
            and (_is_cap(t.words[i - 1]) and not t.sentence_start(i - 1) or t.lower[i - 1] in _LOCATION_PREPOSITIONS)
        ):
            return False
        return not self._public(t, i, i + 1, strong=False)

    def _listed_with(self, t: Tokens, j: int) -> tuple[int, int | None]:
        """(start, end) of an unknown capitalised name right after "en"/"and"/"," following a name at j."""
        if j >= t.n:
            return j, None
        gap = t.gap(j).strip()
        if gap == "," and _is_cap(t.words[j]):
            k = j
        elif not gap and t.lower[j] in ("en", "and", "&") and j + 1 < t.n and t.joined(j + 1):
            k = j + 1
        else:
            return j, None
        w = t.words[k]
        lower = t.lower[k]
        if (
            not _is_cap(w)
            or lower in self.common
            or lower in self.function
            or lower in self.stop
            or lower in _NOT_NAMES
            or place_like(w)
            or t.is_initial(k)
        ):
            return j, None
        end = self._read(t, k, "list")
        if end is None or self._public(t, k, end, strong=False):
            return j, None
        return k, end

    def _coordinated(self, t: Tokens, i: int) -> bool:
        """Token i is listed with a clear first name: "Mark, Linda en Tim", "Maria and José"."""
        j = i + 1
        if j >= t.n:
            return False
        gap = t.gap(j).strip()
        if gap == "," or (not gap and t.words[j].lower() in ("en", "and", "&", "of", "or") and j + 1 < t.n):
            k = j if gap == "," else j + 1
            if k < t.n and t.joined(k) or gap == ",":
                other = t.words[k]
                return _is_first_name(other) and not self._ambiguous(other)
        return False

    @staticmethod
    def _initials_only(t: Tokens, a: int, b: int) -> bool:
        return all(t.is_initial(x) for x in range(a, b))

    @staticmethod
    def _alone(t: Tokens, i: int) -> bool:
        """Token i stands alone in its sentence (a signature: "Prima plan. Wim")."""
        return t.sentence_start(i) and t.at_end(i + 1)
