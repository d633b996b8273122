"""The learned decision: the offer model and the kind model of `data/offers_model.json`.

A logistic regression scores each unit (bias + flag weights + word and pair weights scaled by
scale/sqrt(length)); a text is as good as its best unit and holds an offer when that probability reaches the
file's threshold (chosen by grouped cross-validation over the labelled sets, `training`). A multinomial
logistic regression on the deciding unit gives the kind. The file is package data, read once, never
downloaded; `training` rebuilds it deterministically.
"""

from __future__ import annotations

import json
import math
from importlib import resources
from itertools import chain, repeat

from .clauses import _kind_of
from .lexicon import _KIND_ANY, _MARKERS


class _OfferModel:
    """data/offers_model.json: the offer model (bias, weights of flags "f:<flag>" and n-grams "w:"/"b:", n-gram scale,
    threshold) and the kind model (one bias and one weight per kind and feature)."""

    def __init__(self, data: dict):
        offer = data["offer"]
        self.bias = float(offer["bias"])
        self.threshold = float(data["threshold"])
        self.scale = float(data["ngram_scale"])
        self.weights: dict[str, float] = offer["weights"]
        self._flags = {k[2:]: v for k, v in self.weights.items() if k.startswith("f:")}
        self._words = {k[2:]: v for k, v in self.weights.items() if k.startswith("w:")}
        self._pairs = {tuple(k[2:].split(" ", 1)): v for k, v in self.weights.items() if k.startswith("b:")}
        kind = data.get("kind") or {}
        self.kinds: list[str] = list(kind.get("classes", ()))
        self.kind_bias: list[float] = list(kind.get("bias", ()))
        self.kind_weights: dict[str, list[float]] = kind.get("weights", {})
        self._kind_gets = ([], [], [])  # per class: look-ups of words ("w:"), flags ("f:"), the rest
        for c in range(len(self.kinds)):
            words, flags, other = {}, {}, {}
            for f, w in self.kind_weights.items():
                if f.startswith("w:"):
                    words[f[2:]] = w[c]
                elif f.startswith("f:"):
                    flags[f[2:]] = w[c]
                else:
                    other[f] = w[c]
            for target, table in zip(self._kind_gets, (words, flags, other)):
                target.append(table.get)

    def unit_score(self, flags: list[str], tokens: list[str]) -> float:
        """The unit's log-odds: bias + weights of its flags + (scale / sqrt(length)) * weights of its n-grams."""
        z = self.bias + sum(map(self._flags.get, flags, repeat(0.0)))
        if tokens:
            total = sum(map(self._words.get, tokens, repeat(0.0)))
            total += sum(map(self._pairs.get, zip(chain(("<s>",), tokens), chain(tokens, ("</s>",))), repeat(0.0)))
            z += total * self.scale / math.sqrt(len(tokens))
        return z

    def reasons(self, flags: list[str], tokens: list[str], top: int = 3) -> list[tuple[str, float]]:
        """The `top` flags and words that pushed the unit's score up most, with their share of the log-odds (word
        pairs are left out of the explanation: they rarely say more than their words)."""
        merged: dict[str, float] = {}
        for flag, value in zip(flags, map(self._flags.get, flags, repeat(0.0))):
            if value > 0:
                merged[flag] = merged.get(flag, 0.0) + value
        if tokens:
            scale = self.scale / math.sqrt(len(tokens))
            for t, value in zip(tokens, map(self._words.get, tokens, repeat(0.0))):
                if value > 0:
                    name = "'" + t + "'"
                    merged[name] = merged.get(name, 0.0) + value * scale
        return sorted(merged.items(), key=lambda x: -x[1])[:top]

    def kind(self, words: list[str], flags: list[str]) -> str | None:
        """The kind with the highest score under the kind model for the unit (words, flags) that decided; its
        features are those of _kind_features, looked up without building their names."""
        if not self.kinds:
            return None
        extra = _kind_extra_features(words)
        scores = [
            b + sum(map(w, words, repeat(0.0))) + sum(map(f, flags, repeat(0.0))) + sum(map(x, extra, repeat(0.0)))
            for b, w, f, x in zip(self.kind_bias, *self._kind_gets)
        ]
        return self.kinds[max(range(len(scores)), key=scores.__getitem__)]


def _kind_extra_features(words: list[str]) -> list[str]:
    """The kind model's features besides words and flags: the kinds the rules' lexicon gives the words and the
    kind markers among them ("word kind: meedenken", "marker: ruimte_middelen"), repeated per occurrence."""
    f = []
    for k, w in enumerate(words):
        if w in _KIND_ANY or len(w) > 9:
            kind = _kind_of(w, words, k)
            if kind:
                f.append("word kind: " + kind)
        marker = _MARKERS.get(w)
        if marker:
            f.append("marker: " + marker)
    return f


def _kind_features(words: list[str], flags: list[str]) -> list[str]:
    """All features of the kind model for the unit that decided, a feature repeated per occurrence: the unit's
    flags ("f:"), its words ("w:") and _kind_extra_features. (The rules' own kind of the sentence, _clause_kind,
    is left out: with it the kind model was better on the sets the rules were written on and worse on the
    second blind set.)"""
    return ["f:" + flag for flag in flags] + ["w:" + w for w in words] + _kind_extra_features(words)


# The shipped model: package data, never downloaded (training.py rebuilds it).
MODEL_FILE = "offers_model.json"
_MODEL: _OfferModel | None = None
_MODEL_LOADED = False


def _load_model() -> _OfferModel | None:
    """The shipped model, loaded once; None when data/offers_model.json is missing (then the rules decide alone)."""
    global _MODEL, _MODEL_LOADED
    if not _MODEL_LOADED:
        _MODEL_LOADED = True
        path = resources.files("cocreatie_analysis").joinpath("data", MODEL_FILE)
        if path.is_file():
            _MODEL = _OfferModel(json.loads(path.read_text(encoding="utf-8")))
    return _MODEL


def _set_model(model: _OfferModel | dict | None) -> None:
    """Use another model (the cross-validation in `training`, tests) or none (None: the rules alone)."""
    global _MODEL, _MODEL_LOADED
    _MODEL = _OfferModel(model) if isinstance(model, dict) else model
    _MODEL_LOADED = True


def _probability(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0
