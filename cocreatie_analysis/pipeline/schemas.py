"""The processed tables' schemas: the contract between the analysis and the reports, declared once.

`save_results` checks every table before writing it and `load_results` after reading it, so a report never
reads a table of another shape than the analysis meant to write, and no column the schema does not name (a
stray raw text or identifier, say) reaches `data/processed/`. Shares lie in [0, 1], counts are at least 0 and
codes come from their fixed lists.
"""

from __future__ import annotations

import pandera.pandas as pa

from ..draagvlak.verdicts import REACH_STATUSES, REASON_CODES
from ..kompas.advice import ADVICE_CODES
from ..kompas.cooperatives import DESCRIPTION_CODES
from ..kompas.offers import KINDS
from ..reach.representation import EFFECT_SIZES
from ..vocabulary import ACCEPTED, PARTICIPATION_LEVELS, UNMODERATED, VERDICT_CODES

__all__ = ["SCHEMAS", "check_table"]

# Column kinds: (dtype, nullable, checks). None as dtype: any (text and lists change dtype on a Parquet round trip).
_SHARE = pa.Check.in_range(0.0, 1.0)
_KINDS = {
    "id": ("str", False, []),
    "text": (None, True, []),
    "label": ("str", True, []),
    "list": (None, True, []),
    "int": ("int64", False, []),
    "count": ("int64", False, [pa.Check.ge(0)]),
    "hidden_count": ("Int64", True, [pa.Check.ge(0)]),
    "float": ("float64", True, []),
    "share": ("float64", True, [_SHARE]),
    "bool": ("bool", False, []),
    "date": ("datetime64[ns]", True, []),
}


_ADVICE = (
    None,
    False,
    [
        pa.Check(
            lambda s: s.map(lambda codes: set(codes) <= set(ADVICE_CODES)),
            error="advice codes must be kompas.ADVICE_CODES",
        )
    ],
)


def _code(values) -> tuple:
    return "str", True, [pa.Check.isin(list(values) + [""])]


_OFFER_KIND = ("string", True, [pa.Check.isin(list(KINDS))])  # missing where the input holds no offer


def _schema(columns: dict[str, str | tuple], optional: tuple[str, ...] = ()) -> pa.DataFrameSchema:
    built = {}
    for name, kind in columns.items():
        dtype, nullable, checks = kind if isinstance(kind, tuple) else _KINDS[kind]
        built[name] = pa.Column(dtype, checks=checks, nullable=nullable, required=name not in optional)
    return pa.DataFrameSchema(built, strict=True)


