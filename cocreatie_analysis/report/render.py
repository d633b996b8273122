"""Rendering one report: papermill runs the notebook, nbconvert exports offline HTML, Chromium prints PDF.

A report is a parameterised notebook (`notebooks/kompas.ipynb`, `notebooks/draagvlak.ipynb`, shipped inside
the package) executed by papermill (in a new kernel, or in a worker's warm kernel: `report.kernel`) and
exported by nbconvert without code cells. Pages read offline: plotly.js' cartesian partial bundle (shipped in
`assets/`, all the trace types the charts use) is inlined once per page, or, for a batch with shared assets,
written once as `reports/assets/plotly.min.js` and linked by every page.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import shutil
import subprocess
import tempfile
import threading
import warnings
from pathlib import Path

import nbformat

from .. import __version__
from ..errors import UserError
from ..io.atomic import publish_mode, scratch_dir
from ..wording.report import text

__all__ = [
    "NOTEBOOKS", "PLOTLY_ASSET", "execute_notebook", "find_chromium", "notebook_dir", "plotly_js", "to_html", "to_pdf",
]  # fmt: skip


NOTEBOOKS = ("kompas", "draagvlak")


REPORT_HIDDEN_TAGS = {"parameters", "injected-parameters", "notebook-only"}
REPORT_DIR = Path(__file__).resolve().parent
TEMPLATES = REPORT_DIR / "templates"
PLOTLY_BUNDLE = REPORT_DIR / "assets" / "plotly-cartesian.min.js"
PLOTLY_ASSET = "assets/plotly.min.js"  # below the reports folder, when a batch shares it between pages


def notebook_dir() -> Path:
    """The report notebooks, shipped inside the package (`$COCREATIE_NOTEBOOKS` points elsewhere)."""
    override = os.environ.get("COCREATIE_NOTEBOOKS")
    if override:
        return Path(override)
    return REPORT_DIR / "notebooks"


def execute_notebook(name: str, gemeente: str, processed_dir: Path, kernel=None, kernel_name: str = "python3"):
    """Run one report notebook with papermill for one municipality; return the executed notebook node.

    With `kernel` (a `report.kernel.WarmKernel` started in `notebook_dir()`) the notebook runs in that kernel;
    otherwise papermill starts a new one.
    """
    import papermill

    source = notebook_dir() / f"{name}.ipynb"
    parameters = {"gemeente": gemeente, "processed_dir": str(processed_dir)}
    with scratch_dir("notebook") as tmp:
        output = Path(tmp) / f"{name}.ipynb"
        # written once at the end, not after every cell (papermill's default, for watching a long notebook):
        # serialising the growing notebook after each cell costs more than running a report's cells
        quiet = {"progress_bar": False, "log_output": False, "request_save_on_cell_execute": False}
        if kernel is not None:
            kernel.execute(str(source), str(output), parameters, **quiet)
        else:
            papermill.execute_notebook(
                str(source),
                str(output),
                parameters=parameters,
                kernel_name=kernel_name,
                **quiet,
                cwd=str(notebook_dir()),
                extra_arguments=["--IPKernelApp.log_level=ERROR"],  # the kernel's start-up notices are not for users
            )
        return nbformat.read(output, as_version=4)


@functools.cache
def plotly_js() -> str:
    """The plotly.js the pages use: the shipped cartesian bundle when it is the version the installed plotly
    writes figures for (same major version), else plotly's full bundle (correct, but 4.8 MB per page)."""
    from plotly.offline import get_plotlyjs, get_plotlyjs_version

    bundle = PLOTLY_BUNDLE.read_text("utf-8")
    shipped = re.search(r"plotly\.js \(cartesian - minified\) v(\d+)\.", bundle[:200])
    if shipped and shipped.group(1) == get_plotlyjs_version().split(".")[0]:
        return bundle
    warnings.warn(
        f"the shipped plotly.js bundle does not match plotly.js {get_plotlyjs_version()}: full bundle used",
        stacklevel=2,
    )
    return get_plotlyjs()


_exporters = threading.local()  # building an exporter loads its templates: once per thread, not per page


def _exporter():
    from nbconvert import HTMLExporter

    exporter = getattr(_exporters, "html", None)
    if exporter is None:
        exporter = _exporters.html = HTMLExporter(
            template_name="lab",
            template_file="report.html.j2",
            extra_template_paths=[str(TEMPLATES)],
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
        )
    return exporter


def to_html(notebook, title: str, language: str = "nl", plotly_src: str | None = None) -> str:
    """Export an executed notebook as one HTML page without code.

    The page is self-contained (plotly.js inlined once), or, with `plotly_src` (a relative URL such as
    ``../assets/plotly.min.js``), it links that file instead.
    """
    notebook.metadata["title"] = title
    # Parameter cells (papermill gives the injected one a random id) and cells meant for notebook users only
    # have no place in a report, and dropping them keeps reports byte-identical for the same input.
    notebook.cells = [cell for cell in notebook.cells if not REPORT_HIDDEN_TAGS & set(cell.metadata.get("tags", []))]
    exporter = _exporter()
    exporter.language_code = language
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    footer = (
        f"cocreatie-analysis {__version__} · {stamp}"
        if language == "en"
        else f"{text('generated', language)} {__version__} · {stamp}"
    )
    resources = {
        "plotly_js": "" if plotly_src else plotly_js(),
        "plotly_src": plotly_src or "",
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
