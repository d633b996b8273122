"""Offers to contribute: the learned detector on hand-written cases, its model as package data, and the
coöperatie candidates (threshold from gemeente.yaml, the mix through the suppression rule, the offer list)."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pandas as pd
import pandera.errors
import pytest

from cocreatie_analysis.config import load_config
from cocreatie_analysis.errors import InputError
from cocreatie_analysis.kompas import KINDS, analyse_offers, build_cooperatives, detect_offers, offer_list
from cocreatie_analysis.kompas.offers import model as offer_model
from cocreatie_analysis.pipeline import load_results
from cocreatie_analysis.pipeline.schemas import SCHEMAS, check_table
from cocreatie_analysis.wording.cooperatives import mix_lines

OFFERS = [
    ("Ik wil best op zaterdag helpen met het opruimen van het speelveld.", "uitvoeren"),
    ("Wij stellen onze kantine graag beschikbaar voor de buurtavonden.", "ruimte_middelen"),
    ("Ik denk graag mee in de werkgroep over het nieuwe buurthuis.", "meedenken"),
    ("Ik wil wel een straatfeest organiseren voor de hele wijk.", "organiseren"),
    ("Count me in for the litter picking on Saturday, happy to help!", "uitvoeren"),
]
NOT_OFFERS = [
    "Laat de mensen het zelf maar regelen, de gemeente moet zich er niet mee bemoeien.",
    "De voetbalclub zoekt nog vrijwilligers voor de kantine op zaterdag. Aanmelden bij het bestuur.",
    "De gemeente moet de bankjes in het park eindelijk eens repareren.",
    "Ik wil niet helpen, dat is de taak van de gemeente.",
    "Ik bied mijn excuses aan voor mijn late reactie.",
    "Schilderwerk nodig? Vraag vrijblijvend een offerte aan, scherpe prijs.",
    "Ik help wel... met klagen dan.",
    "",
]


@pytest.mark.parametrize(("text", "kind"), OFFERS)
def test_offers_are_found_with_their_kind_and_evidence(text, kind):
    found = analyse_offers([text]).iloc[0]
    assert found["offer"] and found["kind"] == kind
    assert found["evidence"] and found["evidence"].split()[0] in text.lower()
    assert found["cue"].startswith("p ") and 0.0 <= found["probability"] <= 1.0


@pytest.mark.parametrize("text", NOT_OFFERS)
def test_non_offers_are_not_found(text):
    found = analyse_offers([text]).iloc[0]
    assert not found["offer"] and pd.isna(found["kind"]) and pd.isna(found["evidence"])


def test_analyse_offers_shape_and_detect_offers_agree():
    texts = [t for t, _ in OFFERS] + NOT_OFFERS + [None, np.nan, 42]
    table = analyse_offers(texts)
    assert list(table.columns) == ["offer", "kind", "probability", "evidence", "cue"]
    assert len(table) == len(texts) and table["offer"].dtype == bool
    assert set(table["kind"].dropna()) <= set(KINDS)
    assert (detect_offers(texts) == table["offer"].to_numpy()).all()
    assert len(analyse_offers([])) == 0 and detect_offers([]).shape == (0,)


def test_the_model_is_package_data_and_is_what_decides():
    data = json.loads(resources.files("cocreatie_analysis").joinpath("data", offer_model.MODEL_FILE).read_text("utf-8"))
    assert set(data["kind"]["classes"]) == set(KINDS) and 0.2 <= data["threshold"] <= 0.8
    assert "offers_blind4" not in data["trained_on"]  # the blind set is never trained on
    model = offer_model._load_model()
    assert model is not None and model.threshold == data["threshold"]
    # without the model the clause rules would decide: the shipped model must be in use
    assert analyse_offers(["Ik wil best helpen met de moestuin."])["probability"].iloc[0] not in (0.0, 1.0)


# ---------------------------------------------------------------------------------------- coöperatie candidates
def _inputs(offering: dict[str, int], others: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Inputs on one opgave ("groen"): `offering` wijk -> participants offering help, plus `others` who do not."""
    rows, people, n = [], [], 0
    for wijk, count in offering.items():
        for _ in range(count):
            rows.append((f"P{n}", True, "uitvoeren" if n % 3 else "organiseren"))
            people.append((f"P{n}", wijk))
            n += 1
    for _ in range(others):
        rows.append((f"P{n}", False, None))
        people.append((f"P{n}", "Noord"))
        n += 1
    inputs = pd.DataFrame(rows, columns=["participant_id", "offers_help", "offer_kind"])
    inputs["offer_kind"] = inputs["offer_kind"].astype("string")
    inputs["input_id"] = [str(i) for i in range(len(inputs))]
    inputs["text"] = [f"Ik help graag mee met het groen ({i})" for i in range(len(inputs))]
    inputs["theme_id"], inputs["theme"] = 0, "groen"
    return inputs, pd.DataFrame(people, columns=["participant_id", "district"])


