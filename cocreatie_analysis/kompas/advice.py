"""Advice on the participation level: does the level the council chose fit what residents said?"""

from __future__ import annotations

from ..vocabulary import PARTICIPATION_LEVELS

__all__ = ["CONCERN_SHARE_FOR_LISTENING", "OFFER_SHARE_FOR_COPRODUCTION", "participation_advice"]

LEVEL_ORDER = PARTICIPATION_LEVELS  # from least to most say for residents
# Advice thresholds (documented in the report's methods section).
OFFER_SHARE_FOR_COPRODUCTION = 0.10  # share of an opgave's participants who offer to help
CONCERN_SHARE_FOR_LISTENING = 0.50  # share of an opgave's inputs that are negative


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
