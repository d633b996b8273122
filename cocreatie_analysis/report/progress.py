"""What a batch tells its user: one progress bar for the whole batch, and a log file per municipality.

The bar (tqdm, on stderr) counts done, failed and skipped municipalities and estimates the time left; it is
quiet when stderr is not a terminal (a scheduled job, CI), where only the summary is printed. Each
municipality's log (`reports/logs/<gemeente>.log`) says what was done, how long each step took, the warnings
(which name codes and columns, never data values) and, for a failure, the traceback.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
import traceback
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..io.atomic import write_atomic
from .index import Outcome

__all__ = ["LOG_DIR", "BatchProgress", "MunicipalityLog", "municipality_log"]

LOG_DIR = "logs"  # below the reports folder (a municipality cannot be called "logs": config.folder_slug)


class BatchProgress:
    """A progress bar over the municipalities of a batch; `done(outcome)` for each finished one."""

    def __init__(self, total: int, stream=None, enabled: bool | None = None):
        from tqdm.auto import tqdm

        stream = stream or sys.stderr
        if enabled is None:
            enabled = stream.isatty()
        self.counts = {"ok": 0, "failed": 0, "skipped": 0}
        self.bar = tqdm(total=total, unit="gemeente", file=stream, disable=not enabled, dynamic_ncols=True)

    def done(self, outcome: Outcome) -> None:
        key = "skipped" if outcome.skipped else "ok" if outcome.ok else "failed"
        self.counts[key] += 1
        if not outcome.ok:
            self.bar.write(f"{outcome.gemeente}: FAILED: {outcome.error.splitlines()[0] if outcome.error else ''}")
        self.bar.set_postfix(self.counts, refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()

    def __enter__(self) -> BatchProgress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class MunicipalityLog:
    """Lines for one municipality's log, each with the time since its start."""

    def __init__(self, name: str):
        self.name = name
        self.start = time.perf_counter()
        self.lines = [f"{name}: started {dt.datetime.now().isoformat(timespec='seconds')}"]

    def __call__(self, message: str) -> None:
        self.lines.append(f"[{time.perf_counter() - self.start:7.2f} s] {message}")

    @contextmanager
    def step(self, what: str) -> Iterator[None]:
        """Log how long `what` took."""
        start = time.perf_counter()
        yield
        self(f"{what} ({time.perf_counter() - start:.2f} s)")


@contextmanager
def municipality_log(reports_root: str | Path, name: str) -> Iterator[MunicipalityLog]:
    """Collect a municipality's steps and warnings; written to `reports/logs/<name>.log` at the end, also
    when the work failed (the traceback is logged, the exception goes on)."""
    log = MunicipalityLog(name)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield log
        except BaseException as exc:
            log(f"failed: {type(exc).__name__}\n{traceback.format_exc()}")
            raise
        finally:
            seen = set()
            for w in (w for w in caught if not issubclass(w.category, ResourceWarning)):
                line = f"warning: {w.category.__name__}: {w.message}"
                if line not in seen:
                    seen.add(line)
                    log(line)
            log("finished")
            try:
                write_atomic(Path(reports_root) / LOG_DIR / f"{name}.log", "\n".join(log.lines) + "\n")
            except OSError:  # a full disk must not hide the municipality's own outcome
                pass
