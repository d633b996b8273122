"""Tests for cocreatie_analysis.reach: hand-computed statistics, raking against ipfn, suppression, bad input."""

from __future__ import annotations

import io
import itertools
import math
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from cocreatie_analysis.reach import (
    Raker,
    ReachWarning,
    analyse_reach,
    group_label,
    harmonise_age,
    parse_age_band,
    rake,
    representation,
)
from cocreatie_analysis.stats import wilson_interval
from cocreatie_analysis.wording.numbers import format_times
from cocreatie_analysis.wording.tables import TableContext, readable


def in_words(out, name, language="nl", min_cell_size=10):
    """A table of analyse_reach as a report shows it (sentences and readable names in `language`)."""
    return readable(f"reach_{name}", out[name], TableContext(language=language, min_cell_size=min_cell_size))


AGES = ["15-24", "25-44", "45-64", "65+"]


def _population(margins: dict[str, dict[str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(d, c, n) for d, cats in margins.items() for c, n in cats.items()], columns=["dimension", "category", "count"]
    )


def _participants(**columns) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    return pd.DataFrame({"participant_id": [f"P{i:05d}" for i in range(n)], **columns})


def _repeat(counts: dict[str, int]) -> list[str]:
    return [c for c, k in counts.items() for _ in range(k)]


def _quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReachWarning)
        return func(*args, **kwargs)


# ----------------------------------------------------------------------------- representation, by hand
@pytest.fixture
def two_groups():
    population = _population({"district": {"A": 600, "B": 400}})
    participants = _participants(district=_repeat({"A": 30, "B": 70}))
    return participants, population


def test_representation_matches_hand_computation(two_groups):
    participants, population = two_groups
    table = representation(participants, population, ["district"]).set_index("category")
    a, b = table.loc["A"], table.loc["B"]
    assert a["n"] == 30 and b["n"] == 70
    assert a["sample_share"] == pytest.approx(0.3) and a["population_share"] == pytest.approx(0.6)
    assert a["ratio"] == pytest.approx(0.5) and b["ratio"] == pytest.approx(1.75)
    # Wilson 95 % interval for 30/100 is (0.2189, 0.3958) (Newcombe 1998 style tables); divided by 0.6.
    assert a["ratio_low"] == pytest.approx(0.21886 / 0.6, abs=2e-4)
    assert a["ratio_high"] == pytest.approx(0.39585 / 0.6, abs=2e-4)
    assert bool(a["under_represented"]) and not bool(b["under_represented"])
    assert bool(b["over_represented"])  # 70/100 vs 0.4: lower bound 0.604/0.4 > 1/0.67
    assert a["p_value"] == pytest.approx(stats.binomtest(30, 100, 0.6).pvalue)
    # Participation rates: 30/600 and 70/400; overall 100/1000.
    assert a["participation_rate"] == pytest.approx(0.05) and b["participation_rate"] == pytest.approx(0.175)
    assert a["partial_r"] == pytest.approx(math.sqrt(0.6) * (0.05 - 0.1))
    assert a["partial_r_relative"] == pytest.approx(math.sqrt(0.6) * (0.5 - 1))


def test_dimension_tests_match_hand_computation(two_groups):
    participants, population = two_groups
    tests = _quiet(analyse_reach, participants, population, ["district"])["dimension_tests"].iloc[0]
    # chi2 = (30-60)^2/60 + (70-40)^2/40 = 15 + 22.5
    assert tests["chi2"] == pytest.approx(37.5) and tests["df"] == 1
    assert tests["p_value"] == pytest.approx(stats.chi2.sf(37.5, 1))
    assert tests["cohens_w"] == pytest.approx(math.sqrt(0.375))
    assert tests["dissimilarity"] == pytest.approx(0.3)
    # S = sqrt(0.6 (0.05 - 0.1)^2 + 0.4 (0.175 - 0.1)^2) = sqrt(0.00375)
    s = math.sqrt(0.00375)
    assert tests["partial_r"] == pytest.approx(s)
    assert tests["r_indicator"] == pytest.approx(1 - 2 * s)
    assert tests["cv_participation"] == pytest.approx(s / 0.1)
    assert tests["participation_rate"] == pytest.approx(0.1)
    assert tests["effect_size"] == "large"
    assert tests["p_value_method"] == "chi2"


