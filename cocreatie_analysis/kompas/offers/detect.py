"""Offers to contribute: residents who say they will do something themselves.

The kompas lists, per opgave, what residents offer to do ("ik wil best meehelpen met de moestuin", "wij stellen
onze kantine beschikbaar"), so the council can spot candidates for a maatschappelijke coöperatie. Per text:
whether it holds an offer (`detect_offers`), which kind (`KINDS`), the sentence that decided (`evidence`) and
why (`cue`: the probability and the three flags or words that weighed most), so every decision can be checked.

An offer is a resident's, or their own club's or business's, concrete commitment or clear willingness to do
something themselves. Not an offer: asking the municipality or others ("laat de mensen het zelf maar
regelen"), a club recruiting volunteers, refusals, apologies, attending a meeting, help in one's own
household, irony, paid services. Dutch and English words both count whatever the language.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ...text.cleaning import as_text
from .clauses import _clause_kind
from .features import _units
from .model import _load_model, _probability
from .phrases import _TOKEN_RE
from .rules import _NO_CUE, _VETOED, _lower, _rule_analysis
from .word_table import _sentences

__all__ = ["analyse_offers", "detect_offers", "offer_kinds", "rules_only", "text_probability"]


def _analyse_text(text: str) -> tuple[float, str | None, str | None, str | None]:
    """(probability, kind, cue, evidence) of one text; kind, cue and evidence are None below the threshold."""
    model = _load_model()
    if model is None:  # only when the package data is missing: the clause rules decide alone
        lowered = _lower(as_text(text))
        hit = _rule_analysis(lowered, _TOKEN_RE.findall(lowered))
        if hit is None or hit is _VETOED or hit is _NO_CUE:
            return 0.0, None, None, None
        return 1.0, hit[0], hit[1], hit[2]
    found = _units(text)
    if found is None:  # the two hard rules: sells a service or is ironic; or not one cue word
        return 0.0, None, None, None
    units, _hit, tokens, spans, normalised = found
    best, best_z = None, -1e9
    for unit in units:
        z = model.unit_score(unit[0], unit[1])
        if z > best_z:
            best, best_z = unit, z
    probability = _probability(best_z)
    if probability < model.threshold:
        return probability, None, None, None
    flags, unit_tokens, s = best
    begin, end, _ = spans[s]
    words = normalised[begin:end]
    kind = model.kind(words, flags) or _clause_kind(words) or "uitvoeren"
    reasons = ", ".join(f"{name} {value:+.1f}" for name, value in model.reasons(flags, unit_tokens))
    cue = f"p {probability:.2f}: {reasons}"
    # the evidence in the writer's own words where normalising kept the sentences as they were
    original = _sentences(tokens)
    evidence_span = original[s] if s < len(original) and len(original) == len(spans) else spans[s]
    source = tokens if evidence_span is not spans[s] else normalised
    return probability, kind, cue, " ".join(source[evidence_span[0] : evidence_span[1]])


def text_probability(text: str) -> float:
    """The model's probability that the text holds an offer (0 for a vetoed text or one without a cue word)."""
    return _analyse_text(as_text(text))[0]


def analyse_offers(texts: Iterable, language: str = "nl") -> pd.DataFrame:
    """One row per text: `offer` (bool), `kind` (one of KINDS, None without an offer), `probability` (the
    model's, of the best sentence), `evidence` (the sentence that decided, lower-cased) and `cue` (the
    probability and the three flags or words that weighed most).

    `language` is accepted for symmetry with the other detectors: Dutch and English words both count whatever
    it is, because residents mix them ("Count me in voor de klankbordgroep").
    """
    rows = [_analyse_text(as_text(text)) for text in texts]
    probability, kind, cue, evidence = zip(*rows) if rows else ((), (), (), ())
    probability = np.asarray(probability, dtype=float)
    return pd.DataFrame(
        {
            "offer": np.array([k is not None for k in kind], dtype=bool),
            "kind": pd.Series(kind, dtype="string"),
            "probability": probability,
            "evidence": pd.Series(evidence, dtype="string"),
            "cue": pd.Series(cue, dtype="string"),
        }
    )


def detect_offers(texts: Iterable, language: str = "nl") -> np.ndarray:
    """True where a resident (or their own group) offers to do something themselves."""
    return analyse_offers(texts, language)["offer"].to_numpy(dtype=bool)


def offer_kinds(texts: Iterable, language: str = "nl") -> list[str | None]:
    """The kind of offer per text (one of KINDS), None where the text holds no offer."""
    kinds = analyse_offers(texts, language)["kind"]
    return [None if pd.isna(k) else str(k) for k in kinds]


def rules_only(texts: Iterable) -> np.ndarray:
    """The clause rules' own verdict (for comparison in benchmarks/offers.py; not what analyse_offers decides)."""
    out = []
    for text in texts:
        lowered = _lower(as_text(text))
        hit = _rule_analysis(lowered, _TOKEN_RE.findall(lowered))
        out.append(hit is not None and hit is not _VETOED and hit is not _NO_CUE)
    return np.array(out, dtype=bool)
