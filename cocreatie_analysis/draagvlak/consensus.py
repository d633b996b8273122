"""Group-informed consensus: do all groups agree, not only the largest?

``group_informed_consensus`` is exactly Pol.is' formula: the product over the groups of (A + 1) / (S + 2), A the
group's agree votes and S every vote it cast on the statement (passes included); a group without votes on the
statement contributes 1/2. Unplaced participants (-1) do not count.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import UserError
from .votes import prepare_votes

__all__ = ["group_counts", "group_informed_consensus"]


def group_counts(votes: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """Agree / disagree / seen counts per statement and group (votes of participants in ``groups`` only)."""
    g = groups[groups.notna()]
    g = g[~g.isin([-1])]
    v = votes.merge(g.rename("_group").rename_axis("participant_id").reset_index(), on="participant_id", how="inner")
    agg = (
        v.assign(A=(v["vote"] == 1).astype(int), D=(v["vote"] == -1).astype(int), S=1)
        .groupby(["statement_id", "_group"], sort=False)[["A", "D", "S"]]
        .sum()
    )
    return agg


def group_informed_consensus(votes: pd.DataFrame, groups: pd.Series) -> pd.Series:
    """Pol.is' group-informed consensus per statement: prod over groups of (A + 1) / (S + 2).

    ``votes``: participant_id, statement_id, vote (duplicates resolved as in ``assess``). ``groups``: Series
    participant_id -> group (opinion groups or any categories). A is the group's agree votes on the statement,
    S all its votes including passes; a group with no vote on it contributes 1/2. Participants with group -1
    or NaN, or not in ``groups``, are left out (as Pol.is leaves out participants it did not place). Returns
    a Series indexed by statement_id (every statement in ``votes``) named ``consensus``; NaN when there are
    no groups at all.
    """
    v = prepare_votes(votes)
    if not isinstance(groups, pd.Series):
        raise UserError(f"groups must be a pandas Series participant_id -> group, got {type(groups).__name__}")
    statement_ids = pd.Index(pd.unique(v["statement_id"]), name="statement_id")
    g = groups[groups.notna() & ~groups.isin([-1])]
    all_groups = pd.unique(g)
    if len(all_groups) == 0:
        return pd.Series(np.nan, index=statement_ids, name="consensus")
    agg = group_counts(v, g)
    a = agg["A"].unstack("_group").reindex(index=statement_ids, columns=all_groups).fillna(0.0)
    s = agg["S"].unstack("_group").reindex(index=statement_ids, columns=all_groups).fillna(0.0)
    ratio = (a.to_numpy(float) + 1.0) / (s.to_numpy(float) + 2.0)
    return pd.Series(np.prod(ratio, axis=1), index=statement_ids, name="consensus")
