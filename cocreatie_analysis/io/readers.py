"""Reading one CSV/TSV/TXT or Excel file into a DataFrame of strings, whatever the municipality exported.

Municipalities export whatever their survey tool or spreadsheet produces: CSV separated by `,`, `;` or tab, in
UTF-8 (with or without byte-order mark) or Windows-1252, or Excel workbooks. Values stay text: "nvt" or "NA"
in a resident's answer is what they wrote, not a missing value. Raw files are only ever read.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError, Problem

__all__ = ["DELIMITERS", "decode", "read_table", "sniff_delimiter"]

DELIMITERS = (",", ";", "\t")


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
            frame = pd.read_csv(
                io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[""], skip_blank_lines=False
            )
        except pd.errors.ParserError as exc:
            match = re.search(r"line (\d+)", str(exc))
            row = int(match.group(1)) if match else None
            raise InputError(
                [Problem(fname, f"cannot parse as {_sep_name(sep)}-separated text: {exc}", row=row)]
            ) from None
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    frame = frame.loc[:, [not c.startswith("Unnamed:") or frame[c].notna().any() for c in frame.columns]]
    for column in frame.columns:
        frame[column] = frame[column].str.strip().replace("", np.nan)
    # The index stays the data row's position in the file, so messages can name the row.
    return frame[frame.notna().any(axis=1)]


def _sep_name(sep: str) -> str:
    return {"\t": "tab", ",": "comma", ";": "semicolon"}.get(sep, repr(sep))
