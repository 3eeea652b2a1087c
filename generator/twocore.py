"""Work done on a second core: in a forked helper process while this one goes on, or else here.

:func:`start` forks a helper for some work, where one is possible and worth
it, and gives back a :class:`Pending` result. The helper inherits the data it
needs (nothing is copied up front), sends its result back pickled through a
pipe, and leaves without running any cleanup of this process's.

The work runs here instead, when its result is asked for, wherever a helper
is not possible or not worth it: no ``os.fork``, a single core, other threads
running (forking them is unsafe), little work, or ``DECKGEN_JOBS=1`` in the
environment. If the helper fails in any way, the work is done again here, so
the result, or the exception, is always the same as without a helper: a
caller never needs to know whether a second process ran.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")

JOBS_VARIABLE = "DECKGEN_JOBS"
"""Set to 1 to do all work in this process."""


def available(jobs: int | None = None) -> bool:
    """Whether a helper process may be forked here.

    ``jobs`` is how many processes the caller allows: 1 keeps all work here,
    2 or more allows a helper wherever ``os.fork`` exists (the caller knows no
    other thread holds a lock the work needs). None decides here: a helper
    only with more than one core, no other thread running, and
    ``DECKGEN_JOBS`` not 1.
    """
    if not hasattr(os, "fork") or jobs == 1:
        return False
    if jobs is not None:
        return jobs > 1
    if os.environ.get(JOBS_VARIABLE, "").strip() == "1":
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores > 1 and threading.active_count() == 1


class Pending(Generic[T]):
    """The result of some work, done by a helper process or, failing that, here.

    Used in a ``with`` block, the helper is stopped at its end if its result
    was not asked for (when an error ends the work early).
    """

    def __init__(self, work: Callable[[], T], pid: int | None = None, pipe: int | None = None) -> None:
        self._work = work
        self._pid = pid
        self._pipe = pipe

    def result(self) -> T:
        """Wait for the helper's result (or do the work here, when there is no helper)."""
        if self._pid is None or self._pipe is None:
            return self._work()
        pid, self._pid = self._pid, None
        chunks = []
        with open(self._pipe, "rb", closefd=True) as pipe:
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 0 and chunks:
            try:
                result: T = pickle.loads(b"".join(chunks))
                return result
            except Exception:
                pass
        return self._work()

    def abandon(self) -> None:
        """Stop the helper, if any, and let its result go (when an error ends the work early)."""
        if self._pid is None or self._pipe is None:
            return
        pid, self._pid = self._pid, None
        os.close(self._pipe)
        with contextlib.suppress(ProcessLookupError):  # already gone
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)

    def __enter__(self) -> Pending[T]:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.abandon()


def start(work: Callable[[], T], *, worth_it: bool = True, jobs: int | None = None) -> Pending[T]:
    """Start ``work`` in a helper process when it is ``worth_it`` and one is :func:`available`
    (``jobs`` as there)."""
    if not (worth_it and available(jobs)):
        return Pending(work)
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no room for another process: do the work here
        os.close(read_end)
        os.close(write_end)
        return Pending(work)
    if pid == 0:  # the helper
        os.close(read_end)
        code = 1
        try:
            data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            view = memoryview(data)
            while view:
                view = view[os.write(write_end, view) :]
            code = 0
        finally:
            os._exit(code)  # no atexit handlers, no flushing of this process's buffers
    os.close(write_end)
    return Pending(work, pid, read_end)
