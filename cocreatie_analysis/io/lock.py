"""One writer per output at a time: an advisory lock file beside every output folder.

Two runs on the same municipality (a scheduled batch and someone's `cocreatie report`) would otherwise both
swap their folder in, and a report could read a processed folder in the middle of its swap. Every output
`<root>/<name>` has a lock file `<root>/.<name>.lock`: a run holds it exclusively while it writes and swaps the
folder in (`io.atomic.staged_dir`), a reader holds it shared while it reads (`pipeline.load_results`). Another
run waits for it, up to `WAIT_SECONDS`, then stops with a message naming the output and the process holding it.

The lock is the operating system's (`flock`), so a killed run releases it at once: a stale lock file never
blocks anyone, and it is left in place (empty but for the last writer's process id). On systems without
`fcntl` (Windows) outputs are not locked.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import UserError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

__all__ = ["WAIT_SECONDS", "lock_path", "output_lock"]

WAIT_SECONDS = 600.0  # a report set takes about a minute; ten minutes of waiting means something hangs
_POLL_SECONDS = 0.2


def lock_path(target: str | Path) -> Path:
    """The lock file of an output folder: a hidden sibling, `.<name>.lock`."""
    target = Path(target)
    return target.parent / f".{target.name}.lock"


def _holder(path: Path) -> str:
    try:
        pid = path.read_text("ascii").strip()
    except OSError:
        return ""
    return f" (the last to write it was process {pid})" if pid.isdigit() else ""


@contextmanager
def output_lock(target: str | Path, shared: bool = False, wait: float | None = None) -> Iterator[None]:
    """Hold the lock of output folder `target`: exclusively to write it, `shared` to read it.

    Waits up to `wait` seconds (default `WAIT_SECONDS`) for another run, then raises UserError. A reader in a
    folder where no lock file can be made (a read-only share) reads without one: nobody can write there either.
    """
    target = Path(target)
    path = lock_path(target)
    if fcntl is None:
        yield
        return
    try:
        if not shared:
            path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        if shared and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT):
            yield
            return
        raise
    try:
        deadline = time.monotonic() + (WAIT_SECONDS if wait is None else wait)
        while True:
            try:
                fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise UserError(
                        f"another run is using {target}{_holder(path)}; wait until it has finished (or stop "
                        "it), then run again"
                    ) from None
                time.sleep(_POLL_SECONDS)
        if not shared:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield
    finally:
        os.close(fd)  # closing releases the lock
