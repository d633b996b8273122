"""Reading the first sheet of an Excel workbook (.xlsx) as strings, with merged cells named or filled.

Spreadsheets kept by hand often merge cells: one wijk written once beside five rows, a title over two
columns. Read naively the merged cells are empty, so five inputs would lose their wijk without a word. Here
cells merged down one column are filled with the merged value, with a warning naming the cells; cells merged
across columns (which column would the value belong to?) and merged headers are errors naming the cells.
Values become text as pandas would make them (12.0 -> "12", a date -> "2026-03-02 00:00:00"); error cells
(#N/A, #DIV/0!) are empty.
"""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from ..errors import InputError, Problem

__all__ = ["MAX_UNPACKED_BYTES", "read_workbook"]

MAX_UNPACKED_BYTES = 2_000_000_000  # a million rows take a few hundred MB unpacked; more is a zip bomb


def _text(cell) -> str | None:
    value = cell.value
    if value is None or cell.data_type == "e":
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_size(data: bytes, fname: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError([Problem(fname, "not an Excel workbook (.xlsx); save it as .xlsx or CSV")]) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError([Problem(fname, f"unpacks to more than {MAX_UNPACKED_BYTES // 10**9} GB: not a workbook")])


def read_workbook(data: bytes, fname: str) -> tuple[pd.DataFrame, list[Problem]]:
    """The first sheet as a DataFrame of strings (None for empty cells) and the warnings about merged cells.

    The header is the first row with a value; the frame's index is the sheet row minus 2, so that messages
    name the row Excel shows. Raises `InputError` naming sheet and cells for cells merged across columns.
    """
    import openpyxl

    _check_size(data, fname)
    try:
        # not read-only: merged ranges are only known with the whole sheet
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken workbooks
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise InputError([Problem(fname, f"cannot read this Excel file: {reason}")]) from None
    if not workbook.worksheets:
        raise InputError([Problem(fname, "the workbook has no sheet with cells")])
    sheet = workbook.worksheets[0]
    rows = [[_text(cell) for cell in row] for row in sheet.iter_rows()]
    header_at = next((i for i, row in enumerate(rows) if any(v is not None for v in row)), None)
    if header_at is None:
        raise InputError([Problem(fname, f"sheet '{sheet.title}' is empty (only the first sheet is read)")])
    header = [v or "" for v in rows[header_at]]
    where = f"sheet '{sheet.title}', cells"
    errors, warnings = [], []
    for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        if merged.max_row <= header_at:
            continue  # above the header: nothing is read there
        column = header[merged.min_col - 1] or None if merged.min_row > header_at + 1 else None
        if merged.min_col != merged.max_col or merged.min_row <= header_at + 1 < merged.max_row + 1:
            what = "across columns" if merged.min_col != merged.max_col else "with the header"
            errors.append(
                Problem(
                    fname,
                    f"{where} {merged.coord} are merged {what}: unmerge them so every column has its own header "
                    "and every row its own value",
                    row=merged.min_row,
                    column=column,
                )
            )
            continue
        value = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, merged.max_row):
            rows[r][merged.min_col - 1] = value
        warnings.append(
            Problem(
                fname,
                f"{where} {merged.coord} are merged: the value of {merged.coord.split(':')[0]} is used in each of "
                f"rows {merged.min_row} to {merged.max_row}",
                row=merged.min_row,
                column=column,
                severity="warning",
            )
        )
    workbook.close()
    if errors:
        raise InputError(errors)
    data_rows = rows[header_at + 1 :]
    index = pd.RangeIndex(header_at, header_at + len(data_rows))  # sheet row r has index r - 2
    return pd.DataFrame(data_rows, columns=header, index=index, dtype=object), warnings
