"""`assess`: the draagvlak assessment of one municipality's votes, as parquet-safe tables."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ..config import check_rules
from ..errors import UserError
from ..stats import wilson_interval
from ..vocabulary import OPINION_DIMENSION, PARTICIPATION_LEVELS, WITHDRAWN
from .consensus import group_counts, group_informed_consensus
from .groups import composition_differences, group_composition, group_profiles
from .moderation import moderation_status
from .opinion_groups import OpinionGroups, group_letter
from .support import cell_support, demographic_cells
from .verdicts import reach_status, verdict
from .votes import list_ids, prepare_votes

__all__ = ["OPINION_DIMENSION", "assess"]


def assess(
    votes: pd.DataFrame,
    statements: pd.DataFrame,
    participants: pd.DataFrame | None = None,
    weights: pd.Series | None = None,
    dimensions: Sequence[str] = (),
    representation: pd.DataFrame | None = None,
    participation_levels: Mapping | None = None,
    default_level: str = "raadplegen",
    rules: Mapping | None = None,
    min_cell_size: int = 10,
    random_state: int | None = 0,
) -> dict[str, pd.DataFrame]:
    """The draagvlak assessment: one dict of parquet-safe DataFrames (see the module docstring for methods).

    Keys and columns:

    * ``statements``: statement_id, text, theme, moderated (0 not moderated, 1 accepted), level, n_votes,
      n_agree, n_disagree, n_pass, support, support_low, support_high, opposition, pass_share,
      support_weighted, weighted_low, weighted_high, n_effective, consensus, consensus_demographic,
      divisiveness, verdict_code, reason_code, lowest_group (JSON, when a low group decided it),
      differing_groups (JSON; None when no group is shown), weighted (weights were given), reach_status
      (sufficient, insufficient, unchecked), reach_groups (JSON: the under-represented groups).
      `wording.draagvlak` turns these into the verdict and its reasons. Withdrawn statements
      (``moderated == -1``) are left out of this table and of every other one.
    * ``group_support``: statement_id, dimension, category, n, n_agree, n_disagree, support, low, high,
      suppressed — per demographic category and per opinion group (dimension ``opinion_group``, category the
      group letter); cells with fewer than ``min_cell_size`` voters have their figures blanked.
    * ``opinion_groups``: participant_id, group, label, x, y, n_votes (x, y: the projection, for a map;
      n_votes: all their votes, withdrawn statements included, as the vote bar counts them), indicative_group
      (only for people below the vote bar: the group nearest to their position, *indicative*, never part of
      a group's size, support or verdict; empty for placed people and for those without a position).
    * ``group_profiles``: group, label, n, rank, statement_id, text, direction (agree/disagree),
      share_group, share_rest, agree_group, agree_rest, repness, repness_test, score, significant — the
      statements that characterise each group (Pol.is' representativeness; groups below ``min_cell_size``
      are left out).
    * ``group_composition``: group, label, n, dimension, category, count, share, share_all, suppressed.
    * ``group_differences``: group, label, n, rank, dimension, category, share, share_all, difference — per
      opinion group the clearest differences in make-up from all placed voters (`groups.composition_differences`),
      from the composition's shown cells only.
    * ``rules``: level plus one column per rule, the rules in force.

    ``dimensions`` are columns of ``participants`` (ignored without participants); participants with an empty
    value are left out of that dimension. ``representation`` is reach's table (dimension, category, ...,
    under_represented); only ``under_represented`` is used, for the reasons and ``require_reach``.
    ``participation_levels`` maps a statement's theme to its level, else ``default_level``. Ids must be of
    one type per column (io reads them as text) for the tables to be parquet-safe.
    """
    rules = check_rules(rules)
    if default_level not in PARTICIPATION_LEVELS:
        raise UserError(
            f"default participation level {default_level!r} is not one of {', '.join(PARTICIPATION_LEVELS)}"
        )
    participation_levels = dict(participation_levels or {})
    for theme, level in participation_levels.items():
        if level not in PARTICIPATION_LEVELS:
            raise UserError(
                f"process.participation_levels.{theme}: {level!r} is not one of {', '.join(PARTICIPATION_LEVELS)}"
            )
    if isinstance(min_cell_size, bool) or not isinstance(min_cell_size, (int, np.integer)) or min_cell_size < 1:
        raise UserError(f"min_cell_size must be a positive integer, got {min_cell_size!r}")
    if not isinstance(statements, pd.DataFrame) or not {"statement_id", "text"} <= set(statements.columns):
        raise UserError("statements: expected a DataFrame with columns statement_id, text (and theme)")
    dup = statements["statement_id"][statements["statement_id"].duplicated()]
    if len(dup):
        raise UserError(f"statements: duplicate statement_id(s) {list_ids(pd.unique(dup))}")
    if participants is not None and "participant_id" not in participants.columns:
        raise UserError("participants: missing column participant_id")
    dimensions = list(dimensions or [])

    # Every vote places people in opinion groups as Pol.is places them; withdrawn statements are reported nowhere.
    all_votes = prepare_votes(votes, statements, participants)
    status = moderation_status(statements)
    withdrawn = set(status.index[status.to_numpy() == WITHDRAWN])
    v = all_votes[~all_votes["statement_id"].isin(withdrawn)].reset_index(drop=True)
    st = statements.assign(moderated=status.to_numpy())
    st = st[st["moderated"] != WITHDRAWN]
    if "theme" not in st.columns:
        st["theme"] = None
    st = st[["statement_id", "text", "theme", "moderated"]].reset_index(drop=True)
    st["theme"] = st["theme"].astype("str")  # text, empty when a statement has no opgave
    st["level"] = [
        participation_levels.get(t, default_level) if isinstance(t, str) else default_level for t in st["theme"]
    ]

    # ---- counts and raw support
    counts = (
        v.assign(
            n_votes=1,
            n_agree=(v["vote"] == 1).astype(int),
            n_disagree=(v["vote"] == -1).astype(int),
            n_pass=(v["vote"] == 0).astype(int),
        )
        .groupby("statement_id")[["n_votes", "n_agree", "n_disagree", "n_pass"]]
        .sum()
    )
    out = st.merge(counts, left_on="statement_id", right_index=True, how="left")
    for c in ("n_votes", "n_agree", "n_disagree", "n_pass"):
        out[c] = out[c].fillna(0).astype(np.int64)
    n = out["n_votes"].to_numpy(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["support"] = np.where(n > 0, out["n_agree"] / n, np.nan)
        out["opposition"] = np.where(n > 0, out["n_disagree"] / n, np.nan)
        out["pass_share"] = np.where(n > 0, out["n_pass"] / n, np.nan)
    out["support_low"], out["support_high"] = wilson_interval(out["support"], n)

    # ---- weighted support (Kish effective n)
    if weights is not None:
        w = pd.Series(weights, dtype=float)
        if (w < 0).any():
            raise UserError(f"weights: negative weight(s) for participant(s) {list_ids(w.index[w < 0])}")
        vw = v.assign(w=v["participant_id"].map(w))
        vw = vw[vw["w"].notna()]
        vw = vw.assign(wa=vw["w"] * (vw["vote"] == 1), w2=vw["w"] ** 2)
        wagg = vw.groupby("statement_id")[["w", "wa", "w2"]].sum()
        wagg = wagg.reindex(out["statement_id"])
        with np.errstate(invalid="ignore", divide="ignore"):
            sw = np.where(wagg["w"] > 0, wagg["wa"] / wagg["w"], np.nan)
            neff = np.where(wagg["w2"] > 0, wagg["w"] ** 2 / wagg["w2"], 0.0)
        out["support_weighted"] = sw
        out["n_effective"] = np.nan_to_num(neff)
        out["weighted_low"], out["weighted_high"] = wilson_interval(sw, out["n_effective"])
    else:
        out["support_weighted"] = np.nan
        out["weighted_low"] = np.nan
        out["weighted_high"] = np.nan
        out["n_effective"] = out["n_votes"].astype(float)

    # ---- opinion groups, consensus, divisiveness
    moderation = pd.DataFrame({"statement_id": status.index, "moderated": status.to_numpy()})
    og = OpinionGroups(random_state=random_state).fit(all_votes, moderation) if len(all_votes) else None
    groups = (
        og.groups_
        if og is not None
        else pd.Series([], dtype=np.int64, name="group", index=pd.Index([], name="participant_id"))
    )
    if len(v):
        gic = group_informed_consensus(v, groups)
        out["consensus"] = out["statement_id"].map(gic).astype(float)
    else:
        out["consensus"] = np.nan
    placed_groups = sorted(int(g) for g in pd.unique(groups) if g >= 0)
    if placed_groups:
        out.loc[out["n_votes"] == 0, "consensus"] = 0.5 ** len(placed_groups)
        gagg = group_counts(v, groups)
        net = (
            ((gagg["A"] - gagg["D"]) / (gagg["S"] + 2.0))
            .unstack("_group")
            .reindex(index=out["statement_id"], columns=placed_groups)
            .fillna(0.0)
        )
        div = (net.max(axis=1) - net.min(axis=1)) / 2.0
        out["divisiveness"] = div.to_numpy()
    else:
        out["divisiveness"] = np.nan

    # ---- per-group support (demographic cells and opinion groups)
    cells = demographic_cells(participants, dimensions)
    demo_support = cell_support(v, cells, min_cell_size)
    og_cells = pd.DataFrame(
        {
            "participant_id": groups.index,
            "dimension": OPINION_DIMENSION,
            "category": [group_letter(g) for g in groups.to_numpy()],
        }
    )
    og_cells = og_cells[groups.to_numpy() >= 0]
    og_support = cell_support(v, og_cells, min_cell_size)
    group_support = pd.concat([x for x in (demo_support, og_support) if len(x)] or [demo_support], ignore_index=True)
    if len(group_support):  # statements in their own order, dimensions as given, opinion groups last
        s_rank = pd.Series(np.arange(len(st)), index=st["statement_id"])
        d_rank = {d: i for i, d in enumerate(dimensions + [OPINION_DIMENSION])}
        group_support = (
            group_support.assign(
                _s=group_support["statement_id"].map(s_rank), _d=group_support["dimension"].map(d_rank)
            )
            .sort_values(["_s", "_d", "category"], kind="stable")
            .drop(columns=["_s", "_d"])
            .reset_index(drop=True)
        )

    # consensus across demographic categories (geometric mean of Pol.is factors over shown cells)
    if len(demo_support):
        shown = demo_support[~demo_support["suppressed"]]
        factor = (shown["n_agree"].astype(float) + 1) / (shown["n"].astype(float) + 2)
        logmean = np.log(factor).groupby(shown["statement_id"]).mean()
        out["consensus_demographic"] = out["statement_id"].map(np.exp(logmean)).astype(float)
    else:
        out["consensus_demographic"] = np.nan

    # ---- verdicts and the figures behind them
    reach, under_represented = reach_status(representation)
    shown_groups = group_support[~group_support["suppressed"].astype(bool)] if len(group_support) else group_support
    by_statement = (
        {sid: df for sid, df in shown_groups.groupby("statement_id", sort=False)} if len(shown_groups) else {}
    )
    verdicts = pd.DataFrame(
        [
            verdict(row, rules[row.level], by_statement.get(row.statement_id), weights is not None, reach)
            for row in out.itertuples(index=False)
        ],
        columns=["verdict_code", "reason_code", "lowest_group", "differing_groups"],
    )
    out = pd.concat([out.reset_index(drop=True), verdicts], axis=1)
    out["weighted"] = weights is not None
    out["reach_status"] = reach
    out["reach_groups"] = json.dumps(under_represented)

    stmt_cols = [
        "statement_id",
        "text",
        "theme",
        "moderated",
        "level",
        "n_votes",
        "n_agree",
        "n_disagree",
        "n_pass",
        "support",
        "support_low",
        "support_high",
        "opposition",
        "pass_share",
        "support_weighted",
        "weighted_low",
        "weighted_high",
        "n_effective",
        "consensus",
        "consensus_demographic",
        "divisiveness",
        "verdict_code",
        "reason_code",
        "lowest_group",
        "differing_groups",
        "weighted",
        "reach_status",
        "reach_groups",
    ]
    out = out[stmt_cols]
    for c in (
        "support",
        "support_low",
        "support_high",
        "opposition",
        "pass_share",
        "support_weighted",
        "weighted_low",
        "weighted_high",
        "n_effective",
        "consensus",
        "consensus_demographic",
        "divisiveness",
    ):
        out[c] = out[c].astype(float)

    og_table = pd.DataFrame(
        {
            "participant_id": groups.index,
            "group": groups.to_numpy(dtype=np.int64),
            "label": [group_letter(g) for g in groups.to_numpy()],
        }
    )
    if og is not None:
        coords = og.coordinates_.reindex(groups.index)
        og_table["x"] = coords["x"].to_numpy(float)
        og_table["y"] = coords["y"].to_numpy(float)
        og_table["n_votes"] = coords["n_votes"].to_numpy(np.int64)
        indicative = og.indicative_groups_.reindex(groups.index)
        og_table["indicative_group"] = pd.array(indicative.where(indicative >= 0).to_numpy(), dtype="Int64")
    else:
        og_table["x"], og_table["y"], og_table["n_votes"] = [], [], []
        og_table["indicative_group"] = pd.array([], dtype="Int64")

    rules_table = pd.DataFrame([{"level": lvl, **vals} for lvl, vals in rules.items()])
    composition = group_composition(groups, cells, min_cell_size)
    return {
        "statements": out,
        "group_support": group_support,
        "opinion_groups": og_table,
        "group_profiles": group_profiles(v, groups, st, min_cell_size),
        "group_composition": composition,
        "group_differences": composition_differences(groups, cells, composition, min_cell_size),
        "rules": rules_table,
    }
