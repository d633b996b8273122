"""The system's faults, provoked for real: a run killed half-way, a read-only output folder, a full disk, a file
where a folder belongs, two runs at once. Each ends in one clear message (or a clean wait) and leaves the
previous results as they were. Each test names the README promise it backs.

The command runs in a subprocess where a fault needs one (SIGKILL, a file-size limit, a read-only mount); a
small script patches `DataFrame.to_parquet` there to stop or slow the run half-way through writing.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from cocreatie_analysis.cli import main
from cocreatie_analysis.io import atomic, lock
from cocreatie_analysis.io.lock import output_lock
from cocreatie_analysis.pipeline import load_results

from .test_io import make_folder

ROOT = Path(__file__).resolve().parents[1]

# Runs the command line with `to_parquet` writing one table, then announcing it (a file) and sleeping.
HALFWAY = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    import pandas as pd
    ready, pause, log = Path(sys.argv[1]), float(sys.argv[2]), Path(sys.argv[3])
    real = pd.DataFrame.to_parquet
    def halfway(self, path, *args, **kwargs):
        real(self, path, *args, **kwargs)
        if not ready.exists():
            with log.open("a") as f:
                f.write(f"{os.getpid()} start {time.time()}\\n")
            ready.write_text(str(os.getpid()))
            time.sleep(pause)
            with log.open("a") as f:
                f.write(f"{os.getpid()} end {time.time()}\\n")
    pd.DataFrame.to_parquet = halfway
    from cocreatie_analysis.cli import main
    sys.exit(main(sys.argv[4:]))
    """
)


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _cli(args, prefix=(), **kwargs) -> subprocess.CompletedProcess:
    command = [*prefix, sys.executable, "-m", "cocreatie_analysis.cli", *map(str, args)]
    return subprocess.run(command, env=_env(), capture_output=True, text=True, timeout=300, **kwargs)


