"""Offers to contribute: which inputs hold a resident's offer to do something themselves, and of which kind.

Modules, each one job: `lexicon` (word roles and contribution words by kind), `phrases` (multi-word expressions
and closed word classes), `clauses` (sentences, clauses, subjects, contributions), `verdict` (the clause rules'
verdict on one clause), `rules` (a text through the clause rules, and the two hard rules), `word_table` (what
each word form is to the model), `features` (units and the named flags the model sees), `model` (the learned
offer and kind models, package data), `detect` (the public functions), `training` (rebuilds the model file from
the labelled sets, deterministically).
"""

from .detect import analyse_offers, detect_offers, offer_kinds, rules_only, text_probability
from .lexicon import KINDS

__all__ = ["KINDS", "analyse_offers", "detect_offers", "offer_kinds", "rules_only", "text_probability"]
