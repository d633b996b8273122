"""The council's opgaven as the frame of the themes, and a warning for every opgave nobody raised.

The keys of `process.participation_levels` and of `themes.seeds` are one list of opgaven
(`themes.opgaven_frame`); an opgave without seed words is found by its own name. Every opgave stays a
theme, also with 0 inputs: that nobody raised it is a finding. `cocreatie validate` and the report's
data-quality section both name such an opgave and the closest theme residents did raise.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..config import CONFIG_FILE, Config
from ..errors import Problem
from ..themes import ThemeModel, opgaven_frame, unmatched_opgaven


def theme_model(config: Config, random_state: int = 0) -> ThemeModel:
    """The theme model the configuration asks for: guided by the opgaven when the council named any."""
    frame = opgaven_frame(config.theme_seeds, config.participation_levels) or None
    options = {} if config.min_confidence is None else {"min_confidence": config.min_confidence}
    return ThemeModel(
        language=config.language, n_themes=config.n_themes, seeds=frame, random_state=random_state, **options
    )


def opgave_problems(model: ThemeModel, config: Config) -> list[Problem]:
    """A warning per opgave of a fitted model that no input was placed in, naming its key and the closest
    theme residents raised."""
    problems = []
    for opgave, closest in unmatched_opgaven(model):
        key = (
            f"process.participation_levels.{opgave}"
            if opgave in config.participation_levels
            else f"themes.seeds.{opgave}"
        )
        hint = f"; closest theme: '{closest}'" if closest else ""
        problems.append(
            Problem(
                str(config.folder / CONFIG_FILE),
                f"opgave '{opgave}' matches no input (no input uses its name or seed words){hint}. "
                "It stays in the kompas with 0; add seed words under themes.seeds if residents name it otherwise",
                column=key,
                severity="warning",
            )
        )
    return problems


def fit_themes(texts: pd.Series, config: Config, random_state: int = 0) -> tuple[ThemeModel, np.ndarray, list[Problem]]:
    """The fitted theme model, the membership of every text in every theme (`ThemeModel.transform`), and
    the warnings about opgaven it found no input for."""
    model = theme_model(config, random_state)
    membership = model.fit_transform(texts)
    return model, membership, opgave_problems(model, config)
