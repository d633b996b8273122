"""Tests for the CBS StatLine importer, on small hand-made exports and on the real files in ../shared/data/cbs/."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cocreatie_analysis.io.importers.cbs import (
    CBSImportError,
    CBSImportWarning,
    import_cbs,
    population_from_cbs,
    read_statline,
)

CBS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "cbs"
KWB = CBS_DIR / "kwb2024_leeftijd_geslacht.csv"
HERKOMST = CBS_DIR / "kwb2024_herkomst.csv"
REGIONAL = CBS_DIR / "regionale_kerncijfers_2025.csv"
GEMEENTEN = CBS_DIR / "gemeenten_2023.csv"

real = pytest.mark.skipif(
    not KWB.is_file() or not HERKOMST.is_file(), reason=f"CBS reference data not found in {CBS_DIR}"
)


def _raw_row(path: Path, needle: str) -> list[str]:
    """The cells of the first line containing `needle`, split without the importer's code."""
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if needle in line:
            return [c.strip().strip('"').strip() for c in line.split(";")]
    raise AssertionError(f"{needle} not in {path}")


def _write(path: Path, text: str, bom: bool = True) -> Path:
    path.write_bytes(("\ufeff" if bom else "").encode() + text.replace("\n", "\r\n").encode("utf-8"))
    return path


SMALL_HEADER = (
    ";".join(
        f'"{h}"'
        for h in [
            "Wijken en buurten",
            "Regioaanduiding/Gemeentenaam (naam)",
            "Regioaanduiding/Soort regio (omschrijving)",
            "Regioaanduiding/Codering (code)",
            "Bevolking/Aantal inwoners (aantal)",
            "Bevolking/Geslacht/Mannen (aantal)",
            "Bevolking/Geslacht/Vrouwen (aantal)",
            "Bevolking/Leeftijdsgroepen/0 tot 15 jaar (aantal)",
            "Bevolking/Leeftijdsgroepen/15 tot 25 jaar (aantal)",
            "Bevolking/Leeftijdsgroepen/25 tot 45 jaar (aantal)",
            "Bevolking/Leeftijdsgroepen/45 tot 65 jaar (aantal)",
            "Bevolking/Leeftijdsgroepen/65 jaar of ouder (aantal)",
            "Bevolking/Dichtheid (per km2)",
        ]
    )
    + "\n"
)
SMALL_ROWS = [
    '"Havenstede";"Havenstede      ";"Gemeente  ";"GM9901    ";1000;490;510;100;150;300;250;200;1234,5\n',
    '"Wijk 00 Centrum";"Havenstede      ";"Wijk      ";"WK990100  ";400;200;200;40;80;120;100;60;.\n',
    '"Centrum-Noord";"Havenstede      ";"Buurt     ";"BU99010001";400;200;200;40;80;120;100;60;\n',
    '"Wijk 01 Haven";"Havenstede      ";"Wijk      ";"WK990101  ";600;290;310;60;70;180;150;140;-\n',
]
SMALL_HERKOMST_HEADER = (
    ";".join(
        f'"{h}"'
        for h in [
            "Wijken en buurten",
            "Regioaanduiding/Gemeentenaam (naam)",
            "Bevolking/Aantal inwoners (aantal)",
            "Bevolking/Bevolking naar herkomst/Herkomstland/Nederland (aantal)",
            "Bevolking/Bevolking naar herkomst/Herkomstland/Europa (exclusief Nederland)  (aantal)",
            "Bevolking/Bevolking naar herkomst/Herkomstland/Buiten Europa  (aantal)",
        ]
    )
    + "\n"
)
SMALL_HERKOMST_ROWS = [
    '"Havenstede";"Havenstede      ";1000;700;100;200\n',
    '"Wijk 00 Centrum";"Havenstede      ";400;300;40;60\n',
    '"Centrum-Noord";"Havenstede      ";400;300;40;60\n',
    '"Wijk 01 Haven";"Havenstede      ";600;400;60;140\n',
]


