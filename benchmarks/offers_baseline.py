"""Baseline for benchmarks/offers.py: the offer rules as they were before the learned detector (git 83a9072,
cocreatie_analysis/kompas/offers.py), copied unchanged but for this docstring and the import of `as_text`.

Rules rather than a model: an offer is a concrete commitment, phrased in a small set of ways. A match does not
count when a negation precedes it or when the subject is the municipality ("de gemeente kan helpen").
"""

from __future__ import annotations

import re

import numpy as np

from cocreatie_analysis.text.cleaning import as_text

__all__ = ["detect_offers"]

# Offers to contribute, as residents phrase them. Matched on lower-cased text within one sentence. A match
# does not count when a negation precedes it or when the subject is the municipality ("de gemeente kan
# helpen"): an offer is a resident's (or their club's) own commitment.
_CONTRIBUTE = (
    r"(?:mee\s?helpen|helpen|meedenken|mee\s?denken|meedoen|mee\s?doen|bijdragen|organiseren|regelen|"
    r"trekken|opzetten|starten|beginnen|beheren|onderhouden|bouwen|adopteren|inzetten|aansluiten|"
    r"ondersteunen|geven|bieden|aanbieden|schenken|rijden|koken|runnen|begeleiden|coördineren|"
    r"investeren|meebetalen|delen|openstellen|beschikbaar\s+stellen|verzorgen|leveren|prikken|"
    r"opruimen|schoonmaken|maaien|snoeien|planten|aanleggen|aan\s+de\s+slag|maatje|vrijwillig\w*|"
    r"chauffeur|ambassadeur|iets\s+doen|wat\s+doen|doen\s+voor|meelopen|uitleggen|adviseren|"
    r"advies\s+geven|bijles|les\s+geven|ruimte|stageplek\w*|proberen|meedraaien|uitwerken|samenwerken|"
    r"betekenen|rondleidingen|bestuur|beheergroep|leven\s+inblazen|meelopen|mee\s+lopen)"
)


_NOT_US = r"(?:(?!\b(?:dat|de\s+gemeente|gemeente|jullie|college|wethouder|u)\b)[^.?!;:])"


