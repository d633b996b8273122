"""Reading one CSV/TSV/TXT or Excel file into a DataFrame of strings, whatever the municipality exported.

Municipalities export whatever their survey tool or spreadsheet produces: CSV separated by `,`, `;` or tab, in
UTF-8 (with or without byte-order mark), Windows-1252 or UTF-16 (Excel's "Unicode text"), or Excel
workbooks. Values stay text: "nvt" or "NA" in a resident's answer is what they wrote, not a missing value.
Raw files are only ever read, each once: the bytes read are hashed for the input's fingerprint.

The reader says what it did: a UTF-8 file with a few lines in Windows-1252 (pasted from another program) is
decoded line by line, with a warning naming those rows, instead of being read wholly as Windows-1252.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import io
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError, Problem
from .excel import read_workbook

__all__ = ["DELIMITERS", "Decoded", "RawTable", "decode", "decode_text", "read_file", "read_table", "sniff_delimiter"]

DELIMITERS = (",", ";", "\t")
PREFERENCE = ("\t", ";", ",")  # on a tie: the delimiter least likely inside a value first
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# A character UTF-8 writes in more than one byte: a file without any is not UTF-8 beyond ASCII.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_CONTENT = re.compile(rb"[^\s\xef\xbb\xbf]")  # anything but white space and a byte-order mark
_SNIFF_BYTES = 64 * 1024
MAX_WIDE_ROWS = 20  # rows named when values are shifted; the rest are like them


@dataclass(frozen=True)
class Decoded:
    """A file's text, the encoding it was read in, and the lines (1-based) read as Windows-1252 in a file that
    is otherwise UTF-8."""

    text: str
    encoding: str
    fallback_lines: tuple[int, ...] = ()


@dataclass
class RawTable:
    """One file as read: its values as strings, what the reader did that the user should know (warnings), and
    the sha256 of its bytes."""

    frame: pd.DataFrame
    warnings: list[Problem] = field(default_factory=list)
    sha256: str = ""


def _legacy(data: bytes) -> str:
    # cp1252 leaves five bytes undefined; latin-1 maps them rather than failing on one odd byte.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def decode_text(data: bytes) -> Decoded:
    """Text of a file: UTF-16 with a byte-order mark; else UTF-8 (BOM or not); else, when nothing in it is
    UTF-8 beyond ASCII, Windows-1252; else line by line, UTF-8 where a line is and Windows-1252 where it is not.

    Raises UnicodeDecodeError only for a UTF-16 byte-order mark followed by something else.
    """
    if data.startswith(_UTF16_BOMS):
        return Decoded(data.decode("utf-16"), "utf-16")
    if data.startswith(_UTF8_BOM):
        data = data[3:]  # a BOM promises UTF-8, but Excel sometimes adds Windows-1252 bytes after it
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if not _UTF8_MULTIBYTE.search(data):
        return Decoded(_legacy(data), "cp1252")
    parts, fallback = [], []
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            parts.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            parts.append(_legacy(line))
            fallback.append(number)
    return Decoded("\n".join(parts), "utf-8", tuple(fallback))


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding of a file (see `decode_text`)."""
    decoded = decode_text(data)
    return decoded.text, decoded.encoding


def _widths(sample: str, sep: str) -> list[int]:
    """The number of cells of each non-blank record of `sample` split by `sep` (quotes respected)."""
    widths = []
    try:
        for row in csv.reader(io.StringIO(sample), delimiter=sep):
            if row:
                widths.append(len(row))
    except csv.Error:
        pass
    return widths or [1]


def sniff_delimiter(text: str) -> str:
    """The delimiter of CSV text: the one of tab, `;` and `,` that splits the header into columns and the
    first rows into as many cells as the header.

    Headers rarely hold a delimiter, values often do (a comma in a resident's sentence), so the header
    decides which delimiters are candidates and the rows decide between them; on a tie tab comes before `;`
    before `,` (the one least likely inside Dutch text). A header without any is a table of one column: the
    delimiter is then the one least used, so that commas in a single column of text are not taken for cells.
    """
    sample = "\n".join(text.splitlines()[:50])
    widths = {sep: _widths(sample, sep) for sep in PREFERENCE}
    candidates = [sep for sep in PREFERENCE if widths[sep][0] > 1]
    if not candidates:
        return min(PREFERENCE, key=sample.count)

    def fit(sep: str) -> float:  # the share of rows as wide as the header
        rows = widths[sep][1:] or [widths[sep][0]]
        return sum(w == widths[sep][0] for w in rows) / len(rows)

    return max(candidates, key=fit)  # max keeps the first of equals: the preference order