def test_monte_carlo_p_value_agrees_with_exact_multinomial_test():
    population = _population({"origin": {"NL": 70, "EU": 10, "buiten": 20}})
    participants = _participants(origin=_repeat({"NL": 10, "EU": 0, "buiten": 2}))
    tests = _quiet(analyse_reach, participants, population, ["origin"], min_cell_size=1, n_simulations=40_000)[
        "dimension_tests"
    ].iloc[0]
    assert tests["p_value_method"] == "monte_carlo"
    pi = np.array([0.7, 0.1, 0.2])
    n = 12
    observed = np.array([10, 0, 2])
    chi2_obs = ((observed - n * pi) ** 2 / (n * pi)).sum()
    exact = 0.0
    for a in range(n + 1):
        for b in range(n + 1 - a):
            x = np.array([a, b, n - a - b])
            if ((x - n * pi) ** 2 / (n * pi)).sum() >= chi2_obs - 1e-9:
                exact += stats.multinomial.pmf(x, n, pi)
    assert tests["chi2"] == pytest.approx(chi2_obs)
    assert tests["p_value"] == pytest.approx(exact, abs=0.015)


def test_unusual_suspect_sentence_in_dutch_and_english():
    population = _population({"age_group": {"15-24": 300, "25-44": 300, "45-64": 200, "65+": 200}})
    participants = _participants(age_group=_repeat({"15-24": 40, "25-44": 120, "45-64": 120, "65+": 120}))
    out = _quiet(analyse_reach, participants, population, ["age_group"])
    nl = in_words(out, "unusual_suspects")
    assert list(nl["category"]) == ["15-24"] and out["unusual_suspects"]["kind"].tolist() == ["ratio"]
    assert (
        nl["description"]
        .iloc[0]
        .startswith(
            "jongeren van 15–24 jaar: 3× minder vaak bereikt dan hun aandeel in de bevolking (10% van de deelnemers, "
            "30% van de bevolking)"
        )
    )
    en = in_words(out, "unusual_suspects", "en")
    assert (
        en["description"]
        .iloc[0]
        .startswith("young people aged 15–24: reached 3× less often than their share of the population")
    )


def test_group_labels():
    assert group_label("age_group", "15-24") == "jongeren van 15–24 jaar"
    assert group_label("age_group", "65+", "en") == "older residents aged 65+"
    assert group_label("age_group", "25-44") == "inwoners van 25–44 jaar"
    assert group_label("gender", "vrouw") == "vrouwen"
    assert group_label("origin", "buiten Europa") == "inwoners met herkomst buiten Europa"
    assert group_label("age_group | district", "15-24 | Centrum") == "jongeren van 15–24 jaar, wijk Centrum"
    assert parse_age_band("15-24") == (15, 24) and parse_age_band("65+") == (65, None)
    assert parse_age_band("jong") is None and parse_age_band("30-20") is None


# ----------------------------------------------------------------------------- small groups
def test_small_groups_are_suppressed_with_a_secondary_cell():
    population = _population({"district": {"A": 100, "B": 300, "C": 300, "D": 300}})
    participants = _participants(district=_repeat({"A": 3, "B": 50, "C": 60, "D": 0}))
    out = _quiet(analyse_reach, participants, population, ["district"], min_cell_size=10)
    table = out["representation"].set_index("category")
    assert table.loc["A", "suppressed"] and table.loc["A", "n_label"] == "<10" and pd.isna(table.loc["A", "n"])
    # Only one hidden cell would be recoverable from the total: the next smallest (B) is hidden too.
    assert table.loc["B", "suppressed"] and table.loc["B", "n_label"] == "x"
    assert pd.isna(table.loc["B", "ratio"]) and pd.isna(table.loc["B", "sample_share"])
    assert not table.loc["C", "suppressed"] and table.loc["C", "n"] == 60
    assert table.loc["D", "n"] == 0 and not table.loc["D", "suppressed"]  # nobody exposed by a zero
    # A's upper bound is the conservative one at n = 9.
    z = stats.norm.ppf(0.975)
    _, high = wilson_interval(np.array([9]) / 113, np.array([113]), z)
    assert table.loc["A", "ratio_high"] == pytest.approx(high[0] / 0.1)
    # Dimension statistics on the pooled table (A+B, C, D): they cannot reveal A or B.
    t = out["dimension_tests"].iloc[0]
    observed = np.array([60, 0, 53])
    expected = 113 * np.array([0.3, 0.3, 0.4])
    assert t["chi2"] == pytest.approx(((observed - expected) ** 2 / expected).sum())
    assert t["n_suppressed"] == 2 and t["df"] == 2