_CELLS = {
    "dimension": "label", "category": "label", "n": "hidden_count", "n_label": "label", "sample_share": "share",
    "population_share": "share", "population_count": "float", "ratio": "float", "ratio_low": "float",
    "ratio_high": "float", "p_value": "share", "under_represented": "bool", "over_represented": "bool",
    "participation_rate": "float", "partial_r": "float", "partial_r_relative": "float", "suppressed": "bool",
}  # fmt: skip

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "inputs": _schema(
        {
            "input_id": "id",
            "text": "text",
            "participant_id": "label",
            "channel": "label",
            "date": "date",
            "question": "text",
            "theme_id": "int",
            "theme": "label",
            "theme_confidence": "share",
            "sentiment": "float",
            "offers_help": "bool",
            "offer_kind": _OFFER_KIND,
        },
        optional=("participant_id", "channel", "date", "question"),
    ),
    "themes": _schema(
        {
            "theme_id": "int",
            "name": "label",
            "size": "count",
            "top_terms": "list",
            "examples": "list",
            "seeded": "bool",
            "key_phrase": "label",
            "mean_confidence": "share",
            "n_participants": "count",
            "sentiment_mean": "float",
        }
    ),
    "memberships": _schema({"input_id": "id", "theme_id": "int", "membership": "share"}),
    "counts": _schema(
        {
            "dimension": "label",
            "category": "label",
            "n_inputs": "float",
            "n_participants": "float",
            "suppressed": "bool",
        }
    ),
    "kompas": _schema(
        {
            "theme_id": "int",
            "opgave": "label",
            "n_inputs": "count",
            "n_participants": "count",
            "share_participants": "share",
            "sentiment_mean": "float",
            "share_negative": "share",
            "share_neutral": "share",
            "share_positive": "share",
            "n_offers": "count",
            "share_offers": "share",
            "participation_level": _code(PARTICIPATION_LEVELS),
            "advice_codes": _ADVICE,
            "advised_level": _code(PARTICIPATION_LEVELS),
            "top_terms": "list",
            "concerns": "list",
            "appreciation": "list",
            "offers": "list",
            "level_chosen": "bool",
        }
    ),
    # Mix of those offering: parallel lists per shown category; mix_n NaN where the suppression rule hides it.
    "kompas_cooperatives": _schema(
        {
            "theme_id": "int",
            "opgave": "label",
            "n_offers": "count",
            "share_offers": "share",
            **{f"n_{kind}": "count" for kind in KINDS},
            "mix_dimension": "list",
            "mix_category": "list",
            "mix_n": "list",
            "description_code": _code(DESCRIPTION_CODES),
        }
    ),
    # The full list of offers: no participant id, wijk or other per-person attribute (strict schema).
    "kompas_offers": _schema({"theme_id": "int", "opgave": "label", "kind": _OFFER_KIND, "quote": "text"}),
    "summary": _schema(
        {
            "gemeente": "label",
            "name": "label",
            "cbs_code": "label",
            "fictional": "bool",
            "language": "label",
            "title": "text",
            "period_start": "label",
            "period_end": "label",
            "n_inputs": "count",
            "n_input_participants": "count",
            "n_participants": "count",
            "n_offering": "count",
            "n_statements": "count",
            "n_votes": "count",
            "n_voters": "count",
            "n_themes": "count",
            "share_unthemed": "share",
            "min_cell_size": "count",
            "cooperative_min_offers": "count",
            "ratio_threshold": "share",
            "n_withdrawn": "count",
            "opinion_min_votes": "count",
            "opinion_damping": ("float64", False, [pa.Check.ge(0)]),
            "opinion_base_clusters": "count",
            "opinion_max_groups": "count",
            "composition_difference": "share",
            "composition_alpha": "share",
            "n_warnings": "count",
        }
    ),
    "warnings": _schema({"file": "label", "column": "label", "message": "text", "n_rows": "count"}),
    "reach_representation": _schema(_CELLS),
    "reach_intersections": _schema(
        {
            **_CELLS,
            "dimension_1": "label",
            "category_1": "label",
            "dimension_2": "label",
            "category_2": "label",
            "dimension_3": "label",
            "category_3": "label",
        },
        optional=("dimension_3", "category_3"),
    ),
    "reach_channel_reach": _schema({"channel": "label", "channel_participants": "count", **_CELLS}),
    "reach_dimension_tests": _schema(
        {
            "dimension": "label",
            "n": "hidden_count",
            "n_missing": "hidden_count",
            "n_unknown": "hidden_count",
            "n_categories": "count",
            "n_suppressed": "count",
            "chi2": "float",
            "df": "hidden_count",
            "p_value": "share",
            "p_value_method": _code(("chi2", "monte_carlo")),
            "cohens_w": "float",
            "effect_size": _code(EFFECT_SIZES),
            "dissimilarity": "share",
            "participation_rate": "float",
            "r_indicator": "float",
            "partial_r": "float",
            "cv_participation": "float",
        }
    ),
    "reach_unusual_suspects": _schema(
        {
            "dimension": "label",
            "category": "label",
            "kind": _code(("hidden", "absent", "ratio")),
            "n": "hidden_count",
            "n_label": "label",
            "sample_share": "share",
            "population_share": "share",
            "ratio": "float",
            "ratio_high": "float",
            "times_less": "float",
            "at_least": "bool",
        }
    ),
    "reach_channel_advice": _schema(
        {
            "dimension": "label",
            "category": "label",
            "kind": _code(("channel", "best_channel", "outreach")),
            "best_channel": "label",
            "best_ratio": "float",
            "compared_channel": "label",
            "compared_ratio": "float",
            "factor": "float",
            "at_least": "bool",
            "p_value": "share",
            "outreach": "label",
        }
    ),
    "reach_weight_diagnostics": _schema(
        {
            "n_participants": "count",
            "dimensions": "label",
            "iterations": "count",
            "converged": "bool",
            "max_change": "float",
            "max_margin_error": "float",
            "trim_lower": "float",
            "trim_upper": "float",
            "n_trimmed": "count",
            "weight_min": "float",
            "weight_max": "float",
            "design_effect": "float",
            "effective_sample_size": "float",
        }
    ),
    "reach_weight_margins": _schema(
        {
            "dimension": "label",
            "category": "label",
            "population_share": "share",
            "target_share": "share",
            "sample_share": "share",
            "weighted_share": "share",
            "suppressed": "bool",
        }
    ),
    "reach_warnings": _schema(
        {
            "dimension": "label",
            "category": "label",
            "code": "label",
            "n": "hidden_count",
            "hidden": _code(("small", "pooled")),
            "params": "text",
        }
    ),
    "draagvlak_statements": _schema(
        {
            "statement_id": "id",
            "text": "text",
            "theme": "label",
            # withdrawn statements (-1) are never reported: only not moderated (0) and accepted (1) pass
            "moderated": ("int64", False, [pa.Check.isin([UNMODERATED, ACCEPTED])]),
            "level": _code(PARTICIPATION_LEVELS),
            "n_votes": "count",
            "n_agree": "count",
            "n_disagree": "count",
            "n_pass": "count",
            "support": "share",
            "support_low": "share",
            "support_high": "share",
            "opposition": "share",
            "pass_share": "share",
            "support_weighted": "share",
            "weighted_low": "share",
            "weighted_high": "share",
            "n_effective": "float",
            "consensus": "share",
            "consensus_demographic": "share",
            "divisiveness": "share",
            "verdict_code": _code(VERDICT_CODES),
            "reason_code": _code(REASON_CODES),
            "lowest_group": "text",
            "differing_groups": "text",
            "weighted": "bool",
            "reach_status": _code(REACH_STATUSES),
            "reach_groups": "text",
        }
    ),
    "draagvlak_group_support": _schema(
        {
            "statement_id": "id",
            "dimension": "label",
            "category": "label",
            "n": "hidden_count",
            "n_agree": "hidden_count",
            "n_disagree": "hidden_count",
            "support": "share",
            "low": "share",
            "high": "share",
            "suppressed": "bool",
        }
    ),
    "draagvlak_opinion_groups": _schema(
        {
            "group": "int",
            "label": "label",
            "x": "float",
            "y": "float",
            "n_votes": "count",
            # only for people below the vote bar, and only indicative: never in sizes, support or verdicts
            "indicative_group": ("Int64", True, [pa.Check.ge(0)]),
        }
    ),
    "draagvlak_group_profiles": _schema(
        {
            "group": "int",
            "label": "label",
            "n": "count",
            "rank": "count",
            "statement_id": "id",
            "text": "text",
            "direction": _code(("agree", "disagree")),
            "share_group": "share",
            "share_rest": "share",
            "agree_group": "share",
            "agree_rest": "share",
            "repness": "float",
            "repness_test": "float",
            "score": "float",
            "significant": "bool",
        }
    ),
    "draagvlak_group_composition": _schema(
        {
            "group": "int",
            "label": "label",
            "n": "count",
            "dimension": "label",
            "category": "label",
            "count": "hidden_count",
            "share": "share",
            "share_all": "share",
            "suppressed": "bool",
        }
    ),
    "draagvlak_group_differences": _schema(
        {
            "group": "int",
            "label": "label",
            "n": "count",
            "rank": "count",
            "dimension": "label",
            "category": "label",
            "share": "share",
            "share_all": "share",
            "difference": ("float64", False, [pa.Check.in_range(-1.0, 1.0)]),
        }
    ),
    "draagvlak_rules": _schema(
        {
            "level": _code(PARTICIPATION_LEVELS),
            "min_votes": "count",
            "support": "share",
            "broad_support": "share",
            "min_group_support": "share",
            "max_divisiveness": "share",
            "group_difference": "share",
            "require_reach": "bool",
        }
    ),
    "draagvlak_indicative": _schema(
        {
            "theme": "label",
            "n_inputs": "count",
            "n_participants": "count",
            "n_positive": "count",
            "n_neutral": "count",
            "n_negative": "count",
            "share_positive": "share",
            "share_negative": "share",
            "net": "float",
            "net_low": "float",
            "net_high": "float",
            "support": "share",
            "support_low": "share",
            "support_high": "share",
            "indicative": "bool",
            "verdict_code": _code(VERDICT_CODES),
        }
    ),
}


def check_table(name: str, table):
    """`table` checked against the schema of processed table `name` (SchemaError when it does not fit)."""
    if name not in SCHEMAS:
        raise KeyError(f"processed table {name!r} has no schema; declare it in pipeline.schemas")
    schema = SCHEMAS[name]
    if table.empty:  # an empty table has no values to check, and often no dtypes either: its columns must fit
        columns = set(table.columns)
        required = {c for c, column in schema.columns.items() if column.required}
        if not required <= columns <= set(schema.columns):
            raise pa.errors.SchemaError(
                schema, table, f"{name}: columns {sorted(columns)} do not fit the schema ({sorted(schema.columns)})"
            )
        return table
    return schema.validate(table, lazy=True)
