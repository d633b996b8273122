"""Themes: which opgaven residents raise. `ThemeModel` finds them by itself or guided by seed words."""

from __future__ import annotations

from .model import ThemeModel, dmm_log_evidence

__all__ = ["ThemeModel", "dmm_log_evidence"]
