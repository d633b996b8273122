"""Tests for cocreatie_analysis.draagvlak: hand-computed support, intervals, consensus, verdicts, bad input,
and agreement with Pol.is' own opinion groups and consensus on the real exports in ../shared/data/polis/."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import binomtest
from sklearn.metrics import adjusted_rand_score

from cocreatie_analysis.draagvlak import (
    DEFAULT_RULES,
    LEVELS,
    OpinionGroups,
    assess,
    check_rules,
    group_informed_consensus,
    group_letter,
    indicative_draagvlak,
    kish_effective_n,
    opinion_groups,
    wilson_interval,
)
from cocreatie_analysis.wording.tables import TableContext, readable

POLIS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polis"


def in_words(res, language="nl", min_cell_size=10):
    """assess' statements with the verdict and its reasons in words, as a report shows them."""
    rules = {r["level"]: r for r in res["rules"].to_dict("records")}
    context = TableContext(language=language, min_cell_size=min_cell_size, rules=rules)
    return readable("draagvlak_statements", res["statements"], context)


Z = 1.959963984540054


def wilson_by_hand(p, n):
    """Independent Wilson interval (textbook formula), for the non-integer Kish n scipy cannot take."""
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return centre - half, centre + half


def votes_frame(rows):
    return pd.DataFrame(rows, columns=["participant_id", "statement_id", "vote"])


def statements_frame(ids, theme=None):
    return pd.DataFrame({"statement_id": ids, "text": [f"stelling {i}" for i in ids], "theme": [theme] * len(ids)})


def planted(n_per_group=(30, 30), n_statements=12, p_vote=1.0, noise=0.0, seed=0):
    """Votes from planted opinion groups: group g agrees with statement s when s % n_groups == g, else
    disagrees (with two groups: camps that vote oppositely on every statement)."""
    rng = np.random.default_rng(seed)
    rows, truth = [], {}
    pid = 0
    for g, size in enumerate(n_per_group):
        for _ in range(size):
            truth[pid] = g
            for s in range(n_statements):
                if rng.random() > p_vote:
                    continue
                vote = 1 if s % len(n_per_group) == g else -1
                if rng.random() < noise:
                    vote = int(rng.choice([-1, 0, 1]))
                rows.append((pid, s, vote))
            pid += 1
    return votes_frame(rows), pd.Series(truth)


# ------------------------------------------------------------------------------------ intervals


def test_wilson_matches_scipy_and_textbook():
    low, high = wilson_interval([0.6, 0.0, 1.0], [10, 10, 25])
    for k, n, lo, hi in ((6, 10, low[0], high[0]), (0, 10, low[1], high[1]), (25, 25, low[2], high[2])):
        ci = binomtest(k, n).proportion_ci(method="wilson")
        assert lo == pytest.approx(ci.low, abs=1e-12)
        assert hi == pytest.approx(ci.high, abs=1e-12)
    # the classic textbook figure for 6 of 10
    assert (round(low[0], 4), round(high[0], 4)) == (0.3127, 0.8318)
    assert wilson_interval([1.0], [20])[1][0] == 1.0 and wilson_interval([0.0], [165])[0][0] == 0.0
    lo0, hi0 = wilson_interval([0.5], [0])
    assert np.isnan(lo0[0]) and np.isnan(hi0[0])


def test_kish_effective_n():
    assert kish_effective_n([1, 1, 2, 2]) == pytest.approx(36 / 10)
    assert kish_effective_n([3, 3, 3]) == pytest.approx(3)
    assert kish_effective_n([]) == 0


# ------------------------------------------------------------------------------------ consensus


def test_group_informed_consensus_by_hand():
    votes = votes_frame(
        [
            (1, "s1", 1),
            (2, "s1", 1),
            (3, "s1", 0),  # group 0: A=2, S=3 -> 3/5
            (4, "s1", -1),  # group 1: A=0, S=1 -> 1/3
            (1, "s2", 1),  # group 0: A=1, S=1 -> 2/3; group 1 none -> 1/2
            (9, "s1", 1),
            (9, "s2", -1),  # unplaced (-1): ignored
        ]
    )
    groups = pd.Series({1: 0, 2: 0, 3: 0, 4: 1, 9: -1})
    gic = group_informed_consensus(votes, groups)
    assert gic["s1"] == pytest.approx(3 / 5 * 1 / 3)
    assert gic["s2"] == pytest.approx(2 / 3 * 1 / 2)
    # a group whose members never voted at all still contributes 1/2 everywhere
    gic3 = group_informed_consensus(votes, pd.Series({1: 0, 2: 0, 3: 0, 4: 1, 9: -1, 10: 2}))
    assert gic3["s1"] == pytest.approx(3 / 5 * 1 / 3 * 1 / 2)
    # no groups at all: NaN, not a crash
    assert gic.index.tolist() == ["s1", "s2"]
    assert group_informed_consensus(votes, pd.Series({1: -1})).isna().all()


