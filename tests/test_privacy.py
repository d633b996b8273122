"""No group below the minimum cell size, shown or recoverable: the one suppression rule, checked by solving.

For every table that shows groups (counts, reach representation, intersections, weight margins, draagvlak
support per group and per opinion group, opinion-group composition and the differences in it that the report
puts into words, the mix of those offering help per coöperatie candidate), on the sample municipalities and on a
hostile fixture with groups of 1 to 9 next to large ones, the published numbers are written as a linear system:
each hidden cell is an unknown, each published total an equation. A linear program then finds the smallest and
the largest value every hidden cell can have; if they are equal, the count was recoverable.
"""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from cocreatie_analysis.io import load_dataset
from cocreatie_analysis.pipeline import analyse, load_results
from cocreatie_analysis.privacy import suppress

from .conftest import RAW

K = 10


# ------------------------------------------------------------------------------------------ the rule, by hand
def test_rule_by_hand():
    # wijken of 25, 12 and 3 voters: the 3 is hidden, and the 12 with it (the example)
    assert suppress([25, 12, 3], None, K).tolist() == [False, True, True]
    # two small ones whose pool is still small: a third cell joins
    assert suppress([25, 30, 4, 3], None, K).tolist() == [True, False, True, True]
    # zeros are shown; one large pool of small cells needs nothing more
    assert suppress([0, 50, 6, 5], None, K).tolist() == [False, False, True, True]
    # a cell that is never shown (voters without a value) counts as hidden from the start
    assert suppress([30, 20, 3], None, K, never_shown=[False, False, True]).tolist() == [False, True, True]
    assert suppress([30, 20, 12], None, K, never_shown=[False, False, True]).tolist() == [False, False, True]
    # a cross table: rows and columns are lines
    cells = [25, 3, 0, 12]  # (A,x) (A,y) (B,x) (B,y)
    hidden = suppress(cells, [[0, 1], [2, 3], [0, 2], [1, 3]], K)
    assert hidden.tolist() == [True, True, False, True]


# ------------------------------------------------------------------------------------------ the solver
def recoverable(lines, shown, hidden, lower) -> list:
    """Hidden cells whose count follows from the published numbers.

    lines: list of (cell names, published total); shown: {cell: count}; hidden: cell names; lower: {cell: bound}.
    """
    names = sorted(hidden)
    if not names:
        return []
    position = {name: i for i, name in enumerate(names)}
    rows, rhs = [], []
    for cells, total in lines:
        unknown = [c for c in cells if c in position]
        if not unknown:
            continue
        row = np.zeros(len(names))
        row[[position[c] for c in unknown]] = 1
        rows.append(row)
        rhs.append(total - sum(shown.get(c, 0) for c in cells if c not in position))
    if not rows:
        return []
    bounds = [(lower.get(n, 0), None) for n in names]
    found = []
    for i, name in enumerate(names):
        objective = np.zeros(len(names))
        objective[i] = 1
        low = linprog(objective, A_eq=rows, b_eq=rhs, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=rows, b_eq=rhs, bounds=bounds, method="highs")
        assert low.status == 0 and high.status == 0, f"the published numbers contradict each other at {name}"
        if abs(high.fun + low.fun) < 0.5:  # max - min < 1: one integer value only
            found.append((name, round(low.fun)))
    return found


def small_pools(lines, shown, hidden) -> list:
    """Lines whose hidden cells together hold 1..K-1 people: a small group, pooled."""
    out = []
    for cells, total in lines:
        held = [c for c in cells if c in hidden]
        pool = total - sum(shown.get(c, 0) for c in cells if c not in hidden)
        if held and 0 < pool < K:
            out.append((cells, pool))
    return out


def check(lines, shown, hidden, lower, what, people=True, large=()):
    """`people`: the cells count people: a recovered count below K or a small pool is a small group shown.
    Else the cells count votes of the groups; a recovered vote count is allowed only for a group in `large`
    (a group of at least K people that is not a row of its own)."""
    found = recoverable(lines, shown, hidden, lower)
    leaks = [(c, v) for c, v in found if (0 < v < K if people else c not in large)]
    assert not leaks, f"{what}: recoverable hidden counts {leaks}"
    if people:
        assert not small_pools(lines, shown, hidden), f"{what}: a small pooled group"


