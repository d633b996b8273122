"""The words the whole package agrees on: languages, tables and columns, participation levels, votes.

Each of these lists exists once, here; configuration, reading, analysis and reports import them. Nothing in
this module depends on any other part of the package.
"""

from __future__ import annotations

from .errors import UserError

LANGUAGES = ("nl", "en")

CONFIG_FILE = "gemeente.yaml"
TABLES = ("inputs", "participants", "statements", "votes", "population")
REQUIRED_COLUMNS = {
    "inputs": ("input_id", "text"),
    "participants": ("participant_id",),
    "statements": ("statement_id", "text"),
    "votes": ("participant_id", "statement_id", "vote"),
    "population": ("dimension", "category", "count"),
}
OPTIONAL_COLUMNS = {
    "inputs": ("participant_id", "channel", "date", "district", "question"),
    "participants": ("age", "age_group", "gender", "district", "origin", "education", "income"),
    "statements": ("theme", "moderated"),
    "votes": ("timestamp",),
    "population": (),
}
DEFAULT_DIMENSIONS = ("age_group", "gender", "district", "origin", "education", "income")
OPINION_DIMENSION = "opinion_group"  # the "dimension" of support per opinion group, next to wijk, age, …
JOINT_SEP = " | "  # joint population dimensions: "age_group | district", categories "15-24 | Centrum"

# From least to most say for residents.
PARTICIPATION_LEVELS = ("informeren", "raadplegen", "adviseren", "coproduceren", "meebeslissen")

# Votes as people write them (1 agree, -1 disagree, 0 pass); gemeente.yaml `values: votes: vote:` adds or
# overrides. Strength ("helemaal") is dropped: a "helemaal eens" is not more draagvlak than an "eens".
VOTE_VALUES = {
    "1": 1, "+1": 1, "-1": -1, "0": 0,
    "eens": 1, "mee eens": 1, "helemaal eens": 1, "helemaal mee eens": 1, "zeer eens": 1, "zeer mee eens": 1,
    "voor": 1, "ja": 1, "agree": 1, "strongly agree": 1, "yes": 1,
    "oneens": -1, "mee oneens": -1, "niet eens": -1, "niet mee eens": -1, "helemaal oneens": -1,
    "helemaal mee oneens": -1, "helemaal niet mee eens": -1, "zeer oneens": -1, "zeer mee oneens": -1,
    "tegen": -1, "nee": -1, "disagree": -1, "strongly disagree": -1, "no": -1,
    "neutraal": 0, "weet niet": 0, "weet ik niet": 0, "geen mening": 0, "eens noch oneens": 0,
    "niet eens, niet oneens": 0, "pas": 0, "overslaan": 0, "neutral": 0, "pass": 0, "don't know": 0,
    "unsure": 0,
}  # fmt: skip
# Numeric scales, recognised only when the top of the scale occurs and nothing lies outside it:
# 1-5 (1-2 disagree, 3 neither, 4-5 agree) and 1-7 (1-3 disagree, 4 neither, 5-7 agree).
LIKERT_SCALES = {5: {1: -1, 2: -1, 3: 0, 4: 1, 5: 1}, 7: {1: -1, 2: -1, 3: -1, 4: 0, 5: 1, 6: 1, 7: 1}}

# A statement's moderation status (the statements table's `moderated` column), coded as Pol.is codes it. A
# withdrawn statement stays in the data (its votes count where Pol.is counts them) but is never reported.
WITHDRAWN, UNMODERATED, ACCEPTED = -1, 0, 1
MODERATION_CODES = (WITHDRAWN, UNMODERATED, ACCEPTED)

# Verdicts on a statement, from most to least support; the words for them are in `wording`.
VERDICT_CODES = ("broad_support", "support", "divided", "no_support", "insufficient")


def check_language(language: str) -> str:
    """`language` if the package supports it, else a UserError listing the supported ones."""
    if language not in LANGUAGES:
        raise UserError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    return language
