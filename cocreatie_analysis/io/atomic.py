"""Writing outputs so that readers see all old or all new: temporary siblings, then renames.

Every file and folder the project writes (processed results, report sets, population tables, imported
folders) goes through this module, so a crash or a full disk never leaves a half-written file or a new kompas
beside an old draagvlak. Raw input is never written.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import UserError
from .faults import explain
from .lock import output_lock

__all__ = [
    "public_path", "publish_mode", "remove_leftovers", "remove_scratch_leftovers", "replace_dir", "scratch_dir",
    "staged_dir", "write_all_atomic", "write_atomic",
]  # fmt: skip

# The names this module gives its temporary files and folders, with the creating process' id.
_LEFTOVER = re.compile(r"^\..+\.(?:staging|old|tmp)-(?P<pid>\d+)-")
_LEFTOVER_NAME = re.compile(r"^\.(?P<name>.+)\.(?:staging|old|tmp)-\d+-.*$")


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
    path = None
    try:
        for path, data in files.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.tmp-{os.getpid()}-", suffix=".tmp", dir=path.parent)
            temps[path] = tmp
            with os.fdopen(fd, "wb") as handle:
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            publish_mode(tmp)
        for path, tmp in temps.items():
            os.replace(tmp, path)
    except OSError as exc:
        _raise_explained(exc, path)
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
        old = target.with_name(f".{target.name}.old-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        os.replace(target, old)
    try:
        os.replace(new, target)
    except BaseException:
        if old is not None:
            os.replace(old, target)  # the previous folder back in place
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def remove_leftovers(folder: Path, prefix: str = "") -> list[Path]:
    """Remove what a killed run left in `folder`: staging and old folders (".name.staging-PID-…",
    ".name.old-PID-…") and temporary files (".name.PID-….tmp") of processes that no longer run. Only names
    this module makes are touched; a process that still runs keeps its files."""
    removed = []
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        match = _LEFTOVER.match(path.name)
        if not match or not path.name.startswith(f".{prefix}") or _alive(int(match.group("pid"))):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def scratch_dir(purpose: str) -> tempfile.TemporaryDirectory:
    """A temporary folder for work in progress (an executed notebook, a browser profile), named so that
    `remove_leftovers` can clear it after a killed run."""
    return tempfile.TemporaryDirectory(prefix=f".cocreatie-{purpose}.tmp-{os.getpid()}-")


def remove_scratch_leftovers() -> list[Path]:
    """Clear the scratch folders of killed runs from the temporary directory."""
    return remove_leftovers(Path(tempfile.gettempdir()), "cocreatie-")


@contextmanager
def staged_dir(target: str | Path, marker: str | None = None) -> Iterator[Path]:
    """A private sibling folder to fill; on success it replaces `target` whole, on any error it is removed.

    ``with staged_dir(out, marker="manifest.json") as staging: ...write files into staging...``

    With `marker`, an existing `target` is only replaced when it holds that file (it was made by this package):
    a folder someone else made is never deleted (UserError instead). Leftovers of killed runs next to `target`
    are removed first. The output's lock (`io.lock`) is held throughout, so two runs never write one output
    at once. A write error a user can act on (permission, read-only or full disk) becomes a UserError naming
    the output; the staging folder is removed and the previous `target` stays as it was.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = output_lock(target)
        lock.__enter__()
    except OSError as exc:
        _raise_explained(exc, target.parent)
    try:
        if marker and target.exists() and not (target / marker).is_file():
            raise UserError(
                f"{target} exists and was not made by cocreatie-analysis (no {marker}); it is left alone: "
                "move it away or choose another output folder"
            )
        remove_leftovers(target.parent, target.name)
        staging = None
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-{os.getpid()}-", dir=target.parent))
            publish_mode(staging, directory=True)
            yield staging
            replace_dir(staging, target)
        except BaseException as exc:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
            if isinstance(exc, OSError):
                _raise_explained(exc, target)
            raise
    finally:
        lock.__exit__(None, None, None)


def public_path(path: str | Path) -> Path:
    """`path` with this module's temporary names replaced by the names they stand for
    (".testdorp.staging-12-ab/.kompas.html.tmp-12-cd.tmp" -> "testdorp/kompas.html"), for messages."""
    return Path(*(_LEFTOVER_NAME.sub(r"\g<name>", part) for part in Path(path).parts))


def _raise_explained(exc: OSError, path) -> None:
    """Re-raise a write error a user can act on as a UserError naming the output; others unchanged (a bug)."""
    words = explain(exc, public_path(path) if path is not None else None)
    if words is None:
        raise exc
    raise UserError(f"{words}. Nothing was changed: what was there before this run is still there.") from exc
