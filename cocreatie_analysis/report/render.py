"""Rendering one report: papermill runs the notebook, nbconvert exports offline HTML, Chromium prints PDF.

A report is a parameterised notebook (`notebooks/kompas.ipynb`, `notebooks/draagvlak.ipynb`, shipped inside
the package) executed by papermill and exported by nbconvert without code cells, with plotly.js inlined once
per page so it reads offline.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import nbformat

from .. import __version__
from ..errors import UserError
from ..io.atomic import publish_mode, scratch_dir
from ..wording.report import text

__all__ = ["NOTEBOOKS", "execute_notebook", "find_chromium", "notebook_dir", "to_html", "to_pdf"]


NOTEBOOKS = ("kompas", "draagvlak")


REPORT_HIDDEN_TAGS = {"parameters", "injected-parameters", "notebook-only"}
REPORT_DIR = Path(__file__).resolve().parent
TEMPLATES = REPORT_DIR / "templates"


def notebook_dir() -> Path:
    """The report notebooks, shipped inside the package (`$COCREATIE_NOTEBOOKS` points elsewhere)."""
    override = os.environ.get("COCREATIE_NOTEBOOKS")
    if override:
        return Path(override)
    return REPORT_DIR / "notebooks"


def execute_notebook(name: str, gemeente: str, processed_dir: Path, kernel_name: str = "python3"):
    """Run one report notebook with papermill for one municipality; return the executed notebook node."""
    import papermill

    source = notebook_dir() / f"{name}.ipynb"
    with scratch_dir("notebook") as tmp:
        output = Path(tmp) / f"{name}.ipynb"
        papermill.execute_notebook(
            str(source),
            str(output),
            parameters={"gemeente": gemeente, "processed_dir": str(processed_dir)},
            kernel_name=kernel_name,
            progress_bar=False,
            log_output=False,
            cwd=str(notebook_dir()),
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
    exporter = HTMLExporter(
        template_name="lab",
        template_file="report.html.j2",
        extra_template_paths=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.language_code = language
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    footer = (
        f"cocreatie-analysis {__version__} · {stamp}"
        if language == "en"
        else f"{text('generated', language)} {__version__} · {stamp}"
    )
    resources = {
        "plotly_js": _plotly_js(),
        "report_css": (TEMPLATES / "report.css").read_text("utf-8"),
        "footer": footer,
    }
    body, _ = exporter.from_notebook_node(notebook, resources=resources)
    return body


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def find_chromium() -> str | None:
    """A headless-capable Chromium/Chrome on PATH (or $COCREATIE_CHROMIUM), or None."""
    override = os.environ.get("COCREATIE_CHROMIUM")
    if override:
        return override
    return next((path for path in map(shutil.which, CHROMIUM_NAMES) if path), None)


def to_pdf(html_path: Path, pdf_path: Path, chromium: str | None = None, timeout: int = 120) -> Path:
    """Print an HTML report to PDF with headless Chromium (charts are drawn by plotly.js before printing)."""
    chromium = chromium or find_chromium()
    if chromium is None:
        raise UserError("PDF needs Chromium or Chrome on PATH (Debian: apt-get install chromium)")
    with scratch_dir("chromium") as profile:
        fd, tmp = tempfile.mkstemp(prefix=f".{pdf_path.name}.tmp-{os.getpid()}-", suffix=".pdf", dir=pdf_path.parent)
        os.close(fd)
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            # Charts are drawn at the window's width before printing: narrower than A4's printable width.
            "--window-size=700,1000",
            "--virtual-time-budget=10000",
            f"--print-to-pdf={tmp}",
            html_path.resolve().as_uri(),
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)
            if os.path.getsize(tmp) == 0:
                raise RuntimeError(f"Chromium wrote an empty PDF for {html_path}")
            publish_mode(tmp)  # mkstemp makes it private; a report is as readable as its HTML
            os.replace(tmp, pdf_path)
        finally:
            Path(tmp).unlink(missing_ok=True)
    return pdf_path