@pytest.fixture
def small(tmp_path):
    kwb = _write(tmp_path / "kwb.csv", SMALL_HEADER + "".join(SMALL_ROWS))
    herkomst = _write(tmp_path / "herkomst.csv", SMALL_HERKOMST_HEADER + "".join(SMALL_HERKOMST_ROWS))
    return kwb, herkomst


# ----------------------------------------------------------------------------- read_statline
def test_read_statline_cleans_headers_padding_and_numbers(small):
    frame = read_statline(small[0])
    assert list(frame.columns) == [
        "Wijken en buurten",
        "Gemeentenaam",
        "Soort regio",
        "Codering",
        "Aantal inwoners",
        "Mannen",
        "Vrouwen",
        "0 tot 15 jaar",
        "15 tot 25 jaar",
        "25 tot 45 jaar",
        "45 tot 65 jaar",
        "65 jaar of ouder",
        "Dichtheid",
    ]
    assert list(frame["Codering"]) == ["GM9901", "WK990100", "BU99010001", "WK990101"]
    assert frame["Gemeentenaam"].iloc[0] == "Havenstede" and frame["Soort regio"].iloc[1] == "Wijk"
    assert frame["Mannen"].dtype == np.int64 and frame["Mannen"].tolist() == [490, 200, 200, 290]
    density = frame["Dichtheid"].tolist()  # decimal comma, "." unknown, empty, "-" nil
    assert density[0] == 1234.5 and np.isnan(density[1]) and np.isnan(density[2]) and density[3] == 0
    meta = frame.attrs["statline"]["columns"]
    assert meta["Mannen"]["unit"] == "aantal" and meta["Mannen"]["path"] == ["Bevolking", "Geslacht", "Mannen"]
    assert meta["Dichtheid"]["unit"] == "per km2"


def test_read_statline_without_bom_and_with_unique_short_names(tmp_path):
    path = _write(
        tmp_path / "x.csv",
        '"Perioden";"Regio\'s";"Bevolking/Leeftijdsgroepen/Jonger dan 5 jaar (aantal)";'
        '"Bevolking/Leeftijdsgroepen, relatief/Jonger dan 5 jaar (%)";'
        '"Onderwijs/Gediplomeerden/Wo master/doctoraal (aantal)"\n"2025";"Aa en Hunze";1016;3,9;\n',
        bom=False,
    )
    frame = read_statline(path)
    assert list(frame.columns) == [
        "Perioden",
        "Regio's",
        "Leeftijdsgroepen/Jonger dan 5 jaar",
        "Leeftijdsgroepen, relatief/Jonger dan 5 jaar",
        "Wo master/doctoraal",
    ]
    assert frame.iloc[0, 3] == pytest.approx(3.9) and frame["Perioden"].iloc[0] == "2025"


def test_read_statline_errors_name_file_row_and_column(tmp_path):
    bad_row = SMALL_ROWS[1].replace(";400;", ";veel;", 1)
    bad_value = _write(tmp_path / "bad.csv", SMALL_HEADER + SMALL_ROWS[0] + bad_row)
    with pytest.raises(CBSImportError, match=r"bad\.csv, row 3, column 'Aantal inwoners': 'veel' is not a number"):
        read_statline(bad_value)
    short = _write(tmp_path / "short.csv", SMALL_HEADER + SMALL_ROWS[0] + '"Wijk";"H";1\n')
    with pytest.raises(CBSImportError, match=r"short\.csv, row 3: 3 cells where the header has 13"):
        read_statline(short)
    with pytest.raises(CBSImportError, match="not found"):
        read_statline(tmp_path / "missing.csv")


# ----------------------------------------------------------------------------- import, small files
def test_import_gemeente_with_age_groups(small, tmp_path):
    kwb, herkomst = small
    out = import_cbs([kwb, herkomst], gemeente="GM9901", out_dir=tmp_path / "out", age_groups=["15-24", "25-64", "65+"])
    assert out == tmp_path / "out" / "population.csv"
    table = pd.read_csv(out)
    assert list(table.columns) == ["dimension", "category", "count"]
    got = {(d, c): n for d, c, n in table.itertuples(index=False)}
    assert got == {
        ("age_group", "15-24"): 150,
        ("age_group", "25-64"): 550,
        ("age_group", "65+"): 200,
        ("gender", "man"): 490,
        ("gender", "vrouw"): 510,
        ("origin", "Nederland"): 700,
        ("origin", "Europa"): 100,
        ("origin", "buiten Europa"): 200,
    }
    assert not list((tmp_path / "out").glob(".population.*"))  # no temporary file left behind


