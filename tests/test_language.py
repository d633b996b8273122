"""Tests for detect_language: Dutch and English comments, German not taken for Dutch silently, edge cases."""

from __future__ import annotations

import pytest

from cocreatie_analysis.text.language import detect_language

DUTCH = [
    "Meer sociale huurwoningen, niet alleen dure koop in Kanaalzijde.",
    "De bus naar het ziekenhuis rijdt 's avonds veel te weinig, daar moet de gemeente iets aan doen.",
    "Ik woon hier al twintig jaar en de buurt is niet meer wat het was.",
    "Graag meer groen en bankjes op het plein, zodat ouderen er ook kunnen zitten.",
    "Jongeren hebben geen plek om na school samen te komen.",
]
ENGLISH = [
    "Businesses shouldn't be able to pay workers anything below a livable wage.",
    "The council should put more money into youth services and safe places to meet.",
    "It's just going to speed up the adoption of robotics in industries with unskilled workers.",
    "Opposition to the component parts of it just might work.",
]
GERMAN = [
    "Der öffentliche Verkehr muss am Land deutlich ausgebaut werden, damit man kein Auto braucht.",
    "Wir brauchen mehr Photovoltaik auf den Dächern von öffentlichen Gebäuden.",
    "Die Förderung für die Sanierung von alten Häusern sollte massiv erhöht werden.",
    "Keine neuen Straßen mehr bauen, sondern die bestehenden besser nutzen.",
]


def test_dutch_comments_are_dutch():
    language, evidence = detect_language(DUTCH)
    assert language == "nl"
    assert evidence["confidence"] == 1.0 and evidence["most_likely"] == "nl"
    assert evidence["n_texts"] == 5 and evidence["texts_by_language"]["nl"] == 5
    assert evidence["reason"].startswith("nl: 100% of 5 texts read as Dutch")


def test_english_comments_are_english():
    language, evidence = detect_language(ENGLISH)
    assert language == "en" and evidence["confidence"] == 1.0 and evidence["most_likely"] == "en"


def test_mostly_dutch_with_some_english_is_dutch_with_the_share_as_confidence():
    language, evidence = detect_language(DUTCH + ENGLISH[:2])
    assert language == "nl"
    assert evidence["confidence"] == pytest.approx(5 / 7, abs=1e-4)
    assert evidence["texts_by_language"] == {"nl": 5, "en": 2, "de": 0}


def test_german_is_not_silently_dutch():
    language, evidence = detect_language(GERMAN)
    assert language in ("nl", "en")  # only a supported language is ever returned ...
    assert evidence["most_likely"] == "de"  # ... but the evidence says what the texts really are
    assert evidence["confidence"] < 0.5
    assert "German" in evidence["reason"] and "not supported" in evidence["reason"]


def test_nothing_to_read_gives_the_default_with_zero_confidence():
    for texts in ([], ["", "   ", None, 3.5], ["1234 5678"]):
        language, evidence = detect_language(texts, default="en")
        assert language == "en" and evidence["confidence"] == 0.0
    with pytest.raises(ValueError, match="default"):
        detect_language(DUTCH, default="de")


def test_only_max_texts_are_read():
    _, evidence = detect_language(DUTCH + ENGLISH, max_texts=5)
    assert evidence["n_texts"] == 5 and evidence["texts_by_language"]["en"] == 0
