"""Reading a municipality folder into canonical tables, with validation that names file, row and column.

Municipalities export whatever their survey tool or spreadsheet produces: CSV separated by `,`, `;` or tab, in
UTF-8 (with or without byte-order mark) or Windows-1252, or Excel workbooks. `read_table` copes with all of
them; `load_dataset` maps the municipality's own headers onto canonical columns (gemeente.yaml `columns:`),
recodes values (`values:`), checks every table and returns a `Dataset`. Raw files are only ever read.

Row numbers in messages are spreadsheet rows: the header is row 1, the first data row is row 2, and a text
with line breaks inside one cell still counts as one row, as Excel shows it.
"""
from __future__ import annotations

import csv
import difflib
import hashlib
import io as _io
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .config import CONFIG_FILE, OPTIONAL_COLUMNS, REQUIRED_COLUMNS, Config, load_config
from .exceptions import InputError, Problem

DELIMITERS = (",", ";", "\t")
MAX_ROWS_PER_PROBLEM = 20  # beyond this, one summary line per kind of problem keeps messages readable

# Votes as people write them (1 agree, -1 disagree, 0 pass); gemeente.yaml `values: votes: vote:` adds or
# overrides. Strength ("helemaal") is dropped: a "helemaal eens" is not more draagvlak than an "eens".
DEFAULT_VOTE_VALUES = {
    "1": 1, "+1": 1, "-1": -1, "0": 0,
    "eens": 1, "mee eens": 1, "helemaal eens": 1, "helemaal mee eens": 1, "zeer eens": 1, "zeer mee eens": 1,
    "voor": 1, "ja": 1, "agree": 1, "strongly agree": 1, "yes": 1,
    "oneens": -1, "mee oneens": -1, "niet eens": -1, "niet mee eens": -1, "helemaal oneens": -1,
    "helemaal mee oneens": -1, "helemaal niet mee eens": -1, "zeer oneens": -1, "zeer mee oneens": -1,
    "tegen": -1, "nee": -1, "disagree": -1, "strongly disagree": -1, "no": -1,
    "neutraal": 0, "weet niet": 0, "weet ik niet": 0, "geen mening": 0, "eens noch oneens": 0,
    "niet eens, niet oneens": 0, "pas": 0, "overslaan": 0, "neutral": 0, "pass": 0, "don't know": 0,
    "unsure": 0,
}
# Numeric scales, recognised only when the top of the scale occurs and nothing lies outside it:
# 1-5 (1-2 disagree, 3 neither, 4-5 agree) and 1-7 (1-3 disagree, 4 neither, 5-7 agree).
LIKERT_SCALES = {5: {1: -1, 2: -1, 3: 0, 4: 1, 5: 1}, 7: {1: -1, 2: -1, 3: -1, 4: 0, 5: 1, 6: 1, 7: 1}}
_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def publish_mode(path: str | Path, directory: bool = False) -> None:
    """Give a file or folder made by `tempfile` (private, 0600/0700) the permissions a normal one would get."""
    os.chmod(path, (0o777 if directory else 0o666) & ~_umask())


