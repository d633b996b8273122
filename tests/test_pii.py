"""The privacy layer: every known miss of the old rules, one case per error category of the first held-out set
(`benchmarks/data/pii_heldout1.csv`) and their look-alikes, labels that keep the text readable, keep lists, the
municipality's own statements, English, and pseudonyms for identifier columns."""

from __future__ import annotations

import hashlib

import pytest

from cocreatie_analysis.privacy import pseudonym_key, pseudonymise
from cocreatie_analysis.text.pii import Redactor, contains_pii, redact_pii

NL = Redactor("nl")
EN = Redactor("en")
PLACES = [
    "Brugvliet",
    "Bloemenbuurt",
    "Vliethoven",
    "Dahliastraat",
    "Brink",
    "Kastanjelaan",
    "De Horst",
    "Buurthuis De Kajuit",
]
TOWN = Redactor("nl", keep=PLACES)


def kinds(redactor: Redactor, text: str) -> list[tuple[str, str]]:
    return [(kind, text[s:e]) for kind, s, e in redactor.find(text)]


# ---------------------------------------------------------------------------------------- known misses
@pytest.mark.parametrize(
    "text, item, label",
    [
        ("Mail me: piet [at] voorbeeld [dot] nl graag.", "piet [at] voorbeeld [dot] nl", "[e-mailadres]"),
        ("Bel 010 - 901 23 45 na zessen.", "010 - 901 23 45", "[telefoonnummer]"),
        ("Wij wonen in 2811 kl, vlak bij het park.", "2811 kl", "[postcode]"),
        ("Ik woon op Brink 4 en hoor alles.", "Brink 4", "[adres]"),
        ("Ik woon aan het kerkpad 7 sinds 1990.", "kerkpad 7", "[adres]"),
        ("Reactie naar Kastanjelaan nr. 9 graag.", "Kastanjelaan nr. 9", "[adres]"),
        ("Mijn BSN is 123.456.782, zie het formulier.", "123.456.782", "[bsn]"),
        ("Meer bankjes graag.\nmvg Pieter", "Pieter", "[naam]"),
        ("Meer bankjes graag. groetjes, Fatima", "Fatima", "[naam]"),
        ("Pieter zegt dat de bushalte verdwijnt.", "Pieter", "[naam]"),
        ("Zoë uit groep 7 wil een boomhut.", "Zoë", "[naam]"),
        ("Ayşe Yılmaz organiseert de koffieochtend.", "Ayşe Yılmaz", "[naam]"),
        ("Ik sprak mevrouw El Amrani van het wijkteam.", "El Amrani", "[naam]"),
        (
            "Het geld kan naar NL91 ABNA 0417 1643 00 t.n.v. de vereniging.",
            "NL91 ABNA 0417 1643 00",
            "[rekeningnummer]",
        ),
        ("Bel 06-12345678. Groet, Kees", "06-12345678", "[telefoonnummer]"),
    ],
)
def test_known_misses_are_redacted(text, item, label):
    out = NL.redact(text)
    assert item not in out
    assert label in out


