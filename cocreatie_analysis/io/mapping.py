"""Mapping a municipality's own headers and values onto the canonical tables (gemeente.yaml `columns:`, `values:`)."""

from __future__ import annotations

import difflib
import re

import numpy as np
import pandas as pd

from ..config import Config
from ..vocabulary import CONFIG_FILE, OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from .problems import ProblemCollector

__all__ = ["map_columns", "recode"]


def map_columns(
    frame: pd.DataFrame, table: str, mapping: dict[str, str], file: str, out: ProblemCollector
) -> pd.DataFrame | None:
    """Rename the municipality's headers to canonical names; report missing required columns with a hint.

    Headers match the mapping case-insensitively; headers that already are canonical need no mapping. Other
    columns are dropped, except on participants, where extra attributes can be a municipality's own
    target-group dimensions.
    """
    headers = list(frame.columns)
    for header in headers:  # pandas renames a repeated header "X" to "X.1"
        base = re.sub(r"\.\d+$", "", header)
        if base != header and base in headers:
            out.add(file, f"column '{base}' appears more than once; give each column its own header", column=base)
    lookup = {own.strip().lower(): canonical for own, canonical in mapping.items()}
    known = set(REQUIRED_COLUMNS[table]) | set(OPTIONAL_COLUMNS[table])
    renamed: dict[str, str] = {}
    # explicit mappings first: a mapped header wins over a header that happens to carry a canonical name
    for header in headers:
        canonical = lookup.get(header.lower())
        if canonical is not None and canonical not in renamed.values():
            renamed[header] = canonical
    for header in headers:
        if header not in renamed and (header in known or table == "participants") and header not in renamed.values():
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
        out.add(
            file,
            f"required column {source} is missing{hint} (columns in the file: "
            f"{', '.join(headers)}; map your own headers under columns.{table} in {CONFIG_FILE})",
            column=wanted,
        )
    if missing:
        return None
    _warn_near_misses(headers, renamed, table, mapping, file, out)
    out.headers[str(file)] = {canonical: own for own, canonical in renamed.items() if own != canonical}
    return frame[list(renamed)].rename(columns=renamed)


def _warn_near_misses(
    headers: list[str], renamed: dict[str, str], table: str, mapping: dict[str, str], file: str, out: ProblemCollector
) -> None:
    """A warning for an optional column that is missing while a header in the file looks like it ("Wjik" for
    "Wijk"): a misspelled header silently drops a whole dimension or field from the report otherwise."""
    known = set(REQUIRED_COLUMNS[table]) | set(OPTIONAL_COLUMNS[table])
    unused = [h for h in headers if h not in renamed or renamed[h] not in known]
    for column in OPTIONAL_COLUMNS[table]:
        if column in renamed.values():
            continue
        expected = [own for own, canonical in mapping.items() if canonical == column] or [column]
        for wanted in expected:
            close = difflib.get_close_matches(wanted.lower(), [h.lower() for h in unused], n=1, cutoff=0.75)
            if not close:
                if wanted != column:
                    out.add(
                        file,
                        f"column '{wanted}' (for '{column}', {CONFIG_FILE} columns.{table}) is not in the file; "
                        f"'{column}' is left out",
                        column=wanted,
                        severity="warning",
                    )
                continue
            header = next(h for h in unused if h.lower() == close[0])
            source = f"'{wanted}' (for '{column}')" if wanted != column else f"'{column}'"
            out.add(
                file,
                f"column '{header}' is not used; did you mean {source}? Without it '{column}' is left out of the "
                f"analysis and the reports",
                column=header,
                severity="warning",
            )


def recode(frame: pd.DataFrame, table: str, config: Config) -> pd.DataFrame:
    """Apply gemeente.yaml `values:` recodings (case-insensitive); unmapped values stay as they are."""
    for column, mapping in config.values.get(table, {}).items():
        if column in frame.columns:
            lowered = frame[column].str.lower()
            mapped = lowered.map(lambda v, m=mapping: m.get(v, np.nan) if isinstance(v, str) else np.nan)
            frame[column] = frame[column].where(mapped.isna(), mapped.astype(object))
    return frame
