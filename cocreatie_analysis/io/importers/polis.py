"""Pol.is importer: turn a Pol.is conversation export into a municipality folder.

``import_polis(export_dir, out_dir)`` reads the export that Pol.is produces for a conversation

* ``comments.csv`` (required): timestamp, datetime, comment-id, author-id, agrees, disagrees, moderated,
  comment-body;
* ``votes.csv`` (required): timestamp, datetime, comment-id, voter-id, vote (1 agree, -1 disagree, 0 pass);
* ``participants-votes.csv`` (optional): participant, group-id, n-comments, n-votes, n-agree, n-disagree and
  one column per comment id; only ``group-id`` is taken from it (Pol.is' own opinion group);
* ``summary.csv`` (optional): key,value lines (topic, url, views, voters, ...) without a header,

and writes into ``out_dir`` (created if needed): ``gemeente.yaml``, ``statements.csv``, ``votes.csv``,
``inputs.csv`` and ``participants.csv``, all UTF-8 CSV with canonical column names. The export is only read,
never modified; ``out_dir`` may not be the export folder, and existing files in it are only replaced with
``overwrite=True``. Each file is written to a temporary name and then renamed, so an error never leaves a
half-written file behind.

Choices (also stated in the generated ``gemeente.yaml``):

* **Moderated-out comments** (``moderated = -1``) stay statements, with ``moderated = -1`` and their votes:
  Pol.is still counts them when it places people in opinion groups (votes on them count towards the 7-vote
  bar; see `draagvlak.opinion_groups`), so leaving them out would change who is placed. The analysis reports
  them nowhere (no verdict, support or profile). They are not inputs: moderators remove spam, abuse and
  off-topic remarks, which should not become theme terms or quotes. Unmoderated (0) and accepted (1) comments
  are kept as Pol.is keeps them; ``moderated`` is written as Pol.is exported it.
* **Votes**: the latest vote per participant and comment counts (by timestamp; equal timestamps: the later
  row), as in Pol.is, whose ``participants-votes.csv`` matrix holds exactly these latest votes. Note that
  the ``agrees`` / ``disagrees`` columns of Pol.is' ``comments.csv`` count every vote *row*, including votes a
  participant later changed, so they can be a little higher than counts of the imported votes.
* **Participants**: everyone who voted or wrote a comment, with ``polis_group`` the group-id Pol.is assigned
  (empty for participants Pol.is did not place).
* **Inputs**: the comments that were not moderated out, as inputs (channel ``online``, date from the comment's
  timestamp, question the conversation topic), so the kompas can read them.
* **Language**: a Pol.is export does not say which language it is in. ``language`` is either given ("nl",
  "en") or a function that decides it from those comments and says why (``text.language.choose_language``,
  which ``cocreatie import-polis`` uses unless ``--language`` is given); the choice and the reason are
  written into ``gemeente.yaml``.
* Pol.is has no demographics and no themes: ``dimensions`` is ``[polis_group]`` (so the draagvlak report shows
  support per Pol.is group next to our own opinion groups) and statements have no theme (fill the
  ``theme`` column of ``statements.csv`` to set participation levels per opgave). No CBS code is known, so
  ``cbs_code`` is written only when given.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from ...errors import UserError
from ...vocabulary import WITHDRAWN, check_language
from ..atomic import write_all_atomic
from ..votes import superseded_votes

__all__ = ["import_polis", "read_polis_export"]

_REQUIRED_COLUMNS = {
    "comments.csv": ["timestamp", "comment-id", "author-id", "moderated", "comment-body"],
    "votes.csv": ["timestamp", "comment-id", "voter-id", "vote"],
    "participants-votes.csv": ["participant", "group-id"],
}
OUTPUT_FILES = ("gemeente.yaml", "statements.csv", "votes.csv", "inputs.csv", "participants.csv")


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        df = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: not a readable Pol.is CSV export ({exc})") from None
    df.columns = [str(c).strip() for c in df.columns]
    missing = [c for c in _REQUIRED_COLUMNS.get(path.name, []) if c not in df.columns]
    if missing:
        raise UserError(f"{path}: missing column(s) {', '.join(missing)}; is this a Pol.is export?")
    return df


def _integers(df: pd.DataFrame, column: str, path: Path, allow_missing: bool = False) -> pd.Series:
    raw = df[column]
    values = pd.to_numeric(raw.str.strip() if raw.dtype == object else raw, errors="coerce")
    bad = (values.isna() & (raw.notna() if allow_missing else True)) | (values.notna() & (values % 1 != 0))
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        # +2: a 1-based row number counting the header line, as a spreadsheet shows it
        raise UserError(f"{path}, row {row + 2}, column {column}: expected a whole number, got {raw.iloc[row]!r}")
    return values.astype("Int64")


def _read_summary(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    out = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            if row and row[0].strip():
                out[row[0].strip()] = ",".join(row[1:]).strip()
    return out


def read_polis_export(export_dir) -> dict:
    """Read and check a Pol.is export; returns dict with DataFrames statements, votes, inputs, participants
    (canonical columns, as written by ``import_polis``) plus ``summary`` (dict) and ``n_moderated_out``.

    Statements and votes include the moderated-out comments (``moderated = -1``); inputs do not.
    """
    export_dir = Path(export_dir)
    if not export_dir.is_dir():
        raise UserError(f"{export_dir}: Pol.is export folder not found")
    for name in ("comments.csv", "votes.csv"):
        if not (export_dir / name).is_file():
            raise UserError(
                f"{export_dir / name}: missing; a Pol.is export has comments.csv and votes.csv "
                "(and usually participants-votes.csv and summary.csv)"
            )
    comments_path, votes_path = export_dir / "comments.csv", export_dir / "votes.csv"
    comments = _read_csv(comments_path)
    votes = _read_csv(votes_path)
    summary = _read_summary(export_dir / "summary.csv")

    comments["comment-id"] = _integers(comments, "comment-id", comments_path)
    comments["moderated"] = _integers(comments, "moderated", comments_path, allow_missing=True).fillna(0)
    comments["timestamp"] = _integers(comments, "timestamp", comments_path, allow_missing=True)
    comments["author-id"] = _integers(comments, "author-id", comments_path, allow_missing=True)
    dup = comments["comment-id"][comments["comment-id"].duplicated()]
    if len(dup):
        raise UserError(f"{comments_path}: duplicate comment-id {int(dup.iloc[0])}")
    for c in ("comment-id", "voter-id", "vote", "timestamp"):
        votes[c] = _integers(votes, c, votes_path, allow_missing=(c == "timestamp"))
    bad = ~votes["vote"].isin([-1, 0, 1])
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise UserError(f"{votes_path}, row {row + 2}, column vote: expected 1, -1 or 0, got {votes['vote'].iloc[row]}")
    unknown = sorted(set(votes["comment-id"].dropna().astype(int)) - set(comments["comment-id"].astype(int)))
    if unknown:
        raise UserError(
            f"{votes_path}: votes for comment-id(s) not in comments.csv: {', '.join(map(str, unknown[:10]))}"
        )

    comments = comments.sort_values("comment-id", kind="stable")
    kept = comments[comments["moderated"] != WITHDRAWN]
    n_moderated_out = int(len(comments) - len(kept))
    statements = pd.DataFrame(
        {
            "statement_id": comments["comment-id"].astype(np.int64).to_numpy(),
            "text": comments["comment-body"].fillna("").str.strip().to_numpy(),
            "theme": "",
            "moderated": comments["moderated"].astype(np.int64).to_numpy(),
        }
    )

    # the latest vote per participant and comment counts (the project's one rule for repeated votes)
    v = votes.reset_index(drop=True)
    v = v[~superseded_votes(v, keys=("voter-id", "comment-id"))]
    v = v.sort_values(["comment-id", "voter-id"], kind="stable")
    stamp = pd.to_datetime(v["timestamp"].astype("float64"), unit="ms", utc=True)
    votes_out = pd.DataFrame(
        {
            "participant_id": v["voter-id"].astype(np.int64).to_numpy(),
            "statement_id": v["comment-id"].astype(np.int64).to_numpy(),
            "vote": v["vote"].astype(np.int64).to_numpy(),
            "timestamp": stamp.dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ").str.replace(r"\d{3}Z$", "Z", regex=True).to_numpy(),
        }
    )

    topic = summary.get("topic", "")
    c_stamp = pd.to_datetime(kept["timestamp"].astype("float64"), unit="ms", utc=True)
    inputs = pd.DataFrame(
        {
            "input_id": kept["comment-id"].astype(np.int64).to_numpy(),
            "text": kept["comment-body"].fillna("").str.strip().to_numpy(),
            "participant_id": kept["author-id"].to_numpy(),
            "channel": "online",
            "date": c_stamp.dt.strftime("%Y-%m-%d").to_numpy(),
            "question": topic,
        }
    )

    groups = pd.Series(dtype="Int64")
    pv_path = export_dir / "participants-votes.csv"
    if pv_path.is_file():
        pv = _read_csv(pv_path)
        pid = _integers(pv, "participant", pv_path)
        gid = _integers(pv, "group-id", pv_path, allow_missing=True)
        groups = pd.Series(gid.to_numpy(), index=pid.to_numpy(), dtype="Int64")
        groups = groups[~groups.index.duplicated(keep="last")]
    ids = set(votes_out["participant_id"].tolist()) | set(inputs["participant_id"].dropna().astype(int).tolist())
    ids |= set(int(i) for i in groups.index)
    participants = pd.DataFrame({"participant_id": np.array(sorted(ids), dtype=np.int64)})
    participants["polis_group"] = (
        participants["participant_id"].map(groups).astype("Int64")
        if len(groups)
        else pd.array([pd.NA] * len(participants), dtype="Int64")
    )

    return {
        "statements": statements,
        "votes": votes_out,
        "inputs": inputs,
        "participants": participants,
        "summary": summary,
        "n_moderated_out": n_moderated_out,
        "period": (c_stamp.min(), c_stamp.max(), stamp.min(), stamp.max()),
    }


def _yaml_config(data: dict, name: str, language: str, why: str, cbs_code: str | None, export_dir: Path) -> str:
    import yaml

    summary = data["summary"]
    dates = [d for d in data["period"] if pd.notna(d)]
    config = {"name": name, "fictional": False}
    if cbs_code:
        config["cbs_code"] = cbs_code
    config["language"] = language
    process = {"title": summary.get("topic") or name}
    if dates:
        process["period"] = {"start": min(dates).date(), "end": max(dates).date()}
    process["default_participation_level"] = "raadplegen"
    config["process"] = process
    config["files"] = {
        "inputs": "inputs.csv",
        "participants": "participants.csv",
        "statements": "statements.csv",
        "votes": "votes.csv",
    }
    config["columns"] = {
        "inputs": {c: c for c in ("input_id", "text", "participant_id", "channel", "date", "question")},
        "participants": {"participant_id": "participant_id", "polis_group": "polis_group"},
        "statements": {c: c for c in ("statement_id", "text", "theme", "moderated")},
        "votes": {c: c for c in ("participant_id", "statement_id", "vote", "timestamp")},
    }
    config["dimensions"] = ["polis_group"]
    config["themes"] = {"n_themes": "auto"}
    config["draagvlak"] = {}
    config["privacy"] = {"min_cell_size": 10, "resident_statements": True}
    body = yaml.safe_dump(config, sort_keys=False, allow_unicode=True, default_flow_style=False, width=110)
    url = summary.get("url", "")
    header = [
        f"# Imported by cocreatie import-polis from the Pol.is export {export_dir.name}/",
        f"# Source: {url}" if url else "# Source: Pol.is export",
        "# Statements are the Pol.is comments; votes are the latest vote per participant and comment;",
        f"# {data['n_moderated_out']} withdrawn comment(s) kept with moderated: -1: not reported, counted as Pol.is",
        "# counts them (their votes place people in opinion groups); not inputs.",
        f"# Language {language}: {why}.",
        "# participants.csv keeps Pol.is' own opinion group as polis_group. Pol.is has no demographics or",
        "# themes: add them (and a population table) to check reach and set participation levels per opgave.",
    ]
    return "\n".join(header) + "\n" + body


LanguageChooser = Callable[[pd.Series], tuple[str, str]]


def import_polis(
    export_dir,
    out_dir,
    name: str | None = None,
    language: str | LanguageChooser = "nl",
    cbs_code: str | None = None,
    overwrite: bool = False,
) -> Path:
    """Turn a Pol.is export into a municipality folder; returns ``out_dir`` as a Path.

    ``name`` defaults to the conversation topic from ``summary.csv`` (else the export folder name).
    ``language`` is the report and text-processing language written to ``gemeente.yaml``: "nl" or "en", or a
    function that takes the texts of the comments that were not moderated out and returns the language and
    why (``text.language.choose_language`` decides it from the words; it raises a UserError when the comments
    are neither clearly Dutch nor English). Raises ``UserError`` with file, row and column for a broken export,
    and when ``out_dir`` already holds one of the output files and ``overwrite`` is False.
    """
    if not callable(language):
        check_language(language)
    if cbs_code is not None and not re.fullmatch(r"GM\d{4}", str(cbs_code)):
        raise UserError(f"cbs_code must look like GM0363, got {cbs_code!r}")
    export_dir = Path(export_dir)
    out_dir = Path(out_dir)
    if out_dir.resolve() == export_dir.resolve():
        raise UserError(
            f"{out_dir}: the output folder may not be the Pol.is export folder (the export is never modified)"
        )
    data = read_polis_export(export_dir)
    existing = [f for f in OUTPUT_FILES if (out_dir / f).exists()]
    if existing and not overwrite:
        raise UserError(
            f"{out_dir}: already contains {', '.join(existing)}; choose an empty folder, remove "
            "those files, or pass overwrite=True"
        )
    name = name or data["summary"].get("topic") or export_dir.name
    if callable(language):
        language, why = language(data["inputs"]["text"])
        check_language(language)
    else:
        why = "given when importing"
    out_dir.mkdir(parents=True, exist_ok=True)

    contents = {
        "statements.csv": data["statements"].to_csv(index=False, lineterminator="\n"),
        "votes.csv": data["votes"].to_csv(index=False, lineterminator="\n"),
        "inputs.csv": data["inputs"].to_csv(index=False, lineterminator="\n"),
        "participants.csv": data["participants"].to_csv(index=False, lineterminator="\n"),
        "gemeente.yaml": _yaml_config(data, name, language, why, cbs_code, export_dir),
    }
    # all files or none: no half-written folder on error
    write_all_atomic({out_dir / fname: text for fname, text in contents.items()})
    return out_dir
