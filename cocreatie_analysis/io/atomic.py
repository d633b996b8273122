"""Writing outputs so that readers see all old or all new: temporary siblings, then renames.

Every file and folder the project writes (processed results, report sets, population tables, imported
folders) goes through this module, so a crash or a full disk never leaves a half-written file or a new kompas
beside an old draagvlak. Raw input is never written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["publish_mode", "replace_dir", "staged_dir", "write_all_atomic", "write_atomic"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def publish_mode(path: str | Path, directory: bool = False) -> None:
    """Give a file or folder made by `tempfile` (private, 0600/0700) the permissions a normal one would get."""
    os.chmod(path, (0o777 if directory else 0o666) & ~_umask())


def write_all_atomic(files: dict[Path, bytes | str]) -> None:
    """Write several files so readers see all old or all new ones: temporary siblings first, then renames.

    Text is written as UTF-8. Used for every output the project writes (reports, population tables,
    imported folders), so a crash or a full disk never leaves a half-written file behind.
    """
    temps: dict[Path, str] = {}
    try:
        for path, data in files.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temps[path] = tmp
            with os.fdopen(fd, "wb") as handle:
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            publish_mode(tmp)
        for path, tmp in temps.items():
            os.replace(tmp, path)
    finally:
        for tmp in temps.values():
            if os.path.exists(tmp):
                os.unlink(tmp)


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write one file atomically (see `write_all_atomic`)."""
    write_all_atomic({Path(path): data})


def replace_dir(new: Path, target: Path) -> None:
    """Swap folder `new` in at `target` with renames; the old `target` (if any) is removed afterwards."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged_dir(target: str | Path) -> Iterator[Path]:
    """A private sibling folder to fill; on success it replaces `target` whole, on any error it is removed.

    ``with staged_dir(out) as staging: ...write files into staging...``
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    publish_mode(staging, directory=True)
    try:
        yield staging
        replace_dir(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
