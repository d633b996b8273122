"""The system's faults in words: a folder that cannot be written, a full disk, a file where a folder belongs.

A municipality's staff member running `cocreatie` should read "data/processed: the disk is full; free some
space and run again", not a traceback. `explain` turns the operating-system errors a user can do something
about into one sentence naming the path; any other OSError is left alone (it is a bug and keeps its
traceback). The writers in `io.atomic` and the readers use it; the command line catches what is left.
"""

from __future__ import annotations

import errno
from pathlib import Path

__all__ = ["explain"]

_SPACE = "free some space and run again"
_WORDS = {
    errno.EACCES: ("permission denied", "check its permissions, or choose another folder"),
    errno.EPERM: ("not permitted", "check its permissions, or choose another folder"),
    errno.EROFS: ("the disk is read-only", "choose a folder on a disk that can be written"),
    errno.ENOSPC: ("the disk is full", _SPACE),
    errno.EDQUOT: ("the disk quota is used up", _SPACE),
    errno.EFBIG: ("a file would grow beyond what this system allows (a file-size limit or a full disk)", _SPACE),
    errno.ENOTDIR: ("a file stands where a folder is needed", "move that file away or choose another folder"),
    errno.EISDIR: ("a folder stands where a file is needed", "move that folder away or choose another name"),
    errno.EEXIST: ("a file stands where a folder is needed", "move that file away or choose another folder"),
    errno.ENAMETOOLONG: ("the name is too long", "choose a shorter path"),
    errno.EMFILE: ("too many files are open", "close other programs, or raise the limit (ulimit -n)"),
    errno.ENFILE: ("too many files are open", "close other programs, or raise the limit (ulimit -n)"),
    errno.EIO: ("the disk reported an input/output error", "check the disk or network drive"),
    errno.ENOENT: ("not found", "check the path"),
}


def _blocking_file(path: Path) -> Path:
    """The file that stands where `path` needs a folder (itself or one of the folders above it)."""
    for candidate in (path, *path.parents):
        if candidate.exists() and not candidate.is_dir():
            return candidate
    return path


def explain(exc: BaseException, path: str | Path | None = None) -> str | None:
    """One sentence for an OSError a user can act on, naming `path` (else the error's own file name); None
    for any other error."""
    if not isinstance(exc, OSError) or exc.errno not in _WORDS:
        return None
    what, advice = _WORDS[exc.errno]
    where = Path(path if path is not None else exc.filename or "")
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        where = _blocking_file(Path(exc.filename) if exc.filename else where)
    name = str(where)
    return f"{what}; {advice}" if name in ("", ".") else f"{name}: {what}; {advice}"
