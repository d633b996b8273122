"""Votes: reading them as 1 (agree), -1 (disagree) or 0 (pass), and which vote counts when someone voted twice.

The rule for repeated votes exists once, here, and every reader of votes uses it (the folder reader, the
draagvlak assessment, the Pol.is importer): the latest vote counts, by timestamp when there is one (rows
without a timestamp count as earliest), ties and files without timestamps by row order. A changed mind
replaces the earlier vote, as in Pol.is.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..config import Config
from ..vocabulary import LIKERT_SCALES, VOTE_VALUES
from .problems import ProblemCollector, spreadsheet_rows
from .values import parse_dates, parse_number

__all__ = ["parse_votes", "superseded_votes"]


def superseded_votes(
    votes: pd.DataFrame, keys=("participant_id", "statement_id"), timestamp: str = "timestamp"
) -> np.ndarray:
    """True for every vote replaced by a later vote of the same participant on the same statement."""
    position = np.arange(len(votes))
    if timestamp in votes.columns:
        raw = votes[timestamp]
        order = raw if pd.api.types.is_numeric_dtype(raw) else pd.to_numeric(raw, errors="coerce")
        if order.isna().all() and raw.notna().any():
            order = parse_dates(raw.astype("string"))
        rank = order.rank(method="min", na_option="top").to_numpy(dtype=float)
        ordering = np.lexsort((position, rank))
    else:
        ordering = position
    superseded = np.zeros(len(votes), dtype=bool)
    superseded[ordering] = votes.iloc[ordering].duplicated(list(keys), keep="last").to_numpy()
    return superseded


def _vote_value(value, mapping: dict) -> float:
    if not isinstance(value, str):
        return value if isinstance(value, (int, float)) else np.nan
    key = value.strip().lower()
    if key in mapping:
        return float(mapping[key])
    number = parse_number(key)
    return np.nan if number is None else number


def parse_votes(frame: pd.DataFrame, config: Config, file: str, out: ProblemCollector) -> pd.DataFrame:
    """Votes as -1/0/1 (words, the configured values and 1-5/1-7 scales); rows outside the scale are flagged."""
    original = frame["vote"].copy()
    mapping = {
        **VOTE_VALUES,
        **{str(k).strip().lower(): v for k, v in config.values.get("votes", {}).get("vote", {}).items()},
    }
    values = {v: _vote_value(v, mapping) for v in original.dropna().unique()}  # a few words, many rows
    numbers = original.map(values).astype(float)
    all_numbers = original.dropna().astype(str).str.fullmatch(r"[+-]?\d+").all()
    seen = set(numbers.dropna().unique()) if all_numbers else set()  # a scale only when every answer is a number
    for top, scale in LIKERT_SCALES.items():
        if top in seen and seen <= set(scale) and not seen <= {-1, 0, 1}:
            out.add(
                file,
                f"votes read as a 1-{top} scale: "
                + ", ".join(f"{k} = {v:+d}" for k, v in scale.items())
                + "; map them under values.votes.vote if that is wrong",
                column="vote",
                severity="warning",
            )
            numbers = numbers.map(lambda v, s=scale: s.get(v, np.nan) if v == v else v)
            break
    frame = frame.assign(vote=numbers)
    frame["_row"] = spreadsheet_rows(frame.index)
    frame["_bad_vote"] = ~numbers.isin([-1, 0, 1])
    for row, raw in zip(frame.loc[frame["_bad_vote"], "_row"], original[frame["_bad_vote"]]):
        what = "the vote is empty" if not isinstance(raw, str) else f"vote '{raw}' is outside the scale"
        out.add(
            file,
            f"{what} (agree 1 / eens, disagree -1 / oneens, pass 0 / neutraal; map other answers "
            f"under values.votes.vote)",
            int(row),
            "vote",
        )
    return frame
