"""Addresses in free text: postcodes and street + house number, in every notation residents use.

Street names by suffix, by the Dutch street list that `deduce` ships (any case, particles and years inside),
in English, or any name after an address cue; house numbers with additions; postcodes in any case and
separator. Each pattern is anchored on what makes the item an address, so that years, amounts, units, times,
dates, bus lines and numbered things ("groep 8", "Fase 3") stay. See `contact` for the other kinds.

Why one module of ~530 lines: street + number and postcode detection decide together (a postcode after a
street is part of the address; a year after a name is not a number), on the same cue patterns and token spans.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from .name_lists import calendar_words, common_words, function_words, places, plural_nouns, street_names
from .tokens import Tokens

Span = tuple[str, int, int]

# ---------------------------------------------------------------------------------------------- postcode
# Four digits (not starting with 0) and two letters, with nothing, a space or a hyphen between, in any case;
# a house number may follow ("9741 AB-23", "2811AB12").
_POSTCODE = re.compile(
    r"(?<![\w.,/-])([1-9]\d{3})([ \t\u00a0]{0,2}[-–]?[ \t\u00a0]{0,2})([A-Za-z]{2})"
    r"(?![^\W\d_])(?!-[^\W\d_])"
)
# Two letters after four digits that are a word: a postcode in lower case only where the context says so
# ("postcode 2811 en", "Dorpsweg 2, 2811 en Brugvliet"), never in "in 2024 en 2025".
_WORD_LETTERS = frozenset(
    "en in op is om te ik we ze je de al zo na ja of nu er af uw ga ha he hé oh ok eh ie la le ma pa me mn zn da "
    "du re ta tv wc bv oa jl vd nl an at as be by do go if it my no on or so to up us vs ad bc ff ps gr dr mr nr "
    "pp ct".split()
)
# Two letters after four digits that are a unit or an abbreviation ("1000 kg", "2500 mg", "1250 pm"): a postcode
# only with context, also when a place follows ("3012 kb Rotterdam").
_UNIT_LETTERS = frozenset(
    "km kg cm mm ml cl dl mg cc ha kw mw mb gb kb tb pk hp hz db nm st uu tm eu am pm pj pd wk jr hr ca".split()
)
_POSTCODE_CUE = re.compile(
    r"(?:post\s?code|pc|zip\s?code|zip|postal\s?code|adres|address)\b[\s:.,]*(?:is\s*)?:?\s*$", re.IGNORECASE
)
_PLACE_AFTER = re.compile(r"[ \t\u00a0]*,?[ \t\u00a0]*([A-Z][^\W\d_]+(?:[- ][A-Z][^\W\d_]+)?)")

# ---------------------------------------------------------------------------------------------- street
_STREET_SUFFIXES = (
    "straat",
    "laan",
    "weg",
    "plein",
    "singel",
    "gracht",
    "kade",
    "dijk",
    "hof",
    "pad",
    "steeg",
    "dreef",
    "park",
    "baan",
    "plantsoen",
    "markt",
    "wal",
    "erf",
    "veld",
    "zijde",
    "ring",
    "haven",
    "brink",
    "dam",
    "akker",
    "weide",
    "boulevard",
    "promenade",
    "passage",
    "allee",
    "hoven",
    "straatje",
    "pleintje",
    "kaai",
    "burcht",
    "gaarde",
    "lei",
    "oord",
    "tuin",
    "laantje",
    "weegje",
    "hofje",
    "gang",
    "schans",
    "wijk",
    "horst",
    "berg",
    "rade",
    "donk",
)
# Words that may stand before a suffixed street name as part of it ("Korte Nieuwstraat", "Prins Hendrikkade",
# "Eerste Constantijn Huygensstraat", "Van 't Hoffstraat").
_STREET_PREFIX_WORDS = frozenset(
    "oude nieuwe korte lange grote kleine hoge lage achter voor binnen buiten noord "
    "zuid oost west prins prinses koning koningin burgemeester dokter pastoor "
    "graaf gravin hertog hertogin keizer keizerin generaal kapitein admiraal "
    "sint st van de der den het 't ’t ter ten eerste tweede derde vierde vijfde "
    "verlengde".split()
)
# Abbreviated titles that end with a full stop inside a street name ("Dr. Schaepmanstraat", "Burg. de Withstraat").
_STREET_TITLES = frozenset("dr mr st burg prof ir ds mgr gen kard pres ing drs".split())
# A number that may be a house number: not part of an amount, a date, a time, a decimal or a longer number.
_DIGIT_RUN = re.compile(r"(?<![\d,:/€$£+-])\d{1,4}(?!\d)")
_NR_DOT = re.compile(r"(?:nr|no)\.$", re.IGNORECASE)
_ABBREVIATED_BEFORE = re.compile(r"[^\W\d_]{2,}(?:str|ln|pln)\.$", re.IGNORECASE)
_GLUED_STREET = re.compile(r"[^\W\d_]{3,}(?:straat|laan|weg|plein|singel|gracht|kade|dijk|str\.|ln\.)$", re.IGNORECASE)
# The house number with its addition: "12a", "14 B", "14-b", "101-A", "23-2", "17-2hg", "88 III", "23-II",
# "301-hs", "54 hs", "12-bis", "9bis", "4 zw", "33 zwart", "2/4", "16 A-1".
_HOUSE_TAIL = re.compile(
    r"\d{1,4}(?:"
    r"[ \t]?-?[ \t]?(?i:hs|bis|zw|hg|bg)(?![\w])|-(?i:huis|boven|beneden|rood)(?![\w])"
    r"|[ \t](?i:zwart|rood|huis)(?![\w])"
    r"|[ \t]?-[ \t]?(?:I{1,3}|IV)(?![\w])|[ \t](?:I{2,3}|IV)(?![\w])"
    r"|[ \t]?-[ \t]?\d{1,3}(?:[ \t]?(?i:hg|hoog|h)|[a-zA-Z])?(?![\w/])"
    r"|[ \t]?-[ \t]?[A-Za-z]{1,2}(?:-\d{1,2})?(?![\w/])"
    r"|[a-zA-Z](?:-\d{1,2})?(?![\w/])"
    r"|[ \t][a-zA-Z](?:-\d{1,2})?(?![\w/’'.-])"
    r"|/\d{1,3}[a-zA-Z]?(?![\w/])"
    r")?(?![\d,.:]\d|[\w%])"
)
# "nr", "nr.", "no.", "nummer", "huisnummer" between the street name and the number ("Kastanjelaan nr. 9").
_NUMBER_WORD_BEFORE = re.compile(r"(?<![\w.])(?:nr|no|nummer|huisnummer|huisnr|hnr)\.?[ \t]?$", re.IGNORECASE)
_ABBREVIATED_SUFFIXES = ("str", "ln", "pln")  # "Kerkstr. 5", "Stationsln 3"
# A number followed by a unit or a counted noun is no house number ("Rietlanden 34 graden", "ringweg 80 maken");
# plural nouns from the lexicon count too ("op de Brink 3 bankjes").
_COUNTED = re.compile(
    r"[ \t]*(?:graden|°|km|kilometer|meter|m|cm|mm|procent|%|euro|€|jaar|jaren|keer|minuten|min|uur|"
    r"personen|mensen|woningen|huizen|kinderen|stuks|dagen|weken|maanden|kg|kilo|liter|ton|leden|"
    r"auto'?s|bussen|bomen|plaatsen|km/u|kmh|per|x|degrees|years|minutes|hours|people|"
    r"houses|homes|mph|more|less|times)\b",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")
# "op de ringweg 80 rijden": a speed, not a house number.
_SPEED_VERBS = frozenset("rijden rijdt reed reden maken gaan mag mogen hard".split())
_ANY_DIGIT = re.compile(r"\d")
# English: "12 Baker Street", "221B Baker Street", "Flat 2, 10 Elm Court", "5 The Crescent"; and the Dutch
# order residents also use ("Church Road 14").
_EN_STREET_WORDS = frozenset(
    "Street St Road Rd Avenue Ave Lane Drive Close Way Court Place Crescent Terrace Square "
    "Gardens Grove Row Hill Mews Walk Parade Rise View Green Park Boulevard".split()
)
_EN_STREET = re.compile(
    r"(?<![\w,.-])(?:(?:Flat|Apartment|Apt\.?|Unit)[ \t]+\d{1,4}[A-Za-z]?,?[ \t]+)?\d{1,4}[A-Za-z]?[ \t]+"
    r"(?:(?:The|[A-Z][\w'’-]*)[ \t]+){0,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Drive|Close|Way|Court|Place|"
    r"Crescent|Terrace|Square|Gardens|Grove|Row|Hill|Mews|Walk|Parade|Rise)\b"
)
# Number first, one capitalised word that ends like an English street ("221 Kingsway", "4 Highgate"), or any
# capitalised words when a postcode or an address cue follows or precedes.
_EN_NUMBER_FIRST = re.compile(
    r"(?<![\w,.-])(?:(?:Flat|Apartment|Apt\.?|Unit)[ \t]+\d{1,4}[A-Za-z]?,?[ \t]+)?\d{1,4}[A-Za-z]?[ \t]+"
    r"((?:The[ \t]+)?[A-Z][a-z][\w'’-]*(?:[ \t]+[A-Z][a-z][\w'’-]*){0,2})(?![\w'’-])"
)
_EN_SUFFIX = re.compile(r"(?:way|gate|street|road|lane|walk|mews|parade|rise|row|side|field|hill)$")
# Nouns that number things other than houses ("lijn 12", "groep 8", "fase 2", "Bijlage 2").
_NUMBERED_NOUNS = frozenset(
    "lijn buslijn bus tram metro groep fase week hoofdstuk artikel bijlage kamer zaal perron stap punt vraag "
    "optie variant route nummer klas jaar dag uur ronde seizoen niveau type model versie deel blok pand "
    "bouwnummer kavel gebouw verdieping etage afrit afslag sectie spoor halte dienst team zone gebied regio "
    "noord zuid oost west pagina pag blz paragraaf stelling thema vak veld tafel plek plaats ingang uitgang "
    "hal poort school basisschool speeltuin covid corona windows iphone samsung top tip les module lokaal "
    "line bus route group phase week chapter article room page step question option level year day hour "
    "unit flat apartment gate platform number studio radio npo rtl sbs net nederland ned tv kanaal "
    "channel ps playstation xbox fifa android ios galaxy pixel office python stage studio level "
    "editie ek wk formule categorie klasse divisie ronde set game match wedstrijd speeldag "
    "prijs nummer plaats rang podium hoofdprijs editie dag nacht avond ochtend middag postcode pc huisnummer "
    "telefoon telefoonnummer tel mobiel bsn iban rekening rekeningnummer postbus antwoordnummer wijk toren "
    "sector district kwadrant cluster vleugel portiek trap galerij lift woonlaag junction block tower "
    "wing".split()
)
# Before a street + number without a suffix or a list entry: an address cue ("woon op", "adres:", "ter hoogte
# van", "bewoners van") makes any capitalised name a street; a plain preposition ("op", "aan", "bij") only a
# name that is no ordinary word, no place and no year. "wonen … aan/op" counts within one clause only ("… woont
# alleen, las ik in de Wijkmonitor 2022" is no address).
_STRONG_CUE = re.compile(
    r"(?:\b(?:woon\w*|wonen\w*|gewoond|verhuis\w*|live[sd]?|living|moved)\b(?:[^.!?\n;,]{0,30}?"
    r"\b(?:aan|op|in|at|on|to|naar))?|\b(?:adres\w*|afzender|address|bezorg\w*|ophalen|t\.h\.v|thv|"
    r"ter hoogte van|(?:woning|huis|pand|appartement|bovenwoning|benedenwoning)\s+(?:op|aan)|bewon\w* van|"
    r"(?:over)?buren van|buurman van|buurvrouw van|residents? of|neighbou?rs? at|"
    r"hoek van|hoek|kruising van|kruising met|outside)[\s:,.]*(?:is[\s:]*)?(?:(?:aan|op|in|naar|bij|at|on|to)\s+)?)"
    r"[\s:,.]*(?:(?:de|het|'t|’t|the)\s+)?$",
    re.IGNORECASE,
)
_WEAK_CUE = re.compile(
    r"\b(?:op|aan|bij|naar|naast|tegenover|nabij|vanaf|achter|voor|at|on|to|from|near)\s+"
    r"(?:(?:de|het|'t|’t|the)\s+)?$",
    re.IGNORECASE,
)
_POSTCODE_AFTER = re.compile(r"[ \t]*,?[ \t]*[1-9]\d{3}[ \t]?-?[ \t]?[A-Za-z]{2}(?![^\W\d_])")
_LIST_WORD = re.compile(r"\S+")
_LIST_WORD_END = re.compile(r"[,;:!?()\"“”«»]")
_PARTICLES_IN_STREETS = frozenset("van de der den het 't ’t ter ten op aan in bij onder over".split())


_COORDINATED = re.compile(r"\s*(?:,|en|of|and|or|&|t/m|tot|/)?\s*", re.IGNORECASE)


def _cue(text: str, start: int, after: int = -1) -> str | None:
    """'strong', 'weak' or None: what stands right before a street name starting at `start`. `after`: the end
    of a street + number found just before ("Achterom 5 en Achterom 7")."""
    if 0 <= after <= start and _COORDINATED.fullmatch(text, after, start):
        return "strong"
    before = text[max(0, start - 60) : start]
    if _STRONG_CUE.search(before):
        return "strong"
    if _WEAK_CUE.search(before):
        return "weak"
    return None


def _lexical_street(word: str, language: str) -> bool:
    """True if a suffix-matched word names a street rather than a common noun ("kerkpad" yes, "fietspad" no)."""
    lower = word.lower()
    if lower in _NUMBERED_NOUNS:
        return False
    if word[:1].isupper():
        return True
    if lower in _STREET_SUFFIXES or len(lower) < 6:
        return False
    return lower not in common_words(language)


def _joined_in_street(t: Tokens, j: int) -> bool:
    """Token j-1 and j belong to one street name: spaces between, an initial's dot, or an abbreviated title's
    dot ("Dr. Schaepmanstraat", "P.C. Hooftstraat")."""
    if t.joined(j):
        return True
    if j <= 0 or j >= t.n:
        return False
    gap = t.text[t.ends[j - 1] : t.starts[j]]
    return gap.strip(" \t") == "." and gap[0] == "." and (t.lower[j - 1] in _STREET_TITLES or len(t.words[j - 1]) == 1)


def _suffixed_start(t: Tokens, k: int, language: str, common: frozenset[str]) -> int | None:
    """Start of a street name whose last word (token k) has a street suffix ("Burgemeester de Withstraat")."""
    if not (t.lower[k].endswith(_STREET_SUFFIXES + _ABBREVIATED_SUFFIXES) and _lexical_street(t.words[k], language)):
        return None
    j = k
    while j > 0 and k - j < 4 and _joined_in_street(t, j):
        prev = t.words[j - 1]
        lower = prev.lower()
        if (
            prev[:1].isupper()
            and (lower not in common or lower in _STREET_PREFIX_WORDS or lower in _STREET_TITLES)
            and not (t.sentence_start(j - 1) and lower in common and lower not in _STREET_PREFIX_WORDS)
        ):
            j -= 1
        elif (
            lower in _STREET_PREFIX_WORDS
            and prev.islower()
            and j > 1
            and _joined_in_street(t, j - 1)
            and t.words[j - 2][:1].isupper()
            and t.words[j - 2].lower() not in common
            and not (
                t.phrase(j, k + 1) in street_names() and t.phrase(j - 2, k + 1) not in street_names() and lower == "van"
            )
        ):
            j -= 2  # "Burgemeester de Withstraat", "Jan van Galenstraat"; not "Luuk van Schoolstraat 1b"
        elif lower in ("'t", "’t") and j > 1 and _joined_in_street(t, j - 1) and t.words[j - 2][:1].isupper():
            j -= 2  # "Van 't Hoffstraat"
        else:
            break
    return t.starts[j]


def _english_order_start(t: Tokens, k: int) -> int | None:
    """ "Church Road 14", "Elm Court 3": capitalised words ending in an English street word, then the number."""
    if t.words[k] not in _EN_STREET_WORDS or k == 0 or not t.joined(k):
        return None
    j = k
    while (
        j > 0 and k - j < 3 and t.joined(j) and t.words[j - 1][:1].isupper() and t.lower[j - 1] not in function_words()
    ):
        j -= 1
    return t.starts[j] if j < k else None


def _listed_start(text: str, name_end: int, common: frozenset[str], year: bool, after: int) -> int | None:
    """Start of the longest Dutch street name (deduce's BAG list, any case) ending at `name_end`: "Brink",
    "Laan van Meerdervoort", "Plein 1944", "Laan 1940-1945", "18 Septemberplein", "noordeinde"."""
    line_start = text.rfind("\n", 0, name_end) + 1
    words = []
    for m in _LIST_WORD.finditer(text, max(line_start, name_end - 70), name_end):
        words.append((m.start(), m.group()))
    # Only the words after the last punctuation that cannot be inside a street name.
    for x in range(len(words) - 1, -1, -1):
        w = words[x][1]
        if (
            _LIST_WORD_END.search(w[:-1] if x == len(words) - 1 else w)
            or w.endswith(".")
            and x < len(words) - 1
            and len(w) > 6
        ):
            words = words[x + 1 :]
            break
    listed = street_names()
    for n in range(min(6, len(words)), 0, -1):
        part = [w for _, w in words[-n:]]
        phrase = " ".join(part).lower()
        if phrase not in listed:
            continue
        start = words[-n][0]
        if n > 1 and part[0] in ("de", "het", "'t", "’t"):
            # "aan het kerkpad 7", "op de korverstoep 28": a lower-case article stays outside the span
            start = words[-n + 1][0]
            part = part[1:]
        lowered = [w.lower().strip(".") for w in part]
        if len(part) == 1 and (lowered[0] in _NUMBERED_NOUNS or lowered[0] in calendar_words()):
            return None  # "Groep 8", "Mei 2024"; but "Spoorlaan Noord 42" is a street
        cue = _cue(text, start, after)
        if year and cue != "strong":
            return None  # "Molenweide 2022" is a plan, "Koningsdag 2024" a day
        sentence_start = start == line_start or re.search(r"[.!?:;(\"“]\s*$", text[max(0, start - 3) : start])
        content = [w for w in lowered if w not in _PARTICLES_IN_STREETS and not w[:1].isdigit()]
        ordinary = all(w in common for w in content)
        capitalised = any(w[:1].isupper() for w in part)
        if len(part) == 1:
            if capitalised and (cue or not ordinary and not sentence_start):
                return start
            if not capitalised and cue and not ordinary:
                return start  # "op noordeinde 41"
            return None
        if ordinary and not cue:
            return None  # "op de was 3" is a street somewhere, but here it is ordinary text
        if capitalised or cue or not ordinary and lowered[-1] not in common:
            return start
        return None
    return None


def _generic_start(
    text: str, t: Tokens, k: int, year: bool, common: frozenset[str], after: int, nr: bool = False
) -> int | None:
    """Any name before a house number that neither a suffix nor the list makes a street: capitalised (1-4 words,
    particles inside: "Hofje van Wouw", "Heuvelrug") after an address cue, or after a plain preposition when no
    word is ordinary; in lower case or capitals ("akkermaten 95", "MYCENE 120") only after an address cue
    ("adres is", "woont", "verhuisd naar", "ter hoogte van") or with "nr"."""
    if t.lower[k] in _NUMBERED_NOUNS or t.lower[k] in calendar_words() or t.lower[k] in function_words():
        return None
    if t.words[k][:1].isupper() and not (t.words[k].isupper() and len(t.words[k]) > 1):
        j = k
        while (
            j > 0
            and k - j < 4
            and t.joined(j)
            and (
                t.words[j - 1][:1].isupper()
                or t.lower[j - 1] in _PARTICLES_IN_STREETS
                and j - 1 > 0
                and t.joined(j - 1)
                and t.words[j - 2][:1].isupper()
            )
        ):
            j -= 1
        while j < k and not t.words[j][:1].isupper():
            j += 1
        words = t.words[j : k + 1]
        lowered = t.lower[j : k + 1]
        if lowered[0] in function_words() or any(w.isupper() and len(w) > 1 for w in words):
            return None
        start = t.starts[j]
        cue = _cue(text, start, after)
        if year and cue != "strong":
            return None  # a year ("Pinkpop 2023", "Koningsdag 2024")
        content = [w for w in lowered if w not in _PARTICLES_IN_STREETS]
        if any(w in places() for w in content) or t.phrase(j, k + 1) in places():
            return None  # "naar Utrecht 2 jaar geleden"; a street named after a place is in the list
        if (cue == "strong" or nr and cue == "weak") and not all(w in common for w in content):
            return start  # "ter hoogte van Heuvelrug 26"; not "in Wijk 5" (an ordinary word is in the list if
            # it is a street: "Achterom")
        if cue == "weak" and not t.sentence_start(j) and not any(w in common or w in function_words() for w in content):
            return start
        return None
    # Lower case or capitals: only words that are no ordinary word, and only after an address cue.
    if year or len(t.words[k]) < 4:
        return None
    j = k
    while (
        j > 0
        and k - j < 3
        and t.joined(j)
        and len(t.words[j - 1]) > 2
        and t.lower[j - 1] not in common
        and t.lower[j - 1] not in function_words()
        and (t.words[j - 1].islower() == t.words[k].islower())
    ):
        j -= 1
    if any(t.lower[x] in common for x in range(j, k + 1)):
        return None
    cue = _cue(text, t.starts[j], after)
    if cue == "strong" or nr and cue == "weak":
        return t.starts[j]
    return None


def streets(text: str, language: str = "nl", tokens: Tokens | None = None) -> Iterator[Span]:
    """Street + house number: suffixed names ("kerkpad 7", "Burgemeester de Withstraat 61"), listed names in
    any case ("Brink 4", "laan van meerdervoort 233", "Plein 1944 nr 3"), English names ("12 Baker Street",
    "Church Road 14", "221 Kingsway, 3012 KB"), and other capitalised names where an address cue precedes
    ("ter hoogte van Heuvelrug 26") or a postcode follows."""
    t = tokens if tokens is not None else Tokens(text)
    common = common_words(language)
    plurals = plural_nouns(language)
    after = -1
    for m in _DIGIT_RUN.finditer(text):
        p = m.start()
        if (
            p
            and text[p - 1] == "."
            and not _NR_DOT.search(text, max(0, p - 3), p)
            and not _ABBREVIATED_BEFORE.search(text, max(0, p - 12), p)
        ):
            continue
        tail = _HOUSE_TAIL.match(text, p)
        if tail is None or _POSTCODE.match(text, p):
            continue
        end = tail.end()
        if _COUNTED.match(text, end):
            continue
        nxt = _NEXT_WORD.match(text, end)
        if nxt and (
            nxt.group(1) in plurals
            or nxt.group(1) in _SPEED_VERBS
            and end - p <= 3
            and m.group() in ("30", "50", "60", "70", "80", "100", "120", "130")
        ):
            continue  # "3 bankjes", "80 rijden"
        head = p
        nr = _NUMBER_WORD_BEFORE.search(text, max(0, p - 12), p)
        if nr:
            head = nr.start()
        name_end = head
        while name_end > 0 and text[name_end - 1] in " \t\u00a0":
            name_end -= 1
        if name_end == head and not (nr and p > head):
            glued = _GLUED_STREET.search(text, max(0, p - 40), p)
            if glued is None:
                continue  # "A12", "N201": no space before the number
            # "Kerkstr.12", "Kerkstraat12": a street suffix right before the number
        if name_end == 0:
            continue
        starts = []
        digits = m.group()
        year = len(digits) == 4 and 1800 <= int(digits) <= 2099 and end - p == 4 and not nr
        listed = _listed_start(text, name_end, common, year, after)
        if listed is not None:
            starts.append(listed)
        k = bisect_right(t.ends, name_end) - 1
        if k >= 0 and t.ends[k] == name_end:
            word_end = True
        elif (
            k >= 0
            and text[name_end - 1] == "."
            and t.ends[k] == name_end - 1
            and t.lower[k].endswith(_ABBREVIATED_SUFFIXES)
        ):
            word_end = True  # "Kerkstr. 5"
        else:
            word_end = False
        if word_end:
            for found in (_suffixed_start(t, k, language, common), _english_order_start(t, k)):
                if found is not None and not (
                    year and _cue(text, found, after) != "strong" and not _POSTCODE_AFTER.match(text, end)
                ):
                    starts.append(found)
            if not starts:
                found = _generic_start(text, t, k, year, common, after, nr is not None)
                if (
                    found is None
                    and _POSTCODE_AFTER.match(text, end)
                    and t.words[k][:1].isupper()
                    and t.lower[k] not in _NUMBERED_NOUNS
                    and t.lower[k] not in function_words()
                ):
                    found = _generic_start(text, t, k, False, frozenset(), end) or t.starts[k]
                if found is not None:
                    starts.append(found)
        if starts:
            start = min(starts)
            ordinal = re.search(r"(?<![\w.,])\d{1,2}(?:e|ste|de)[ \t]+$", text[max(0, start - 6) : start])
            if ordinal:
                start -= len(ordinal.group())  # "2e Jan Steenstraat"
            after = end
            yield "street", start, end
    if language == "en" or not _EN_STREET_WORDS.isdisjoint(t.words):
        for m in _EN_STREET.finditer(text):
            yield "street", m.start(), m.end()
    if language == "en":
        for m in _EN_NUMBER_FIRST.finditer(text):
            name = m.group(1)
            last = name.split()[-1]
            if last.lower() in calendar_words() or last.lower() in _NUMBERED_NOUNS:
                continue
            if (
                _EN_SUFFIX.search(last.lower())
                and len(last) > 4
                or _POSTCODE_AFTER.match(text, m.end())
                or _cue(text, m.start()) == "strong"
            ):
                yield "street", m.start(), m.end()


def postcodes(text: str, streets_before: frozenset[int] = frozenset()) -> Iterator[Span]:
    """Dutch postcodes ("2811 AB", "2811ab", "2811-ab", "9741 AB-23", "3012 kb Rotterdam"); not "in 2024 en",
    "1500 km" or "2500 mg". `streets_before`: end positions of street + number spans (an address line)."""
    for m in _POSTCODE.finditer(text):
        letters = m.group(3)
        lower = letters.lower()
        word, unit = lower in _WORD_LETTERS, lower in _UNIT_LETTERS
        if not (word or unit) or letters.isupper() and not unit:
            yield "postcode", m.start(), m.end()
            continue
        start = m.start()
        before = text[max(0, start - 30) : start]
        context = bool(_POSTCODE_CUE.search(before)) or any(
            e <= start and not text[e:start].strip(" \t\u00a0,") for e in streets_before
        )
        if not context:
            after = _PLACE_AFTER.match(text, m.end())
            if (
                after
                and (after.group(1).lower() in places() or unit and after.group(1).lower() not in common_words("nl"))
                and not (word and 1800 <= int(m.group(1)) <= 2099)
            ):
                context = True  # "3012 kb Rotterdam", "6607 we Tilburg"; not "in 2024 en Utrecht"
        if context:
            yield "postcode", m.start(), m.end()