def write_all_atomic(files: dict[Path, bytes | str]) -> None:
    """Write several files so readers see all old or all new ones: temporary siblings first, then renames.

    Text is written as UTF-8. Used for every output the project writes (reports, population tables,
    imported folders), so a crash or a full disk never leaves a half-written file behind.
    """
    temps: dict[Path, str] = {}
    try:
        for path, data in files.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temps[path] = tmp
            with os.fdopen(fd, "wb") as handle:
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            publish_mode(tmp)
        for path, tmp in temps.items():
            os.replace(tmp, path)
    finally:
        for tmp in temps.values():
            if os.path.exists(tmp):
                os.unlink(tmp)


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write one file atomically (see `write_all_atomic`)."""
    write_all_atomic({Path(path): data})


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding of a file: UTF-8 (BOM or not) when it decodes, else Windows-1252 (Excel's default)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a BOM promises UTF-8, but Excel sometimes adds Windows-1252 bytes after it
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps them rather than failing on one odd byte.
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "latin-1"


def sniff_delimiter(text: str) -> str:
    """The delimiter of CSV text: the one of `,` `;` tab that splits the header and first rows consistently."""
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        header = text.splitlines()[0] if text else ""
        return max(DELIMITERS, key=header.count)


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a CSV/TSV/TXT or .xlsx file into a DataFrame of strings (empty cells NaN), headers stripped.

    Raises `InputError` with the file (and row, where the parser knows it) when the file cannot be read.
    Values are kept as text: "nvt" or "NA" in a resident's answer is what they wrote, not a missing value.
    """
    path = Path(path)
    fname = str(path)
    if not path.is_file():
        raise InputError([Problem(fname, "file not found")])
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            frame = pd.read_excel(path, dtype=str, engine="openpyxl", keep_default_na=False, na_values=[""])
        except Exception as exc:  # openpyxl raises many types for broken workbooks
            raise InputError([Problem(fname, f"cannot read this Excel file: {exc}")]) from None
    elif path.suffix.lower() == ".xls":
        raise InputError([Problem(fname, "old Excel format (.xls): save it as .xlsx or CSV")])
    else:
        data = path.read_bytes()
        if b"\x00" in data[:4096]:
            raise InputError([Problem(fname, "binary file or UTF-16 text: save it as CSV (UTF-8) or .xlsx")])
        text, _ = decode(data)
        if not text.strip():
            raise InputError([Problem(fname, "the file is empty")])
        sep = sniff_delimiter(text)
        try:
            # blank lines are kept while parsing (and dropped below) so row numbers match the file
            frame = pd.read_csv(_io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                                na_values=[""], skip_blank_lines=False)
        except pd.errors.ParserError as exc:
            match = re.search(r"line (\d+)", str(exc))
            row = int(match.group(1)) if match else None
            raise InputError([Problem(fname, f"cannot parse as {_sep_name(sep)}-separated text: {exc}",
                                      row=row)]) from None
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    frame = frame.loc[:, [not c.startswith("Unnamed:") or frame[c].notna().any() for c in frame.columns]]
    for column in frame.columns:
        frame[column] = frame[column].str.strip().replace("", np.nan)
    # The index stays the data row's position in the file, so messages can name the row.
    return frame[frame.notna().any(axis=1)]


def _sep_name(sep: str) -> str:
    return {"\t": "tab", ",": "comma", ";": "semicolon"}.get(sep, repr(sep))


def _rows(index) -> list[int]:
    """Spreadsheet row numbers for DataFrame positions (header = row 1)."""
    return [int(i) + 2 for i in index]


class _Collector:
    """Collects problems, folding long runs of the same problem into one summary line."""

    def __init__(self):
        self.problems: list[Problem] = []
        self.counts: dict[tuple, int] = {}
        self.headers: dict[str, dict[str, str]] = {}  # file -> canonical column -> the file's own header

    def add(self, file, message, row=None, column=None, severity="error"):
        column = self.headers.get(str(file), {}).get(column, column)  # name the column as the user sees it
        key = (file, column, message, severity)
        count = self.counts[key] = self.counts.get(key, 0) + 1
        if count <= MAX_ROWS_PER_PROBLEM:
            self.problems.append(Problem(str(file), message, row, column, severity))

    def rows(self, file, rows, message, column=None, severity="error"):
        for row in rows:
            self.add(file, message, row, column, severity)

    def summarise(self):
        for (file, column, message, severity), count in self.counts.items():
            if count > MAX_ROWS_PER_PROBLEM:
                self.problems.append(Problem(str(file), f"{message} (and {count - MAX_ROWS_PER_PROBLEM} "
                                                        "more rows like this)", None, column, severity))
        return self.problems