def test_no_report_table_shows_a_group_below_the_minimum_cell_size():
    rng = np.random.default_rng(3)
    n = 400
    participants = _participants(
        age_group=rng.choice(AGES, n, p=[0.02, 0.3, 0.38, 0.3]),
        district=rng.choice(["Noord", "Zuid", "Oost", "West"], n, p=[0.45, 0.45, 0.07, 0.03]),
    )
    population = _population(
        {
            "age_group": dict(zip(AGES, [150, 330, 310, 210])),
            "district": {"Noord": 250, "Zuid": 250, "Oost": 250, "West": 250},
            "age_group | district": {f"{a} | {d}": 60 for a in AGES for d in ["Noord", "Zuid", "Oost", "West"]},
        }
    )
    inputs = pd.DataFrame(
        {
            "input_id": range(n),
            "text": "x",
            "participant_id": participants["participant_id"],
            "channel": rng.choice(["online", "straatgesprek", "werkatelier"], n, p=[0.6, 0.37, 0.03]),
        }
    )
    out = _quiet(analyse_reach, participants, population, ["age_group", "district"], inputs=inputs, min_cell_size=10)
    for name in ("representation", "intersections", "channel_reach", "unusual_suspects"):
        table = out[name]
        shown = table["n"].dropna()
        assert not ((shown > 0) & (shown < 10)).any(), name
    inter = out["intersections"]
    assert inter["suppressed"].any()
    # Secondary suppression: no row or column of the age × district table has exactly one hidden cell
    # while another non-empty cell could have been hidden instead.
    for key in ("category_1", "category_2"):
        for _, line in inter.groupby(key):
            if line["suppressed"].sum() == 1:
                assert (line.loc[~line["suppressed"], "n"] == 0).all()
    # Tiny channel (werkatelier, ~12 participants or fewer) is either shown with suppression or left out.
    assert set(out["channel_reach"]["channel"]) <= {"online", "straatgesprek", "werkatelier"}
    # The intervals of suppressed cells with a known upper bound flag certain under-representation.
    small = out["representation"].query("suppressed and n_label == '<10'")
    assert small["ratio_high"].notna().all()


def test_whole_dimension_hidden_when_fewer_than_minimum():
    population = _population({"origin": {"NL": 70, "EU": 30}})
    participants = _participants(origin=["NL"] * 4 + [None] * 40)
    out = _quiet(analyse_reach, participants, population, ["origin"], min_cell_size=10)
    row = out["representation"].set_index("category").loc["NL"]
    assert row["suppressed"] and pd.isna(row["n"]) and pd.isna(row["ratio_high"])
    tests = out["dimension_tests"].iloc[0]
    assert pd.isna(tests["n"]) and pd.isna(tests["chi2"])


def test_small_unknown_categories_are_masked_in_the_warnings_table():
    population = _population({"gender": {"man": 50, "vrouw": 50}})
    participants = _participants(gender=_repeat({"man": 40, "vrouw": 40, "anders": 3}))
    with pytest.warns(ReachWarning, match="3 participant\\(s\\) have value 'anders'"):
        out = analyse_reach(participants, population, ["gender"])
    assert "anders" not in out["warnings"].to_string()  # not in any column, the parameters included
    row = in_words(out, "warnings").query("code == 'unknown_category_masked'").iloc[0]
    assert row["category"] == "" and "minder dan 10" in row["message"] and "anders" not in row["message"]


