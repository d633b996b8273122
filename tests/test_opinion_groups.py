"""Tests for OpinionGroups: scikit-learn contract, determinism, Pol.is' treatment of withdrawn statements,
the damped sparsity scaling, base clusters and the choice of k, planted groups, people below the vote bar."""

from __future__ import annotations

import importlib
import math

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.metrics import adjusted_rand_score

from cocreatie_analysis.draagvlak import OpinionGroups, group_letter, opinion_groups

# the module itself (the package exports a function of the same name)
opinion_groups_module = importlib.import_module("cocreatie_analysis.draagvlak.opinion_groups")


def votes_frame(rows):
    return pd.DataFrame(rows, columns=["participant_id", "statement_id", "vote"])


def camps(sizes=(40, 30), n_statements=12, p_vote=1.0, noise=0.0, seed=0, first_id=0):
    """Planted camps: camp g agrees with statement s when s % len(sizes) == g, else disagrees."""
    rng = np.random.default_rng(seed)
    rows, truth = [], {}
    pid = first_id
    for g, size in enumerate(sizes):
        for _ in range(size):
            truth[pid] = g
            for s in range(n_statements):
                if rng.random() > p_vote:
                    continue
                vote = 1 if s % len(sizes) == g else -1
                if rng.random() < noise:
                    vote = int(rng.choice([-1, 0, 1]))
                rows.append((pid, s, vote))
            pid += 1
    return votes_frame(rows), pd.Series(truth)


# ------------------------------------------------------------------------------- scikit-learn contract


def test_parameters_stored_untouched_and_clone_works():
    model = OpinionGroups(min_votes=5, max_groups=4, n_base_clusters=50, damping=3, random_state=7)
    assert model.get_params() == {
        "min_votes": 5,
        "max_groups": 4,
        "n_base_clusters": 50,
        "n_components": 2,
        "silhouette_tolerance": 0.02,
        "damping": 3,
        "random_state": 7,
    }
    votes, _ = camps()
    model.fit(votes)
    copy = clone(model)
    assert copy.get_params() == model.get_params()
    with pytest.raises(NotFittedError):
        copy.groups_  # noqa: B018 - a clone is unfitted
    if hasattr(OpinionGroups(), "__sklearn_tags__"):  # scikit-learn >= 1.6
        assert OpinionGroups().__sklearn_tags__().estimator_type == "clusterer"


def test_not_fitted_raises_not_fitted_error():
    model = OpinionGroups()
    for name in ("groups_", "indicative_groups_", "n_groups_", "silhouette_", "coordinates_", "components_"):
        with pytest.raises(NotFittedError):
            getattr(model, name)
    assert not hasattr(model, "groups_")  # NotFittedError is an AttributeError: hasattr keeps working
    votes, _ = camps()
    with pytest.raises(NotFittedError):
        model.predict(votes)
    with pytest.raises(AttributeError):
        model.no_such_thing  # noqa: B018 - plain attribute errors stay plain
    # pickling and deep copies work fitted and unfitted (the NotFittedError hook must not get in the way)
    import copy
    import pickle

    assert copy.deepcopy(model).get_params() == model.get_params()
    fitted = pickle.loads(pickle.dumps(OpinionGroups().fit(votes)))
    assert fitted.predict(votes).equals(OpinionGroups().fit(votes).predict(votes))


@pytest.mark.parametrize(
    "params",
    [
        {"min_votes": 0},
        {"max_groups": 1},
        {"n_base_clusters": 1},
        {"n_components": 0},
        {"silhouette_tolerance": 1.0},
        {"damping": -1},
        {"damping": float("nan")},
        {"min_votes": 2.5},
        {"max_groups": True},
    ],
)
def test_invalid_parameters_are_rejected_in_fit(params):
    model = OpinionGroups(**params)  # construction never validates (scikit-learn convention)
    votes, _ = camps()
    with pytest.raises(ValueError, match=next(iter(params))):
        model.fit(votes)


def test_fit_predict_and_function_match_estimator():
    votes, _ = camps((30, 20), noise=0.1, seed=3)
    groups = OpinionGroups(random_state=1).fit_predict(votes)
    assert groups.equals(OpinionGroups(random_state=1).fit(votes).groups_)
    assert groups.equals(opinion_groups(votes, random_state=1))
    model = OpinionGroups().fit(votes)
    assert np.array_equal(model.labels_, model.groups_.to_numpy())
    statements = pd.DataFrame({"statement_id": range(12), "moderated": 1})
    assert OpinionGroups().fit(votes, statements).groups_.equals(model.groups_)  # fit(votes, statements)
    assert OpinionGroups().fit_predict(votes, statements).equals(model.groups_)


