"""Run the deckgen command and kill it with SIGKILL right after one named step of writing a deck.

The crash tests (:mod:`tests.compile.test_crash`) run it as a real process::

    python -m tests.compile.crashing STEP build cards.yaml -o decks

or, for many builds, ``python -m tests.compile.crashing --serve``, which forks a process for each
build asked of it (:func:`serve`).

:func:`generator.compile.output.write_files` writes a deck's retired-cards
package, its changelog, its package and its manifest in steps, and this wraps the three
functions it calls for them, by name, in this process only: ``stage`` (a
file's new bytes written to a temp file beside it and flushed), ``commit``
(the temp file renamed into place) and ``remove_file`` (a stale retired-cards
package removed). The process kills itself right after the step :data:`STEPS`
names:

``retired-staged``
    the new retired-cards package's temp file is on disk; nothing is replaced
``changelog-staged``
    so is the new changelog's; nothing is replaced
``package-staged``
    so is the new package's; nothing is replaced
``manifest-staged``
    all four temp files are; nothing is replaced
``retired-replaced``
    the new retired-cards package is in place beside the old changelog, package and manifest
``changelog-replaced``
    the new changelog is in place too
``package-replaced``
    the new package is in place too, beside the old manifest (and its temp file)
``manifest-replaced``
    the new manifest is in place too: the commit point is passed
``retired-removed``
    (a build whose deck has no removed cards any more) the stale retired-cards
    package is removed; nothing else is replaced yet

``record-staged``
    the deck is written, and the build's record (:mod:`generator.compile.cache`)
    is in its temp file in the cache folder; the record is not replaced

A kill anywhere else in a build leaves the files on disk as one of these
steps, or as before the first, left them (a rename is atomic; a temp file
that is half written is still only a temp file). deckgen itself holds no hook
for this.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from generator import cli, files
from generator.compile import cache, output
from generator.files import Staged

STEPS = (
    "retired-staged",
    "changelog-staged",
    "package-staged",
    "manifest-staged",
    "retired-replaced",
    "changelog-replaced",
    "package-replaced",
    "manifest-replaced",
    "retired-removed",
)


def _file(path: Path) -> str:
    """Which of a deck's files ``path`` is."""
    for suffix, which in (
        (".manifest.json", "manifest"),
        (".retired.apkg", "retired"),
        (".changelog.md", "changelog"),
    ):
        if path.name.endswith(suffix):
            return which
    return "package"


RECORD_STEPS = ("record-staged",)
"""Steps of writing the build's record, after the deck (:mod:`tests.compile.test_cache` tests them)."""


def kill_in_record() -> None:
    """Make this process kill itself with SIGKILL once the build's record is staged, before its rename."""

    def writing(path: Path, data: bytes) -> bool:
        files.stage(path, data)
        os.kill(os.getpid(), signal.SIGKILL)
        return True

    cache.write_atomic = writing


def kill_after(step: str) -> None:
    """Make this process kill itself with SIGKILL right after ``step`` of writing a deck."""
    if step in RECORD_STEPS:
        kill_in_record()
        return
    if step not in STEPS:
        raise SystemExit(f"unknown step {step!r}: one of {', '.join(STEPS)}")
    which, _, done = step.partition("-")
    stage, commit, remove_file = output.stage, output.commit, output.remove_file

    def staging(path: Path, data: bytes) -> Staged:
        staged = stage(path, data)
        if done == "staged" and _file(path) == which:
            os.kill(os.getpid(), signal.SIGKILL)
        return staged

    def committing(staged: Staged) -> None:
        commit(staged)
        if done == "replaced" and _file(staged.path) == which:
            os.kill(os.getpid(), signal.SIGKILL)

    def removing(path: Path) -> None:
        remove_file(path)
        if done == "removed" and _file(path) == which:
            os.kill(os.getpid(), signal.SIGKILL)

    output.stage = staging
    output.commit = committing
    output.remove_file = removing


def run(argv: list[str]) -> None:
    """``deckgen ARGV[1:]``, killed right after step ``ARGV[0]`` of writing."""
    kill_after(argv[0])
    cli.main(argv[1:], prog_name="deckgen")


SERVE = "--serve"


def serve() -> None:
    """Run builds on request, each in a process of its own forked from this one, which has imported
    deckgen once (and runs nothing of it itself), so that each starts as a new process would, less
    the imports.

    A request is a line of JSON on stdin, ``{"argv": [STEP, "build", ...], "env": {...}, "cwd": ...}``;
    the answer a line of JSON on stdout, ``{"returncode": ..., "stdout": ..., "stderr": ...}``, the
    return code as :mod:`subprocess` gives it (``-9`` for a process killed with SIGKILL).
    """
    import json
    import tempfile
    import traceback

    answers = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            pid = os.fork()
            if pid == 0:  # the build's own process: its environment, folder and output
                code = 1
                try:
                    os.environ.clear()
                    os.environ.update(request["env"])
                    os.chdir(request["cwd"])
                    os.dup2(out.fileno(), 1)
                    os.dup2(err.fileno(), 2)
                    run(request["argv"])
                    code = 0
                except SystemExit as stop:  # as Python itself ends on one
                    code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
                    if not isinstance(stop.code, int | None):
                        print(stop.code, file=sys.stderr)
                except BaseException:
                    traceback.print_exc()
                finally:
                    sys.stdout.flush()
                    sys.stderr.flush()
                    os._exit(code)
            _, status = os.waitpid(pid, 0)
            out.seek(0)
            err.seek(0)
            answer = {
                "returncode": os.waitstatus_to_exitcode(status),
                "stdout": out.read().decode(),
                "stderr": err.read().decode(),
            }
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


if __name__ == "__main__":
    if sys.argv[1:] == [SERVE]:
        serve()
    else:
        run(sys.argv[1:])