# ----------------------------------------------------------------------------- ages
def test_harmonise_age_bins_numbers_with_documented_treatment():
    population = _population({"age_group": dict(zip(AGES, [1, 1, 1, 1]))})
    ages = [14, 15, 24, 24.9, 25, 64, 65, 99, -1, 130, "abc", "37 jaar", "15-24", None]
    participants = _participants(age=pd.Series(ages, dtype=object))
    with pytest.warns(ReachWarning) as record:
        out = harmonise_age(participants, population)
    expected = [
        None,
        "15-24",
        "15-24",
        "15-24",
        "25-44",
        "45-64",
        "65+",
        "65+",
        None,
        None,
        None,
        "25-44",
        "15-24",
        None,
    ]
    assert [None if pd.isna(v) else v for v in out["age_group"]] == expected
    messages = " ".join(str(r.message) for r in record)
    assert "1 participant(s) have an age outside every age band" in messages  # the 14-year-old
    assert "3 participant(s) have an invalid age" in messages  # -1, 130, "abc"
    assert "age" in out.columns  # the original column is kept


def test_harmonise_age_keeps_existing_bands_and_bins_numbers_in_age_group():
    population = _population({"age_group": dict(zip(AGES, [1, 1, 1, 1]))})
    participants = _participants(age_group=["15-24", "65+", "25-44"])
    assert harmonise_age(participants, population) is participants
    mixed = _participants(age_group=pd.Series(["15-24", 70, "33"], dtype=object))
    with pytest.warns(ReachWarning, match="ages in years"):
        out = harmonise_age(mixed, population)
    assert list(out["age_group"]) == ["15-24", "65+", "25-44"]
    # Bands may also come from a joint dimension only.
    joint = _population({"age_group | district": {"15-24 | A": 1, "25+ | A": 1}})
    assert list(harmonise_age(_participants(age=[16, 80]), joint)["age_group"]) == ["15-24", "25+"]


def test_ages_as_numbers_or_bands_give_the_same_representation():
    population = _population({"age_group": dict(zip(AGES, [150, 330, 310, 210]))})
    rng = np.random.default_rng(0)
    years = rng.integers(15, 90, 300)
    as_numbers = _participants(age=years)
    bands = pd.cut(years, [14, 24, 44, 64, 200], labels=AGES).astype(str)
    as_bands = _participants(age_group=bands)
    a = representation(as_numbers, population, ["age_group"])
    b = representation(as_bands, population, ["age_group"])
    pd.testing.assert_frame_equal(a, b)


def test_bad_age_bands_in_population_are_a_clear_error():
    participants = _participants(age=[20, 30])
    with pytest.raises(ValueError, match="not age bands"):
        harmonise_age(participants, _population({"age_group": {"jong": 1, "oud": 1}}))
    with pytest.raises(ValueError, match="overlap"):
        harmonise_age(participants, _population({"age_group": {"15-30": 1, "25-44": 1}}))


# ----------------------------------------------------------------------------- raking
def _three_dimensional_sample(n=3000, seed=7):
    rng = np.random.default_rng(seed)
    participants = _participants(
        age_group=rng.choice(AGES, n, p=[0.1, 0.3, 0.35, 0.25]),
        gender=rng.choice(["man", "vrouw"], n, p=[0.4, 0.6]),
        origin=rng.choice(["Nederland", "Europa", "buiten Europa"], n, p=[0.8, 0.08, 0.12]),
    )
    population = _population(
        {
            "age_group": dict(zip(AGES, [14000, 33000, 31000, 22000])),
            "gender": {"man": 49500, "vrouw": 50500},
            "origin": {"Nederland": 70000, "Europa": 9000, "buiten Europa": 21000},
        }
    )
    return participants, population


def test_raking_matches_ipfn_on_three_dimensions():
    ipfn_module = pytest.importorskip("ipfn")
    participants, population = _three_dimensional_sample()
    dims = ["age_group", "gender", "origin"]
    raker = Raker(dims, trim=None, tol=1e-13, max_iter=5000).fit(participants, population)
    assert raker.converged_ and raker.margin_error_ < 1e-10

    # ipfn on the sample's contingency table with the population margins scaled to the sample size.
    cats = {d: list(population.query("dimension == @d")["category"]) for d in dims}
    n = len(participants)
    table = np.zeros([len(cats[d]) for d in dims])
    idx = tuple(participants[d].map({c: i for i, c in enumerate(cats[d])}).to_numpy() for d in dims)
    np.add.at(table, idx, 1.0)
    assert (table > 0).all()
    aggregates = []
    for d in dims:
        counts = population.query("dimension == @d")["count"].to_numpy(dtype=float)
        aggregates.append(counts / counts.sum() * n)
    fitted = ipfn_module.ipfn.ipfn(
        table.copy(),
        aggregates,
        [[0], [1], [2]],
        convergence_rate=1e-14,
        max_iteration=5000,
        rate_tolerance=0,
        verbose=0,
    ).iteration()
    # Our weights summed per cell must equal ipfn's fitted cell totals.
    ours = np.zeros_like(table)
    np.add.at(ours, idx, raker.weights_.to_numpy())
    np.testing.assert_allclose(ours, fitted, rtol=1e-6, atol=1e-9)
    assert raker.weights_.mean() == pytest.approx(1.0)


