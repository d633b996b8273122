"""The kompas: per opgave, how many residents raise it, how they feel about it, and what they offer to do.

The co-creation approach asks the council to inventory, long before elections, where residents want to go
*and what they want to contribute themselves*. This module turns themed, sentiment-scored inputs into that
inventory: one row per opgave, ranked by how many participants raise it, with concerns, appreciation and
offers of help side by side, and advice on whether the participation level the council chose fits.
"""

from __future__ import annotations

from ..io.dataset import author_ids as person_ids
from .advice import CONCERN_SHARE_FOR_LISTENING, OFFER_SHARE_FOR_COPRODUCTION, advised_level, participation_advice
from .cooperatives import build_cooperatives, offer_list
from .offers import KINDS, analyse_offers, detect_offers
from .table import build_kompas

__all__ = [
    "CONCERN_SHARE_FOR_LISTENING",
    "KINDS",
    "OFFER_SHARE_FOR_COPRODUCTION",
    "advised_level",
    "analyse_offers",
    "build_cooperatives",
    "build_kompas",
    "detect_offers",
    "offer_list",
    "participation_advice",
    "person_ids",
]