_OFFER_PATTERNS = {
    "nl": [
        # ik/wij + modal + a contribution verb, no "dat"-clause or municipality in between
        r"\b(?:ik|wij|we|ze|zij)\b"
        + _NOT_US
        + r"{0,40}?\b(?:wil|willen|kan|kunnen|zou|zouden|ga|gaan|wil\s+graag)\b"
        + _NOT_US
        + r"{0,70}?\b"
        + _CONTRIBUTE,
        # anyone but the municipality + modal + contribution verb: "Een bewoonster wil een wandelgroep starten"
        r"(?<!gemeente\s)\b(?:wil|willen|kan|kunnen)\b" + _NOT_US + r"{0,60}?\b" + _CONTRIBUTE,
        r"\bwil(?:len)?\s+(?:\w+\s+){0,3}?zelf\b",
        r"\b(?:noteren|noteerden|schreven|hebben)\s+(?:\w+\s+){0,3}?(?:naam|namen)\s+(?:\w+\s+)?(?:op|opgeschreven)",
        r"\b(?:doe|doen)\s+(?:ik|we|wij)?\s*mee\s+(?:aan|met)\b",
        r"^\s*meedoen\s+(?:aan|met)\b",
        r"\bwie\s+(?:mee\s+)?wil\s+(?:\w+\s+){0,2}?is\s+welkom",
        r"\b(?:ik|wij|we)\s+(?:help|helpen|run|runnen)\s+(?:al|samen|nu)\b",
        # third person in workshop notes: "Twee deelnemers bieden aan …", "De buurtvereniging wil het organiseren"
        r"\b(?:bieden|biedt|bood|boden)\s+(?:\w+\s+){0,6}?(?:aan|hulp|ruimte|mee)\b",
        r"\b(?:deelnemers|bewoners|ouders|buurtvaders|moeders|vaders|tuinders|ondernemers|jongeren|vrijwilligers|"
        r"vereniging|buurtvereniging|club|stichting|coöperatie|kerk|school)\s+(?:\w+\s+){0,3}?(?:wil|willen|kan|kunnen)\b"
        + _NOT_US
        + r"{0,60}?\b"
        + _CONTRIBUTE,
        r"\bwillen\s+(?:\w+\s+){0,6}?(?:zelf|als\s+vrijwilliger|vrijwillig)\b",
        r"\bzelf\s+(?:\w+\s+){0,3}?(?:beheren|bouwen|organiseren|regelen|onderhouden|opzetten|runnen|"
        r"doen|trekken|schilderen|aanleggen)\b",
        r"\b(?:doe|doen)\s+(?:ik|we|wij)\s+(?:\w+\s+){0,3}?al\b",
        r"\b(?:doe|doen|help|helpen|denk|denken)\s+(?:ik|we|wij)?\s*(?:\w+\s+){0,2}?graag\s+mee\b",
        r"\b(?:ik|wij|we)\s+(?:\w+\s+){0,2}?(?:geef|geven|help|helpen|doe|doen|denk|denken|schenk|schenken|rijd|"
        r"rijden|kook|koken)\s+(?:\w+\s+){0,4}?graag\b",
        r"\bhelp(?:en)?\s+(?:ik|wij|we)\s+(?:\w+\s+){0,2}?graag",
        r"\b(?:ik|wij|we)\s+(?:ben|zijn)\s+(?:\w+\s+){0,2}?(?:bereid|beschikbaar)",
        r"\bwaar\s+kan\s+ik\s+(?:me|mij)\s+(?:\w+\s+)?(?:melden|aanmelden|opgeven)",
        r"\b(?:ik|wij|we)\s+(?:meld|melden|geef|geven)\s+(?:me|ons)\s+(?:graag\s+)?(?:aan|op)\b",
        r"\b(?:zet|schrijf)\s+(?:mij|me|ons)\s+(?:maar\s+)?(?:op\s+de\s+lijst|in)\b",
        r"\b(?:ik|wij|we)\s+sta(?:an)?\s+klaar",
        r"\b(?:mijn|onze)\s+hulp\b",
        r"\b(?:dragen|draag)\s+(?:\w+\s+){0,5}?bij\b",
        r"\b(?:bel|mail|benader)\s+(?:mij|me|ons)\s+(?:maar|gerust)\b",
        r"\bzoek(?:t|en)\s+(?:nog\s+)?(?:nieuwe\s+)?(?:vrijwilligers|daken|leden|mensen\s+die)\b",
        r"\bals\s+vrijwilliger\b",
        r"\b(?:ik|wij|we)\s+(?:heb|hebben)\s+(?:\w+\s+){0,4}?(?:tijd|ervaring|ruimte)\s+(?:om|met|in|voor|aan|over)\b",
        r"\bwie\s+doet\s+er\s+mee\b",
        r"\b(?:ik|wij|we)\s+(?:\w+\s+){0,2}?(?:wil|willen|zou|zouden)\s+(?:\w+\s+){0,3}?graag\s+"
        r"(?:\w+\s+){0,3}?(?:zijn|worden)\b",
    ],
    "en": [
        r"\b(?:i|we)(?:'d| would| will|'ll| can| could| am| are|'m)?\s+(?:be\s+)?(?:happy|glad|willing|keen)"
        r"\s+to\s+(?:help|volunteer|contribute|organi[sz]e|join)",
        r"\b(?:i|we)\s+(?:can|could|want to|would like to|'d like to|'d love to|would love to)\s+(?:\w+\s+){0,3}?"
        r"(?:help|volunteer|contribute|organi[sz]e|set\s+up|run|teach)",
        r"\bhappy\s+to\s+(?:help|volunteer|contribute)",
        r"\bcount\s+(?:me|us)\s+in\b",
        r"\b(?:i|we)\s+(?:volunteer|offer)\b",
    ],
}


_NEGATED = {
    "nl": re.compile(r"\b(?:niet|geen|nooit)\s+(?:\w+\s+){0,2}$"),
    "en": re.compile(r"\b(?:not|never|no)\s+(?:\w+\s+){0,2}$"),
}


_NEGATION_WORD = re.compile(r"\b(?:niet|geen|nooit|not|never)\b")


_COMPILED = {lang: [re.compile(p) for p in patterns] for lang, patterns in _OFFER_PATTERNS.items()}


def detect_offers(texts) -> np.ndarray:
    """True where a resident offers to contribute themselves ("ik wil best meehelpen met …").

    Rules rather than a model: an offer is a concrete commitment, phrased in a small set of ways, and the
    council needs to be able to see why an input counted. Dutch and English patterns both run.
    """
    patterns = _COMPILED["nl"] + _COMPILED["en"]  # Dutch processes get English inputs and vice versa
    texts = list(texts)
    result = np.zeros(len(texts), dtype=bool)
    for i, text in enumerate(texts):
        lowered = as_text(text).lower()
        for pattern in patterns:
            match = pattern.search(lowered)
            before = lowered[: match.start()][-40:] if match else ""
            negated = match and (
                _NEGATION_WORD.search(match.group()) or any(neg.search(before) for neg in _NEGATED.values())
            )
            if match and not negated:
                result[i] = True
                break
    return result