def test_raking_matches_ipfn_with_a_joint_margin():
    ipfn_module = pytest.importorskip("ipfn")
    participants, population = _three_dimensional_sample(seed=11)
    joint = {
        f"{a} | {g}": float(c)
        for (a, g), c in zip(
            itertools.product(AGES, ["man", "vrouw"]), [7000, 7000, 16000, 17000, 15500, 15500, 10000, 12000]
        )
    }
    population = pd.concat([population, _population({"age_group | gender": joint})], ignore_index=True)
    dims = ["age_group | gender", "origin"]
    raker = Raker(dims, trim=None, tol=1e-13, max_iter=5000).fit(participants, population)
    cats_a, cats_g = AGES, ["man", "vrouw"]
    cats_o = ["Nederland", "Europa", "buiten Europa"]
    idx = (
        participants["age_group"].map({c: i for i, c in enumerate(cats_a)}).to_numpy(),
        participants["gender"].map({c: i for i, c in enumerate(cats_g)}).to_numpy(),
        participants["origin"].map({c: i for i, c in enumerate(cats_o)}).to_numpy(),
    )
    table = np.zeros((4, 2, 3))
    np.add.at(table, idx, 1.0)
    n = len(participants)
    ag = np.array(list(joint.values())).reshape(4, 2)
    org = np.array([70000, 9000, 21000], dtype=float)
    fitted = ipfn_module.ipfn.ipfn(
        table.copy(),
        [ag / ag.sum() * n, org / org.sum() * n],
        [[0, 1], [2]],
        convergence_rate=1e-14,
        max_iteration=5000,
        rate_tolerance=0,
    ).iteration()
    ours = np.zeros_like(table)
    np.add.at(ours, idx, raker.weights_.to_numpy())
    np.testing.assert_allclose(ours, fitted, rtol=1e-6, atol=1e-9)


def test_single_dimension_raking_is_post_stratification():
    population = _population({"district": {"A": 500, "B": 300, "C": 200}})
    participants = _participants(district=_repeat({"A": 20, "B": 50, "C": 30}))
    weights = rake(participants, population, ["district"], trim=None)
    expected = participants["district"].map({"A": 0.5 / 0.2, "B": 0.3 / 0.5, "C": 0.2 / 0.3}).to_numpy()
    np.testing.assert_allclose(weights.to_numpy(), expected, rtol=1e-12, atol=0)
    assert list(weights.index) == list(participants["participant_id"])
    assert weights.name == "weight"


def test_missing_values_are_not_adjusted_and_known_shares_match():
    rng = np.random.default_rng(5)
    n = 2000
    origin = rng.choice(["NL", "EU", "ROW"], n, p=[0.8, 0.1, 0.1]).astype(object)
    origin[rng.random(n) < 0.2] = None
    participants = _participants(age_group=rng.choice(AGES, n), origin=origin)
    population = _population({"age_group": dict(zip(AGES, [1, 2, 3, 4])), "origin": {"NL": 6, "EU": 1, "ROW": 3}})
    with pytest.warns(ReachWarning, match="no value for 'origin'"):
        raker = Raker(trim=None, tol=1e-12).fit(participants, population)
    w = raker.weights_.to_numpy()
    known = participants["origin"].notna().to_numpy()
    shares = pd.Series(w[known]).groupby(participants["origin"][known].to_numpy()).sum() / w[known].sum()
    assert shares["NL"] == pytest.approx(0.6) and shares["ROW"] == pytest.approx(0.3)
    ages = pd.Series(w).groupby(participants["age_group"].to_numpy()).sum() / w.sum()
    np.testing.assert_allclose(ages[AGES].to_numpy(), [0.1, 0.2, 0.3, 0.4], atol=1e-9)
    assert w.mean() == pytest.approx(1.0)


