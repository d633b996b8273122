"""The `cocreatie` command: validate, analyse, report, batch, and the Pol.is and CBS importers.

Every command exits 0 on success, 1 when the user's data or arguments have errors (each printed with file,
row and column) or the system stops it in a way the user can fix (permission denied, read-only or full disk,
a file where a folder belongs: one line naming the path), and 2 for a wrong command line. Warnings are
printed but do not fail a run. An unexpected exception is a bug: it keeps its traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import InputError, Problem, UserError
from .io.atomic import public_path, remove_scratch_leftovers
from .io.faults import explain
from .vocabulary import LANGUAGES


def _print_problems(problems: list[Problem], stream=None) -> None:
    stream = stream or sys.stderr  # looked up when printing, so a redirected stderr gets the problems too
    for p in problems:
        label = "ERROR" if p.severity == "error" else "warning"
        print(f"{label}: {p}", file=stream)


def _print_setup_warnings(processed: Path) -> None:
    """Warnings about the set-up (a misspelled header, an opgave nobody raised): they change what the report
    shows, so the person making it hears of them here too, not only on the report's last page."""
    from .pipeline import load_results

    warnings = load_results(processed)["warnings"]
    for row in warnings[warnings["n_rows"] == 0].itertuples():
        where = f"{row.file}, column '{row.column}'" if row.column else row.file
        print(f"warning: {where}: {row.message}", file=sys.stderr)


def cmd_validate(args) -> int:
    from .pipeline import validate

    problems = validate(args.dir)
    _print_problems(problems)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"{args.dir}: {errors} error(s), {warnings} warning(s)" + ("" if errors else " — OK"))
    return 1 if errors else 0


def cmd_analyse(args) -> int:
    from .report import analyse_folder

    out_dir = analyse_folder(Path(args.dir), Path(args.processed_dir), force=True)
    print(f"wrote {out_dir}")
    return 0


def cmd_report(args) -> int:
    from .report import report_folder, write_index

    outcome = report_folder(args.dir, args.processed_dir, args.reports_dir, force=args.force, pdf=args.pdf)
    for name in outcome.files:
        print(f"wrote {Path(args.reports_dir) / outcome.gemeente / name}")
    _print_setup_warnings(Path(args.processed_dir) / outcome.gemeente)
    print(f"index: {write_index(args.reports_dir)}")
    return 0


def cmd_batch(args) -> int:
    from .report import batch, municipality_folders
    from .report.progress import LOG_DIR, BatchProgress

    folders = municipality_folders(args.raw_dir) if Path(args.raw_dir).is_dir() else []
    with BatchProgress(len(folders)) as progress:
        try:
            outcomes = batch(
                args.raw_dir,
                args.processed_dir,
                args.reports_dir,
                workers=args.workers,
                cluster=args.cluster,
                force=args.force,
                pdf=args.pdf,
                shared_assets=args.shared_assets,
                on_done=progress.done,
            )
        except KeyboardInterrupt:
            progress.close()
            print(
                f"\ninterrupted: {progress.bar.n} of {len(folders)} municipalities finished; every report set is "
                "whole. Run the same command again to go on (finished ones are skipped).",
                file=sys.stderr,
            )
            return 130
    failed = [o for o in outcomes if not o.ok]
    skipped = sum(o.skipped for o in outcomes)
    print(
        f"{len(outcomes) - len(failed)} of {len(outcomes)} municipalities reported"
        + (f" ({skipped} unchanged, skipped; --force redoes them)" if skipped else "")
        + f"; index: {Path(args.reports_dir) / 'index.html'}; logs: {Path(args.reports_dir) / LOG_DIR}"
    )
    for outcome in failed:
        print(f"\n{outcome.gemeente} failed:\n{outcome.error}", file=sys.stderr)
    if not outcomes:
        print(f"no municipality folders (with a gemeente.yaml) found in {args.raw_dir}", file=sys.stderr)
        return 1
    return 1 if failed else 0


def cmd_import_polis(args) -> int:
    from .io.importers.polis import import_polis
    from .text.language import choose_language

    def detect(texts):  # the language of the comments, said aloud
        language, why = choose_language(texts)
        print(f"language: {language} ({why}; --language overrides)")
        return language, why

    if args.language:
        print(f"language: {args.language} (given with --language)")
    language = args.language or detect
    out = import_polis(Path(args.export_dir), Path(args.dir), language=language, overwrite=args.overwrite)
    print(f"wrote {out}")
    return 0


