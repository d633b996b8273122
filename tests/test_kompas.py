"""Kompas: offers of help, the table per opgave (hand-computed), participation-level advice."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cocreatie_analysis.io import load_dataset
from cocreatie_analysis.kompas import advised_level, build_kompas, detect_offers, participation_advice
from cocreatie_analysis.pipeline import protect
from cocreatie_analysis.wording.kompas import advice_text
from cocreatie_analysis.wording.tables import TableContext, readable


def readable_kompas(table):
    return readable("kompas", table, TableContext(language="nl"))


ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "text",
    [
        "Ik wil best meehelpen met de moestuin",
        "ik help graag mee met opruimen",
        "Wij van de voetbalclub kunnen de kantine openstellen",
        "Onze vereniging wil de bermen maaien",
        "Zet mij maar op de lijst voor buurtpreventie",
        pytest.param(
            "Bel me maar als jullie iemand zoeken",
            marks=pytest.mark.xfail(strict=True, reason="the learned detector misses 'call me' without a contribution"),
        ),
        "I'd be happy to help with the garden",
        "Ik ben bereid om mee te denken",
    ],
)
def test_offers_are_detected(text):
    assert detect_offers([text])[0]


@pytest.mark.parametrize(
    "text",
    [
        "Ik wil niet helpen, dat is de taak van de gemeente",
        "De gemeente moet helpen",
        "Ik wil graag meer bankjes",
        "Waarom helpt niemand de ouderen?",
        "",
        None,
        42,
    ],
)
def test_non_offers_are_not_detected(text):
    assert not detect_offers([text])[0]


def test_offer_detection_on_labelled_samples():
    """Precision and recall against the hand-labelled sample texts (offers_help column)."""
    files = sorted((ROOT / "data" / "samples").glob("*/texts.csv"))
    if not files:
        pytest.skip("no labelled sample texts")
    labelled = pd.concat([pd.read_csv(f, keep_default_na=False) for f in files])
    truth = labelled["offers_help"].astype(int).to_numpy() == 1
    found = detect_offers(labelled["text"])
    precision = (found & truth).sum() / max(found.sum(), 1)
    recall = (found & truth).sum() / max(truth.sum(), 1)
    assert precision >= 0.75 and recall >= 0.5, (precision, recall)


def test_build_kompas_hand_computed():
    inputs = pd.DataFrame(
        {
            "input_id": ["1", "2", "3", "4", "5", "6"],
            "participant_id": ["a", "a", "b", "c", "d", np.nan],
            "theme_id": [0, 0, 0, 1, 1, -1],
            "text": [
                "Het park is vies en onveilig geworden",
                "Ik wil best meehelpen met het park opruimen",
                "Mooi park, echt prachtig onderhouden",
                "Parkeren is een ramp in de straat hier",
                "Te weinig plekken om te parkeren bij school",
                "nvt",
            ],
            "sentiment": [-0.6, 0.3, 0.8, -0.7, -0.2, 0.0],
            "offers_help": [False, True, False, False, False, False],
        }
    )
    themes = pd.DataFrame({"name": ["groen", "parkeren"], "top_terms": [["park"], ["parkeren"]]}, index=[0, 1])
    table = build_kompas(
        inputs, themes, lambda opgave: "coproduceren" if opgave == "groen" else "raadplegen", min_participants=1
    )
    groen = table.set_index("opgave").loc["groen"]
    # participants: a, b (+ the unthemed input counts as its own person in the total of 5)
    assert groen["n_participants"] == 2 and groen["n_inputs"] == 3
    assert groen["share_participants"] == pytest.approx(2 / 5)
    assert groen["share_negative"] == pytest.approx(1 / 3) and groen["share_positive"] == pytest.approx(2 / 3)
    assert groen["n_offers"] == 1 and groen["share_offers"] == pytest.approx(1 / 2)
    assert groen["sentiment_mean"] == pytest.approx((-0.6 + 0.3 + 0.8) / 3)
    assert groen["advice_codes"] == ["level_fits"]
    assert groen["advised_level"] == "coproduceren"
    advice = readable_kompas(table).set_index("opgave")["advice"]
    assert advice["groen"].startswith("Geadviseerd niveau: coproduceren, zoals de raad koos. 50% van de deelnemers")
    parkeren = table.set_index("opgave").loc["parkeren"]
    assert parkeren["share_negative"] == pytest.approx(1.0)
    assert parkeren["advice_codes"] == ["listen_first"]
    assert parkeren["advised_level"] == "raadplegen"  # listening is what raadplegen already does
    assert "luister eerst" in advice["parkeren"]
    assert list(table["opgave"]) == ["groen", "parkeren"]  # ties in participants broken by inputs


def test_quotes_in_kompas_come_from_redacted_inputs(tmp_path):
    """The pipeline's one privacy layer redacts every input before the kompas picks its quotes."""
    folder = tmp_path / "gem"
    folder.mkdir()
    (folder / "gemeente.yaml").write_text("name: Gem\n", "utf-8")
    (folder / "inputs.csv").write_text(
        'input_id,text,participant_id\n1,"Bel me op 06-12345678, het park is een grote vuilnisbelt",piet@example.nl\n',
        "utf-8",
    )
    dataset = protect(load_dataset(folder))
    assert dataset.inputs["text"].tolist() == ["Bel me op [telefoonnummer], het park is een grote vuilnisbelt"]
    assert dataset.inputs["participant_id"].str.startswith("P-").all()