# ------------------------------------------------------------------------------------- determinism


def test_deterministic_for_a_random_state_and_row_order():
    votes, _ = camps((60, 45, 30), n_statements=15, p_vote=0.7, noise=0.15, seed=2)
    a = OpinionGroups(random_state=0).fit(votes)
    b = OpinionGroups(random_state=0).fit(votes.sample(frac=1.0, random_state=9))
    assert a.groups_.equals(b.groups_)
    pd.testing.assert_frame_equal(a.coordinates_, b.coordinates_)
    assert a.silhouette_ == b.silhouette_


def test_deterministic_with_randomized_svd_and_base_kmeans(monkeypatch):
    # above the (lowered) exact-SVD limit: randomized SVD, and 100 base clusters found by k-means
    monkeypatch.setattr(opinion_groups_module, "_EXACT_SVD_CELLS", 1_000)
    rng = np.random.default_rng(4)
    truth = rng.integers(0, 2, 600)
    p, s = np.nonzero(rng.random((600, 60)) < 0.3)
    vote = np.where(rng.random(len(p)) < np.where((s % 2) == truth[p], 0.85, 0.15), 1, -1)
    votes = votes_frame(zip(p, s, vote))
    a = OpinionGroups(random_state=3).fit(votes)
    b = OpinionGroups(random_state=3).fit(votes)
    assert len(a.base_centers_) == 100
    assert a.groups_.equals(b.groups_)
    np.testing.assert_array_equal(a.components_, b.components_)


# ------------------------------------------------------------------------------------ planted groups


def test_two_camps_recovered_exactly():
    votes, truth = camps((40, 30), n_statements=12, p_vote=0.8, noise=0.05, seed=1)
    model = OpinionGroups().fit(votes)
    assert model.n_groups_ == 2
    n_votes = votes.groupby("participant_id").size()
    placed = model.groups_[model.groups_ >= 0]
    assert set(placed.index) == set(n_votes.index[n_votes >= 7]) and len(placed) >= 60
    assert adjusted_rand_score(truth[placed.index], placed) == 1.0
    # numbered by size: the camp of 40 is group 0 (A)
    assert (placed[truth[placed.index] == 0] == 0).all()
    assert group_letter(0) == "A" and group_letter(27) == "AB" and group_letter(-1) == "-"


def test_predict_gives_the_fitted_groups_to_the_placed_participants():
    votes, _ = camps((30, 25, 20), n_statements=12, p_vote=0.8, noise=0.1, seed=5)
    model = OpinionGroups().fit(votes)
    placed = model.groups_[model.groups_ >= 0]
    assert model.predict(votes)[placed.index].equals(placed)


# ----------------------------------------------------------------------------- withdrawn statements