def test_group_informed_consensus_uses_latest_vote():
    votes = pd.DataFrame(
        {"participant_id": [1, 1, 2], "statement_id": ["s", "s", "s"], "vote": [1, -1, 1], "timestamp": [20, 10, 5]}
    )  # participant 1's latest vote is the first row (t=20)
    gic = group_informed_consensus(votes, pd.Series({1: 0, 2: 0}))
    assert gic["s"] == pytest.approx((2 + 1) / (2 + 2))


# ------------------------------------------------------------------------------------ opinion groups


def test_opinion_groups_recover_planted_groups():
    votes, truth = planted((40, 25, 15), n_statements=15, p_vote=0.8, noise=0.1, seed=1)
    model = OpinionGroups(random_state=0).fit(votes)
    got = model.groups_.reindex(truth.index)
    assert adjusted_rand_score(truth, got) > 0.9
    assert model.n_groups_ == 3
    assert model.groups_.value_counts().is_monotonic_decreasing  # group 0 is the largest
    assert set(model.coordinates_.columns) >= {"x", "y", "n_votes", "placed"}


def test_opinion_groups_deterministic_and_order_free():
    votes, _ = planted((20, 20), p_vote=0.7, noise=0.2, seed=3)
    a = opinion_groups(votes, random_state=0)
    b = opinion_groups(votes.sample(frac=1, random_state=5), random_state=0)
    pd.testing.assert_series_equal(a.sort_index(), b.sort_index())


def test_opinion_groups_leave_sparse_voters_unplaced():
    votes, _ = planted((20, 20), n_statements=12, seed=2)
    extra = votes_frame([(1000, s, 1) for s in range(6)])  # 6 votes < 7
    groups = opinion_groups(pd.concat([votes, extra], ignore_index=True))
    assert groups[1000] == -1
    assert (groups.drop(1000) >= 0).all()
    assert groups.name == "group" and groups.index.name == "participant_id"
    # with fewer statements than min_votes, voting on all of them is enough
    few = votes_frame([(p, s, 1 if (p + s) % 2 else -1) for p in range(12) for s in range(3)])
    assert (opinion_groups(few) >= 0).all()


def test_opinion_groups_degenerate_inputs():
    one = votes_frame([(1, s, 1) for s in range(10)])
    assert opinion_groups(one).tolist() == [0]
    same = votes_frame([(p, s, 1) for p in range(15) for s in range(8)])
    assert (opinion_groups(same) == 0).all()
    few = votes_frame([(1, 1, 1), (2, 1, -1)])  # nobody has enough votes? n_statements=1 -> min_votes 1
    assert (opinion_groups(few) >= 0).all()
    with pytest.raises(ValueError, match="max_groups"):
        OpinionGroups(max_groups=1).fit(one)


def test_group_letter():
    assert [group_letter(g) for g in (0, 1, 25, 26, -1)] == ["A", "B", "Z", "AA", "-"]


# ------------------------------------------------------------------------------------ rules


def test_check_rules_defaults_and_merge():
    assert check_rules(None) == DEFAULT_RULES
    assert check_rules(None) is not DEFAULT_RULES
    merged = check_rules({"support": 0.55, "meebeslissen": {"min_votes": 200, "require_reach": False}})
    assert all(merged[lvl]["support"] == 0.55 for lvl in LEVELS)
    assert merged["meebeslissen"]["min_votes"] == 200 and merged["meebeslissen"]["require_reach"] is False
    assert merged["raadplegen"]["min_votes"] == DEFAULT_RULES["raadplegen"]["min_votes"]
    assert check_rules(merged) == merged  # idempotent
    assert check_rules({}) == DEFAULT_RULES


@pytest.mark.parametrize(
    "rules, path",
    [
        ({"raadplegen": {"support": 1.5}}, r"draagvlak\.raadplegen\.support"),
        ({"raadplegen": {"suport": 0.5}}, r"draagvlak\.raadplegen\.suport: unknown rule"),
        ({"stemmen": {}}, r"draagvlak\.stemmen: unknown key"),
        ({"min_votes": 2.5}, r"draagvlak\.min_votes: must be a whole number"),
        ({"min_votes": True}, r"draagvlak\.min_votes: must be a number"),
        ({"adviseren": {"require_reach": "ja"}}, r"draagvlak\.adviseren\.require_reach: must be true or false"),
        ({"adviseren": {"broad_support": 0.4}}, r"draagvlak\.adviseren\.broad_support: must be at least support"),
        ({"adviseren": 0.5}, r"draagvlak\.adviseren: expected a mapping"),
        (["support"], r"draagvlak: expected a mapping"),
    ],
)
def test_check_rules_errors_name_the_key(rules, path):
    with pytest.raises(ValueError, match=path):
        check_rules(rules)


# ------------------------------------------------------------------------------------ assess


