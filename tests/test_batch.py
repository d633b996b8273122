"""Batches at scale: warm kernels give the same reports as new ones, pages are light and still draw in a browser,
a batch skips what is current and resumes after an interruption, and a Dask cluster gives the same reports."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from cocreatie_analysis.report import batch
from cocreatie_analysis.report.kernel import WarmKernel
from cocreatie_analysis.report.render import PLOTLY_BUNDLE, execute_notebook, notebook_dir, to_html

from .browser import open_page, outside, require_chromium

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
BATCH_SAMPLES = ("brugvliet", "dijkwaard")  # two municipalities: enough for two workers, quick to report
SHARED_SCRIPT = re.compile(r'<script[^>]*src="\.\./assets/plotly\.min\.js"[^>]*>')


def strip_stamp(page: str) -> str:
    return re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", "", page)


def comparable(notebook) -> dict:
    """An executed notebook without what differs between any two runs: papermill's times and the random id it
    gives the cell it injects."""
    data = json.loads(nbformat.writes(notebook))
    data["metadata"].pop("papermill", None)
    for cell in data["cells"]:
        cell["metadata"].pop("papermill", None)
        cell["metadata"].pop("execution", None)
        if "injected-parameters" in cell["metadata"].get("tags", []):
            cell.pop("id")
    return data


def test_a_warm_kernel_gives_the_notebooks_and_pages_of_a_new_one(processed_root):
    cold = {name: execute_notebook(name, "havenstede", processed_root) for name in ("kompas", "draagvlak")}
    expected = {name: comparable(notebook) for name, notebook in cold.items()}  # to_html below changes a notebook
    kernel = WarmKernel(cwd=str(notebook_dir()))
    try:
        execute_notebook("draagvlak", "dijkwaard", processed_root, kernel=kernel)  # another municipality first
        warm = {name: execute_notebook(name, "havenstede", processed_root, kernel=kernel) for name in cold}
        assert kernel.starts == 1 and kernel.runs == 3
        for name in cold:
            assert comparable(warm[name]) == expected[name], name
            assert [c.get("execution_count") for c in warm[name].cells if c.cell_type == "code"] == [
                c.get("execution_count") for c in cold[name].cells if c.cell_type == "code"
            ]
            assert strip_stamp(to_html(warm[name], "t")) == strip_stamp(to_html(cold[name], "t"))
        # a failing notebook costs its kernel (its state is unknown); the next one gets a new kernel
        with pytest.raises(Exception, match="nergens"):
            execute_notebook("kompas", "nergens", processed_root, kernel=kernel)
        assert kernel.km is None
        again = execute_notebook("kompas", "havenstede", processed_root, kernel=kernel)
        assert kernel.starts == 2 and comparable(again) == expected["kompas"]
    finally:
        kernel.shutdown()


@pytest.fixture(scope="module")
def local_run(processed_root, tmp_path_factory):
    """Two municipalities through the process pool (two workers, as `make demo`), pages sharing plotly.js; the
    analysis is copied from the session's so that only the reporting runs."""
    base = tmp_path_factory.mktemp("batch")
    for name in BATCH_SAMPLES:
        shutil.copytree(RAW / name, base / "raw" / name)
        shutil.copytree(processed_root / name, base / "processed" / name)
    outcomes = batch(base / "raw", base / "processed", base / "reports", workers=2, shared_assets=True)
    assert all(o.ok and not o.skipped for o in outcomes), [o.error for o in outcomes]
    return base


def test_shared_assets_make_light_pages_that_link_one_plotly(local_run):
    reports = local_run / "reports"
    assert (reports / "assets" / "plotly.min.js").read_bytes() == PLOTLY_BUNDLE.read_bytes()
    for name in BATCH_SAMPLES:
        for page in ("kompas.html", "draagvlak.html"):
            html = (reports / name / page).read_text("utf-8")
            assert len(html.encode("utf-8")) <= 300 * 2**10, (name, page)
            assert len(SHARED_SCRIPT.findall(html)) == 1
            assert "plotly.js (cartesian" not in html and "Plotly.newPlot(" in html
        log = (reports / "logs" / f"{name}.log").read_text("utf-8")
        assert "kompas: notebook" in log and "workbook" in log and "finished" in log


def test_charts_draw_in_a_browser_self_contained_and_with_shared_assets(local_run, tmp_path):
    """Every chart drawn, no console error, no request outside the reports folder: brugvliet and dijkwaard as a
    batch makes them (shared plotly.js), and one page with plotly.js inlined."""
    require_chromium()
    shared = local_run / "reports" / "brugvliet" / "draagvlak.html"
    single = tmp_path / "r" / "brugvliet" / "draagvlak.html"
    single.parent.mkdir(parents=True)
    bundle = PLOTLY_BUNDLE.read_text("utf-8")
    single.write_text(
        SHARED_SCRIPT.sub(lambda _: f'<script type="text/javascript">{bundle}', shared.read_text("utf-8")), "utf-8"
    )
    pages = [single] + [local_run / "reports" / n / f"{r}.html" for n in BATCH_SAMPLES for r in ("kompas", "draagvlak")]
    for page in pages:
        load = open_page(page)
        assert load.charts >= 3 and load.drawn == load.charts, (page, load.charts, load.drawn)
        assert load.errors == [], (page, load.errors)
        assert outside(load.requests, page.parent.parent) == [], page  # the page, its assets, nothing else


