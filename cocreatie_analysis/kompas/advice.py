"""Advice on the participation level: does the level the council chose fit what residents said?"""

from __future__ import annotations

from ..vocabulary import PARTICIPATION_LEVELS

__all__ = [
    "ADVICE_CODES",
    "CONCERN_SHARE_FOR_LISTENING",
    "OFFER_SHARE_FOR_COPRODUCTION",
    "advised_level",
    "participation_advice",
]

LEVEL_ORDER = PARTICIPATION_LEVELS  # from least to most say for residents
# Advice thresholds (documented in the report's methods section).
OFFER_SHARE_FOR_COPRODUCTION = 0.10  # share of an opgave's participants who offer to help
CONCERN_SHARE_FOR_LISTENING = 0.50  # share of an opgave's inputs that are negative


ADVICE_CODES = ("too_few", "consider_coproduction", "level_fits", "find_partners", "listen_first", "chosen_level")


def participation_advice(
    level: str, n_participants: int, share_offers: float, share_negative: float, min_participants: int = 10
) -> list[str]:
    """Whether the chosen participation level fits what residents said, as advice codes (`ADVICE_CODES`).

    Below `min_participants` people on an opgave, shares say too little to advise on ("too_few"). The sentences
    are in `wording.kompas`.
    """
    if n_participants < min_participants:
        return ["too_few"]
    chosen = LEVEL_ORDER.index(level) if level in LEVEL_ORDER else 1
    codes = []
    if share_offers >= OFFER_SHARE_FOR_COPRODUCTION:
        codes.append("consider_coproduction" if chosen < LEVEL_ORDER.index("coproduceren") else "level_fits")
    elif chosen >= LEVEL_ORDER.index("coproduceren"):
        codes.append("find_partners")
    if share_negative >= CONCERN_SHARE_FOR_LISTENING:
        codes.append("listen_first")
    return codes or ["chosen_level"]


def advised_level(level: str, codes) -> str:
    """The participation level the advice codes point to (the chosen one where they do not point elsewhere).

    Many residents offering help make co-production possible (at least "coproduceren"); co-production with
    hardly anyone offering needs partners first ("adviseren" until they are found); many concerns about an
    opgave the council only informs on call for listening ("raadplegen"). Too few participants: no advice.
    """
    chosen = LEVEL_ORDER.index(level) if level in LEVEL_ORDER else 1
    advised = chosen
    if "consider_coproduction" in codes:
        advised = max(advised, LEVEL_ORDER.index("coproduceren"))
    if "find_partners" in codes:
        advised = LEVEL_ORDER.index("adviseren")
    if "listen_first" in codes and advised < LEVEL_ORDER.index("raadplegen"):
        advised = LEVEL_ORDER.index("raadplegen")
    return LEVEL_ORDER[advised]