def _sep_name(sep: str) -> str:
    return {"\t": "tab", ",": "comma", ";": "semicolon"}.get(sep, repr(sep))


def _parser_problem(exc: Exception, fname: str, sep: str) -> Problem:
    """pandas' tokenizer error in words, with the spreadsheet row it names."""
    text = str(exc)
    if m := re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text):
        return Problem(
            fname,
            f"{m.group(3)} cells where the header has {m.group(1)} (a {_sep_name(sep)} inside a value that is "
            'not in quotes "…"?)',
            row=int(m.group(2)),
        )
    if m := re.search(r"EOF inside string starting at row (\d+)", text):
        return Problem(fname, 'a quoted value ("…) is not closed before the end of the file', row=int(m.group(1)) + 1)
    m = re.search(r"line (\d+)", text)
    return Problem(fname, f"cannot parse as {_sep_name(sep)}-separated text", row=int(m.group(1)) if m else None)


def _parse(source, fname: str, sep: str, encoding: str | None = None) -> tuple[pd.DataFrame, bool]:
    """The parsed frame, and whether some row has more cells than the header (its extra cells were dropped)."""
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            # blank lines are kept while parsing (and dropped later) so row numbers match the file; index_col=False
            # keeps pandas from taking the first column as the index when the first row has one cell too many
            frame = pd.read_csv(
                source,
                sep=sep,
                dtype=str,
                keep_default_na=False,
                na_values=[""],
                skip_blank_lines=False,
                encoding=encoding,
                index_col=False,
            )
    except pd.errors.ParserError as exc:
        raise InputError([_parser_problem(exc, fname, sep)]) from None
    except pd.errors.EmptyDataError:  # the first line is blank
        raise InputError([Problem(fname, "the first line is empty: it must hold the column names", row=1)]) from None
    return frame, any(issubclass(w.category, pd.errors.ParserWarning) for w in caught)


def _check_wide_rows(text: str, fname: str, sep: str) -> None:
    """Refuse rows with more cells than the header (a delimiter in an unquoted value shifts every value after
    it); empty cells at the end of a row, as some tools write them ("1;2;"), are harmless."""
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    width = len(next(reader, []))
    problems = [
        Problem(
            fname,
            f"{len(row)} cells where the header has {width} (a {_sep_name(sep)} inside a value that is not in "
            'quotes "…"?)',
            row=number,
        )
        for number, row in enumerate(reader, start=2)
        if len(row) > width and any(cell.strip() for cell in row[width:])
    ]
    if problems:
        raise InputError(problems[:MAX_WIDE_ROWS])


def _rows_of_lines(text: str, sep: str, lines: tuple[int, ...]) -> list[int]:
    """The spreadsheet rows holding these lines of the file (a value with line breaks spans several lines)."""
    ends = []  # the last line of every row
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    try:
        for _ in reader:
            ends.append(reader.line_num)
    except csv.Error:
        return list(lines)
    return sorted({min(bisect.bisect_left(ends, line), len(ends) - 1) + 1 for line in lines})


