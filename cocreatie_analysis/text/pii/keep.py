"""What stays legible although it looks like a person's name: public places, organisations and facilities.

Two mechanisms, so that the hand list stays short:
- `KeepIndex`: phrases to keep as they are, matched as whole phrases, case-insensitive: the caller's `keep`
  (the municipality's own name, wijken, buurten, streets and the facilities under `places:` in gemeente.yaml)
  plus the built-in list of public organisations, shops, events and holidays that look like names ("Albert
  Heijn", "Rode Kruis", "Sinterklaas", "Den Haag"; data/pii_public_names.txt) and deduce's hospital names.
- `place_like`: a facility or place word ("buurthuis", "zwembad", "theater", "school", "stichting", "park"
  ...), or a compound ending in one ("Anne Frankschool", "Pieter Zeemanstraat"). A name right after or
  before such a word names the facility ("Buurthuis De Kajuit", "Jeroen Bosch Ziekenhuis"), whatever the
  municipality listed.
"""

from __future__ import annotations

from functools import lru_cache

from .name_lists import public_acronyms, public_names, surnames
from .tokens import Tokens, normalise

FACILITY_WORDS = frozenset(
    """
    buurthuis wijkcentrum wijkgebouw dorpshuis gemeenschapshuis buurtcentrum ontmoetingscentrum zwembad theater
    schouwburg bioscoop museum bibliotheek school basisschool college lyceum gymnasium kerk moskee synagoge
    tempel kapel klooster stichting vereniging club vv sv hv kv tc fc rksv cbs obs pcbs rkbs ziekenhuis kliniek
    praktijk apotheek gezondheidscentrum verpleeghuis zorgcentrum woonzorgcentrum verzorgingshuis hospice park
    plein speeltuin kinderboerderij sporthal sportpark sportcentrum stadion manege camping hotel café cafe
    restaurant bar brasserie eetcafé bakkerij slagerij winkel winkelcentrum supermarkt markt jongerencentrum
    kinderopvang peuterspeelzaal crèche opvang court arena huiskamer team wijkteam politie gemeente provincie
    waterschap woningcorporatie woonstichting corporatie fonds centrum galerie atelier studio cinema hal
    academy centre center hall church chapel mosque park hospital museum theatre library pool street road
    square stadium foundation association community council restaurant pub polder bos duinen plas heide
    natuurgebied landgoed kasteel boerderij molen fort wijk buurt dorp kern flat complex gebouw pand toren
    woontoren kantoor station
    """.split()
)
PLACE_SUFFIXES = (
    "straat",
    "laan",
    "weg",
    "plein",
    "singel",
    "gracht",
    "kade",
    "dijk",
    "pad",
    "steeg",
    "dreef",
    "park",
    "plantsoen",
    "markt",
    "school",
    "kerk",
    "huis",
    "hal",
    "bad",
    "centrum",
    "ziekenhuis",
    "stichting",
    "vereniging",
    "buurt",
    "wijk",
    "kwartier",
    "haven",
    "college",
    "lyceum",
    "museum",
    "theater",
    "fonds",
    "brug",
    "toren",
    "molen",
    "bos",
    "tuin",
    "weide",
)
STREET_SUFFIXES = (
    "straat",
    "laan",
    "weg",
    "plein",
    "singel",
    "gracht",
    "kade",
    "dijk",
    "pad",
    "steeg",
    "dreef",
    "plantsoen",
    "markt",
    "hof",
    "park",
)


@lru_cache(maxsize=100_000)
def place_like(word: str) -> bool:
    """A facility word, or a compound ending in a street or facility word ("Frankschool", "Zeemanstraat")."""
    lower = word.lower()
    if lower in FACILITY_WORDS:
        return True
    return any(lower.endswith(s) and len(lower) > len(s) + 2 for s in PLACE_SUFFIXES) and word not in surnames()


class KeepIndex:
    """Phrases that are no person name: the caller's `keep` list plus the built-in public names."""

    def __init__(self, keep=()):
        own = {normalise(str(p)) for p in keep if p is not None and str(p).strip()}
        self.phrases = frozenset(own | public_names())
        # Public names written in capitals ("AD", "ING", "NS") match only when written so: "groet Ad" is a person.
        self.acronyms = frozenset(public_acronyms() - own)
        self.max_tokens = max((len(Tokens(p).words) for p in self.phrases), default=1)
        # First and last words of the phrases (as tokens), to skip windows that cannot match.
        self.first_words = frozenset(Tokens(p).lower[0] for p in self.phrases if Tokens(p).n)
        self.last_words = frozenset(Tokens(p).lower[-1] for p in self.phrases if Tokens(p).n)

    def __contains__(self, phrase: str) -> bool:
        return phrase in self.phrases

    def matches(self, phrase: str, raw: str) -> bool:
        """`phrase` (normalised) is kept, as written in `raw` (an acronym only in capitals)."""
        return phrase in self.phrases and not (phrase in self.acronyms and not raw.isupper())