# ------------------------------------------------------------------------------------------ per table
def check_group_support(results, what):
    """Per statement and dimension: voters and agree votes per group, totals from the statements table."""
    statements = results["draagvlak_statements"].set_index("statement_id")
    support = results["draagvlak_group_support"]
    for (statement, dimension), table in support.groupby(["statement_id", "dimension"]):
        large = set()
        for column, total in (("n", "n_votes"), ("n_agree", "n_agree"), ("n_disagree", "n_disagree")):
            cells = list(table["category"]) + ["<without a group>"]
            hidden = set(table.loc[table["suppressed"], "category"]) | {"<without a group>"}
            shown = dict(zip(table["category"], table[column]))
            lower = {c: 1 for c in hidden if column == "n" and c != "<without a group>"}
            lines = [(cells, int(statements.loc[statement, total]))]
            shown = {c: int(v) for c, v in shown.items() if pd.notna(v)}
            check(
                lines,
                shown,
                hidden,
                lower,
                f"{what} group support {statement}/{dimension}/{column}",
                people=column == "n",
                large=large,
            )
            if column == "n":  # the voters without a group, when they follow from the totals (none, or K or more)
                large = {c for c, v in recoverable(lines, shown, hidden, lower) if v >= K or v == 0}


def check_representation(results, what):
    """Per dimension: participants per category, the dimension's total (tests) and the counts table."""
    representation = results.get("reach_representation")
    if representation is None:
        return
    tests = results["reach_dimension_tests"].set_index("dimension")
    counts = results["counts"]
    for dimension, table in representation.groupby("dimension"):
        total = tests.loc[dimension, "n"]
        if pd.isna(total):
            assert table["n"].isna().all(), f"{what} {dimension}: a hidden total with shown cells"
            continue
        hidden = set(table.loc[table["suppressed"], "category"])
        shown = {c: int(v) for c, v in zip(table["category"], table["n"]) if pd.notna(v)}
        check(
            [(list(table["category"]), int(total))],
            shown,
            hidden,
            {c: 1 for c in hidden},
            f"{what} representation {dimension}",
        )
        same = counts[(counts["dimension"] == dimension) & counts["category"].isin(table["category"])]
        assert set(same.loc[same["suppressed"], "category"]) == hidden, f"{what} {dimension}: counts hide others"
        # weighted and sample shares: a shown share of a hidden cell would give it back
        margins = results.get("reach_weight_margins")
        if margins is not None:
            m = margins[(margins["dimension"] == dimension) & margins["category"].isin(hidden)]
            assert m["sample_share"].isna().all(), f"{what} {dimension}: a hidden cell's share is shown"


def check_composition(results, what):
    composition = results.get("draagvlak_group_composition")
    if composition is None or composition.empty:
        return
    for dimension, table in composition.groupby("dimension"):
        sizes = table.groupby("group")["n"].first()
        hidden = {(g, c) for g, c, h in zip(table["group"], table["category"], table["suppressed"]) if h}
        hidden |= {(g, "<no value>") for g in sizes.index}
        shown = {(g, c): int(v) for g, c, v in zip(table["group"], table["category"], table["count"]) if pd.notna(v)}
        lines = [([(g, c) for c in table["category"].unique()] + [(g, "<no value>")], int(n)) for g, n in sizes.items()]
        check(lines, shown, hidden, {}, f"{what} composition {dimension}")


def check_differences(results, what):
    """The words about who is in each opinion group use only cells the composition shows, with its figures."""
    differences = results.get("draagvlak_group_differences")
    if differences is None or differences.empty:
        return
    composition = results["draagvlak_group_composition"].set_index(["group", "dimension", "category"])
    for row in differences.itertuples():
        cell = composition.loc[(row.group, row.dimension, row.category)]
        assert not cell["suppressed"], f"{what}: a difference named for a hidden cell {row}"
        assert cell["share"] == row.share and cell["share_all"] == row.share_all, f"{what}: other figures {row}"
        assert row.n >= K, f"{what}: a group below the minimum described"


def check_cooperatives(results, what):
    """Per coöperatie candidate and dimension: those offering help per category, total n_offers; people without
    a value are a cell that is never shown."""
    table = results.get("kompas_cooperatives")
    for row in table.itertuples() if table is not None else ():
        cells = pd.DataFrame({"dimension": row.mix_dimension, "category": row.mix_category, "n": row.mix_n})
        for dimension, group in cells.groupby("dimension"):
            shown = {c: int(n) for c, n in zip(group["category"], group["n"]) if pd.notna(n)}
            assert all(n >= K for n in shown.values()), f"{what}: a small group shown in the mix of {row.opgave}"
            names = [*shown, "<hidden or without a value>"]
            hidden = {"<hidden or without a value>"}
            check([(names, int(row.n_offers))], shown, hidden, {}, f"{what} cooperative {row.opgave}/{dimension}")