def test_import_wijken(small):
    kwb, herkomst = small
    table = population_from_cbs([herkomst, kwb], "GM9901", wijken=True, age_groups=["15-24", "25+"])
    district = table.query("dimension == 'district'")
    assert dict(zip(district["category"], district["count"])) == {"Centrum": 400, "Haven": 600}
    joint = table.query("dimension == 'age_group | district'").set_index("category")["count"]
    assert joint.to_dict() == {"15-24 | Centrum": 80, "25+ | Centrum": 280, "15-24 | Haven": 70, "25+ | Haven": 470}
    origin = table.query("dimension == 'origin | district'").set_index("category")["count"]
    assert origin["buiten Europa | Haven"] == 140
    assert set(table["dimension"]) == {
        "age_group",
        "gender",
        "origin",
        "district",
        "age_group | district",
        "gender | district",
        "origin | district",
    }


def test_default_age_groups_are_the_cbs_bands(small):
    table = population_from_cbs([small[0]], "9901")
    assert list(table.query("dimension == 'age_group'")["category"]) == ["0-14", "15-24", "25-44", "45-64", "65+"]
    assert "origin" not in set(table["dimension"])  # no herkomst file given


def test_age_groups_that_do_not_align_are_an_error(small):
    with pytest.raises(
        CBSImportError,
        match=r"age group '18-24' does not align .*\(0-14, 15-24, 25-44, 45-64, "
        r"65\+\): 18 is not a band boundary",
    ):
        population_from_cbs([small[0]], "GM9901", age_groups=["18-24", "25+"])
    with pytest.raises(CBSImportError, match="'15-29' does not align.*29 is not the last age of a band"):
        population_from_cbs([small[0]], "GM9901", age_groups=["15-29"])
    with pytest.raises(CBSImportError, match="overlap"):
        population_from_cbs([small[0]], "GM9901", age_groups=["15-44", "25-64"])
    with pytest.raises(CBSImportError, match="'jong' is not of the form"):
        population_from_cbs([small[0]], "GM9901", age_groups=["jong"])


def test_join_by_row_order_checks_names_and_row_counts(small, tmp_path):
    kwb, _ = small
    renamed = _write(
        tmp_path / "renamed.csv",
        SMALL_HERKOMST_HEADER
        + SMALL_HERKOMST_ROWS[0]
        + SMALL_HERKOMST_ROWS[1]
        + SMALL_HERKOMST_ROWS[3]
        + SMALL_HERKOMST_ROWS[2],
    )
    with pytest.raises(
        CBSImportError,
        match=r"renamed\.csv, row 4, column 'Wijken en buurten': 'Wijk 01 Haven' "
        r"does not match 'Centrum-Noord' in row 4 of kwb\.csv",
    ):
        population_from_cbs([kwb, renamed], "GM9901")
    short = _write(tmp_path / "short.csv", SMALL_HERKOMST_HEADER + "".join(SMALL_HERKOMST_ROWS[:3]))
    with pytest.raises(CBSImportError, match=r"short\.csv has 3 regions but kwb\.csv has 4"):
        population_from_cbs([kwb, short], "GM9901")
    with pytest.raises(CBSImportError, match="has no region codes"):
        population_from_cbs([small[1]], "GM9901")


def test_unknown_codes_and_wrong_files(small, tmp_path):
    kwb, herkomst = small
    with pytest.raises(CBSImportError, match=r"kwb\.csv, column 'Codering': gemeente code GM0001 not found"):
        population_from_cbs([kwb, herkomst], "GM0001")
    with pytest.raises(CBSImportError, match="'Havenstede' is not a CBS gemeente code.*Havenstede has code GM9901"):
        population_from_cbs([kwb], "Havenstede")
    other = _write(tmp_path / "votes.csv", "participant,comment,vote\n1,2,1\n", bom=False)
    with pytest.raises(CBSImportError, match=r"votes\.csv: not a recognised CBS StatLine export"):
        population_from_cbs([kwb, other], "GM9901")