def test_withdrawn_statement_zeroed_counted_as_seen_and_counted_for_the_bar():
    """Hand-checkable: 4 accepted statements a-d and 2 withdrawn ones w, x, min_votes 4, no damping.

    Pol.is: a withdrawn statement is a column of zeros (no weight in the map), counts as seen by everybody
    in the scaling sqrt(statements / seen) = sqrt((4 + 2) / (n_accepted + 2)), and votes on it count for
    the vote bar (min(4, 6 statements) = 4).
    """
    rows = []
    for pid, sign in ((1, 1), (2, 1), (3, -1), (4, -1)):  # four full voters, two camps
        rows += [(pid, s, sign if s in "ab" else -sign) for s in "abcd"]
    rows += [(1, "w", 1), (3, "w", -1), (2, "x", 1), (4, "x", 1)]
    rows += [(5, "a", 1), (5, "w", 1), (5, "x", -1), (5, "c", -1)]  # 4 votes, only 2 on accepted statements
    rows += [(6, "a", -1), (6, "b", -1), (6, "c", 1)]  # 3 votes: below the bar
    votes = votes_frame(rows)
    statements = pd.DataFrame({"statement_id": list("abcdwx"), "moderated": [1, 1, 0, 1, -1, -1]})
    model = OpinionGroups(min_votes=4, damping=0).fit(votes, statements=statements)

    assert list(model.withdrawn_) == ["w", "x"]
    assert model.min_votes_ == 4
    # participant 5 is placed on the strength of votes on withdrawn statements; 6 is not
    assert model.coordinates_.loc[5, "placed"] and not model.coordinates_.loc[6, "placed"]
    assert model.groups_[5] >= 0 and model.groups_[6] == -1
    # the withdrawn columns carry nothing
    loadings = pd.DataFrame(model.components_, columns=model.statement_ids_)
    assert (loadings[["w", "x"]] == 0).all().all() and model.means_[["w", "x"]].eq(0).all()
    # seen = accepted votes + 2 withdrawn statements: sqrt(6/6) for full voters, sqrt(6/4) for 5, sqrt(6/5) for 6
    assert model.coordinates_["scale"].to_dict() == pytest.approx(
        {1: 1.0, 2: 1.0, 3: 1.0, 4: 1.0, 5: math.sqrt(6 / 4), 6: math.sqrt(6 / 5)}
    )
    # how people voted on withdrawn statements does not move anybody
    flipped = votes.assign(vote=np.where(votes["statement_id"].isin(["w", "x"]), -votes["vote"], votes["vote"]))
    again = OpinionGroups(min_votes=4, damping=0).fit(flipped, statements=statements)
    np.testing.assert_allclose(again.coordinates_[["x", "y"]], model.coordinates_[["x", "y"]])
    # without the moderation information the same votes give a different map: w and x weigh in
    plain = OpinionGroups(min_votes=4, damping=0).fit(votes)
    assert np.abs(pd.DataFrame(plain.components_, columns=plain.statement_ids_)[["w", "x"]].to_numpy()).max() > 0.1


def test_statements_table_is_checked():
    votes, _ = camps((10, 10), n_statements=8)
    ids = list(range(8))
    with pytest.raises(ValueError, match="moderated"):
        OpinionGroups().fit(votes, statements=pd.DataFrame({"statement_id": ids, "moderated": [2] + [1] * 7}))
    with pytest.raises(ValueError, match="not in statements"):
        OpinionGroups().fit(votes, statements=pd.DataFrame({"statement_id": ids[:-1]}))
    # no moderated column, or blanks in it: nothing withdrawn
    a = OpinionGroups().fit(votes, statements=pd.DataFrame({"statement_id": ids}))
    b = OpinionGroups().fit(votes, statements=pd.DataFrame({"statement_id": ids, "moderated": [None] * 8}))
    assert len(a.withdrawn_) == 0 and len(b.withdrawn_) == 0 and a.groups_.equals(b.groups_)


# ------------------------------------------------------------------------------------------ damping


def sparse_voter_votes(n_statements=500, n_withdrawn=0):
    """30 full voters in two camps and one participant (id 999) with 7 votes."""
    rng = np.random.default_rng(0)
    ids = [f"s{j}" for j in range(n_statements + n_withdrawn)]
    rows = []
    for pid in range(30):
        camp = 1 if pid < 15 else -1
        rows += [
            (pid, sid, camp if j % 2 == 0 else -camp) if rng.random() > 0.1 else (pid, sid, 0)
            for j, sid in enumerate(ids[:n_statements])
        ]
        rows += [(pid, sid, 1) for sid in ids[n_statements:]]
    rows += [(999, ids[j], 1 if j % 2 == 0 else -1) for j in range(7)]
    statements = pd.DataFrame({"statement_id": ids, "moderated": [1] * n_statements + [-1] * n_withdrawn})
    return votes_frame(rows), statements


def test_damping_reduces_the_stretch_of_a_seven_vote_participant():
    votes, statements = sparse_voter_votes()
    undamped = OpinionGroups(damping=0).fit(votes, statements=statements)
    damped = OpinionGroups().fit(votes, statements=statements)  # default damping=10
    assert undamped.coordinates_.loc[999, "scale"] == pytest.approx(math.sqrt(500 / 7))  # Pol.is: 8.45
    assert damped.coordinates_.loc[999, "scale"] == pytest.approx(math.sqrt(510 / 17))  # 5.48
    assert damped.coordinates_.loc[0, "scale"] == pytest.approx(1.0)  # a full voter is not stretched
    # the same direction, pulled towards the centre by the ratio of the scales
    r_undamped = np.hypot(*undamped.coordinates_.loc[999, ["x", "y"]])
    r_damped = np.hypot(*damped.coordinates_.loc[999, ["x", "y"]])
    assert r_damped == pytest.approx(r_undamped * math.sqrt(510 / 17) / math.sqrt(500 / 7))
    assert r_damped < 0.7 * r_undamped


