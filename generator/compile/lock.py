"""One build at a time in an output folder.

A build holds an exclusive lock on the output folder itself (``flock`` on the
folder, so no lock file is left in it) from reading the previous manifest to
replacing the deck; ``build --check`` holds a shared one, so it never reads a
pair halfway through being replaced. A second build does not wait: it stops
with a message saying why. The lock goes with the process, however it ends.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: builds are not locked
    fcntl = None  # type: ignore[assignment]


class Busy(Exception):
    """Another process holds the lock."""


@contextlib.contextmanager
def locked(folder: Path, *, exclusive: bool) -> Iterator[None]:
    """Hold ``folder``'s lock (exclusive to write, shared to read) for the ``with`` block.

    An exclusive lock creates the folder; a shared one on a folder that is not
    there (nothing to read) or can't be opened (a read-only checkout of
    another user's) holds nothing. Raises :class:`Busy` when another build holds it.
    """
    if exclusive:
        folder.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        if exclusive:
            raise
        yield
        return
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
            except BlockingIOError:
                raise Busy(str(folder)) from None
        yield
    finally:
        os.close(fd)
