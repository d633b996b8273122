"""Benchmark: `cocreatie validate`'s reading of a large municipality folder, time and memory.

    python benchmarks/validate.py            # 500,000 inputs, 100,000 participants, 1,000,000 votes
    python benchmarks/validate.py --quick    # a fifth of that

Measures `cocreatie_analysis.io.read_folder` (what `validate` and `load_dataset` do with the files: read each
file once, map, check every row and the references between tables) on a synthetic folder of UTF-8 CSV files,
and once more with 200 lines of the inputs file in Windows-1252 (decoded line by line, the rows named).
Baselines in the same run, on the same files:

* bare pandas: `pd.read_csv(path, sep=…, dtype=str)` of every file, nothing checked (the least any reader
  does);
* the reader as it was: the whole file decoded to one string first and parsed from that copy.

Each measurement runs in a fresh process, so its peak memory (the resident set sampled every 5 ms, minus
what it was after the imports) is its own. The machine is shared (2 cores): timings are noisy; the best of
`--repeat` runs is shown.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WORDS = (
    "meer groen in de wijk bomen park speeltuin fiets parkeren verkeer veilig straat buurthuis jongeren ouderen "
    "wonen huur betaalbaar overlast geluid afval container bankjes licht avond school zwembad bibliotheek"
).split()
FILES = {"inputs": "inputs.csv", "participants": "participants.csv", "statements": "statements.csv",
         "votes": "votes.csv", "population": "population.csv"}  # fmt: skip
SEPS = {"inputs.csv": ";"}  # the others are comma-separated


def make_folder(root: Path, n_inputs: int, legacy_lines: int = 0, seed: int = 0) -> Path:
    """A municipality folder with `n_inputs` inputs, a fifth as many participants and twice as many votes."""
    rng = np.random.default_rng(seed)
    folder = root / ("mixed" if legacy_lines else "utf8")
    folder.mkdir()
    (folder / "gemeente.yaml").write_text("name: Groot\nlanguage: nl\n", "utf-8")
    n_people = max(n_inputs // 5, 10)
    people = np.array([f"p{i}" for i in range(n_people)], dtype=object)
    words = np.array(WORDS, dtype=object)
    texts = [" ".join(words[rng.integers(0, len(WORDS), 14)]) + " café" for _ in range(n_inputs)]
    inputs = pd.DataFrame(
        {
            "input_id": np.arange(1, n_inputs + 1),
            "text": texts,
            "participant_id": people[rng.integers(0, n_people, n_inputs)],
            "channel": rng.choice(["online", "enquête", "werkatelier"], n_inputs),
            "date": pd.Timestamp("2026-03-01") + pd.to_timedelta(rng.integers(0, 90, n_inputs), unit="D"),
        }
    )
    data = inputs.to_csv(sep=";", index=False, lineterminator="\n").encode("utf-8")
    if legacy_lines:  # some lines pasted from a Windows program: é as one Windows-1252 byte
        lines = data.split(b"\n")
        for i in rng.choice(np.arange(1, n_inputs), legacy_lines, replace=False):
            lines[i] = lines[i].replace("café".encode(), b"caf\xe9")
        data = b"\n".join(lines)
    (folder / FILES["inputs"]).write_bytes(data)
    participants = pd.DataFrame(
        {
            "participant_id": people,
            "age_group": rng.choice(["15-24", "25-44", "45-64", "65+"], n_people),
            "gender": rng.choice(["man", "vrouw"], n_people),
            "district": rng.choice([f"Wijk {i}" for i in range(12)], n_people),
        }
    )
    participants.to_csv(folder / FILES["participants"], index=False, lineterminator="\n")
    statements = pd.DataFrame({"statement_id": [f"S{i}" for i in range(60)], "text": ["Meer groen"] * 60})
    statements.to_csv(folder / FILES["statements"], index=False, lineterminator="\n")
    n_votes = 2 * n_inputs
    votes = pd.DataFrame(
        {
            "participant_id": people[rng.integers(0, n_people, n_votes)],
            "statement_id": rng.choice(statements["statement_id"].to_numpy(), n_votes),
            "vote": rng.choice(["eens", "oneens", "neutraal"], n_votes),
        }
    )
    votes.to_csv(folder / FILES["votes"], index=False, lineterminator="\n")
    population = pd.DataFrame(
        [("age_group", g, 10_000) for g in ["15-24", "25-44", "45-64", "65+"]]
        + [("gender", g, 20_000) for g in ["man", "vrouw"]],
        columns=["dimension", "category", "count"],
    )
    population.to_csv(folder / FILES["population"], index=False, lineterminator="\n")
    return folder


def _bare(folder: Path) -> int:
    return sum(len(pd.read_csv(folder / name, sep=SEPS.get(name, ","), dtype=str)) for name in FILES.values())


def _decoded_copy(folder: Path) -> int:
    from cocreatie_analysis.io.readers import decode, sniff_delimiter

    total = 0
    for name in FILES.values():
        text = decode((folder / name).read_bytes())[0]
        total += len(pd.read_csv(io.StringIO(text), sep=sniff_delimiter(text), dtype=str, keep_default_na=False))
    return total


def _read_folder(folder: Path) -> int:
    from cocreatie_analysis.io import read_folder

    dataset, problems = read_folder(folder)
    errors = [p for p in problems if p.severity == "error"]
    assert not errors, errors[:3]
    return len(dataset.inputs) + len(dataset.votes)


def _rss_mb() -> float:
    """The resident set of this process now (Linux /proc; elsewhere the maximum so far)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * resource.getpagesize() / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(job: str, folder: str, queue) -> None:
    """In a fresh process: import, note the resident set, run the job while sampling it, report the seconds
    and the peak growth."""
    import threading

    import cocreatie_analysis.io  # noqa: F401  (imports are not part of the measurement)

    func = {"bare": _bare, "decoded": _decoded_copy, "read_folder": _read_folder}[job]
    before = peak = _rss_mb()
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.005):
            peak = max(peak, _rss_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    rows = func(Path(folder))
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    queue.put((seconds, max(peak, _rss_mb()) - before, rows))


def measure(job: str, folder: Path, repeat: int) -> tuple[float, float]:
    """Best time and least peak-memory growth (MB) of `repeat` fresh processes."""
    context = multiprocessing.get_context("spawn")
    results = []
    for _ in range(repeat):
        queue = context.Queue()
        process = context.Process(target=_measure, args=(job, str(folder), queue))
        process.start()
        results.append(queue.get())
        process.join()
    return min(r[0] for r in results), min(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="100,000 inputs instead of 500,000")
    parser.add_argument("--repeat", type=int, default=2, help="runs per measurement; the best is reported")
    args = parser.parse_args()
    n = 100_000 if args.quick else 500_000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folders = {"UTF-8": make_folder(root, n), "200 lines Windows-1252": make_folder(root, n, legacy_lines=200)}
        size = sum((folders["UTF-8"] / name).stat().st_size for name in FILES.values()) / 1e6
        print(f"reading a folder of {n:,} inputs, {n // 5:,} participants, {2 * n:,} votes ({size:.0f} MB of CSV)")
        print(f"  {'':34} {'seconds':>8} {'peak MB':>8} {'× bare time':>12} {'× bare memory':>14}")
        bare = measure("bare", folders["UTF-8"], args.repeat)
        rows = [("bare pandas read_csv (baseline)", bare)]
        rows.append(("reader as it was (decoded copy)", measure("decoded", folders["UTF-8"], args.repeat)))
        for label, folder in folders.items():
            rows.append((f"read_folder, {label}", measure("read_folder", folder, args.repeat)))
        for label, (seconds, memory) in rows:
            print(f"  {label:34} {seconds:8.2f} {memory:8.0f} {seconds / bare[0]:12.2f} {memory / bare[1]:14.2f}")
        print(
            "read_folder checks every row and reference and hashes every file; it reads each file once and parses "
            "UTF-8 straight from its bytes (no decoded copy)."
        )


if __name__ == "__main__":
    main()