def test_trimming_bounds_weights_and_reports_diagnostics():
    population = _population({"district": {"A": 500, "B": 500}})
    participants = _participants(district=_repeat({"A": 95, "B": 5}))  # untrimmed weight of B would be 10
    raker = _quiet(Raker(["district"], trim=(0.2, 5.0)).fit, participants, population)
    w = raker.weights_.to_numpy()
    assert w.max() <= 5 * w.mean() * (1 + 1e-9) and w.min() >= 0.2 * w.mean() * (1 - 1e-9)
    assert raker.n_trimmed_ == 5
    assert raker.margin_error_ > 0.1  # B cannot reach its share under the cap
    assert any("capped" in m and "percentage points" in m for m in raker.warnings_)
    # Kish design effect by hand.
    assert raker.design_effect_ == pytest.approx(len(w) * (w**2).sum() / w.sum() ** 2)
    assert raker.effective_sample_size_ == pytest.approx(len(w) / raker.design_effect_)


def test_raker_follows_estimator_conventions():
    raker = Raker(["district"], tol=1e-6)
    assert raker.get_params()["tol"] == 1e-6 and not hasattr(raker, "weights_")
    with pytest.raises(ValueError, match="trim bounds"):
        Raker(trim=(2, 5)).fit(*_three_dimensional_sample(50))


# ----------------------------------------------------------------------------- bad input
def test_dimension_missing_from_population():
    participants, population = _three_dimensional_sample(100)
    participants["education"] = "hoog"
    with pytest.raises(ValueError, match="'education' is not in the population table"):
        representation(participants, population, ["education"])
    with pytest.raises(ValueError, match="'education' is not in the population table"):
        rake(participants, population, ["education"])
    out = _quiet(analyse_reach, participants, population, ["age_group", "education"])
    assert "dimension_missing_population" in set(out["warnings"]["code"])
    assert set(out["representation"]["dimension"]) == {"age_group"}


def test_zero_population_counts():
    population = _population({"district": {"A": 100, "B": 0, "C": 100}, "origin": {"X": 0, "Y": 0}})
    participants = _participants(district=_repeat({"A": 20, "B": 5, "C": 20}), origin=["X"] * 45)
    with pytest.warns(ReachWarning, match="population count 0"):
        table = representation(participants, population, ["district"])
    assert set(table["category"]) == {"A", "C"}  # B has no population: not a row, its participants unknown
    assert table["n"].sum() == 40
    with pytest.raises(ValueError, match="all population counts are 0"):
        representation(participants, population, ["origin"])
    out = _quiet(analyse_reach, participants, population, ["district", "origin"])
    # the 5 participants of B are a small group: the table names neither B nor their number
    assert {"zero_population_category_masked", "population_zero"} <= set(out["warnings"]["code"])
    weights = out["weights"]["weight"]
    assert weights.mean() == pytest.approx(1.0) and np.isfinite(weights).all()


def test_sample_with_one_category():
    population = _population({"district": {"A": 100, "B": 100, "C": 100}, "gender": {"man": 1, "vrouw": 1}})
    participants = _participants(district=["A"] * 30, gender=_repeat({"man": 10, "vrouw": 20}))
    with pytest.warns(ReachWarning, match="one category"):
        raker = Raker(trim=None).fit(participants, population)
    # District cannot be repaired; gender still is.
    w = raker.weights_
    assert w.groupby(participants.set_index("participant_id")["gender"]).sum()["man"] == pytest.approx(15)
    table = _quiet(representation, participants, population, ["district"]).set_index("category")
    assert table.loc["B", "n"] == 0 and table.loc["B", "ratio"] == 0 and table.loc["B", "under_represented"]


def test_unknown_categories_and_tolerant_matching():
    population = _population({"district": {"Oude Haven": 50, "Centrum": 50}})
    participants = _participants(district=["oude  haven", " Centrum ", "CENTRUM", "Atlantis", None, "Centrum"])
    with pytest.warns(ReachWarning) as record:
        table = representation(participants, population, ["district"]).set_index("category")
    assert table.loc["Oude Haven", "n"] == 1 and table.loc["Centrum", "n"] == 3
    messages = " ".join(str(r.message) for r in record)
    assert "'Atlantis'" in messages and "1 participant(s) have no value" in messages


