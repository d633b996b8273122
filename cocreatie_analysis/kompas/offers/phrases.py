"""Multi-word expressions and closed word classes of the offer detector, as regular expressions and sets.

An expression is tried only where one of its rarer words occurs, so most texts cost a set intersection, not a
regular-expression search. Which rule or feature uses each expression is said at its use.
"""

from __future__ import annotations

import re
from importlib import resources

from .lexicon import (
    _ACTIONS,
    _GENERIC,
    _KINDS,
    _NOUNS,
    _OFFER_VERBS_EN,
    _OFFER_VERBS_NL,
    _PARTICLE_STEMS,
    _ROLES,
    _SIGNUP,
    EAGER,
    FIRST,
    FIRST_OBJ,
    MODAL,
    RHETORIC,
    _nl_forms,
)

# fmt: off
_COMMERCIAL_RE = re.compile(
    r"\b(?:offerte|uurtarief|tegen\s+betaling|tegen\s+(?:een\s+)?(?:kleine\s+)?vergoeding|"
    r"korting|vrijblijvend|quote|(?:competitive|reasonable|low|good|fair)\s+(?:rates?|prices?)|fee|fees|discount|"
    r"per\s+hour|per\s+uur|betaald\s+(?:krijg|krijgen|word|worden)|(?:get|getting|am|are)\s+paid|"
    r"(?:scherpe?|lage?|gereduceerd\w*|vast\w*)\s+(?:prijs|tarief))\b|€\s*\d+[,.]?\d*\s*(?:per|p/?u)")
_FREE_RE = re.compile(r"\b(?:gratis|kosteloos|pro\s+deo|vrijwillig\w*|for\s+free|free\s+of\s+charge|"
                      r"(?:niks|niets)\s+voor)\b")
# "het lijkt me leuk om ...", "ik zou het leuk vinden om ...": the writer's own willingness.
_EAGER_PHRASE_RE = re.compile(
    r"\b(?:lijkt\s+(?:me|mij|ons)\s+(?:\w+\s+)?(?:leuk|mooi|fijn|geweldig|prachtig|heerlijk|wat)|"
    r"(?:vind|vinden)\s+(?:het|ik|we)\s+(?:\w+\s+)?(?:leuk|mooi|fijn)\s+om|"
    r"zou(?:den)?\s+(?:het|ik|we)\s+(?:\w+\s+){0,2}(?:leuk|mooi|fijn)\s+vinden\s+om|"
    r"zin\s+om)")
# "ik ben van de partij", "daar ben ik voor te porren", "ik sta open voor een rol", "I'm up for it": willing to
# join, an offer by themselves.
_JOIN_PHRASE_RE = re.compile(
    r"\b(?:(?:ben|zijn)\s+(?:ik|we|wij)?\s*(?:\w+\s+){0,2}(?:te\s+porren|voor\s+te\s+vinden|van\s+de\s+partij)|"
    r"(?:ik|we|wij)\s+(?:sta|staan)\s+(?:\w+\s+){0,2}open\s+voor|(?:i'm|we're|i\s+am|we\s+are)\s+up\s+for|"
    r"(?:i'm|we're|i\s+am|we\s+are)\s+(?:\w+\s+)?open\s+to\s+(?:joining|helping|being))")
