"""The kompas: per opgave, how many residents raise it, how they feel about it, and what they offer to do.

The co-creation approach asks the council to inventory, long before elections, where residents want to go
*and what they want to contribute themselves*. This module turns themed, sentiment-scored inputs into that
inventory: one row per opgave, ranked by how many participants raise it, with concerns, appreciation and
offers of help side by side, and advice on whether the participation level the council chose fits.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .config import PARTICIPATION_LEVELS
from .sentiment import label as sentiment_label
from .text import as_text, redact_pii

# Offers to contribute, as residents phrase them. Matched on lower-cased text within one sentence. A match
# does not count when a negation precedes it or when the subject is the municipality ("de gemeente kan
# helpen"): an offer is a resident's (or their club's) own commitment.
_CONTRIBUTE = (r"(?:mee\s?helpen|helpen|meedenken|mee\s?denken|meedoen|mee\s?doen|bijdragen|organiseren|regelen|"
               r"trekken|opzetten|starten|beginnen|beheren|onderhouden|bouwen|adopteren|inzetten|aansluiten|"
               r"ondersteunen|geven|bieden|aanbieden|schenken|rijden|koken|runnen|begeleiden|coördineren|"
               r"investeren|meebetalen|delen|openstellen|beschikbaar\s+stellen|verzorgen|leveren|prikken|"
               r"opruimen|schoonmaken|maaien|snoeien|planten|aanleggen|aan\s+de\s+slag|maatje|vrijwillig\w*|"
               r"chauffeur|ambassadeur|iets\s+doen|wat\s+doen|doen\s+voor|meelopen|uitleggen|adviseren|"
               r"advies\s+geven|bijles|les\s+geven|ruimte|stageplek\w*|proberen|meedraaien|uitwerken|samenwerken|"
               r"betekenen|rondleidingen|bestuur|beheergroep|leven\s+inblazen|meelopen|mee\s+lopen)")
_NOT_US = r"(?:(?!\b(?:dat|de\s+gemeente|gemeente|jullie|college|wethouder|u)\b)[^.?!;:])"
_OFFER_PATTERNS = {
    "nl": [
        # ik/wij + modal + a contribution verb, no "dat"-clause or municipality in between
        r"\b(?:ik|wij|we|ze|zij)\b" + _NOT_US + r"{0,40}?\b(?:wil|willen|kan|kunnen|zou|zouden|ga|gaan|wil\s+graag)\b"
        + _NOT_US + r"{0,70}?\b" + _CONTRIBUTE,
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
        + _NOT_US + r"{0,60}?\b" + _CONTRIBUTE,
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
_NEGATED = {"nl": re.compile(r"\b(?:niet|geen|nooit)\s+(?:\w+\s+){0,2}$"),
            "en": re.compile(r"\b(?:not|never|no)\s+(?:\w+\s+){0,2}$")}
_NEGATION_WORD = re.compile(r"\b(?:niet|geen|nooit|not|never)\b")
_COMPILED = {lang: [re.compile(p) for p in patterns] for lang, patterns in _OFFER_PATTERNS.items()}

LEVEL_ORDER = PARTICIPATION_LEVELS  # from least to most say for residents
# Advice thresholds (documented in the report's methods section).
OFFER_SHARE_FOR_COPRODUCTION = 0.10  # share of an opgave's participants who offer to help
CONCERN_SHARE_FOR_LISTENING = 0.50   # share of an opgave's inputs that are negative


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
            before = lowered[:match.start()][-40:] if match else ""
            negated = match and (_NEGATION_WORD.search(match.group()) or
                                 any(neg.search(before) for neg in _NEGATED.values()))
            if match and not negated:
                result[i] = True
                break
    return result


def person_ids(inputs: pd.DataFrame) -> pd.Series:
    """Who wrote each input: the participant id, or the input itself when the author is unknown.

    Counting people rather than inputs keeps one prolific writer from looking like a movement.
    """
    ids = inputs["participant_id"] if "participant_id" in inputs.columns else pd.Series(np.nan, inputs.index)
    return ids.astype("object").where(ids.notna(), "input:" + inputs["input_id"].astype(str))


def participation_advice(level: str, n_participants: int, share_offers: float, share_negative: float,
                         language: str = "nl", min_participants: int = 10) -> str:
    """Plain-language advice on whether the chosen participation level fits what residents said.

    Below `min_participants` people on an opgave, shares say too little to advise on.
    """
    nl = language != "en"
    if n_participants < min_participants:
        return (f"Te weinig deelnemers ({n_participants}) over deze opgave om een niveau te adviseren." if nl else
                f"Too few participants ({n_participants}) on this issue to advise on a level.")
    chosen = LEVEL_ORDER.index(level) if level in LEVEL_ORDER else 1
    lines = []
    if share_offers >= OFFER_SHARE_FOR_COPRODUCTION:
        if chosen < LEVEL_ORDER.index("coproduceren"):
            lines.append(f"{share_offers:.0%} van de deelnemers biedt zelf hulp aan: overweeg coproduceren, "
                         "bijvoorbeeld in een maatschappelijke coöperatie." if nl else
                         f"{share_offers:.0%} of participants offer to help: consider co-production, for example "
                         "in a community cooperative.")
        else:
            lines.append(f"Gekozen niveau {level} past: {share_offers:.0%} van de deelnemers biedt hulp aan."
                         if nl else f"The chosen level ({level}) fits: {share_offers:.0%} of participants "
                         "offer to help.")
    elif chosen >= LEVEL_ORDER.index("coproduceren"):
        lines.append(f"Gekozen niveau {level}, maar slechts {share_offers:.0%} van de deelnemers biedt hulp aan: "
                     "zoek eerst partners voordat u coproduceert." if nl else
                     f"Chosen level {level}, but only {share_offers:.0%} of participants offer to help: find "
                     "partners before co-producing.")
    if share_negative >= CONCERN_SHARE_FOR_LISTENING:
        lines.append(f"{share_negative:.0%} van de reacties is een zorg of klacht: luister eerst door "
                     "(raadplegen of adviseren) voordat oplossingen vastliggen." if nl else
                     f"{share_negative:.0%} of inputs are concerns: listen further (consult or advise) before "
                     "solutions are fixed.")
    if not lines:
        lines.append(f"Gekozen niveau: {level}." if nl else f"Chosen level: {level}.")
    return " ".join(lines)


def _examples(frame: pd.DataFrame, order, n: int, language: str) -> list[str]:
    """Up to `n` distinct redacted quotes from `frame` in the given order (longest informative first)."""
    quotes, seen = [], set()
    for text in frame.sort_values(order[0], ascending=order[1], kind="stable")["text"]:
        quote = redact_pii(as_text(text), language).strip()
        if len(quote) < 15 or quote.lower() in seen:
            continue
        seen.add(quote.lower())
        quotes.append(quote if len(quote) <= 400 else quote[:397].rstrip() + "…")
        if len(quotes) == n:
            break
    return quotes


def build_kompas(inputs: pd.DataFrame, themes: pd.DataFrame, level_of, language: str = "nl",
                 n_examples: int = 3, min_participants: int = 10) -> pd.DataFrame:
    """One row per opgave, ranked by the number of participants who raise it.

    `inputs` needs theme_id, text, sentiment and offers_help (participant_id optional: without it, each input
    counts as one participant). `themes` is ThemeModel.themes_. `level_of(opgave)` gives the participation
    level the council chose. Inputs without a theme (-1) are left out of the ranking, not of the counts.
    """
    frame = inputs.copy()
    frame["person"] = person_ids(frame)
    frame["tone"] = sentiment_label(frame["sentiment"])  # the scorer's calibrated neutral zone scores exactly 0
    n_people = max(frame["person"].nunique(), 1)
    rows = []
    for theme_id, group in frame[frame["theme_id"] >= 0].groupby("theme_id"):
        meta = themes.loc[theme_id]
        people = group["person"].nunique()
        offers = group.loc[group["offers_help"], "person"].nunique()
        share_negative = float((group["tone"] < 0).mean())
        level = level_of(meta["name"])
        rows.append({
            "theme_id": int(theme_id), "opgave": meta["name"], "n_inputs": len(group), "n_participants": people,
            "share_participants": people / n_people, "sentiment_mean": float(group["sentiment"].mean()),
            "share_negative": share_negative, "share_neutral": float((group["tone"] == 0).mean()),
            "share_positive": float((group["tone"] > 0).mean()), "n_offers": offers,
            "share_offers": offers / people, "participation_level": level,
            "advice": participation_advice(level, people, offers / people, share_negative, language,
                                           min_participants),
            "top_terms": list(meta["top_terms"])[:8],
            "concerns": _examples(group[group["tone"] < 0], ("sentiment", True), n_examples, language),
            "appreciation": _examples(group[group["tone"] > 0], ("sentiment", False), n_examples, language),
            "offers": _examples(group[group["offers_help"]], ("sentiment", False), n_examples, language),
        })
    columns = ["theme_id", "opgave", "n_inputs", "n_participants", "share_participants", "sentiment_mean",
               "share_negative", "share_neutral", "share_positive", "n_offers", "share_offers",
               "participation_level", "advice", "top_terms", "concerns", "appreciation", "offers"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["n_participants", "n_inputs", "opgave"], ascending=[False, False, True],
                             kind="stable").reset_index(drop=True)
