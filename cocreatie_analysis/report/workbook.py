"""The Excel workbook of a report set: every table of the reports, for staff who continue in a spreadsheet.

One sheet per report table (`wording.workbook.SHEETS`), with Dutch (or English) sheet names and headers,
shares as real percentages, a frozen header row with a filter, and column widths that fit. The tables are the
processed ones, so what the reports hide for small groups stays hidden here. Resident text never becomes a
formula.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..io.atomic import write_atomic
from ..wording.labels import dimension_label
from ..wording.tables import readable, table_context
from ..wording.workbook import SHEETS, column_header, sheet_name

__all__ = ["export_tables"]

NUMBER_FORMATS = {"pct": "0%", "int": "#,##0", "num": "0.00", "p": "0.000"}
MAX_WIDTH = 60  # characters; longer text wraps
HEADER_FILL = PatternFill("solid", fgColor="E8EEF5")


def _cell_value(value, kind: str, language: str):
    """A table value as Excel should hold it: numbers as numbers, lists as one text, yes/no in words."""
    if isinstance(value, list | tuple | np.ndarray):
        return "; ".join(str(v) for v in value)
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool | np.bool_):
        return ("yes" if value else "no") if language == "en" else ("ja" if value else "nee")
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value if kind in NUMBER_FORMATS else str(value)


def _sheet_frame(sheet, results, context) -> pd.DataFrame | None:
    table = readable(sheet.table, results.get(sheet.table), context)
    if table is None:
        return None
    if "dimension" in table.columns and "dimension_label" not in table.columns:
        table = table.assign(dimension_label=[dimension_label(d, context.language) for d in table["dimension"]])
    return table


def export_tables(results, path: Path) -> None:
    """Write the workbook of one municipality's results to `path` (atomically)."""
    context = table_context(results)
    language = context.language
    book = Workbook()
    book.remove(book.active)
    for sheet in SHEETS:
        table = _sheet_frame(sheet, results, context)
        if table is None:
            continue
        columns = [(c, kind, key) for c, kind, key in sheet.columns if c in table.columns]
        ws = book.create_sheet(sheet_name(sheet, language))
        ws.append([column_header(key, language) for _, _, key in columns])
        for row in table[[c for c, _, _ in columns]].itertuples(index=False):
            ws.append([_cell_value(v, kind, language) for v, (_, kind, _) in zip(row, columns)])
        _format(ws, columns, language)
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(path, buffer.getvalue())


def _format(ws, columns, language: str) -> None:
    """Header bold, frozen and filterable; percentages and counts formatted; widths fitted; no formulas."""
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions
    for j, (_, kind, _) in enumerate(columns, start=1):
        letter = get_column_letter(j)
        width = len(str(ws.cell(1, j).value or ""))
        for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
            if cell.data_type == "f":  # resident text starting with "=" stays text
                cell.data_type = "s"
            if kind in NUMBER_FORMATS and isinstance(cell.value, int | float):
                cell.number_format = NUMBER_FORMATS[kind]
                width = max(width, 8)
            elif cell.value is not None:
                width = max(width, min(len(str(cell.value)), MAX_WIDTH))
                if len(str(cell.value)) > MAX_WIDTH:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[letter].width = min(max(width, 6), MAX_WIDTH) + 2