def test_secret_wijk_figures_are_left_out_with_a_warning(tmp_path):
    rows = SMALL_ROWS[:3] + [SMALL_ROWS[3].replace(";70;", ";;")]
    kwb = _write(tmp_path / "kwb.csv", SMALL_HEADER + "".join(rows))
    with pytest.warns(CBSImportWarning, match="Haven left out of age_group | district"):
        table = population_from_cbs([kwb], "GM9901", wijken=True)
    joint = table.query("dimension == 'age_group | district'")
    assert not joint["category"].str.endswith("| Haven").any() and joint["category"].str.endswith("| Centrum").any()
    assert "Haven" in set(table.query("dimension == 'district'")["category"])
    assert table["count"].notna().all()


# ----------------------------------------------------------------------------- the real CBS files
@real
def test_real_kwb_file_reads_cleanly():
    frame = read_statline(KWB)
    assert frame.shape == (18_310, 13)
    assert frame["Soort regio"].value_counts().to_dict() == {"Buurt": 14_574, "Wijk": 3_393, "Gemeente": 342, "Land": 1}
    amsterdam = frame[frame["Codering"] == "GM0363"].iloc[0]
    raw = _raw_row(KWB, '"GM0363')
    assert amsterdam["Wijken en buurten"] == "Amsterdam" and amsterdam["Aantal inwoners"] == int(raw[5])


@real
def test_real_import_amsterdam_matches_the_raw_rows(tmp_path):
    path = import_cbs(
        [KWB, HERKOMST], gemeente="GM0363", out_dir=tmp_path, age_groups=["15-24", "25-44", "45-64", "65+"]
    )
    table = pd.read_csv(path)
    got = {(d, c): n for d, c, n in table.itertuples(index=False)}
    raw = _raw_row(KWB, '"GM0363')
    assert got[("gender", "man")] == int(raw[6]) and got[("gender", "vrouw")] == int(raw[7])
    assert [got[("age_group", a)] for a in ["15-24", "25-44", "45-64", "65+"]] == [int(v) for v in raw[9:13]]
    # The herkomst file has no codes: its Amsterdam row is the same row number.
    line = next(i for i, l in enumerate(KWB.read_text(encoding="utf-8-sig").splitlines()) if '"GM0363' in l)
    herkomst_row = [
        c.strip().strip('"').strip() for c in HERKOMST.read_text(encoding="utf-8-sig").splitlines()[line].split(";")
    ]
    assert herkomst_row[0] == "Amsterdam"
    assert [got[("origin", o)] for o in ["Nederland", "Europa", "buiten Europa"]] == [int(v) for v in herkomst_row[3:6]]


@real
def test_real_import_wijken_of_aa_en_hunze():
    with warnings.catch_warnings():
        warnings.simplefilter("error", CBSImportWarning)  # these files are consistent: nothing to warn about
        table = population_from_cbs([KWB, HERKOMST], "GM1680", wijken=True, age_groups=["15-24", "25-64", "65+"])
    district = table.query("dimension == 'district'").set_index("category")["count"]
    assert len(district) == 21 and "Annen" in district.index and "Wijk 00 Annen" not in district.index
    assert district["Annen"] == int(_raw_row(KWB, '"WK168000')[5])
    joint = table.query("dimension == 'age_group | district'")
    parts = joint["category"].str.split(" | ", regex=False)
    per_wijk = joint.groupby(parts.str[1])["count"].sum()
    raw = _raw_row(KWB, '"WK168000')
    assert per_wijk["Annen"] == sum(int(v) for v in raw[9:13])  # 15+ of Annen
    # Origin per wijk comes from the herkomst file's row with the same number (CBS rounds wijk figures to 5,
    # so they need not add up to the total exactly).
    line = next(i for i, l in enumerate(KWB.read_text(encoding="utf-8-sig").splitlines()) if '"WK168000' in l)
    herkomst_row = HERKOMST.read_text(encoding="utf-8-sig").splitlines()[line].split(";")
    origin = table.query("dimension == 'origin | district'").set_index("category")["count"]
    assert [origin[f"{o} | Annen"] for o in ["Nederland", "Europa", "buiten Europa"]] == [
        int(v) for v in herkomst_row[3:6]
    ]