def simple_votes():
    """s1: 6 agree, 3 disagree, 1 pass by participants 0..9; s2: 12 agree of 12; s3: nobody."""
    rows = [(p, "s1", 1) for p in range(6)] + [(p, "s1", -1) for p in range(6, 9)] + [(9, "s1", 0)]
    rows += [(p, "s2", 1) for p in range(12)]
    return votes_frame(rows)


def test_assess_support_and_intervals_by_hand():
    res = assess(simple_votes(), statements_frame(["s1", "s2", "s3"]), rules={"min_votes": 5})
    st = in_words(res).set_index("statement_id")
    s1 = st.loc["s1"]
    assert (s1.n_votes, s1.n_agree, s1.n_disagree, s1.n_pass) == (10, 6, 3, 1)
    assert s1.support == pytest.approx(0.6) and s1.opposition == pytest.approx(0.3)
    assert s1.pass_share == pytest.approx(0.1)
    ci = binomtest(6, 10).proportion_ci(method="wilson")
    assert (s1.support_low, s1.support_high) == (pytest.approx(ci.low), pytest.approx(ci.high))
    # no weights: weighted columns empty, n_effective = n_votes
    assert np.isnan(s1.support_weighted) and s1.n_effective == 10
    # the statement nobody voted on is kept and judged "onvoldoende basis"
    s3 = st.loc["s3"]
    assert s3.n_votes == 0 and np.isnan(s3.support)
    assert s3.verdict == "onvoldoende basis" and "Niemand" in s3.reasons
    assert st.loc["s2"].support == 1.0


def test_assess_weighted_support_kish():
    votes = simple_votes()
    weights = pd.Series({p: (1.0 if p < 6 else 2.0) for p in range(12)})
    weights[99] = 5.0  # a participant who did not vote: irrelevant
    res = assess(votes, statements_frame(["s1", "s2", "s3"]), weights=weights)
    s1 = res["statements"].set_index("statement_id").loc["s1"]
    # agree voters weigh 1 (6 of them), the other four weigh 2: 6 / 14; Kish n = 14^2 / (6 + 16)
    assert s1.support_weighted == pytest.approx(6 / 14)
    assert s1.n_effective == pytest.approx(196 / 22)
    lo, hi = wilson_by_hand(6 / 14, 196 / 22)
    assert s1.weighted_low == pytest.approx(lo) and s1.weighted_high == pytest.approx(hi)
    # voters without a weight are left out of the weighted figure
    res2 = assess(votes, statements_frame(["s1", "s2", "s3"]), weights=weights.drop([6, 7]))
    s1b = res2["statements"].set_index("statement_id").loc["s1"]
    assert s1b.support_weighted == pytest.approx(6 / 10)
    with pytest.raises(ValueError, match="negative weight"):
        assess(votes, statements_frame(["s1", "s2", "s3"]), weights=weights * -1)


def test_assess_duplicates_latest_wins():
    votes = pd.DataFrame(
        {
            "participant_id": [1, 1, 2, 2],
            "statement_id": ["s", "s", "s", "s"],
            "vote": [1, -1, -1, 1],
            "timestamp": ["2026-03-02", "2026-03-01", "2026-03-01", "2026-03-03"],
        }
    )
    st = assess(votes, statements_frame(["s"]))["statements"].iloc[0]
    assert (st.n_votes, st.n_agree) == (2, 2)  # 1: agree (later date), 2: agree (later date)
    no_ts = votes.drop(columns="timestamp")  # without timestamps the last row wins
    st2 = assess(no_ts, statements_frame(["s"]))["statements"].iloc[0]
    assert (st2.n_votes, st2.n_agree, st2.n_disagree) == (2, 1, 1)


def test_assess_bad_input_names_the_ids():
    votes = simple_votes()
    with pytest.raises(ValueError, match=r"statement_id.*not in statements: 's2'"):
        assess(votes, statements_frame(["s1"]))
    parts = pd.DataFrame({"participant_id": range(10)})
    with pytest.raises(ValueError, match=r"participant_id.*not in participants: 10, 11"):
        assess(votes, statements_frame(["s1", "s2"]), participants=parts)
    bad = votes.copy()
    bad.loc[0, "vote"] = 5
    with pytest.raises(ValueError, match="must be 1 .agree., -1 .disagree. or 0"):
        assess(bad, statements_frame(["s1", "s2"]))
    with pytest.raises(ValueError, match="missing column"):
        assess(votes.drop(columns="vote"), statements_frame(["s1", "s2"]))
    with pytest.raises(ValueError, match="duplicate statement_id"):
        assess(votes, statements_frame(["s1", "s2", "s2"]))
    with pytest.raises(ValueError, match="participation_levels.groen"):
        assess(votes, statements_frame(["s1", "s2"]), participation_levels={"groen": "stemmen"})
    with pytest.raises(ValueError, match="dimension 'age_group' is not a column"):
        assess(
            votes,
            statements_frame(["s1", "s2"]),
            participants=pd.DataFrame({"participant_id": range(12)}),
            dimensions=["age_group"],
        )