def _read_text_file(data: bytes, fname: str) -> tuple[pd.DataFrame, list[Problem]]:
    if not data.startswith(_UTF16_BOMS):
        nul = data.find(b"\x00")
        if nul >= 0:
            raise InputError(
                [
                    Problem(
                        fname,
                        "holds a NUL character: a binary file, or UTF-16 text without a byte-order mark; save it "
                        "as CSV (UTF-8) or .xlsx",
                        row=data.count(b"\n", 0, nul) + 1,
                    )
                ]
            )
        if not _CONTENT.search(data):
            raise InputError([Problem(fname, "the file is empty")])
        head = data[:_SNIFF_BYTES]
        head = head[: head.rfind(b"\n") + 1] or head
        sep = sniff_delimiter(head.decode("utf-8", errors="replace").lstrip("\ufeff"))
        try:
            # the common case: UTF-8 parsed straight from the bytes, without a decoded copy of the file
            frame, wide = _parse(io.BytesIO(data), fname, sep, encoding="utf-8-sig")
            if wide:
                _check_wide_rows(data.decode("utf-8-sig"), fname, sep)
            return frame, []
        except UnicodeDecodeError:
            pass
    try:
        decoded = decode_text(data)
    except UnicodeDecodeError:
        raise InputError([Problem(fname, "starts like UTF-16 text but is not; save it as CSV (UTF-8)")]) from None
    if "\x00" in decoded.text:
        raise InputError([Problem(fname, "holds a NUL character (binary data); save it as CSV (UTF-8) or .xlsx")])
    if not decoded.text.strip():
        raise InputError([Problem(fname, "the file is empty")])
    sep = sniff_delimiter(decoded.text)
    frame, wide = _parse(io.StringIO(decoded.text), fname, sep)
    if wide:
        _check_wide_rows(decoded.text, fname, sep)
    problems = [
        Problem(
            fname,
            "this row is not UTF-8 like the rest of the file and was read as Windows-1252; check its accented "
            "letters (é, ë, ’) and save the file as UTF-8",
            row=row,
            severity="warning",
        )
        for row in _rows_of_lines(decoded.text, sep, decoded.fallback_lines)
    ]
    return frame, problems


def unique_headers(headers: list[str]) -> list[str]:
    """Headers as pandas names them: an empty one "Unnamed: i", a repeated "X" as "X.1", "X.2" (the mapping
    reports a repeated header by that suffix)."""
    out: list[str] = []
    seen: set[str] = set()
    for i, header in enumerate(headers):
        name = header if header and not header.startswith("Unnamed:") else f"Unnamed: {i}"
        if name in seen:
            n = 1
            while f"{header}.{n}" in seen or f"{header}.{n}" in headers:
                n += 1
            name = f"{header}.{n}"
        seen.add(name)
        out.append(name)
    return out


def read_file(path: str | Path) -> RawTable:
    """Read a CSV/TSV/TXT or .xlsx file into a DataFrame of strings (empty cells NaN), headers stripped.

    The frame's index is the data row's position in the file (spreadsheet row = index + 2), so messages can
    name the row. Raises `InputError` naming the file (and row and column, where known) when it cannot be read;
    what the reader did that changes values (a line decoded as Windows-1252, merged cells filled) is returned
    as warnings.
    """
    path = Path(path)
    fname = str(path)
    if not path.is_file():
        raise InputError([Problem(fname, "file not found")])
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise InputError([Problem(fname, "old Excel format (.xls): save it as .xlsx or CSV")])
    try:
        data = path.read_bytes()
    except PermissionError:
        raise InputError([Problem(fname, "cannot be read: no permission")]) from None
    except OSError as exc:
        raise InputError([Problem(fname, f"cannot be read: {exc.strerror or type(exc).__name__}")]) from None
    digest = hashlib.sha256(data).hexdigest()
    if suffix in (".xlsx", ".xlsm"):
        frame, problems = read_workbook(data, fname)
    else:
        frame, problems = _read_text_file(data, fname)
    del data
    frame.columns = unique_headers([str(c).strip().lstrip("\ufeff").strip() for c in frame.columns])
    frame = frame.loc[:, [not c.startswith("Unnamed:") or frame[c].notna().any() for c in frame.columns]]
    for column in frame.columns:
        frame[column] = frame[column].str.strip().replace("", np.nan)
    return RawTable(frame[frame.notna().any(axis=1)], problems, digest)


def read_table(path: str | Path) -> pd.DataFrame:
    """`read_file`'s DataFrame; its warnings are issued as Python warnings (`validate` lists them instead)."""
    table = read_file(path)
    for problem in table.warnings:
        warnings.warn(str(problem), UserWarning, stacklevel=2)
    return table.frame