# More ways to say "count me in", each tried only when its rare word is in the text: "ik ben erbij", "dan ben ik
# de eerste die ...", "I'm your guy", "I hereby express my interest in joining".
_JOIN_IDIOMS = (
    ({"erbij", "bij"}, re.compile(r"\b(?:ik|we|wij)\s+(?:ben|zijn)\s+(?:er\s+)?(?:zeker\s+|graag\s+|ook\s+|gewoon\s+)?"
                                  r"(?:erbij|bij)(?=\s*(?:[.!?,;:]|$))")),
    ({"eerste", "first"}, re.compile(r"\b(?:(?:ben|zijn)\s+(?:ik|we|wij)\s+(?:de|het)\s+eerste\s+die|"
                                     r"(?:i'll|we'll)\s+be\s+the\s+first\s+to)\b")),
    ({"guy", "girl"}, re.compile(r"\b(?:i'm|i\s+am)\s+your\s+(?:guy|girl)\b")),
    ({"interest", "interested"}, re.compile(
        r"\b(?:(?:my|our)\s+interest\s+in|(?:i'm|we're|i\s+am|we\s+are)\s+interested\s+in)"
        r"(?=\s+(?:joining|helping|volunteering|being|taking))")),
)
# fmt: on
_JOIN_IDIOM_WORDS = {"eerste", "first", "guy", "girl", "interest", "interested"}
_EAGER_PHRASE_WORDS = {"lijkt", "vind", "vinden", "zou", "zouden", "ben", "zijn"}
# fmt: off
_JOIN_PHRASE_WORDS = {"porren", "partij", "open", "up", "erbij", "eerste", "first", "guy", "girl", "interest",
                      "interested"}
# fmt: on
_EAGER_PHRASE_ADJECTIVES = {"leuk", "mooi", "fijn", "geweldig", "prachtig", "heerlijk", "wat", "zin"}
# Multi-word expressions that are one contribution: "think along", "aan de slag", "working group".
# fmt: off
_PHRASES = {"think along": "thinkalong", "working group": "workinggroup", "sounding board": "soundingboard",
            "look after": "lookafter", "take care of": "takecare", "sit on": "siton", "chip in": "chip",
            "working party": "workinggroup", "steering group": "workinggroup", "focus group": "workinggroup",
            "aan de slag": "aandeslag", "op poten zetten": "oppotenzetten", "de kar trekken": "kartrekken",
            "in de benen": "indebenen", "steentje bijdragen": "meehelpen", "steentje bij te dragen": "meehelpen",
            "handje helpen": "meehelpen", "handje toesteken": "meehelpen", "youth council": "panel",
            "advisory group": "workinggroup", "advisory board": "workinggroup", "residents' panel": "panel",
            "moet lukken": "kan ik wel", "moet wel lukken": "kan ik wel", "lukt vast wel": "kan ik wel",
            "lukt me wel": "kan ik wel", "lukt vast": "kan ik wel", "mijn best": "mijnbest", "ons best": "onsbest",
            "my best": "mybest", "our best": "ourbest"}
# fmt: on
# The gate is a rare word of each phrase ("lukt vast wel" -> "lukt"); "mijn best" is checked on its own.
_PHRASE_GATE = {p.split()[-1] for p in _PHRASES if not p.startswith("lukt") and not p.endswith(" best")} | {"lukt"}
_POSSESSIVES = {"mijn", "ons", "my", "our"}
_PHRASE_RE = re.compile(r"\b(?:" + "|".join(p.replace(" ", r"\s+") for p in _PHRASES) + r")\b")
# fmt: off
_COMMERCIAL_WORDS = {"betaald", "paid", "rate", "price", "offerte", "tarief", "tarieven", "uurtarief", "betaling",
                     "vergoeding", "korting",
                     "vrijblijvend", "quote", "rates", "fee", "fees", "discount", "prices", "hour", "uur", "prijs"}
# Own resource and permission to use it: "ik heb een aanhanger die de buurt mag lenen", "we have a big
# garden and you're welcome to use it".
_OWN_RESOURCE_RE = re.compile(
    r"(?:\b(?:ik\s+heb|wij\s+hebben|we\s+hebben|mijn|onze|ons|i\s+have|we\s+have|i've\s+got|we've\s+got|my|"
    r"our|i\s+own|we\s+own)\b|^\s*heb\b)[^.!?]{0,60}?\b(?:[a-z\u00e0-\u00ff]*(?:ruimte|zaal|kantine|lokaal|busje|bus|"
    r"aanhanger|gereedschap|materiaal|materialen|spullen|stoelen|tafels|instrumenten|fietsen|kas|loods|keuken|"
    r"kelder|zolder|terrein)|dak|grond|land|weiland|tuin|garage|schuur|beamer|pand|hal|plek|café|boot|auto|veld|"
    r"erf|ladders?|space|room|hall|garden|garage|shed|tools|van|trailer|field|roof|premises|car|kitchen|barn|"
    r"basement|yard|ladders?|instruments|bikes)(?:je|tje|jes|tjes)?\b")
