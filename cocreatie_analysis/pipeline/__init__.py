"""`analyse(dataset)`: every analysis step, once per municipality; saving and loading the processed results.

text → themes → sentiment → contribution offers → reach and weights → draagvlak → kompas. The notebooks and
the CLI only load what this module saved, so a report never recomputes (or silently differs from) the
analysis. Processed tables never hold personal data: resident text is PII-redacted before it is saved.
"""

from __future__ import annotations

from .analyse import MEMBERSHIP_THRESHOLD, analyse
from .opgaven import fit_themes, opgave_problems, theme_model
from .protect import place_names, protect
from .results import FORMAT_VERSION, MANIFEST, Results, code_fingerprint, is_current, load_results, save_results
from .validate import validate

__all__ = [
    "FORMAT_VERSION",
    "MANIFEST",
    "MEMBERSHIP_THRESHOLD",
    "Results",
    "analyse",
    "code_fingerprint",
    "fit_themes",
    "is_current",
    "load_results",
    "opgave_problems",
    "place_names",
    "protect",
    "save_results",
    "theme_model",
    "validate",
]
