"""Privacy rules that every table leaving the library follows: no group below the minimum cell size.

One suppression rule, here: a count from 1 to ``min_cell_size - 1`` is never shown (primary suppression), and
where a hidden count could be worked out by subtraction from a total along any line (a row, a column, the
whole breakdown), the smallest other count on that line is hidden too (complementary suppression), until no
line has exactly one hidden cell. Counts of 0 are shown: nobody is exposed.
"""

from __future__ import annotations

import numpy as np

__all__ = ["complementary_suppression", "suppressed_cells"]


def suppressed_cells(counts, min_cell_size: int) -> np.ndarray:
    """Which counts of one breakdown to hide: those from 1 to `min_cell_size` - 1 and, when exactly one would
    be hidden, the next smallest too, so no hidden count can be recovered from the total by subtraction."""
    n = np.asarray(counts, dtype=float)
    primary = (n > 0) & (n < min_cell_size)
    return primary | complementary_suppression(n, primary, [np.arange(len(n))])


def complementary_suppression(n: np.ndarray, primary: np.ndarray, lines: list[np.ndarray]) -> np.ndarray:
    """Cells hidden so that no hidden count can be recovered by subtraction along any line (row, column)."""
    hidden = primary.copy()
    changed = True
    while changed:
        changed = False
        for line in lines:
            if hidden[line].sum() == 1:
                candidates = line[~hidden[line] & (n[line] > 0)]
                if len(candidates):
                    hidden[candidates[np.argmin(n[candidates])]] = True
                    changed = True
    return hidden & ~primary