@real
@pytest.mark.skipif(not REGIONAL.is_file(), reason="regionale kerncijfers not found")
def test_real_finer_age_groups_come_from_the_regional_key_figures():
    with pytest.warns(CBSImportWarning, match="age groups from regionale_kerncijfers_2025.csv"):
        table = population_from_cbs([KWB, REGIONAL], "GM0363", age_groups=["15-19", "20-24", "25-64", "65-79", "80+"])
    ages = table.query("dimension == 'age_group'").set_index("category")["count"]
    raw = _raw_row(REGIONAL, '"Amsterdam"')
    assert ages["80+"] == int(raw[11]) and ages["25-64"] == int(raw[8]) + int(raw[9])
    assert table.query("dimension == 'gender'")["count"].sum() == int(_raw_row(KWB, '"GM0363')[5])
    if GEMEENTEN.is_file():  # without the wijken-en-buurten file, the name comes from the gemeenten list
        alone = population_from_cbs([GEMEENTEN, REGIONAL], "GM0363", age_groups=["65-79", "80+"])
        assert alone.set_index("category")["count"]["80+"] == int(raw[11])
    with pytest.raises(CBSImportError, match="18 is not a band boundary.*regionale_kerncijfers"):
        population_from_cbs([KWB, REGIONAL], "GM0363", age_groups=["18-24"])


@real
def test_real_mismatched_rows_are_detected(tmp_path):
    lines = HERKOMST.read_text(encoding="utf-8-sig").splitlines()
    shifted = tmp_path / "herkomst_shifted.csv"
    _write(shifted, "\n".join(lines[:1] + lines[2:] + lines[1:2]) + "\n")
    with pytest.raises(
        CBSImportError,
        match=r"herkomst_shifted\.csv, row 2, column 'Wijken en buurten': "
        r"'Aa en Hunze' does not match 'Nederland'",
    ):
        population_from_cbs([KWB, shifted], "GM0363")


@real
def test_real_population_feeds_the_reach_analysis(tmp_path):
    from cocreatie_analysis.reach import analyse_reach

    population = population_from_cbs([KWB, HERKOMST], "GM1680", wijken=True, age_groups=["15-24", "25-64", "65+"])
    rng = np.random.default_rng(0)
    wijken = list(population.query("dimension == 'district'")["category"])
    participants = pd.DataFrame(
        {
            "participant_id": range(500),
            "age": rng.integers(15, 90, 500),
            "gender": rng.choice(["man", "vrouw"], 500),
            "origin": rng.choice(["Nederland", "Europa", "buiten Europa"], 500),
            "district": rng.choice(wijken, 500),
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = analyse_reach(participants, population, ["age_group", "gender", "origin", "district"])
    assert set(out["representation"]["dimension"]) == {"age_group", "gender", "origin", "district"}
    assert "age_group | district" in set(out["intersections"]["dimension"])
    assert out["weight_diagnostics"]["converged"].iloc[0]


def test_a_count_that_is_not_whole_stops_the_import_with_file_row_and_column(tmp_path):
    """StatLine writes decimals with a comma, so '44,949' inhabitants is not silently rounded to 45."""
    rows = [SMALL_ROWS[0].replace(";490;", ";44,949;")] + SMALL_ROWS[1:]
    kwb = _write(tmp_path / "kwb.csv", SMALL_HEADER + "".join(rows))
    with pytest.raises(CBSImportError, match=r"kwb.csv, row 2, column 'Mannen': '44,949' is not a whole number"):
        population_from_cbs([kwb], "GM9901")
