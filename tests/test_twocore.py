"""Work on a second core: it really runs in another process when allowed, and the answer is the same."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import twocore

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")

HELPER = 2
"""``jobs=2``: a helper wherever os.fork exists (the test workers may run threads of their own)."""


def test_work_runs_in_another_process_when_a_helper_is_allowed() -> None:
    assert twocore.start(os.getpid, jobs=HELPER).result() != os.getpid()


@pytest.mark.parametrize(
    "how", [{"jobs": 1}, {"jobs": HELPER, "worth_it": False}], ids=["jobs=1", "not worth it"]
)
def test_work_stays_here_when_no_helper_is_allowed_or_worth_it(how: dict[str, int]) -> None:
    assert twocore.start(os.getpid, **how).result() == os.getpid()


def test_deckgen_jobs_1_keeps_all_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(twocore.JOBS_VARIABLE, "1")
    assert not twocore.available()
    assert twocore.start(os.getpid).result() == os.getpid()


def test_no_helper_while_other_threads_run() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not twocore.available()
        assert twocore.start(os.getpid).result() == os.getpid()
    finally:
        stop.set()
        thread.join()


def test_a_helper_that_dies_has_its_work_done_here(tmp_path: Path) -> None:
    here, marker = os.getpid(), tmp_path / "died"

    def work() -> int:
        if os.getpid() != here:
            marker.touch()
            os._exit(3)
        return here

    assert twocore.start(work, jobs=HELPER).result() == here
    assert marker.exists()  # the helper ran, and died


def test_an_exception_in_the_helper_is_raised_here(tmp_path: Path) -> None:
    marker = tmp_path / "failed"

    def fail() -> None:
        if marker.exists():
            raise ValueError(f"failed again in {os.getpid()}")
        marker.write_text(str(os.getpid()), encoding="utf-8")
        raise ValueError(f"failed in {os.getpid()}")

    pending = twocore.start(fail, jobs=HELPER)
    with pytest.raises(ValueError, match=f"failed again in {os.getpid()}$"):  # by the work redone here
        pending.result()
    assert int(marker.read_text(encoding="utf-8")) != os.getpid()  # after it failed in the helper


def test_a_large_result_comes_back_whole() -> None:
    big = [("x" * 100, i) for i in range(100_000)]  # far more than a pipe holds
    pid, back = twocore.start(lambda: (os.getpid(), big), jobs=HELPER).result()
    assert pid != os.getpid()
    assert back == big


def _waiting() -> tuple[Callable[[], None], Callable[[], int]]:
    """Work that tells its process id through a pipe and then waits; and, here, that process id
    (once the work began; a helper that never began gives no id, and the test fails)."""
    read_end, write_end = os.pipe()

    def work() -> None:
        os.write(write_end, f"{os.getpid()}\n".encode())
        threading.Event().wait(60)

    def started() -> int:
        os.close(write_end)
        with open(read_end, "rb") as pipe:
            return int(pipe.readline())

    return work, started


def test_an_abandoned_helper_is_stopped_and_reaped() -> None:
    work, started = _waiting()
    pending = twocore.start(work, jobs=HELPER)
    pid = started()
    assert pid != os.getpid()
    pending.abandon()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no such child any more
    pending.abandon()  # twice is harmless


def test_a_with_block_left_by_an_error_stops_the_helper() -> None:
    work, started = _waiting()
    with pytest.raises(KeyError), twocore.start(work, jobs=HELPER):
        pid = started()
        raise KeyError("the work here failed")
    assert pid != os.getpid()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_a_with_block_gives_the_result_as_without_it() -> None:
    with twocore.start(os.getpid, jobs=HELPER) as pending:
        assert pending.result() != os.getpid()
