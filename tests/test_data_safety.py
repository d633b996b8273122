"""Nothing lost, nothing read from outside: outputs confined, inputs confined, strict configuration, and a batch
that survives a killed worker. Each test names the README promise it backs.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from cocreatie_analysis.cli import main
from cocreatie_analysis.config import folder_slug, load_config
from cocreatie_analysis.errors import InputError, UserError
from cocreatie_analysis.io.atomic import remove_leftovers, staged_dir
from cocreatie_analysis.report.index import Outcome

from .test_io import CONFIG, make_folder

batch_module = importlib.import_module("cocreatie_analysis.report.batch")


def messages(folder) -> list[str]:
    with pytest.raises(InputError) as info:
        load_config(folder)
    return [str(p) for p in info.value.problems]


def write_config(folder: Path, text: str) -> None:
    (folder / "gemeente.yaml").write_text(text, "utf-8")


# ---------------------------------------------------------------- outputs are confined ("raw files are only read")
def test_analyse_dot_inside_a_folder_names_the_output_after_the_folder(tmp_path, monkeypatch):
    """Promise: Outputs stay in their own folders. Results go to data/processed/<gemeente>/, also from inside the
    folder (`analyse .`), and nothing else is replaced."""
    folder = make_folder(tmp_path)
    processed = tmp_path / "processed"
    (processed / "anderegemeente").mkdir(parents=True)
    (processed / "anderegemeente" / "manifest.json").write_text("{}", "utf-8")
    monkeypatch.chdir(folder)
    assert main(["analyse", ".", "--processed-dir", str(processed)]) == 0
    assert (processed / "testdorp" / "manifest.json").is_file()
    assert (processed / "anderegemeente" / "manifest.json").is_file(), "another municipality's results survive"


@pytest.mark.parametrize("name", ["assets", "a b", "javascript:alert(1)", "-rf"])
def test_folder_names_that_cannot_be_an_id_are_refused(tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    with pytest.raises(UserError, match="cannot be one"):
        folder_slug(folder)


def test_a_folder_someone_else_made_is_never_replaced(tmp_path):
    """Promise: Outputs stay in their own folders."""
    target = tmp_path / "reports" / "testdorp"
    target.mkdir(parents=True)
    (target / "eigen-notities.docx").write_text("van iemand anders", "utf-8")
    with pytest.raises(UserError, match="not made by cocreatie-analysis"), staged_dir(target, marker="rapport.json"):
        pass
    assert (target / "eigen-notities.docx").read_text("utf-8") == "van iemand anders"


def test_leftovers_of_a_killed_run_are_removed_at_the_next_start(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    stale = tmp_path / f".testdorp.staging-{dead}-abc123"
    stale.mkdir()
    (stale / "kompas.html").write_text("half", "utf-8")
    mine = tmp_path / f".testdorp.staging-{os.getpid()}-def456"  # a run that still runs keeps its folder
    mine.mkdir()
    removed = remove_leftovers(tmp_path, "testdorp")
    assert removed == [stale] and not stale.exists() and mine.exists()


# ---------------------------------------------------------------- inputs are confined
@pytest.mark.parametrize("name", ["/etc/passwd", "../../../../etc/passwd", "link.csv"])
def test_files_outside_the_folder_are_refused_without_echoing_them(tmp_path, name):
    """Promise: Only files inside the municipality folder are read."""
    outside = tmp_path / "geheim.csv"
    outside.write_text("wachtwoord;zeer geheim\n", "utf-8")
    folder = make_folder(tmp_path)
    (folder / "link.csv").symlink_to(outside)
    write_config(folder, yaml.safe_dump({**CONFIG, "files": {**CONFIG["files"], "inputs": name}}))
    found = messages(folder)
    assert any("key 'files.inputs'" in m and "outside the municipality folder" in m for m in found), found
    assert not any("geheim" in m or "root:" in m for m in found)


# ---------------------------------------------------------------- configuration is strict
def test_unknown_keys_at_any_depth_get_a_suggestion(tmp_path):
    folder = make_folder(tmp_path)
    config = {**CONFIG, "privacy": {"min_cel_size": 5}, "themes": {"n_theme": 4}, "process": {"titel": "x"}}
    write_config(folder, yaml.safe_dump(config))
    found = " ".join(messages(folder))
    assert "key 'privacy.min_cel_size': unknown key; did you mean 'privacy.min_cell_size'?" in found
    assert "did you mean 'themes.n_themes'?" in found and "did you mean 'process.title'?" in found


@pytest.mark.parametrize("value, expected", [("true", True), ("false", False), ("ja", True), ("nee", False)])
def test_booleans_only_from_true_false_ja_nee(tmp_path, value, expected):
    folder = make_folder(tmp_path)
    write_config(folder, yaml.safe_dump(CONFIG) + f"fictional: {value}\n")
    assert load_config(folder).fictional is expected


@pytest.mark.parametrize("value", ["yes", "'nee!'", "1"])
def test_other_booleans_are_named(tmp_path, value):
    folder = make_folder(tmp_path)
    write_config(folder, yaml.safe_dump(CONFIG) + f"fictional: {value}\n")
    assert any("key 'fictional': must be true or false" in m for m in messages(folder))


def test_duplicate_keys_are_an_error_with_the_lines(tmp_path):
    folder = make_folder(tmp_path)
    write_config(folder, "name: Een\nlanguage: nl\nname: Twee\n")
    (problem,) = messages(folder)
    assert "key 'name' appears twice" in problem and "lines 1 and 3" in problem


def test_an_alias_bomb_is_refused_at_once(tmp_path):
    folder = make_folder(tmp_path)
    bomb = "name: x\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for i in range(1, 12):
        bomb += f"{'b' * i}: &{'b' * i} [" + ", ".join([f"*{'b' * (i - 1) if i > 1 else 'a'}"] * 9) + "]\n"
    write_config(folder, bomb)
    start = time.perf_counter()
    (problem,) = messages(folder)
    assert time.perf_counter() - start < 2 and "aliases" in problem


@pytest.mark.parametrize(
    "text, expected",
    [("name: !!int abc\n", "tags ('!!int')"), ("name: x\nthemes: " + "[" * 500 + "]" * 500 + "\n", "nested more"),
     ('name: "\\ud800"\n', "half of a character"), ("name: x\nprocess: {period: {start: 2026-02-30}}\n", "28 days")],
)  # fmt: skip
def test_yaml_that_would_crash_a_reader_ends_in_one_message(tmp_path, text, expected):
    folder = make_folder(tmp_path)
    write_config(folder, text)
    assert any(expected in m for m in messages(folder))


def test_values_are_never_expanded_in_messages(tmp_path):
    folder = make_folder(tmp_path)
    write_config(folder, yaml.safe_dump({**CONFIG, "language": "x" * 10_000, "cbs_code": list(range(5000))}))
    found = messages(folder)
    assert all(len(m) < 400 for m in found), [len(m) for m in found]


def test_two_columns_mapped_to_one_canonical_name_is_an_error(tmp_path):
    folder = make_folder(tmp_path)
    config = {
        **CONFIG,
        "columns": {**CONFIG["columns"], "inputs": {"Nummer": "input_id", "Reactie": "text", "Toelichting": "text"}},
    }
    write_config(folder, yaml.safe_dump(config))
    assert any("'Toelichting' and 'Reactie' are both mapped to 'text'" in m for m in messages(folder))


# ---------------------------------------------------------------- a batch survives a killed worker
def _fake_report(folder, settings, fingerprint=""):
    name = Path(folder).name
    if name == "boom":
        os._exit(9)  # as the out-of-memory killer would end the worker
    return Outcome(name, name, True, files=("kompas.html",))


def test_a_dead_worker_costs_only_its_own_municipality(tmp_path, monkeypatch):
    """Promise: One failing municipality does not stop a batch. A worker that dies costs only its own
    municipality, which the index reports."""
    raw = tmp_path / "raw"
    for name in ("alfa", "boom", "charlie", "delta"):
        (raw / name).mkdir(parents=True)
        (raw / name / "gemeente.yaml").write_text(f"name: {name}\n", "utf-8")
    monkeypatch.setattr(batch_module, "_safe_report", _fake_report)  # the pool's workers are forked from here
    outcomes = batch_module.batch(raw, tmp_path / "p", tmp_path / "r", workers=2)
    by_name = {o.gemeente: o for o in outcomes}
    assert by_name.keys() == {"alfa", "boom", "charlie", "delta"}
    assert not by_name["boom"].ok and "died" in by_name["boom"].error
    assert all(by_name[n].ok for n in ("alfa", "charlie", "delta"))
    assert "boom" in (tmp_path / "r" / "index.html").read_text("utf-8")
