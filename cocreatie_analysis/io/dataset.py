"""A municipality folder as validated canonical tables: `load_dataset`, `validate` and the `Dataset` they make.

`load_dataset` reads every file that gemeente.yaml names, maps the municipality's own headers and values onto
the canonical columns, checks every table and how they refer to each other, and returns a `Dataset`. Every
problem is collected (file, spreadsheet row, the file's own column header) before anything fails. Row
numbers are spreadsheet rows: the header is row 1, the first data row is row 2, and a text with line breaks
inside one cell still counts as one row, as Excel shows it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import Config, load_config
from ..errors import InputError, Problem
from ..vocabulary import CONFIG_FILE, MODERATION_CODES, UNMODERATED
from .mapping import map_columns, recode
from .problems import ProblemCollector, spreadsheet_rows
from .readers import read_table
from .values import MAX_AGE, normalise_ids, parse_age, parse_dates, parse_number
from .votes import parse_votes, superseded_votes

__all__ = ["Dataset", "author_ids", "fingerprint", "load_dataset", "validate"]


@dataclass
class Dataset:
    """A municipality's validated canonical tables. Tables the municipality does not have are None."""

    config: Config
    inputs: pd.DataFrame
    participants: pd.DataFrame | None = None
    statements: pd.DataFrame | None = None
    votes: pd.DataFrame | None = None
    population: pd.DataFrame | None = None
    warnings: list[Problem] = field(default_factory=list)  # long runs of one warning are folded into one line
    n_warning_rows: int = 0  # every row a warning was about, folded or not
    fingerprint: str = ""  # sha256 over gemeente.yaml and every data file: same input, same hash


def author_ids(inputs: pd.DataFrame) -> pd.Series:
    """Who wrote each input: the participant id, or the input itself when the author is unknown.

    Counting people rather than inputs keeps one prolific writer from looking like a movement.
    """
    ids = inputs["participant_id"] if "participant_id" in inputs.columns else pd.Series(np.nan, inputs.index)
    return ids.astype("object").where(ids.notna(), "input:" + inputs["input_id"].astype(str))


def _check_ids(frame: pd.DataFrame, column: str, file: str, out: ProblemCollector) -> None:
    ids = frame[column]
    out.rows(file, spreadsheet_rows(ids.index[ids.isna()]), "empty id", column)
    duplicated = ids.notna() & ids.duplicated(keep=False)
    for value, group in frame[duplicated].groupby(column, sort=False):
        rows = spreadsheet_rows(group.index)
        for row in rows[1:]:
            out.add(file, f"duplicate id '{value}' (also in row {rows[0]}); ids must be unique", row, column)


def _moderation(values: pd.Series, file: str, out: ProblemCollector) -> pd.Series:
    """A statement's moderation status as -1 (withdrawn), 0 (not moderated) or 1 (accepted); blank is 0.

    The municipality's own words are mapped under `values: statements: moderated:` (applied before this).
    """
    codes = []
    for index, value in values.items():
        code = UNMODERATED
        if isinstance(value, str) and value.strip():
            text = value.strip()
            number = int(float(text)) if re.fullmatch(r"[+-]?\d+(\.0*)?", text) else None
        elif isinstance(value, (int, float, np.integer, np.floating)) and not pd.isna(value):
            number = int(value) if float(value).is_integer() else None
            text = str(value)
        else:
            number = UNMODERATED  # blank: not moderated
            text = ""
        if number in MODERATION_CODES:
            code = number
        else:
            out.add(
                file,
                f"moderated '{text}' is not -1 (withdrawn), 0 (not moderated) or 1 (accepted); map your own "
                f"words under values.statements.moderated in {CONFIG_FILE}",
                spreadsheet_rows([index])[0],
                "moderated",
            )
        codes.append(code)
    return pd.Series(codes, index=values.index, dtype=np.int64)


def _population(frame: pd.DataFrame, file: str, out: ProblemCollector) -> pd.DataFrame:
    counts = []
    for index, value in frame["count"].items():
        number = parse_number(value) if isinstance(value, str) else None
        if number is None or not np.isfinite(number) or number < 0:
            shown = "empty" if not isinstance(value, str) else f"'{value}'"
            out.add(file, f"population count {shown} is not a number ≥ 0", spreadsheet_rows([index])[0], "count")
            number = np.nan
        counts.append(number)
    frame = frame.assign(count=counts)
    for column in ("dimension", "category"):
        out.rows(file, spreadsheet_rows(frame.index[frame[column].isna()]), f"empty {column}", column)
    duplicated = frame.duplicated(["dimension", "category"], keep="first") & frame["category"].notna()
    for index, row in frame[duplicated].iterrows():
        out.add(
            file,
            f"category '{row['category']}' of '{row['dimension']}' appears twice",
            spreadsheet_rows([index])[0],
            "category",
        )
    return frame


def _read(config: Config, table: str, out: ProblemCollector) -> tuple[pd.DataFrame | None, str]:
    path = config.path(table)
    file = str(path)
    try:
        frame = read_table(path)
    except InputError as exc:
        out.problems.extend(exc.problems)
        return None, file
    if frame.empty:
        out.add(file, "the file has a header but no rows")
    frame = map_columns(frame, table, config.columns.get(table, {}), file, out)
    if frame is None:
        return None, file
    return recode(normalise_ids(frame), table, config), file


