"""Turning processed results into reports: papermill execution, offline HTML export, index page, batches.

A report is a parameterised notebook (`notebooks/kompas.ipynb`, `notebooks/draagvlak.ipynb`) executed by
papermill and exported by nbconvert without code cells, with plotly.js inlined once per page so it reads
offline. Every file is written to a temporary name and renamed into place: a failed run never leaves a
half-written report. In a batch each municipality runs on its own; one failure is recorded, not fatal.
"""
from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
import shutil
import tempfile
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

import nbformat
import pandas as pd

from . import __version__
from .config import CONFIG_FILE
from .io import load_dataset, publish_mode, write_atomic
from .pipeline import analyse, is_current, load_results, replace_dir, save_results

NOTEBOOKS = ("kompas", "draagvlak")
_TITLES = {"nl": {"kompas": "Kompas", "draagvlak": "Draagvlak"}, "en": {"kompas": "Compass", "draagvlak": "Support"}}
OUTCOME_FILE = "rapport.json"  # what a report folder holds, read back by the index page
REPORT_HIDDEN_TAGS = {"parameters", "injected-parameters", "notebook-only"}
PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES = PACKAGE_DIR / "templates"


def notebook_dir() -> Path:
    """The report notebooks: `notebooks/` next to the package (a source checkout or editable install)."""
    override = os.environ.get("COCREATIE_NOTEBOOKS")
    if override:
        return Path(override)
    return PACKAGE_DIR.parent / "notebooks"


def execute_notebook(name: str, gemeente: str, processed_dir: Path, kernel_name: str = "python3"):
    """Run one report notebook with papermill for one municipality; return the executed notebook node."""
    import papermill

    source = notebook_dir() / f"{name}.ipynb"
    with tempfile.TemporaryDirectory(prefix="cocreatie-") as tmp:
        output = Path(tmp) / f"{name}.ipynb"
        papermill.execute_notebook(
            str(source), str(output), parameters={"gemeente": gemeente, "processed_dir": str(processed_dir)},
            kernel_name=kernel_name, progress_bar=False, log_output=False, cwd=str(notebook_dir()),
            extra_arguments=["--IPKernelApp.log_level=ERROR"],  # the kernel's start-up notices are not for users
        )
        return nbformat.read(output, as_version=4)


def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def to_html(notebook, title: str, language: str = "nl") -> str:
    """Export an executed notebook as one self-contained HTML page without code (plotly.js inlined once)."""
    from nbconvert import HTMLExporter

    notebook.metadata["title"] = title
    # Parameter cells (papermill gives the injected one a random id) and cells meant for notebook users only
    # have no place in a report, and dropping them keeps reports byte-identical for the same input.
    notebook.cells = [cell for cell in notebook.cells if not REPORT_HIDDEN_TAGS & set(cell.metadata.get("tags", []))]
    exporter = HTMLExporter(template_name="lab", template_file="report.html.j2",
                            extra_template_paths=[str(TEMPLATES)], exclude_input=True,
                            exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.language_code = language
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    footer = (f"cocreatie-analysis {__version__} · {stamp}" if language == "en"
              else f"Gemaakt met cocreatie-analysis {__version__} · {stamp}")
    resources = {"plotly_js": _plotly_js(), "report_css": (TEMPLATES / "report.css").read_text("utf-8"),
                 "footer": footer}
    body, _ = exporter.from_notebook_node(notebook, resources=resources)
    return body


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def find_chromium() -> str | None:
    """A headless-capable Chromium/Chrome on PATH (or $COCREATIE_CHROMIUM), or None."""
    import shutil

    override = os.environ.get("COCREATIE_CHROMIUM")
    if override:
        return override
    return next((path for path in map(shutil.which, CHROMIUM_NAMES) if path), None)


def to_pdf(html_path: Path, pdf_path: Path, chromium: str | None = None, timeout: int = 120) -> Path:
    """Print an HTML report to PDF with headless Chromium (charts are drawn by plotly.js before printing)."""
    import subprocess

    chromium = chromium or find_chromium()
    if chromium is None:
        raise FileNotFoundError("PDF needs Chromium or Chrome on PATH (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="cocreatie-chromium-") as profile:
        fd, tmp = tempfile.mkstemp(suffix=".pdf", dir=pdf_path.parent)
        os.close(fd)
        command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   f"--user-data-dir={profile}", "--no-pdf-header-footer", "--virtual-time-budget=10000",
                   f"--print-to-pdf={tmp}", html_path.resolve().as_uri()]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)
            if os.path.getsize(tmp) == 0:
                raise RuntimeError(f"Chromium wrote an empty PDF for {html_path}")
            os.replace(tmp, pdf_path)
        finally:
            Path(tmp).unlink(missing_ok=True)
    return pdf_path