@pytest.mark.parametrize(
    "text, items",
    [
        (
            "bel +31-6-12345678 of 06 1234 5678 of (06) 123 456 78",
            ["+31-6-12345678", "06 1234 5678", "(06) 123 456 78"],
        ),
        ("of 0031(0)612345678, of 06-123 456 78.", ["0031(0)612345678", "06-123 456 78"]),
        (
            "IBAN NL91-ABNA-0417-1643-00 en BE68 5390 0754 7034 en nl55snsb0912345678",
            ["NL91-ABNA-0417-1643-00", "BE68 5390 0754 7034", "nl55snsb0912345678"],
        ),
        ("BSN: 1234 56 782 of 123-456-782", ["1234 56 782", "123-456-782"]),
        ("postcode 2811AB12 of 2811 ab", ["2811AB", "2811 ab"]),
        ("Kerkstr. 5 en Dorpsstr 12 en Hoofdstraat 12-14", ["Kerkstr. 5", "Dorpsstr 12", "Hoofdstraat 12-14"]),
        ("mail J.JANSEN@GMAIL.COM of jan(at)jansen(punt)nl", ["J.JANSEN@GMAIL.COM", "jan(at)jansen(punt)nl"]),
        ("Mail naar piet at voorbeeld.nl, dat werkt.", ["piet at voorbeeld.nl"]),
    ],
)
def test_contact_detail_variants(text, items):
    out = NL.redact(text)
    assert not [item for item in items if item in out]


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Hoge Rijndijk 33 zwart, 2280an Den Bosch", None),  # an addition between address and postcode
        ("Markt 4 hs 1234 ab", None),
        ("Ik woon op Kerkstraat 5 sinds 2024 en het is er fijn", "2024 en"),  # an ordinary word between: a year
        ("Dorpsweg 12 voor 2000 en later", "2000 en"),
        ("Op de Dorpsweg 12 rijden 2000 km per dag", "2000 km"),
    ],
)
def test_postcode_after_an_address_and_its_addition(text, kept):
    out = NL.redact(text)
    if kept is None:
        assert "[postcode]" in out and "[adres]" in out
    else:
        assert kept in out and "[postcode]" not in out


# ------------------------------------------------------------------------------------------ error categories
# One case (or two) per error category of the first held-out set, so a category that breaks shows up by name.
@pytest.mark.parametrize(
    "text, items",
    [
        # E1/E2: obfuscated e-mail as one grammar of "at" and "dot"
        ("Mail naar kees.bakker [apenstaartje] gmail.com voor opgave.", ["kees.bakker [apenstaartje] gmail.com"]),
        ("Aanmelden via henk.de.graaf apenstaartje hotmail punt com.", ["henk.de.graaf apenstaartje hotmail punt com"]),
        (
            "Mail: ria_smit [at] hotmail [.] com of bert <at> bertbouw <dot> nl of annie(a)planet.nl",
            ["ria_smit [at] hotmail [.] com", "bert <at> bertbouw <dot> nl", "annie(a)planet.nl"],
        ),
        ("mail: jan @ gmail . com of tom [@] voorbeeld.nl", ["jan @ gmail . com", "tom [@] voorbeeld.nl"]),
        # P1/P2: other groupings and dashes
        ("bel 06 — 44 55 66 77 of 0612-345678", ["06 — 44 55 66 77", "0612-345678"]),
        # C1/C2: postcode with a house number, and letters that are also a unit or a word
        ("Het adres is 9741 AB-23 (postcode en huisnummer).", ["9741 AB"]),
        ("Ik woon in 2311 kb Leiden, vlak bij de Breestraat.", ["2311 kb"]),
        ("Adres: Dorpsweg 2, 2811 en Brugvliet", ["Dorpsweg 2", "2811 en"]),
        ("Mijn postcode: 3512 KM.", ["3512 KM"]),
        # S1: listed street names in any case, with particles, years and dates
        ("wij wonen aan de laan van meerdervoort 233, de tram", ["laan van meerdervoort 233"]),
        ("graag ophalen op noordeinde 41, bel maar aan", ["noordeinde 41"]),
        ("Wij wonen aan de Laan 1940-1945 12 en zij op Plein 1944 nr 3.", ["Laan 1940-1945 12", "Plein 1944 nr 3"]),
        ("De school aan de 18 Septemberplein 4 en de Van 't Hoffstraat 5.", ["18 Septemberplein 4", "Hoffstraat 5"]),
        # S2/S3: English street words in either order
        ("Contact me at Elm Court 3 or Church Road 14.", ["Elm Court 3", "Church Road 14"]),
        # S4: a street that no list knows, after an address cue or with a postcode after it
        ("Het gat in de weg zit ter hoogte van Heuvelrug 26, al sinds de storm.", ["Heuvelrug 26"]),
        ("De bewoners van Achterom 5 en Achterom 7 willen een hek.", ["Achterom 5", "Achterom 7"]),
        ("Afzender: Vlasakker 12, 5611AX Eindhoven", ["Vlasakker 12", "5611AX"]),
        ("Mijn adres is akkermaten 95.", ["akkermaten 95"]),
        # S5: house-number notations
        (
            "Post naar Ceintuurbaan 88 III of Marnixstraat 301-hs of Bilderdijkstraat 17-2hg of Kruisstraat 2/4.",
            ["Ceintuurbaan 88 III", "Marnixstraat 301-hs", "Bilderdijkstraat 17-2hg", "Kruisstraat 2/4"],
        ),
        ("ik woon op kerkweg nr.3 en zij op de Kerkstr.12", ["kerkweg nr.3", "Kerkstr.12"]),
        # S6: titles and ordinals inside the street name
        (
            "Ik woon op de Dr. Schaepmanstraat 8, zij op de 2e Jan Steenstraat 8.",
            ["Dr. Schaepmanstraat 8", "2e Jan Steenstraat 8"],
        ),
        # I1/B1: IBAN with dots, BSN in pairs
        ("IBAN: NL91.ABNA.0417.1643.00 en BSN 12 34 56 782", ["NL91.ABNA.0417.1643.00", "12 34 56 782"]),
    ],
)
def test_error_categories_of_the_first_held_out_set(text, items):
    out = NL.redact(text)
    assert not [item for item in items if item in out], out


