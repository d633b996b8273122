"""Which statements were withdrawn: the statements table's ``moderated`` column.

-1 withdrawn (moderated out: spam, abuse, off-topic), 0 not moderated, 1 accepted; a blank or a missing column
means 0. A withdrawn statement stays in the data because Pol.is still counts it when it places people in
opinion groups (`opinion_groups`, step 2 of its method), but it is never reported: no verdict, no support, not
in group profiles, consensus or divisiveness. ``io`` reads the municipality's own column into these codes;
these functions take any statements table, check it and say what was withdrawn.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import UserError
from ..vocabulary import MODERATION_CODES, UNMODERATED, WITHDRAWN
from .votes import list_ids

__all__ = ["moderation_status", "withdrawn_ids"]


def moderation_status(statements: pd.DataFrame) -> pd.Series:
    """Series statement_id -> moderation code (int64: -1, 0 or 1), blanks and a missing column read as 0.

    Any other value is a UserError naming the rows (0-based positions in ``statements``).
    """
    if not isinstance(statements, pd.DataFrame):
        raise UserError(f"statements must be a pandas DataFrame, got {type(statements).__name__}")
    if "statement_id" not in statements.columns:
        raise UserError("statements: missing column statement_id")
    index = pd.Index(statements["statement_id"], name="statement_id")
    if "moderated" not in statements.columns:
        return pd.Series(UNMODERATED, index=index, name="moderated", dtype=np.int64)
    raw = statements["moderated"]
    status = pd.to_numeric(raw, errors="coerce")
    bad = (raw.notna() & status.isna()) | (status.notna() & ~status.isin(MODERATION_CODES))
    if bad.any():
        raise UserError(
            f"statements: column 'moderated' must be -1 (withdrawn), 0 (not moderated) or 1 (accepted); found "
            f"{list_ids(pd.unique(raw[bad]))} in row(s) {list_ids(np.flatnonzero(bad.to_numpy()))}"
        )
    return pd.Series(status.fillna(UNMODERATED).to_numpy(np.int64), index=index, name="moderated")


def withdrawn_ids(statements: pd.DataFrame | None) -> set:
    """The ids of the withdrawn statements (``moderated == -1``); empty without a statements table."""
    if statements is None:
        return set()
    status = moderation_status(statements)
    return set(status.index[status.to_numpy() == WITHDRAWN].tolist())
