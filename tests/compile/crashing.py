"""Run the deckgen command and kill it with SIGKILL right after one named step of writing a deck.

The crash tests (:mod:`tests.compile.test_crash`) run it as a real process::

    python -m tests.compile.crashing STEP build cards.yaml -o decks

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


if __name__ == "__main__":
    kill_after(sys.argv[1])
    cli.main(sys.argv[2:], prog_name="deckgen")
