"""The words of the coöperatie candidates and the list of offers: kinds of help, the mix, the description.

`kompas.build_cooperatives` returns codes and numbers (participants per kind, the mix as parallel lists with
hidden cells as NaN, a description code); this module says them in Dutch or English for the report and the
workbook. A hidden cell is never given a number, not even "fewer than …": only that smaller groups are hidden.
"""

from __future__ import annotations

import math

from .labels import dimension_label
from .numbers import format_cell

__all__ = ["KIND_LABELS", "cooperative_description", "kind_counts", "kind_label", "mix_lines"]

KIND_LABELS = {
    "nl": {
        "meedenken": "meedenken",
        "organiseren": "organiseren",
        "uitvoeren": "uitvoeren",
        "ruimte_middelen": "ruimte of middelen",
    },
    "en": {
        "meedenken": "thinking along",
        "organiseren": "organising",
        "uitvoeren": "hands-on work",
        "ruimte_middelen": "space or means",
    },
}


def _lang(language: str) -> str:
    return "en" if language == "en" else "nl"


def kind_label(kind, language: str = "nl") -> str:
    """A kind of offer in words ("ruimte_middelen" -> "ruimte of middelen"); empty when unknown."""
    if kind is None or (isinstance(kind, float) and math.isnan(kind)) or str(kind) in ("", "<NA>"):
        return ""
    return KIND_LABELS[_lang(language)].get(str(kind), str(kind))


def kind_counts(counts: dict[str, int], language: str = "nl") -> list[str]:
    """Kinds of help with the participants offering them, most first: ["uitvoeren: 7", "organiseren: 2"]."""
    ordered = sorted(((n, k) for k, n in counts.items() if n), key=lambda x: -x[0])
    return [f"{kind_label(k, language)}: {format_cell(n, 'int', language)}" for n, k in ordered]


def mix_lines(dimensions, categories, counts, min_cell_size: int, language: str = "nl") -> list[str]:
    """One line per dimension: the shown groups with their number, then whether smaller groups are hidden.

    "wijk: Centrum 12; kleinere groepen (minder dan 10) niet getoond"."""
    nl = _lang(language) == "nl"
    by_dimension: dict[str, list[str]] = {}
    hidden: dict[str, bool] = {}
    for dimension, category, n in zip(dimensions, categories, counts):
        shown = by_dimension.setdefault(str(dimension), [])
        if n is None or (isinstance(n, float) and math.isnan(n)):
            hidden[str(dimension)] = True
        else:
            shown.append(f"{category} {format_cell(n, 'int', language)}")
    lines = []
    for dimension, shown in by_dimension.items():
        parts = ["; ".join(shown)] if shown else []
        if hidden.get(dimension):
            parts.append(
                f"groepen kleiner dan {min_cell_size} niet getoond"
                if nl
                else f"groups smaller than {min_cell_size} not shown"
            )
        lines.append(f"{dimension_label(dimension, language)}: {'; '.join(parts)}")
    return lines


def cooperative_description(code: str, language: str = "nl") -> str:
    """What the candidate means for the council, from its description code (`kompas.DESCRIPTION_CODES`)."""
    nl = _lang(language) == "nl"
    if code == "with_organisers":
        return (
            "Er zijn bewoners die willen organiseren: een kandidaat voor een maatschappelijke coöperatie; "
            "nodig hen uit voor een eerste gesprek."
            if nl
            else "Some residents offer to organise: a candidate for a community cooperative; invite them to a "
            "first meeting."
        )
    return (
        "Nog niemand biedt aan te organiseren: zoek eerst een trekker, dan kan een coöperatie volgen."
        if nl
        else "Nobody offers to organise yet: find someone to take the lead first, then a cooperative can follow."
    )
