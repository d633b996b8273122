"""Privacy rules that every table leaving the library follows: no group below the minimum cell size, shown
directly or recoverable by subtraction.

One suppression rule, here, used by every table that shows groups (reach, draagvlak support per group and per
opinion group, opinion-group composition, the counts in the kompas, the Excel workbook):

1. **Primary**: a count from 1 to ``min_cell_size - 1`` is never shown. Counts of 0 are shown: nobody is exposed.
2. **Complementary**: a *line* is a set of cells whose total is published somewhere (a breakdown and its total,
   a row or a column of a cross table, the voters of a statement). On every line the hidden cells must together
   hold either nobody or at least ``min_cell_size`` people, so that subtracting the shown cells from the total
   reveals no group smaller than that (a single small hidden cell, or a small pool of them). Where a line falls
   short, its smallest shown positive cell is hidden too, until every line holds.
3. **Never shown** cells (people without a value for the dimension, voters who were not placed in an opinion
   group) are part of a line's total without being a row of their own; they count as hidden from the start.

4. **Shares of the hidden**: where vote counts are published per group as well (agree, disagree, pass), the
   hidden people of a line must neither all share nor all lack one answer, else every hidden group's answer
   would follow ("nobody in the hidden groups agreed"); one more cell is hidden where they do.

Percentages, intervals and everything else computed from a hidden cell are hidden with it. The choice is
deterministic (smallest cell first, ties by position), so every table built from the same counts hides the
same cells.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["suppress", "suppressed_cells"]


def suppress(
    counts, lines: Sequence[Sequence[int]] | None, min_cell_size: int, never_shown=None, attributes: Sequence = ()
) -> np.ndarray:
    """Which cells to hide (True), by the package's one rule (see the module docstring).

    counts : the cells' counts (people), in any order.
    lines : index groups whose totals are published; None means one line over all cells.
    never_shown : cells that are never a row of their own (hidden from the start, if they hold anyone).
    attributes : per cell, how many of its people have some attribute (agree, disagree, pass) when those counts
        are published too. The hidden people of a line must then neither all have nor all lack it, else each
        hidden group's share would follow ("nobody in the hidden groups agreed").
    """
    n = np.asarray(counts, dtype=float)
    k = int(min_cell_size)
    lines = [np.arange(len(n))] if lines is None else [np.asarray(line, dtype=np.int64) for line in lines]
    attributes = [np.asarray(a, dtype=float) for a in attributes]
    hidden = (n > 0) & (n < k)
    if never_shown is not None:
        hidden |= np.asarray(never_shown, dtype=bool) & (n > 0)
    changed = True
    while changed:
        changed = False
        for line in lines:
            candidate = _next_to_hide(n, line, hidden, k, attributes)
            if candidate is not None:
                hidden[candidate] = True
                changed = True
    return hidden


def _next_to_hide(n, line, hidden, k, attributes) -> int | None:
    """The smallest shown cell this line needs hidden too, or None when the line holds."""
    held = line[hidden[line] & (n[line] > 0)]
    if len(held) == 0:
        return None
    shown = line[~hidden[line] & (n[line] > 0)]
    if n[held].sum() < k:
        return shown[np.argmin(n[shown])] if len(shown) else None
    for attribute in attributes:
        pooled = attribute[held].sum()
        if pooled == 0:  # nobody hidden has it: a shown cell where someone has it joins
            useful = shown[attribute[shown] > 0]
        elif pooled == n[held].sum():  # everybody hidden has it: a shown cell where someone lacks it joins
            useful = shown[attribute[shown] < n[shown]]
        else:
            continue
        if len(useful):
            return useful[np.argmin(n[useful])]
    return None


def suppressed_cells(counts, min_cell_size: int) -> np.ndarray:
    """The rule for one breakdown whose total is published (one line over all cells)."""
    return suppress(counts, None, min_cell_size)