def test_assess_blank_votes_are_no_votes():
    votes = votes_frame([(1, "s", 1), (2, "s", None), (3, "s", -1)])
    st = assess(votes, statements_frame(["s"]))["statements"].iloc[0]
    assert (st.n_votes, st.n_agree, st.n_disagree, st.n_pass) == (2, 1, 1, 0)


def test_assess_one_participant_and_identical_votes():
    one = votes_frame([(1, s, 1) for s in range(3)])
    res = assess(one, statements_frame(list(range(3))))
    assert res["opinion_groups"]["group"].tolist() == [0]
    assert np.allclose(res["statements"]["consensus"], 2 / 3)  # one group: (1+1)/(1+2)
    assert (in_words(res)["verdict"] == "onvoldoende basis").all()
    same = votes_frame([(p, s, 1) for p in range(40) for s in range(3)])
    res = assess(same, statements_frame(list(range(3))))
    st = in_words(res)
    assert (st["support"] == 1.0).all() and (st["divisiveness"] == 0).all()
    assert (st["verdict"] == "breed draagvlak").all()


def _verdicts(votes, statements, language="nl", **kw):
    return in_words(assess(votes, statements, **kw), language).set_index("statement_id")


def test_verdict_ladder():
    rows = []
    # 60 participants, all in one opinion camp (identical votes on anchor statements)
    n = 60
    for p in range(n):
        rows.append((p, "broad", 1 if p < 54 else -1))  # 90% agree
        rows.append((p, "support", 1 if p < 40 else -1))  # 66.7%: lower bound 54% > 50%
        rows.append((p, "none", 1 if p < 15 else -1))  # 25%
        rows.append((p, "close", 1 if p < 31 else -1))  # 52%: interval straddles 50%
    rows += [(p, "few", 1) for p in range(5)]  # 5 votes < 30
    votes = votes_frame(rows)
    st = _verdicts(votes, statements_frame(["broad", "support", "none", "close", "few"]))
    assert st.loc["broad", "verdict"] == "breed draagvlak"
    assert st.loc["support", "verdict"] == "draagvlak"  # 67% < broad_support 0.67
    assert st.loc["support", "support_low"] >= 0.5
    assert st.loc["none", "verdict"] == "geen draagvlak"
    assert st.loc["close", "verdict"] == "verdeeld"
    assert st.loc["few", "verdict"] == "onvoldoende basis"
    assert "er minder dan 30 stemmen zijn" in st.loc["few", "reasons"]
    # raising broad_support above 67% makes "support" plain draagvlak
    st2 = _verdicts(votes, statements_frame(["broad", "support", "none", "close", "few"]), rules={"broad_support": 0.8})
    assert st2.loc["support", "verdict"] == "draagvlak"
    assert st2.loc["broad", "verdict_code"] == "broad_support"
    # English labels and reasons
    st3 = _verdicts(votes, statements_frame(["broad", "support", "none", "close", "few"]), language="en")
    assert set(st3["verdict"]) <= {"broad support", "support", "divided", "no support", "insufficient basis"}
    assert "votes" in st3.loc["broad", "reasons"]


def test_verdict_divided_by_opinion_groups_and_divisiveness_by_hand():
    # two camps of 25 that vote oppositely on 8 statements; "split" is agreed by camp A, rejected by camp B
    votes, truth = planted((25, 25), n_statements=8, seed=0)
    res = assess(votes, statements_frame(list(range(8))))
    groups = res["opinion_groups"].set_index("participant_id")["group"]
    assert adjusted_rand_score(truth, groups.reindex(truth.index)) == 1.0
    st = in_words(res).set_index("statement_id")
    # each camp votes unanimously: net agreement +25/27 and -25/27 -> divisiveness 25/27
    assert st.loc[0, "divisiveness"] == pytest.approx(25 / 27)
    assert (
        st.loc[0, "verdict"] == "verdeeld"
        and "opiniegroepen sterk uiteenlopen (verdeeldheid 0,93" in st.loc[0, "reasons"]
    )
    # consensus: one group A=25,S=25 -> 26/27, other A=0,S=25 -> 1/27
    assert st.loc[0, "consensus"] == pytest.approx(26 / 27 * 1 / 27)
    assert "opiniegroep" in st.loc[0, "reasons"]