def map_columns(frame: pd.DataFrame, table: str, mapping: dict[str, str], file: str,
                out: _Collector) -> pd.DataFrame | None:
    """Rename the municipality's headers to canonical names; report missing required columns with a hint.

    Headers match the mapping case-insensitively; headers that already are canonical need no mapping. Other
    columns are dropped, except on participants, where extra attributes can be a municipality's own
    target-group dimensions.
    """
    headers = list(frame.columns)
    for header in headers:  # pandas renames a repeated header "X" to "X.1"
        base = re.sub(r"\.\d+$", "", header)
        if base != header and base in headers:
            out.add(file, f"column '{base}' appears more than once; give each column its own header",
                    column=base)
    lookup = {own.strip().lower(): canonical for own, canonical in mapping.items()}
    known = set(REQUIRED_COLUMNS[table]) | set(OPTIONAL_COLUMNS[table])
    renamed: dict[str, str] = {}
    # explicit mappings first: a mapped header wins over a header that happens to carry a canonical name
    for header in headers:
        canonical = lookup.get(header.lower())
        if canonical is not None and canonical not in renamed.values():
            renamed[header] = canonical
    for header in headers:
        if header not in renamed and (header in known or table == "participants") \
                and header not in renamed.values():
            renamed[header] = header
    missing = [c for c in REQUIRED_COLUMNS[table] if c not in renamed.values()]
    for column in missing:
        expected = [own for own, canonical in mapping.items() if canonical == column]
        wanted = expected[0] if expected else column
        candidates = [h for h in headers if h not in renamed] or headers
        close = difflib.get_close_matches(wanted.lower(), [h.lower() for h in candidates], n=1, cutoff=0.6)
        hint = ""
        if close:
            hint = f"; did you mean '{next(h for h in candidates if h.lower() == close[0])}'?"
        source = f"'{wanted}' (for '{column}')" if expected else f"'{column}'"
        out.add(file, f"required column {source} is missing{hint} (columns in the file: "
                      f"{', '.join(headers)}; map your own headers under columns.{table} in {CONFIG_FILE})",
                column=wanted)
    if missing:
        return None
    out.headers[str(file)] = {canonical: own for own, canonical in renamed.items() if own != canonical}
    return frame[list(renamed)].rename(columns=renamed)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def parse_dates(values: pd.Series) -> pd.Series:
    """Dates as people export them: ISO (2026-03-02, with or without time) or Dutch day-first (2-3-2026).

    ISO values are parsed as ISO; only the others day-first, because `dayfirst` would swap month and day in
    an ISO date. Unparseable values become NaT.
    """
    text = values.astype("string").str.strip()
    iso = text.str.match(_ISO_DATE).fillna(False).astype(bool)
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    # utc=True accepts time-zone offsets (Pol.is exports "…Z"); times are then kept as UTC without a zone
    if iso.any():
        parsed = pd.to_datetime(text[iso], errors="coerce", format="ISO8601", utc=True)
        result[iso] = parsed.dt.tz_convert(None).astype("datetime64[ns]")
    other = ~iso & text.notna()
    if other.any():
        parsed = pd.to_datetime(text[other], errors="coerce", dayfirst=True, format="mixed", utc=True)
        result[other] = parsed.dt.tz_convert(None).astype("datetime64[ns]")
    return result


def _recode(frame: pd.DataFrame, table: str, config: Config) -> pd.DataFrame:
    """Apply gemeente.yaml `values:` recodings (case-insensitive); unmapped values stay as they are."""
    for column, mapping in config.values.get(table, {}).items():
        if column in frame.columns:
            lowered = frame[column].str.lower()
            mapped = lowered.map(lambda v: mapping.get(v, np.nan) if isinstance(v, str) else np.nan)
            frame[column] = frame[column].where(mapped.isna(), mapped.astype(object))
    return frame


def _check_ids(frame: pd.DataFrame, column: str, file: str, out: _Collector) -> None:
    ids = frame[column]
    out.rows(file, _rows(ids.index[ids.isna()]), "empty id", column)
    duplicated = ids.notna() & ids.duplicated(keep=False)
    for value, group in frame[duplicated].groupby(column, sort=False):
        rows = _rows(group.index)
        for row in rows[1:]:
            out.add(file, f"duplicate id '{value}' (also in row {rows[0]}); ids must be unique", row, column)


def _parse_count(value) -> float:
    """A population count as a number: '12345', '12.345' (Dutch thousands), '12345,0', '12 345'."""
    text = str(value).strip().replace(" ", "").replace("\u00a0", "")
    if _THOUSANDS.match(text):
        text = text.replace(".", "")
    return float(text.replace(",", "."))


def _normalise_ids(frame: pd.DataFrame) -> pd.DataFrame:
    """Ids as text, with Excel's "12.0" for 12 turned back into "12", so tables match each other."""
    for column in frame.columns:
        if column.endswith("_id"):
            frame[column] = frame[column].str.replace(r"^(-?\d+)\.0+$", r"\1", regex=True)
    return frame


