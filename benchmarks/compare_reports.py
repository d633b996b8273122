"""Are the reports unchanged? Build every sample's report set with another commit and with this tree, compare.

    python benchmarks/compare_reports.py --ref a03b3f8          # build both, compare
    python benchmarks/compare_reports.py --ref-reports DIR      # compare with report sets made earlier

Used when the code is restructured without meaning to change what a reader sees: the HTML pages must be
byte-identical apart from the time stamp in their footer, the workbooks must hold the same sheets with the same
cells, and index.html the same rows. Prints one line per file and exits 1 when anything differs.

The other commit is checked out with `git worktree` into a temporary folder and run with this environment's
Python (its dependencies must be installed here).
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
STAMP = re.compile(rb"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")


def build(source: Path, raw: Path, out: Path) -> Path:
    """Report every municipality under `raw` with the package found in `source`; return the reports folder."""
    reports, processed = out / "reports", out / "processed"
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from cocreatie_analysis.cli import main;"
        "sys.exit(main(['batch', sys.argv[2], '--processed-dir', sys.argv[3], '--reports-dir', sys.argv[4],"
        " '--workers', '1', '--force']))"
    )
    env = dict(os.environ, PYTHONPATH=str(source))
    subprocess.run(
        [sys.executable, "-c", code, str(source), str(raw), str(processed), str(reports)],
        cwd=source,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return reports


def cells(path: Path) -> dict[str, list[tuple]]:
    workbook = load_workbook(path, read_only=True)
    return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook}


def compare(old: Path, new: Path) -> list[str]:
    """One line per file that differs (empty: identical)."""
    problems = []
    names = sorted(
        {p.relative_to(old) for p in old.rglob("*") if p.is_file()}
        | {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    )
    for name in names:
        a, b = old / name, new / name
        if not a.exists() or not b.exists():
            problems.append(f"{name}: only in {'the new' if b.exists() else 'the old'} reports")
            continue
        if name.suffix == ".xlsx":
            left, right = cells(a), cells(b)
            if left != right:
                sheets = sorted(s for s in set(left) | set(right) if left.get(s) != right.get(s))
                problems.append(f"{name}: workbook cells differ in sheet(s) {', '.join(sheets)}")
            continue
        if name.name == "rapport.json":
            continue  # holds the run time in seconds
        left, right = STAMP.sub(b"<stamp>", a.read_bytes()), STAMP.sub(b"<stamp>", b.read_bytes())
        if left != right:
            diff = difflib.unified_diff(
                left.decode(errors="replace").splitlines(),
                right.decode(errors="replace").splitlines(),
                lineterm="",
                n=0,
            )
            shown = [line[:200] for line in list(diff)[2:8]]
            problems.append(f"{name}: differs\n    " + "\n    ".join(shown))
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--ref", help="git commit whose reports are the reference")
    group.add_argument("--ref-reports", type=Path, help="a reports folder made earlier by the reference code")
    parser.add_argument("--raw", type=Path, default=ROOT / "data" / "raw", help="municipality folders")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="compare-reports-") as tmp:
        tmp = Path(tmp)
        if args.ref:
            worktree = tmp / "ref"
            subprocess.run(
                ["git", "worktree", "add", "--detach", str(worktree), args.ref],
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                old = build(worktree, args.raw.resolve(), tmp / "old")
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT, check=False)
        else:
            old = args.ref_reports
        new = build(ROOT, args.raw.resolve(), tmp / "new")
        problems = compare(old, new)
    for line in problems:
        print(line)
    print(f"compare_reports: {len(problems)} file(s) differ" + ("" if problems else " (all identical)"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
