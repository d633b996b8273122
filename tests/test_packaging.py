"""A wheel is all a user needs: build it, install it (not editable) into a fresh virtual environment, copy a
sample municipality somewhere outside the checkout, and report it from there.

The fresh environment gets the project's dependencies from this environment's site-packages through a path
file, and their data files (nbconvert's templates) through JUPYTER_PATH, so the test needs no network; the
package itself comes from the wheel only.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{result.stderr[-2000:]}")
    return next(out.glob("cocreatie_analysis-*.whl"))


def test_wheel_ships_notebooks_templates_and_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "cocreatie_analysis/report/notebooks/kompas.ipynb",
        "cocreatie_analysis/report/notebooks/draagvlak.ipynb",
        "cocreatie_analysis/report/templates/report.html.j2",
        "cocreatie_analysis/report/templates/report.css",
        "cocreatie_analysis/report/assets/plotly-cartesian.min.js",
        "cocreatie_analysis/report/assets/LICENSE-plotly.js.txt",
        "cocreatie_analysis/data/sentiment_civic_nl.csv",
        "cocreatie_analysis/data/offers_model.json",  # the offer detector's model: shipped, never downloaded
        "cocreatie_analysis/data/offers_verbs_nl.txt",
        "cocreatie_analysis/wording/report.py",
    ):
        assert needed in names, needed
    assert not any(name.startswith(("tests/", "data/raw/", "benchmarks/")) for name in names)


def test_installed_wheel_reports_a_folder_outside_the_checkout(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True)
    target_site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    ours = {sysconfig.get_path("purelib"), *site.getsitepackages()}
    (target_site / "dependencies.pth").write_text("\n".join(sorted(ours)) + "\n", "utf-8")

    folder = tmp_path / "elsewhere" / "dijkwaard"
    shutil.copytree(ROOT / "data" / "raw" / "dijkwaard", folder)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COCREATIE_NOTEBOOKS")}
    # the dependencies' data files (nbconvert's templates) live under this environment's share/jupyter
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    where = subprocess.run(
        [str(python), "-c", "import cocreatie_analysis; print(cocreatie_analysis.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env=env,
    ).stdout
    assert str(target_site) in where, f"the package must come from the wheel, not the checkout: {where}"
    result = subprocess.run(
        [
            str(venv / "bin" / "cocreatie"),
            "report",
            str(folder),
            "--processed-dir",
            "processed",
            "--reports-dir",
            "reports",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for name in ("kompas.html", "draagvlak.html", "tabellen.xlsx"):
        assert (tmp_path / "reports" / "dijkwaard" / name).is_file(), name
    assert (tmp_path / "reports" / "index.html").is_file()
