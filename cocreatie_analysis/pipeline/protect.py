"""The one privacy layer: before anything is learned from a dataset, personal data leaves it.

* Every free-text column is redacted (`text.pii.Redactor`): the residents' inputs and their question column,
  and the statements. Statements the municipality wrote lose contact details only (a public place or a council
  member stays legible); statements residents wrote (a Pol.is conversation, `privacy.resident_statements`)
  are redacted like inputs.
* Identifiers that can name a person (participant ids, which are sometimes e-mail addresses; an input id that
  holds personal data) are replaced by pseudonyms, one mapping for all tables so joins still work
  (`privacy.pseudonymise`, keyed by a secret derived from the raw files and kept in memory only).
* The municipality's own places stay legible: its name, wijken and villages (from the data and the
  population table), and the facilities under `places:` in gemeente.yaml.

Only the returned copy is analysed; the raw files are never touched.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from ..io.dataset import Dataset
from ..privacy import pseudonym_key, pseudonymise
from ..text.distinct import per_distinct
from ..text.pii import Redactor
from ..vocabulary import CONFIG_FILE

__all__ = ["place_names", "protect"]


def place_names(dataset: Dataset) -> set[str]:
    """The municipality's own place names (its name, wijken, villages, listed facilities): kept legible."""
    names = {dataset.config.name, *dataset.config.places}
    for table, column in ((dataset.inputs, "district"), (dataset.participants, "district")):
        if table is not None and column in table.columns:
            names.update(table[column].dropna().astype(str))
    if dataset.population is not None:
        population = dataset.population
        districts = population["dimension"].astype(str).str.contains("district")
        for category in population.loc[districts, "category"].dropna().astype(str):
            names.update(part.strip() for part in category.split("|"))
    return {n for n in names if n.strip() and not n.strip().isdigit()}


def _raw_files(dataset: Dataset) -> list:
    config = dataset.config
    return [config.folder / CONFIG_FILE] + [config.folder / name for name in sorted(config.files.values())]


def protect(dataset: Dataset) -> Dataset:
    """A copy of `dataset` with free text redacted and person identifiers pseudonymised (see the module)."""
    config = dataset.config
    redactor = Redactor(config.language, keep=place_names(dataset))
    tables = {"inputs": dataset.inputs, "participants": dataset.participants, "votes": dataset.votes}
    columns = [t["participant_id"] for t in tables.values() if t is not None and "participant_id" in t.columns]
    mapping = pseudonymise(pd.concat(columns) if columns else [], pseudonym_key(_raw_files(dataset)))
    changed = {}
    for name, table in tables.items():
        if table is not None and "participant_id" in table.columns:
            table = table.assign(participant_id=table["participant_id"].map(_lookup(mapping)))
        changed[name] = table
    inputs = changed["inputs"].copy()
    inputs["text"] = per_distinct(redactor.redact_all, inputs["text"])
    if "question" in inputs.columns:
        asked = inputs["question"].map(lambda q: isinstance(q, str))
        inputs.loc[asked, "question"] = per_distinct(
            lambda questions: redactor.redact_all(questions, municipality=True), inputs.loc[asked, "question"]
        )
    if any(redactor.find(i) for i in inputs["input_id"].astype(str)):  # ids that hold personal data
        key = pseudonym_key(_raw_files(dataset)) + b"/input_id"
        inputs["input_id"] = inputs["input_id"].map(_lookup(pseudonymise(inputs["input_id"], key, prefix="R-")))
    changed["inputs"] = inputs
    statements = dataset.statements
    if statements is not None:
        by_residents = config.resident_statements
        statements = statements.assign(
            text=[redactor.redact(t, municipality=not by_residents) for t in statements["text"]]
        )
    return replace(
        dataset,
        inputs=changed["inputs"],
        participants=changed["participants"],
        votes=changed["votes"],
        statements=statements,
    )


def _lookup(mapping: dict[str, str]):
    def pseudonym(value):
        if value is None or (isinstance(value, float) and value != value):
            return value
        return mapping.get(str(value).strip(), value)

    return pseudonym
