"""Processed results: the tables `analyse` makes, saved as Parquet with a manifest, and loaded back.

The notebooks and the CLI only load what was saved here, so a report never recomputes (or silently differs
from) the analysis. The manifest identifies the input (sha256 over gemeente.yaml and the data files) and the
code (sha256 over the package's code and data), so stale results are re-analysed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .. import __version__
from ..errors import UserError
from ..io.atomic import staged_dir
from ..io.dataset import Dataset
from ..io.lock import output_lock
from .schemas import check_table

__all__ = [
    "FORMAT_VERSION",
    "MANIFEST",
    "Results",
    "code_fingerprint",
    "is_current",
    "load_results",
    "manifest",
    "save_results",
]


MANIFEST = "manifest.json"


FORMAT_VERSION = 5  # bump when the processed tables change shape, so stale results are re-analysed


_RECORDED_PACKAGES = ("pandas", "numpy", "scikit-learn", "scipy", "nltk", "pyarrow", "plotly")


@dataclass
class Results:
    """The processed tables of one municipality and the manifest that identifies how they were made."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    manifest: dict = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def get(self, name: str) -> pd.DataFrame | None:
        return self.tables.get(name)


def code_fingerprint() -> str:
    """sha256 over the package's own code and data files: results made by other code are not current."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(p for p in package.rglob("*") if p.is_file() and p.suffix in (".py", ".csv", ".txt", ".j2")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def manifest(dataset: Dataset) -> dict:
    config = dataset.config
    versions = {}
    for package in _RECORDED_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            pass
    return {
        "gemeente": config.slug,
        "name": config.name,
        "fictional": config.fictional,
        "language": config.language,
        "input_sha256": dataset.fingerprint,
        "cocreatie_analysis": __version__,
        "code_sha256": code_fingerprint(),
        "format_version": FORMAT_VERSION,
        "packages": versions,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


# (table name, sha256 of its Parquet bytes) checked against the schema in this process. A batch worker loads
# what it has just saved, and a warm report kernel loads one municipality's tables for both notebooks: the same
# bytes are not checked twice (checking costs ~1 s per municipality; hashing, milliseconds).
_checked: set[tuple[str, str]] = set()


def _remember_checked(name: str, data: bytes) -> None:
    if len(_checked) > 100_000:
        _checked.clear()
    _checked.add((name, hashlib.sha256(data).hexdigest()))


def save_results(results: Results, out_dir: str | Path) -> Path:
    """Write the tables as Parquet and the manifest, replacing `out_dir` atomically.

    Everything is written into a temporary sibling folder first and swapped in with a rename, so a crash or
    a full disk never leaves a half-written mix of old and new results behind.
    """
    out_dir = Path(out_dir)
    for name, table in results.tables.items():
        check_table(name, table)
    with staged_dir(out_dir, marker=MANIFEST) as staging:
        for name, table in results.tables.items():
            table.to_parquet(staging / f"{name}.parquet", index=False)
            _remember_checked(name, (staging / f"{name}.parquet").read_bytes())
        manifest = dict(results.manifest, tables=sorted(results.tables))
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return out_dir


def load_results(out_dir: str | Path) -> Results:
    """Read what `save_results` wrote (holding the folder's lock shared, so a run writing it is waited for)."""
    out_dir = Path(out_dir)
    manifest_path = out_dir / MANIFEST
    with output_lock(out_dir, shared=True):  # never half-way through another run's swap
        if not manifest_path.is_file():
            raise UserError(f"{out_dir}: no processed results here; run `cocreatie analyse` first")
        manifest = json.loads(manifest_path.read_text("utf-8"))
        if manifest.get("format_version") != FORMAT_VERSION:
            raise UserError(
                f"{out_dir}: processed by another version of cocreatie-analysis; run `cocreatie analyse` again"
            )
        raw = {name: (out_dir / f"{name}.parquet").read_bytes() for name in manifest["tables"]}
    tables = {}
    for name, data in raw.items():
        tables[name] = table = pd.read_parquet(io.BytesIO(data))
        if (name, hashlib.sha256(data).hexdigest()) in _checked:
            continue  # checked once per process (a worker's load after save, a warm kernel's next notebook)
        try:
            check_table(name, table)
        except (pa.errors.SchemaError, pa.errors.SchemaErrors) as error:
            # Changed or damaged by hand, or written by a development version: never report from it.
            raise UserError(
                f"{out_dir / (name + '.parquet')}: does not have the shape this version expects; "
                "run `cocreatie analyse` again"
            ) from error
        _remember_checked(name, data)
    return Results(tables=tables, manifest=manifest)


def is_current(dataset: Dataset, out_dir: str | Path) -> bool:
    """True when `out_dir` holds results of exactly this input, made by exactly this code."""
    path = Path(out_dir) / MANIFEST
    if not path.is_file():
        return False
    manifest = json.loads(path.read_text("utf-8"))
    return (
        manifest.get("input_sha256") == dataset.fingerprint
        and manifest.get("code_sha256") == code_fingerprint()
        and manifest.get("format_version") == FORMAT_VERSION
    )
