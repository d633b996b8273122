"""The README's promises on privacy, data safety and bad input, each backed by a test that names it.

Every promise in the README's "Promises" section is a bold sentence; `test_every_readme_promise_is_named_by_a_test`
checks that some test under tests/ says "Promise: <that sentence>" in its docstring, so a promise cannot be
added (or a test removed) without the other. The promises that no other test file covers are tested here.
"""

from __future__ import annotations

import ast
import hashlib
import re
import warnings
from pathlib import Path

import pandas as pd

from cocreatie_analysis.cli import main

from .test_io import make_folder

ROOT = Path(__file__).resolve().parents[1]


def readme_promises() -> list[str]:
    """The bold sentences opening the bullets of the README's "Promises" section."""
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("\n## Promises", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^- \*\*(.+?)\*\*", section, re.MULTILINE)


def promises_named_by_tests() -> dict[str, list[str]]:
    """Promise sentence (lower case) -> the tests whose docstring names it."""
    named: dict[str, list[str]] = {}
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                for promise in re.findall(r"Promise: (.+?\.)", " ".join((ast.get_docstring(node) or "").split())):
                    named.setdefault(promise.lower(), []).append(f"{path.name}::{node.name}")
    return named


def test_every_readme_promise_is_named_by_a_test():
    promises = readme_promises()
    assert len(promises) >= 10, "the README lists its promises on privacy, data safety and bad input"
    named = promises_named_by_tests()
    missing = [p for p in promises if p.lower() not in named]
    assert not missing, f"README promises no test names: {missing}"
    unknown = sorted(set(named) - {p.lower() for p in promises})
    assert not unknown, f"tests name promises the README does not make: {unknown}"


def _state(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def test_promise_raw_files_are_never_changed(tmp_path):
    """Promise: Raw files are never changed. Validating and analysing read the folder (CSV in three
    encodings, a workbook) and write nothing there: bytes and modification times stay, no file is added."""
    import openpyxl

    folder = make_folder(tmp_path, encoding="cp1252")
    statements = "statement_id\ttext\nS1\tMeer groen ✓\nS2\tMinder auto's\n"
    (folder / "stellingen.csv").write_bytes(statements.encode("utf-16"))
    workbook = openpyxl.Workbook()
    for row in [["Deelnemer", "Leeftijd"], ["p1", "15-24"], ["p2", "65+"]]:
        workbook.active.append(row)
    workbook.save(folder / "deelnemers.xlsx")
    (folder / "deelnemers.csv").unlink()
    config = (folder / "gemeente.yaml").read_text("utf-8").replace("deelnemers.csv", "deelnemers.xlsx")
    (folder / "gemeente.yaml").write_text(config, "utf-8")
    before = _state(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["validate", str(folder)]) == 0
        assert main(["analyse", str(folder), "--processed-dir", str(tmp_path / "processed")]) == 0
    assert _state(folder) == before


def test_promise_every_problem_is_named_with_its_file_row_and_column(tmp_path, capfd):
    """Promise: Every problem is named with its file, row and column. Problems in several files are listed
    at once, each on its own line, and validate exits 1."""
    folder = make_folder(
        tmp_path,
        {
            "reacties.csv": "Nummer;Reactie;Deelnemer\n1;Mooi;p1\n1;Nog mooier;p2\n",
            "stemmen.csv": "Deelnemer,Stelling,Stem\np1,S1,misschien\np2,S9,eens\n",
            "bevolking.csv": 'dimension,category,count\nage_group,15-24,"44,949"\n',
        },
    )
    assert main(["validate", str(folder)]) == 1
    lines = [line for line in capfd.readouterr().err.splitlines() if line.startswith("ERROR")]
    expected = [
        ("reacties.csv", 3, "Nummer"),
        ("stemmen.csv", 2, "Stem"),
        ("stemmen.csv", 3, "Stelling"),
        ("bevolking.csv", 2, "count"),
    ]
    for file, row, column in expected:
        assert any(f"{file}, row {row}, column '{column}': " in line for line in lines), (file, row, lines)
    assert len(lines) == len(expected)


def test_promise_values_are_read_by_stated_rules_or_refused_with_the_reason(tmp_path):
    """Promise: Values are read by stated rules, or refused with the reason. Dutch numbers, dates day first,
    "NA" as no id, a Windows-1252 line in a UTF-8 file: each read by the README's rules and said aloud."""
    from cocreatie_analysis.io import load_dataset

    config = {
        "name": "Testdorp",
        "files": {"inputs": "reacties.csv", "population": "bevolking.csv"},
        "columns": {"inputs": {"Nummer": "input_id", "Reactie": "text", "Deelnemer": "participant_id",
                               "Datum": "date"}},
    }  # fmt: skip
    folder = make_folder(
        tmp_path,
        {
            "reacties.csv": "Nummer;Reactie;Deelnemer;Datum\n1;Caf\u00e9 open;p1;2-3-2026\n".encode()
            + b"2;Caf\xe9 dicht;NA;30-02-2026\n",
            "bevolking.csv": 'dimension,category,count\nage_group,15-24,44.949\nage_group,65+,"1.234,0"\n',
        },
        config,
    )
    data = load_dataset(folder)
    assert data.inputs["text"].tolist() == ["Café open", "Café dicht"]
    assert data.population["count"].tolist() == [44949, 1234]
    assert str(data.inputs["date"].iloc[0].date()) == "2026-03-02" and pd.isna(data.inputs["date"].iloc[1])
    assert data.inputs["participant_id"].isna().tolist() == [False, True]
    said = {(p.row, p.column): p.message for p in data.warnings}
    assert "Windows-1252" in said[(3, None)]
    assert "'NA' means 'no value'" in said[(3, "Deelnemer")]
    assert "February 2026 has 28 days" in said[(3, "Datum")]


def test_promise_ids_are_pseudonymised(tmp_path):
    """Promise: Ids are pseudonymised. E-mail addresses used as participant ids reach no processed table;
    the same person has the same pseudonym in every table, so the tables still join."""
    from cocreatie_analysis.pipeline import load_results

    mails = {"p1": "riet.vandenberg@voorbeeld.nl", "p2": "j.devries@example.com"}
    files = {
        "reacties.csv": "Nummer;Reactie;Deelnemer\n1;Mooi park;p1\n2;Te veel auto's;p2\n",
        "deelnemers.csv": "Deelnemer,Leeftijd\np1,15-24\np2,65+\n",
        "stemmen.csv": "Deelnemer,Stelling,Stem\np1,S1,eens\np2,S1,oneens\np2,S2,neutraal\n",
    }
    for name, text in files.items():
        for pid, mail in mails.items():
            text = text.replace(f"{pid},", f"{mail},").replace(f";{pid}\n", f";{mail}\n")
        files[name] = text
    folder = make_folder(tmp_path, files)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["analyse", str(folder), "--processed-dir", str(tmp_path / "processed")]) == 0
    results = load_results(tmp_path / "processed" / "testdorp")
    for name, table in results.tables.items():
        text = table.astype(str).to_csv()
        assert not any(mail in text for mail in mails.values()), f"an e-mail address in {name}"
        assert "voorbeeld.nl" not in text and "example.com" not in text, name
    for path in (tmp_path / "processed" / "testdorp").iterdir():
        assert b"voorbeeld.nl" not in path.read_bytes(), path.name
    authors = results["inputs"]["participant_id"].dropna()
    assert len(authors) == 2 and authors.str.startswith("P-").all()