_PERMISSION_RE = re.compile(
    r"\b(?:(?:mag|mogen)\s+naar\b|(?:mag|mogen)\b[^.!?]{0,60}?\b(?:gebruikt?|[a-z]{3,}en)\b|"
    r"(?:kan|kunnen)\s+(?:\w+\s+){0,4}?gebruikt\s+worden|(?:daar|er|hier)voor\s+(?:\w+\s+){0,2}geschikt|"
    r"(?:all\s+|are\s+|is\s+)?available\s+(?:for|to)\b|"
    r"(?:is|zijn|staat|staan)\s+(?:\w+\s+){0,3}?(?:beschikbaar|ter\s+beschikking|open\s+voor)|"
    r"(?:welcome|free|can|may)\s+(?:to\s+)?(?:use|borrow)\b|"
    r"(?:happy|glad|willing)\s+for\s+(?:it|them|the\s+\w+)\s+to\s+be\s+used)")
_PERMISSION_WORDS = {"mag", "mogen", "beschikbaar", "beschikking", "open", "welcome", "free", "can", "may", "used",
                     "gebruikt", "geschikt", "available"}
# fmt: on
_CALL_WORDS = {"bel", "mail", "app", "benader", "call", "contact", "ask", "vraag"}
# fmt: off
_CALL_ME_RE = re.compile(r"\b(?:(?:bel|mail|app|benader)\s+(?:me|mij|ons)(?:\s+(?:maar|gerust|even))?|"
                         r"(?:call|contact|ask)\s+(?:me|us)|just\s+ask|vraag\s+(?:het\s+)?(?:me|mij|ons)\s+gerust)\b")
# fmt: on
_HELP_NEEDED_RE = re.compile(r"\b(?:hulp|handen|handje|helpen|help|hand|nodig|need)\b")
_GENERIC_SUBJECT_RE = re.compile(r"\b(?:mensen|people|jullie|you|u|we|wij|ik|i)\s+(?:mag|mogen|can|may)\b")
_NEG_TEXT_RE = re.compile(r"\b(?:niet|geen|nooit|not|never|no|can't|cannot|won't|don't)\b")
_INSTITUTION_SUBJECT_RE = re.compile(r"\b(?:de\s+gemeente|the\s+council|the\s+municipality|corporatie)\b")
# "Heb tijd zat. Bezorgen, klussen, koffie zetten": time offered, with contributions listed.
# fmt: off
_TIME_RE = re.compile(r"\b(?:(?:ik\s+)?heb\s+(?:\w+\s+)?tijd\s*(?:zat|genoeg|over)?|i\s+have\s+(?:\w+\s+)?time|"
                      r"(?:ben|am)\s+(?:net\s+|just\s+)?(?:met\s+pensioen|gepensioneerd|retired))\b")
# fmt: on
_TIME_WORDS = {"tijd", "time", "pensioen", "gepensioneerd", "retired"}
# The writer starts something and asks who joins: "Volgend jaar willen we een buurtmoestuin. Wie doet er mee?"
# fmt: off
_INITIATOR_RE = re.compile(r"\b(?:wie\s+(?:doet|helpt|denkt)\s+(?:er\s+)?mee|wie\s+(?:er\s+)?mee\s+wil\s+\w+\s+is\s+"
                           r"welkom|wie\s+wil\s+(?:er\s+)?(?:mee)?(?:doen|helpen)|who'?s\s+in|who\s+wants\s+to\s+"
                           r"join|join\s+us|doe\s+(?:je\s+)?mee)\b")
# fmt: on
# A short survey answer that starts with the contribution itself: "Meedoen met de buurtschoonmaak".
_FRAGMENT_MAX_TOKENS = 25
# fmt: off
_FINITE_COMMON = {"is", "zijn", "was", "waren", "heeft", "hebben", "wordt", "worden", "doet", "staat", "gaat",
                  "komt", "are", "were", "has", "have", "do", "does", "did", "doen"}
