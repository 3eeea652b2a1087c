"""Work done in a forked helper process while this one goes on.

Checking a large file ends with two independent jobs: the quotes are looked
up in their source documents, and the other rules run over the cards. On a
machine with more than one core, :func:`start` forks a helper for the first,
so both run at once. The helper inherits the data it needs (nothing is
copied up front), sends its result back pickled through a pipe, and leaves
without running any cleanup of this process's.

The work runs here instead, when its result is asked for, wherever a helper
is not possible or not worth it: no ``os.fork``, a single core, other threads
running (forking them is unsafe), little work, or ``DECKGEN_JOBS=1`` in the
environment. If the helper fails in any way, the work is done again here, so
the result, or the exception, is always the same as without a helper.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

JOBS_VARIABLE = "DECKGEN_JOBS"
"""Set to 1 to do all work in this process."""

FORK_QUOTES = 2_000
"""From this many quotes on, a helper process looks them up: below it, forking costs more than it saves."""
RULES_PER_CARD = 350
"""The work of the other rules for one card, in the units of a document's work (a byte of it read;
a quote looked up is 50): measured at 50,000 cards, where the two take about as long."""


def helper_share(cards: int, documents: int) -> float:
    """The share of the documents' work (``documents`` units) the helper takes, so that both processes
    finish together: half of all the work, the other rules' for ``cards`` cards included, at most all
    of the documents."""
    if documents <= 0:
        return 1.0
    return min(1.0, (documents + cards * RULES_PER_CARD) / (2 * documents))


def worth_forking(quotes: int) -> bool:
    """Whether checking this many quotes is worth a helper process (if one is :func:`available`)."""
    return quotes >= FORK_QUOTES


def available() -> bool:
    """Whether a helper process can be forked here and would run alongside this one."""
    if os.environ.get(JOBS_VARIABLE, "").strip() == "1" or not hasattr(os, "fork"):
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores > 1 and threading.active_count() == 1


class Pending(Generic[T]):
    """The result of some work, done by a helper process or, failing that, here."""

    def __init__(self, work: Callable[[], T], pid: int | None = None, pipe: int | None = None) -> None:
        self._work = work
        self._pid = pid
        self._pipe = pipe

    @property
    def forked(self) -> bool:
        return self._pid is not None

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


def start(work: Callable[[], T], *, worth_it: bool = True) -> Pending[T]:
    """Start ``work`` in a helper process when one is available and ``worth_it``."""
    if not (worth_it and available()):
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
