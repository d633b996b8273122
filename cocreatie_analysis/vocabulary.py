"""The words the whole package agrees on: languages, tables and columns, participation levels, votes, days.

Each of these lists exists once, here; configuration, reading, analysis and reports import them. Nothing in
this module depends on any other part of the package.
"""

from __future__ import annotations

import calendar

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

# Kinds of help residents offer (kompas.offers; the wording names them): think along, organise, hands-on work,
# space or means.
OFFER_KINDS = ("meedenken", "organiseren", "uitvoeren", "ruimte_middelen")

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

# Values that say "no value" where an identifier belongs ("NA", "n.v.t.", "-"): read as missing, never as an id,
# so two rows marked "NA" are not one person (and "NA" and "NaN" not two).
MISSING_ID_WORDS = frozenset(
    {"na", "n/a", "n.a.", "n.a", "nan", "null", "none", "nil", "-", "--", "—", "–", "?", "n.v.t.", "n.v.t", "nvt",
     "#n/a", "#null!", "#value!", "#ref!", "onbekend", "unknown"}
)  # fmt: skip

# Verdicts on a statement, from most to least support; the words for them are in `wording`.
VERDICT_CODES = ("broad_support", "support", "divided", "no_support", "insufficient")


def check_language(language: str) -> str:
    """`language` if the package supports it, else a UserError listing the supported ones."""
    if language not in LANGUAGES:
        raise UserError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    return language


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")  # fmt: skip


def impossible_day(year: int, month: int, day: int) -> str | None:
    """Why year-month-day is not a day of the calendar, in plain words ("February 2024 has 29 days"); None
    when it is one. The configuration and the readers name impossible dates with it alike."""
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    last = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    if not 1 <= day <= last:
        return f"there is no day {day}" if day < 1 or day > 31 else f"{MONTH_NAMES[month - 1]} {year} has {last} days"
    return None