def test_require_reach_and_representation_reasons():
    votes = votes_frame([(p, "s", 1) for p in range(150)])
    rep_bad = pd.DataFrame(
        {
            "dimension": ["age_group", "origin"],
            "category": ["15-25", "buiten Europa"],
            "n": [3, 5],
            "ratio": [0.2, 0.3],
            "ratio_low": [0.1, 0.2],
            "ratio_high": [0.4, 0.5],
            "under_represented": [True, True],
        }
    )
    crossed = pd.DataFrame(
        {
            "dimension": ["age_group | district"],
            "category": ["15-25 | Noord"],
            "n": [1],
            "ratio": [0.1],
            "ratio_low": [0.0],
            "ratio_high": [0.3],
            "under_represented": [True],
        }
    )
    rep_ok = pd.concat([rep_bad, crossed], ignore_index=True).assign(under_represented=False)
    sts = statements_frame(["s"], theme="wonen")
    st = _verdicts(votes, sts, participation_levels={"wonen": "meebeslissen"}, representation=rep_bad)
    assert st.loc["s", "level"] == "meebeslissen"
    assert st.loc["s", "verdict"] == "onvoldoende basis"
    assert "leeftijd 15-25 en herkomst buiten Europa" in st.loc["s", "reasons"]
    st = _verdicts(votes, sts, participation_levels={"wonen": "meebeslissen"}, representation=None)
    assert st.loc["s", "verdict"] == "onvoldoende basis" and "niet getoetst" in st.loc["s", "reasons"]
    st = _verdicts(votes, sts, participation_levels={"wonen": "meebeslissen"}, representation=rep_ok)
    assert st.loc["s", "verdict"] == "breed draagvlak" and "voldoende" in st.loc["s", "reasons"]
    st = _verdicts(votes, sts, participation_levels={"wonen": "meebeslissen"}, representation=crossed, language="en")
    assert "under-represented is age × district 15-25 | Noord" in st.loc["s", "reasons"]
    # at raadplegen insufficient reach does not block the verdict, and is not repeated in every statement's
    # reasons (the report's summary says it once)
    st = _verdicts(votes, sts, representation=rep_bad)
    assert st.loc["s", "verdict"] == "breed draagvlak" and "bereik" not in st.loc["s", "reasons"]


def demographic_case():
    """40 voters on one statement: 20 young (5 agree), 15 old (12 agree), 5 'other' (5 agree)."""
    rows, parts = [], []
    for p in range(40):
        age = "jong" if p < 20 else ("oud" if p < 35 else "anders")
        agree = (p < 5) or 20 <= p < 32 or p >= 35
        rows.append((p, "s", 1 if agree else -1))
        parts.append({"participant_id": p, "age_group": age, "district": "Noord" if p % 2 else "Zuid"})
    return votes_frame(rows), pd.DataFrame(parts)


def test_group_support_suppression_and_consensus_demographic():
    votes, parts = demographic_case()
    res = assess(votes, statements_frame(["s"]), participants=parts, dimensions=["age_group", "district"])
    gs = res["group_support"]
    demo = gs[gs["dimension"] != "opinion_group"].set_index(["dimension", "category"])
    young = demo.loc[("age_group", "jong")]
    assert (young["n"], young["n_agree"]) == (20, 5) and young["support"] == pytest.approx(0.25)
    ci = binomtest(5, 20).proportion_ci(method="wilson")
    assert young["low"] == pytest.approx(ci.low) and young["high"] == pytest.approx(ci.high)
    other, old = demo.loc[("age_group", "anders")], demo.loc[("age_group", "oud")]
    assert other["suppressed"] and pd.isna(other["n"]) and np.isnan(other["support"])
    # complementary: "oud" (15) is hidden too, else 40 votes minus jong and oud would give "anders" (5) back
    assert old["suppressed"] and pd.isna(old["n_agree"]) and not young["suppressed"]
    statement = res["statements"].iloc[0]
    shown = demo.loc["age_group"].dropna(subset=["n"])
    assert statement["n_votes"] - shown["n"].sum() == 20  # the pooled hidden voters: at least the minimum
    # the hidden voters (oud and anders) neither all agreed nor all disagreed: jong can stay
    # geometric mean of (A+1)/(S+2) over the shown cells: jong 6/22, Noord, Zuid
    noord, zuid = demo.loc[("district", "Noord")], demo.loc[("district", "Zuid")]
    factors = [6 / 22, (noord["n_agree"] + 1) / (noord["n"] + 2), (zuid["n_agree"] + 1) / (zuid["n"] + 2)]
    st = in_words(res).iloc[0]
    assert st["consensus_demographic"] == pytest.approx(float(np.prod(factors)) ** (1 / 3))
    # the young differ: 25% against 55% overall, interval excludes it
    assert "leeftijd jong (25% eens)" in st["reasons"]
    assert list(gs.columns[:9]) == [
        "statement_id",
        "dimension",
        "category",
        "n",
        "n_agree",
        "n_disagree",
        "support",
        "low",
        "high",
    ]