# fmt: on

# A text without any of these words holds no offer: the rest of the analysis is skipped.
# fmt: off
_CONSTRUCTION_WORDS = {"betalen", "betaal", "betaalt", "bekostigen", "pay", "naam", "namen", "count", "sign", "put",
                       "zet", "schrijf", "reken", "rekenen", "rekent", "rely", "geef", "geven",
                       "laat", "let", "neem",
                       "neemt", "nemen", "take", "takes", "took", "stel", "stelt", "stellen", "sta", "staan",
                       "staat"}
_CUE_SET = ({w for w, r in _ROLES.items() if r & (MODAL | EAGER | FIRST_OBJ)}
            | (set(_KINDS) - _GENERIC) | _OFFER_VERBS_NL | _OFFER_VERBS_EN | _SIGNUP | set(_PARTICLE_STEMS)
            | {"lijkt", "vinden", "vind", "count", "sign", "put", "wie", "who", "join", "meedoen"} | _NOUNS
            | _PERMISSION_WORDS | _TIME_WORDS | (_JOIN_PHRASE_WORDS - {"first"}) | {"zin"})
# fmt: on
_CONSTRUCTION_TRIGGERS = _CONSTRUCTION_WORDS | _OFFER_VERBS_NL | _OFFER_VERBS_EN | _SIGNUP
# A clause holds an offer by itself only with one of these words, or with the writer and a contribution.
# fmt: off
_CLAUSE_CUES = ({w for w, r in _ROLES.items() if r & (MODAL | EAGER | FIRST_OBJ)}
                | _OFFER_VERBS_NL | _OFFER_VERBS_EN | _SIGNUP | _CONSTRUCTION_WORDS)
# fmt: on
_FIRST_WORDS = {w for w, r in _ROLES.items() if r & (FIRST | FIRST_OBJ)}
_ANY_CLAUSE_CUE = _CLAUSE_CUES | _FIRST_WORDS
_RHETORIC_WORDS = {w for w, r in _ROLES.items() if r & RHETORIC}

_TOKEN_RE = re.compile(r"[a-z0-9\u00c0-\u024f]+(?:'[a-z]+)?|'[kt]\b|[.!?;:,\n]")
_SENTENCE_END = {".", "!", "?", ";", ":", "\n"}
# fmt: off
_CLAUSE_START = {"maar", "want", "omdat", "terwijl", "zodat", "hoewel", "tenzij", "behalve", "doordat",
                 "totdat", "but", "because", "although", "though", "while", "unless", "whereas", "until",
                 "since", "otherwise", "anders"}
# fmt: on
_CONDITION_START = {"als", "wanneer", "zodra", "mits", "indien", "mocht", "if", "when", "once"}
# fmt: off
_SUBJECT_AFTER = {"de", "het", "er", "ik", "we", "wij", "jullie", "u", "iemand", "ze", "zij", "hij", "die",
                  "mijn", "onze", "ons", "je", "men", "iedereen", "mensen", "dat", "dit", "een", "the",
                  "i", "you", "they", "someone", "anyone", "there", "it", "people", "my", "our", "a", "an",
                  "more", "enough", "meer", "genoeg", "nodig", "i'm", "we're", "you're", "they're"}
# fmt: on
_RELATIVE = {"die", "wie", "who", "which", "welke", "waar", "where"}
_INDIRECT_QUESTION = {"of", "whether", "wat", "what", "waar", "where", "hoe", "how", "wanneer"}
# fmt: off
_OPINION_VERBS = {"wish", "hope", "hoop", "hopen", "think", "believe", "vind", "vinden", "denk", "geloof",
                  "zie", "verwacht", "expect", "suppose"}
_SPLIT_TRIGGERS = ({","} | _CLAUSE_START | _CONDITION_START | _RELATIVE | {"dat", "that", "of"}
                   | _INDIRECT_QUESTION | _OPINION_VERBS)
