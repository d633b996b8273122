"""Turning processed results into reports: rendering, the workbook, the index page and batches.

`present` and `plots` are what the report notebooks call; `render` runs and exports them; `batch` makes whole
report sets for one or many municipalities.
"""

from __future__ import annotations

from .batch import analyse_folder, batch, municipality_folders, report_folder
from .index import Outcome, write_index
from .render import find_chromium, to_pdf

__all__ = [
    "Outcome",
    "analyse_folder",
    "batch",
    "find_chromium",
    "municipality_folders",
    "report_folder",
    "to_pdf",
    "write_index",
]