def test_group_composition_and_profiles():
    votes, truth = planted((25, 15), n_statements=10, seed=4)
    parts = pd.DataFrame(
        {
            "participant_id": truth.index,
            "district": ["Noord" if (g == 0 or p % 5 == 0) else "Zuid" for p, g in truth.items()],
        }
    )
    res = assess(votes, statements_frame(list(range(10))), participants=parts, dimensions=["district"])
    comp = res["group_composition"].set_index(["group", "dimension", "category"])
    # A: 25 Noord, 0 Zuid; B: 3 Noord, 12 Zuid. Group sizes (25, 15) and the districts' totals are published,
    # so in this 2 x 2 table one small cell (B Noord, 3) can only be hidden by hiding every non-zero cell.
    assert comp.loc[(1, "district", "Noord"), "suppressed"]
    for cell in [(0, "district", "Noord"), (1, "district", "Zuid")]:
        assert comp.loc[cell, "suppressed"] and pd.isna(comp.loc[cell, "count"]) and np.isnan(comp.loc[cell, "share"])
    a_zuid = comp.loc[(0, "district", "Zuid")]
    assert not a_zuid["suppressed"] and a_zuid["count"] == 0 and a_zuid["share"] == 0.0  # nobody exposed by a 0
    assert comp.loc[(0, "district", "Noord"), "n"] == 25
    assert comp.loc[(1, "district", "Zuid"), "share_all"] == pytest.approx(12 / 40)
    # with a larger minority the table shows itself: B has 10 in Noord
    votes2, truth2 = planted((25, 25), n_statements=10, seed=4)
    parts2 = pd.DataFrame(
        {
            "participant_id": truth2.index,
            "district": ["Noord" if (g == 0 or p % 5 < 2) else "Zuid" for p, g in truth2.items()],
        }
    )
    res2 = assess(votes2, statements_frame(list(range(10))), participants=parts2, dimensions=["district"])
    comp2 = res2["group_composition"].set_index(["group", "dimension", "category"])
    noord = comp2.xs("Noord", level="category")["count"]
    assert not comp2["suppressed"].any() and sorted(noord.tolist()) == [10, 25]
    prof = res["group_profiles"]
    assert set(prof["group"]) == {0, 1} and prof["significant"].all()
    top = prof[(prof["group"] == 0) & (prof["rank"] == 1)].iloc[0]
    # group A (truth 0) agrees on even statements, B disagrees: every A agree share 1, rest 0
    assert top["share_group"] == 1.0 and top["share_rest"] == 0.0
    na, ns, ra, rs = 25, 25, 0, 15
    assert top["repness"] == pytest.approx(((na + 1) / (ns + 2)) / ((ra + 1) / (rs + 2)))


def test_tables_are_parquet_safe(tmp_path):
    votes, parts = demographic_case()
    res = assess(
        votes,
        statements_frame(["s"]),
        participants=parts,
        dimensions=["age_group"],
        weights=pd.Series(1.0, index=parts["participant_id"]),
    )
    for key in ("statements", "group_support", "opinion_groups", "group_profiles", "group_composition", "rules"):
        df = res[key]
        assert all(isinstance(c, str) for c in df.columns)
        df.to_parquet(tmp_path / f"{key}.parquet")
        back = pd.read_parquet(tmp_path / f"{key}.parquet")
        assert len(back) == len(df)


# ------------------------------------------------------------------------------------ indicative


def test_indicative_draagvlak_by_hand():
    rows = []
    # theme groen: 10 participants, 6 positive, 1 neutral, 3 negative; participant 0 writes twice (averaged)
    sentiments = [0.8, 0.5, 0.3, 0.2, 0.9, 0.1, 0.0, -0.4, -0.6, -0.2]
    for p, s in enumerate(sentiments):
        rows.append({"participant_id": p, "theme": "groen", "sentiment": s})
    rows.append({"participant_id": 0, "theme": "groen", "sentiment": -0.2})  # mean 0.3: still positive
    # theme verkeer: 3 anonymous inputs, each its own voice
    for s in (-0.5, -0.5, 0.5):
        rows.append({"participant_id": None, "theme": "verkeer", "sentiment": s})
    rows.append({"participant_id": 1, "theme": None, "sentiment": 1.0})  # no theme: skipped
    context = TableContext(language="nl", min_cell_size=10)
    out = readable("draagvlak_indicative", indicative_draagvlak(pd.DataFrame(rows)), context).set_index("theme")
    g = out.loc["groen"]
    assert (g.n_inputs, g.n_participants, g.n_positive, g.n_neutral, g.n_negative) == (11, 10, 6, 1, 3)
    assert g.net == pytest.approx(0.3)
    pp, pn = 7 / 13, 4 / 13
    half = Z * math.sqrt((pp + pn - (pp - pn) ** 2) / 13)
    assert g.net_low == pytest.approx(pp - pn - half) and g.net_high == pytest.approx(pp - pn + half)
    ci = binomtest(6, 10).proportion_ci(method="wilson")
    assert g.support_low == pytest.approx(ci.low)
    assert bool(g.indicative) and g.reasons.startswith("Indicatief")
    assert g.verdict.startswith("indicatief")
    v = out.loc["verkeer"]
    assert (v.n_participants, v.n_negative, v.n_positive) == (3, 2, 1)
    assert v.verdict == "onvoldoende basis"
    en = readable("draagvlak_indicative", indicative_draagvlak(pd.DataFrame(rows)), TableContext(language="en"))
    assert en["reasons"].str.startswith("Indicative").all()
    with pytest.raises(ValueError, match="sentiment"):
        indicative_draagvlak(pd.DataFrame({"theme": ["a"]}))
    assert indicative_draagvlak(pd.DataFrame({"theme": [], "sentiment": []})).empty