@pytest.mark.parametrize(
    "text, items",
    [
        ("Call me on (555) 010-4477 or 555-010-2288.", ["(555) 010-4477", "555-010-2288"]),
        ("Please send it to 221 Kingsway, 3012 KB Rotterdam.", ["221 Kingsway", "3012 KB"]),
        ("My address is Flat 2, 10 Elm Court, near the park.", ["10 Elm Court"]),
        ("Email me at mark dot jennings at gmail dot com.", ["mark dot jennings at gmail dot com"]),
    ],
)
def test_error_categories_in_english(text, items):
    out = EN.redact(text)
    assert not [item for item in items if item in out], out


@pytest.mark.parametrize(
    "text",
    [
        "Er is 1000 kg grond afgegraven en 2000 ha natuur aangelegd.",
        "In 2024 en 2025 wordt de weg vernieuwd.",
        "We gingen met 2500 mg paracetamol naar huis.",
        "Het bestemmingsplan Molenweide 2022 ligt ter inzage.",
        "Op de Brink staan 3 bankjes en 4 bomen.",
        "Ik woon in Wijk 5, dat is de nieuwbouw.",
        "Wij wonen op Texel 3 maanden per jaar, de rest in de stad.",
        "Ik ben verhuisd naar Utrecht 2 jaar geleden.",
        "Ik woon hier sinds 2015 en wij wonen al 12 jaar in de wijk.",
        "Ik woon op 3 hoog, naast Toren 2 en Blok C.",
        "Ga naar de Ringweg, daar mag je 80 rijden.",
        "Op Koningsdag 2024 en bij Pinkpop 2023 was het druk.",
        "Zie Bijlage 2 en Fase 3 van het plan.",
        "We wonen aan de Maas, 200 meter van het water.",
        "De Dirk heeft eindelijk een pinautomaat.",
        "Jan en alleman parkeert hier, en voor Jan Modaal is het te duur.",
        "Een bewoner van de Oosterwijk vroeg om meer bankjes.",
        "met maatje bedoel ik mijn vriendin",
    ],
)
def test_look_alikes_of_the_new_rules_stay(text):
    assert NL.redact(text) == text


def test_house_number_words_after_the_number_are_not_eaten():
    assert NL.redact("Woon op Kerkstraat 12 boven de bakker.") == "Woon op [adres] boven de bakker."
    assert NL.redact("Ik woon aan het kerkpad 7.") == "Ik woon aan het [adres]."


