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

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

__all__ = ["pseudonym_key", "pseudonymise", "suppress", "suppressed_cells"]


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


# ----------------------------------------------------------------------------------------------------
# Pseudonyms
# ----------------------------------------------------------------------------------------------------
# Pseudonyms for identifier columns (participant ids, e-mail addresses used as ids), consistent across tables.
#
#     key = pseudonym_key(raw_files)                    # once per municipality, never written anywhere
#     mapping = pseudonymise(all_ids, key)              # {"piet@voorbeeld.nl": "P-3f9a2c", ...}
#     for table in (inputs, participants, votes):
#         table["participant_id"] = table["participant_id"].map(mapping)
#
# What the design has to give at once:
# - consistent: one mapping for every table of a municipality, so joins (inputs - participants - votes) still
#   work. Build it once over the ids of all tables together.
# - reproducible: the same input gives byte-identical reports, so the mapping must be deterministic; no
#   random salt.
# - not reversible: participant ids are often small numbers or e-mail addresses. A plain hash (or a hash with a
#   fixed, public salt) of "17" or of a known address can be recomputed by anyone who reads the published
#   tables and guesses candidate ids; the pseudonyms must need a secret.
# - no stored secret: the tool has no key store, and a key in gemeente.yaml is one more thing to leak or lose.
#
# So the pseudonym is a keyed BLAKE2b hash of the id (a MAC, like HMAC but faster: a million ids take a few
# seconds), and the key is derived from the raw input itself: a SHA-256 over
# every raw file's name and bytes under a domain-separation prefix (`pseudonym_key`). Whoever can compute the key
# already holds the raw files, and with them the ids in the clear, so the key reveals nothing new; whoever holds
# only the published tables cannot compute it, because the raw files contain the residents' full texts (far
# more entropy than any brute force can cover). The same raw files give the same key, so runs are
# reproducible; a changed raw file gives new pseudonyms, as it gives a new report.
#
# The key must not be the input fingerprint that the manifest publishes (`input_sha256`): that digest is public,
# so a key derived from it would be public too. `pseudonym_key` prefixes its own label before the file bytes; a
# SHA-256 of prefix + data cannot be derived from the SHA-256 of the data alone (length extension only appends).
#
# Pseudonyms are "P-" and the shortest hex prefix, at least 6 characters, that is unique among the ids being
# mapped; with a million ids that is about 10 characters. The length depends only on the set of ids, so it is
# as reproducible as the rest.

PREFIX = "P-"
MIN_HEX = 6
_KEY_LABEL = b"cocreatie-analysis/pseudonym-key/v1\x00"


def pseudonym_key(raw_files: Iterable[str | Path]) -> bytes:
    """Secret key from the raw input files (names and bytes, in name order), under its own label.

    Pass the same files that the input fingerprint covers (gemeente.yaml and every data file). Keep the
    result in memory only: never write it to a table, manifest or log.
    """
    digest = hashlib.sha256(_KEY_LABEL)
    for path in sorted((Path(p) for p in raw_files), key=lambda p: p.name):
        data = path.read_bytes()
        digest.update(path.name.encode("utf-8") + b"\x00" + len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.digest()


def _as_id(value) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def pseudonymise(ids: Iterable, salt: bytes | str, prefix: str = PREFIX, min_hex: int = MIN_HEX) -> dict[str, str]:
    """Mapping from every distinct id (as text, stripped) to a short pseudonym such as "P-3f9a2c".

    `ids`: the identifier values of every table of one municipality together (missing values are skipped).
    `salt`: the secret from `pseudonym_key` (bytes or text; at least 16 bytes of it, or it is no secret).
    The same ids and salt always give the same mapping; distinct ids always get distinct pseudonyms.
    """
    key = salt.encode("utf-8") if isinstance(salt, str) else bytes(salt)
    if len(key) < 16:
        raise ValueError("the salt must be a secret of at least 16 bytes (use pseudonym_key(raw_files))")
    distinct = sorted({i for i in (_as_id(v) for v in ids) if i is not None})
    mac_key = hashlib.sha256(key).digest()  # BLAKE2b takes keys of up to 64 bytes
    digests = {i: hashlib.blake2b(i.encode("utf-8"), key=mac_key, digest_size=16).hexdigest() for i in distinct}
    length = min_hex
    while len({d[:length] for d in digests.values()}) < len(digests):
        length += 1
    return {i: prefix + d[:length] for i, d in digests.items()}
