"""The council's opgaven are the frame of the kompas: every one appears, and one nobody raised is a warning."""

import shutil
import subprocess
import sys

import pytest

from cocreatie_analysis.config import load_config
from cocreatie_analysis.io import load_dataset
from cocreatie_analysis.pipeline import analyse, load_results, validate
from cocreatie_analysis.themes import opgaven_frame

from .conftest import RAW

SAMPLES = sorted(p.parent.name for p in RAW.glob("*/gemeente.yaml"))


@pytest.mark.parametrize("slug", SAMPLES)
def test_every_opgave_the_council_named_is_in_the_kompas(processed_root, slug):
    config = load_config(RAW / slug)
    named = opgaven_frame(config.theme_seeds, config.participation_levels)
    assert named, "every sample names opgaven"
    kompas = load_results(processed_root / slug).tables["kompas"]
    assert set(named) <= set(kompas["opgave"])
    chosen = kompas.set_index("opgave").loc[list(config.participation_levels), "participation_level"]
    assert chosen.to_dict() == config.participation_levels


@pytest.fixture(scope="module")
def with_unraised_opgave(tmp_path_factory):
    folder = tmp_path_factory.mktemp("raw") / "brugvliet"
    shutil.copytree(RAW / "brugvliet", folder)
    config = folder / "gemeente.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  participation_levels:\n", "  participation_levels:\n    ruimtevaart: adviseren\n", 1)
    config.write_text(text, encoding="utf-8")
    return folder


def test_an_opgave_nobody_raised_is_a_zero_in_the_kompas(with_unraised_opgave):
    kompas = analyse(load_dataset(with_unraised_opgave)).tables["kompas"].set_index("opgave")
    row = kompas.loc["ruimtevaart"]
    assert row["n_inputs"] == 0 and row["n_participants"] == 0 and row["n_offers"] == 0
    assert row["share_negative"] != row["share_negative"]  # NaN: no tone is claimed for nobody
    assert row["participation_level"] == "adviseren" and row["level_chosen"]
    assert list(row["advice_codes"]) == ["too_few"]
    assert kompas.index[-1] == "ruimtevaart"  # ranked last


def test_validate_warns_about_an_opgave_that_matches_no_input(with_unraised_opgave):
    problems = validate(with_unraised_opgave)
    assert [p.severity for p in problems] == ["warning"]
    (problem,) = problems
    assert problem.column == "process.participation_levels.ruimtevaart"
    assert "matches no input" in problem.message and "closest theme: '" in problem.message
    out = subprocess.run(
        [sys.executable, "-m", "cocreatie_analysis.cli", "validate", str(with_unraised_opgave)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0
    assert "ruimtevaart" in out.stdout + out.stderr and "1 warning(s)" in out.stdout


def test_the_warning_reaches_the_report_data(with_unraised_opgave):
    warnings = analyse(load_dataset(with_unraised_opgave)).tables["warnings"]
    assert warnings["column"].tolist() == ["process.participation_levels.ruimtevaart"]


def test_a_misspelled_header_is_named_with_its_closest_match(tmp_path, capsys, monkeypatch):
    """'Wjik' for 'Wijk' silently dropped the wijk dimension: validate, the report's data notes and
    `cocreatie report`'s output name the header and the closest match."""
    from cocreatie_analysis.cli import _print_setup_warnings
    from cocreatie_analysis.pipeline import save_results
    from cocreatie_analysis.report import present

    folder = tmp_path / "havenstede"
    shutil.copytree(RAW / "havenstede", folder)
    participants = folder / "deelnemers.csv"
    lines = participants.read_text(encoding="utf-8").split("\n", 1)
    participants.write_text(lines[0].replace(";Wijk;", ";Wjik;") + "\n" + lines[1], encoding="utf-8")
    problems = [p for p in validate(folder) if "Wjik" in str(p)]
    assert len(problems) == 1 and "did you mean 'Wijk' (for 'district')" in problems[0].message
    save_results(analyse(load_dataset(folder)), tmp_path / "p" / "havenstede")
    _print_setup_warnings(tmp_path / "p" / "havenstede")
    assert "column 'Wjik' is not used; did you mean 'Wijk'" in capsys.readouterr().err
    shown = []
    monkeypatch.setattr(present, "_display", shown.append)
    present.Report(load_results(tmp_path / "p" / "havenstede")).data_notes()
    assert "Wjik" in "".join(shown) and "Meldingen over de opzet" in "".join(shown)