@pytest.mark.parametrize(
    "text, name",
    [
        ("ik ben ilse en woon in de flat", "ilse"),
        ("het gaat om mn buurjongen sem die rondjes rijdt", "sem"),
        ("marieke zei op de bijeenkomst dat het klopt", "marieke"),
        ("ik heb gisteren met pieter van hiernaast gesproken", "pieter"),
        ("app even naar 06-12345678 groet bas", "bas"),
        ("groet Ad", "Ad"),
        ("Schrijf dit op: Gerard Bos, 06-11223344, wil meedoen.", "Gerard Bos"),
        ("Hiroshi Sato, hsato@example.jp, beschikbaar in het weekend.", "Hiroshi Sato"),
        ("Koffie bij Tiny, Merelstraat 3, voor wie wil.", "Tiny"),
        ("Over te maken op NL02RABO0123456789 t.n.v. L.M. Brink.", "L.M. Brink"),
        ("Bewoner M. El Idrissi geeft aan dat de lift stuk is.", "M. El Idrissi"),
        ("Mijn buurman v.d. Berg heeft een petitie gestart.", "v.d. Berg"),
        ("Na het gesprek met buurtwerker Said heb ik besloten.", "Said"),
        ("Wijkagent Bakker komt volgende week langs.", "Bakker"),
        ("Vorige week heeft Ömer uit onze straat een fietser gered.", "Ömer"),
    ],
)
def test_name_categories_of_the_first_held_out_set(text, name):
    assert ("name", name) in kinds(NL, text)


def test_english_name_categories():
    assert ("name", "Fatou") in kinds(EN, "Thanks to Fatou and Linda for cooking.")
    for text in ("Ben & Jerry's opened a shop.", "St. Patrick's Day got out of hand."):
        assert EN.redact(text) == text
    assert EN.redact("It's Ben here.") == "It's [name] here."


def test_numbers_that_are_no_contact_details_stay():
    text = "Op 06-06-2024 om 10.30 uur, 2 x per week. Bel 112 of 0900-8844. De A12 en lijn 300. BE12 3456 7890 1234"
    assert NL.redact(text) == text


def test_greetings_and_titles_are_not_names():
    assert NL.redact("Hoi! Ik ben Lotte (15).") == "Hoi! Ik ben [naam] (15)."
    assert EN.redact("Best regards, Dr. Emily Chen") == "Best regards, Dr. [name]"


def test_el_amrani_goes_as_a_whole():
    """The old rule left "[naam] Amrani"."""
    assert NL.redact("Fatima El Amrani belde gisteren.") == "[naam] belde gisteren."


def test_first_name_after_a_phone_number_goes():
    assert NL.redact("Contact: 06-12345678 (Hans)") == "Contact: [telefoonnummer] ([naam])"


@pytest.mark.parametrize(
    "phrase",
    [
        "Den Haag",
        "Albert Heijn",
        "Tweede Kamer",
        "Rode Kruis",
        "Sinterklaas Intocht",
        "Koningsdag",
        "Buurthuis De Kajuit",
        "Zwembad De Wetering",
        "Theater De Spiegel",
        "Jeroen Bosch Ziekenhuis",
        "Anne Frankschool",
        "Leger des Heils",
        "Jan Linders",
        "Sint Maarten",
        "Café De Zwaan",
    ],
)
def test_public_places_and_organisations_stay(phrase):
    text = f"Volgens mij moet {phrase} hier iets aan doen, vind ik."
    assert NL.redact(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "In 2023 en 2024 zijn 1.500 woningen gebouwd.",
        "Buslijn 12 rijdt na 20.00 uur nog maar één keer per uur.",
        "De huur steeg van € 750 naar € 1.125 per maand.",
        "De vergadering is op 15-03-2024 om 19:30 uur.",
        "Fase 2 begint in 2027, groep 8 doet mee.",
        "In de zomer is het in onze flat 34 graden binnen.",
        "Mei is de mooiste maand. Hoop dat het park schoon blijft.",
        "Beste Gemeente, waarom duurt het zo lang?",
        "Groetjes, de buurtvereniging",
        "Wil de gemeente eens luisteren? Ben ik de enige?",
    ],
)
def test_ordinary_text_is_untouched(text):
    assert NL.redact(text) == text


