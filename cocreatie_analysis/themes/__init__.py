"""Themes: which opgaven residents raise.

`ThemeModel` places every input with a subject in a theme: guided by the council's opgaven (seed words,
matched inside compounds too) and, where inputs fit none of them, by themes it discovers itself.
"""

from __future__ import annotations

from .model import DEFAULT_MIN_CONFIDENCE, ThemeModel, opgaven_frame, unmatched_opgaven

__all__ = ["DEFAULT_MIN_CONFIDENCE", "ThemeModel", "opgaven_frame", "unmatched_opgaven"]
