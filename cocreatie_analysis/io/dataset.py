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
from .readers import read_file
from .values import MAX_AGE, date_problem, missing_ids, normalise_ids, parse_age, parse_dates, read_number
from .votes import parse_votes, superseded_votes

__all__ = ["Dataset", "author_ids", "fingerprint", "load_dataset", "read_folder", "validate"]


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


_NOT_AN_ID = "'{}' means 'no value', not an id"


def _check_ids(frame: pd.DataFrame, column: str, file: str, out: ProblemCollector) -> None:
    ids = frame[column]
    out.rows(file, spreadsheet_rows(ids.index[ids.isna()]), "empty id", column)
    words = missing_ids(ids)
    for index in ids.index[words]:
        message = _NOT_AN_ID.format(ids[index]) + "; every row needs its own id"
        out.add(file, message, spreadsheet_rows([index])[0], column)
    duplicated = ids.notna() & ~words & ids.duplicated(keep=False)
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
        number, why = read_number(value) if isinstance(value, str) else (None, "empty")
        if number is not None and number < 0:
            why = f"'{value}' is below 0"
        if why is not None:
            out.add(file, f"population count: {why}; a count is a number ≥ 0", spreadsheet_rows([index])[0], "count")
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


def _read(config: Config, table: str, out: ProblemCollector, digests: dict) -> tuple[pd.DataFrame | None, str]:
    path = config.path(table)
    file = str(path)
    try:
        raw = read_file(path)
    except InputError as exc:
        out.problems.extend(exc.problems)
        return None, file
    digests[config.files[table]] = raw.sha256
    for problem in raw.warnings:
        out.add(file, problem.message, problem.row, problem.column, problem.severity)
    frame = raw.frame
    if frame.empty:
        out.add(file, "the file has a header but no rows")
    frame = map_columns(frame, table, config.columns.get(table, {}), file, out)
    if frame is None:
        return None, file
    return recode(normalise_ids(frame), table, config), file


def read_folder(folder: str | Path) -> tuple[Dataset | None, list[Problem]]:
    """The folder as a Dataset and every problem (errors and warnings), each file read once.

    The Dataset is None when gemeente.yaml cannot be read; with errors among the problems it is incomplete.
    """
    out = ProblemCollector()
    try:
        config = load_config(folder)
    except InputError as exc:
        return None, exc.problems
    tables: dict[str, pd.DataFrame | None] = {}
    files: dict[str, str] = {}
    digests: dict[str, str] = {}
    for table in config.files:
        tables[table], files[table] = _read(config, table, out, digests)

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
        if "participant_id" in inputs.columns:  # "NA" as the author: unknown, like an empty cell
            words = missing_ids(inputs["participant_id"])
            for index in inputs.index[words]:
                value = inputs.at[index, "participant_id"]
                message = _NOT_AN_ID.format(value) + "; the input counts, its author unknown"
                out.add(file, message, spreadsheet_rows([index])[0], "participant_id", "warning")
            inputs.loc[words, "participant_id"] = np.nan
        if "date" in inputs.columns:
            dates = parse_dates(inputs["date"])
            bad = dates.isna() & inputs["date"].notna()
            for index in inputs.index[bad]:
                value = inputs.at[index, "date"]
                message = f"'{value}' is not a date: {date_problem(value)}; treated as unknown"
                out.add(file, message, spreadsheet_rows([index])[0], "date", "warning")
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
            words = missing_ids(votes[column])
            for row, value in zip(votes.loc[words, "_row"], votes.loc[words, column]):
                out.add(file, _NOT_AN_ID.format(value) + "; this vote cannot be counted", int(row), column)
            votes = votes[~missing & ~words]
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
        fingerprint=_combine(config, digests),
    )
    return dataset, problems


def _combine(config: Config, digests: dict[str, str]) -> str:
    """The input's identity from the sha256 of every data file and gemeente.yaml, in name order."""
    digest = hashlib.sha256()
    config_path = config.folder / CONFIG_FILE
    for name, sha in [(CONFIG_FILE, hashlib.sha256(config_path.read_bytes()).hexdigest()), *sorted(digests.items())]:
        digest.update(f"{name}\0{sha}\n".encode())
    return digest.hexdigest()


def fingerprint(config: Config) -> str:
    """sha256 over gemeente.yaml and every data file it names (each file's own sha256): the input's identity."""
    files = {name: hashlib.sha256((config.folder / name).read_bytes()).hexdigest() for name in config.files.values()}
    return _combine(config, files)


def validate(folder: str | Path) -> list[Problem]:
    """Every problem (errors and warnings) in a municipality folder; nothing is raised or written."""
    return read_folder(folder)[1]


def load_dataset(folder: str | Path) -> Dataset:
    """Read and validate a municipality folder; raise `InputError` listing every error."""
    dataset, problems = read_folder(folder)
    if dataset is None or any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return dataset