def test_withdrawn_statements_count_towards_the_damping():
    # 30 withdrawn statements exceed damping=10: the scaling is Pol.is' own, sqrt((500 + 30) / (7 + 30))
    votes, statements = sparse_voter_votes(n_withdrawn=30)
    model = OpinionGroups(damping=10).fit(votes, statements=statements)
    assert model.pseudo_statements_ == 30
    assert model.coordinates_.loc[999, "scale"] == pytest.approx(math.sqrt(530 / 37))
    assert OpinionGroups(damping=50).fit(votes, statements=statements).pseudo_statements_ == 50


# ---------------------------------------------------------------------------- base clusters and k


def test_base_clusters_at_most_n_base_clusters_and_k_chosen_over_them():
    votes, truth = camps((200, 150, 100), n_statements=15, p_vote=0.7, noise=0.1, seed=6)
    model = OpinionGroups().fit(votes)
    n_base = len(model.base_centers_)
    assert n_base == 100  # many more distinct positions than 100
    assert model.base_weights_.sum() == (model.groups_ >= 0).sum()
    assert set(model.base_clusters_.unique()) <= set(range(n_base))
    # k tried: 2 .. min(max_groups, 2 + base clusters // 12) (Pol.is), the fewest within 0.02 of the best
    assert sorted(model.silhouette_) == [2, 3, 4, 5]
    best = max(model.silhouette_.values())
    assert model.n_groups_ == min(k for k, s in model.silhouette_.items() if s >= best - 0.02) == 3
    assert adjusted_rand_score(truth[model.groups_.index], model.groups_) > 0.9
    # fewer base clusters allow fewer groups: with 24 base clusters k runs 2 .. 2 + 24 // 12 = 4
    few = OpinionGroups(n_base_clusters=24).fit(votes)
    assert len(few.base_centers_) == 24 and sorted(few.silhouette_) == [2, 3, 4]


def test_degenerate_inputs():
    one = votes_frame([(1, s, 1) for s in range(8)])
    assert OpinionGroups().fit(one).groups_.tolist() == [0]
    same = votes_frame([(p, s, 1) for p in range(5) for s in range(8)])
    model = OpinionGroups().fit(same)
    assert (model.groups_ == 0).all() and model.n_groups_ == 1
    nobody = votes_frame([(p, s, 1) for p in range(5) for s in range(3)] + [(9, 99, 1)])  # bar min(7, 4) = 4
    model = OpinionGroups().fit(nobody)
    assert (model.groups_ == -1).all() and model.n_groups_ == 0 and (model.indicative_groups_ == -1).all()


# --------------------------------------------------------------------------------- below the bar


def test_people_below_the_bar_get_minus_one_and_a_separate_indicative_group():
    votes, truth = camps((30, 20), n_statements=12, seed=2)
    light = votes_frame(
        [
            (500, 0, 1),
            (500, 2, 1),
            (500, 1, -1),  # 3 votes the way camp 0 votes
            (501, 1, 1),
            (501, 3, 1),
            (501, 0, -1),
        ]
    )  # 3 votes the way camp 1 votes
    statements = pd.DataFrame({"statement_id": list(range(12)) + [99], "moderated": [1] * 12 + [-1]})
    only_withdrawn = votes_frame([(502, 99, 1)])
    model = OpinionGroups().fit(pd.concat([votes, light, only_withdrawn], ignore_index=True), statements=statements)
    assert model.groups_[[500, 501, 502]].tolist() == [-1, -1, -1]
    camp0 = model.groups_[truth[truth == 0].index].iloc[0]
    camp1 = model.groups_[truth[truth == 1].index].iloc[0]
    assert camp0 != camp1
    # indicative groups: only for people below the bar, their nearest group; none without a position
    assert list(model.indicative_groups_.index) == [500, 501, 502]
    assert model.indicative_groups_.to_dict() == {500: camp0, 501: camp1, 502: -1}
    assert model.indicative_groups_.name == "indicative_group"
    # the placed people's groups are unaffected by the light voters
    alone = OpinionGroups().fit(votes)
    assert model.groups_[alone.groups_.index].equals(alone.groups_)
