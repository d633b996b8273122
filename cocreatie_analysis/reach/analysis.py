"""`analyse_reach`: the whole reach analysis for one municipality, as parquet-safe tables for the reports."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..config import REACH_OPTIONS
from ..errors import UserError
from ..vocabulary import JOINT_SEP
from .ages import harmonise_age_with_issues
from .channels import ADVICE_COLUMNS, CHANNEL_COLUMNS, channel_advice, channel_membership, participants_from_inputs
from .issues import Issue, emit, typed_frame, warnings_table
from .population import (
    code_participants,
    coding_issues,
    margin_total_issue,
    population_margins,
    sample_issues,
    split_joint,
)
from .raking import Raker
from .representation import CELL_COLUMNS, TEST_COLUMNS, Settings, representation_cells
from .suspects import unusual_suspects

__all__ = ["analyse_reach"]


# --------------------------------------------------------------------------------------------- analyse_reach
DIAGNOSTIC_COLUMNS = {
    "n_participants": "int64",
    "dimensions": "str",
    "iterations": "int64",
    "converged": "bool",
    "max_change": "float64",
    "max_margin_error": "float64",
    "trim_lower": "float64",
    "trim_upper": "float64",
    "n_trimmed": "int64",
    "weight_min": "float64",
    "weight_max": "float64",
    "design_effect": "float64",
    "effective_sample_size": "float64",
}


WEIGHT_MARGIN_COLUMNS = {
    "dimension": "str",
    "category": "str",
    "population_share": "float64",
    "target_share": "float64",
    "sample_share": "float64",
    "weighted_share": "float64",
    "suppressed": "bool",
}


def analyse_reach(
    participants: pd.DataFrame | None,
    population: pd.DataFrame,
    dimensions=None,
    inputs=None,
    min_cell_size: int = 10,
    ratio_threshold: float = 0.67,
    **options,
) -> dict[str, pd.DataFrame]:
    """The whole reach analysis for one municipality, as parquet-safe tables for the reports.

    Lenient where :func:`representation` and :func:`rake` are strict: dimensions missing from the population or
    the participants, or with only zero counts, are left out with a warning instead of an error. Attributes
    the participants table lacks but the inputs carry (e.g. ``district``) are taken from the inputs (the most
    frequent value per participant); with no participants table, participants are the inputs' participant_ids.

    Options (keyword, e.g. from gemeente.yaml ``reach:``): confidence (0.95), trim ((0.2, 5.0) or None),
    max_iter (1000), tol (1e-8), random_state (0, for Monte Carlo p-values), n_simulations (20000),
    intersections (None = every joint population dimension the participants have), rake_dimensions (None = the
    usable single dimensions), min_factor (1.5, channel advice).

    Returns a dict of DataFrames:

    * ``representation``: as :func:`representation` (with suppression) for the single dimensions.
    * ``dimension_tests``: dimension, n, n_missing, n_unknown, n_categories, n_suppressed, chi2, df,
      p_value, p_value_method, cohens_w, effect_size (negligible, small, medium, large), dissimilarity,
      participation_rate, r_indicator, partial_r, cv_participation — one row per single and joint dimension.
    * ``unusual_suspects``: dimension, category, kind (hidden, absent, ratio), n, n_label, sample_share,
      population_share, ratio, ratio_high, times_less, at_least, sorted by ratio.
    * ``intersections``: the representation columns plus dimension_1, category_1, dimension_2, category_2, …
    * ``channel_reach``: channel, channel_participants + the representation columns, per channel.
    * ``channel_advice``: dimension, category, kind ("channel", "best_channel" or "outreach"), best_channel,
      best_ratio, compared_channel, compared_ratio, factor, at_least, p_value, outreach (the kind of group, for
      suggestions how to seek it out).
    * ``weights``: participant_id, weight (mean 1).
    * ``weight_diagnostics``: one row — n_participants, dimensions, iterations, converged, max_change,
      max_margin_error, trim_lower, trim_upper, n_trimmed, weight_min, weight_max, design_effect,
      effective_sample_size.
    * ``weight_margins``: dimension, category, population_share, target_share, sample_share,
      weighted_share, suppressed.
    * ``warnings``: dimension, category, code, n, hidden, params (JSON); small groups hidden.

    Every table holds codes and numbers; `wording` turns them into sentences and readable names.
    """
    unknown = sorted(set(options) - set(REACH_OPTIONS))
    if unknown:
        raise UserError(
            f"unknown reach option(s) {', '.join(unknown)}; known options: ratio_threshold, {', '.join(REACH_OPTIONS)}"
        )
    opts = {**REACH_OPTIONS, **options}
    if not (isinstance(min_cell_size, int | np.integer) and min_cell_size >= 1):
        raise UserError(f"min_cell_size must be an integer ≥ 1, not {min_cell_size!r}")
    if not (0 < float(ratio_threshold) <= 1):
        raise UserError(f"ratio_threshold must be a number in (0, 1], not {ratio_threshold!r}")
    if not (0.5 < float(opts["confidence"]) < 1):
        raise UserError(f"confidence must be between 0.5 and 1, not {opts['confidence']!r}")
    s = Settings(
        float(opts["confidence"]),
        float(ratio_threshold),
        int(min_cell_size),
        int(opts["n_simulations"]),
        np.random.default_rng(opts["random_state"]),
    )

    margins, issues = population_margins(population)
    requested = (
        [JOINT_SEP.join(split_joint(d)) for d in dimensions]
        if dimensions
        else [d for d, m in margins.items() if len(m.components) == 1]
    )
    participants = participants_from_inputs(
        participants, inputs, sorted({c for d in list(requested) + list(margins) for c in split_joint(d)})
    )
    if participants is None:
        participants = pd.DataFrame({"participant_id": pd.Series(dtype="str")})
    if "participant_id" not in participants.columns:
        raise UserError("participants: no column 'participant_id'")
    participants, age_issues = harmonise_age_with_issues(participants, margins)
    issues += age_issues

    dims = []
    for d in requested:
        if d not in margins:
            issues.append(Issue("dimension_missing_population", d))
        elif any(c not in participants.columns for c in margins[d].components):
            issues.append(Issue("dimension_missing_participants", d))
        elif margins[d].total <= 0:
            issues.append(Issue("population_zero", d))
        else:
            dims.append(d)
    if opts["intersections"] is None:
        joint = [
            d
            for d, m in margins.items()
            if len(m.components) > 1
            and m.total > 0
            and all(c in participants.columns for c in m.components)
            and d not in dims
        ]
    else:
        joint = []
        for d in (JOINT_SEP.join(split_joint(x)) for x in opts["intersections"]):
            reason = None
            if d not in margins:
                reason = "not_in_population"
            elif any(c not in participants.columns for c in margins[d].components):
                reason = "component_missing"
            if reason:
                issues.append(Issue("intersection_unavailable", d, params={"reason": reason}))
            else:
                joint.append(d)

    # Representation, tests, intersections.
    coded = {d: code_participants(participants, margins[d]) for d in dims + joint}
    counts = {d: np.bincount(c.codes[c.codes >= 0], minlength=len(margins[d].categories)) for d, c in coded.items()}
    for d in dims:
        issues += coding_issues(coded[d], margins[d]) + sample_issues(counts[d], margins[d])
    issues += margin_total_issue(margins, dims)
    rep_frames, tests, inter_frames = [], [], []
    for d in dims + joint:
        cells, test, monte_carlo = representation_cells(margins[d], counts[d], s, coded[d])
        tests.append(test)
        if monte_carlo:
            issues.append(Issue("chi2_small_expected", d))
        if d in dims:
            rep_frames.append(cells)
        else:
            comps = margins[d].components
            parts = [split_joint(c) for c in cells["category"]]
            for j, comp in enumerate(comps):
                cells[f"dimension_{j + 1}"] = comp
                cells[f"category_{j + 1}"] = pd.Series([p[j] for p in parts], index=cells.index, dtype="str")
            inter_frames.append(cells)
    table = pd.concat(rep_frames, ignore_index=True) if rep_frames else typed_frame([], CELL_COLUMNS)
    intersections = (
        pd.concat(inter_frames, ignore_index=True)
        if inter_frames
        else typed_frame(
            [], {**CELL_COLUMNS, "dimension_1": "str", "category_1": "str", "dimension_2": "str", "category_2": "str"}
        )
    )
    test_table = typed_frame(tests, TEST_COLUMNS)
    totals = {t["dimension"]: t["n"] for t in tests}
    suspects = unusual_suspects(table, s, totals)

    # Channel reach and advice.
    membership, missing_column = channel_membership(participants, inputs)
    channel_frames, channel_cells, sizes, known = [], {}, {}, {}
    if inputs is not None and missing_column:
        issues.append(Issue("channel_unavailable", params={"reason": "column_missing", "column": missing_column}))
    for channel, mask in membership.items():
        size = int(mask.sum())
        if size < min_cell_size:
            issues.append(Issue("channel_too_small", "channel", channel, params={"k": min_cell_size}))
            continue
        frames = []
        for d in dims:
            codes = coded[d].codes[mask]
            n_k = np.bincount(codes[codes >= 0], minlength=len(margins[d].categories))
            known[(channel, d)] = int(n_k.sum())
            frames.append(representation_cells(margins[d], n_k, s)[0])
        if frames:
            cells = pd.concat(frames, ignore_index=True)
            cells.insert(0, "channel_participants", size)
            cells.insert(0, "channel", channel)
            channel_cells[channel] = cells
            sizes[channel] = size
            channel_frames.append(cells)
    channel_reach = (
        pd.concat(channel_frames, ignore_index=True).astype(CHANNEL_COLUMNS)
        if channel_frames
        else typed_frame([], CHANNEL_COLUMNS)
    )
    advice = (
        channel_advice(suspects, channel_cells, sizes, known, s, float(opts["min_factor"]))
        if len(suspects)
        else typed_frame([], ADVICE_COLUMNS)
    )

    # Weights.
    rake_dims = [
        d
        for d in (opts["rake_dimensions"] or dims)
        if d in margins and margins[d].total > 0 and all(c in participants.columns for c in margins[d].components)
    ]
    if len(participants):
        raker = Raker(rake_dims, max_iter=int(opts["max_iter"]), tol=float(opts["tol"]), trim=opts["trim"])
        rake_issues = raker._fit(participants, None, None, margins=margins)
        # Coding issues were already reported for the representation; keep only the weighting's own.
        issues += [
            i for i in rake_issues if i.code in ("not_converged", "trimmed", "high_design_effect", "no_dimensions")
        ]
        weights = pd.DataFrame({"participant_id": raker.weights_.index.to_numpy(), "weight": raker.weights_.to_numpy()})
        w = raker.weights_.to_numpy()
        diagnostics = typed_frame(
            [
                {
                    "n_participants": len(w),
                    "dimensions": ", ".join(raker.dimensions_),
                    "iterations": raker.n_iter_,
                    "converged": raker.converged_,
                    "max_change": raker.max_change_,
                    "max_margin_error": raker.margin_error_,
                    "trim_lower": raker.trim_bounds_[0],
                    "trim_upper": raker.trim_bounds_[1],
                    "n_trimmed": raker.n_trimmed_,
                    "weight_min": float(w.min()),
                    "weight_max": float(w.max()),
                    "design_effect": raker.design_effect_,
                    "effective_sample_size": raker.effective_sample_size_,
                }
            ],
            DIAGNOSTIC_COLUMNS,
        )
        wm = raker.margins_.copy()
        # the cells the representation hides, hidden here too (the same rule, so no table reveals another's)
        shown = table.set_index(["dimension", "category"])["suppressed"]
        small = (wm["n"] > 0) & (wm["n"] < min_cell_size)
        hidden = [bool(shown.get((d, c), h)) for d, c, h in zip(wm["dimension"], wm["category"], small)]
        hidden = np.asarray(hidden, dtype=bool)
        wm["suppressed"] = hidden
        wm.loc[hidden, "sample_share"] = np.nan
        weight_margins = typed_frame(wm[list(WEIGHT_MARGIN_COLUMNS)].to_dict("records"), WEIGHT_MARGIN_COLUMNS)
    else:
        weights = typed_frame([], {"participant_id": "str", "weight": "float64"})
        diagnostics = typed_frame([], DIAGNOSTIC_COLUMNS)
        weight_margins = typed_frame([], WEIGHT_MARGIN_COLUMNS)
    emit(issues)
    return {
        "representation": table,
        "dimension_tests": test_table,
        "unusual_suspects": suspects,
        "intersections": intersections,
        "channel_reach": channel_reach,
        "channel_advice": advice,
        "weights": weights,
        "weight_diagnostics": diagnostics,
        "weight_margins": weight_margins,
        "warnings": warnings_table(issues, min_cell_size),
    }
