"""Config and readers: every kind of bad input yields a message naming file, row and column."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest
import yaml

from cocreatie_analysis.config import load_config
from cocreatie_analysis.errors import InputError
from cocreatie_analysis.io import load_dataset, read_table, validate

CONFIG = {
    "name": "Testdorp",
    "language": "nl",
    "cbs_code": "GM9999",
    "files": {
        "inputs": "reacties.csv",
        "participants": "deelnemers.csv",
        "statements": "stellingen.csv",
        "votes": "stemmen.csv",
        "population": "bevolking.csv",
    },
    "columns": {
        "inputs": {"Nummer": "input_id", "Reactie": "text", "Deelnemer": "participant_id"},
        "participants": {"Deelnemer": "participant_id", "Leeftijd": "age_group"},
        "votes": {"Deelnemer": "participant_id", "Stelling": "statement_id", "Stem": "vote"},
    },
    "dimensions": ["age_group"],
}
GOOD = {
    "reacties.csv": "Nummer;Reactie;Deelnemer\n1;Mooi park, maar 's avonds eng;p1\n2;Te veel auto's;p2\n",
    "deelnemers.csv": "Deelnemer,Leeftijd\np1,15-24\np2,65+\n",
    "stellingen.csv": "statement_id,text\nS1,Meer groen\nS2,Minder auto's\n",
    "stemmen.csv": "Deelnemer,Stelling,Stem\np1,S1,eens\np2,S1,oneens\np2,S2,neutraal\n",
    "bevolking.csv": "dimension,category,count\nage_group,15-24,1200\nage_group,65+,3400\n",
}


def make_folder(tmp_path: Path, files: dict | None = None, config: dict | None = None, encoding: str = "utf-8") -> Path:
    folder = tmp_path / "testdorp"
    folder.mkdir()
    (folder / "gemeente.yaml").write_text(yaml.safe_dump(config or CONFIG, allow_unicode=True), "utf-8")
    for name, content in {**GOOD, **(files or {})}.items():
        if content is None:
            continue
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding=encoding)
    return folder


def errors(folder: Path):
    return [p for p in validate(folder) if p.severity == "error"]


def only(problems, **where):
    found = [p for p in problems if all(getattr(p, k) == v for k, v in where.items())]
    assert found, f"no problem with {where} in {[str(p) for p in problems]}"
    return found[0]


def test_good_folder_loads_with_canonical_columns(tmp_path):
    folder = make_folder(tmp_path)
    data = load_dataset(folder)
    assert list(data.inputs.columns) == ["input_id", "text", "participant_id"]
    assert data.inputs["text"].tolist() == ["Mooi park, maar 's avonds eng", "Te veel auto's"]
    assert data.votes["vote"].tolist() == [1, -1, 0]
    assert data.population["count"].tolist() == [1200, 3400]
    assert errors(folder) == []


@pytest.mark.parametrize("sep", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_reader_handles_separators_and_encodings(tmp_path, sep, encoding):
    path = tmp_path / "t.csv"
    rows = [["id", "tekst"], ["1", "Café in de wijk, fijn"], ["2", "Zóveel overlast; echt"]]
    quoted = [[f'"{c}"' if sep in c else c for c in row] for row in rows]
    path.write_text("\n".join(sep.join(r) for r in quoted) + "\n", encoding=encoding)
    frame = read_table(path)
    assert list(frame.columns) == ["id", "tekst"]
    assert frame["tekst"].tolist() == ["Café in de wijk, fijn", "Zóveel overlast; echt"]


def test_reader_reads_xlsx(tmp_path):
    path = tmp_path / "t.xlsx"
    pd.DataFrame({"id": ["1", "2"], "tekst": ["één", "twee"]}).to_excel(path, index=False)
    assert read_table(path)["tekst"].tolist() == ["één", "twee"]


def test_resident_words_like_nvt_stay_text(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,text\n1,nvt\n2,NA\n3,\n", "utf-8")
    assert read_table(path)["text"].tolist()[:2] == ["nvt", "NA"]
    assert pd.isna(read_table(path)["text"].iloc[2])


def test_missing_required_column_names_file_and_suggests(tmp_path):
    folder = make_folder(tmp_path, {"reacties.csv": "Nummer;Reactei;Deelnemer\n1;Mooi;p1\n"})
    problem = only(errors(folder), column="Reactie")
    assert problem.file.endswith("reacties.csv")
    assert "did you mean 'Reactei'" in problem.message


def test_unknown_participant_in_votes(tmp_path):
    folder = make_folder(tmp_path, {"stemmen.csv": "Deelnemer,Stelling,Stem\np1,S1,eens\npX,S1,eens\n"})
    problem = only(errors(folder), column="Deelnemer")  # the file's own header, as the user sees it
    assert problem.file.endswith("stemmen.csv") and problem.row == 3 and "pX" in problem.message


def test_vote_for_unknown_statement(tmp_path):
    folder = make_folder(tmp_path, {"stemmen.csv": "Deelnemer,Stelling,Stem\np1,S7,eens\n"})
    problem = only(errors(folder), column="Stelling")
    assert problem.row == 2 and "S7" in problem.message


def test_vote_outside_scale(tmp_path):
    folder = make_folder(tmp_path, {"stemmen.csv": "Deelnemer,Stelling,Stem\np1,S1,eens\np2,S1,misschien\n"})
    problem = only(errors(folder), column="Stem")
    assert problem.file.endswith("stemmen.csv") and problem.row == 3 and "misschien" in problem.message


def test_likert_five_point_scale_is_mapped_with_a_warning(tmp_path):
    folder = make_folder(tmp_path, {"stemmen.csv": "Deelnemer,Stelling,Stem\np1,S1,5\np2,S1,2\np2,S2,3\n"})
    data = load_dataset(folder)
    assert data.votes["vote"].tolist() == [1, -1, 0]
    assert any("1-5 scale" in p.message for p in data.warnings)


def test_three_point_numbers_are_not_guessed(tmp_path):
    folder = make_folder(tmp_path, {"stemmen.csv": "Deelnemer,Stelling,Stem\np1,S1,3\np2,S1,2\np2,S2,1\n"})
    assert [p.row for p in errors(folder)] == [2, 3]  # 3 and 2 are no votes without a mapping


def test_dutch_vote_phrasings(tmp_path):
    folder = make_folder(
        tmp_path,
        {
            "stemmen.csv": "Deelnemer,Stelling,Stem\np1,S1,zeer mee eens\n"
            "p2,S1,helemaal niet mee eens\np2,S2,eens noch oneens\n"
        },
    )
    assert load_dataset(folder).votes["vote"].tolist() == [1, -1, 0]


def test_duplicate_votes_latest_wins_with_warning(tmp_path):
    folder = make_folder(tmp_path, {"stemmen.csv": "Deelnemer,Stelling,Stem\np1,S1,eens\np1,S1,oneens\n"})
    data = load_dataset(folder)
    assert data.votes["vote"].tolist() == [-1]
    warning = only(data.warnings, column="Stem")
    assert warning.row == 2 and "latest" in warning.message


def test_duplicate_ids(tmp_path):
    folder = make_folder(tmp_path, {"reacties.csv": "Nummer;Reactie;Deelnemer\n1;a b c;p1\n2;d e;p2\n1;f g;p1\n"})
    problem = only(errors(folder), column="Nummer")
    assert problem.row == 4 and "also in row 2" in problem.message


def test_empty_input_text_is_skipped_with_warning_and_empty_statement_is_an_error(tmp_path):
    folder = make_folder(
        tmp_path,
        {
            "reacties.csv": "Nummer;Reactie;Deelnemer\n1;Mooi;p1\n2;;p2\n",
            "stellingen.csv": "statement_id,text\nS1,Meer groen\nS2,\n",
        },
    )
    problems = validate(folder)
    warning = only(problems, column="Reactie", severity="warning")
    assert warning.file.endswith("reacties.csv") and warning.row == 3
    error = only(problems, column="text", severity="error")
    assert error.file.endswith("stellingen.csv") and error.row == 3


def test_population_count_not_a_number(tmp_path):
    folder = make_folder(
        tmp_path, {"bevolking.csv": "dimension,category,count\nage_group,15-24,veel\nage_group,65+,1.234\n"}
    )
    problem = only(errors(folder), column="count")
    assert problem.file.endswith("bevolking.csv") and problem.row == 2 and "veel" in problem.message
    assert len(errors(folder)) == 1  # 1.234 is Dutch for 1234, not an error


def test_every_problem_reported_at_once(tmp_path):
    folder = make_folder(
        tmp_path,
        {
            "stemmen.csv": "Deelnemer,Stelling,Stem\npX,S1,eens\np1,S9,eens\np1,S2,7\n",
            "bevolking.csv": "dimension,category,count\nage_group,15-24,x\n",
        },
    )
    assert len(errors(folder)) == 4
    with pytest.raises(InputError) as info:
        load_dataset(folder)
    assert len(info.value.problems) == 4
    assert "stemmen.csv, row 4, column 'Stem'" in str(info.value)


def test_windows_1252_semicolon_file_reads(tmp_path):
    folder = make_folder(
        tmp_path, {"reacties.csv": "Nummer;Reactie;Deelnemer\n1;Café dicht, jammer;p1\n"}, encoding="cp1252"
    )
    assert load_dataset(folder).inputs["text"].iloc[0] == "Café dicht, jammer"


def test_raw_files_are_never_modified(tmp_path):
    """Promise: Raw files are never changed."""
    folder = make_folder(tmp_path)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    load_dataset(folder)
    validate(folder)
    assert before == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_html_in_resident_text_is_kept_verbatim(tmp_path):
    folder = make_folder(
        tmp_path, {"reacties.csv": 'Nummer;Reactie;Deelnemer\n1;"<script>alert(1)</script> park";p1\n'}
    )
    assert load_dataset(folder).inputs["text"].iloc[0] == "<script>alert(1)</script> park"


# ---- gemeente.yaml -----------------------------------------------------------------------------------------
def test_config_problems_name_file_and_key(tmp_path):
    bad = {
        **CONFIG,
        "language": "fr",
        "cbs_code": "0363",
        "privacy": {"min_cell_size": 0},
        "process": {"default_participation_level": "beslissen"},
        "colums": {},
    }
    folder = make_folder(tmp_path, config=bad)
    with pytest.raises(InputError) as info:
        load_config(folder)
    messages = [str(p) for p in info.value.problems]
    assert all(m.startswith(str(folder / "gemeente.yaml")) for m in messages)
    for key in ("language", "cbs_code", "privacy.min_cell_size", "process.default_participation_level", "colums"):
        assert any(f"key '{key}'" in m for m in messages), (key, messages)


def test_config_missing_file_and_broken_yaml(tmp_path):
    folder = tmp_path / "leeg"
    folder.mkdir()
    with pytest.raises(InputError, match="gemeente.yaml: missing"):
        load_config(folder)
    (folder / "gemeente.yaml").write_text("name: x\n  bad: [\n", "utf-8")
    with pytest.raises(InputError) as info:
        load_config(folder)
    assert info.value.problems[0].row is not None


def test_config_file_named_but_absent(tmp_path):
    folder = make_folder(tmp_path, {"stemmen.csv": None})
    problem = only(validate(folder), severity="error")
    assert "files.votes" in problem.message and "stemmen.csv" in problem.message


def test_config_defaults_find_conventional_file_names(tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "gemeente.yaml").write_text("name: Plain\n", "utf-8")
    (folder / "inputs.csv").write_text("input_id,text\n1,Meer bomen\n", "utf-8")
    config = load_config(folder)
    assert config.files == {"inputs": "inputs.csv"} and config.language == "nl" and config.min_cell_size == 10
    assert load_dataset(folder).inputs["text"].tolist() == ["Meer bomen"]


def test_dates_iso_and_day_first():
    from cocreatie_analysis.io import parse_dates

    parsed = parse_dates(
        pd.Series(["2025-10-04 11:23", "2026-03-02 00:00:00", "04-10-2025", "2-3-2026", "gisteren", None])
    )
    assert [str(d.date()) if not pd.isna(d) else None for d in parsed] == [
        "2025-10-04",
        "2026-03-02",
        "2025-10-04",
        "2026-03-02",
        None,
        None,
    ]


def test_row_numbers_survive_blank_lines_and_every_vote_problem_is_reported(tmp_path):
    folder = make_folder(tmp_path, {"stemmen.csv": "Deelnemer,Stelling,Stem\np1,S1,eens\n\np1,S9,misschien\n"})
    problems = errors(folder)
    assert {(p.row, p.column) for p in problems} == {(4, "Stelling"), (4, "Stem")}


def test_excel_style_float_ids_match(tmp_path):
    folder = make_folder(
        tmp_path,
        {
            "deelnemers.csv": "Deelnemer,Leeftijd\n1.0,15-24\n2.0,65+\n",
            "stemmen.csv": "Deelnemer,Stelling,Stem\n1,S1,eens\n2,S1,oneens\n",
            "reacties.csv": "Nummer;Reactie;Deelnemer\n1;Mooi;1\n2;Lelijk;2\n",
        },
    )
    assert errors(folder) == []
    assert load_dataset(folder).participants["participant_id"].tolist() == ["1", "2"]


def test_duplicate_header_and_mapping_precedence(tmp_path):
    folder = make_folder(tmp_path, {"reacties.csv": "Nummer;Reactie;text;Reactie\n1;Mooi park;fout;x\n"})
    problem = only(errors(folder), column="Reactie")
    assert "more than once" in problem.message
    (tmp_path / "b").mkdir()
    folder2 = make_folder(tmp_path / "b", {"reacties.csv": "Nummer;Reactie;text\n1;Mooi park;fout\n"})
    assert load_dataset(folder2).inputs["text"].tolist() == ["Mooi park"]


def test_time_zone_dates_and_bom_with_windows_bytes(tmp_path):
    from cocreatie_analysis.io import parse_dates

    parsed = parse_dates(pd.Series(["2014-06-18T01:16:54.196Z", "2026-03-02T10:00:00+02:00"]))
    assert [str(d) for d in parsed] == ["2014-06-18 01:16:54.196000", "2026-03-02 08:00:00"]
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfid,tekst\n1,caf\xe9\n")
    assert read_table(path)["tekst"].tolist() == ["café"]


def test_age_with_words_and_bad_age_named(tmp_path):
    folder = make_folder(
        tmp_path,
        {"deelnemers.csv": "Deelnemer,age\np1,37 jaar\np2,zestig\n"},
        config={**CONFIG, "columns": {**CONFIG["columns"], "participants": {"Deelnemer": "participant_id"}}},
    )
    data = load_dataset(folder)
    assert data.participants["age"].tolist()[0] == 37
    assert any("'zestig'" in p.message and p.row == 3 for p in data.warnings)


def test_all_inputs_empty_is_an_error(tmp_path):
    folder = make_folder(tmp_path, {"reacties.csv": "Nummer;Reactie;Deelnemer\n1;;p1\n"})
    assert any("nothing to analyse" in p.message for p in errors(folder))


def test_moderation_status_codes_words_and_blanks(tmp_path):
    config = {
        **CONFIG,
        "columns": {**CONFIG["columns"], "statements": {"Status": "moderated"}},
        "values": {"statements": {"moderated": {"ingetrokken": -1, "goedgekeurd": 1}}},
    }
    statements = (
        "statement_id,text,Status\nS1,Meer groen,Goedgekeurd\nS2,Minder auto's,\nS3,Spam,ingetrokken\nS4,Ok,-1\n"
    )
    folder = make_folder(tmp_path, {"stellingen.csv": statements}, config)
    data = load_dataset(folder)
    assert data.statements["moderated"].tolist() == [1, 0, -1, -1]  # words mapped, blank = 0 (not moderated)
    assert data.statements["moderated"].dtype == "int64"
    assert errors(folder) == []


def test_unknown_moderation_status_names_file_row_and_column(tmp_path):
    config = {**CONFIG, "columns": {**CONFIG["columns"], "statements": {"Status": "moderated"}}}
    statements = "statement_id,text,Status\nS1,Meer groen,1\nS2,Minder auto's,weg\nS3,Bomen,2\n"
    folder = make_folder(tmp_path, {"stellingen.csv": statements}, config)
    problems = errors(folder)
    first = only(problems, row=3, column="Status")  # the municipality's own header
    assert first.file.endswith("stellingen.csv") and "'weg'" in first.message and "values.statements" in first.message
    assert only(problems, row=4, column="Status")
    with pytest.raises(InputError):
        load_dataset(folder)


# ---- readers say what they did ------------------------------------------------------------------------------
def test_a_utf8_file_with_some_windows_1252_lines_is_decoded_per_line_with_the_rows_named(tmp_path):
    """Promise: Values are read by stated rules, or refused with the reason."""
    folder = make_folder(
        tmp_path,
        {
            "reacties.csv": b"Nummer;Reactie;Deelnemer\n1;Caf\xc3\xa9 open;p1\n2;Caf\xe9 dicht;p2\n"
            b'3;"twee\nregels \xeb";p1\n4;\xe2\x80\x9cgoed\xe2\x80\x9d;p2\n'
        },
    )
    data = load_dataset(folder)
    assert data.inputs["text"].tolist() == ["Café open", "Café dicht", "twee\nregels ë", "“goed”"]
    named = [p for p in data.warnings if "Windows-1252" in p.message]
    assert [(Path(p.file).name, p.row) for p in named] == [("reacties.csv", 3), ("reacties.csv", 4)]


def test_utf16_with_byte_order_mark_reads_and_nul_bytes_are_named(tmp_path):
    path = tmp_path / "unicode.txt"  # Excel's "Unicode text": UTF-16, tab-separated
    path.write_bytes("id\ttekst\n1\tCafé ✓\n".encode("utf-16"))
    assert read_table(path)["tekst"].tolist() == ["Café ✓"]
    path.write_bytes(b"id,tekst\n1,ok\n2,bin\x00air\n")
    with pytest.raises(InputError, match=r"unicode.txt, row 3: holds a NUL character"):
        read_table(path)


@pytest.mark.parametrize(
    "text, number",
    [("44.949", 44949), ("1.234.567", 1234567), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("4,8", 4.8),
     ("0,125", 0.125), ("12 345", 12345), ("4.5", 4.5), ("1,234,567", 1234567), ("-1.234", -1234),
     ("44,949", None), ("100,000", None), ("1.5,3", None), ("veel", None)],
)  # fmt: skip
def test_dutch_number_rules(text, number):
    """Promise: Values are read by stated rules, or refused with the reason."""
    from cocreatie_analysis.io.values import parse_number, read_number

    assert parse_number(text) == number
    if number is None:
        assert f"'{text}'" in read_number(text)[1]


def test_an_ambiguous_population_count_is_refused_with_the_reason(tmp_path):
    """'44,949' is 44.949 in Dutch and 44949 in English: the population table refuses to guess."""
    folder = make_folder(tmp_path, {"bevolking.csv": 'dimension,category,count\nage_group,15-24,"44,949"\n'})
    problem = only(errors(folder), column="count")
    assert problem.file.endswith("bevolking.csv") and problem.row == 2
    assert "ambiguous" in problem.message and "44949" in problem.message


@pytest.mark.parametrize("word", ["NA", "NaN", "null", "-", "n.v.t.", "#N/A"])
def test_na_like_ids_are_never_people(tmp_path, word):
    """Promise: Values are read by stated rules, or refused with the reason."""
    folder = make_folder(
        tmp_path,
        {
            "reacties.csv": f"Nummer;Reactie;Deelnemer\n1;Mooi;{word}\n2;Lelijk;nan\n3;Goed;p1\n",
            "deelnemers.csv": f"Deelnemer,Leeftijd\np1,15-24\n{word},65+\n",
            "stemmen.csv": f"Deelnemer,Stelling,Stem\np1,S1,eens\n{word},S1,oneens\n",
        },
    )
    problems = validate(folder)
    assert only(problems, column="Deelnemer", row=3, severity="error").file.endswith("deelnemers.csv")
    assert "means 'no value'" in only(problems, row=3, severity="error", file=str(folder / "stemmen.csv")).message
    authors = [p for p in problems if p.file.endswith("reacties.csv") and p.severity == "warning"]
    assert {p.row for p in authors} == {2, 3} and all("author unknown" in p.message for p in authors)
    # with the participants and votes fixed, the inputs load: the "NA" authors are unknown, not one or two people
    (folder / "deelnemers.csv").write_text(GOOD["deelnemers.csv"], "utf-8")
    (folder / "stemmen.csv").write_text(GOOD["stemmen.csv"], "utf-8")
    inputs = load_dataset(folder).inputs
    assert inputs["participant_id"].isna().tolist() == [True, True, False]


def test_merged_excel_cells_are_filled_with_a_warning_or_refused_with_the_cells_named(tmp_path):
    """Promise: Values are read by stated rules, or refused with the reason."""
    import openpyxl

    config = {**CONFIG, "files": {**CONFIG["files"], "inputs": "reacties.xlsx"}}
    folder = make_folder(tmp_path, {"reacties.csv": None}, config)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Reacties"
    for row in [["Nummer", "Reactie", "Deelnemer"], [1, "Mooi", "p1"], [2, "Lelijk", None], [3, "Goed", "p2"]]:
        sheet.append(row)
    sheet.merge_cells("C2:C3")  # one participant written once beside two rows
    workbook.save(folder / "reacties.xlsx")
    data = load_dataset(folder)
    assert data.inputs["participant_id"].tolist() == ["p1", "p1", "p2"]
    warning = only(data.warnings, column="Deelnemer", row=2)
    assert "sheet 'Reacties', cells C2:C3 are merged" in warning.message and "rows 2 to 3" in warning.message
    sheet.merge_cells("A4:B4")  # across columns: whose value is it?
    workbook.save(folder / "reacties.xlsx")
    problem = only(errors(folder), row=4, column="Nummer")
    assert "cells A4:B4 are merged across columns" in problem.message


@pytest.mark.parametrize(
    "value, reason",
    [("2024-02-30", "February 2024 has 29 days"), ("31-13-2024", "there is no month 13"),
     ("12-31-2024", "there is no month 31"), ("2024-02-29T25:00", "not a time of day"), ("gisteren", "write it as")],
)  # fmt: skip
def test_impossible_dates_are_named_with_file_row_column_and_the_reason(tmp_path, value, reason):
    """Promise: Values are read by stated rules, or refused with the reason."""
    config = {**CONFIG, "columns": {**CONFIG["columns"], "inputs": {**CONFIG["columns"]["inputs"], "Datum": "date"}}}
    folder = make_folder(
        tmp_path, {"reacties.csv": f"Nummer;Reactie;Deelnemer;Datum\n1;Mooi;p1;2024-02-29\n2;Goed;p2;{value}\n"}, config
    )
    data = load_dataset(folder)
    warning = only(data.warnings, column="Datum", row=3)
    assert warning.file.endswith("reacties.csv") and f"'{value}' is not a date" in warning.message
    assert reason in warning.message
    assert str(data.inputs["date"].iloc[0].date()) == "2024-02-29" and pd.isna(data.inputs["date"].iloc[1])


def test_dates_in_digits_are_never_read_month_first():
    from cocreatie_analysis.io import parse_dates

    parsed = parse_dates(pd.Series(["2026/03/02", "20260302", "02.03.26", "12-31-2024"]))
    assert [None if pd.isna(d) else str(d.date()) for d in parsed] == ["2026-03-02"] * 3 + [None]


def test_an_impossible_date_in_gemeente_yaml_is_named(tmp_path):
    folder = make_folder(tmp_path, config={**CONFIG, "process": {"period": {"start": "2026-02-30"}}})
    with pytest.raises(InputError) as info:
        load_config(folder)
    assert "key 'process.period.start': '2026-02-30' is not a date: February 2026 has 28 days" in str(info.value)


@pytest.mark.parametrize(
    "text, expected",
    [("a;b\n1;2;\n3;4;\n", {"a": ["1", "3"], "b": ["2", "4"]}),  # a ';' after every row: harmless
     ("a;b\n1;2;x\n3;4\n", "row 2: 3 cells where the header has 2"),  # pandas would shift every value
     ("a;b\n1;2\n3;4;x\n", "row 3: 3 cells where the header has 2"),
     ("tekst\nhallo, daar\n", {"tekst": ["hallo, daar"]}),  # one column: its commas are text
     ("id;tekst, toelichting\n1;mooi, echt\n", {"id": ["1"], "tekst, toelichting": ["mooi, echt"]}),
     ("\n\nid,tekst\n1,a\n", "row 1: the first line is empty")],
)  # fmt: skip
def test_cells_are_never_shifted_into_another_column(tmp_path, text, expected):
    """Promise: Values are read by stated rules, or refused with the reason."""
    path = tmp_path / "t.csv"
    path.write_text(text, "utf-8")
    if isinstance(expected, dict):
        assert read_table(path).to_dict("list") == expected
    else:
        with pytest.raises(InputError, match=expected):
            read_table(path)
