"""Report sets for one municipality or many: analyse if needed, render both reports and the workbook, index.

Every report set is made in a staging folder and swapped in whole. In a batch each municipality runs on its
own (in a process pool, or on a Dask cluster); one failure is recorded, not fatal.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict
from pathlib import Path

from ..io.atomic import staged_dir, write_atomic
from ..io.dataset import load_dataset
from ..pipeline import analyse, is_current, load_results, save_results
from ..vocabulary import CONFIG_FILE
from ..wording.report import text
from .index import OUTCOME_FILE, Outcome, write_index
from .render import NOTEBOOKS, execute_notebook, to_html, to_pdf
from .workbook import export_tables

__all__ = ["analyse_folder", "batch", "municipality_folders", "report_folder"]


def analyse_folder(folder: Path, processed_root: Path, force: bool = False) -> Path:
    """Analyse a municipality folder unless its processed results are current; return the results folder."""
    dataset = load_dataset(folder)
    out_dir = processed_root / dataset.config.slug
    if force or not is_current(dataset, out_dir):
        save_results(analyse(dataset), out_dir)
    return out_dir


def report_folder(
    folder: str | Path,
    processed_root: str | Path = "data/processed",
    reports_root: str | Path = "reports",
    force: bool = False,
    pdf: bool = False,
) -> Outcome:
    """Analyse (if needed) and write both reports and the tables workbook for one municipality.

    With `pdf`, each report is also printed to PDF by headless Chromium (which must be installed).
    """
    start = dt.datetime.now()
    folder, processed_root, reports_root = Path(folder), Path(processed_root).resolve(), Path(reports_root)
    out_dir = analyse_folder(folder, processed_root, force=force)
    results = load_results(out_dir)
    manifest = results.manifest
    target = reports_root / manifest["gemeente"]
    # The whole set is made in a staging folder and swapped in at once: never a new kompas beside an old
    # draagvlak from another analysis.
    with staged_dir(target, marker=OUTCOME_FILE) as staging:
        files = []
        for name in NOTEBOOKS:
            notebook = execute_notebook(name, manifest["gemeente"], processed_root)
            title = f"{text(name + '_title', manifest['language'])} {manifest['name']}"
            write_atomic(staging / f"{name}.html", to_html(notebook, title, manifest["language"]))
            files.append(f"{name}.html")
            if pdf:
                to_pdf(staging / f"{name}.html", staging / f"{name}.pdf")
                files.append(f"{name}.pdf")
        export_tables(results, staging / "tabellen.xlsx")
        files.append("tabellen.xlsx")
        outcome = Outcome(
            manifest["gemeente"],
            manifest["name"],
            True,
            bool(manifest.get("fictional")),
            tuple(files),
            seconds=(dt.datetime.now() - start).total_seconds(),
        )
        write_atomic(staging / OUTCOME_FILE, json.dumps(asdict(outcome), ensure_ascii=False, indent=2))
    return outcome


def _safe_report(folder: str, processed_root: str, reports_root: str, force: bool, pdf: bool = False) -> Outcome:
    """`report_folder` that turns any failure into an Outcome, so a batch carries on."""
    try:
        return report_folder(folder, processed_root, reports_root, force, pdf)
    except Exception as exc:  # one municipality's failure must never stop the batch
        detail = str(exc) if str(exc) else traceback.format_exc(limit=3)
        return Outcome(Path(folder).name, Path(folder).name, False, error=f"{type(exc).__name__}: {detail}")


def _crashed(folder: str) -> Outcome:
    name = Path(folder).name
    return Outcome(
        name,
        name,
        False,
        error="the worker process died twice while reporting this municipality "
        "(out of memory, or killed); the others were reported",
    )


def _pool_reports(folders: list[str], args: tuple, workers: int, on_done=None) -> list[Outcome]:
    """Report the folders in a process pool. A worker that dies (killed, out of memory) breaks the pool; the
    municipalities that were running then are retried once, each alone in a fresh one-worker pool, so the one
    that kills its worker again is recorded as failed and the others finish."""
    outcomes: list[Outcome] = []

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)

    crashed: list[str] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_safe_report, f, *args): f for f in folders}
        for future in as_completed(futures):
            try:
                done(future.result())
            except BrokenProcessPool:
                crashed.append(futures[future])
    for folder in sorted(crashed):
        with ProcessPoolExecutor(max_workers=1) as pool:
            try:
                done(pool.submit(_safe_report, folder, *args).result())
            except BrokenProcessPool:
                done(_crashed(folder))
    return outcomes


def municipality_folders(raw_root: str | Path) -> list[Path]:
    """Every folder below `raw_root` (one level) that holds a gemeente.yaml, sorted by name."""
    return sorted(p for p in Path(raw_root).iterdir() if (p / CONFIG_FILE).is_file())


def batch(
    raw_root: str | Path = "data/raw",
    processed_root: str | Path = "data/processed",
    reports_root: str | Path = "reports",
    workers: int | None = None,
    cluster: str | None = None,
    force: bool = False,
    pdf: bool = False,
    on_done=None,
) -> list[Outcome]:
    """Report every municipality under `raw_root`, in parallel, then write `reports/index.html`.

    Locally a process pool runs `workers` municipalities at a time (default: the number of cores, at most 4
    because each also starts a notebook kernel). With `cluster` (a Dask scheduler address) the same function
    runs on the cluster's workers, which must see the same paths (a shared file system).
    """
    folders = [str(f) for f in municipality_folders(raw_root)]
    args = (str(Path(processed_root).resolve()), str(Path(reports_root).resolve()), force, pdf)
    outcomes: list[Outcome] = []
    if cluster:
        from distributed import Client
        from distributed import as_completed as dask_completed

        with Client(cluster) as client:
            futures = [client.submit(_safe_report, f, *args, pure=False) for f in folders]
            for future in dask_completed(futures):
                outcomes.append(future.result())
                if on_done:
                    on_done(outcomes[-1])
    elif folders:
        workers = workers or min(len(folders), os.cpu_count() or 1, 4)
        if workers == 1:
            for f in folders:
                outcomes.append(_safe_report(f, *args))
                if on_done:
                    on_done(outcomes[-1])
        else:
            outcomes = _pool_reports(folders, args, workers, on_done)
    outcomes.sort(key=lambda o: o.gemeente)
    write_index(reports_root, [o for o in outcomes if not o.ok])
    return outcomes
