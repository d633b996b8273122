"""Lemmas and compound splitting (cocreatie_analysis.text.morphology): simplemma lemmas, splits into whole words."""

import pytest

from cocreatie_analysis.text.morphology import is_word, lemmatize, split_compound


@pytest.mark.parametrize(
    "word, lemma",
    [
        ("bomen", "boom"),
        ("straten", "straat"),
        ("wegen", "weg"),
        ("huizen", "huis"),
        ("kinderen", "kind"),
        ("auto's", "auto"),
        ("winkels", "winkel"),
        ("bankjes", "bank"),  # diminutive plural
        ("parkeert", "parkeren"),  # verb form -> infinitive
        ("fietsen", "fiets"),
        ("grote", "groot"),  # inflected adjective
        ("onbekendwoord", "onbekendwoord"),  # unknown words stay as written
    ],
)
def test_lemmatize_dutch(word, lemma):
    assert lemmatize(word, "nl") == lemma


@pytest.mark.parametrize(
    "word, lemma", [("trees", "tree"), ("cities", "city"), ("roads", "road"), ("businesses", "business")]
)
def test_lemmatize_english(word, lemma):
    assert lemmatize(word, "en") == lemma


def test_lemmas_meet_their_inflections():
    assert lemmatize("fiets", "nl") == lemmatize("fietsen", "nl") == lemmatize("Fiets", "nl")
    assert lemmatize("", "nl") == ""


@pytest.mark.parametrize(
    "word",
    [
        "vergunning", "duurzaamheid", "voorzieningen", "betaalbaarheid", "toegankelijk", "mantelzorg",
        "eenzaamheid", "parkeren", "maatschappij", "gemeenschap", "ondernemers", "bibliotheek", "verkeer",
        "centrum", "onderhoud", "gekapt", "boodschappen",
    ],
)  # fmt: skip
def test_words_that_are_not_compounds_are_not_split(word):
    assert split_compound(word, "nl") == ()


@pytest.mark.parametrize(
    "word, parts",
    [
        ("fietsenstalling", ("fiets", "stalling")),  # linking -en-
        ("fietsenstallingen", ("fiets", "stalling")),  # via the lemma
        ("verkeersveiligheid", ("verkeer", "veiligheid")),  # linking -s-
        ("hondenpoep", ("hond", "poep")),
        ("dorpshuis", ("dorp", "huis")),
        ("seniorenwoningen", ("senior", "woning")),
        ("straatverlichting", ("straat", "verlichting")),
    ],
)
def test_compounds_split_into_lemmas_of_whole_words(word, parts):
    assert split_compound(word, "nl") == parts


def test_speeltuinen_is_kept_or_split_into_words():
    parts = split_compound("speeltuinen", "nl")
    assert parts == () or (parts[-1] == "tuin" and parts[0] in {"spelen", "spel", "speel"})
    assert lemmatize("speeltuinen", "nl") == "speeltuin"


def test_every_part_is_a_word():
    for word in [
        "fietsenstalling", "kapvergunning", "bedrijventerrein", "schoolplein", "laadpaal", "woningbouw",
        "straatverlichting", "energierekening", "hondenpoepbakjes", "afvalbakken",
    ]:  # fmt: skip
        for part in split_compound(word, "nl"):
            assert is_word(part, "nl"), (word, part)


def test_head_supported_by_the_corpus():
    # "knoeper" is no listed word: the split needs the corpus to show it on its own.
    assert split_compound("fietsknoeper", "nl") == ()
    assert split_compound("fietsknoeper", "nl", known={"knoeper"}) == ("fiets", "knoeper")


def test_english_and_short_words_are_never_split():
    assert split_compound("playground", "en") == ()
    assert split_compound("firefighters", "en") == ()
    assert split_compound("boom", "nl") == ()
    assert split_compound("", "nl") == ()