def _vote_value(value, mapping: dict) -> float:
    if not isinstance(value, str):
        return value if isinstance(value, (int, float)) else np.nan
    key = value.strip().lower()
    if key in mapping:
        return float(mapping[key])
    try:
        return float(key.replace(",", "."))
    except ValueError:
        return np.nan


def _votes(frame: pd.DataFrame, config: Config, file: str, out: _Collector) -> pd.DataFrame:
    original = frame["vote"].copy()
    mapping = {**DEFAULT_VOTE_VALUES, **{str(k).strip().lower(): v
                                          for k, v in config.values.get("votes", {}).get("vote", {}).items()}}
    numbers = original.map(lambda v: _vote_value(v, mapping)).astype(float)
    all_numbers = original.dropna().astype(str).str.fullmatch(r"[+-]?\d+").all()
    seen = set(numbers.dropna().unique()) if all_numbers else set()  # a scale only when every answer is a number
    for top, scale in LIKERT_SCALES.items():
        if top in seen and seen <= set(scale) and not seen <= {-1, 0, 1}:
            out.add(file, f"votes read as a 1-{top} scale: " + ", ".join(f"{k} = {v:+d}" for k, v in scale.items())
                    + "; map them under values.votes.vote if that is wrong", column="vote", severity="warning")
            numbers = numbers.map(lambda v: scale.get(v, np.nan) if v == v else v)
            break
    frame = frame.assign(vote=numbers)
    frame["_row"] = _rows(frame.index)
    frame["_bad_vote"] = ~numbers.isin([-1, 0, 1])
    for row, raw in zip(frame.loc[frame["_bad_vote"], "_row"], original[frame["_bad_vote"]]):
        what = "the vote is empty" if not isinstance(raw, str) else f"vote '{raw}' is outside the scale"
        out.add(file, f"{what} (agree 1 / eens, disagree -1 / oneens, pass 0 / neutraal; map other answers "
                      f"under values.votes.vote)", int(row), "vote")
    return frame


def _dedupe_votes(votes: pd.DataFrame, file: str, out: _Collector) -> pd.DataFrame:
    """Keep one vote per participant and statement: the latest (by timestamp if given, else the last row)."""
    if "timestamp" in votes.columns:
        order = pd.to_numeric(votes["timestamp"], errors="coerce")
        if order.isna().all():
            order = parse_dates(votes["timestamp"])
        votes = votes.assign(_order=order).sort_values(["_order", "_row"], kind="stable", na_position="first")
    keys = ["participant_id", "statement_id"]
    duplicated = votes.duplicated(keys, keep="last")
    for row, (pid, sid) in zip(votes.loc[duplicated, "_row"], votes.loc[duplicated, keys].itertuples(index=False)):
        out.add(file, f"participant '{pid}' voted on statement '{sid}' more than once; the latest vote counts",
                int(row), "vote", severity="warning")
    return votes[~duplicated].sort_values("_row").drop(columns=[c for c in ("_order",) if c in votes.columns])


def _population(frame: pd.DataFrame, file: str, out: _Collector) -> pd.DataFrame:
    counts = []
    for index, value in frame["count"].items():
        try:
            number = _parse_count(value)
            if not np.isfinite(number) or number < 0:
                raise ValueError
        except (ValueError, TypeError):
            shown = "empty" if not isinstance(value, str) else f"'{value}'"
            out.add(file, f"population count {shown} is not a number ≥ 0", _rows([index])[0], "count")
            number = np.nan
        counts.append(number)
    frame = frame.assign(count=counts)
    for column in ("dimension", "category"):
        out.rows(file, _rows(frame.index[frame[column].isna()]), f"empty {column}", column)
    duplicated = frame.duplicated(["dimension", "category"], keep="first") & frame["category"].notna()
    for index, row in frame[duplicated].iterrows():
        out.add(file, f"category '{row['category']}' of '{row['dimension']}' appears twice", _rows([index])[0],
                "category")
    return frame


def _read(config: Config, table: str, out: _Collector) -> tuple[pd.DataFrame | None, str]:
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
    return _recode(_normalise_ids(frame), table, config), file


