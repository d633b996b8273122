"""`validate(folder)`: every problem `cocreatie validate` reports, including what only the analysis can tell.

Reading finds the errors and warnings of the files themselves (`io.validate`); when the folder reads
without errors, the themes are fitted on the protected text to warn about opgaven that match no input.
Nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..io import load_dataset
from ..io import validate as validate_files
from .opgaven import fit_themes
from .protect import protect


def validate(folder: str | Path) -> list[Problem]:
    """Every problem (errors and warnings) in a municipality folder; nothing is raised or written."""
    problems = validate_files(folder)
    if any(p.severity == "error" for p in problems):
        return problems
    dataset = protect(load_dataset(folder))
    return problems + fit_themes(dataset.inputs["text"], dataset.config)[2]