@dataclass
class Outcome:
    """What happened to one municipality in a report run or batch."""

    gemeente: str
    name: str
    ok: bool
    fictional: bool = False
    files: tuple[str, ...] = ()
    error: str = ""
    seconds: float = 0.0


def analyse_folder(folder: Path, processed_root: Path, force: bool = False) -> Path:
    """Analyse a municipality folder unless its processed results are current; return the results folder."""
    dataset = load_dataset(folder)
    out_dir = processed_root / dataset.config.slug
    if force or not is_current(dataset, out_dir):
        save_results(analyse(dataset), out_dir)
    return out_dir


def export_tables(results, path: Path) -> None:
    """An Excel workbook with the main result tables, for analysts who continue in a spreadsheet."""
    sheets = ["kompas", "themes", "counts", "reach_representation", "reach_unusual_suspects",
              "reach_channel_advice", "draagvlak_statements", "draagvlak_group_support", "draagvlak_indicative"]
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name in sheets:
            table = results.get(name)
            if table is None:
                continue
            table = table.copy()
            for column in table.columns:  # list cells (top terms, quotes) as one readable text
                if table[column].map(lambda v: hasattr(v, "__len__") and not isinstance(v, str)).any():
                    table[column] = table[column].map(
                        lambda v: "; ".join(map(str, v)) if hasattr(v, "__len__") and not isinstance(v, str) else v)
            table.to_excel(writer, sheet_name=name[:31], index=False)
            for row in writer.sheets[name[:31]].iter_rows():
                for cell in row:  # resident text starting with "=" must stay text, never become a formula
                    if cell.data_type == "f":
                        cell.data_type = "s"
    write_atomic(path, buffer.getvalue())


