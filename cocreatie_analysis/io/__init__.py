"""Reading a municipality folder and writing outputs safely; importers for Pol.is and CBS StatLine exports.

`load_dataset(folder)` gives a validated `Dataset`; `validate(folder)` lists every problem without failing.
Everything the project writes goes through `atomic`.
"""

from __future__ import annotations

from .atomic import publish_mode, replace_dir, staged_dir, write_all_atomic, write_atomic
from .dataset import Dataset, author_ids, fingerprint, load_dataset, read_folder, validate
from .readers import decode, read_file, read_table, sniff_delimiter
from .values import parse_dates, parse_number

__all__ = [
    "Dataset",
    "author_ids",
    "decode",
    "fingerprint",
    "load_dataset",
    "parse_dates",
    "parse_number",
    "publish_mode",
    "read_file",
    "read_folder",
    "read_table",
    "replace_dir",
    "sniff_delimiter",
    "staged_dir",
    "validate",
    "write_all_atomic",
    "write_atomic",
]
