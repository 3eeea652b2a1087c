"""Reading and writing files safely: bounded reads of regular files, atomic writes.

Every file the tool reads that a user or a repository supplies goes through
:func:`read_regular` (a FIFO or a device could block or never end; a huge
file must be refused before it is read). Every file it writes goes through
:func:`write_atomic`, or :func:`stage` then :func:`commit` when several files
must be written before any is replaced, so a reader never sees half a file
and a failed write leaves the previous file as it was. Temp files are named
``.<name>.<8 characters>.tmp`` beside their target (:func:`stale_temps` finds
those a killed process left behind).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path


class NotRegularFile(OSError):
    """The path is a folder, a FIFO, a device or a socket, not a regular file."""

    def __init__(self) -> None:
        super().__init__(0, "not a regular file")


class BadPath(OSError):
    """The path cannot name a file here: a NUL byte, or a name the file system encoding can't hold."""

    def __init__(self, reason: str) -> None:
        super().__init__(0, reason)


class TooLarge(Exception):
    """The file holds more than the limit allows."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size:,} bytes; the limit is {limit:,}")
        self.size, self.limit = size, limit


def _stat(path: Path, *, follow: bool = True) -> os.stat_result:
    """``os.stat``, with a path no system call can take reported as :class:`BadPath`."""
    try:
        return os.stat(path, follow_symlinks=follow)
    except UnicodeEncodeError as exc:
        raise BadPath(
            f"the name holds {exc.object[exc.start : exc.end]!r}, which this system's file name "
            f"encoding ({exc.encoding}) cannot write; use a UTF-8 locale (for example LC_ALL=C.UTF-8)"
        ) from None
    except ValueError:
        raise BadPath("the path holds a NUL byte") from None


def check_path(path: Path) -> None:
    """Raise :class:`BadPath` when ``path`` cannot be given to the operating system at all."""
    try:
        _stat(path, follow=False)
    except BadPath:
        raise
    except OSError:
        pass


def outside(folder: Path, path: Path) -> Path | None:
    """Where ``path`` leads once every link is followed, when that is not inside ``folder``; else None.

    A path whose links can't be followed (a loop) counts as outside; a path the
    system cannot take at all is left to the read that follows (it fails there).
    """
    try:
        home = folder.resolve()
        target = path.resolve()
    except (OSError, RuntimeError):
        return path
    except ValueError:
        return None
    return None if target == home or home in target.parents else target


def first_link(folder: Path, top: Path) -> Path | None:
    """The first link on the way to ``folder``: the folder itself, or (when it is inside ``top``) any
    folder between ``top`` and it; None when there is none.

    A repository can hold links (git stores them): an output folder that is one,
    or lies below one, would have a build write and delete files wherever it
    points. Links above ``top`` (the project's own place) are the user's choice.
    """
    here, home = Path(os.path.abspath(folder)), Path(os.path.abspath(top))
    steps = [here]
    if home in here.parents:
        steps = [
            home.joinpath(*here.parts[: i + 1][len(home.parts) :])
            for i in range(len(home.parts), len(here.parts))
        ]
    for step in steps:
        try:
            if stat.S_ISLNK(_stat(step, follow=False).st_mode):
                return step
        except FileNotFoundError:
            return None
        except OSError:
            continue
    return None


_READ: list[dict[str, str | None]] = []
"""What :func:`read_regular` read while :func:`noting_reads` runs (innermost last)."""
CHANGED = ""
"""In :func:`noting_reads`'s record: a file read twice that held other bytes the second time."""


@contextlib.contextmanager
def noting_reads() -> Iterator[dict[str, str | None]]:
    """Note, for the ``with`` block, every path :func:`read_regular` is asked to read (absolute), with
    the SHA-256 of the bytes it read (None when it could not read them): what a build's result may
    depend on (:mod:`generator.compile.cache`)."""
    seen: dict[str, str | None] = {}
    _READ.append(seen)
    try:
        yield seen
    finally:
        _READ.remove(seen)


PAGE_SUFFIXES = (".html", ".htm")
"""What the name of a page deckgen writes (a preview, a coverage report) ends in."""


def page_problem(path: Path, inputs: Iterable[Path] = ()) -> str | None:
    """Why an HTML page must not be written to ``path`` (to follow the path in a message), or None.

    A page replaces only a file named as a page (``.html``, ``.htm``) that is a
    regular file and none of ``inputs`` (the deck's cards files and sources):
    a mistyped ``-o cards.yaml`` or ``--html sources/doc.txt`` would otherwise
    overwrite the very file the page is made from.
    """
    if not path.name.lower().endswith(PAGE_SUFFIXES):
        return "is not named as an HTML page: give a name ending in .html"
    try:
        info = _stat(path)
    except FileNotFoundError:
        return None
    except OSError:
        return None  # the write says why
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file"
    for given in inputs:
        with contextlib.suppress(OSError, ValueError):
            if os.path.samefile(path, given):
                return f"is {given}, which the page is made from"
    return None


def _note(path: Path, data: bytes | None) -> None:
    digest = None if data is None else hashlib.sha256(data).hexdigest()
    for seen in _READ:
        name = os.path.abspath(path)
        seen[name] = digest if seen.get(name, digest) == digest else CHANGED


def add_reads(seen: dict[str, str | None], more: Mapping[str, str | None]) -> None:
    """Add to ``seen`` (a :func:`noting_reads` record) the reads noted in ``more``, as if they were read
    in its ``with`` block: another process's, that sends its record back."""
    for name, digest in more.items():
        seen[name] = digest if seen.get(name, digest) == digest else CHANGED


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises :class:`NotRegularFile`, :class:`BadPath` or another ``OSError``
    when the file can't be read, and :class:`TooLarge` when it is larger than
    ``limit``: from its size, before reading, or while reading if it grew in
    between. The file is opened without waiting (a FIFO swapped in after the
    check can't block) and checked again once open.
    """
    if _READ:
        try:
            data = _read_regular(path, limit)
        except BaseException:
            _note(path, None)
            raise
        _note(path, data)
        return data
    return _read_regular(path, limit)


def _read_regular(path: Path, limit: int) -> bytes:
    info = _stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile
    if info.st_size > limit:
        raise TooLarge(info.st_size, limit)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with open(fd, "rb") as handle:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise NotRegularFile
        # As much as the file holds (never a buffer of the limit's size), and a byte more to see it grew.
        want = min(opened.st_size, limit) + 1
        data = handle.read(want)
        if len(data) == want and want <= limit:  # it grew since: read on, a piece at a time
            parts = [data]
            while want <= limit and (piece := handle.read(min(1 << 20, limit + 1 - want))):
                parts.append(piece)
                want += len(piece)
            data = b"".join(parts)
    if len(data) > limit:
        raise TooLarge(len(data), limit)
    return data


def holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file holding exactly ``data`` (never blocks on a FIFO)."""
    try:
        info = _stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        return read_regular(path, len(data)) == data
    except (OSError, TooLarge):
        return False


@dataclass(frozen=True)
class Staged:
    """Data written and flushed to a temp file beside ``path``, waiting for :func:`commit`."""

    path: Path
    temp: str


def stage(path: Path, data: bytes) -> Staged:
    """Write ``data`` to a new temp file beside ``path`` and flush it to disk; ``path`` is untouched.

    On failure the temp file is removed and the ``OSError`` raised.
    """
    check_path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return Staged(path, temp)


def commit(staged: Staged) -> None:
    """Replace ``staged.path`` with its temp file in one rename, and make the rename durable."""
    try:
        os.replace(staged.temp, staged.path)
    except BaseException:
        discard(staged)
        raise
    _sync_folder(staged.path.parent)


def discard(staged: Staged) -> None:
    """Remove a staged temp file that will not be committed."""
    with contextlib.suppress(OSError):
        os.unlink(staged.temp)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename) to disk, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def utf8(text: str) -> bytes:
    """``text`` as UTF-8, for a file deckgen writes: names of files and folders it holds as the
    system gave them (undecodable bytes as lone surrogates, under a C locale) are written back as
    those bytes, and any other lone surrogate as U+FFFD, never an exception."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace")


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` via a temp file in the same folder and a rename.

    Returns False (and writes nothing) when the file already holds exactly
    ``data``. On any failure the temp file is removed and ``path`` is untouched.
    """
    if holds(path, data):
        return False
    commit(stage(path, data))
    return True


def stale_temps(path: Path) -> list[Path]:
    """Temp files of :func:`stage` for ``path`` that are still beside it (a killed writer's).

    Only files named exactly as :func:`stage` names them for this ``path``;
    call it only while no other writer of ``path`` can be running.
    """
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[A-Za-z0-9_]{{8}}\.tmp")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    return sorted(path.parent / name for name in names if pattern.fullmatch(name))
