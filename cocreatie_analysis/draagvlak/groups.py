"""Who is in each opinion group and what it stands for: representative statements, composition, and how the
composition differs from all placed voters."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..privacy import suppress
from ..stats import two_proportion_p
from .consensus import group_counts
from .opinion_groups import group_letter

__all__ = [
    "COMPOSITION_ALPHA",
    "MIN_COMPOSITION_DIFFERENCE",
    "composition_differences",
    "group_composition",
    "group_profiles",
]


# Pol.is' significance level for representative statements (one-sided 90%).
_Z90 = 1.2815515655446004
# A group's make-up is said to differ from all placed voters' when a share differs by at least this much ...
MIN_COMPOSITION_DIFFERENCE = 0.10
# ... and the two-sided test of the group against the other placed voters is below this p-value.
COMPOSITION_ALPHA = 0.05


def group_profiles(
    v: pd.DataFrame, groups: pd.Series, statements: pd.DataFrame, min_cell_size: int, n_statements: int = 5
) -> pd.DataFrame:
    """Pol.is-style representative statements per opinion group.

    For group g, statement s and direction d (agree / disagree): p = (N_d + 1) / (S + 2) in the group, the
    same for the other placed participants, repness = p_group / p_rest, repness_test = Pol.is' two-proportion
    z-test (pseudo-counts +1), prob_test = Pol.is' one-proportion test of p against 1/2; score = repness *
    repness_test * p * prob_test. Significant when both tests exceed z = 1.2816 (90%). Per group the top
    ``n_statements`` significant ones by score; if none is significant, the best one, marked not significant.
    """
    cols = [
        "group",
        "label",
        "n",
        "rank",
        "statement_id",
        "text",
        "direction",
        "share_group",
        "share_rest",
        "agree_group",
        "agree_rest",
        "repness",
        "repness_test",
        "score",
        "significant",
    ]
    placed = groups[groups >= 0]
    if placed.empty:
        return pd.DataFrame(columns=cols)
    agg = group_counts(v, placed).reset_index().rename(columns={"_group": "group"})
    tot = agg.groupby("statement_id")[["A", "D", "S"]].sum()
    sizes = placed.value_counts()
    texts = statements.set_index("statement_id")["text"]
    frames = []
    for g in sorted(int(x) for x in sizes.index):
        if sizes[g] < min_cell_size:
            continue
        mine = agg[agg["group"] == g].set_index("statement_id")[["A", "D", "S"]].reindex(tot.index).fillna(0)
        rest = tot - mine
        for direction, col in (("agree", "A"), ("disagree", "D")):
            na, ns = mine[col], mine["S"]
            ra, rs = rest[col], rest["S"]
            p_in = (na + 1) / (ns + 2)
            p_out = (ra + 1) / (rs + 2)
            # Pol.is two-prop-test with +1 pseudo-counts on all four numbers
            s1, s2, n1, n2 = na + 1, ra + 1, ns + 1, rs + 1
            pi_hat = (s1 + s2) / (n1 + n2)
            with np.errstate(invalid="ignore", divide="ignore"):
                rep_test = (s1 / n1 - s2 / n2) / np.sqrt(pi_hat * (1 - pi_hat) * (1 / n1 + 1 / n2))
            rep_test = rep_test.where(pi_hat < 1, 0.0).fillna(0.0)
            prob_test = 2 * np.sqrt(ns + 1) * ((na + 1) / (ns + 1) - 0.5)
            repness = p_in / p_out
            frames.append(
                pd.DataFrame(
                    {
                        "group": g,
                        "statement_id": mine.index,
                        "direction": direction,
                        "share_group": np.where(ns > 0, na / ns.where(ns > 0, 1), np.nan),
                        "share_rest": np.where(rs > 0, ra / rs.where(rs > 0, 1), np.nan),
                        "agree_group": np.where(ns > 0, mine["A"] / ns.where(ns > 0, 1), np.nan),
                        "agree_rest": np.where(rs > 0, rest["A"] / rs.where(rs > 0, 1), np.nan),
                        "repness": repness.to_numpy(float),
                        "repness_test": rep_test.to_numpy(float),
                        "score": (repness * rep_test * p_in * prob_test).to_numpy(float),
                        "significant": ((rep_test > _Z90) & (prob_test > _Z90)).to_numpy(bool),
                        "_voted": (ns > 0).to_numpy(bool),
                    }
                )
            )
    if not frames:
        return pd.DataFrame(columns=cols)
    allc = pd.concat(frames, ignore_index=True)
    allc = allc[allc["_voted"]]
    picked = []
    for g, df in allc.groupby("group", sort=True):
        sig = df[df["significant"]].sort_values(["score", "repness"], ascending=False, kind="stable")
        chosen = (
            sig.head(n_statements)
            if len(sig)
            else df[df["direction"] == "agree"].sort_values("score", ascending=False, kind="stable").head(1)
        )
        picked.append(chosen.assign(rank=np.arange(1, len(chosen) + 1)))
    res = pd.concat(picked, ignore_index=True) if picked else pd.DataFrame(columns=cols)
    res["label"] = [group_letter(g) for g in res["group"]]
    res["n"] = res["group"].map(sizes).astype(np.int64)
    res["text"] = res["statement_id"].map(texts)
    res["group"] = res["group"].astype(np.int64)
    res["rank"] = res["rank"].astype(np.int64)
    return res[cols].reset_index(drop=True)


def group_composition(groups: pd.Series, cells: pd.DataFrame, min_cell_size: int) -> pd.DataFrame:
    """Demographic make-up of each opinion group vs all placed participants; small groups hidden.

    Per dimension the groups x categories table is one cross table for the suppression rule (`privacy`): every
    group's row (its members without a value count as hidden from the start) and every category's column.
    """
    cols = ["group", "label", "n", "dimension", "category", "count", "share", "share_all", "suppressed"]
    placed = groups[groups >= 0]
    if placed.empty or cells.empty:
        return pd.DataFrame(columns=cols)
    sizes = placed.value_counts()
    c = cells.merge(placed.rename("group").rename_axis("participant_id").reset_index(), on="participant_id")
    if c.empty:
        return pd.DataFrame(columns=cols)
    counts = c.groupby(["group", "dimension", "category"]).size().rename("count").reset_index()
    # every group x category combination, so a missing category shows as 0
    cats = counts[["dimension", "category"]].drop_duplicates()
    full = pd.DataFrame({"group": sorted(int(g) for g in sizes.index)}).merge(cats, how="cross")
    counts = full.merge(counts, on=["group", "dimension", "category"], how="left").fillna({"count": 0})
    known = c.groupby(["group", "dimension"]).size().rename("_known")  # members with a known value
    counts = counts.join(known, on=["group", "dimension"])
    counts["_known"] = counts["_known"].fillna(0)
    overall_n = c.groupby(["dimension", "category"]).size()
    overall = (overall_n / c.groupby("dimension").size()).where(overall_n >= min_cell_size)
    counts["share_all"] = [overall.get((d, k), np.nan) for d, k in zip(counts["dimension"], counts["category"])]
    with np.errstate(invalid="ignore", divide="ignore"):
        counts["share"] = np.where(counts["_known"] > 0, counts["count"] / counts["_known"], np.nan)
    counts["suppressed"] = _hidden_cells(counts, sizes, min_cell_size)
    counts["count"] = counts["count"].astype("Int64")
    counts.loc[counts["suppressed"], "count"] = pd.NA
    counts.loc[counts["suppressed"], "share"] = np.nan
    counts["n"] = counts["group"].map(sizes).astype(np.int64)
    counts["label"] = [group_letter(g) for g in counts["group"]]
    counts["group"] = counts["group"].astype(np.int64)
    return counts[cols].sort_values(["group", "dimension", "category"]).reset_index(drop=True)


def _hidden_cells(counts: pd.DataFrame, sizes: pd.Series, min_cell_size: int) -> np.ndarray:
    """The suppression rule over each dimension's groups x categories table, rows and columns as lines."""
    hidden = np.zeros(len(counts), dtype=bool)
    for _, table in counts.groupby("dimension", sort=False):
        index = table.index.to_numpy()
        values = table["count"].to_numpy(dtype=float)
        unknown = [sizes[g] - known for g, known in table.groupby("group", sort=False)["_known"].first().items()]
        cells = np.append(values, unknown)
        groups = table["group"].to_numpy()
        order = list(dict.fromkeys(groups))
        lines = [np.append(np.flatnonzero(groups == g), len(values) + i) for i, g in enumerate(order)]
        lines += [np.flatnonzero(table["category"].to_numpy() == c) for c in table["category"].unique()]
        never_shown = np.append(np.zeros(len(values), dtype=bool), np.ones(len(unknown), dtype=bool))
        hidden[counts.index.get_indexer(index)] = suppress(cells, lines, min_cell_size, never_shown)[: len(values)]
    return hidden


