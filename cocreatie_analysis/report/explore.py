"""Exploring one municipality's input in JupyterLab (`notebooks/verkenning.ipynb`): filter, search, compare
two groups, and see why an input got its opgave and its tone.

For the analyst who made the reports, on their own machine: it reads the raw folder again (to know each
input's wijk, age group, … through its pseudonymised participant), applies the same privacy layer as the
analysis (`pipeline.protect`: redacted text, pseudonymised ids) and joins the processed results. Nothing is
written. Group comparisons follow the one suppression rule: a group below the minimum cell size is not
compared.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..io import load_dataset
from ..pipeline import load_results, protect, theme_model
from ..privacy import suppress
from ..sentiment import SentimentScorer
from ..sentiment import label as tone_label

__all__ = ["Exploration"]

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


class Exploration:
    """One municipality's inputs with their opgave, confidence, tone, offer and the author's attributes."""

    def __init__(self, dataset, results):
        self.dataset = dataset
        self.results = results
        self.config = dataset.config
        self.min_cell_size = self.config.min_cell_size
        self._themes = None
        self._scorer = None
        processed = results["inputs"][
            ["input_id", "theme_id", "theme", "theme_confidence", "sentiment", "offers_help"]
        ].copy()
        inputs = dataset.inputs.merge(
            processed, on="input_id", how="inner", suffixes=("_raw", ""), validate="one_to_one"
        )
        inputs["tone"] = tone_label(inputs["sentiment"], names=True, language=self.config.language)
        participants = dataset.participants
        if participants is not None and "participant_id" in inputs.columns:
            attributes = [c for c in participants.columns if c != "participant_id" and c not in inputs.columns]
            inputs = inputs.merge(participants[["participant_id", *attributes]], on="participant_id", how="left")
        self.inputs = inputs

    @classmethod
    def load(cls, folder: str | Path, processed_root: str | Path = "data/processed") -> Exploration:
        """Read the raw folder (protected as in the analysis) and its processed results."""
        dataset = protect(load_dataset(folder))
        return cls(dataset, load_results(Path(processed_root) / dataset.config.slug))

    # ---- looking ---------------------------------------------------------------------------------------
    def attributes(self) -> list[str]:
        """The columns one can filter and compare on (wijk, age group, channel, …)."""
        skip = {"input_id", "text", "participant_id", "theme_id", "theme", "theme_confidence", "sentiment"}
        return [c for c in self.inputs.columns if c not in skip and not c.endswith("_raw")]

    def filter(self, opgave: str | None = None, search: str | None = None, **attributes) -> pd.DataFrame:
        """Inputs about `opgave`, containing `search` (case-insensitive words or a regular expression), and
        with the given attribute values (`wijk="Centrum"`, `channel="online"`, `age_group="15-24"`)."""
        frame = self.inputs
        if opgave is not None:
            frame = frame[frame["theme"] == opgave]
        if search:
            frame = frame[frame["text"].str.contains(search, case=False, regex=True, na=False)]
        for column, value in attributes.items():
            column = {"wijk": "district", "kanaal": "channel", "leeftijd": "age_group"}.get(column, column)
            if column not in frame.columns:
                raise KeyError(f"no attribute {column!r}; choose from {', '.join(self.attributes())}")
            wanted = value if isinstance(value, list | tuple | set) else [value]
            frame = frame[frame[column].isin(wanted)]
        columns = ["input_id", "text", "theme", "theme_confidence", "tone", "offers_help"]
        return frame[[c for c in columns if c in frame.columns] + [c for c in self.attributes() if c not in columns]]

    def compare(self, attribute: str, group_a, group_b) -> pd.DataFrame:
        """Per opgave, the share of each group's participants who raised it and the share of their inputs
        that are concerns. Cells the one suppression rule hides (fewer than the minimum cell size, or
        recoverable from the group's total) stay empty, and so does a whole group below the minimum."""
        column = {"wijk": "district", "kanaal": "channel", "leeftijd": "age_group"}.get(attribute, attribute)
        if column not in self.inputs.columns:
            raise KeyError(f"no attribute {attribute!r}; choose from {', '.join(self.attributes())}")
        frame = self.inputs[self.inputs["theme_id"] >= 0]
        person = frame["participant_id"] if "participant_id" in frame.columns else frame["input_id"]
        parts = []
        for group in (group_a, group_b):
            part = frame[frame[column] == group]
            people = person[part.index]
            n = int(people.nunique())
            per_opgave = people.groupby(part["theme"]).nunique()
            hidden = suppress(per_opgave.to_numpy(), None, self.min_cell_size) | (n < self.min_cell_size)
            concern = (part["sentiment"] < 0).groupby(part["theme"]).mean().reindex(per_opgave.index)
            parts.append(
                pd.DataFrame(
                    {
                        f"{group}: raised it (of {n})": np.where(hidden, np.nan, per_opgave / max(n, 1)),
                        f"{group}: concern": np.where(hidden, np.nan, concern),
                    },
                    index=per_opgave.index,
                )
            )
        out = parts[0].join(parts[1], how="outer")
        out.index.name = "opgave"
        return out

    # ---- why -------------------------------------------------------------------------------------------
    def why(self, input_id) -> dict:
        """Why an input got its opgave and its tone: its membership in every opgave (the model's `transform`),
        the words that weigh most toward its opgave (how much the membership drops without each word), and
        what moved its tone (`SentimentScorer.explain`)."""
        row = self.inputs.loc[self.inputs["input_id"].astype(str) == str(input_id)]
        if row.empty:
            raise KeyError(f"no input {input_id!r}")
        text = str(row["text"].iloc[0])
        model = self._theme_model()
        names = model.themes_["name"].tolist()
        membership = pd.Series(model.transform([text])[0], index=names, name="membership")
        theme = int(row["theme_id"].iloc[0])
        return {
            "text": text,
            "opgave": row["theme"].iloc[0],
            "confidence": float(row["theme_confidence"].iloc[0]),
            "membership": membership.sort_values(ascending=False),
            "words": self._theme_words(model, text, theme),
            "tone": self._sentiment().explain(text),
        }

    def _theme_words(self, model, text: str, theme: int) -> pd.DataFrame:
        if theme < 0:
            return pd.DataFrame(columns=["word", "weight"])
        full = float(model.transform([text])[0][theme])
        words = sorted({w.lower() for w in _WORD.findall(text)})
        variants = [re.sub(rf"(?i)\b{re.escape(w)}\b", " ", text) for w in words]
        without = model.transform(variants)[:, theme] if variants else np.array([])
        table = pd.DataFrame({"word": words, "weight": full - without})
        return table[table["weight"] > 0.005].sort_values("weight", ascending=False).reset_index(drop=True)

    def _theme_model(self):
        """The analysis' theme model, fitted again on the same protected text (deterministic: the same
        opgaven and labels as in the processed results)."""
        if self._themes is None:
            self._themes = theme_model(self.config).fit(self.dataset.inputs["text"])
        return self._themes

    def _sentiment(self) -> SentimentScorer:
        if self._scorer is None:
            self._scorer = SentimentScorer(self.config.language, lexicon=self.config.sentiment_lexicon or None)
        return self._scorer
