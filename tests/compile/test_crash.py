"""A build killed with SIGKILL at each step of writing: the next build restores a matched set.

The real ``deckgen build`` runs in a process of its own (:mod:`tests.compile.crashing`)
that kills itself with SIGKILL right after one named step of writing the
deck's retired-cards package, its package and its manifest: each temp file
written, each file replaced, or a stale retired-cards package removed. A kill
anywhere in a build leaves the files as one of these steps (or as before the
first) left them. Each test checks that the process died of SIGKILL and that
the files on disk are those of the step it was killed at, so a kill that
missed its step fails; after each kill, the next build must leave exactly the
files an uninterrupted build would have: no removed card lost, no mod time moved.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.compile import build
from generator.compile.notes import guid
from generator.compile.unpack import read_notes
from tests.compile.crashing import SERVE, STEPS
from tests.conftest import PLAIN, ROOT

T1, T2, T3, T4 = 1_700_000_000, 1_700_000_600, 1_700_001_200, 1_700_001_800

V1 = PLAIN
V2 = V1.replace("answer: MS.", "answer: Multiple sclerosis.").replace(
    """  - id: mri-waves
    question: What does MRI use to make its pictures?
    answer: Strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
""",
    "",
)
"""One card changed, one removed (its note stays in the deck, tagged), one unchanged."""

Files = dict[str, bytes | None]
"""A deck's files by the end of their names (None for one that is not there)."""
NAMES = ("apkg", "manifest.json", "retired.apkg", "changelog.md")
Builds = list[tuple[str, int]]
"""Builds of the cards file, in order: its version (``V1``, ``V2``) and the build time of each."""


def _files(out: Path) -> Files:
    paths = {name: out / f"test-deck.{name}" for name in NAMES}
    return {name: path.read_bytes() if path.exists() else None for name, path in paths.items()}


def _scenario(step: str) -> tuple[Builds, tuple[str, int], int]:
    """The builds before the killed one, the killed build, and the time of the build after it.

    V2 removes a card from V1, so a retired-cards package appears; for
    ``retired-removed``, V1 again after V2 brings the card back, and the package goes.
    """
    if step == "retired-removed":
        return [("V1", T1), ("V2", T2)], ("V1", T3), T4
    return [("V1", T1)], ("V2", T2), T3


def _built(tmp_path: Path, write_cards: Callable[..., Path], builds: Builds, name: str) -> Files:
    """The files that uninterrupted ``builds`` leave (in a folder of their own, ``name``)."""
    out = tmp_path / name
    cards = write_cards(V1)
    for version, at in builds:
        write_cards({"V1": V1, "V2": V2}[version])
        build(cards, out, now=at)
    return _files(out)


class BuildServer:
    """Builds run by :mod:`tests.compile.crashing`'s server: each in a process of its own, forked from
    one that imported deckgen once, where a new Python process for each spent most of its time on imports."""

    def __init__(self) -> None:
        self.server = subprocess.Popen(
            [sys.executable, "-m", "tests.compile.crashing", SERVE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
            text=True,
        )

    def killed(self, cards: Path, out: Path, step: str, at: int) -> subprocess.CompletedProcess[str]:
        """``deckgen build`` at ``at``, killed right after ``step`` of writing."""
        assert self.server.stdin is not None and self.server.stdout is not None
        argv = [step, "build", str(cards), "-o", str(out)]
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(at)}
        self.server.stdin.write(json.dumps({"argv": argv, "env": env, "cwd": str(ROOT)}) + "\n")
        self.server.stdin.flush()
        line = self.server.stdout.readline()
        assert line, f"the build server ended (exit code {self.server.wait(TIMEOUT)})"
        answer = json.loads(line)
        return subprocess.CompletedProcess(argv, answer["returncode"], answer["stdout"], answer["stderr"])

    def close(self) -> None:
        assert self.server.stdin is not None and self.server.stdout is not None
        self.server.stdin.close()
        self.server.stdout.close()
        assert self.server.wait(TIMEOUT) == 0


TIMEOUT = 120


@pytest.fixture(scope="module")
def builds() -> Iterator[BuildServer]:
    server = BuildServer()
    try:
        yield server
    finally:
        server.close()