@pytest.mark.parametrize(
    "chosen, codes, advised",
    [
        ("raadplegen", ["consider_coproduction"], "coproduceren"),  # many offers: co-production is possible
        ("meebeslissen", ["level_fits"], "meebeslissen"),  # a higher level is never lowered for offers
        ("coproduceren", ["find_partners"], "adviseren"),  # co-production without anyone offering help
        ("informeren", ["listen_first"], "raadplegen"),  # many concerns about an opgave only informed on
        ("adviseren", ["listen_first"], "adviseren"),
        ("informeren", ["consider_coproduction", "listen_first"], "coproduceren"),
        ("adviseren", ["too_few"], "adviseren"),
        ("adviseren", ["chosen_level"], "adviseren"),
    ],
)
def test_advised_level(chosen, codes, advised):
    assert advised_level(chosen, codes) == advised


def test_advice_names_the_advised_and_the_chosen_level():
    text = advice_text(["consider_coproduction"], "raadplegen", 40, 0.2, 0.1, "nl", advised="coproduceren")
    assert text.startswith("Geadviseerd niveau: coproduceren (de raad koos raadplegen). 20% van de deelnemers")
    text = advice_text(["consider_coproduction"], "raadplegen", 40, 0.2, 0.1, "en", advised="coproduceren")
    assert text.startswith("Advised level: coproduceren (the council chose raadplegen).")


def test_no_advice_on_too_few_participants():
    assert participation_advice("raadplegen", 3, 0.34, 0.0) == ["too_few"]
    assert "Te weinig deelnemers (3)" in advice_text(["too_few"], "raadplegen", 3, 0.34, 0.0, "nl")


def test_participation_advice_codes_by_rule():
    # 10% offering is the co-production threshold; 50% concerns the listening threshold
    assert participation_advice("raadplegen", 50, 0.10, 0.0) == ["consider_coproduction"]
    assert participation_advice("coproduceren", 50, 0.09, 0.0) == ["find_partners"]
    assert participation_advice("adviseren", 50, 0.0, 0.5) == ["listen_first"]
    assert participation_advice("adviseren", 50, 0.0, 0.49) == ["chosen_level"]


def test_participation_advice_english():
    assert "co-production" in advice_text(["consider_coproduction"], "raadplegen", 50, 0.2, 0.1, "en")
