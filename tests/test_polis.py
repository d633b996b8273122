"""Tests for the Pol.is importer (cocreatie_analysis.polis) on the real exports and on small hand-made ones."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest
import yaml

from cocreatie_analysis.cli import main
from cocreatie_analysis.draagvlak import assess
from cocreatie_analysis.io.importers.polis import import_polis
from cocreatie_analysis.text.language import choose_language

POLIS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polis"
EXPORTS = ["brexit-consensus", "15-per-hour-seattle"]
# top-level keys and file keys of the gemeente.yaml schema
SCHEMA_KEYS = {
    "name",
    "fictional",
    "cbs_code",
    "language",
    "process",
    "files",
    "columns",
    "values",
    "dimensions",
    "themes",
    "reach",
    "draagvlak",
    "privacy",
}
FILE_KEYS = {"inputs", "participants", "statements", "votes", "population"}


def export_dir(name):
    path = POLIS / name
    if not (path / "comments.csv").exists():
        pytest.skip(f"Pol.is reference export not found at {path}")
    return path


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("name", EXPORTS)
def test_import_real_export(name, tmp_path):
    src = export_dir(name)
    before = digest(src)
    out = import_polis(src, tmp_path / name, language=choose_language)
    assert out == tmp_path / name
    assert digest(src) == before  # export never modified

    comments = pd.read_csv(src / "comments.csv")
    matrix = pd.read_csv(src / "participants-votes.csv")
    kept = comments.loc[comments["moderated"] != -1, "comment-id"]
    in_matrix = [c for c in comments["comment-id"] if str(c) in matrix.columns]

    # every comment is a statement, with Pol.is' moderation status; the withdrawn ones too
    statements = pd.read_csv(out / "statements.csv")
    assert statements["statement_id"].tolist() == sorted(comments["comment-id"])
    assert list(statements.columns) == ["statement_id", "text", "theme", "moderated"]
    status = comments.set_index("comment-id")["moderated"]
    assert statements.set_index("statement_id")["moderated"].to_dict() == status.to_dict()

    # the imported votes are exactly the entries of Pol.is' own participant x comment matrix
    votes = pd.read_csv(out / "votes.csv")
    assert not votes.duplicated(["participant_id", "statement_id"]).any()
    long = matrix.melt(
        id_vars=["participant"], value_vars=[str(c) for c in in_matrix], var_name="statement_id", value_name="vote"
    ).dropna()
    long["statement_id"] = long["statement_id"].astype(int)
    merged = long.merge(
        votes,
        left_on=["participant", "statement_id"],
        right_on=["participant_id", "statement_id"],
        how="outer",
        indicator=True,
    )
    assert (merged["_merge"] == "both").all()
    assert (merged["vote_x"] == merged["vote_y"]).all()
    assert pd.to_datetime(votes["timestamp"], utc=True).notna().all()

    participants = pd.read_csv(out / "participants.csv")
    assert list(participants.columns) == ["participant_id", "polis_group"]
    theirs = matrix.set_index("participant")["group-id"]
    ours = participants.set_index("participant_id")["polis_group"].reindex(theirs.index)
    pd.testing.assert_series_equal(ours, theirs, check_names=False, check_dtype=False)
    assert set(votes["participant_id"]) <= set(participants["participant_id"])

    inputs = pd.read_csv(out / "inputs.csv")
    assert len(inputs) == len(kept) and inputs["text"].notna().all()
    assert set(inputs["channel"]) == {"online"}

    config = yaml.safe_load((out / "gemeente.yaml").read_text(encoding="utf-8"))
    assert set(config) <= SCHEMA_KEYS and set(config["files"]) <= FILE_KEYS
    for key in ("name", "language", "process", "files"):
        assert key in config
    assert config["language"] == "en" and config["dimensions"] == ["polis_group"]  # detected: English
    assert "# Language en: detected: en: 100% of" in (out / "gemeente.yaml").read_text(encoding="utf-8")
    assert config["process"]["default_participation_level"] == "raadplegen"
    for table, fname in config["files"].items():
        assert (out / fname).exists()
        header = pd.read_csv(out / fname, nrows=0).columns
        assert set(config["columns"][table]) <= set(header)
    summary = dict(line.split(",", 1) for line in (src / "summary.csv").read_text().splitlines())
    assert config["name"] == summary["topic"]

    # the folder feeds the draagvlak assessment as it is; the withdrawn statements are not reported
    res = assess(votes, statements, participants=participants, dimensions=["polis_group"])
    assert sorted(res["statements"]["statement_id"]) == sorted(kept)
    cats = set(res["group_support"].query("dimension == 'polis_group'")["category"])
    assert cats == {"0", "1"}


def test_moderated_out_kept_as_withdrawn_statements_not_inputs(tmp_path):
    src = export_dir("15-per-hour-seattle")
    out = import_polis(src, tmp_path / "seattle", language="en")
    comments = pd.read_csv(src / "comments.csv")
    removed = set(comments.loc[comments["moderated"] == -1, "comment-id"])
    assert removed  # this export has moderated-out comments
    statements = pd.read_csv(out / "statements.csv").set_index("statement_id")
    assert (statements.loc[sorted(removed), "moderated"] == -1).all()
    votes = pd.read_csv(out / "votes.csv")
    assert removed & set(votes["statement_id"])  # their votes are kept: Pol.is counts them for the vote bar
    assert not removed & set(pd.read_csv(out / "inputs.csv")["input_id"])  # not inputs
    assert f"{len(removed)} withdrawn comment(s) kept with moderated: -1" in (out / "gemeente.yaml").read_text()


def write_export(folder: Path, comments=None, votes=None, summary=True, matrix=True):
    folder.mkdir(parents=True, exist_ok=True)
    comments = (
        comments
        if comments is not None
        else pd.DataFrame(
            {
                "timestamp": [1000, 2000, 3000],
                "datetime": ["x", "y", "z"],
                "comment-id": [0, 1, 2],
                "author-id": [0, 0, 7],
                "agrees": [2, 1, 0],
                "disagrees": [1, 0, 0],
                "moderated": [1, -1, 0],
                "comment-body": ["Meer bomen in de wijk", "spam", "Fietspad langs de dijk"],
            }
        )
    )
    votes = (
        votes
        if votes is not None
        else pd.DataFrame(
            {
                "timestamp": [5000, 4000, 4500, 6000, 4600, 4700],
                "datetime": [""] * 6,
                "comment-id": [0, 0, 0, 1, 2, 0],
                "voter-id": [1, 1, 2, 1, 2, 3],
                "vote": [-1, 1, 1, 1, 0, 1],
            }
        )
    )
    comments.to_csv(folder / "comments.csv", index=False)
    votes.to_csv(folder / "votes.csv", index=False)
    if summary:
        (folder / "summary.csv").write_text("topic,Groen, en fietsen\nurl,https://example.org/x\n")
    if matrix:
        pd.DataFrame(
            {
                "participant": [1, 2, 3],
                "group-id": [0, 1, None],
                "n-comments": [0, 0, 0],
                "n-votes": [1, 2, 1],
                "n-agree": [0, 1, 1],
                "n-disagree": [1, 0, 0],
                "0": [-1, 1, 1],
                "1": [1, None, None],
                "2": [None, 0, None],
            }
        ).to_csv(folder / "participants-votes.csv", index=False)
    return folder


def test_latest_vote_wins_and_small_export(tmp_path):
    src = write_export(tmp_path / "export")
    out = import_polis(src, tmp_path / "out", name="Groenstad", language="nl", cbs_code="GM0363")
    votes = pd.read_csv(out / "votes.csv").set_index(["participant_id", "statement_id"])["vote"]
    # participant 1 voted agree at t=4000 and disagree at t=5000 (earlier row): the later one counts
    assert votes[(1, 0)] == -1
    assert votes.to_dict() == {(1, 0): -1, (2, 0): 1, (3, 0): 1, (1, 1): 1, (2, 2): 0}  # 1: moderated out, kept
    config = yaml.safe_load((out / "gemeente.yaml").read_text(encoding="utf-8"))
    assert config["name"] == "Groenstad" and config["cbs_code"] == "GM0363" and config["language"] == "nl"
    assert config["process"]["title"] == "Groen, en fietsen"  # commas in summary values survive
    parts = pd.read_csv(out / "participants.csv")
    assert parts["participant_id"].tolist() == [0, 1, 2, 3, 7]  # voters and comment authors
    assert parts.set_index("participant_id")["polis_group"].isna().tolist() == [True, False, False, True, True]
    inputs = pd.read_csv(out / "inputs.csv")
    assert inputs["input_id"].tolist() == [0, 2] and inputs["date"].tolist() == ["1970-01-01"] * 2


def test_optional_files_missing(tmp_path):
    src = write_export(tmp_path / "mijn-export", summary=False, matrix=False)
    out = import_polis(src, tmp_path / "out", language=choose_language)
    config = yaml.safe_load((out / "gemeente.yaml").read_text(encoding="utf-8"))
    assert config["name"] == "mijn-export" and "cbs_code" not in config
    assert config["language"] == "nl"  # the comments are Dutch
    assert pd.read_csv(out / "participants.csv")["polis_group"].isna().all()


def test_bad_exports_give_clear_errors(tmp_path):
    with pytest.raises(ValueError, match="not found"):
        import_polis(tmp_path / "nope", tmp_path / "out")
    src = write_export(tmp_path / "e1")
    (src / "comments.csv").unlink()
    with pytest.raises(ValueError, match=r"comments\.csv: missing"):
        import_polis(src, tmp_path / "out")

    bad_votes = pd.DataFrame(
        {"timestamp": [1, 2], "datetime": ["", ""], "comment-id": [0, 9], "voter-id": [1, 1], "vote": [1, 1]}
    )
    src = write_export(tmp_path / "e2", votes=bad_votes)
    with pytest.raises(ValueError, match=r"votes\.csv: votes for comment-id\(s\) not in comments\.csv: 9"):
        import_polis(src, tmp_path / "out")

    bad_vote = pd.DataFrame(
        {"timestamp": [1, 2], "datetime": ["", ""], "comment-id": [0, 0], "voter-id": [1, 2], "vote": [1, 2]}
    )
    src = write_export(tmp_path / "e3", votes=bad_vote)
    with pytest.raises(ValueError, match=r"votes\.csv, row 3, column vote"):
        import_polis(src, tmp_path / "out")

    bad_id = pd.DataFrame({"timestamp": [1], "datetime": [""], "comment-id": ["abc"], "voter-id": [1], "vote": [1]})
    src = write_export(tmp_path / "e4", votes=bad_id)
    with pytest.raises(ValueError, match=r"votes\.csv, row 2, column comment-id: expected a whole number"):
        import_polis(src, tmp_path / "out")

    src = write_export(tmp_path / "e5")
    (src / "votes.csv").write_text("a,b\n1,2\n")
    with pytest.raises(ValueError, match=r"votes\.csv: missing column\(s\) timestamp, comment-id"):
        import_polis(src, tmp_path / "out")
    assert not (tmp_path / "out").exists()  # nothing written on error

    with pytest.raises(ValueError, match="cbs_code"):
        import_polis(write_export(tmp_path / "e6"), tmp_path / "out", cbs_code="0363")


def test_never_overwrites_export_or_existing_folder(tmp_path):
    src = write_export(tmp_path / "export")
    before = digest(src)
    with pytest.raises(ValueError, match="may not be the Pol.is export folder"):
        import_polis(src, src)
    assert digest(src) == before
    out = import_polis(src, tmp_path / "out")
    first = digest(out)
    with pytest.raises(ValueError, match="already contains"):
        import_polis(src, out)
    assert import_polis(src, out, overwrite=True) == out
    assert digest(out) == first  # same input, same output, byte for byte
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_command_line_detects_the_language_and_says_why(tmp_path, capsys):
    src = write_export(tmp_path / "export")  # Dutch comments
    assert main(["import-polis", str(src), str(tmp_path / "nl")]) == 0
    said = capsys.readouterr().out
    assert "language: nl (detected: nl: 100% of 2 texts read as Dutch; --language overrides)" in said
    assert yaml.safe_load((tmp_path / "nl" / "gemeente.yaml").read_text("utf-8"))["language"] == "nl"
    # --language overrides the detection
    assert main(["import-polis", str(src), str(tmp_path / "en"), "--language", "en"]) == 0
    assert "language: en (given with --language)" in capsys.readouterr().out
    assert yaml.safe_load((tmp_path / "en" / "gemeente.yaml").read_text("utf-8"))["language"] == "en"


def test_comments_neither_dutch_nor_english_need_the_language_option(tmp_path, capsys):
    german = pd.DataFrame(
        {
            "timestamp": [1000, 2000, 3000],
            "datetime": ["x", "y", "z"],
            "comment-id": [0, 1, 2],
            "author-id": [0, 0, 7],
            "agrees": [2, 1, 0],
            "disagrees": [1, 0, 0],
            "moderated": [1, 0, 0],
            "comment-body": [
                "Der öffentliche Verkehr muss am Land deutlich ausgebaut werden.",
                "Wir brauchen mehr Photovoltaik auf den Dächern von öffentlichen Gebäuden.",
                "Keine neuen Straßen mehr bauen, sondern die bestehenden besser nutzen.",
            ],
        }
    )
    src = write_export(tmp_path / "export", comments=german)
    assert main(["import-polis", str(src), str(tmp_path / "out")]) == 1
    message = capsys.readouterr().err
    assert "German" in message and "--language nl or --language en" in message
    assert not (tmp_path / "out").exists()  # nothing written
    assert main(["import-polis", str(src), str(tmp_path / "out"), "--language", "nl"]) == 0
