"""`validate(folder)`: every problem `cocreatie validate` reports, including what only the analysis can tell.

Reading finds the errors and warnings of the files themselves (`io.read_folder`, each file read once); when
the folder reads without errors, the themes are fitted on the protected text to warn about opgaven that match
no input. Nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..io import read_folder
from .opgaven import fit_themes
from .protect import protect


def validate(folder: str | Path) -> list[Problem]:
    """Every problem (errors and warnings) in a municipality folder; nothing is raised or written."""
    dataset, problems = read_folder(folder)
    if dataset is None or any(p.severity == "error" for p in problems):
        return problems
    dataset = protect(dataset)
    return problems + fit_themes(dataset.inputs["text"], dataset.config)[2]