# ------------------------------------------------------------------------------------------ readability
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ik woon op de Dahliastraat 12 en ik ben boos.", "Ik woon op de [adres] en ik ben boos."),
        ("Adres: Molenweg 118, 2811KL Brugvliet.", "Adres: [adres], [postcode] Brugvliet."),
        ("(Havenkade 23-2) heeft last.", "([adres]) heeft last."),
        ("Bel 06-12345678, of mail a@b.nl.", "Bel [telefoonnummer], of mail [e-mailadres]."),
        ("Groet,\nJ. de Boer", "Groet,\n[naam]"),
    ],
)
def test_labels_do_not_eat_spaces_or_punctuation(text, expected):
    assert NL.redact(text) == expected


def test_find_reports_kinds_and_exact_spans():
    text = "Bel 06-12345678. mvg Pieter"
    assert NL.find(text) == [("phone", 4, 15), ("name", 21, 27)]
    assert kinds(NL, "bsn 111222333 of klantnummer 20231234") == [("bsn", "111222333"), ("number", "20231234")]


# ------------------------------------------------------------------------------------------ names
@pytest.mark.parametrize(
    "text, name",
    [
        ("Met vriendelijke groet,\nA.B. Kuipers", "A.B. Kuipers"),
        ("Ik heb het gemeld bij dhr. Jansen van de gemeente.", "Jansen"),
        ("Mijn naam is Ingrid Smit en ik woon hier al lang.", "Ingrid Smit"),
        ("Hoi, ik ben Kofi en ik zit in de jongerenraad.", "Kofi"),
        ("Mijn buurman Kees helpt iedereen.", "Kees"),
        ("Mijn buurvrouw Ans de Vries is gevallen.", "Ans de Vries"),
        ("Geachte heer Bakker, ik reageer op uw brief.", "Bakker"),
        ("Mevrouw van Dijk zit in een rolstoel.", "van Dijk"),
        ("m.v.g. Jan-Willem Bakker", "Jan-Willem Bakker"),
        ("groetjes sophie", "sophie"),
        ("Samen met Ruud hebben we handtekeningen verzameld.", "Ruud"),
        ("Prima plan. Wim", "Wim"),
        ("Jansen heeft me nooit teruggebeld.", "Jansen"),
        ("Wie is die Harmsen die in de krant stond?", "Harmsen"),
    ],
)
def test_names_found_by_context_and_lists(text, name):
    assert ("name", name) in kinds(NL, text)


def test_names_at_sentence_start_need_evidence_when_they_are_words():
    assert NL.redact("Mark zegt dat het klopt.") == "[naam] zegt dat het klopt."
    assert NL.redact("Roos en tulpen in de perken.") == "Roos en tulpen in de perken."


# ------------------------------------------------------------------------------------------ keep list
def test_keep_list_keeps_the_municipalitys_places():
    text = "Bij de Brink in Vliethoven staat Buurthuis De Kajuit."
    assert TOWN.redact(text) == text
    # A surname that is also a wijk of this municipality: kept only where the wijk is meant.
    assert Redactor("nl").redact("Wanneer gaat Westerhout van het gas af?") != Redactor(
        "nl", keep=["Westerhout"]
    ).redact("Wanneer gaat Westerhout van het gas af?")


def test_keep_list_does_not_protect_addresses_or_contact_details():
    assert TOWN.redact("Ik woon op Brink 4.") == "Ik woon op [adres]."
    assert TOWN.redact("Mijn vader woont in De Horst 12.") == "Mijn vader woont in [adres]."


# ------------------------------------------------------------------------------------------ municipality mode
def test_municipality_statements_keep_names_without_contact_details():
    statement = "Zwembad De Wetering blijft open; wethouder Jansen presenteert het plan."
    assert NL.redact(statement, municipality=True) == statement


def test_municipality_statements_lose_contact_details_and_the_contact_person():
    question = "Vragen? Bel Jan de Vries op 06-12345678 of mail jan@brugvliet.nl."
    out = NL.redact(question, municipality=True)
    assert out == "Vragen? Bel [naam] op [telefoonnummer] of mail [e-mailadres]."


