"""Benchmark: `cocreatie batch` on all 342 municipalities (targets: ≤ 15 minutes; per municipality ≥ 5× faster
than the naive loop; 2 workers ≥ 1.7× faster than 1, on this 2-core machine).

    python benchmarks/batch.py              # 342 municipalities; naive loop on 4, workers on 16
    python benchmarks/batch.py --quick      # 24 municipalities; naive loop on 2, workers on 6

Builds one municipality folder per real gemeente in ../shared/data/cbs/gemeenten_2023.csv: its real CBS
population table per wijk (age group, gender, herkomst) written by the project's own `import-cbs`, and inputs,
participants, statements and votes drawn from a bundled sample municipality (in turn), the participants spread
over the gemeente's real wijken by population. The number of participants grows with the square root of the
population (60 to 400). The folders are kept in --workdir and reused by later runs (building is not timed).

Measured in the same run:

* on a subset, with the processed results current for both (as the issue measured the baseline): the naive
  loop (the `papermill` CLI, then `jupyter nbconvert --to html --no-input`, for each notebook, one
  municipality after the other) against `batch()` with 2 workers (two reports and the workbook each),
  per municipality;
* on another subset, the whole work (analysis, reports, workbook) with 1 worker against 2 workers, alternated,
  the best of two rounds each;
* the full batch (analysis + 2 reports + workbook each, 2 workers, shared plotly.js): wall time, time per
  municipality, peak memory of the whole process tree (workers and kernels included), disk use.

The machine is shared: timings are noisy. The last line is
``batch: speedup_vs_naive=X.XX workers_speedup=Y.YY total_s=Z``.
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))  # kernels too

from cocreatie_analysis.io import load_dataset  # noqa: E402
from cocreatie_analysis.io.importers import cbs  # noqa: E402
from cocreatie_analysis.report import batch  # noqa: E402
from cocreatie_analysis.report.render import NOTEBOOKS, notebook_dir  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "cbs"
GEMEENTEN = SHARED / "gemeenten_2023.csv"
KWB = SHARED / "kwb2024_leeftijd_geslacht.csv"
HERKOMST = SHARED / "kwb2024_herkomst.csv"
SAMPLES = ["havenstede", "dijkwaard", "brugvliet"]
AGE_GROUPS = ["15-24", "25-44", "45-64", "65+"]
DIMENSIONS = ["age_group", "gender", "district", "origin"]
BUILD_VERSION = "1"  # change when the generated folders change, so cached ones are rebuilt


def slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())


def age_group(age: float) -> str | None:
    if pd.isna(age) or age < 15:  # unknown, or younger than the groups
        return None
    return next(g for g, upper in zip(AGE_GROUPS, (25, 45, 65, 1000)) if age < upper)


@functools.cache
def sample(name: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dataset = load_dataset(ROOT / "data" / "raw" / name)
    participants = dataset.participants.copy()
    if "age" in participants:
        participants["age_group"] = participants.pop("age").map(age_group)
    config = yaml.safe_load((ROOT / "data" / "raw" / name / "gemeente.yaml").read_text("utf-8"))
    return dataset, participants, config


def build_one(raw: Path, row: pd.Series, index: int) -> Path:
    """One municipality folder: real population per wijk, sample inputs, participants and votes."""
    folder = raw / slug(row["Gemeentenaam"])
    marker = folder / ".complete"
    if marker.is_file() and marker.read_text("utf-8") == BUILD_VERSION:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    code = row["GemeentecodeGM"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # wijken with secret figures are left out, with a warning
        cbs.import_cbs([KWB, HERKOMST], gemeente=code, out_dir=folder, wijken=True, age_groups=AGE_GROUPS)
    population = pd.read_csv(folder / "population.csv")
    wijken = population[population["dimension"] == "district"]
    total = int(population[population["dimension"] == "gender"]["count"].sum())
    rng = np.random.default_rng(int(code[2:]))
    dataset, participants, config = sample(SAMPLES[index % len(SAMPLES)])
    n = int(min(400, len(participants), max(60, round(0.9 * math.sqrt(total)))))
    chosen = participants.sample(n=n, random_state=rng.integers(2**31)).copy()
    weights = wijken["count"].to_numpy(float)
    chosen["district"] = rng.choice(wijken["category"].to_numpy(), size=n, p=weights / weights.sum())
    ids = set(chosen["participant_id"])
    inputs = dataset.inputs[dataset.inputs["participant_id"].isin(ids)].copy()
    where = chosen.set_index("participant_id")["district"]
    inputs["district"] = inputs["participant_id"].map(where)
    votes = dataset.votes[dataset.votes["participant_id"].isin(ids)]
    chosen.to_csv(folder / "participants.csv", index=False)
    inputs.to_csv(folder / "inputs.csv", index=False)
    dataset.statements.to_csv(folder / "statements.csv", index=False)
    votes.to_csv(folder / "votes.csv", index=False)
    config = {key: value for key, value in config.items() if key not in ("files", "columns", "values")}
    config.update(name=row["Gemeentenaam"], cbs_code=code, fictional=True, dimensions=DIMENSIONS)
    (folder / "gemeente.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    marker.write_text(BUILD_VERSION, "utf-8")
    return folder


def build(raw: Path, limit: int | None) -> list[Path]:
    gemeenten = pd.read_csv(GEMEENTEN, dtype=str)
    if limit:
        gemeenten = gemeenten.iloc[np.linspace(0, len(gemeenten) - 1, limit).round().astype(int)]
    # read each StatLine export once, not once per gemeente (the import itself is unchanged)
    read = functools.cache(cbs.read_statline)
    cbs.read_statline = lambda path: read(Path(path)).copy(deep=True)
    raw.mkdir(parents=True, exist_ok=True)
    wanted = {slug(name) for name in gemeenten["Gemeentenaam"]}
    for stale in raw.iterdir():
        if stale.name not in wanted:
            shutil.rmtree(stale) if stale.is_dir() and not stale.is_symlink() else stale.unlink()
    return [build_one(raw, row, i) for i, (_, row) in enumerate(gemeenten.iterrows())]


def subset_root(workdir: Path, name: str, folders: list[Path]) -> Path:
    """A folder of links to some municipality folders (a batch reads every folder in its root)."""
    root = workdir / name
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for folder in folders:
        (root / folder.name).symlink_to(folder, target_is_directory=True)
    return root


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    return path


def naive_loop(folders: list[Path], processed: Path, out: Path) -> float:
    """The papermill CLI and then the nbconvert CLI for each notebook, one municipality after the other."""
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for folder in folders:
        for name in NOTEBOOKS:
            executed = out / f"{folder.name}-{name}.ipynb"
            run = [sys.executable, "-m", "papermill", str(notebook_dir() / f"{name}.ipynb"), str(executed)]
            run += ["-p", "gemeente", folder.name, "-p", "processed_dir", str(processed), "--cwd", str(notebook_dir())]
            subprocess.run(run, check=True, capture_output=True)
            export = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--no-input", str(executed)]
            subprocess.run(export, check=True, capture_output=True)
    return time.perf_counter() - start


def timed_batch(raw: Path, processed: Path, reports: Path, **options) -> tuple[float, list]:
    start = time.perf_counter()
    outcomes = batch(raw, processed, reports, **options)
    return time.perf_counter() - start, outcomes


class TreeUsage:
    """Peak resident memory (summed) and CPU time of this process and all its descendants (workers, kernels),
    sampled every 0.2 s. The CPU time says what the batch itself cost, apart from other work on the machine."""

    def __init__(self):
        import psutil

        self.process, self.peak, self._stop = psutil.Process(), 0, threading.Event()
        self.start_cpu = self._cpu(self.process)
        self.cpu: dict[int, float] = {}
        self.thread = threading.Thread(target=self._sample, daemon=True)

    @staticmethod
    def _cpu(process) -> float:
        times = process.cpu_times()
        return times.user + times.system

    def _sample(self):
        import psutil

        while not self._stop.wait(0.2):
            total = 0
            for p in [self.process, *self.process.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                    if p.pid != self.process.pid:
                        self.cpu[p.pid] = max(self.cpu.get(p.pid, 0.0), self._cpu(p))
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)

    @property
    def cpu_seconds(self) -> float:
        return self._cpu(self.process) - self.start_cpu + sum(self.cpu.values())

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self.thread.join()


def load() -> str:
    """The machine's 1-minute load average against its cores: other work on a shared machine shows here."""
    return f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def disk_use(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def check(outcomes: list, what: str) -> None:
    failed = [o for o in outcomes if not o.ok]
    if failed:
        print(f"  {what}: {len(failed)} failed, e.g. {failed[0].gemeente}: {failed[0].error.splitlines()[0]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="24 municipalities instead of 342")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "cocreatie-bench-batch"))
    args = parser.parse_args()
    workdir = Path(args.workdir)
    n_naive, n_workers = (2, 6) if args.quick else (4, 16)

    start = time.perf_counter()
    folders = build(workdir / ("raw-quick" if args.quick else "raw"), 24 if args.quick else None)
    print(f"{len(folders)} municipalities built or reused in {time.perf_counter() - start:.0f} s ({workdir})")
    spread = sorted(folders, key=lambda f: len(pd.read_csv(f / "participants.csv")))

    def pick(k: int, offset: int) -> list[Path]:
        return [spread[int(i)] for i in np.linspace(offset, len(spread) - 1 - offset, k).round()]

    # 1. per municipality, reports only (results current): naive loop against batch() with 2 workers
    naive_folders = pick(n_naive, 0)
    raw = subset_root(workdir, "subset-naive", naive_folders)
    processed = fresh(workdir / "subset-naive-processed")
    batch(raw, processed, fresh(workdir / "subset-naive-warmup"), workers=1)  # analyses them
    naive_s = naive_loop(naive_folders, processed, fresh(workdir / "subset-naive-loop"))
    ours_s, outcomes = timed_batch(raw, processed, fresh(workdir / "subset-naive-reports"), workers=2)
    check(outcomes, "batch (subset)")
    speedup = (naive_s / n_naive) / (ours_s / n_naive)
    print(
        f"reports only, {n_naive} municipalities: naive loop {naive_s / n_naive:.1f} s per municipality, "
        f"batch (2 workers) {ours_s / n_naive:.1f} s per municipality: {speedup:.2f}x (load average {load()})"
    )

    # 2. the whole work, 1 worker against 2: alternated, best of two rounds each (the machine is shared)
    raw = subset_root(workdir, "subset-workers", pick(n_workers, 1))
    best = {1: math.inf, 2: math.inf}
    for round_ in range(2):
        for workers in (1, 2):
            seconds, outcomes = timed_batch(
                raw,
                fresh(workdir / f"w{workers}-processed"),
                fresh(workdir / f"w{workers}-reports"),
                workers=workers,
                shared_assets=True,
            )
            check(outcomes, f"{workers} worker(s)")
            best[workers] = min(best[workers], seconds)
            print(f"  round {round_ + 1}, {workers} worker(s): {seconds:.0f} s (load average {load()})")
    one_s, two_s = best[1], best[2]
    print(
        f"analysis + reports + workbook, {n_workers} municipalities: 1 worker {one_s:.0f} s, 2 workers {two_s:.0f} s: "
        f"{one_s / two_s:.2f}x"
    )

    # 3. the full batch
    raw = workdir / ("raw-quick" if args.quick else "raw")
    processed, reports = fresh(workdir / "full-processed"), fresh(workdir / "full-reports")
    with TreeUsage() as usage:
        total_s, outcomes = timed_batch(raw, processed, reports, workers=2, shared_assets=True)
    check(outcomes, "full batch")
    ok = sum(o.ok for o in outcomes)
    pages = [p.stat().st_size for p in reports.glob("*/*.html")]
    print(
        f"full batch: {ok} of {len(outcomes)} municipalities reported in {total_s:.0f} s "
        f"({total_s / len(outcomes):.2f} s per municipality, 2 workers, shared plotly.js); "
        f"CPU time {usage.cpu_seconds:.0f} s ({usage.cpu_seconds / len(outcomes):.2f} s per municipality, "
        f"{usage.cpu_seconds / 2:.0f} s if it had both cores to itself); peak memory {usage.peak / 2**30:.2f} GiB; "
        f"disk: reports {disk_use(reports) / 2**20:.0f} MiB "
        f"(largest page {max(pages, default=0) / 2**10:.0f} KiB), processed {disk_use(processed) / 2**20:.0f} MiB; "
        f"load average at the end {load()}"
    )
    print(f"batch: speedup_vs_naive={speedup:.2f} workers_speedup={one_s / two_s:.2f} total_s={total_s:.0f}")


if __name__ == "__main__":
    main()
