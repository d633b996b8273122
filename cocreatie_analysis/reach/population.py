"""The population table as margins, and participants matched to its categories.

Participant values are compared with the population's categories as text, ignoring case, surrounding spaces
and the kind of dash ("15 – 24" matches "15-24"); whole numbers stored as floats ("3.0") match "3". Joint
population dimensions are named ``"age_group | district"`` with categories ``"15-24 | Centrum"``; a participant
is in a joint cell when each component matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import UserError
from ..vocabulary import JOINT_SEP
from .issues import Issue

__all__ = [
    "Coded",
    "Margin",
    "as_label",
    "check_dimensions",
    "code_participants",
    "coding_issues",
    "default_dimensions",
    "margin_total_issue",
    "match_categories",
    "normalise_label",
    "population_margins",
    "sample_issues",
    "split_joint",
]


# --------------------------------------------------------------------------------------------- population
@dataclass
class Margin:
    """One population dimension: categories (population order), their counts and (for joint ones) parts."""

    dimension: str
    components: tuple[str, ...]
    categories: list[str]
    counts: np.ndarray
    parts: list[tuple[str, ...]]

    @property
    def total(self) -> float:
        return float(self.counts.sum())


def as_label(value) -> str | None:
    """A cell value as a category label; None when missing. 3.0 -> "3"; strings stripped; "" -> None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating):
        if not np.isfinite(value):
            return None
        return str(int(value)) if float(value).is_integer() else str(float(value))
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        return str(int(value))
    text = str(value).strip()
    return text or None


def normalise_label(text: str) -> str:
    text = re.sub(r"\s*[-–—]\s*", "-", text.casefold())
    return re.sub(r"\s+", " ", text).strip()


def split_joint(name: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in str(name).split("|"))


def population_margins(population: pd.DataFrame) -> tuple[dict[str, Margin], list[Issue]]:
    """Validate the population table and group it into margins. Structural errors raise ValueError."""
    if not isinstance(population, pd.DataFrame):
        raise TypeError(f"population must be a pandas DataFrame, not {type(population).__name__}")
    missing = [c for c in ("dimension", "category", "count") if c not in population.columns]
    if missing:
        raise UserError(
            f"population table: missing column(s) {', '.join(missing)}; it needs dimension, category and count"
        )
    issues: list[Issue] = []
    counts = pd.to_numeric(population["count"], errors="coerce")
    bad = counts.isna() & population["count"].notna()
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise UserError(
            f"population table, row {pos + 2}, column 'count': {population['count'].iloc[pos]!r} is not a number"
        )
    if (counts < 0).any() or np.isinf(counts).any():
        pos = int(np.flatnonzero(((counts < 0) | np.isinf(counts)).to_numpy())[0])
        raise UserError(f"population table, row {pos + 2}, column 'count': {counts.iloc[pos]} is not a count ≥ 0")
    margins: dict[str, Margin] = {}
    seen: dict[tuple[str, str], int] = {}
    rows: dict[str, list[tuple[str, float]]] = {}
    for pos, (dim, cat, count) in enumerate(zip(population["dimension"], population["category"], counts)):
        dim_label, cat_label = as_label(dim), as_label(cat)
        if dim_label is None or cat_label is None:
            empty = "dimension" if dim_label is None else "category"
            raise UserError(f"population table, row {pos + 2}: empty {empty}")
        dim_label = JOINT_SEP.join(split_joint(dim_label))
        if JOINT_SEP in dim_label:
            parts = split_joint(cat_label)
            if len(parts) != len(split_joint(dim_label)):
                raise UserError(
                    f"population table, row {pos + 2}: category {cat_label!r} of joint dimension "
                    f"{dim_label!r} must have one part per component, separated by ' | '"
                )
            cat_label = JOINT_SEP.join(parts)
        key = (dim_label, cat_label)
        if key in seen:
            raise UserError(
                f"population table, row {pos + 2}: category {cat_label!r} of {dim_label!r} appears "
                f"twice (first in row {seen[key] + 2})"
            )
        seen[key] = pos
        if pd.isna(count):
            issues.append(Issue("population_count_missing", dim_label, cat_label))
            continue
        rows.setdefault(dim_label, []).append((cat_label, float(count)))
    for dim, items in rows.items():
        components = split_joint(dim)
        cats = [c for c, _ in items]
        parts = [split_joint(c) if len(components) > 1 else (c,) for c in cats]
        margins[dim] = Margin(dim, components, cats, np.array([v for _, v in items], dtype=float), parts)
    return margins, issues


# --------------------------------------------------------------------------------------------- matching
def match_categories(values: pd.Series, categories: list[str]) -> tuple[np.ndarray, dict[str, int]]:
    """Category index per value (-1 missing, -2 unknown) and the unknown values with their counts."""
    codes_u, uniques = pd.factorize(values, use_na_sentinel=True)
    exact = {c: i for i, c in enumerate(categories)}
    normalised: dict[str, list[int]] = {}
    for i, c in enumerate(categories):
        normalised.setdefault(normalise_label(c), []).append(i)
    mapping = np.full(len(uniques) + 1, -1, dtype=np.int64)  # last slot: pandas' NA sentinel -1
    unknown_labels: dict[int, str] = {}
    for j, u in enumerate(uniques):
        label = as_label(u)
        if label is None:
            continue
        if label in exact:
            mapping[j] = exact[label]
        elif len(normalised.get(normalise_label(label), ())) == 1:
            mapping[j] = normalised[normalise_label(label)][0]
        else:
            mapping[j] = -2
            unknown_labels[j] = label
    codes = mapping[codes_u]
    unknown: dict[str, int] = {}
    if unknown_labels:
        freq = np.bincount(codes_u[codes_u >= 0], minlength=len(uniques))
        for j, label in unknown_labels.items():
            unknown[label] = unknown.get(label, 0) + int(freq[j])
    return codes, unknown


