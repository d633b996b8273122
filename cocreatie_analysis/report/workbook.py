"""The Excel workbook of a report set: the main result tables, for analysts who continue in a spreadsheet."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from ..io.atomic import write_atomic
from ..wording.tables import readable, table_context

__all__ = ["export_tables"]


def export_tables(results, path: Path) -> None:
    """An Excel workbook with the main result tables, for analysts who continue in a spreadsheet."""
    sheets = [
        "kompas",
        "themes",
        "counts",
        "reach_representation",
        "reach_unusual_suspects",
        "reach_channel_advice",
        "draagvlak_statements",
        "draagvlak_group_support",
        "draagvlak_indicative",
    ]
    context = table_context(results)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name in sheets:
            table = readable(name, results.get(name), context)
            if table is None:
                continue
            table = table.copy()
            for column in table.columns:  # list cells (top terms, quotes) as one readable text
                if table[column].map(lambda v: hasattr(v, "__len__") and not isinstance(v, str)).any():
                    table[column] = table[column].map(
                        lambda v: "; ".join(map(str, v)) if hasattr(v, "__len__") and not isinstance(v, str) else v
                    )
            table.to_excel(writer, sheet_name=name[:31], index=False)
            for row in writer.sheets[name[:31]].iter_rows():
                for cell in row:  # resident text starting with "=" must stay text, never become a formula
                    if cell.data_type == "f":
                        cell.data_type = "s"
    write_atomic(path, buffer.getvalue())
