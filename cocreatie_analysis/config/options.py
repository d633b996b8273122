"""The options a municipality sets in gemeente.yaml, with their defaults: reach options and draagvlak rules.

Each option's schema lives here, once; the analysis modules take their defaults from it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields

import numpy as np

from ..errors import UserError
from ..vocabulary import PARTICIPATION_LEVELS

__all__ = ["DEFAULT_RULES", "REACH_OPTIONS", "RULE_KINDS", "ReachOptions", "ThemeOptions", "check_rules"]


@dataclass(frozen=True)
class ThemeOptions:
    """gemeente.yaml `themes:`: how opgaven are found (see `themes`)."""

    n_themes: int | str = "auto"
    seeds: dict[str, list[str]] | None = None  # opgave -> seed words
    min_confidence: float | None = None  # None: the model's own default


@dataclass(frozen=True)
class ReachOptions:
    """gemeente.yaml `reach:`: how participants are compared with the population (see `reach`)."""

    ratio_threshold: float = 0.67  # a group is under-represented when its ratio's upper bound is below this
    confidence: float = 0.95
    trim: tuple[float, float] | None = (0.2, 5.0)  # weight bounds relative to the mean weight
    max_iter: int = 1000
    tol: float = 1e-8
    random_state: int = 0  # for Monte Carlo p-values
    n_simulations: int = 20_000
    intersections: tuple[str, ...] | None = None  # None: every joint population dimension available
    rake_dimensions: tuple[str, ...] | None = None  # None: the usable single dimensions
    min_factor: float = 1.5  # how much better a channel must reach a group to be advised


# The options `reach.analyse_reach` takes as keywords besides ratio_threshold, with their defaults.
REACH_OPTIONS = {f.name: f.default for f in fields(ReachOptions) if f.name != "ratio_threshold"}


# Verdict rules per participation level (gemeente.yaml `draagvlak:`). The more say residents get, the more
# votes, the clearer the majority and the broader the reach the council should ask for before calling
# something draagvlak.
DEFAULT_RULES: dict[str, dict] = {
    "informeren": {"min_votes": 10, "support": 0.50, "broad_support": 0.67, "min_group_support": 0.40,
                   "max_divisiveness": 0.50, "group_difference": 0.15, "require_reach": False},
    "raadplegen": {"min_votes": 30, "support": 0.50, "broad_support": 0.67, "min_group_support": 0.40,
                   "max_divisiveness": 0.50, "group_difference": 0.15, "require_reach": False},
    "adviseren": {"min_votes": 50, "support": 0.50, "broad_support": 0.67, "min_group_support": 0.45,
                  "max_divisiveness": 0.45, "group_difference": 0.15, "require_reach": False},
    "coproduceren": {"min_votes": 50, "support": 0.55, "broad_support": 0.70, "min_group_support": 0.50,
                     "max_divisiveness": 0.40, "group_difference": 0.15, "require_reach": False},
    "meebeslissen": {"min_votes": 100, "support": 0.60, "broad_support": 0.75, "min_group_support": 0.50,
                     "max_divisiveness": 0.40, "group_difference": 0.15, "require_reach": True},
}  # fmt: skip
RULE_KINDS = {"min_votes": "count", "support": "share", "broad_support": "share",
              "min_group_support": "share", "max_divisiveness": "share", "group_difference": "share",
              "require_reach": "bool"}  # fmt: skip


def check_rules(rules: Mapping | None) -> dict[str, dict]:
    """The draagvlak rules from ``gemeente.yaml`` merged with ``DEFAULT_RULES``; level -> complete rule dict.

    Accepted shapes (all optional)::

        draagvlak:
          support: 0.55            # a rule at the top level applies to every level ...
          meebeslissen:            # ... a rule under a level overrides it for that level
            min_votes: 200
            require_reach: true

    Rules: ``min_votes`` (integer >= 1), ``support``, ``broad_support``, ``min_group_support``,
    ``max_divisiveness``, ``group_difference`` (numbers between 0 and 1), ``require_reach`` (true/false);
    ``broad_support`` must be at least ``support``. Raises ``UserError`` naming the key path
    (e.g. ``draagvlak.raadplegen.support``) on anything else. The output is accepted again unchanged.
    """
    merged = {level: dict(values) for level, values in DEFAULT_RULES.items()}
    if rules is None:
        return merged
    if not isinstance(rules, Mapping):
        raise UserError(f"draagvlak: expected a mapping of rules, got {type(rules).__name__}")

    def check_value(path: str, key: str, value):
        kind = RULE_KINDS[key]
        if kind == "bool":
            if not isinstance(value, (bool, np.bool_)):
                raise UserError(f"{path}: must be true or false, got {value!r}")
            return bool(value)
        if (
            isinstance(value, (bool, np.bool_))
            or not isinstance(value, (int, float, np.integer, np.floating))
            or not math.isfinite(float(value))
        ):
            raise UserError(f"{path}: must be a number, got {value!r}")
        if kind == "count":
            if float(value) != int(value) or value < 1:
                raise UserError(f"{path}: must be a whole number of at least 1, got {value!r}")
            return int(value)
        if not 0.0 <= float(value) <= 1.0:
            raise UserError(f"{path}: must be a share between 0 and 1 (e.g. 0.5 for 50%), got {value!r}")
        return float(value)

    for key, value in rules.items():
        if key in RULE_KINDS:
            checked = check_value(f"draagvlak.{key}", key, value)
            for level in PARTICIPATION_LEVELS:
                merged[level][key] = checked
    for key, value in rules.items():
        if key in RULE_KINDS:
            continue
        if key not in PARTICIPATION_LEVELS:
            raise UserError(
                f"draagvlak.{key}: unknown key; expected a participation level "
                f"({', '.join(PARTICIPATION_LEVELS)}) or a rule ({', '.join(RULE_KINDS)})"
            )
        if value is None:
            continue
        if not isinstance(value, Mapping):
            raise UserError(f"draagvlak.{key}: expected a mapping of rules, got {value!r}")
        for rule, rule_value in value.items():
            if rule not in RULE_KINDS:
                raise UserError(f"draagvlak.{key}.{rule}: unknown rule; expected one of {', '.join(RULE_KINDS)}")
            merged[key][rule] = check_value(f"draagvlak.{key}.{rule}", rule, rule_value)
    for level, values in merged.items():
        if values["broad_support"] < values["support"]:
            raise UserError(
                f"draagvlak.{level}.broad_support: must be at least support "
                f"({values['support']}), got {values['broad_support']}"
            )
    return merged
