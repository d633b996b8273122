"""ThemeModel on a second hand-written corpus: every input placed, the opgaven frame, readable terms, seeds.

Four subjects plus inputs without any subject (contentless ones must get -1, all others a theme)."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from wordfreq import zipf_frequency

from cocreatie_analysis.text.features import Featurizer, tone_words
from cocreatie_analysis.themes import ThemeModel, opgaven_frame, unmatched_opgaven

GROEN = [
    "Er moeten meer bomen komen in onze straat.",
    "Het park wordt slecht onderhouden, het gras is veel te lang.",
    "Plant bloemen langs de bermen voor de bijen.",
    "Waarom zijn de oude bomen bij de school gekapt?",
    "Meer groen in de wijk graag, het is hier een stenen woestijn.",
    "De bomen in het park geven schaduw in de zomer.",
    "Maak van het braakliggende veld een park met bomen.",
    "Het grasveld bij de vijver is een modderpoel geworden.",
    "Bloemen en struiken in de plantsoenen zouden de buurt opfleuren.",
    "Laat de bermen bloeien en maai minder vaak het gras.",
    "Geveltuinen en bomen maken de straat koeler.",
    "Het park heeft meer bankjes en bomen nodig.",
    "Stop met het kappen van gezonde bomen.",
    "Een moestuin en bloemen in het park voor de buurt.",
]
VERKEER = [
    "Auto's rijden veel te hard door onze straat, plaats drempels.",
    "Er is te weinig parkeerplaats bij het station.",
    "Het fietspad langs de ringweg is gevaarlijk voor fietsers.",
    "Een fietsenstalling bij het station zou fijn zijn.",
    "De bus rijdt 's avonds niet meer, dat is lastig.",
    "Parkeren in het centrum is veel te duur geworden.",
    "Fietsers en auto's op dezelfde weg is onveilig.",
    "Er moeten meer fietspaden komen naar de school.",
    "Vrachtwagens rijden door de smalle straat, dat is gevaarlijk.",
    "De kruising bij de rotonde is onoverzichtelijk voor fietsers.",
    "Maak een veilige oversteekplaats voor fietsers bij de school.",
    "Te veel auto's parkeren op de stoep.",
    "Een extra buslijn naar het ziekenhuis graag.",
    "De snelheid op de dorpsweg moet omlaag naar dertig.",
]
WONEN = [
    "Er zijn geen betaalbare woningen voor starters.",
    "De huur van mijn woning is veel te hoog.",
    "Bouw meer sociale huurwoningen in het dorp.",
    "Jongeren vinden geen woning en trekken weg.",
    "De wachtlijst voor een huurwoning is tien jaar.",
    "Bouw woningen voor ouderen zodat starters kunnen doorstromen.",
    "Mijn woning heeft schimmel en de verhuurder doet niets.",
    "Meer koopwoningen voor jonge gezinnen.",
    "Starterswoningen zijn onbetaalbaar geworden.",
    "Bouw kleine woningen voor alleenstaanden.",
    "Sociale huur moet voorrang krijgen bij nieuwbouw.",
    "De nieuwbouw is alleen voor rijke kopers.",
    "Woningen boven winkels zouden de huur omlaag helpen.",
    "Tiny houses voor starters op het oude sportveld.",
]
AFVAL = [
    "De container voor plastic zit altijd vol.",
    "Er ligt overal zwerfafval in het park en op straat.",
    "Het afval wordt te weinig opgehaald.",
    "Plaats meer prullenbakken bij de bushalte.",
    "Mensen dumpen vuilniszakken naast de container.",
    "Het oud papier wordt niet meer opgehaald.",
    "Zwerfafval rond de snackbar is een probleem.",
    "Een glasbak dichterbij zou helpen.",
    "De afvalbak bij het speelveld is altijd vol.",
    "Afval scheiden is lastig zonder container voor plastic.",
    "Grofvuil wordt maar twee keer per jaar opgehaald.",
    "Er moeten meer vuilnisbakken in het centrum.",
    "Het afval naast de containers trekt ratten aan.",
    "Zwerfvuil langs de weg naar de school.",
]
CONTENTLESS = ["", "test", "Goed initiatief!", None, float("nan"), "<b>👍</b>", "ok", "???"]


@pytest.fixture(scope="module")
def corpus():
    texts = GROEN + VERKEER + WONEN + AFVAL
    labels = ["groen"] * len(GROEN) + ["verkeer"] * len(VERKEER) + ["wonen"] * len(WONEN) + ["afval"] * len(AFVAL)
    return texts, labels


@pytest.fixture(scope="module")
def messy_corpus(corpus):
    texts, _ = corpus
    out = list(texts)
    # Contentless inputs spread through the corpus, plus a number and HTML around a real input.
    for i, c in enumerate(CONTENTLESS):
        out.insert(i * 7, c)
    out.append(12345)
    out.append("<p>Meer <b>bomen</b> in het park!</p> https://example.org")
    return out


def is_contentless(value) -> bool:
    return value is None or isinstance(value, (int, float)) or value in CONTENTLESS  # NaN and numbers


SEEDS = {"groen": ["bomen", "park"], "verkeer": ["fiets", "parkeren", "auto"], "cultuur": ["museum", "theater"]}


@pytest.fixture(scope="module")
def discovered(messy_corpus):
    m = ThemeModel(language="nl", random_state=0)
    return m, m.fit_predict(messy_corpus)


@pytest.fixture(scope="module")
def guided(messy_corpus):
    frame = opgaven_frame(SEEDS, {"afval": "adviseren", "groen": "meebeslissen"})
    m = ThemeModel(language="nl", seeds=frame, random_state=0)
    return m, m.fit_predict(messy_corpus)


def test_clone_and_not_fitted():
    m = ThemeModel(language="en", n_themes=4, seeds={"a": ["x"]}, min_confidence=0.3, random_state=7)
    c = clone(m)
    assert c.get_params() == m.get_params()
    for call in (c.predict, c.transform, c.predict_confidence):
        with pytest.raises(NotFittedError):
            call(["some text"])
    with pytest.raises(NotFittedError):
        unmatched_opgaven(c)


def test_parameters_are_validated_in_fit_not_init():
    m = ThemeModel(n_themes=0)  # no error yet
    with pytest.raises(ValueError):
        m.fit(["bomen in het park", "fietsers op straat"])
    with pytest.raises(TypeError):
        ThemeModel(seeds=["bomen"]).fit(["bomen"])
    with pytest.raises(ValueError):
        ThemeModel(min_confidence=2).fit(["bomen"])
    with pytest.raises(TypeError):
        ThemeModel().fit("one string, not a list")


def test_minus_one_only_for_inputs_without_subject(discovered, messy_corpus):
    m, labels = discovered
    contentless = np.array([is_contentless(t) for t in messy_corpus])
    assert (labels[contentless] == -1).all()
    assert (labels[~contentless] >= 0).all()
    assert len(m.confidence_) == len(messy_corpus)
    assert ((m.confidence_ >= 0) & (m.confidence_ <= 1)).all()
    assert (m.confidence_[contentless] == 0).all()


def test_discovery_finds_the_subjects(discovered, corpus, messy_corpus):
    from sklearn.metrics import adjusted_rand_score

    m, labels = discovered
    texts, truth = corpus
    idx = [messy_corpus.index(t) for t in texts]
    assert adjusted_rand_score(truth, labels[idx]) > 0.3
    assert 2 <= m.n_themes_ <= 8
    assert list(m.k_curve_.columns) == ["n_themes", "heldout_loglik"] and len(m.k_curve_) >= 1


def test_predict_transform_agree_with_fit(discovered, messy_corpus):
    m, labels = discovered
    assert np.array_equal(m.predict(messy_corpus), labels)
    member = m.transform(messy_corpus)
    assert member.shape == (len(messy_corpus), m.n_themes_)
    assert (member.sum(axis=1) <= 1 + 1e-9).all()
    assert np.allclose(m.predict_confidence(messy_corpus), m.confidence_)


def test_deterministic_for_a_random_state(messy_corpus, discovered):
    m, labels = discovered
    again = ThemeModel(language="nl", random_state=0).fit(pd.Series(messy_corpus, dtype=object))
    assert np.array_equal(again.labels_, labels)
    assert again.themes_["name"].tolist() == m.themes_["name"].tolist()


def test_themes_frame_columns(discovered):
    m, labels = discovered
    t = m.themes_
    assert list(t.index) == list(range(m.n_themes_))
    for col in ["name", "size", "top_terms", "examples", "seeded", "key_phrase", "mean_confidence"]:
        assert col in t.columns
    assert t["size"].sum() == (labels >= 0).sum()
    assert not t["seeded"].any()


def _is_word(term):
    return all(zipf_frequency(w, "nl") > 0 or zipf_frequency(w, "en") > 0 for w in term.split())


def test_no_fragments_or_glued_names(discovered, guided, messy_corpus):
    lowered = " ".join(str(t).lower() for t in messy_corpus if isinstance(t, str))
    for m, _ in (discovered, guided):
        for terms in m.themes_.loc[m.themes_["size"] > 0, "top_terms"]:
            assert terms, "every theme with inputs has top terms"
            assert all(_is_word(t) for t in terms), terms
        for _, row in m.themes_[~m.themes_["seeded"]].iterrows():
            # A discovered theme is named by a phrase residents wrote, not by two terms glued with "en".
            assert row["name"].split(" (")[0] in lowered, row["name"]


def test_every_opgave_of_the_council_is_a_theme(guided):
    m, _ = guided
    names = m.themes_["name"].tolist()
    assert names[:4] == ["groen", "verkeer", "cultuur", "afval"]
    assert m.themes_.loc[:3, "seeded"].all()
    sizes = dict(zip(names, m.themes_["size"]))
    assert sizes["cultuur"] == 0  # nobody raised it: still in the kompas
    assert sizes["afval"] > 5  # seeded by its own name only
    assert sizes["groen"] > 5 and sizes["verkeer"] > 5
    assert [o for o, _ in unmatched_opgaven(m)] == ["cultuur"]


def test_guided_places_at_least_ninety_percent(guided, messy_corpus):
    _, labels = guided
    has_subject = np.array([not is_contentless(t) for t in messy_corpus])
    assert (labels[has_subject] >= 0).mean() >= 0.9
    assert (labels[~has_subject] == -1).all()
    strict = ThemeModel(language="nl", seeds=SEEDS, min_confidence=0.99, random_state=0).fit(messy_corpus)
    assert (strict.labels_ == -1).sum() > (labels == -1).sum()
    assert (strict.labels_[strict.labels_ >= 0] >= 0).all()
    low = strict.confidence_ < 0.99
    assert (strict.labels_[low] == -1).all()


def test_seed_words_are_never_filtered():
    tone = sorted(w for w in tone_words("nl") if w in {"mooi", "lelijk", "gezellig", "prachtig"})
    assert tone, "the test needs a tone word"
    docs = [f"het plein is {w}" for w in tone] * 2
    f_plain = Featurizer("nl")
    f_plain.fit_transform(docs)
    f_seed = Featurizer("nl", keep_words=tone)
    X = f_seed.fit_transform(docs)
    for w in tone:
        assert w in f_seed.vocabulary_
    # Without seeds a tone word is kept but light; as a seed it weighs as much as a subject word.
    j = f_seed.vocabulary_[tone[0]]
    k = f_seed.vocabulary_["plein"]
    row = X[0].toarray().ravel()
    assert row[j] > 0 and row[k] > 0
    if tone[0] in f_plain.vocabulary_:
        Xp = f_plain.transform(docs[:1]).toarray().ravel()
        assert Xp[f_plain.vocabulary_[tone[0]]] < Xp[f_plain.vocabulary_["plein"]]


def test_seeds_match_inside_compounds(messy_corpus, guided):
    m, labels = guided
    idx = messy_corpus.index("Een fietsenstalling bij het station zou fijn zijn.")
    assert m.themes_.loc[labels[idx], "name"] == "verkeer"


def test_opgaven_frame_merges_levels_and_seeds():
    frame = opgaven_frame({"groen": "bomen, park"}, {"zorg en welzijn": "coproduceren", "groen": "meebeslissen"})
    assert frame == {"groen": ["bomen", "park"], "zorg en welzijn": []}


def test_empty_and_tiny_inputs():
    m = ThemeModel(language="nl").fit([None, "", "test"])
    assert (m.labels_ == -1).all() and m.n_themes_ == 0
    m = ThemeModel(language="nl", seeds={"groen": ["bomen"]}).fit(["meer bomen", None])
    assert m.themes_["name"].tolist()[0] == "groen"
    assert m.labels_.tolist() == [0, -1]


def test_seed_readings_of_compounds():
    from cocreatie_analysis.themes.guided import compound_readings

    assert "parkeren" in compound_readings("parkeerplaats", "nl")  # modifier, via the verb stem
    assert "afval" in compound_readings("zwerfafval", "nl")  # head
    assert "park" not in compound_readings("parkeren", "nl")  # a verb is no kind of park
    assert compound_readings("playground", "en") == frozenset()  # English: no compounds
