"""Tests for cocreatie_analysis.text: cleaning, tokens, stop words, lexicon, tone (personal data: test_pii.py;
lemmas and compounds: test_morphology.py)."""

import math

import pytest

from cocreatie_analysis import text as T


# ---------------------------------------------------------------------------------------- cleaning & tokens
def test_clean_strips_html_entities_urls_and_folds_whitespace():
    raw = "<p>Meer&nbsp;bomen  in de <b>straat</b>!</p>\nZie https://example.nl/x?a=1 en www.test.nl"
    assert T.clean(raw) == "Meer bomen in de straat ! Zie en"


@pytest.mark.parametrize("value", [None, float("nan"), ""])
def test_missing_values_are_empty_text(value):
    assert T.clean(value) == ""
    assert T.tokenize(value) == []
    assert T.redact_pii(value) == ""
    assert not T.contains_pii(value)


def test_tokenize_keeps_inner_apostrophes_and_drops_emoji():
    assert T.tokenize("Auto's 🚗 op de stoep 👍, 's avonds!") == ["auto's", "op", "de", "stoep", "s", "avonds"]
    assert T.tokenize("Fietspad", lowercase=False) == ["Fietspad"]
    assert T.tokenize(12345) == ["12345"]


def test_stopwords_keep_negations_by_default():
    sw = T.stopwords("nl")
    assert "de" in sw and "het" in sw
    assert "niet" not in sw and "geen" not in sw
    assert "niet" in T.stopwords("nl", keep_negations=False)
    assert "not" not in T.stopwords("en")


def test_unknown_language_is_a_clear_error():
    with pytest.raises(ValueError, match="language must be one of nl, en"):
        T.stopwords("de")


def test_stem_is_snowball():
    assert T.stem("fietsen") == "fiets"
    assert T.stem("parking", "en") == "park"


# ------------------------------------------------------------------------------------------------ lexicon
def test_lexicon_has_word_classes_for_both_languages():
    nl = T.lexicon("nl")
    assert T.NOUN in nl["boom"] and T.NOUN_PL in nl["bomen"]
    assert T.VERB in nl["bakken"]
    en = T.lexicon("en")
    assert T.NOUN in en["tree"] and T.NOUN_PL in en["trees"]


def test_verb_forms_map_to_infinitive():
    forms = T.verb_forms("nl")
    assert forms["parkeert"] == "parkeren"
    assert forms["gespeeld"] == "spelen"
    assert T.verb_forms("en") == {}


# --------------------------------------------------------------------------------------------------- tone
def test_polarity_lexicon_averages_senses():
    pol = T.polarity_lexicon("nl")
    assert pol["slecht"][0] < -0.5 and pol["mooi"][0] > 0.5
    # "duur" has two senses in the lexicon: -0.5 (prijzig) and 0.1 (deftig).
    assert math.isclose(pol["duur"][0], (-0.5 + 0.1) / 2)
    assert T.polarity_lexicon("en")["good"][0] > 0


def test_tone_words_exclude_subject_adjectives():
    tone = T.tone_words("nl")
    for word in ("slecht", "slechte", "prachtig", "schandalig", "belachelijk", "mooie"):
        assert word in tone
    for word in ("onveilig", "eenzaam", "betaalbaar", "groen", "boom", "niet"):
        assert word not in tone
    assert "terrible" in T.tone_words("en") and "unsafe" not in T.tone_words("en")


def test_per_distinct_computes_each_distinct_text_once_and_aligns_the_results():
    import numpy as np
    import pandas as pd

    from cocreatie_analysis.text.distinct import distinct_texts, per_distinct

    seen = []

    def upper(texts):
        seen.extend(texts)
        return [t.upper() for t in texts]

    texts = pd.Series(["b", "a", "b", None, float("nan"), "a", ""], dtype=object)
    out = per_distinct(upper, texts)
    assert out.tolist() == ["B", "A", "B", "", "", "A", ""]
    assert sorted(seen) == ["", "", "a", "b"]  # the empty text and the missing values: "" and ""
    codes, distinct = distinct_texts(["x", "y", "x"])
    assert distinct == ["x", "y"] and codes.tolist() == [0, 1, 0]
    assert per_distinct(lambda t: np.array([len(s) for s in t]), pd.Series(["ab", "ab", "c"])).tolist() == [2, 2, 1]
    assert per_distinct(upper, []).tolist() == []