def _read_all(folder: str | Path) -> tuple[Dataset | None, list[Problem]]:
    out = ProblemCollector()
    try:
        config = load_config(folder)
    except InputError as exc:
        return None, exc.problems
    tables: dict[str, pd.DataFrame | None] = {}
    files: dict[str, str] = {}
    for table in config.files:
        tables[table], files[table] = _read(config, table, out)

    inputs = tables.get("inputs")
    if inputs is not None:
        file = files["inputs"]
        _check_ids(inputs, "input_id", file, out)
        empty = inputs["text"].isna() | (inputs["text"].str.strip() == "")
        out.rows(
            file,
            spreadsheet_rows(inputs.index[empty]),
            "empty text; this input is left out",
            "text",
            severity="warning",
        )
        inputs = inputs[~empty].copy()
        if inputs.empty:
            out.add(file, "no input has any text: there is nothing to analyse", column="text")
        if "channel" in inputs.columns:
            inputs["channel"] = inputs["channel"].str.lower()
        if "date" in inputs.columns:
            dates = parse_dates(inputs["date"])
            bad = dates.isna() & inputs["date"].notna()
            out.rows(file, spreadsheet_rows(inputs.index[bad]), "not a date; treated as unknown", "date", "warning")
            inputs["date"] = dates
        tables["inputs"] = inputs

    participants = tables.get("participants")
    if participants is not None:
        file = files["participants"]
        _check_ids(participants, "participant_id", file, out)
        if "age" in participants.columns:
            ages = pd.to_numeric(participants["age"].map(parse_age, na_action="ignore"), errors="coerce")
            bad = ages.isna() & participants["age"].notna() | (ages < 0) | (ages > MAX_AGE)
            for index in participants.index[bad]:
                out.add(
                    file,
                    f"age '{participants.at[index, 'age']}' is not a number of years from 0 to 120; treated as unknown",
                    spreadsheet_rows([index])[0],
                    "age",
                    "warning",
                )
            participants["age"] = ages.where(~bad)
        for dimension in config.dimensions or ():
            if dimension not in participants.columns and not (
                dimension == "age_group" and "age" in participants.columns
            ):
                out.add(
                    file,
                    f"target-group dimension '{dimension}' (gemeente.yaml dimensions) has no column "
                    "here; it is left out of the reach analysis",
                    column=dimension,
                    severity="warning",
                )
        known = set(participants["participant_id"].dropna())
        if inputs is not None and "participant_id" in inputs.columns:
            unknown = inputs["participant_id"].notna() & ~inputs["participant_id"].isin(known)
            out.rows(
                files["inputs"],
                spreadsheet_rows(inputs.index[unknown]),
                "participant not in the participants file; the input counts, without demographics",
                "participant_id",
                "warning",
            )

    statements = tables.get("statements")
    if statements is not None:
        file = files["statements"]
        _check_ids(statements, "statement_id", file, out)
        out.rows(file, spreadsheet_rows(statements.index[statements["text"].isna()]), "empty statement text", "text")
        if "moderated" in statements.columns:
            statements["moderated"] = _moderation(statements["moderated"], file, out)

    votes = tables.get("votes")
    if votes is not None:
        file = files["votes"]
        votes = parse_votes(votes, config, file, out)
        for column in ("participant_id", "statement_id"):
            missing = votes[column].isna()
            out.rows(file, votes.loc[missing, "_row"], f"empty {column}", column)
            votes = votes[~missing]
        if statements is not None:
            unknown = ~votes["statement_id"].isin(set(statements["statement_id"].dropna()))
            for row, sid in zip(votes.loc[unknown, "_row"], votes.loc[unknown, "statement_id"]):
                out.add(
                    file, f"vote for unknown statement '{sid}' (not in {files['statements']})", int(row), "statement_id"
                )
        if participants is not None:
            unknown = ~votes["participant_id"].isin(set(participants["participant_id"].dropna()))
            for row, pid in zip(votes.loc[unknown, "_row"], votes.loc[unknown, "participant_id"]):
                out.add(
                    file,
                    f"vote by unknown participant '{pid}' (not in {files['participants']})",
                    int(row),
                    "participant_id",
                )
        votes = votes[~votes["_bad_vote"]].drop(columns="_bad_vote")
        superseded = superseded_votes(votes)
        for row, pid, sid in votes.loc[superseded, ["_row", "participant_id", "statement_id"]].itertuples(index=False):
            out.add(
                file,
                f"participant '{pid}' voted on statement '{sid}' more than once; the latest vote counts",
                int(row),
                "vote",
                severity="warning",
            )
        votes = votes[~superseded]
        votes["vote"] = votes["vote"].astype("int8")
        tables["votes"] = votes.drop(columns="_row").reset_index(drop=True)

    if tables.get("population") is not None:
        tables["population"] = _population(tables["population"], files["population"], out)

    problems = out.summarise()
    dataset = Dataset(
        config=config,
        inputs=tables.get("inputs"),
        participants=participants,
        statements=statements,
        votes=tables.get("votes"),
        population=tables.get("population"),
        warnings=[p for p in problems if p.severity == "warning"],
        n_warning_rows=sum(n for key, n in out.counts.items() if key[3] == "warning"),
        fingerprint=fingerprint(config),
    )
    return dataset, problems


def fingerprint(config: Config) -> str:
    """sha256 over gemeente.yaml and every data file it names: the identity of the input."""
    digest = hashlib.sha256()
    for path in [config.folder / CONFIG_FILE] + [config.folder / name for name in sorted(config.files.values())]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def validate(folder: str | Path) -> list[Problem]:
    """Every problem (errors and warnings) in a municipality folder; nothing is raised or written."""
    return _read_all(folder)[1]


def load_dataset(folder: str | Path) -> Dataset:
    """Read and validate a municipality folder; raise `InputError` listing every error."""
    dataset, problems = _read_all(folder)
    if dataset is None or any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return dataset
