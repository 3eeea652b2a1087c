"""Reading and writing files safely: bounded reads of regular files, atomic writes.

Every file the tool reads that a user or a repository supplies goes through
:func:`read_regular` (a FIFO or a device could block or never end; a huge
file must be refused before it is read). Every file it writes goes through
:func:`write_atomic`, so a reader never sees half a file and a failed write
leaves the previous file as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class NotRegularFile(OSError):
    """The path is a folder, a FIFO, a device or a socket, not a regular file."""

    def __init__(self) -> None:
        super().__init__(0, "not a regular file")


class TooLarge(Exception):
    """The file holds more than the limit allows."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size:,} bytes; the limit is {limit:,}")
        self.size, self.limit = size, limit


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises :class:`NotRegularFile` or another ``OSError`` when the file can't
    be read, and :class:`TooLarge` when it is larger than ``limit``: from its
    size, before reading, or while reading if it grew in between.
    """
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile
    if info.st_size > limit:
        raise TooLarge(info.st_size, limit)
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(len(data), limit)
    return data


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` via a temp file in the same folder and a rename.

    Returns False (and writes nothing) when the file already holds exactly
    ``data``. On any failure the temp file is removed and ``path`` is untouched.
    """
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return True