def test_bad_population_tables():
    participants = _participants(district=["A"])
    with pytest.raises(ValueError, match="missing column"):
        representation(participants, pd.DataFrame({"dimension": ["district"], "category": ["A"]}))
    with pytest.raises(ValueError, match="row 3, column 'count'"):
        representation(
            participants, pd.DataFrame({"dimension": ["district"] * 2, "category": ["A", "B"], "count": ["5", "veel"]})
        )
    with pytest.raises(ValueError, match="not a count"):
        representation(participants, _population({"district": {"A": -1}}))
    with pytest.raises(ValueError, match="appears twice"):
        representation(
            participants, pd.DataFrame({"dimension": ["district"] * 2, "category": ["A", "A"], "count": [1, 2]})
        )
    with pytest.raises(ValueError, match="one part per component"):
        representation(participants, _population({"age_group | district": {"15-24": 3}}))
    with pytest.raises(ValueError, match="appears more than once"):
        rake(pd.DataFrame({"participant_id": [1, 1], "district": ["A", "A"]}), _population({"district": {"A": 1}}))
    with pytest.raises(ValueError, match="unknown reach option"):
        analyse_reach(participants, _population({"district": {"A": 1}}), ["district"], trimming=(1, 2))


def test_margins_that_do_not_add_up_are_reported():
    population = _population({"age_group": {"15-24": 100, "25+": 300}, "gender": {"man": 240, "vrouw": 260}})
    participants = _participants(age_group=_repeat({"15-24": 20, "25+": 80}), gender=_repeat({"man": 50, "vrouw": 50}))
    out = _quiet(analyse_reach, participants, population, ["age_group", "gender"])
    row = in_words(out, "warnings").query("code == 'margins_differ'")
    assert len(row) == 1 and "age_group 400" in row["message"].iloc[0]
    # Shares within each dimension are matched regardless of the totals.
    margins = out["weight_margins"].set_index(["dimension", "category"])
    assert margins.loc[("gender", "man"), "weighted_share"] == pytest.approx(0.48)
    assert margins.loc[("age_group", "15-24"), "weighted_share"] == pytest.approx(0.25)


# ----------------------------------------------------------------------------- the whole analysis
@pytest.fixture(scope="module")
def city():
    """A sample where straatgesprekken reach young people far better than the online survey."""
    rng = np.random.default_rng(42)
    rows = []
    for channel, n, p_age in (
        ("online", 900, [0.02, 0.36, 0.37, 0.25]),
        ("straatgesprek", 160, [0.25, 0.35, 0.25, 0.15]),
        ("werkatelier", 60, [0.0, 0.2, 0.5, 0.3]),
    ):
        for age in rng.choice(AGES, n, p=p_age):
            rows.append((channel, age))
    participants = _participants(
        age_group=[a for _, a in rows],
        district=rng.choice(["Centrum", "Oude Haven", "Zuiderpark"], len(rows), p=[0.4, 0.1, 0.5]),
    )
    participants["gender"] = rng.choice(["man", "vrouw"], len(rows))
    inputs = pd.DataFrame(
        {
            "input_id": range(len(rows)),
            "text": "idee",
            "participant_id": participants["participant_id"],
            "channel": [c for c, _ in rows],
        }
    )
    population = _population(
        {
            "age_group": dict(zip(AGES, [15000, 33000, 31000, 21000])),
            "district": {"Centrum": 30000, "Oude Haven": 35000, "Zuiderpark": 35000},
            "gender": {"man": 49000, "vrouw": 51000},
            "age_group | district": {
                f"{a} | {d}": 2500 + 1000 * i + 300 * j
                for i, a in enumerate(AGES)
                for j, d in enumerate(["Centrum", "Oude Haven", "Zuiderpark"])
            },
        }
    )
    return participants, population, inputs