_DUTCH_SUBJECT_ONLY = {"er", "de", "het", "ik", "we", "wij", "ze", "zij", "jullie", "u", "die", "dat", "iemand",
                       "mensen", "hij", "je", "men", "iedereen", "niemand"}
# fmt: on
_COMPLEMENT = {"dat", "that"}
# Verbs after which a relative clause ends and the main clause goes on: "een meneer die net met pensioen is
# wil zich melden als chauffeur".
# fmt: off
_RELATIVE_END = {"is", "zijn", "was", "waren", "heeft", "hebben", "had", "woont", "wonen", "werkt", "werken",
                 "zit", "zitten", "staat", "komt", "kwam"}
_IMPLICIT_SUBJECT_CUES = {"wil", "kan", "ga", "zal", "happy", "glad", "willing", "keen", "available", "ready",
                          "would", "could", "can", "will", "love", "ben", "am", "gladly", "happily"}
# fmt: on
_PLURAL_MODALS = {"willen", "kunnen", "gaan", "zullen"}
_THIRD_MODALS = {"wil", "wilt", "willen", "wou", "gaat", "gaan", "want", "wants", "will", "zal", "zullen"}
# fmt: off
_GROUP_SUFFIXES = ("vereniging", "club", "stichting", "raad", "groep", "bewoners", "ouders", "moeders", "vaders",
                   "vrijwilligers", "tuinders", "vrouwen", "mannen", "jongeren", "leden", "ondernemers", "boeren",
                   "koor", "team", "bond", "werkplaats", "kerk", "gemeenschap", "collectief", "coöperatie",
                   "bedrijf", "afdeling", "brigade", "harmonie", "fanfare", "vrienden", "comité", "commissie")
_COUNTS = {"twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "enkele", "sommige",
           "paar", "groepje", "groep", "two", "three", "four", "five", "six", "several", "some", "een", "a",
           "eén", "één", "one"}
_HOUSEHOLD_SUBJECT = {"buurjongen", "buurmeisje", "kleinzoon", "kleindochter", "zoon", "dochter", "son", "daughter",
                      "buurman", "buurvrouw", "moeder", "vader", "mother",
                      "father", "man", "vrouw", "husband", "wife", "kinderen", "kids", "children", "kind"}
# Present-tense verbs that are a commitment right next to the writer, without "graag" or "al": "wij helpen
# met de hele aanvraag", "ik organiseer het wel".
_PLAIN_PRESENT = set().union(*(_nl_forms(v) for v in ("helpen", "meehelpen", "organiseren", "coördineren"))) | {
    "help", "organise", "organize"}
_T_FORMS = {f for v in (w for g in _ACTIONS.values() for w in g.get("nl_verbs", "").split())
            for f in _nl_forms(v) if f.endswith("t") and f[:-1] in _nl_forms(v) and not f.endswith("tt")}
# fmt: on
_PARTICIPLE_RE = re.compile(r"^(?:mee|op|aan|bij|uit|in|af|schoon|rond|over)?ge[a-z]{3,}(?:d|t|en)$")
# Common Dutch verb infinitives (built by build_verb_list.py): an eager writer's contribution may be any verb
# ("ik wil best de bankjes in elkaar zetten"), but a clause-final plural noun is not ("ik wil graag meer bomen").
# fmt: off
_VERBS_FILE = resources.files("cocreatie_analysis").joinpath("data", "offers_verbs_nl.txt")
_NL_VERBS = frozenset(_VERBS_FILE.read_text(encoding="utf-8").split()) \
    | {w for g in _ACTIONS.values() for w in g.get("nl_verbs", "").split()} | {"zetten", "opslaan", "inzetten"}
# fmt: on
_FALLBACK_STRONG = {"gratis", "free", "vrijwillig", "zelf", "kosteloos", "deo", "themselves", "ourselves"}
# fmt: off
_EN_EAGER_TO = {"happy", "glad", "willing", "keen", "love", "like", "ready", "available", "eager", "offer",
                "offered", "volunteer", "volunteered", "pleased", "delighted", "prepared"}
# fmt: on