def _read_all(folder: str | Path) -> tuple[Dataset | None, list[Problem]]:
    out = _Collector()
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
        out.rows(file, _rows(inputs.index[empty]), "empty text; this input is left out", "text", severity="warning")
        inputs = inputs[~empty].copy()
        if inputs.empty:
            out.add(file, "no input has any text: there is nothing to analyse", column="text")
        if "channel" in inputs.columns:
            inputs["channel"] = inputs["channel"].str.lower()
        if "date" in inputs.columns:
            dates = parse_dates(inputs["date"])
            bad = dates.isna() & inputs["date"].notna()
            out.rows(file, _rows(inputs.index[bad]), "not a date; treated as unknown", "date", "warning")
            inputs["date"] = dates
        tables["inputs"] = inputs

    participants = tables.get("participants")
    if participants is not None:
        file = files["participants"]
        _check_ids(participants, "participant_id", file, out)
        if "age" in participants.columns:
            number = participants["age"].str.extract(r"^(\d{1,3}(?:[.,]\d+)?)\s*(?:jaar|jr\.?|years?)?$",
                                                     flags=re.IGNORECASE)[0]
            ages = pd.to_numeric(number.str.replace(",", "."), errors="coerce")
            bad = ages.isna() & participants["age"].notna() | (ages < 0) | (ages > 120)
            for index in participants.index[bad]:
                out.add(file, f"age '{participants.at[index, 'age']}' is not a number of years from 0 to 120; "
                              "treated as unknown", _rows([index])[0], "age", "warning")
            participants["age"] = ages.where(~bad)
        for dimension in config.dimensions or ():
            if dimension not in participants.columns and not (dimension == "age_group"
                                                               and "age" in participants.columns):
                out.add(file, f"target-group dimension '{dimension}' (gemeente.yaml dimensions) has no column "
                              "here; it is left out of the reach analysis", column=dimension, severity="warning")
        known = set(participants["participant_id"].dropna())
        if inputs is not None and "participant_id" in inputs.columns:
            unknown = inputs["participant_id"].notna() & ~inputs["participant_id"].isin(known)
            out.rows(files["inputs"], _rows(inputs.index[unknown]), "participant not in the participants file; "
                     "the input counts, without demographics", "participant_id", "warning")

    statements = tables.get("statements")
    if statements is not None:
        file = files["statements"]
        _check_ids(statements, "statement_id", file, out)
        out.rows(file, _rows(statements.index[statements["text"].isna()]), "empty statement text", "text")

    votes = tables.get("votes")
    if votes is not None:
        file = files["votes"]
        votes = _votes(votes, config, file, out)
        for column in ("participant_id", "statement_id"):
            missing = votes[column].isna()
            out.rows(file, votes.loc[missing, "_row"], f"empty {column}", column)
            votes = votes[~missing]
        if statements is not None:
            unknown = ~votes["statement_id"].isin(set(statements["statement_id"].dropna()))
            for row, sid in zip(votes.loc[unknown, "_row"], votes.loc[unknown, "statement_id"]):
                out.add(file, f"vote for unknown statement '{sid}' (not in {files['statements']})", int(row),
                        "statement_id")
        if participants is not None:
            unknown = ~votes["participant_id"].isin(set(participants["participant_id"].dropna()))
            for row, pid in zip(votes.loc[unknown, "_row"], votes.loc[unknown, "participant_id"]):
                out.add(file, f"vote by unknown participant '{pid}' (not in {files['participants']})", int(row),
                        "participant_id")
        votes = _dedupe_votes(votes[~votes["_bad_vote"]].drop(columns="_bad_vote"), file, out)
        votes["vote"] = votes["vote"].astype("int8")
        tables["votes"] = votes.drop(columns="_row").reset_index(drop=True)

    if tables.get("population") is not None:
        tables["population"] = _population(tables["population"], files["population"], out)

    problems = out.summarise()
    dataset = Dataset(config=config, inputs=tables.get("inputs"), participants=participants,
                      statements=statements, votes=tables.get("votes"), population=tables.get("population"),
                      warnings=[p for p in problems if p.severity == "warning"],
                      n_warning_rows=sum(n for key, n in out.counts.items() if key[3] == "warning"),
                      fingerprint=fingerprint(config))
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
