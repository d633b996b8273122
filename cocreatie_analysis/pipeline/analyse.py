"""`analyse(dataset)`: every analysis step, once per municipality.

text → themes → sentiment → contribution offers → reach and weights → draagvlak → kompas. Resident text is
PII-redacted before anything is learned from it, so personal data cannot become a theme term, a quote or a
processed table.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import ReachOptions
from ..draagvlak import OpinionGroups, assess, indicative_draagvlak, withdrawn_ids
from ..draagvlak.groups import COMPOSITION_ALPHA, MIN_COMPOSITION_DIFFERENCE
from ..errors import ReachWarning
from ..io.dataset import Dataset, author_ids
from ..kompas import analyse_offers, build_cooperatives, build_kompas, offer_list
from ..privacy import suppress
from ..reach import analyse_reach, harmonise_age
from ..sentiment import SentimentScorer
from ..text.distinct import distinct_texts, per_distinct
from .opgaven import fit_themes
from .protect import protect
from .results import Results, manifest

__all__ = ["MEMBERSHIP_THRESHOLD", "analyse"]


MEMBERSHIP_THRESHOLD = 0.2  # an input "touches" a secondary theme when its membership reaches this


def _counts(
    inputs: pd.DataFrame,
    participants: pd.DataFrame | None,
    dimensions: list[str],
    min_cell_size: int,
    reach: dict[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Inputs and participants per channel, and participants per category of each target-group dimension.

    Small counts are hidden by the one suppression rule (`privacy`). A dimension the reach analysis compared
    with the population is shown exactly as reach shows it (the same cells hidden), plus one pooled row
    "onbekend" for everyone outside the population's categories, so no two tables hide different cells.
    """
    rows = []
    person = author_ids(inputs)
    if "channel" in inputs.columns:
        channel_rows = []
        for channel, group in inputs.groupby(inputs["channel"].fillna("onbekend"), sort=True):
            channel_rows.append(["channel", channel, len(group), person[group.index].nunique()])
        hidden = suppress([r[3] for r in channel_rows], None, min_cell_size)
        rows += [r + [bool(h)] for r, h in zip(channel_rows, hidden)]
    compared = set() if reach is None else set(reach["dimension_tests"]["dimension"])
    for dimension in dimensions if participants is not None else ():
        if dimension in compared:
            cells = reach["representation"][reach["representation"]["dimension"] == dimension]
            n = reach["dimension_tests"].set_index("dimension").loc[dimension, "n"]
            rows += [
                [dimension, c, np.nan, np.nan if pd.isna(v) else int(v), bool(h)]
                for c, v, h in zip(cells["category"], cells["n"], cells["suppressed"])
            ]
            if pd.notna(n) and len(participants) > n:
                rows.append([dimension, "onbekend", np.nan, len(participants) - int(n), False])
            continue
        values = participants[dimension].astype("string").fillna("onbekend").value_counts(sort=False).sort_index()
        hidden = suppress(values.to_numpy(), None, min_cell_size)
        rows += [[dimension, c, np.nan, int(v), bool(h)] for (c, v), h in zip(values.items(), hidden)]
    table = pd.DataFrame(rows, columns=["dimension", "category", "n_inputs", "n_participants", "suppressed"])
    table[["n_inputs", "n_participants"]] = table[["n_inputs", "n_participants"]].astype(float)
    table.loc[table["suppressed"], ["n_inputs", "n_participants"]] = np.nan
    return table.astype({"suppressed": bool})


