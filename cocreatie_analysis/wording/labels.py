"""Readable names: dimensions ("wijk" for district) and groups ("jongeren van 15–24 jaar"), Dutch and English."""

from __future__ import annotations

from ..io.values import parse_age_band
from ..vocabulary import check_language

__all__ = ["EFFECT_SIZE_LABELS", "dimension_label", "group_label", "join_list", "natural_order"]

# --------------------------------------------------------------------------------------------- labels
_DIMENSION_LABELS = {
    "nl": {
        "age_group": "leeftijd",
        "age": "leeftijd",
        "gender": "geslacht",
        "district": "wijk",
        "origin": "herkomst",
        "education": "opleiding",
        "income": "inkomen",
        "channel": "kanaal",
        "opinion_group": "opiniegroep",
        "polis_group": "Pol.is-groep",
    },
    "en": {
        "age_group": "age",
        "age": "age",
        "gender": "gender",
        "district": "district",
        "origin": "origin",
        "education": "education",
        "income": "income",
        "channel": "channel",
        "opinion_group": "opinion group",
        "polis_group": "Pol.is group",
    },
}


_GENDER_GROUPS = {
    "nl": {
        "man": "mannen",
        "mannen": "mannen",
        "m": "mannen",
        "vrouw": "vrouwen",
        "vrouwen": "vrouwen",
        "v": "vrouwen",
        "male": "mannen",
        "female": "vrouwen",
    },
    "en": {
        "man": "men",
        "mannen": "men",
        "m": "men",
        "male": "men",
        "men": "men",
        "vrouw": "women",
        "vrouwen": "women",
        "v": "women",
        "female": "women",
        "woman": "women",
        "women": "women",
    },
}


_GROUP_TEMPLATES = {
    "nl": {
        "origin": "inwoners met herkomst {c}",
        "education": "inwoners met opleidingsniveau {c}",
        "income": "inwoners met inkomen {c}",
        "district": "inwoners van {c}",
        "gender": "inwoners met geslacht {c}",
        "polis_group": "deelnemers uit Pol.is-groep {c}",
        "default": "inwoners met {d} {c}",
    },
    "en": {
        "origin": "residents with origin {c}",
        "education": "residents with education level {c}",
        "income": "residents with income {c}",
        "district": "residents of {c}",
        "gender": "residents of gender {c}",
        "polis_group": "participants in Pol.is group {c}",
        "default": "residents with {d} {c}",
    },
}


def join_list(items: list[str], language: str = "nl") -> str:
    """ "a, b en c" / "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" and " if language == "en" else " en ") + items[-1]


def dimension_label(dimension: str, language: str = "nl") -> str:
    """Readable name of a dimension ("wijk" for district); joint dimensions are joined with " × "."""
    labels = _DIMENSION_LABELS[check_language(language)]
    parts = [p.strip() for p in str(dimension).split("|")]
    return " × ".join(labels.get(p, p.replace("_", " ")) for p in parts)


def _age_group_label(category: str, language: str) -> str:
    band = parse_age_band(category)
    if band is None:
        return ("inwoners met leeftijd {c}" if language == "nl" else "residents aged {c}").format(c=category)
    lo, hi = band
    if hi is None:
        if language == "nl":
            return f"ouderen van {lo} jaar en ouder" if lo >= 65 else f"inwoners van {lo} jaar en ouder"
        return f"older residents aged {lo}+" if lo >= 65 else f"residents aged {lo}+"
    span = f"{lo}–{hi}"
    if language == "nl":
        kind = "kinderen" if hi < 15 else "jongeren" if hi <= 27 else "ouderen" if lo >= 65 else "inwoners"
        return f"{kind} van {span} jaar"
    kind = "children" if hi < 15 else "young people" if hi <= 27 else "older residents" if lo >= 65 else "residents"
    return f"{kind} aged {span}"


def group_label(dimension: str, category: str, language: str = "nl") -> str:
    """A group named in plain language: ("age_group", "15-24") -> "jongeren van 15–24 jaar".

    Joint cells: the first component's group, then the other components ("jongeren van 15–24 jaar, wijk
    Centrum").
    """
    check_language(language)
    dims = [d.strip() for d in str(dimension).split("|")]
    cats = [c.strip() for c in str(category).split("|")] if len(dims) > 1 else [str(category)]
    if len(dims) > 1 and len(cats) == len(dims):
        rest = [f"{dimension_label(d, language)} {c}" for d, c in zip(dims[1:], cats[1:])]
        return ", ".join([group_label(dims[0], cats[0], language)] + rest)
    dim, cat = dims[0], str(category).strip()
    if dim in ("age_group", "age"):
        return _age_group_label(cat, language)
    if dim == "gender" and cat.casefold() in _GENDER_GROUPS[language]:
        return _GENDER_GROUPS[language][cat.casefold()]
    templates = _GROUP_TEMPLATES[language]
    return templates.get(dim, templates["default"]).format(c=cat, d=dimension_label(dim, language))


_ORDINAL = {  # ordered answers, low to high: shown in this order, not alphabetically (hoog, laag, middelbaar)
    w: i
    for i, words in enumerate(
        [
            ("laag", "low", "lager", "basis"),
            ("middelbaar", "midden", "middel", "gemiddeld", "middle", "medium", "mbo"),
            ("hoog", "high", "hoger", "hbo", "wo"),
        ]
    )
    for w in words
}
_LAST = ("anders", "other", "onbekend", "unknown", "overig")


def natural_order(categories, reference=()) -> list:
    """Categories in the order a reader expects: as in `reference` (the population table's order) where
    known, then age bands by age, low → middle → high, the rest alphabetically, and "anders"/"onbekend" last."""
    categories = list(dict.fromkeys(categories))
    known = [c for c in dict.fromkeys(reference) if c in categories]

    def key(category):
        text = str(category).strip().casefold()
        band = parse_age_band(str(category))
        if band is not None:
            return (1, band[0], "")
        if text in _ORDINAL:
            return (2, _ORDINAL[text], "")
        return (4 if text in _LAST else 3, 0, text)

    rest = sorted((c for c in categories if c not in known), key=key)
    return known + rest


# Cohen's conventions for the size of a difference (reach's effect_size codes).
EFFECT_SIZE_LABELS = {
    "nl": {"negligible": "verwaarloosbaar", "small": "klein", "medium": "middelgroot", "large": "groot"},
    "en": {"negligible": "negligible", "small": "small", "medium": "medium", "large": "large"},
}
