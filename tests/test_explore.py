"""The exploration notebook and its library: filter, search, compare two groups (with suppression), why an
input got its opgave and tone; the notebook runs headless; `make lab` starts as root."""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import subprocess
import time
import urllib.request

import numpy as np
import pytest

from cocreatie_analysis.report.explore import Exploration

from .conftest import RAW, ROOT


@pytest.fixture(scope="module")
def explore(processed_root):
    return Exploration.load(RAW / "havenstede", processed_root)


def test_inputs_carry_their_opgave_tone_and_authors_attributes(explore, processed_root):
    assert {"district", "age_group", "channel", "theme", "theme_confidence", "tone"} <= set(explore.inputs.columns)
    # the same protected text as the processed results (never the raw text)
    assert "@" not in " ".join(explore.inputs["text"])


def test_filter_and_search(explore):
    opgave = explore.inputs["theme"].iloc[0]
    found = explore.filter(opgave=opgave, wijk="Centrum")
    assert len(found) and (found["theme"] == opgave).all() and (found["district"] == "Centrum").all()
    hits = explore.filter(search="FIETS")
    assert len(hits) and hits["text"].str.lower().str.contains("fiets").all()
    with pytest.raises(KeyError, match="choose from"):
        explore.filter(shoe_size=42)


def test_compare_hides_small_groups(explore):
    table = explore.compare("wijk", "Centrum", "Zuiderpark")
    k = explore.min_cell_size
    frame = explore.inputs[(explore.inputs["theme_id"] >= 0) & (explore.inputs["district"] == "Centrum")]
    raised = frame.groupby("theme")["participant_id"].nunique()
    n = frame["participant_id"].nunique()
    column = f"Centrum: raised it (of {n})"
    for opgave, count in raised.items():
        if count < k:
            assert np.isnan(table.loc[opgave, column])  # below the minimum: never shown
    shown = table[column].dropna()
    assert len(shown) and all(raised[o] >= k for o in shown.index)
    assert shown.to_dict() == pytest.approx({o: raised[o] / n for o in shown.index})


def test_why_an_input_got_its_opgave_and_tone(explore):
    row = explore.inputs[explore.inputs["theme_id"] >= 0].iloc[0]
    why = explore.why(row["input_id"])
    assert why["opgave"] == row["theme"]
    assert why["membership"].index[0] == row["theme"]  # transform agrees with the processed label
    assert len(why["words"]) and (why["words"]["weight"] > 0).all()
    for word in why["words"]["word"]:
        assert re.search(rf"\b{re.escape(word)}\b", why["text"].lower()), word
    assert list(why["tone"].columns)[:2] == ["token", "lemma"]


def test_the_notebook_runs_headless(processed_root, tmp_path):
    import papermill

    out = tmp_path / "verkenning.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "verkenning.ipynb"),
        str(out),
        parameters={"folder": str(RAW / "havenstede"), "processed_dir": str(processed_root)},
        cwd=str(ROOT / "notebooks"),
        kernel_name="python3",
        progress_bar=False,
    )
    text = out.read_text("utf-8")
    assert "Traceback" not in text and "membership" in text


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_starts_as_root_too(tmp_path):
    """`make lab` brings up a JupyterLab server (with --allow-root when run as root) that answers on its API."""
    if not (ROOT / ".venv" / "bin" / "jupyter-lab").exists():  # make test installs it; a bare checkout may not
        pytest.skip("make lab runs the project's .venv with JupyterLab, as `make test` makes it")
    args = "--no-browser --port=0 --IdentityProvider.token=test"
    process = subprocess.Popen(
        ["make", "-s", "lab", f"LAB_ARGS={args}"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path)},
        start_new_session=True,
    )
    output, port = [], None
    try:
        deadline = time.time() + 90
        while port is None and time.time() < deadline and process.poll() is None:
            ready, _, _ = select.select([process.stdout], [], [], 1.0)
            if ready:
                line = process.stdout.readline()
                output.append(line)
                found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
                port = int(found.group(1)) if found else None
        assert port, "".join(output)[-2000:]
        status = None
        while status is None and time.time() < deadline:  # the address is printed just before it listens
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token=test", timeout=20) as answer:
                    status = answer.status
            except OSError:
                time.sleep(0.5)
        assert status == 200
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
