"""`analyse(dataset)`: every analysis step, once per municipality; saving and loading the processed results.

text → themes → sentiment → contribution offers → reach and weights → draagvlak → kompas. The notebooks and
the CLI only load what this module saved, so a report never recomputes (or silently differs from) the
analysis. Processed tables never hold personal data: resident text is PII-redacted before it is saved.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import warnings
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

from . import __version__
from .io import Dataset, publish_mode
from .kompas import build_kompas, detect_offers, person_ids
from .reach import suppressed_cells
from .text import redact_names, redact_pii

MANIFEST = "manifest.json"
FORMAT_VERSION = 1  # bump when the processed tables change shape, so stale results are re-analysed
_RECORDED_PACKAGES = ("pandas", "numpy", "scikit-learn", "scipy", "nltk", "pyarrow", "plotly")
MEMBERSHIP_THRESHOLD = 0.2  # an input "touches" a secondary theme when its membership reaches this


@dataclass
class Results:
    """The processed tables of one municipality and the manifest that identifies how they were made."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    manifest: dict = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def get(self, name: str) -> pd.DataFrame | None:
        return self.tables.get(name)


def place_names(dataset: Dataset) -> set[str]:
    """The municipality's own place names (its name, wijken, villages): kept readable when names are redacted."""
    names = {dataset.config.name}
    for table, column in ((dataset.inputs, "district"), (dataset.participants, "district")):
        if table is not None and column in table.columns:
            names.update(table[column].dropna().astype(str))
    if dataset.population is not None:
        names.update(dataset.population.loc[dataset.population["dimension"] == "district", "category"].astype(str))
    return {n for n in names if n.strip()}


def redact(text, language: str, places=()) -> str:
    """Resident text with personal data replaced by labels ([telefoonnummer], [naam], …)."""
    return redact_names(redact_pii(text, language), language, keep=places)


def _counts(inputs: pd.DataFrame, participants: pd.DataFrame | None, dimensions: list[str],
            min_cell_size: int) -> pd.DataFrame:
    """Inputs and participants per channel, and participants per category of each target-group dimension.

    Counts below the minimum cell size are suppressed (NaN, `suppressed` True), and one more per breakdown
    where needed, so a report never shows a group that small on its own, not even by subtraction.
    """
    rows = []
    person = person_ids(inputs)
    if "channel" in inputs.columns:
        for channel, group in inputs.groupby(inputs["channel"].fillna("onbekend"), sort=True):
            rows.append(("channel", channel, len(group), person[group.index].nunique()))
    if participants is not None:
        for dimension in dimensions:
            values = participants[dimension].astype("string").fillna("onbekend")
            for category, n in values.value_counts(sort=False).sort_index().items():
                rows.append((dimension, category, np.nan, int(n)))
    table = pd.DataFrame(rows, columns=["dimension", "category", "n_inputs", "n_participants"])
    table["suppressed"] = False
    for _, group in table.groupby("dimension", sort=False):
        table.loc[group.index, "suppressed"] = suppressed_cells(group["n_participants"], min_cell_size)
    table.loc[table["suppressed"], ["n_inputs", "n_participants"]] = np.nan
    return table