def _temps(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp"))


KILLED_AT = {
    "retired-staged": ((), ("retired.apkg",)),
    "changelog-staged": ((), ("retired.apkg", "changelog.md")),
    "package-staged": ((), ("retired.apkg", "changelog.md", "apkg")),
    "manifest-staged": ((), ("retired.apkg", "changelog.md", "apkg", "manifest.json")),
    "retired-replaced": (("retired.apkg",), ("changelog.md", "apkg", "manifest.json")),
    "changelog-replaced": (("retired.apkg", "changelog.md"), ("apkg", "manifest.json")),
    "package-replaced": (("retired.apkg", "changelog.md", "apkg"), ("manifest.json",)),
    "manifest-replaced": (NAMES, ()),
    "retired-removed": (("retired.apkg",), ("changelog.md", "apkg", "manifest.json")),
}
"""What a kill right after each step leaves: which files are the killed build's (the others are the
previous build's), and which of its files are still temp files (``.test-deck.<that>.<8 characters>.tmp``)."""


def test_every_step_is_tested() -> None:
    assert tuple(KILLED_AT) == STEPS


@pytest.mark.parametrize("step", STEPS)
def test_a_build_killed_at_each_write_step_is_recovered(
    tmp_path: Path, write_cards: Callable[..., Path], step: str, builds: BuildServer
) -> None:
    before, (version, killed_at), next_at = _scenario(step)
    new = _built(tmp_path, write_cards, [*before, (version, killed_at)], "uninterrupted")
    own = _built(tmp_path, write_cards, [*before, (version, next_at)], "later")
    old = _built(tmp_path, write_cards, before, "decks")
    out = tmp_path / "decks"
    cards = write_cards({"V1": V1, "V2": V2}[version])

    # killed by its own SIGKILL, and the files on disk are those of the step it was killed at
    killed = builds.killed(cards, out, step, killed_at)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    replaced, staged = KILLED_AT[step]
    on_disk = _files(out)
    assert on_disk == {name: (new if name in replaced else old)[name] for name in NAMES}
    temps = _temps(out)
    assert [name.split(".")[2:-2] for name in temps] == sorted(which.split(".") for which in staged)
    for name in temps:  # each is whole: its file's new bytes, written and flushed
        assert (out / name).read_bytes() == new[".".join(name.split(".")[2:-2])]

    # build --check tells a matched set from a mismatched one (and leftover temp files)
    checked = build(cards, out, now=next_at, write=False)
    assert checked.deck.up_to_date == (step == "manifest-replaced")
    assert [p.name for p in checked.deck.leftovers] == temps
    if step == "package-replaced":
        assert checked.deck.notes and "did not belong to" in checked.deck.notes[0]
    assert _files(out) == on_disk  # --check writes nothing

    # the next build leaves what an uninterrupted build would have: the killed build's, or its own
    again = build(cards, out, now=next_at)
    assert _files(out) == (new if "apkg" in replaced else own)
    assert [p.name for p in again.deck.leftovers] == temps
    assert not _temps(out)
    assert build(cards, out, now=next_at, write=False).deck.up_to_date
    removed = guid(1234567890, "mri-waves")
    if version == "V2":  # the removed card is in the retired-cards package, tagged, and only there
        assert list(read_notes(out / "test-deck.retired.apkg")) == [removed]
        assert "deckgen::removed" in read_notes(out / "test-deck.retired.apkg")[removed][1]
        assert len(read_notes(out / "test-deck.apkg")) == 2
    else:  # it is back in the deck
        assert not (out / "test-deck.retired.apkg").exists()
        assert removed in read_notes(out / "test-deck.apkg")


def test_a_build_that_writes_nothing_is_not_killed(
    tmp_path: Path, write_cards: Callable[..., Path], builds: BuildServer
) -> None:
    """The kill is tied to the step: a build with nothing to write runs to its end."""
    out = tmp_path / "decks"
    cards = write_cards(V1)
    build(cards, out, now=T2)
    for step in STEPS:
        done = builds.killed(cards, out, step, T2)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("Unchanged "), done.stdout


def test_an_unknown_step_is_refused(
    tmp_path: Path, write_cards: Callable[..., Path], builds: BuildServer
) -> None:
    """A misspelt step would never be reached, and the build would not be killed: it is refused."""
    out = tmp_path / "decks"
    done = builds.killed(write_cards(V1), out, "staged", T2)
    assert done.returncode == 1 and "unknown step 'staged'" in done.stderr
    assert not out.exists()
