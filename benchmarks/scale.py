"""Benchmark: `cocreatie analyse` of a municipality with 10,000, 100,000 and 1,000,000 inputs.

    python benchmarks/scale.py                # 10k, 100k and 1M inputs, plus the baseline at 100k
    python benchmarks/scale.py --quick        # 10k and 100k, plus the baseline at 100k
    python benchmarks/scale.py --sizes 50000  # other sizes
    python benchmarks/scale.py --base COMMIT  # baseline code (default: where this branch left main)
    python benchmarks/scale.py --no-base      # no baseline run

Input: a municipality folder in a temporary directory, written by a fresh process. Its inputs recombine
1-3 real sentences of the sample municipalities (data/samples/*/texts.csv and the raw inputs under
data/raw/), a word dropped now and then so that most are distinct; some carry a name, e-mail address, phone
number or address, so the redactor works as on real input. Participants are drawn from the samples'
participants, every input has an author, channel, wijk and date; 25 statements with votes from up to
20,000 voters; the population table and opgaven are Havenstede's.

Each size runs `cocreatie analyse` in a fresh process. Printed per size: wall time of the whole command
(start-up and reading included), peak resident memory (the child's maximum resident set size,
resource.getrusage), and the seconds spent in each step, measured by timing the library's step functions
from inside the child (the package itself has no timing code). "other" is what `analyse` spends outside
the named steps (counts, summary, tables).

The baseline is the same analysis by other code (by default the commit where this branch left main),
checked out with `git worktree` into a temporary folder and run on the same folder at 100,000 inputs in the
same run of this script; its processed tables are compared with this tree's (numbers to 1e-9).
Target: 1,000,000 inputs in <= 600 s and <= 4,096 MB on the project's 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 600
TARGET_MB = 4096
TEMPLATE = "havenstede"  # opgaven, population and statements of the synthetic municipality
VOTERS = 20_000
VOTES_PER_VOTER = 10

# Personal data added to some inputs, as residents write it (fictional).
CONTACT_LINES = [
    "Bel me gerust: 06-{d8}.",
    "Mail naar {first}.{last}@voorbeeld.nl als u vragen heeft.",
    "Groet, {First} {Last}",
    "mvg {First}",
    "Ik woon op de Kastanjelaan {n}, {pc} Havenstede.",
    "Mijn naam is {First} {Last}, bereikbaar op 010-{d7}.",
]
FIRST = ["Pieter", "Fatima", "Henk", "Anouk", "Mohamed", "Sanne", "Jan", "Eva", "Kees", "Yusuf", "Lotte", "Bram"]
LAST = ["de Vries", "Jansen", "Bakker", "El Amrani", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Yilmaz"]


# ---------------------------------------------------------------------------------------------- building
def _sentences() -> list[str]:
    """Every sentence of the sample texts and the raw inputs (read here, never copied into the repository)."""
    import pandas as pd

    from cocreatie_analysis.io import load_dataset

    texts = []
    for path in sorted((ROOT / "data" / "samples").glob("*/texts.csv")):
        texts += pd.read_csv(path)["text"].dropna().astype(str).tolist()
    for folder in sorted((ROOT / "data" / "raw").iterdir()):
        if (folder / "gemeente.yaml").is_file():
            texts += load_dataset(folder).inputs["text"].dropna().astype(str).tolist()
    out = []
    for text in texts:
        out += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 3]
    return out


def _texts(n: int, rng) -> list[str]:
    sentences = _sentences()
    n_parts = rng.choice([1, 2, 3], size=n, p=[0.4, 0.4, 0.2])
    picks = rng.integers(0, len(sentences), size=int(n_parts.sum()))
    contact = rng.random(n) < 0.05
    out, pos = [], 0
    for i, k in enumerate(n_parts):
        words = " ".join(sentences[j] for j in picks[pos : pos + k]).split()
        pos += k
        for _ in range(2):  # a word or two dropped now and then: most inputs are distinct
            if len(words) > 3 and rng.random() < 0.6:
                del words[rng.integers(len(words))]
        text = " ".join(words)
        if contact[i]:
            first, last = FIRST[rng.integers(len(FIRST))], LAST[rng.integers(len(LAST))]
            line = CONTACT_LINES[rng.integers(len(CONTACT_LINES))].format(
                First=first,
                Last=last,
                first=first.lower(),
                last=last.replace(" ", "").lower(),
                d8=f"{rng.integers(10**8):08d}",
                d7=f"{rng.integers(10**7):07d}",
                n=rng.integers(1, 200),
                pc=f"{rng.integers(1000, 9999)} {'AB' if rng.random() < 0.5 else 'KL'}",
            )
            text = f"{text} {line}"
        out.append(text)
    return out


def build(n: int, folder: Path, seed: int = 0) -> dict:
    """Write a municipality folder with `n` inputs; return what it holds."""
    import numpy as np
    import pandas as pd
    import yaml

    from cocreatie_analysis.io import load_dataset

    rng = np.random.default_rng(seed)
    template = load_dataset(ROOT / "data" / "raw" / TEMPLATE)
    folder.mkdir(parents=True, exist_ok=True)

    texts = _texts(n, rng)
    n_people = max(n // 2, 1)
    people = template.participants.drop(columns=["participant_id"])
    participants = people.iloc[rng.integers(0, len(people), size=n_people)].reset_index(drop=True)
    participants.insert(0, "participant_id", [f"P{i:07d}" for i in range(n_people)])
    participants.to_csv(folder / "participants.csv", index=False)

    source = template.inputs
    channels = source["channel"].dropna().to_numpy()
    questions = source["question"].dropna().to_numpy()
    dates = pd.to_datetime(template.config.period_start) + pd.to_timedelta(rng.integers(0, 120, size=n), unit="D")
    author = rng.integers(0, n_people, size=n)
    inputs = pd.DataFrame(
        {
            "input_id": [f"R{i:07d}" for i in range(n)],
            "participant_id": participants["participant_id"].to_numpy()[author],
            "channel": channels[rng.integers(0, len(channels), size=n)],
            "district": participants["district"].to_numpy()[author],
            "date": dates.strftime("%Y-%m-%d"),
            "question": np.where(rng.random(n) < 0.3, questions[rng.integers(0, len(questions), size=n)], ""),
            "text": texts,
        }
    )
    inputs.to_csv(folder / "inputs.csv", index=False)

    template.statements[["statement_id", "text", "theme"]].to_csv(folder / "statements.csv", index=False)
    statement_ids = template.statements["statement_id"].to_numpy()
    voters = rng.choice(n_people, size=min(VOTERS, n_people), replace=False)
    pairs = {(int(v), str(s)) for v in voters for s in rng.choice(statement_ids, VOTES_PER_VOTER, replace=False)}
    votes = pd.DataFrame(sorted(pairs), columns=["voter", "statement_id"])
    votes.insert(0, "participant_id", participants["participant_id"].to_numpy()[votes.pop("voter").to_numpy()])
    votes["vote"] = rng.choice([1, -1, 0], size=len(votes), p=[0.5, 0.35, 0.15])
    votes.to_csv(folder / "votes.csv", index=False)
    template.population.to_csv(folder / "population.csv", index=False)

    config = yaml.safe_load((ROOT / "data" / "raw" / TEMPLATE / "gemeente.yaml").read_text("utf-8"))
    config.update(name="Schaalstad", fictional=True, cbs_code="GM9999")
    config["process"]["title"] = "Schaaltest"
    for key in ("files", "columns", "values"):
        config.pop(key, None)
    config["files"] = {t: f"{t}.csv" for t in ("inputs", "participants", "statements", "votes", "population")}
    (folder / "gemeente.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return {"n": n, "distinct": len(set(texts)), "participants": n_people, "votes": len(votes)}


# ------------------------------------------------------------------------------------------------ child
STEPS = {  # step -> (module, attribute) of the library function that does it
    "load": [("cocreatie_analysis.report.batch", "load_dataset")],
    "protect": [("cocreatie_analysis.pipeline.analyse", "protect")],
    "themes": [
        ("cocreatie_analysis.pipeline.analyse", "fit_themes"),
        ("cocreatie_analysis.themes.model", "ThemeModel.transform"),
    ],
    "sentiment": [("cocreatie_analysis.sentiment.scorer", "SentimentScorer.score")],
    "offers": [
        ("cocreatie_analysis.pipeline.analyse", "analyse_offers"),
        ("cocreatie_analysis.pipeline.analyse", "detect_offers"),  # code before the learned detector
    ],
    "reach": [
        ("cocreatie_analysis.pipeline.analyse", "harmonise_age"),
        ("cocreatie_analysis.pipeline.analyse", "analyse_reach"),
    ],
    "draagvlak": [
        ("cocreatie_analysis.pipeline.analyse", "assess"),
        ("cocreatie_analysis.pipeline.analyse", "indicative_draagvlak"),
    ],
    "kompas": [
        ("cocreatie_analysis.pipeline.analyse", "build_kompas"),
        ("cocreatie_analysis.pipeline.analyse", "build_cooperatives"),
        ("cocreatie_analysis.pipeline.analyse", "offer_list"),
    ],
    "schema": [("cocreatie_analysis.pipeline.results", "check_table")],
    "save": [("cocreatie_analysis.report.batch", "save_results")],
    "analyse": [("cocreatie_analysis.report.batch", "analyse")],
}


def _timed(function, step: str, seconds: dict):
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[step] = seconds.get(step, 0.0) + time.perf_counter() - start

    return timed


def child(folder: Path, out: Path) -> None:
    """Run `cocreatie analyse` with the step functions timed; print one JSON line."""
    import importlib

    seconds: dict[str, float] = {}
    for step, places in STEPS.items():
        for module_name, attribute in places:
            owner = importlib.import_module(module_name)
            *path, name = attribute.split(".")
            for part in path:
                owner = getattr(owner, part)
            if hasattr(owner, name):  # other code may not have this step where this tree has it
                setattr(owner, name, _timed(getattr(owner, name), step, seconds))
    from cocreatie_analysis.cli import main

    with open(os.devnull, "w") as quiet:
        stdout, sys.stdout = sys.stdout, quiet
        try:
            code = main(["analyse", str(folder), "--processed-dir", str(out)])
        finally:
            sys.stdout = stdout
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    print(json.dumps({"code": code, "seconds": seconds, "peak_mb": usage.ru_maxrss / 1024, "cpu": cpu}))


# ----------------------------------------------------------------------------------------------- parent
def _python(source: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(source))
    return subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--source", str(source), *args],
        env=env,
        cwd=source,
        capture_output=True,
        text=True,
        check=True,
    )


def run(source: Path, folder: Path, out: Path) -> dict:
    """`cocreatie analyse` of `folder` by the code in `source`, in a fresh process: times and peak memory."""
    start = time.perf_counter()
    result = _python(source, "--child", str(folder), str(out))
    wall = time.perf_counter() - start
    report = json.loads(result.stdout.strip().splitlines()[-1])
    report["wall"] = wall
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report["children_mb"] = children_mb
    return report


def _step_line(report: dict) -> str:
    s = report["seconds"]
    steps = ["protect", "themes", "sentiment", "offers", "reach", "draagvlak", "kompas"]
    other = s.get("analyse", 0.0) - sum(s.get(k, 0.0) for k in steps)
    parts = [f"load {s.get('load', 0):.1f}"] + [f"{k} {s.get(k, 0):.1f}" for k in steps]
    parts += [f"other {other:.1f}", f"save {s.get('save', 0):.1f} (schema checks {s.get('schema', 0):.1f})"]
    return ", ".join(parts)


def same_tables(old: Path, new: Path) -> list[str]:
    """Names of the processed tables that differ between two results folders (numbers compared to 1e-9)."""
    import pandas as pd

    names = sorted({p.name for p in old.glob("*.parquet")} | {p.name for p in new.glob("*.parquet")})
    differ = []
    for name in names:
        try:
            pd.testing.assert_frame_equal(
                pd.read_parquet(old / name), pd.read_parquet(new / name), check_exact=False, rtol=1e-9, atol=1e-12
            )
        except (AssertionError, FileNotFoundError, OSError):
            differ.append(name.removesuffix(".parquet"))
    return differ


def _base_commit() -> str:
    out = subprocess.run(["git", "merge-base", "HEAD", "main"], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 and 100,000 inputs only")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], help="sizes, comma-separated")
    parser.add_argument("--base", help="commit of the baseline code (default: merge-base of HEAD and main)")
    parser.add_argument("--no-base", action="store_true", help="skip the baseline run")
    parser.add_argument("--base-size", type=int, default=100_000, help="inputs of the baseline run")
    parser.add_argument("--source", type=Path, default=ROOT, help=argparse.SUPPRESS)
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--build", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    if args.build:
        print(json.dumps(build(int(args.build[0]), Path(args.build[1]))))
        return 0

    sizes = args.sizes or ([10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000])
    print(
        f"== cocreatie analyse at scale (fresh process per run, {os.cpu_count()} cores). "
        f"Target: 1,000,000 inputs <= {TARGET_S} s and <= {TARGET_MB:,} MB"
    )
    with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
        tmp = Path(tmp)
        base = None
        if not args.no_base:
            commit = args.base or _base_commit()
            base = tmp / "base"
            subprocess.run(
                ["git", "worktree", "add", "--detach", str(base), commit],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
        try:
            results = {}
            for n in sorted(set(sizes) | ({args.base_size} if base else set())):
                folder = tmp / f"inputs-{n}"
                built = json.loads(_python(ROOT, "--build", str(n), str(folder)).stdout.strip().splitlines()[-1])
                print(
                    f"\nn={n:,}: {built['distinct']:,} distinct texts ({built['distinct'] / n:.0%}), "
                    f"{built['participants']:,} participants, {built['votes']:,} votes"
                )
                if n in sizes:
                    r = results[n] = run(ROOT, folder, tmp / f"new-{n}")
                    print(f"  this tree: {r['wall']:.1f} s, peak {r['peak_mb']:,.0f} MB")
                    print(f"    {_step_line(r)}")
                if base is not None and n == args.base_size:
                    b = run(base, folder, tmp / f"old-{n}")
                    print(f"  baseline ({commit[:7]}): {b['wall']:.1f} s, peak {b['peak_mb']:,.0f} MB")
                    print(f"    {_step_line(b)}")
                    if n in results:
                        r = results[n]
                        differ = same_tables(tmp / f"old-{n}" / folder.name, tmp / f"new-{n}" / folder.name)
                        print(
                            f"  ratio baseline/this tree: time {b['wall'] / r['wall']:.2f}x, "
                            f"memory {b['peak_mb'] / r['peak_mb']:.2f}x; processed tables "
                            + (f"DIFFER: {', '.join(differ)}" if differ else "identical")
                        )
                for path in (folder, tmp / f"new-{n}", tmp / f"old-{n}"):
                    subprocess.run(["rm", "-rf", str(path)], check=True)
        finally:
            if base is not None:
                subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=False)
    print(f"\nall runs: peak of any child {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:,.0f} MB")
    largest = max(sizes)
    r = results[largest]
    met = r["wall"] <= TARGET_S and r["peak_mb"] <= TARGET_MB
    print(
        f"scale: n={largest} analyse_s={r['wall']:.1f} peak_mb={r['peak_mb']:.0f} "
        f"target_s={TARGET_S} target_mb={TARGET_MB} met={'yes' if met else 'no'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