# ------------------------------------------------------------------------------------ real Pol.is exports


def polis_votes(name):
    base = POLIS / name
    if not (base / "votes.csv").exists():
        pytest.skip(f"Pol.is reference export not found at {base}")
    votes = pd.read_csv(base / "votes.csv")
    comments = pd.read_csv(base / "comments.csv")
    matrix = pd.read_csv(base / "participants-votes.csv")
    kept = comments.loc[comments["moderated"] != -1, "comment-id"]
    votes = votes.rename(columns={"voter-id": "participant_id", "comment-id": "statement_id"})
    votes = votes[votes["statement_id"].isin(kept)]
    return votes, matrix, kept


@pytest.mark.parametrize("name, min_ari", [("brexit-consensus", 0.8), ("15-per-hour-seattle", 0.7)])
def test_opinion_groups_agree_with_polis(name, min_ari):
    votes, matrix, _ = polis_votes(name)
    ours = opinion_groups(votes)
    theirs = matrix.set_index("participant")["group-id"].dropna().astype(int)
    both = pd.concat([ours.rename("ours"), theirs.rename("polis")], axis=1, join="inner")
    both = both[both["ours"] >= 0]
    ari = adjusted_rand_score(both["polis"], both["ours"])
    matched = max((both["ours"] == both["polis"]).mean(), (both["ours"] == 1 - both["polis"]).mean())
    print(f"{name}: {ours.max() + 1} groups (Pol.is 2), ARI {ari:.3f}, share matched {matched:.3f}, n={len(both)}")
    assert ours.max() + 1 == 2
    assert ari >= min_ari and matched >= 0.9


@pytest.mark.parametrize("name", ["brexit-consensus", "15-per-hour-seattle"])
def test_consensus_matches_polis_export(name):
    """GIC from votes.csv (latest vote) with Pol.is' groups equals the formula applied by hand to the
    participants-votes.csv matrix that Pol.is itself exported."""
    votes, matrix, kept = polis_votes(name)
    groups = matrix.set_index("participant")["group-id"]
    ours = group_informed_consensus(votes, groups)
    placed = matrix[matrix["group-id"].notna()]
    for cid in kept:
        expected = 1.0
        for _, members in placed.groupby("group-id"):
            col = members[str(cid)].dropna()
            expected *= ((col == 1).sum() + 1) / (len(col) + 2)
        if cid in ours.index:
            assert ours[cid] == pytest.approx(expected, rel=1e-12)
        else:  # nobody voted: every group contributes 1/2
            assert expected == pytest.approx(0.5 ** placed["group-id"].nunique())
    # and with our own groups the consensus ranking is close to the one with Pol.is' groups
    ours_own = group_informed_consensus(votes, opinion_groups(votes))
    rho = ours.rank().corr(ours_own.reindex(ours.index).rank())
    print(f"{name}: Spearman correlation of consensus (our groups vs Pol.is groups) {rho:.3f}")
    assert rho > 0.9


def test_assess_counts_equal_polis_own_vote_matrix():
    """assess' vote counts per statement and per participant equal Pol.is' own exported matrix, which holds
    exactly the latest vote of every participant on every comment."""
    votes, matrix, kept = polis_votes("brexit-consensus")
    comments = pd.read_csv(POLIS / "brexit-consensus" / "comments.csv")
    statements = comments.rename(columns={"comment-id": "statement_id", "comment-body": "text"})
    res = assess(votes, statements[statements["statement_id"].isin(kept)][["statement_id", "text"]])
    st = res["statements"].set_index("statement_id")
    columns = matrix[[str(c) for c in kept]]
    assert st["n_agree"].to_dict() == {c: int((columns[str(c)] == 1).sum()) for c in kept}
    assert st["n_disagree"].to_dict() == {c: int((columns[str(c)] == -1).sum()) for c in kept}
    assert st["n_votes"].to_dict() == {c: int(columns[str(c)].notna().sum()) for c in kept}
    per_person = res["opinion_groups"].set_index("participant_id")["n_votes"]
    expected = columns.notna().sum(axis=1).set_axis(matrix["participant"])
    expected = expected[expected > 0]
    assert per_person.sort_index().to_dict() == expected.sort_index().to_dict()
    assert in_words(res, "en")["verdict"].notna().all()


# ------------------------------------------------------------------------------------ withdrawn statements