def _summary(dataset: Dataset, inputs: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """One row: the process, what was counted, and the parameters the methods text states.

    Statements, votes and voters are those of the report: withdrawn statements and the votes on them are only
    counted in ``n_withdrawn``.
    """
    config = dataset.config
    withdrawn = withdrawn_ids(dataset.statements)
    statements = dataset.statements
    votes = dataset.votes
    if statements is not None:
        statements = statements[~statements["statement_id"].isin(withdrawn)]
    if votes is not None:
        votes = votes[~votes["statement_id"].isin(withdrawn)]
    opinion = OpinionGroups().get_params()
    persons = author_ids(inputs)
    row = {
        "gemeente": config.slug,
        "name": config.name,
        "cbs_code": config.cbs_code or "",
        "fictional": config.fictional,
        "language": config.language,
        "title": config.title,
        "period_start": str(config.period_start or ""),
        "period_end": str(config.period_end or ""),
        "n_inputs": len(inputs),
        "n_input_participants": int(persons.nunique()),
        "n_participants": len(dataset.participants) if dataset.participants is not None else int(persons.nunique()),
        "n_offering": int(persons[inputs["offers_help"]].nunique()),
        "n_statements": len(statements) if statements is not None else 0,
        "n_votes": len(votes) if votes is not None else 0,
        "n_voters": int(votes["participant_id"].nunique()) if votes is not None else 0,
        "n_themes": int(len(themes)),
        "share_unthemed": float((inputs["theme_id"] < 0).mean()) if len(inputs) else 0.0,
        "min_cell_size": config.min_cell_size,
        "cooperative_min_offers": config.cooperative_min_offers,
        "ratio_threshold": float(config.reach.get("ratio_threshold", ReachOptions.ratio_threshold)),
        "n_withdrawn": len(withdrawn),
        "opinion_min_votes": int(opinion["min_votes"]),
        "opinion_damping": float(opinion["damping"]),
        "opinion_base_clusters": int(opinion["n_base_clusters"]),
        "opinion_max_groups": int(opinion["max_groups"]),
        "composition_difference": MIN_COMPOSITION_DIFFERENCE,
        "composition_alpha": COMPOSITION_ALPHA,
        "n_warnings": dataset.n_warning_rows,
    }
    return pd.DataFrame([row])


def analyse(dataset: Dataset, random_state: int = 0) -> Results:
    """Run every analysis step on a validated dataset and return the processed tables."""
    config = dataset.config
    language = config.language
    # Personal data leaves before anything is learned from the data, so it cannot become a theme term, a
    # quote or a processed table; the raw text stays only in the raw files.
    dataset = protect(dataset)
    inputs = dataset.inputs.reset_index(drop=True).copy()
    texts = inputs["text"]

    model, membership, opgave_warnings = fit_themes(texts, config, random_state)
    membership = np.asarray(membership, dtype=float)
    inputs["theme_id"] = np.asarray(model.labels_, dtype=int)
    inputs["theme_confidence"] = np.asarray(model.confidence_, dtype=float)
    themes = model.themes_.copy()
    names = themes["name"].to_dict()
    inputs["theme"] = inputs["theme_id"].map(names).astype("str")
    scorer = SentimentScorer(language=language, lexicon=config.sentiment_lexicon or None)
    inputs["sentiment"] = per_distinct(scorer.score, texts)
    codes, distinct = distinct_texts(texts)  # the offer detector runs once per distinct text
    offers = analyse_offers(distinct, language)
    inputs["offers_help"] = offers["offer"].to_numpy()[codes]
    inputs["offer_kind"] = pd.array(offers["kind"].to_numpy()[codes], dtype="string")

    themes["n_participants"] = (
        author_ids(inputs).groupby(inputs["theme_id"]).nunique().reindex(themes.index).fillna(0).astype(int)
    )
    themes["sentiment_mean"] = inputs.groupby("theme_id")["sentiment"].mean().reindex(themes.index)
    themes.index.name = "theme_id"
    rows, cols = np.nonzero(membership >= MEMBERSHIP_THRESHOLD)
    theme_ids = np.asarray(themes.index)
    memberships = pd.DataFrame(
        {
            "input_id": inputs["input_id"].to_numpy()[rows],
            "theme_id": theme_ids[cols] if len(theme_ids) else cols,
            "membership": membership[rows, cols],
        }
    )

    tables: dict[str, pd.DataFrame] = {"inputs": inputs, "themes": themes.reset_index(), "memberships": memberships}
    participants = dataset.participants
    population = dataset.population
    has_reach = participants is not None and population is not None
    if has_reach:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ReachWarning)
            participants = harmonise_age(participants, population)
    dimensions = config.target_dimensions(participants)

    weights = representation = None
    if has_reach and dimensions:
        with warnings.catch_warnings():  # kept in the reach_warnings table and shown in the report instead
            warnings.simplefilter("ignore", ReachWarning)
            reach_tables = analyse_reach(
                participants, population, dimensions, inputs=inputs, min_cell_size=config.min_cell_size, **config.reach
            )
        tables.update({f"reach_{name}": table for name, table in reach_tables.items()})
        weights = reach_tables["weights"].set_index("participant_id")["weight"]
        representation = reach_tables["representation"]

    tables["counts"] = _counts(
        inputs, participants, dimensions, config.min_cell_size, reach_tables if has_reach and dimensions else None
    )

    if dataset.votes is not None and dataset.statements is not None:
        draagvlak_tables = assess(
            dataset.votes,
            dataset.statements,
            participants=participants,
            weights=weights,
            dimensions=dimensions,
            representation=representation,
            participation_levels=config.participation_levels,
            default_level=config.default_participation_level,
            rules=config.draagvlak,
            min_cell_size=config.min_cell_size,
            random_state=random_state,
        )
        tables.update({f"draagvlak_{name}": table for name, table in draagvlak_tables.items()})
    # neutral_band 0: the scorer's calibrated neutral zone already scores weak evidence exactly 0, the same
    # tone rule the kompas uses (sentiment.label)
    tables["draagvlak_indicative"] = indicative_draagvlak(
        inputs[inputs["theme_id"] >= 0], min_cell_size=config.min_cell_size, neutral_band=0.0
    )
    kompas = build_kompas(
        inputs, themes, config.participation_level, language=language, min_participants=config.min_cell_size
    )
    kompas["level_chosen"] = kompas["opgave"].isin(list(config.participation_levels))  # else the default applies
    tables["kompas"] = kompas
    tables["kompas_cooperatives"] = build_cooperatives(
        inputs, participants, dimensions, config.cooperative_min_offers, config.min_cell_size
    )
    tables["kompas_offers"] = offer_list(inputs)
    tables["summary"] = _summary(dataset, inputs, themes)
    tables["warnings"] = _warnings([*dataset.warnings, *opgave_warnings])
    return Results(tables=_publishable(tables), manifest=manifest(dataset))


_QUOTED = re.compile(r"'[^']*'")


def _warnings(problems) -> pd.DataFrame:
    """The input's warnings for the report: one row per kind of warning and column, with the number of rows it
    concerns. Values from the data (ids, answers) are left out of the message: they can name a person."""
    rows: dict[tuple, int] = {}
    for p in problems:
        message = p.message if p.row is None else _QUOTED.sub("'…'", p.message)
        key = (Path(p.file).name, p.column or "", message)
        rows[key] = rows.get(key, 0) + (1 if p.row is not None else 0)
    frame = pd.DataFrame([(*k, n) for k, n in rows.items()], columns=["file", "column", "message", "n_rows"])
    return frame.astype({"file": "str", "column": "str", "message": "str", "n_rows": "int64"})


def _publishable(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables without per-person attributes: no wijk per input (a wijk of 3 would show), no weight per
    participant (it encodes their cell), no participant id next to an opinion group."""
    out = dict(tables)
    out["inputs"] = tables["inputs"].drop(columns=["district"], errors="ignore")
    out.pop("reach_weights", None)
    if "draagvlak_opinion_groups" in out:
        out["draagvlak_opinion_groups"] = out["draagvlak_opinion_groups"].drop(columns=["participant_id"])
    return out