def _halfway(tmp_path: Path, name: str, pause: float, args) -> tuple[subprocess.Popen, Path]:
    ready = tmp_path / f"{name}.ready"
    command = [sys.executable, "-c", HALFWAY, ready, pause, tmp_path / "writes.log", *args]
    process = subprocess.Popen(list(map(str, command)), env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return process, ready


def _wait_for(path: Path, process: subprocess.Popen, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if process.poll() is not None:
            pytest.fail(f"the run ended before writing: {process.stderr.read().decode()[-2000:]}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("the run did not reach the write in time")
        time.sleep(0.05)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones included) with the sha256 of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _staging(root: Path) -> list[Path]:
    return [p for p in root.iterdir() if ".staging-" in p.name or ".old-" in p.name or ".tmp-" in p.name]


@pytest.fixture
def analysed(tmp_path):
    """A municipality analysed once (the previous results), then its input changed, so a new run would differ."""
    folder = make_folder(tmp_path)
    processed = tmp_path / "processed"
    assert main(["analyse", str(folder), "--processed-dir", str(processed)]) == 0
    before = snapshot(processed / "testdorp")
    with (folder / "reacties.csv").open("a", encoding="utf-8") as handle:
        handle.write("3;Meer bankjes in het park;p1\n")
    return folder, processed, before


def _one_clear_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    (line,) = [line for line in stderr.splitlines() if line.strip()]
    assert line.startswith("error: ")
    return line


def test_promise_a_killed_run_leaves_the_previous_results_and_the_next_start_cleans_up(analysed, tmp_path):
    """Promise: A failed run changes nothing. A run killed half-way through writing its results leaves the
    previous ones; the next run removes what it left."""
    folder, processed, before = analysed
    process, ready = _halfway(tmp_path, "killed", 120, ["analyse", folder, "--processed-dir", processed])
    _wait_for(ready, process)
    process.send_signal(signal.SIGKILL)  # as the out-of-memory killer (or a power cut) would end it
    process.wait(timeout=30)
    assert snapshot(processed / "testdorp") == before, "the previous results are untouched"
    assert _staging(processed), "the killed run was half-way: its staging folder is still there"
    assert main(["analyse", str(folder), "--processed-dir", str(processed)]) == 0  # the lock died with it
    assert not _staging(processed), "the next start removed what the killed run left"
    assert snapshot(processed / "testdorp") != before
    assert len(load_results(processed / "testdorp")["inputs"]) == 3


def _read_only(folder: Path):
    """A command prefix that makes `folder` read-only for the command: permissions for a normal user, a
    read-only bind mount in a private mount namespace for root (whom permissions do not stop)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return ()
    probe = shutil.which("unshare") and subprocess.run(
        ["unshare", "--mount", "sh", "-c", f"mount --bind '{folder}' '{folder}'"], capture_output=True, text=True
    )
    if not probe or probe.returncode != 0:
        pytest.skip("running as root without a way to make a folder read-only (unshare --mount)")
    script = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"'
    return ("unshare", "--mount", "sh", "-c", script, "sh", str(folder))


def test_promise_a_read_only_output_folder_gives_one_clear_message(analysed):
    """Promise: The system's faults are named, not thrown. Promise: A failed run changes nothing. A read-only
    output folder gives one line naming it; the previous results stay."""
    folder, processed, before = analysed
    prefix = _read_only(processed)
    try:
        result = _cli(["analyse", folder, "--processed-dir", processed], prefix=prefix)
    finally:
        processed.chmod(0o755)
    assert result.returncode == 1
    line = _one_clear_line(result.stderr)
    assert str(processed) in line and ("read-only" in line or "permission denied" in line), line
    assert snapshot(processed / "testdorp") == before


def test_promise_a_full_disk_gives_one_clear_message_and_leaves_the_previous_results(analysed):
    """Promise: The system's faults are named, not thrown. Promise: A failed run changes nothing. A full disk
    gives one line naming the output; no half-written mix of old and new results stays."""
    folder, processed, before = analysed

    def small_files():  # every file this process writes stops at 512 bytes (EFBIG, as a full disk would stop it)
        resource.setrlimit(resource.RLIMIT_FSIZE, (512, 512))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    result = _cli(["analyse", folder, "--processed-dir", processed], preexec_fn=small_files)
    assert result.returncode == 1
    line = _one_clear_line(result.stderr)
    assert f"{processed / 'testdorp'}: a file would grow beyond" in line and "free some space" in line, line
    assert snapshot(processed / "testdorp") == before
    assert not _staging(processed), "the half-written staging folder was removed"


def test_no_space_left_is_named_and_nothing_half_written_stays(analysed, monkeypatch, capsys):
    """Promise: The system's faults are named, not thrown."""
    folder, processed, before = analysed
    written = []

    def full(self, path, *args, **kwargs):
        if written:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # pyarrow names no file
        written.append(path)
        return real(self, path, *args, **kwargs)

    real = pd.DataFrame.to_parquet
    monkeypatch.setattr(pd.DataFrame, "to_parquet", full)
    assert main(["analyse", str(folder), "--processed-dir", str(processed)]) == 1
    line = _one_clear_line(capsys.readouterr().err)
    assert f"{processed / 'testdorp'}: the disk is full; free some space" in line
    assert snapshot(processed / "testdorp") == before and not _staging(processed)


def test_a_file_where_the_output_folder_belongs_is_named(tmp_path, capsys):
    """Promise: The system's faults are named, not thrown."""
    folder = make_folder(tmp_path)
    (tmp_path / "uitvoer").write_text("een bestand, geen map", "utf-8")
    assert main(["analyse", str(folder), "--processed-dir", str(tmp_path / "uitvoer" / "processed")]) == 1
    line = _one_clear_line(capsys.readouterr().err)
    assert f"{tmp_path / 'uitvoer'}: a file stands where a folder is needed" in line
    assert (tmp_path / "uitvoer").read_text("utf-8") == "een bestand, geen map"


def test_a_failed_swap_puts_the_previous_folder_back(tmp_path, monkeypatch):
    target = tmp_path / "testdorp"
    target.mkdir()
    (target / "manifest.json").write_text("{}", "utf-8")
    real = os.replace
    calls = []

    def second_fails(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", second_fails)
    with pytest.raises(Exception, match="input/output error"), atomic.staged_dir(target, marker="manifest.json") as s:
        (s / "manifest.json").write_text('{"new": true}', "utf-8")
    assert (target / "manifest.json").read_text("utf-8") == "{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".testdorp.lock", "testdorp"]


def test_two_runs_at_once_take_turns(tmp_path):
    """Promise: Two runs never write the same output at once. Two runs on one municipality write one after the other
    (the output's lock), and the result is whole."""
    folder = make_folder(tmp_path)
    processed = tmp_path / "processed"
    args = ["analyse", folder, "--processed-dir", processed]
    first, ready = _halfway(tmp_path, "first", 3, args)
    _wait_for(ready, first)  # the first run is writing and holds the lock
    assert main(list(map(str, args))) == 0  # the second waits for it, then writes
    assert first.wait(timeout=120) == 0
    events = [line.split() for line in (tmp_path / "writes.log").read_text().splitlines()]
    first_end = next(float(t) for pid, what, t in events if pid == ready.read_text() and what == "end")
    second_manifest = processed / "testdorp" / "manifest.json"
    assert second_manifest.stat().st_mtime >= first_end, "the second run wrote after the first had finished"
    results = load_results(processed / "testdorp")
    assert json.loads(second_manifest.read_text("utf-8"))["tables"] == sorted(results.tables)


def test_a_run_that_cannot_get_the_lock_says_who_holds_it(tmp_path, monkeypatch, capsys):
    """Promise: Two runs never write the same output at once."""
    folder = make_folder(tmp_path)
    processed = tmp_path / "processed"
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.3)
    with output_lock(processed / "testdorp"):
        assert main(["analyse", str(folder), "--processed-dir", str(processed)]) == 1
    line = _one_clear_line(capsys.readouterr().err)
    assert f"another run is using {processed / 'testdorp'} (the last to write it was process {os.getpid()})" in line
    assert not (processed / "testdorp").exists()


def test_promise_a_failed_report_run_leaves_processed_results_and_reports_as_they_were(analysed, capfd):
    """Promise: A failed run changes nothing. A report run that fails leaves no half report, and no new kompas
    beside an old draagvlak."""
    from cocreatie_analysis.report.index import OUTCOME_FILE

    folder, processed, _ = analysed
    reports = folder.parent / "reports"
    (reports / "testdorp").mkdir(parents=True)
    for name, text in {"kompas.html": "oud kompas", "draagvlak.html": "oude draagvlak", OUTCOME_FILE: "{}"}.items():
        (reports / "testdorp" / name).write_text(text, "utf-8")
    before = snapshot(processed), snapshot(reports)
    (folder / "stemmen.csv").write_text("Deelnemer,Stelling,Stem\np1,S1,misschien\n", "utf-8")
    assert main(["report", str(folder), "--processed-dir", str(processed), "--reports-dir", str(reports)]) == 1
    assert "stemmen.csv, row 2, column 'Stem'" in capfd.readouterr().err
    assert (snapshot(processed), snapshot(reports)) == before