def test_withdrawn_statements_count_for_the_groups_and_are_reported_nowhere():
    votes, truth = planted((25, 20), n_statements=10, seed=7)
    # participant 900 cast 5 votes on statements that count and 2 on withdrawn ones: 7, placed as in Pol.is
    extra = [(900, s, 1 if s % 2 == 0 else -1) for s in range(5)] + [(900, "w1", 1), (900, "w2", -1)]
    # everybody else voted on the withdrawn statements too
    withdrawn_votes = [(p, w, 1) for p in truth.index for w in ("w1", "w2")]
    votes = pd.concat([votes, votes_frame(extra + withdrawn_votes + [(901, 0, 1), (901, 1, -1)])], ignore_index=True)
    ids = list(range(10)) + ["w1", "w2"]
    statements = statements_frame(ids).assign(moderated=[1] * 5 + [0] * 5 + [-1, -1])
    statements["statement_id"] = statements["statement_id"].astype(str)
    votes["statement_id"] = votes["statement_id"].astype(str)
    res = assess(votes, statements, rules={"min_votes": 5})

    st = res["statements"]
    assert st["statement_id"].tolist() == [str(i) for i in range(10)]  # no withdrawn statement
    assert st["moderated"].tolist() == [1] * 5 + [0] * 5
    for name in ("group_support", "group_profiles"):
        assert not res[name]["statement_id"].isin(["w1", "w2"]).any(), name
    # the counts are those of the statements that count
    assert st["n_votes"].sum() == int((~votes["statement_id"].isin(["w1", "w2"])).sum())
    og = res["opinion_groups"].set_index("participant_id")
    assert og.loc[900, "group"] >= 0 and og.loc[900, "n_votes"] == 7  # placed on the strength of withdrawn votes
    assert og.loc[901, "group"] == -1  # 2 votes: below the bar ...
    assert og.loc[901, "indicative_group"] >= 0  # ... with only an indicative group
    assert og.loc[og["group"] >= 0, "indicative_group"].isna().all()
    # the same votes without the moderation information place people differently: the statuses are used
    plain = assess(votes, statements.drop(columns="moderated"), rules={"min_votes": 5})
    assert len(plain["statements"]) == 12 and set(plain["statements"]["moderated"]) == {0}


def test_moderation_status_is_checked():
    votes, _ = planted((10, 10), n_statements=8)
    statements = statements_frame(list(range(8))).assign(moderated=[1, 0, "weg", 1, 1, 1, 2, 1])
    with pytest.raises(ValueError, match=r"moderated.*'weg', 2 in row\(s\) 2, 6"):
        assess(votes, statements)


# ------------------------------------------------------------------------------------ who is in each group


def test_composition_differences_name_only_clear_shown_differences():
    votes, truth = planted((25, 25), n_statements=10, seed=4)
    parts = pd.DataFrame(
        {
            "participant_id": truth.index,
            "district": ["Noord" if (g == 0 or p % 5 < 2) else "Zuid" for p, g in truth.items()],
            # the same share in both groups: no difference to name
            "gender": ["v" if p % 2 else "m" for p in truth.index],
        }
    )
    res = assess(votes, statements_frame(list(range(10))), participants=parts, dimensions=["district", "gender"])
    diff = res["group_differences"]
    assert set(diff["dimension"]) == {"district"}  # gender does not differ
    a = diff[diff["group"] == 0].iloc[0]
    # A: 25 of 25 in Noord against 35 of 50 placed voters; Fisher's test against B (10 of 25) is clear
    assert (a["category"], a["share"], a["share_all"]) == ("Noord", 1.0, pytest.approx(0.7))
    assert a["difference"] == pytest.approx(0.3) and a["rank"] == 1 and a["label"] == "A" and a["n"] == 25
    b = diff[diff["group"] == 1]
    assert len(b) == 1 and b.iloc[0]["category"] == "Zuid"  # one row per dimension: "more often" of a tie
    # every row is a cell the composition shows, with the same figures
    shown = res["group_composition"].set_index(["group", "dimension", "category"])
    for row in diff.itertuples():
        cell = shown.loc[(row.group, row.dimension, row.category)]
        assert not cell["suppressed"] and cell["share"] == row.share and cell["share_all"] == row.share_all


def test_composition_differences_leave_out_hidden_cells():
    votes, truth = planted((25, 15), n_statements=10, seed=4)
    parts = pd.DataFrame(
        {
            "participant_id": truth.index,
            "district": ["Noord" if (g == 0 or p % 5 == 0) else "Zuid" for p, g in truth.items()],
        }
    )
    res = assess(votes, statements_frame(list(range(10))), participants=parts, dimensions=["district"])
    # the 2 x 2 table hides every non-zero cell (test_group_composition_and_profiles): only A's shown 0 in Zuid
    # can be named; nothing about B, whose cells are all hidden
    diff = res["group_differences"]
    assert diff[["label", "category", "share", "share_all"]].values.tolist() == [["A", "Zuid", 0.0, 0.3]]
    assert list(diff.columns) == [
        "group", "label", "n", "rank", "dimension", "category", "share", "share_all", "difference",
    ]  # fmt: skip