@dataclass
class Coded:
    """Participants' category index for one margin: -1 missing/unknown; plus what was not matched."""

    codes: np.ndarray
    n_missing: int
    unknown: dict[str, int]
    zero: dict[str, int]


def code_participants(participants: pd.DataFrame, margin: Margin) -> Coded:
    if len(margin.components) == 1:
        codes, unknown = match_categories(participants[margin.components[0]], margin.categories)
    else:
        comp_codes, comp_cats = [], []
        for j, comp in enumerate(margin.components):
            cats_j = list(dict.fromkeys(p[j] for p in margin.parts))
            c, _ = match_categories(participants[comp], cats_j)  # unknown component values are reported per dimension
            comp_codes.append(c)
            comp_cats.append(cats_j)
        shape = tuple(len(c) for c in comp_cats)
        lookup = np.full(int(np.prod(shape)), -2, dtype=np.int64)
        index = [{c: i for i, c in enumerate(cats)} for cats in comp_cats]
        for k, parts in enumerate(margin.parts):
            lookup[np.ravel_multi_index(tuple(index[j][p] for j, p in enumerate(parts)), shape)] = k
        stacked = np.vstack(comp_codes)
        any_missing = (stacked == -1).any(axis=0)
        any_unknown = (stacked == -2).any(axis=0)
        valid = ~any_missing & ~any_unknown
        codes = np.full(len(participants), -1, dtype=np.int64)
        codes[any_unknown & ~any_missing] = -2
        if valid.any():
            codes[valid] = lookup[np.ravel_multi_index(tuple(s[valid] for s in stacked), shape)]
        unknown = {}
        combos = valid & (codes == -2)
        if combos.any():
            for cell, count in zip(
                *np.unique(np.ravel_multi_index(tuple(s[combos] for s in stacked), shape), return_counts=True)
            ):
                idx = np.unravel_index(cell, shape)
                unknown[JOINT_SEP.join(comp_cats[j][i] for j, i in enumerate(idx))] = int(count)
    n_missing = int((codes == -1).sum())
    zero = {}
    zero_pop = np.flatnonzero(margin.counts == 0)
    if len(zero_pop):
        known = codes >= 0
        hits = np.bincount(codes[known], minlength=len(margin.categories))
        for k in zero_pop:
            if hits[k]:
                zero[margin.categories[k]] = int(hits[k])
        codes = np.where(known & np.isin(codes, zero_pop), -2, codes)
    codes = np.where(codes < 0, -1, codes)
    return Coded(codes, n_missing, unknown, zero)


def coding_issues(coded: Coded, margin: Margin) -> list[Issue]:
    issues = []
    dim = margin.dimension
    if coded.n_missing:
        issues.append(Issue("missing_values", dim, n=coded.n_missing))
    for label, n in coded.unknown.items():
        issues.append(Issue("unknown_category", dim, label, n=n))
    for label, n in coded.zero.items():
        issues.append(Issue("zero_population_category", dim, label, n=n))
    return issues


def sample_issues(n_k: np.ndarray, margin: Margin) -> list[Issue]:
    """Categories absent from the sample, or a sample in a single category."""
    issues = []
    active = margin.counts > 0
    shares = margin.counts / margin.total
    if n_k.sum() == 0:
        return issues
    for k in np.flatnonzero(active & (n_k == 0)):
        issues.append(
            Issue("absent_category", margin.dimension, margin.categories[k], params={"share": float(shares[k])})
        )
    present = np.flatnonzero(n_k > 0)
    if len(present) == 1 and active.sum() > 1:
        issues.append(Issue("single_category", margin.dimension, margin.categories[present[0]]))
    return issues


def check_dimensions(participants: pd.DataFrame, margins: dict[str, Margin], dimensions) -> list[str]:
    dims = [JOINT_SEP.join(split_joint(d)) for d in dimensions]
    for d in dims:
        if d not in margins:
            known = ", ".join(sorted(margins)) or "none"
            raise UserError(f"dimension {d!r} is not in the population table (its dimensions: {known})")
        for comp in margins[d].components:
            if comp not in participants.columns:
                raise UserError(f"dimension {d!r}: participants have no column {comp!r}")
        if margins[d].total <= 0:
            raise UserError(f"dimension {d!r}: all population counts are 0")
    return dims


def default_dimensions(participants: pd.DataFrame, margins: dict[str, Margin]) -> list[str]:
    return [d for d, m in margins.items() if len(m.components) == 1 and d in participants.columns and m.total > 0]


def margin_total_issue(margins: dict[str, Margin], dims: list[str]) -> list[Issue]:
    totals = {d: margins[d].total for d in dims if margins[d].total > 0}
    if len(totals) < 2 or max(totals.values()) <= min(totals.values()) * 1.01:
        return []
    return [Issue("margins_differ", params={"totals": totals})]
