"""Reading CBS StatLine CSV exports: the format a user gets from StatLine's "Downloaden" -> CSV.

`;`-separated, UTF-8 with a byte-order mark, quoted ``Group/Subgroup/Name (unit)`` headers, names and codes
padded with spaces, decimal commas, empty cells for missing values. `read_statline` turns such a file into a
clean DataFrame; `cbs` makes population tables out of them.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ...errors import UserError
from ..readers import decode
from ..values import parse_decimal_comma

__all__ = ["CBSImportError", "CBSImportWarning", "read_statline"]


class CBSImportError(UserError):
    """A CBS file that cannot be imported; the message names the file, and the row and column when known."""


class CBSImportWarning(UserWarning):
    """Something in the CBS files worth checking that does not stop the import."""


_TEXT_UNITS = {"naam", "code", "omschrijving", "name", "description"}
_UNIT_RE = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
# A "/" separates header levels only when a new level starts (capital, digit or bracket): CBS names such as
# "Leerlingen/studenten" or "Wo master/doctoraal" contain a "/" themselves.
_LEVEL_SPLIT_RE = re.compile(r"/(?=[A-Z0-9(À-Ý])")
_MISSING_SYMBOLS = {"", ".", "x", "X", "?"}
_NIL_SYMBOLS = {"-", "–", "—"}


def _clean_text(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\ufeff", "")).strip()


def _parse_header(raw: str) -> tuple[list[str], str | None]:
    """``"Bevolking/Geslacht/Mannen (aantal)"`` -> (["Bevolking", "Geslacht", "Mannen"], "aantal")."""
    text = _clean_text(raw)
    unit = None
    m = _UNIT_RE.match(text)
    if m:  # StatLine ends every topic header with its unit; dimension columns ("Perioden") have none
        text, unit = m.group(1).strip(), m.group(2).strip()
    return [p.strip() for p in _LEVEL_SPLIT_RE.split(text)], unit


def _short_names(paths: list[list[str]]) -> list[str]:
    """The shortest trailing part of every header path that is unique among the columns."""
    names = []
    for i, path in enumerate(paths):
        for depth in range(1, len(path) + 1):
            name = "/".join(path[-depth:])
            clashes = [j for j, other in enumerate(paths) if j != i and "/".join(other[-depth:]) == name]
            if not clashes:
                break
        names.append(name)
    # Fully identical headers (should not happen in StatLine): number them.
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        if name in seen:
            seen[name] += 1
            names[i] = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
    return names


def _delimiter(first_line: str) -> str:
    """StatLine's delimiter, read from the quoted header only (names may contain commas)."""
    unquoted = re.sub(r'"[^"]*"', "", first_line)
    counts = {sep: unquoted.count(sep) for sep in (";", "\t", ",")}
    return max(counts, key=counts.get) if max(counts.values()) else ";"


def _number(value: str) -> float | None:
    """A StatLine number: "17942942", "4,8", "-12", "-" (nil, 0); None when it is not one."""
    return 0.0 if value.strip() in _NIL_SYMBOLS else parse_decimal_comma(value)


def read_statline(path) -> pd.DataFrame:
    """A CBS StatLine CSV export as a clean DataFrame.

    * Encoding: UTF-8 with or without byte-order mark (Windows-1252 as a fallback); separator ``;`` (``,`` or
      tab are recognised too).
    * Column names: the header without quotes, padding and unit, shortened to the shortest trailing part of the
      ``Group/Subgroup/Name`` path that is unique in the file (``"Bevolking/Geslacht/Mannen (aantal)"`` ->
      ``"Mannen"``; ``"…/Leeftijdsgroepen, relatief/Jonger dan 5 jaar (%)"`` ->
      ``"Leeftijdsgroepen, relatief/Jonger dan 5 jaar"`` when the count column has the same last part).
      ``df.attrs["statline"]`` keeps, per column, the original ``header``, the ``path`` (list) and the ``unit``,
      plus the ``file``.
    * Values: text columns (no unit, or unit naam/code/omschrijving) are stripped of padding, empty = NaN.
      Columns with a unit (aantal, %, …) are numbers: decimal commas read, empty cells, ``.`` and ``x`` are NaN,
      ``-`` (nil) is 0; int64 when every value is a whole number, else float64.

    Raises :class:`CBSImportError` naming file, row (the header is row 1) and column for a value that is not a
    number in a numeric column or a row with the wrong number of cells.
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise CBSImportError(f"{path}: file not found")
    text = decode(path.read_bytes())[0]
    if not text.strip():
        raise CBSImportError(f"{name}: the file is empty")
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=_delimiter(first_line))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise CBSImportError(f"{name}: cannot read the header ({exc})") from None
    parsed = [_parse_header(h) for h in header]
    paths = [p for p, _ in parsed]
    units = [u for _, u in parsed]
    columns = _short_names(paths)
    width = len(header)
    cells: list[list[str]] = [[] for _ in range(width)]
    lines: list[int] = []
    try:
        for row in reader:
            if not row or all(not c.strip() for c in row):
                continue
            if len(row) != width:
                raise CBSImportError(f"{name}, row {reader.line_num}: {len(row)} cells where the header has {width}")
            lines.append(reader.line_num)
            for j, value in enumerate(row):
                cells[j].append(value)
    except csv.Error as exc:
        raise CBSImportError(f"{name}, row {reader.line_num}: {exc}") from None
    data = {}
    for j, column in enumerate(columns):
        values = cells[j]
        if units[j] is None or units[j].lower() in _TEXT_UNITS:
            stripped = [_clean_text(v) for v in values]
            data[column] = pd.Series([v if v else None for v in stripped], dtype="str")
            continue
        numbers = np.empty(len(values))
        for i, value in enumerate(values):
            v = value.strip()
            if v in _MISSING_SYMBOLS:
                numbers[i] = np.nan
                continue
            number = _number(v)
            if number is None:
                raise CBSImportError(f"{name}, row {lines[i]}, column '{column}': '{v}' is not a number")
            numbers[i] = number
        finite = numbers[np.isfinite(numbers)]
        whole = len(finite) == len(numbers) and np.all(finite == np.round(finite))
        data[column] = pd.Series(numbers.astype(np.int64) if whole and len(numbers) else numbers)
    frame = pd.DataFrame(data, columns=columns)
    frame.attrs["statline"] = {
        "file": str(path),
        "columns": {
            c: {"header": _clean_text(h), "path": p, "unit": u} for c, h, p, u in zip(columns, header, paths, units)
        },
        "rows": lines,
    }
    return frame