def test_analyse_reach_tables_are_complete_and_parquet_safe(city):
    participants, population, inputs = city
    out = _quiet(analyse_reach, participants, population, ["age_group", "district", "gender"], inputs=inputs)
    expected = {
        "representation",
        "dimension_tests",
        "unusual_suspects",
        "intersections",
        "channel_reach",
        "channel_advice",
        "weights",
        "weight_diagnostics",
        "weight_margins",
        "warnings",
    }
    assert expected <= set(out)
    for name, table in out.items():
        buffer = io.BytesIO()
        table.to_parquet(buffer)
        back = pd.read_parquet(io.BytesIO(buffer.getvalue()))
        assert list(back.columns) == list(table.columns), name
        assert all(isinstance(c, str) for c in table.columns)
    for column in (
        "dimension",
        "category",
        "n",
        "sample_share",
        "population_share",
        "ratio",
        "ratio_low",
        "ratio_high",
        "under_represented",
    ):
        assert column in out["representation"].columns
    assert set(out["dimension_tests"]["dimension"]) == {"age_group", "district", "gender", "age_group | district"}
    assert {"dimension_1", "category_1", "dimension_2", "category_2"} <= set(out["intersections"].columns)
    diag = out["weight_diagnostics"]
    assert len(diag) == 1 and bool(diag["converged"].iloc[0])
    assert out["weights"]["weight"].mean() == pytest.approx(1.0)
    assert len(out["weights"]) == len(participants)


def test_channel_advice_names_the_channel_that_reached_young_people(city):
    participants, population, inputs = city
    out = _quiet(analyse_reach, participants, population, ["age_group", "district", "gender"], inputs=inputs)
    suspects = out["unusual_suspects"]
    assert "15-24" in set(suspects["category"])
    advice = out["channel_advice"].set_index(["dimension", "category"]).loc[("age_group", "15-24")]
    assert advice["kind"] == "channel" and advice["best_channel"] == "straatgesprek"
    assert advice["compared_channel"] == "online"
    reach_table = out["channel_reach"].set_index(["channel", "dimension", "category"])
    r_street = reach_table.loc[("straatgesprek", "age_group", "15-24"), "ratio"]
    r_online = reach_table.loc[("online", "age_group", "15-24"), "ratio"]
    assert advice["factor"] == pytest.approx(r_street / r_online)
    sentence = in_words(out, "channel_advice").set_index(["dimension", "category"]).loc[("age_group", "15-24")]
    assert sentence["advice"].startswith(
        f"Via straatgesprek werden jongeren van 15–24 jaar "
        f"{format_times(r_street / r_online, 'nl')}× beter bereikt dan via online"
    )
    # Channel composition: shares add up to 1 within each channel and dimension without hidden cells.
    full = out["channel_reach"].groupby(["channel", "dimension"]).filter(lambda g: not g["suppressed"].any())
    assert len(full) > 0
    sums = full.groupby(["channel", "dimension"])["sample_share"].sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0)
    en = in_words(out, "channel_advice", "en")
    assert "straatgesprek reached young people aged 15–24" in " ".join(en["advice"])


def test_participant_attributes_can_come_from_the_inputs(city):
    participants, population, inputs = city
    inputs = inputs.assign(district=participants["district"].to_numpy())
    without = participants.drop(columns=["district"])
    out = _quiet(analyse_reach, without, population, ["age_group", "district"], inputs=inputs)
    full = _quiet(analyse_reach, participants, population, ["age_group", "district"], inputs=inputs)
    pd.testing.assert_frame_equal(out["representation"], full["representation"])


def test_no_inputs_and_no_channels_give_empty_tables(city):
    participants, population, _ = city
    out = _quiet(analyse_reach, participants, population, ["age_group"])
    assert out["channel_reach"].empty and out["channel_advice"]["kind"].eq("outreach").all()
    out = _quiet(
        analyse_reach, participants, population, ["age_group"], inputs=pd.DataFrame({"input_id": [1], "text": ["x"]})
    )
    assert "channel_unavailable" in set(out["warnings"]["code"])


def test_channel_membership_matches_ids_written_differently(city):
    participants, population, inputs = city
    numbered = participants.assign(participant_id=range(len(participants)))
    as_text = inputs.assign(
        participant_id=pd.Series([float(i) if i % 2 else str(i) for i in range(len(inputs))], dtype=object)
    )  # "17" or 17.0 for participant 17
    out = _quiet(analyse_reach, numbered, population, ["age_group"], inputs=as_text)
    sizes = out["channel_reach"].groupby("channel")["channel_participants"].first()
    assert sizes.sum() == len(participants)
