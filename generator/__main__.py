"""``python -m generator`` runs the deckgen command; :func:`run` is the ``deckgen`` script's entry point.

What the command prints is a report on work done, never the work itself, so
a report that cannot be delivered does not change the outcome: with standard
output (or error) closed, a pipe closed early, or a full disk behind a
redirection, the command still runs to its end and its exit status says how
the work went (a deck that was written exits 0), without a traceback. Names
of files that are not valid UTF-8 (bytes Python holds as lone surrogates) are
printed as the bytes they are. And Ctrl-C at any point after Python has
started, the imports included, ends the command with a message and exit
status 130, as a shell expects of an interrupted command.
"""

from __future__ import annotations

import atexit
import codecs
import contextlib
import errno
import io
import os
import sys

INTERRUPTED = 130
"""The exit status of a command ended by Ctrl-C (128 + SIGINT), as shells report it."""


def _names(error: UnicodeError) -> tuple[str | bytes, int]:
    """An encoding error handler: file names' undecodable bytes (lone surrogates U+DC80-U+DCFF) are
    written back as those bytes; any other character the stream cannot take as ``\\u`` escapes."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    if all("\udc80" <= char <= "\udcff" for char in bad):
        return bytes(ord(char) - 0xDC00 for char in bad), error.end
    return bad.encode("ascii", "backslashreplace").decode("ascii"), error.end


codecs.register_error("deckgen-names", _names)


class _Delivery(io.RawIOBase):
    """A file descriptor whose writes never fail: once one does, the rest of the output is let go."""

    def __init__(self, fd: int, name: str) -> None:
        super().__init__()
        self.fd = fd
        self.name = name
        self.lost: OSError | None = None

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        try:
            return os.isatty(self.fd)
        except OSError:
            return False

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        size = len(data)
        if self.lost is None:
            try:
                return os.write(self.fd, data)
            except OSError as exc:
                self.lost = exc
        return size


def _stream(fd: int, old: object, name: str) -> tuple[io.TextIOWrapper, _Delivery]:
    """A text stream over ``fd`` that never raises (``fd`` is opened on the null device when closed)."""
    try:
        os.fstat(fd)
    except OSError:  # closed: a file opened later must not take its number and receive the output
        null = os.open(os.devnull, os.O_WRONLY)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
    raw = _Delivery(fd, name)
    encoding = getattr(old, "encoding", None) or "utf-8"
    line_buffering = bool(getattr(old, "line_buffering", False)) or raw.isatty()
    text = io.TextIOWrapper(
        io.BufferedWriter(raw),  # type: ignore[type-var]  # a raw stream, as io.FileIO is
        encoding=encoding,
        errors="deckgen-names",
        line_buffering=line_buffering,
    )
    return text, raw


def deliver() -> list[_Delivery]:
    """Make standard output and error streams that never raise; the deliveries, to ask what was lost."""
    out, out_raw = _stream(1, sys.stdout, "<stdout>")
    err, err_raw = _stream(2, sys.stderr, "<stderr>")
    for old in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            if old is not None:
                old.flush()
    sys.stdout, sys.stderr = out, err
    return [out_raw, err_raw]


def _finish(deliveries: list[_Delivery]) -> None:
    """Flush what is left; say on standard error (if it still works) that the report was lost,
    unless the reader simply stopped reading (a closed pipe, as ``| head`` does)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    lost = deliveries[0].lost
    if lost is not None and lost.errno != errno.EPIPE and deliveries[1].lost is None:
        sys.stderr.write(
            f"deckgen: standard output could not be written ({lost.strerror or lost}); "
            "the exit status still says how the command went\n"
        )
        with contextlib.suppress(Exception):
            sys.stderr.flush()


def run() -> None:
    """The ``deckgen`` command, as the script and ``python -m generator`` run it."""
    deliveries = deliver()
    code: int | str | None = 0
    try:
        from generator.cli import main  # most of start-up: Ctrl-C here is handled too

        main()
    except KeyboardInterrupt:
        sys.stderr.write("deckgen: interrupted\n")
        code = INTERRUPTED
    except SystemExit as exc:
        code = exc.code
        ended = exc  # noqa: F841  # kept, and through it the work's values: freed by the process's end
    finally:
        _finish(deliveries)
    _leave(code)


def _status(code: int | str | None) -> int:
    """The exit status ``sys.exit(code)`` gives: None is 0; any other value than a number is printed,
    as Python prints it, and is 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    with contextlib.suppress(Exception):
        sys.stderr.write(f"{code}\n")
        sys.stderr.flush()
    return 1


def _leave(code: int | str | None) -> None:
    """End the process with ``code``'s exit status, without tearing the interpreter down.

    Everything is written by now (the deck's files closed, the report flushed
    by :func:`_finish`) and the ``atexit`` handlers run; what is left is
    freeing every object one by one, which after a large deck takes longer
    than many a step of the work (0.5 s to 0.7 s at 50,000 cards, measured in
    docs/performance.md) and does nothing the operating system does not do at
    once when the process ends.
    """
    status = _status(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    run()
