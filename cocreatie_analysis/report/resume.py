"""Which municipalities a batch may skip: those whose report set was made from the same input, code and options.

A report set records a fingerprint in its `rapport.json`: sha256 over the input (gemeente.yaml and every data
file it names), the package's version, code and report files (notebooks, templates, plotly.js), and the
options that change what is written (PDF, shared assets). A batch that was interrupted, or is run again after
one municipality's data changed, redoes only what differs; `--force` redoes everything. A report set is only
ever swapped in whole (`io.atomic.staged_dir`), so a finished set is one whose `rapport.json` exists.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from .. import __version__
from ..config import folder_slug, load_config
from ..errors import CocreatieError
from ..io.dataset import fingerprint as input_fingerprint
from ..pipeline.results import code_fingerprint
from .index import OUTCOME_FILE, Outcome

__all__ = ["finished", "report_fingerprint"]

_REPORT_FILES = ("notebooks", "templates", "assets")


@functools.cache
def _code() -> str:
    """The package's code, data and report files, hashed once per process."""
    digest = hashlib.sha256(f"{__version__}\n{code_fingerprint()}".encode())
    here = Path(__file__).resolve().parent
    for path in sorted(p for folder in _REPORT_FILES for p in (here / folder).rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(here)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def report_fingerprint(folder: str | Path, options: dict) -> str | None:
    """The identity of a municipality's report set, or None when its configuration cannot be read (the
    municipality is then reported, which names the problem)."""
    try:
        config = load_config(folder)
        source = input_fingerprint(config)
    except (CocreatieError, OSError):
        return None
    digest = hashlib.sha256(f"{source}\n{_code()}\n{json.dumps(options, sort_keys=True)}".encode())
    return digest.hexdigest()


def finished(folder: str | Path, reports_root: str | Path, fingerprint: str | None) -> Outcome | None:
    """The outcome of the finished report set of `folder` when it has this fingerprint, else None."""
    if fingerprint is None:
        return None
    try:
        path = Path(reports_root) / folder_slug(folder) / OUTCOME_FILE
        data = json.loads(path.read_text("utf-8"))
    except (CocreatieError, OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("fingerprint") != fingerprint or not data.get("ok"):
        return None
    try:
        outcome = Outcome(**{**data, "files": tuple(data["files"])})
    except (TypeError, KeyError):
        return None
    if not all((path.parent / name).is_file() for name in outcome.files):
        return None
    outcome.skipped = True
    return outcome
