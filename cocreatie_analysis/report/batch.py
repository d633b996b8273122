"""Report sets for one municipality or many: analyse if needed, render both reports and the workbook, index.

Every report set is made in a staging folder and swapped in whole. In a batch each municipality runs on its
own (in a process pool, or on a Dask cluster); one failure is recorded, not fatal. Each worker keeps one warm
notebook kernel (`report.kernel`) for all the notebooks it runs; a municipality whose report set is current
(`report.resume`) is skipped, so an interrupted batch goes on where it stopped.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import UserError
from ..io.atomic import remove_leftovers, staged_dir, write_atomic
from ..io.dataset import load_dataset
from ..pipeline import analyse, is_current, load_results, save_results
from ..vocabulary import CONFIG_FILE
from ..wording.report import text
from .index import OUTCOME_FILE, Outcome, key_figures, write_index
from .kernel import WarmKernel, warm_kernel
from .progress import MunicipalityLog, municipality_log
from .render import NOTEBOOKS, PLOTLY_ASSET, execute_notebook, notebook_dir, plotly_js, to_html, to_pdf
from .resume import finished, report_fingerprint
from .workbook import export_tables

__all__ = ["BatchSettings", "analyse_folder", "batch", "municipality_folders", "report_folder"]


def analyse_folder(folder: Path, processed_root: Path, force: bool = False, log: MunicipalityLog | None = None) -> Path:
    """Analyse a municipality folder unless its processed results are current; return the results folder."""
    log = log or MunicipalityLog(Path(folder).name)
    with log.step("input read and checked"):
        dataset = load_dataset(folder)
    out_dir = processed_root / dataset.config.slug
    if force or not is_current(dataset, out_dir):
        with log.step("analysis"):
            save_results(analyse(dataset), out_dir)
    else:
        log("analysis: processed results are current")
    return out_dir


def report_folder(
    folder: str | Path,
    processed_root: str | Path = "data/processed",
    reports_root: str | Path = "reports",
    force: bool = False,
    pdf: bool = False,
    shared_assets: bool = False,
    kernel: WarmKernel | None = None,
    fingerprint: str | None = None,
    log: MunicipalityLog | None = None,
) -> Outcome:
    """Analyse (if needed) and write both reports and the tables workbook for one municipality.

    With `pdf`, each report is also printed to PDF by headless Chromium (which must be installed). With
    `shared_assets`, pages link `reports/assets/plotly.min.js` (which `batch` writes) instead of holding
    plotly.js. Both notebooks run in `kernel` (a worker's warm kernel), else in one started for this set.
    `fingerprint` (`report.resume`) is recorded in the set's rapport.json; computed here when not given.
    """
    start = dt.datetime.now()
    if fingerprint is None:
        fingerprint = report_fingerprint(folder, _options(pdf, shared_assets))
    log = log or MunicipalityLog(Path(folder).name)
    folder, processed_root, reports_root = Path(folder), Path(processed_root).resolve(), Path(reports_root)
    out_dir = analyse_folder(folder, processed_root, force=force, log=log)
    results = load_results(out_dir)
    manifest = results.manifest
    target = reports_root / manifest["gemeente"]
    own_kernel = kernel is None
    kernel = kernel or WarmKernel(cwd=str(notebook_dir()))
    plotly_src = f"../{PLOTLY_ASSET}" if shared_assets else None
    try:
        # The whole set is made in a staging folder and swapped in at once: never a new kompas beside an old
        # draagvlak from another analysis.
        with staged_dir(target, marker=OUTCOME_FILE) as staging:
            files = []
            for name in NOTEBOOKS:
                with log.step(f"{name}: notebook"):
                    notebook = execute_notebook(name, manifest["gemeente"], processed_root, kernel=kernel)
                with log.step(f"{name}: html"):
                    title = f"{text(name + '_title', manifest['language'])} {manifest['name']}"
                    page = to_html(notebook, title, manifest["language"], plotly_src=plotly_src)
                    write_atomic(staging / f"{name}.html", page)
                files.append(f"{name}.html")
                if pdf:
                    with log.step(f"{name}: pdf"):
                        to_pdf(staging / f"{name}.html", staging / f"{name}.pdf")
                    files.append(f"{name}.pdf")
            with log.step("workbook"):
                export_tables(results, staging / "tabellen.xlsx")
            files.append("tabellen.xlsx")
            outcome = Outcome(
                manifest["gemeente"],
                manifest["name"],
                True,
                bool(manifest.get("fictional")),
                tuple(files),
                seconds=(dt.datetime.now() - start).total_seconds(),
                fingerprint=fingerprint or "",
                figures=key_figures(results.tables),
            )
            write_atomic(staging / OUTCOME_FILE, json.dumps(asdict(outcome), ensure_ascii=False, indent=2))
    finally:
        if own_kernel:
            kernel.shutdown()
    return outcome


@dataclass(frozen=True)
class BatchSettings:
    """What every municipality of a batch is reported with (sent to each worker)."""

    processed_root: str
    reports_root: str
    force: bool = False
    pdf: bool = False
    shared_assets: bool = False
    single_thread: bool = False  # several workers share the cores: one BLAS/OpenMP thread each

    def options(self) -> dict:
        return _options(self.pdf, self.shared_assets)


def _options(pdf: bool, shared_assets: bool) -> dict:
    """The settings that change what a report set holds (part of its fingerprint)."""
    return {"pdf": pdf, "shared_assets": shared_assets}


def _safe_report(
    folder: str, settings: BatchSettings, fingerprint: str = "", kernel: WarmKernel | None = None
) -> Outcome:
    """`report_folder` in `kernel` or this worker's warm kernel, logged, with any failure turned into an Outcome
    so a batch carries on."""
    name = Path(folder).name
    try:
        with municipality_log(settings.reports_root, name) as log:
            limits = _single_thread() if settings.single_thread else None
            try:
                return report_folder(
                    folder,
                    settings.processed_root,
                    settings.reports_root,
                    settings.force,
                    settings.pdf,
                    shared_assets=settings.shared_assets,
                    kernel=kernel or warm_kernel(cwd=str(notebook_dir())),
                    fingerprint=fingerprint,
                    log=log,
                )
            finally:
                if limits is not None:
                    limits.restore_original_limits()
    except Exception as exc:  # one municipality's failure must never stop the batch
        detail = str(exc) or traceback.format_exc(limit=3)
        log_file = Path(settings.reports_root) / "logs" / f"{name}.log"
        return Outcome(name, name, False, error=f"{type(exc).__name__}: {detail}\n(log: {log_file})")


def _single_thread():
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


def _crashed(folder: str) -> Outcome:
    name = Path(folder).name
    return Outcome(
        name,
        name,
        False,
        error="the worker process died twice while reporting this municipality "
        "(out of memory, or killed); the others were reported",
    )


def _pool_reports(tasks: list[tuple[str, str]], settings: BatchSettings, workers: int, done) -> None:
    """Report `(folder, fingerprint)` tasks in a process pool. A worker that dies (killed, out of memory) breaks
    the pool; the municipalities that were running then are retried once, each alone in a fresh one-worker
    pool, so the one that kills its worker again is recorded as failed and the others finish."""
    crashed: list[tuple[str, str]] = []
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        futures = {pool.submit(_safe_report, folder, settings, fp): (folder, fp) for folder, fp in tasks}
        for future in as_completed(futures):
            try:
                done(future.result())
            except BrokenProcessPool:
                crashed.append(futures[future])
    except BaseException:  # Ctrl-C: what runs finishes its set (or is stopped by the same signal), no more starts
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    for folder, fp in sorted(crashed):
        with ProcessPoolExecutor(max_workers=1) as retry:
            try:
                done(retry.submit(_safe_report, folder, settings, fp).result())
            except BrokenProcessPool:
                done(_crashed(folder))


def _cluster_reports(tasks: list[tuple[str, str]], settings: BatchSettings, address: str, done) -> None:
    """Report the tasks on a Dask cluster (whose workers see the same paths). A worker that dies is replaced
    and its task retried by Dask; a task that kills workers repeatedly is recorded as failed."""
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError as exc:
        raise UserError(
            "--cluster needs Dask's distributed package: pip install 'cocreatie-analysis[cluster]'"
        ) from exc

    with Client(address) as client:
        futures = {
            client.submit(
                _safe_report, folder, settings, fp, pure=False, key=f"report-{Path(folder).name}-{fp}"
            ): folder
            for folder, fp in tasks
        }
        try:
            for future in dask_completed(futures):
                try:
                    done(future.result())
                except Exception as exc:  # KilledWorker and the like: this municipality only
                    name = Path(futures[future]).name
                    done(Outcome(name, name, False, error=f"{type(exc).__name__}: {exc}"))
        except BaseException:
            client.cancel(list(futures))
            raise


def _input_size(folder: str) -> int:
    """The bytes of a municipality folder's files: its work grows with them. The batch starts the largest
    first, so no worker is left with a large one at the end while the others wait (parallel workers finish
    closer together)."""
    return sum(p.stat().st_size for p in Path(folder).iterdir() if p.is_file())


def municipality_folders(raw_root: str | Path) -> list[Path]:
    """Every folder below `raw_root` (one level) that holds a gemeente.yaml, sorted by name."""
    return sorted(p for p in Path(raw_root).iterdir() if (p / CONFIG_FILE).is_file())


def write_shared_assets(reports_root: str | Path) -> Path:
    """`reports/assets/plotly.min.js`, which pages made with shared assets link (rewritten only when it differs)."""
    path = Path(reports_root) / PLOTLY_ASSET
    bundle = plotly_js()
    if not path.is_file() or path.read_text("utf-8") != bundle:
        write_atomic(path, bundle)
    return path


def batch(
    raw_root: str | Path = "data/raw",
    processed_root: str | Path = "data/processed",
    reports_root: str | Path = "reports",
    workers: int | None = None,
    cluster: str | None = None,
    force: bool = False,
    pdf: bool = False,
    shared_assets: bool = False,
    on_done=None,
) -> list[Outcome]:
    """Report every municipality under `raw_root`, in parallel, then write `reports/index.html`.

    A municipality whose report set is current (same input, code and options) is skipped unless `force`.
    Locally a process pool runs `workers` municipalities at a time (default: the number of cores, at most 4;
    each worker has one warm kernel). With `cluster` (a Dask scheduler address) the same function runs on the
    cluster's workers, which must see the same paths (a shared file system). `on_done(outcome)` is called for
    each municipality as it finishes (skipped ones first). Interrupted (Ctrl-C), it writes the index of what is
    finished and re-raises; running it again goes on from there.
    """
    reports_root = Path(reports_root)
    folders = [str(f) for f in municipality_folders(raw_root)]
    workers = workers or min(len(folders), os.cpu_count() or 1, 4) or 1
    settings = BatchSettings(
        str(Path(processed_root).resolve()),
        str(reports_root.resolve()),
        force=force,
        pdf=pdf,
        shared_assets=shared_assets,
        single_thread=bool(cluster) or workers > 1,
    )
    outcomes: list[Outcome] = []

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)

    reports_root.mkdir(parents=True, exist_ok=True)
    remove_leftovers(reports_root)  # staging folders of a killed run
    if shared_assets:
        write_shared_assets(reports_root)
    tasks = []
    for folder in folders:
        fingerprint = report_fingerprint(folder, settings.options()) or ""
        current = None if force else finished(folder, reports_root, fingerprint or None)
        if current is not None:
            done(current)
        else:
            tasks.append((folder, fingerprint))
    tasks.sort(key=lambda task: _input_size(task[0]), reverse=True)
    try:
        if cluster and tasks:
            _cluster_reports(tasks, settings, cluster, done)
        elif tasks and min(workers, len(tasks)) == 1:  # in this process, with a kernel of this batch's own
            kernel = WarmKernel(cwd=str(notebook_dir()))
            try:
                for folder, fingerprint in tasks:
                    done(_safe_report(folder, settings, fingerprint, kernel))
            finally:
                kernel.shutdown()
        elif tasks:
            _pool_reports(tasks, settings, min(workers, len(tasks)), done)
    finally:
        outcomes.sort(key=lambda o: o.gemeente)
        write_index(reports_root, [o for o in outcomes if not o.ok])
    return outcomes