def check_everything(results, what):
    check_group_support(results, what)
    check_cooperatives(results, what)
    check_representation(results, what)
    check_composition(results, what)
    check_differences(results, what)


@pytest.mark.parametrize("gemeente", sorted(p.parent.name for p in RAW.glob("*/gemeente.yaml")))
def test_no_hidden_count_is_recoverable_in_the_samples(processed_root, gemeente):
    """Promise: No group smaller than the minimum cell size is shown, directly or by subtraction."""
    check_everything(load_results(processed_root / gemeente), gemeente)


# ------------------------------------------------------------------------------------------ hostile fixture
def hostile_folder(root):
    """Groups of 1..9 next to large ones, in every dimension, with votes and a population."""
    rng = np.random.default_rng(3)
    folder = root / "klein"
    folder.mkdir()
    districts = {"Groot": 120, "Middel": 40, **{f"Klein{i}": i for i in range(1, 10)}}
    ages = {"15-24": 6, "25-44": 90, "45-64": 70, "65+": 3}
    rows = []
    pid = 0
    for district, n in districts.items():
        for _ in range(n):
            rows.append({"participant_id": f"P{pid}", "district": district})
            pid += 1
    participants = pd.DataFrame(rows)
    participants["age_group"] = rng.choice(list(ages), size=len(participants), p=np.array(list(ages.values())) / 169)
    participants.loc[participants.sample(7, random_state=1).index, "age_group"] = np.nan  # 7 without an age
    participants.to_csv(folder / "participants.csv", index=False)
    population = [("district", d, 1000 + 50 * i) for i, d in enumerate(districts)]
    population += [("age_group", a, 3000) for a in ages]
    pd.DataFrame(population, columns=["dimension", "category", "count"]).to_csv(folder / "population.csv", index=False)
    statements = pd.DataFrame(
        {
            "statement_id": [f"S{i}" for i in range(6)],
            "text": [f"Stelling {i}" for i in range(6)],
            "moderated": [1, 1, 0, 0, 1, -1],  # S5 withdrawn: its votes place people, it is reported nowhere
        }
    )
    statements.to_csv(folder / "statements.csv", index=False)
    votes = []
    for p in participants["participant_id"]:
        lean = 1 if int(p[1:]) % 3 else -1
        for s in statements["statement_id"]:
            if rng.random() < 0.85:
                votes.append((p, s, int(rng.choice([1, -1, 0], p=[0.5, 0.3, 0.2]) * lean)))
    pd.DataFrame(votes, columns=["participant_id", "statement_id", "vote"]).to_csv(folder / "votes.csv", index=False)
    texts = ["Meer bomen in de straat", "Parkeren is een ramp", "Ik help graag mee in de moestuin"]
    authors = participants["participant_id"].iloc[::4].to_numpy()
    inputs = pd.DataFrame(
        {
            "input_id": range(len(authors)),
            "participant_id": authors,
            "text": [texts[i % 3] + f" ({i})" for i in range(len(authors))],
        }
    )
    inputs.to_csv(folder / "inputs.csv", index=False)
    (folder / "gemeente.yaml").write_text("name: Klein\nlanguage: nl\ndimensions: [district, age_group]\n", "utf-8")
    return folder


def test_no_hidden_count_is_recoverable_in_a_hostile_fixture(tmp_path):
    """Promise: No group smaller than the minimum cell size is shown, directly or by subtraction."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = analyse(load_dataset(hostile_folder(tmp_path)))
    support = results["draagvlak_group_support"]
    assert support["suppressed"].any(), "the fixture must exercise suppression"
    mix = results["kompas_cooperatives"]["mix_n"]
    assert len(mix) and any(np.isnan(n) for cells in mix for n in cells), "the mix must exercise suppression"
    for name in ("draagvlak_statements", "draagvlak_group_support", "draagvlak_group_profiles"):
        assert "S5" not in set(results[name]["statement_id"]), f"a withdrawn statement in {name}"
    shown_small = support[(~support["suppressed"]) & (support["n"] < K)]
    assert shown_small.empty, "no group below the minimum is shown"
    check_everything(results, "hostile")
    # the warnings table does not split the pooled "unknown" count when a part of it is small
    warning_rows = results["reach_warnings"]
    assert not ((warning_rows["n"].notna()) & (warning_rows["n"] < K) & (warning_rows["n"] > 0)).any()
    json.dumps(results["summary"].iloc[0].to_dict(), default=str)  # the summary stays plain data