def composition_differences(
    groups: pd.Series,
    cells: pd.DataFrame,
    composition: pd.DataFrame,
    min_cell_size: int,
    min_difference: float = MIN_COMPOSITION_DIFFERENCE,
    alpha: float = COMPOSITION_ALPHA,
    max_per_group: int = 3,
) -> pd.DataFrame:
    """Per opinion group the clearest differences in make-up from all placed voters, as numbers for a sentence.

    Only cells that ``composition`` shows are considered (neither the group's count nor the share of all voters
    hidden), so the table publishes nothing the composition does not. A difference counts when the group's
    share is at least ``min_difference`` away from the share among all placed voters with a known value and a
    two-proportion test of the group against the other placed voters gives p < ``alpha``: a group of 15 whose
    share differs by chance is not described as different. Groups smaller than ``min_cell_size`` are left out.
    Per dimension only the largest difference is kept (in a dimension of two categories the second one is the
    mirror image of the first; of two equal ones the group's larger share); per group at most
    ``max_per_group`` dimensions, the largest difference first.

    Columns: group, label, n, rank, dimension, category, share, share_all, difference (share - share_all).
    """
    cols = ["group", "label", "n", "rank", "dimension", "category", "share", "share_all", "difference"]
    shown = composition[~composition["suppressed"].astype(bool)] if len(composition) else composition
    shown = shown[shown["share"].notna() & shown["share_all"].notna() & (shown["n"] >= min_cell_size)]
    if shown.empty:
        return pd.DataFrame(columns=cols)
    placed = groups[groups >= 0].rename("group").rename_axis("participant_id").reset_index()
    c = cells.merge(placed, on="participant_id")
    known_all = c.groupby("dimension").size()
    count_all = c.groupby(["dimension", "category"]).size()
    known_group = c.groupby(["group", "dimension"]).size()
    rows = shown.assign(
        difference=shown["share"] - shown["share_all"],
        _count=shown["count"].astype(float),
        _known=[known_group.get((g, d), 0) for g, d in zip(shown["group"], shown["dimension"])],
        _count_all=[count_all.get((d, k), 0) for d, k in zip(shown["dimension"], shown["category"])],
        _known_all=shown["dimension"].map(known_all).to_numpy(float),
    )
    rows["_p"] = two_proportion_p(
        rows["_count"], rows["_known"], rows["_count_all"] - rows["_count"], rows["_known_all"] - rows["_known"]
    )
    rows = rows[(rows["difference"].abs() >= min_difference - 1e-12) & (rows["_p"] < alpha)]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    # the largest difference first; of equal ones, "more often" before "less often" (easier to read)
    rows = rows.assign(_size=rows["difference"].abs().round(12)).sort_values(
        ["group", "_size", "difference", "dimension", "category"],
        ascending=[True, False, False, True, True],
        kind="stable",
    )
    rows = rows.drop_duplicates(["group", "dimension"]).groupby("group", sort=True).head(max_per_group)
    rows["rank"] = rows.groupby("group").cumcount().add(1).astype(np.int64)
    rows["group"] = rows["group"].astype(np.int64)
    rows["n"] = rows["n"].astype(np.int64)
    return rows[cols].reset_index(drop=True)