def report_folder(folder: str | Path, processed_root: str | Path = "data/processed",
                  reports_root: str | Path = "reports", force: bool = False, pdf: bool = False) -> Outcome:
    """Analyse (if needed) and write both reports and the tables workbook for one municipality.

    With `pdf`, each report is also printed to PDF by headless Chromium (which must be installed).
    """
    start = dt.datetime.now()
    folder, processed_root, reports_root = Path(folder), Path(processed_root).resolve(), Path(reports_root)
    out_dir = analyse_folder(folder, processed_root, force=force)
    results = load_results(out_dir)
    manifest = results.manifest
    target = reports_root / manifest["gemeente"]
    reports_root.mkdir(parents=True, exist_ok=True)
    # The whole set is made in a staging folder and swapped in at once: never a new kompas beside an old
    # draagvlak from another analysis.
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=reports_root))
    publish_mode(staging, directory=True)
    try:
        files = []
        for name in NOTEBOOKS:
            notebook = execute_notebook(name, manifest["gemeente"], processed_root)
            title = f"{_TITLES[manifest['language']][name]} {manifest['name']}"
            write_atomic(staging / f"{name}.html", to_html(notebook, title, manifest["language"]))
            files.append(f"{name}.html")
            if pdf:
                to_pdf(staging / f"{name}.html", staging / f"{name}.pdf")
                files.append(f"{name}.pdf")
        export_tables(results, staging / "tabellen.xlsx")
        files.append("tabellen.xlsx")
        outcome = Outcome(manifest["gemeente"], manifest["name"], True, bool(manifest.get("fictional")),
                          tuple(files), seconds=(dt.datetime.now() - start).total_seconds())
        write_atomic(staging / OUTCOME_FILE, json.dumps(asdict(outcome), ensure_ascii=False, indent=2))
        replace_dir(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return outcome


def _safe_report(folder: str, processed_root: str, reports_root: str, force: bool, pdf: bool = False) -> Outcome:
    """`report_folder` that turns any failure into an Outcome, so a batch carries on."""
    try:
        return report_folder(folder, processed_root, reports_root, force, pdf)
    except Exception as exc:  # one municipality's failure must never stop the batch
        detail = str(exc) if str(exc) else traceback.format_exc(limit=3)
        return Outcome(Path(folder).name, Path(folder).name, False, error=f"{type(exc).__name__}: {detail}")


def municipality_folders(raw_root: str | Path) -> list[Path]:
    """Every folder below `raw_root` (one level) that holds a gemeente.yaml, sorted by name."""
    return sorted(p for p in Path(raw_root).iterdir() if (p / CONFIG_FILE).is_file())


def batch(raw_root: str | Path = "data/raw", processed_root: str | Path = "data/processed",
          reports_root: str | Path = "reports", workers: int | None = None, cluster: str | None = None,
          force: bool = False, pdf: bool = False, on_done=None) -> list[Outcome]:
    """Report every municipality under `raw_root`, in parallel, then write `reports/index.html`.

    Locally a process pool runs `workers` municipalities at a time (default: the number of cores, at most 4
    because each also starts a notebook kernel). With `cluster` (a Dask scheduler address) the same function
    runs on the cluster's workers, which must see the same paths (a shared file system).
    """
    folders = [str(f) for f in municipality_folders(raw_root)]
    args = (str(Path(processed_root).resolve()), str(Path(reports_root).resolve()), force, pdf)
    outcomes: list[Outcome] = []
    if cluster:
        from distributed import Client, as_completed as dask_completed

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
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = [pool.submit(_safe_report, f, *args) for f in folders]
                for future in as_completed(futures):
                    outcomes.append(future.result())
                    if on_done:
                        on_done(outcomes[-1])
    outcomes.sort(key=lambda o: o.gemeente)
    write_index(reports_root, [o for o in outcomes if not o.ok])
    return outcomes


_LINK_LABELS = {"kompas.html": "Kompas", "draagvlak.html": "Draagvlak", "kompas.pdf": "Kompas (PDF)",
                "draagvlak.pdf": "Draagvlak (PDF)", "tabellen.xlsx": "Tabellen (Excel)"}


def reported(reports_root: str | Path) -> list[Outcome]:
    """The municipalities that have a finished report set under `reports_root`."""
    outcomes = []
    for path in sorted(Path(reports_root).glob(f"*/{OUTCOME_FILE}")):
        data = json.loads(path.read_text("utf-8"))
        outcomes.append(Outcome(**{**data, "files": tuple(data["files"])}))
    return outcomes


def write_index(reports_root: str | Path, failures: list[Outcome] = ()) -> Path:
    """`reports/index.html`: every municipality with a report set, and those that failed in this run and why."""
    reports_root = Path(reports_root)
    failed = {o.gemeente for o in failures}
    outcomes = sorted([o for o in reported(reports_root) if o.gemeente not in failed] + list(failures),
                      key=lambda o: o.gemeente)
    rows = []
    for o in outcomes:
        name = html.escape(o.name) + (' <span class="tag">fictief</span>' if o.fictional else "")
        if o.ok:
            links = " · ".join(f'<a href="{html.escape(o.gemeente)}/{html.escape(f)}">{html.escape(_LINK_LABELS.get(f, f))}</a>'
                               for f in o.files)
            rows.append(f"<tr><td>{name}</td><td>{links}</td><td class='ok'>gereed</td></tr>")
        else:
            rows.append(f"<tr><td>{name}</td><td></td><td class='failed'>mislukt: "
                        f"{html.escape(o.error[:500])}</td></tr>")
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    page = f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapporten cocreatie-analysis</title>
<style>body{{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;max-width:960px;margin:0 auto;
padding:24px;color:#1d1d1f}}table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #dadce0;
padding:8px;text-align:left;vertical-align:top}}.ok{{color:#00695c}}.failed{{color:#D55E00}}
.tag{{background:#fff4e5;border:1px solid #E69F00;border-radius:4px;padding:0 6px;font-size:.8em}}
footer{{color:#5f6368;font-size:.85em;margin-top:32px}}</style></head>
<body><h1>Rapporten per gemeente</h1>
<p>Kompas (waar willen inwoners heen en wat willen ze zelf bijdragen) en draagvlak (is er steun, bij wie, en
zijn ook de <em>unusual suspects</em> bereikt) per gemeente. Gemeenten met het label <em>fictief</em> zijn
verzonnen voorbeelden.</p>
<table><thead><tr><th>Gemeente</th><th>Rapporten</th><th>Status</th></tr></thead><tbody>
{''.join(rows)}
</tbody></table>
<footer>Gemaakt met cocreatie-analysis {__version__} · {stamp}</footer>
</body></html>
"""
    path = reports_root / "index.html"
    write_atomic(path, page)
    return path
