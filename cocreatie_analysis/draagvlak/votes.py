"""Votes as the draagvlak assessment takes them: checked, blank answers dropped, the latest vote per person.

See the package docstring for how awkward input is treated; the rule for repeated votes is `io.votes`'.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import UserError
from ..io.votes import superseded_votes

__all__ = ["factorize_ids", "list_ids", "prepare_votes"]


def list_ids(ids, limit: int = 10) -> str:
    ids = list(ids)
    shown = ", ".join(repr(i.item() if hasattr(i, "item") else i) for i in ids[:limit])
    return shown + (f" (and {len(ids) - limit} more)" if len(ids) > limit else "")


def prepare_votes(
    votes: pd.DataFrame, statements: pd.DataFrame | None = None, participants: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Validate votes and keep the latest vote per participant and statement (see module docstring)."""
    if not isinstance(votes, pd.DataFrame):
        raise UserError(f"votes must be a pandas DataFrame, got {type(votes).__name__}")
    missing = [c for c in ("participant_id", "statement_id", "vote") if c not in votes.columns]
    if missing:
        raise UserError(f"votes: missing column(s) {', '.join(missing)}; expected participant_id, statement_id, vote")
    cols = ["participant_id", "statement_id", "vote"] + (["timestamp"] if "timestamp" in votes.columns else [])
    v = votes[cols].copy()
    if v["participant_id"].isna().any() or v["statement_id"].isna().any():
        rows = v.index[v["participant_id"].isna() | v["statement_id"].isna()]
        raise UserError(f"votes: empty participant_id or statement_id in row(s) {list_ids(rows)}")
    vote = pd.to_numeric(v["vote"], errors="coerce")
    bad = v["vote"].notna() & ~vote.isin([-1, 0, 1])
    if bad.any():
        examples = list_ids(pd.unique(v.loc[bad, "vote"]))
        raise UserError(
            f"votes: column 'vote' must be 1 (agree), -1 (disagree) or 0 (pass); found {examples} "
            f"in row(s) {list_ids(v.index[bad])}. Map Likert answers in gemeente.yaml `values:`."
        )
    v["vote"] = vote
    v = v[v["vote"].notna()]  # a blank answer is no vote
    v["vote"] = v["vote"].astype(np.int8)
    v = v[~superseded_votes(v)]
    if statements is not None:
        known = pd.Index(statements["statement_id"])
        unknown = pd.unique(v.loc[~v["statement_id"].isin(known), "statement_id"])
        if len(unknown):
            raise UserError(f"votes: {len(unknown)} statement_id(s) not in statements: {list_ids(unknown)}")
    if participants is not None:
        known = pd.Index(participants["participant_id"])
        unknown = pd.unique(v.loc[~v["participant_id"].isin(known), "participant_id"])
        if len(unknown):
            raise UserError(f"votes: {len(unknown)} participant_id(s) not in participants: {list_ids(unknown)}")
    return v[["participant_id", "statement_id", "vote"]].reset_index(drop=True)


def factorize_ids(values):
    try:
        return pd.factorize(values, sort=True)
    except TypeError:  # mixed id types cannot be sorted; order of appearance is still deterministic
        return pd.factorize(values, sort=False)
