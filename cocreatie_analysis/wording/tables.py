"""Processed tables as a reader sees them: codes replaced by words, groups by readable names.

The processed Parquet tables hold codes and numbers (the contract between the analysis and the reports). For
a report page or the Excel workbook, `readable` adds the words in the report's language where the codes are:
group names next to categories, sentences for verdicts, advice and warnings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from ..vocabulary import OFFER_KINDS
from .cooperatives import cooperative_description, kind_counts, kind_label, mix_lines
from .draagvlak import INDICATIVE_LABELS, VERDICT_LABELS, indicative_reasons, verdict_reasons
from .kompas import advice_text
from .labels import EFFECT_SIZE_LABELS, dimension_label, group_label
from .reach import channel_advice_text, suspect_description, warning_message

__all__ = ["TableContext", "readable", "table_context"]


@dataclass(frozen=True)
class TableContext:
    """What the words depend on besides the table: the report language and the settings of the analysis."""

    language: str = "nl"
    min_cell_size: int = 10
    ratio_threshold: float = 0.67
    rules: Mapping[str, dict] = field(default_factory=dict)  # participation level -> draagvlak rule


def _insert_after(frame: pd.DataFrame, after: str, name: str, values) -> pd.DataFrame:
    frame = frame.copy()
    frame.insert(frame.columns.get_loc(after) + 1, name, list(values))
    return frame


def _with_groups(frame: pd.DataFrame, context: TableContext) -> pd.DataFrame:
    groups = [group_label(d, c, context.language) for d, c in zip(frame["dimension"], frame["category"])]
    return _insert_after(frame, "category", "group", groups)


def _suspects(frame: pd.DataFrame, context: TableContext) -> pd.DataFrame:
    frame = _with_groups(frame, context)
    frame["description"] = [
        suspect_description(
            r.group, r.kind, r.population_share, r.sample_share, r.times_less, context.min_cell_size, context.language
        )
        for r in frame.itertuples()
    ]
    return frame.drop(columns="kind")


def _channel_advice(frame: pd.DataFrame, context: TableContext) -> pd.DataFrame:
    frame = _with_groups(frame, context)
    frame["advice"] = [
        channel_advice_text(
            r.kind,
            r.group,
            r.best_channel,
            r.compared_channel,
            r.factor,
            bool(r.at_least),
            r.best_ratio,
            r.compared_ratio,
            context.ratio_threshold,
            context.language,
            r.outreach,
        )
        for r in frame.itertuples()
    ]
    return frame.drop(columns="outreach")


def _tests(frame: pd.DataFrame, context: TableContext) -> pd.DataFrame:
    frame = _insert_after(
        frame, "dimension", "dimension_label", [dimension_label(d, context.language) for d in frame["dimension"]]
    )
    labels = EFFECT_SIZE_LABELS[context.language]
    frame["effect_size"] = [labels.get(code, "") for code in frame["effect_size"]]
    return frame


def _warnings(frame: pd.DataFrame, context: TableContext) -> pd.DataFrame:
    messages = [
        warning_message(
            r.code,
            context.language,
            r.dimension,
            r.category,
            None if pd.isna(r.n) else r.n,
            r.hidden if isinstance(r.hidden, str) else "",
            r.params,
            context.min_cell_size,
            readable=True,
        )
        for r in frame.itertuples()
    ]
    return frame.drop(columns=["n", "hidden", "params"]).assign(message=messages)


def _statements(frame: pd.DataFrame, context: TableContext) -> pd.DataFrame:
    labels = VERDICT_LABELS[context.language]
    reasons = [verdict_reasons(r, context.rules[r.level], context.language) for r in frame.itertuples()]
    frame = _insert_after(frame, "verdict_code", "verdict", [labels[c] for c in frame["verdict_code"]])
    frame = _insert_after(frame, "verdict", "reasons", reasons)
    return frame.drop(
        columns=["reason_code", "lowest_group", "differing_groups", "weighted", "reach_status", "reach_groups"]
    )


def _indicative(frame: pd.DataFrame, context: TableContext) -> pd.DataFrame:
    labels = INDICATIVE_LABELS[context.language]
    return frame.assign(
        verdict=[labels[c] for c in frame["verdict_code"]],
        reasons=[indicative_reasons(r, context.min_cell_size, context.language) for r in frame.itertuples()],
    )


def _kompas(frame: pd.DataFrame, context: TableContext) -> pd.DataFrame:
    advice = [
        advice_text(
            r.advice_codes,
            r.participation_level,
            r.n_participants,
            r.share_offers,
            r.share_negative,
            context.language,
            getattr(r, "advised_level", None),
        )
        for r in frame.itertuples()
    ]
    frame = _insert_after(frame, "advice_codes", "advice", advice)
    return frame.drop(columns="advice_codes")


def _cooperatives(frame: pd.DataFrame, context: TableContext) -> pd.DataFrame:
    kinds = [
        kind_counts({k: int(getattr(r, f"n_{k}")) for k in OFFER_KINDS}, context.language) for r in frame.itertuples()
    ]
    mix = [
        mix_lines(r.mix_dimension, r.mix_category, r.mix_n, context.min_cell_size, context.language)
        for r in frame.itertuples()
    ]
    description = [cooperative_description(code, context.language) for code in frame["description_code"]]
    return frame.assign(kinds=kinds, mix=mix, description=description).drop(
        columns=["mix_dimension", "mix_category", "mix_n", "description_code"]
    )


def _offers(frame: pd.DataFrame, context: TableContext) -> pd.DataFrame:
    return frame.assign(kind=[kind_label(k, context.language) for k in frame["kind"]])


_READABLE = {
    "reach_representation": _with_groups, "reach_intersections": _with_groups, "reach_channel_reach": _with_groups,
    "reach_weight_margins": _with_groups, "reach_dimension_tests": _tests, "reach_unusual_suspects": _suspects,
    "reach_channel_advice": _channel_advice, "reach_warnings": _warnings, "draagvlak_statements": _statements,
    "draagvlak_indicative": _indicative, "kompas": _kompas, "kompas_cooperatives": _cooperatives,
    "kompas_offers": _offers,
}  # fmt: skip


def readable(name: str, table: pd.DataFrame | None, context: TableContext) -> pd.DataFrame | None:
    """Processed table `name` with the words a reader needs in place of codes (other tables unchanged)."""
    if table is None or name not in _READABLE:
        return table
    return _READABLE[name](table.reset_index(drop=True), context)


def table_context(results) -> TableContext:
    """The context of one municipality's processed results (their summary and draagvlak rules)."""
    summary = results["summary"].iloc[0]
    rules = results.get("draagvlak_rules")
    return TableContext(
        language="en" if summary["language"] == "en" else "nl",
        min_cell_size=int(summary["min_cell_size"]),
        ratio_threshold=float(summary["ratio_threshold"]) if "ratio_threshold" in summary else 0.67,
        rules={} if rules is None else {r["level"]: r for r in rules.to_dict("records")},
    )