def _summary(dataset: Dataset, inputs: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    config = dataset.config
    voters = dataset.votes["participant_id"].nunique() if dataset.votes is not None else 0
    persons = person_ids(inputs)
    row = {
        "gemeente": config.slug, "name": config.name, "cbs_code": config.cbs_code or "",
        "fictional": config.fictional, "language": config.language, "title": config.title,
        "period_start": str(config.period_start or ""), "period_end": str(config.period_end or ""),
        "n_inputs": len(inputs), "n_input_participants": int(persons.nunique()),
        "n_participants": len(dataset.participants) if dataset.participants is not None else int(persons.nunique()),
        "n_offering": int(persons[inputs["offers_help"]].nunique()),
        "n_statements": len(dataset.statements) if dataset.statements is not None else 0,
        "n_votes": len(dataset.votes) if dataset.votes is not None else 0, "n_voters": int(voters),
        "n_themes": int(len(themes)), "share_unthemed": float((inputs["theme_id"] < 0).mean()) if len(inputs) else 0.0,
        "min_cell_size": config.min_cell_size,
        "n_warnings": dataset.n_warning_rows,
    }
    return pd.DataFrame([row])


def analyse(dataset: Dataset, random_state: int = 0) -> Results:
    """Run every analysis step on a validated dataset and return the processed tables."""
    from .draagvlak import assess, indicative_draagvlak
    from .sentiment import SentimentScorer
    from .themes import ThemeModel

    config = dataset.config
    language = config.language
    inputs = dataset.inputs.reset_index(drop=True).copy()
    # Personal data is removed before anything is learned from the text, so it cannot become a theme term,
    # a quote or a processed table; the raw text stays only in the raw files.
    places = place_names(dataset)
    texts = pd.Series([redact(t, language, places) for t in inputs["text"]], index=inputs.index, dtype=object)
    inputs["text"] = texts

    model = ThemeModel(language=language, n_themes=config.n_themes, seeds=config.theme_seeds,
                       random_state=random_state)
    inputs["theme_id"] = np.asarray(model.fit_predict(texts), dtype=int)
    themes = model.themes_.copy()
    names = themes["name"].to_dict()
    inputs["theme"] = inputs["theme_id"].map(names)
    membership = np.asarray(model.transform(texts), dtype=float)
    inputs["sentiment"] = SentimentScorer(language=language, lexicon=config.sentiment_lexicon or None).score(texts)
    inputs["offers_help"] = detect_offers(texts)

    themes["n_participants"] = person_ids(inputs).groupby(inputs["theme_id"]).nunique() \
        .reindex(themes.index).fillna(0).astype(int)
    themes["sentiment_mean"] = inputs.groupby("theme_id")["sentiment"].mean().reindex(themes.index)
    themes.index.name = "theme_id"
    rows, cols = np.nonzero(membership >= MEMBERSHIP_THRESHOLD)
    theme_ids = np.asarray(themes.index)
    memberships = pd.DataFrame({"input_id": inputs["input_id"].to_numpy()[rows],
                                "theme_id": theme_ids[cols] if len(theme_ids) else cols,
                                "membership": membership[rows, cols]})

    tables: dict[str, pd.DataFrame] = {"inputs": inputs, "themes": themes.reset_index(),
                                       "memberships": memberships}
    participants = dataset.participants
    population = dataset.population
    has_reach = participants is not None and population is not None
    if has_reach:
        from .reach import ReachWarning, analyse_reach, harmonise_age

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ReachWarning)
            participants = harmonise_age(participants, population)
    dimensions = config.target_dimensions(participants)
    tables["counts"] = _counts(inputs, participants, dimensions, config.min_cell_size)

    weights = representation = None
    if has_reach and dimensions:
        with warnings.catch_warnings():  # kept in the reach_warnings table and shown in the report instead
            warnings.simplefilter("ignore", ReachWarning)
            reach_tables = analyse_reach(participants, population, dimensions, inputs=inputs,
                                         min_cell_size=config.min_cell_size, language=language, **config.reach)
        tables.update({f"reach_{name}": table for name, table in reach_tables.items()})
        weights = reach_tables["weights"].set_index("participant_id")["weight"]
        representation = reach_tables["representation"]

    if dataset.votes is not None and dataset.statements is not None:
        # statements can be residents' own words too (Pol.is comments)
        statements = dataset.statements.assign(text=[redact(t, language, places) for t in dataset.statements["text"]])
        draagvlak_tables = assess(dataset.votes, statements, participants=participants, weights=weights,
                                  dimensions=dimensions, representation=representation,
                                  participation_levels=config.participation_levels,
                                  default_level=config.default_participation_level, rules=config.draagvlak,
                                  min_cell_size=config.min_cell_size, language=language,
                                  random_state=random_state)
        tables.update({f"draagvlak_{name}": table for name, table in draagvlak_tables.items()})
    # neutral_band 0: the scorer's calibrated neutral zone already scores weak evidence exactly 0, the same
    # tone rule the kompas uses (sentiment.label)
    tables["draagvlak_indicative"] = indicative_draagvlak(inputs[inputs["theme_id"] >= 0], language=language,
                                                          min_cell_size=config.min_cell_size, neutral_band=0.0)
    kompas = build_kompas(inputs, themes, config.participation_level, language=language,
                          min_participants=config.min_cell_size)
    kompas["level_chosen"] = kompas["opgave"].isin(list(config.participation_levels))  # else the default applies
    tables["kompas"] = kompas
    tables["summary"] = _summary(dataset, inputs, themes)
    tables["warnings"] = pd.DataFrame(
        [{"file": Path(p.file).name, "row": p.row, "column": p.column, "message": p.message}
         for p in dataset.warnings], columns=["file", "row", "column", "message"])
    return Results(tables=tables, manifest=_manifest(dataset))


def code_fingerprint() -> str:
    """sha256 over the package's own code and data files: results made by other code are not current."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(p for p in package.rglob("*") if p.is_file() and p.suffix in (".py", ".csv", ".txt", ".j2")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _manifest(dataset: Dataset) -> dict:
    config = dataset.config
    versions = {}
    for package in _RECORDED_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            pass
    return {
        "gemeente": config.slug, "name": config.name, "fictional": config.fictional,
        "language": config.language, "input_sha256": dataset.fingerprint,
        "cocreatie_analysis": __version__, "code_sha256": code_fingerprint(), "format_version": FORMAT_VERSION,
        "packages": versions,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }


def save_results(results: Results, out_dir: str | Path) -> Path:
    """Write the tables as Parquet and the manifest, replacing `out_dir` atomically.

    Everything is written into a temporary sibling folder first and swapped in with a rename, so a crash or
    a full disk never leaves a half-written mix of old and new results behind.
    """
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    publish_mode(staging, directory=True)
    try:
        for name, table in results.tables.items():
            table.to_parquet(staging / f"{name}.parquet", index=False)
        manifest = dict(results.manifest, tables=sorted(results.tables))
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", "utf-8")
        replace_dir(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out_dir


def replace_dir(new: Path, target: Path) -> None:
    """Swap folder `new` in at `target` with renames; the old `target` (if any) is removed afterwards."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def load_results(out_dir: str | Path) -> Results:
    """Read what `save_results` wrote."""
    out_dir = Path(out_dir)
    manifest_path = out_dir / MANIFEST
    if not manifest_path.is_file():
        raise FileNotFoundError(f"{out_dir}: no processed results here; run `cocreatie analyse` first")
    manifest = json.loads(manifest_path.read_text("utf-8"))
    tables = {name: pd.read_parquet(out_dir / f"{name}.parquet") for name in manifest["tables"]}
    return Results(tables=tables, manifest=manifest)


def is_current(dataset: Dataset, out_dir: str | Path) -> bool:
    """True when `out_dir` holds results of exactly this input, made by exactly this code."""
    path = Path(out_dir) / MANIFEST
    if not path.is_file():
        return False
    manifest = json.loads(path.read_text("utf-8"))
    return (manifest.get("input_sha256") == dataset.fingerprint
            and manifest.get("code_sha256") == code_fingerprint()
            and manifest.get("format_version") == FORMAT_VERSION)