def test_a_current_report_set_is_skipped_and_a_changed_one_redone(local_run, tmp_path):
    base = tmp_path / "b"
    shutil.copytree(local_run, base, symlinks=True)
    kept = {p: p.stat().st_mtime_ns for p in (base / "reports" / "dijkwaard").iterdir()}
    with open(base / "raw" / "brugvliet" / "gemeente.yaml", "a", encoding="utf-8") as handle:
        handle.write("# changed\n")
    outcomes = {o.gemeente: o for o in batch(base / "raw", base / "processed", base / "reports", shared_assets=True)}
    assert outcomes["dijkwaard"].skipped and outcomes["dijkwaard"].ok
    assert not outcomes["brugvliet"].skipped and outcomes["brugvliet"].ok
    assert {p: p.stat().st_mtime_ns for p in (base / "reports" / "dijkwaard").iterdir()} == kept
    # other options make other report sets
    outcomes = batch(base / "raw", base / "processed", base / "reports", workers=1)
    assert not any(o.skipped for o in outcomes)
    page = (base / "reports" / "dijkwaard" / "kompas.html").read_text("utf-8")
    assert not SHARED_SCRIPT.search(page) and "plotly.js (cartesian - minified)" in page


def _cli_batch(base: Path, *extra: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "cocreatie_analysis.cli", "batch", str(base / "raw")]
    command += ["--processed-dir", str(base / "processed"), "--reports-dir", str(base / "reports"), *extra]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_an_interrupted_batch_leaves_whole_sets_and_resumes(local_run, tmp_path):
    base = tmp_path / "b"
    shutil.copytree(local_run / "raw", base / "raw")
    shutil.copytree(local_run / "processed", base / "processed")
    process = _cli_batch(base, "--workers", "1")
    first = base / "reports" / BATCH_SAMPLES[0] / "rapport.json"
    deadline = time.monotonic() + 240
    while not first.is_file() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert first.is_file(), process.communicate()
    process.send_signal(signal.SIGINT)  # Ctrl-C while the second municipality is being reported
    out, err = process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.skip("the batch finished before the interrupt arrived")
    assert process.returncode == 130 and "Run the same command again" in err, err
    names = {p.name for p in (base / "reports").iterdir()}
    staging = [n for n in names if n.startswith(".") and (base / "reports" / n).is_dir()]
    assert not staging, names  # no staging folder left behind (a lock file beside an output may stay)
    assert not (base / "reports" / BATCH_SAMPLES[1]).exists()  # no half set
    again = _cli_batch(base, "--workers", "1")
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert "2 of 2 municipalities reported (1 unchanged, skipped" in out
    assert (base / "reports" / BATCH_SAMPLES[1] / "draagvlak.html").is_file()


def test_a_dask_cluster_makes_the_reports_of_the_local_run(local_run, tmp_path):
    distributed = pytest.importorskip("distributed")
    base = tmp_path / "b"
    shutil.copytree(local_run / "raw", base / "raw")
    shutil.copytree(local_run / "processed", base / "processed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as cluster:
        outcomes = batch(base / "raw", base / "processed", base / "reports", cluster=cluster.scheduler_address,
                         shared_assets=True)  # fmt: skip
    assert [o.gemeente for o in outcomes if o.ok] == sorted(BATCH_SAMPLES)
    for name in BATCH_SAMPLES:
        for page in ("kompas.html", "draagvlak.html"):
            ours = (base / "reports" / name / page).read_text("utf-8")
            assert strip_stamp(ours) == strip_stamp((local_run / "reports" / name / page).read_text("utf-8"))
        cluster_tables = pd.read_excel(base / "reports" / name / "tabellen.xlsx", sheet_name=None)
        local_tables = pd.read_excel(local_run / "reports" / name / "tabellen.xlsx", sheet_name=None)
        assert cluster_tables.keys() == local_tables.keys()
        for sheet in local_tables:
            pd.testing.assert_frame_equal(cluster_tables[sheet], local_tables[sheet])
    assert os.path.isfile(base / "reports" / "index.html")


def test_the_shipped_plotly_bundle_is_the_version_plotly_writes_for():
    from plotly.offline import get_plotlyjs_version

    header = PLOTLY_BUNDLE.read_text("utf-8")[:200]
    assert f"plotly.js (cartesian - minified) v{get_plotlyjs_version()}" in header
    assert (PLOTLY_BUNDLE.parent / "LICENSE-plotly.js.txt").is_file()