def test_candidates_from_the_threshold():
    inputs, participants = _inputs({"Centrum": 6})
    assert len(build_cooperatives(inputs, participants, ["district"], 6, 10)) == 1
    assert build_cooperatives(inputs, participants, ["district"], 7, 10).empty
    row = build_cooperatives(inputs, participants, ["district"], 5, 10).iloc[0]
    assert row["n_offers"] == 6 and row["share_offers"] == pytest.approx(6 / 11)
    assert row["n_organiseren"] == 2 and row["n_uitvoeren"] == 4 and row["description_code"] == "with_organisers"
    assert list(row["mix_n"]) == []  # fewer people than the minimum cell size in all: no mix at all
    SCHEMAS["kompas_cooperatives"].validate(build_cooperatives(inputs, participants, ["district"], 5, 10))


def test_small_mix_cells_are_hidden_and_not_recoverable():
    # 25 in Centrum, 12 in Noord, 3 in Zuid: Zuid is small, and Noord is hidden with it (else 40 - 25 - 12 = 3)
    inputs, participants = _inputs({"Centrum": 25, "Noord": 12, "Zuid": 3})
    row = build_cooperatives(inputs, participants, ["district"], 5, 10).iloc[0]
    shown = {c: n for c, n in zip(row["mix_category"], row["mix_n"]) if not np.isnan(n)}
    assert shown == {"Centrum": 25.0}
    assert "Zuid" not in row["mix_category"] and "Noord" not in row["mix_category"]  # hidden groups are not named
    lines = mix_lines(row["mix_dimension"], row["mix_category"], row["mix_n"], 10, "nl")
    assert lines == ["wijk: Centrum 25; groepen kleiner dan 10 niet getoond"]


def test_offer_list_holds_nothing_about_the_person():
    inputs, _ = _inputs({"Centrum": 3})
    table = offer_list(inputs)
    assert list(table.columns) == ["theme_id", "opgave", "kind", "quote"] and len(table) == 3
    SCHEMAS["kompas_offers"].validate(table)
    with pytest.raises((pandera.errors.SchemaError, pandera.errors.SchemaErrors)):  # strict: no participant id
        check_table("kompas_offers", table.assign(participant_id="P1"))


def test_threshold_from_gemeente_yaml(tmp_path):
    (tmp_path / "inputs.csv").write_text("input_id,text\n1,Ik help graag\n", "utf-8")
    (tmp_path / "gemeente.yaml").write_text("name: Test\nkompas:\n  cooperative_min_offers: 8\n", "utf-8")
    assert load_config(tmp_path).cooperative_min_offers == 8
    (tmp_path / "gemeente.yaml").write_text("name: Test\n", "utf-8")
    assert load_config(tmp_path).cooperative_min_offers == 5
    for bad, message in (("cooperative_min_offers: 0", "whole number"), ("cooperative_min_offer: 8", "did you mean")):
        (tmp_path / "gemeente.yaml").write_text(f"name: Test\nkompas:\n  {bad}\n", "utf-8")
        with pytest.raises(InputError, match=message):
            load_config(tmp_path)


def test_sample_results_hold_the_candidates_and_no_repeated_quote(processed_root):
    results = load_results(processed_root / "havenstede")
    threshold = int(results["summary"]["cooperative_min_offers"].iloc[0])
    candidates, kompas = results["kompas_cooperatives"], results["kompas"]
    assert len(candidates) and (candidates["n_offers"] >= threshold).all()
    offering = kompas.loc[kompas["n_offers"] >= threshold, "opgave"]
    assert set(candidates["opgave"]) == set(offering)
    assert set(results["kompas_offers"]["opgave"]) <= set(kompas["opgave"])
    assert results["inputs"]["offers_help"].sum() == len(results["kompas_offers"]) + int(
        (results["inputs"]["offers_help"] & (results["inputs"]["theme_id"] < 0)).sum()
    )
    for row in kompas.itertuples():  # a quote under Aanbieden is not repeated under Waardering
        assert not set(row.offers) & set(row.appreciation), row.opgave