# ------------------------------------------------------------------------------------------ English
def test_english_labels_and_names():
    out = EN.redact("Call me on 06-12345678 or mail john.smith@example.com.\nKind regards,\nSarah Johnson")
    assert out == "Call me on [phone number] or mail [e-mail address].\nKind regards,\n[name]"
    assert EN.redact("I spoke to Mr Jansen at 12 Baker Street.") == "I spoke to Mr [name] at [address]."
    assert EN.redact("The Red Cross should be there on King's Day.") == "The Red Cross should be there on King's Day."
    assert (
        EN.redact("In June the park is full. May I suggest more bins?")
        == "In June the park is full. May I suggest more bins?"
    )
    assert (
        EN.redact("Have a look at google.com, or mail jan.b at gmail.com")
        == "Have a look at google.com, or mail [e-mail address]"
    )


def test_any_cell_value_is_accepted():
    assert NL.redact(None) == ""
    assert NL.redact(float("nan")) == ""
    assert NL.redact(12) == "12"
    assert NL.redact(612345678) == "[nummer]"  # a bare 9-digit cell may be a BSN


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        Redactor("de")


# ------------------------------------------------------------------------------- redact_pii and contains_pii
# The module functions: contact details in municipality mode, without a keep list.
@pytest.mark.parametrize(
    "raw, label",
    [
        ("mail me op jan.jansen@example.nl aub", "[e-mailadres]"),
        ("bel 06-12345678", "[telefoonnummer]"),
        ("bel +31 6 12345678", "[telefoonnummer]"),
        ("ik woon op 1234 AB 12", "[postcode]"),
        ("Kerkstraat 12a is mijn adres", "[adres]"),
        ("rekening NL91ABNA0417164300", "[rekeningnummer]"),
        ("bsn 123456782", "[bsn]"),
    ],
)
def test_redact_pii(raw, label):
    out = redact_pii(raw)
    assert label in out
    assert contains_pii(raw)
    assert not contains_pii(out.replace(label, ""))


def test_redact_pii_leaves_ordinary_numbers_and_english_labels():
    assert redact_pii("30 km per uur en 4 euro per uur") == "30 km per uur en 4 euro per uur"
    assert redact_pii("mail a@b.org", "en") == "mail [e-mail address]"


@pytest.mark.parametrize("value", [None, float("nan"), ""])
def test_redact_pii_accepts_missing_values(value):
    assert redact_pii(value) == ""
    assert not contains_pii(value)


# ------------------------------------------------------------------------------------------ pseudonyms
KEY = b"0123456789abcdef0123456789abcdef"


def test_pseudonyms_are_consistent_deterministic_and_not_the_id():
    inputs = ["piet@voorbeeld.nl", "17", "17", None]
    votes = ["17", "piet@voorbeeld.nl", "42"]
    mapping = pseudonymise(inputs + votes, KEY)
    assert set(mapping) == {"piet@voorbeeld.nl", "17", "42"}
    assert mapping == pseudonymise(list(reversed(inputs + votes)), KEY)
    assert all(p.startswith("P-") and len(p) == 8 and p[2:] not in i for i, p in mapping.items())
    assert len(set(mapping.values())) == len(mapping)


def test_pseudonyms_need_the_secret():
    ids = [str(i) for i in range(1, 200)]
    other = pseudonymise(ids, b"another secret of thirty-two byt")
    assert all(pseudonymise(ids, KEY)[i] != other[i] for i in ids)
    with pytest.raises(ValueError):
        pseudonymise(ids, "short")


def test_pseudonyms_grow_until_unique():
    mapping = pseudonymise((str(i) for i in range(20_000)), KEY)
    assert len(set(mapping.values())) == 20_000
    assert len({len(p) for p in mapping.values()}) == 1


def test_key_depends_on_the_raw_files_not_on_the_public_fingerprint(tmp_path):
    a = tmp_path / "reacties.csv"
    a.write_text("id,text\n1,hallo\n", "utf-8")
    key = pseudonym_key([a])
    assert key == pseudonym_key([a])
    public = hashlib.sha256(b"reacties.csv" + a.read_bytes()).digest()
    assert key != public
    a.write_text("id,text\n1,hallo!\n", "utf-8")
    assert pseudonym_key([a]) != key
