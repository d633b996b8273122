"""The evidence `names.NameFinder` weighs: cue words before a name, titles, relations, sign-offs, particles,
and the small helpers that read them from the tokens.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .name_lists import (
    common_words,
    first_names,
    surnames,
)
from .tokens import Tokens

# Particles inside a name, lower case; multi-word ones are matched token by token.
_PARTICLE_WORDS = frozenset(
    {
        "van",
        "de",
        "der",
        "den",
        "het",
        "'t",
        "’t",
        "ter",
        "ten",
        "te",
        "von",
        "du",
        "da",
        "di",
        "dos",
        "das",
        "del",
        "della",
        "la",
        "le",
        "el",
        "al",
        "ben",
        "bin",
        "ibn",
        "abu",
        "ait",
        "bou",
        "ould",
        "mac",
        "st",
    }
)
# Words before a capitalised noun that make it a thing, not a person ("de Bakker", "het Bos", "onze Visser").
_DETERMINERS = frozenset(
    "de het een the a an deze die dat dit onze ons mijn jullie hun zijn haar elk elke ieder "
    "iedere geen this that our my your their his her its some any no every naar op aan".split()
)
# Letters of names from other languages that Dutch spelling does not use.
_FOREIGN_LETTERS = re.compile("[ğşıİñøåæđĐžčćśłŁńźżęąőűãõßšřțăœŞÇĞØÅÆŽČĆŚŃŹŻŠŘơưƠƯ\u1e00-\u1eff]")
# Capitals no Dutch or English word starts with ("Ömer", "Ümit", "Çelik").
_FOREIGN_INITIALS = frozenset("ÖÜÇŞÁÍÓÚ")
_LOCATION_PREPOSITIONS = frozenset({"in", "naar", "uit", "te", "richting", "vanuit", "nabij", "near", "into"})
# Prepositions after which "de X" is a place or a shop ("aan de Maas", "bij de Hema"), not "de Vries".
_SAINT_BEFORE = re.compile(r"\b(?:St|Sint|Saint|San|Santa)\.?\s+$")
_DAY_AFTER = re.compile(r"['’]s\s+(?:Day|Dag|Eve|Avond)\b")
# Two capitalised names joined by "&" with a possessive or a company ending: a brand or a firm.
_AMPERSAND_AFTER = re.compile(r"\s*&\s*[A-Z][\w-]*(?:['’]s|\s+(?:Zn|Zonen|Co|Partners)\b)")
_AMPERSAND_BEFORE = re.compile(r"[A-Z][\w-]*\s*&\s*$")
_FIRM_ENDING = re.compile(r"['’]s\b|\s+(?:Zn|Zonen|Co|Partners)\b")
# Between a name and the contact detail after it: "Gerard Bos, 06-...", "karin 06-...", "Tiny (06-...)".
_CONTACT_GAP = re.compile(r"[ \t]*[,:(\-–]?[ \t]*")
# Words that introduce a contact detail and are no name ("Tel 06-...", "WhatsApp 06-...", "Rabobank NL...").
_POSTCODE_BEFORE = re.compile(r"\b[1-9]\d{3}[ \t]?-?[ \t]?[A-Za-z]{2}[ \t]*,?[ \t]*$")
_CONTACT_LABELS = frozenset(
    """afzender ontvanger geadresseerde bezorgadres factuuradres woonplaats sender from
    tel telefoon telefoonnummer telnr mobiel mob gsm nummer nr mail email e-mail mailadres
    emailadres adres adresgegevens postadres woonadres iban rekening rekeningnummer bsn whatsapp app appje sms fax
    bel bellen contact info informatie gegevens rabobank ing abn amro sns asn triodos bunq knab regiobank postbus
    antwoordnummer phone call text ring number account mobile cell home work office website site tnv
    bereikbaar via op""".split()
)
_POSSESSIVE_BEFORE = re.compile(r"\w['’]s\s+$")
# Prepositions before a person: a lower-case first name after one is a name ("met pieter gesproken").
_PERSON_PREPOSITIONS = frozenset("met bij voor door tegen samen with to".split())
_PLACE_PREPOSITIONS = frozenset("aan op in bij naar langs over uit achter onder tegen rond voorbij nabij".split())


def _phrases(*groups: str) -> list[tuple[str, ...]]:
    return [tuple(p.split()) for group in groups for p in group.split("|")]


_GREETING_HEADS = ("groet", "groeten", "groetjes")
_GREETING_MODIFIERS = (
    "",
    "met vriendelijke",
    "vriendelijke",
    "met hartelijke",
    "hartelijke",
    "lieve",
    "warme",
    "zonnige",
    "sportieve",
    "beste",
    "veel",
    "fijne",
    "hele fijne",
    "met een vriendelijke",
    "vr",
    "met vr",
    "met beste",
    "vriendelijk",
    "hartelijk",
)
# Cue phrases by kind, lower case, word by word (punctuation between the words is ignored: "m.v.g.").
_CUE_PHRASES = {
    "signoff": [tuple(f"{m} {h}".split()) for m in _GREETING_MODIFIERS for h in _GREETING_HEADS]
    + [tuple(f"{m} {h} van".split()) for m in ("", "lieve", "hartelijke", "veel") for h in _GREETING_HEADS]
    + _phrases(
        "gr|mvg|m v g|vr gr|vrgr|hgr|liefs|liefs van|veel liefs|doei|xx|xxx|xxxx|namens|bedankt|"
        "alvast bedankt|dank je|dank u|dank jullie|dank je wel|dank u wel|dank jullie wel|regards|"
        "kind regards|best regards|warm regards|warmest regards|many regards|best wishes|best|cheers|"
        "thanks|thanks again|thank you|many thanks|sincerely|yours sincerely|yours faithfully|"
        "yours truly|love|with love|take care"
    ),
    "greeting": _phrases(
        "beste|hoi|hallo|hey|hi|hello|dag|lieve|geachte|dear|goedemorgen|goedemiddag|"
        "goedenavond|good morning|good afternoon|good evening"
    ),
    "intro": _phrases(
        "mijn naam is|ik heet|my name is|naam|name|contactpersoon|contact person|ondergetekende|"
        "namens mij|signed|t n v|tnv|ten name van|ten namen van|op naam van|in the name of"
    ),
    "intro_weak": _phrases("ik ben|ik bn|i am|i'm|i’m|this is|dit is|it s|het is"),
    "title": _phrases(
        "dhr|mevr|mw|mr|mrs|ms|miss|dr|drs|ir|prof|meneer|mevrouw|juffrouw|heer|familie|fam|"
        "wethouder|burgemeester|raadslid|pastoor|dominee|imam|pastor|sir|madam|mister|"
        "mevrouwtje|weduwe|wed"
    ),
    "relation": _phrases(
        "buurman|buurvrouw|buurjongen|buurmeisje|overbuurman|overbuurvrouw|juf|meester|opa|oma|"
        "tante|oom|neef|nicht|zoon|dochter|zoontje|dochtertje|man|vrouw|moeder|vader|mama|"
        "papa|broer|zus|zusje|broertje|partner|vriend|vriendin|vriendje|collega|schoonzoon|"
        "schoondochter|schoonmoeder|schoonvader|kleinzoon|kleindochter|wijkagent|huisarts|"
        "mantelzorger|neighbour|neighbor|son|daughter|wife|husband|mother|mum|mom|father|dad|"
        "brother|sister|friend|colleague|grandma|grandpa|granny|uncle|aunt|teacher|landlord|"
        "landlady|stepson|stepdaughter"
    ),
    # roles of people residents deal with by name ("buurtwerker Said", "Bewoner M. El Idrissi"); unlike a
    # relation, "van" after a role means "of" ("een bewoner van de Oosterwijk")
    "role": _phrases(
        "buurtwerker|jongerenwerker|opbouwwerker|straatcoach|buurtcoach|wijkcoach|wijkverpleegkundige|"
        "huismeester|conciërge|concierge|beheerder|trainer|coach|begeleider|docent|leraar|lerares|"
        "mentor|voorzitter|secretaris|penningmeester|bewoner|buurtbewoner|bewoonster|vrijwilliger|"
        "ambtenaar|klantmanager|consulent|wijkregisseur|boa|agent|postbode|bezorger|"
        "caretaker|volunteer|chairman|chairwoman|chair|coordinator|youth worker"
    ),
}
# kind of cue -> what may stand between the cue and the name
_CUE_GAPS = {
    "signoff": set(",.:;!-–"),
    "greeting": set(","),
    "intro": set(":,."),
    "intro_weak": set(),
    "title": set(".("),
    "relation": set(","),
    "role": set(","),
}
_CUE_INDEX: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _kind, _phrase_list in _CUE_PHRASES.items():
    for _p in _phrase_list:
        _CUE_INDEX.setdefault(_p[-1], []).append((_p, _kind))
for _entries in _CUE_INDEX.values():
    _entries.sort(key=lambda e: -len(e[0]))
_CUE_WORDS = frozenset(_CUE_INDEX)
# Words of greetings, sign-offs and titles: never a name themselves ("Hoi!", "Dr. Emily Chen").
_NOT_NAMES = frozenset(
    w for kind in ("signoff", "greeting", "title", "intro") for p in _CUE_PHRASES[kind] for w in p
) - {"van", "is", "je", "u", "you", "de"}
_TITLE_WORDS = frozenset(p[0] for p in _CUE_PHRASES["title"])
# Single words that are a cue only when a colon follows ("Naam: Irma Sluiter").
_COLON_CUES = frozenset({("naam",), ("name",), ("contactpersoon",), ("contact", "person")})


@lru_cache(maxsize=200_000)
def _is_first_name(word: str) -> bool:
    if word in first_names():
        return True
    if "-" in word:
        parts = word.split("-")
        return all(p in first_names() for p in parts)
    return False


@lru_cache(maxsize=200_000)
def _is_surname(word: str) -> bool:
    if word in surnames():
        return True
    if "-" in word:
        return all(p in surnames() or p[:1].isupper() and p.lower() not in common_words("nl") for p in word.split("-"))
    return False


_ABBREVIATION_GAP = re.compile(r"\.?[ \t]*")


def _abbreviated_particle(t: Tokens, j: int) -> int:
    """Index after an abbreviated "van de(r/n)" at token j ("v.d.", "v/d", "vd", "vdr", "v."), or j."""
    lower = t.lower[j]
    if lower in ("vd", "vdr", "vdn") and t.words[j].islower():
        return j + 1
    if lower == "v" and t.words[j] == "v" and j + 1 < t.n:
        gap = t.text[t.ends[j] : t.starts[j + 1]]
        if gap in (".", "/", ". ") and t.lower[j + 1] in ("d", "der", "den", "de"):
            return j + 2
        if gap == ". ":
            return j + 1  # "v. Dijk"
    return j


def _is_cap(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or not word.isupper())