def cmd_import_cbs(args) -> int:
    from .io.importers.cbs import import_cbs

    age_groups = [g.strip() for g in args.age_groups.split(",")] if args.age_groups else None
    out = import_cbs(
        [Path(p) for p in args.csv],
        gemeente=args.gemeente,
        out_dir=Path(args.dir),
        wijken=args.wijken,
        age_groups=age_groups,
    )
    print(f"wrote {out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cocreatie",
        description="Kompas and draagvlak reports from what residents said in a participation or co-creation process.",
    )
    parser.add_argument("--version", action="version", version=f"cocreatie-analysis {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p, reports=False):
        p.add_argument(
            "--processed-dir", default="data/processed", help="where processed results go (default: data/processed)"
        )
        if reports:
            p.add_argument("--reports-dir", default="reports", help="where reports go (default: reports)")
            p.add_argument(
                "--force", action="store_true", help="re-analyse and re-report even if results and reports are current"
            )
            p.add_argument("--pdf", action="store_true", help="also print each report to PDF (needs Chromium)")

    p = sub.add_parser("validate", help="check one municipality folder; every problem with file, row, column")
    p.add_argument("dir", help="municipality folder with gemeente.yaml")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("analyse", help="analyse one municipality folder into data/processed/<gemeente>/")
    p.add_argument("dir", help="municipality folder with gemeente.yaml")
    common(p)
    p.set_defaults(func=cmd_analyse)

    p = sub.add_parser("report", help="analyse if needed and write reports/<gemeente>/ (kompas, draagvlak)")
    p.add_argument("dir", help="municipality folder with gemeente.yaml")
    common(p, reports=True)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("batch", help="report every municipality under a folder, in parallel, plus an index")
    p.add_argument("raw_dir", nargs="?", default="data/raw", help="folder of municipality folders (default: data/raw)")
    common(p, reports=True)
    p.add_argument("--workers", type=int, default=None, help="municipalities at a time on this machine")
    p.add_argument(
        "--cluster",
        metavar="ADDRESS",
        default=None,
        help="run on a Dask cluster (scheduler address, e.g. tcp://10.0.0.5:8786); needs the [cluster] extra",
    )
    p.add_argument(
        "--shared-assets",
        action="store_true",
        help="pages link one reports/assets/plotly.min.js instead of each holding plotly.js (smaller pages)",
    )
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("import-polis", help="turn a Pol.is export into a municipality folder")
    p.add_argument("export_dir", help="folder with comments.csv, votes.csv, participants-votes.csv, summary.csv")
    p.add_argument("dir", help="municipality folder to create")
    p.add_argument("--overwrite", action="store_true", help="replace files written by an earlier import")
    p.add_argument(
        "--language",
        choices=LANGUAGES,
        default=None,
        help="language of the report and of text processing (default: detected from the comments)",
    )
    p.set_defaults(func=cmd_import_polis)

    p = sub.add_parser("import-cbs", help="write a population table from CBS StatLine CSV exports")
    p.add_argument(
        "paths",
        nargs="+",
        metavar="CSV... DIR",
        help="CBS StatLine CSV export(s), then the municipality folder (population.csv is written into it)",
    )
    p.add_argument("--gemeente", required=True, help="CBS gemeente code, e.g. GM0363")
    p.add_argument("--wijken", action="store_true", help="population per wijk instead of the whole gemeente")
    p.add_argument("--age-groups", default=None, help="the municipality's own age groups, e.g. 15-24,25-44,45-64,65+")
    p.set_defaults(func=cmd_import_cbs)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if args.command == "import-cbs":
        # `import-cbs CSV... --gemeente GM0363 DIR`: paths may stand on both sides of the options
        paths = args.paths + extra
        if len(paths) < 2 or any(p.startswith("-") for p in extra):
            parser.error("import-cbs needs one or more CSV files and then the municipality folder")
        args.csv, args.dir = paths[:-1], paths[-1]
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    remove_scratch_leftovers()  # what killed runs left in the temporary folder
    try:
        return args.func(args)
    except InputError as exc:
        _print_problems(exc.problems)
        print(f"{len(exc.problems)} error(s); nothing was written.", file=sys.stderr)
        return 1
    except UserError as exc:  # a mistake the user can fix; anything else is a bug and keeps its traceback
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the system's faults a user can act on (permissions, full disk); others are bugs
        words = explain(exc, public_path(exc.filename) if exc.filename else None)
        if words is None:
            raise
        print(f"error: {words}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
