"""A build killed with SIGKILL at each step of writing: the next build restores a matched pair.

The real ``deckgen build`` runs in a process of its own (:mod:`tests.compile.crashing`)
that kills itself with SIGKILL right after one named step of writing the deck
and its manifest: the package's temp file written, both written, the package
replaced, the manifest replaced. A kill anywhere in a build leaves the files as
one of these steps (or as before the first) left them. Each test checks that
the process died of SIGKILL and that the files on disk are those of the step
it was killed at, so a kill that missed its step fails; after each kill, the
next build must leave exactly the files an uninterrupted build would have: no
removed card lost, no mod time moved.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.compile import build
from generator.compile.notes import guid
from generator.compile.unpack import read_notes
from tests.compile.crashing import STEPS
from tests.conftest import HEADER, ROOT

T1, T2, T3 = 1_700_000_000, 1_700_000_600, 1_700_001_200

V1 = (
    HEADER
    + """\
cards:
  - id: cns-parts
    question: Which parts make up the CNS?
    answer: The brain, spinal cord and optic nerves.
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
  - id: mri-waves
    question: What does MRI use to make its pictures?
    answer: Strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
  - id: lesions-common
    question: In which disease are spinal cord lesions common?
    answer: MS.
    evidence: {doc: "Spinal cord lesions are common in MS."}
"""
)
V2 = V1.replace("answer: MS.", "answer: Multiple sclerosis.").replace(
    """  - id: mri-waves
    question: What does MRI use to make its pictures?
    answer: Strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
""",
    "",
)
"""One card changed, one removed (its note stays in the deck, tagged), one unchanged."""

Pair = tuple[bytes, bytes]


def _pair(out: Path) -> Pair:
    return (out / "test-deck.apkg").read_bytes(), (out / "test-deck.manifest.json").read_bytes()


def _reference(tmp_path: Path, write_cards: Callable[..., Path], second: int) -> Pair:
    """The pair an uninterrupted build of V1 at T1, then V2 at ``second``, leaves."""
    out = tmp_path / f"reference-{second}"
    cards = write_cards(V1)
    build(cards, out, now=T1)
    write_cards(V2)
    build(cards, out, now=second)
    return _pair(out)


def _killed_build(cards: Path, out: Path, step: str) -> subprocess.CompletedProcess[str]:
    """``deckgen build`` at T2, killed right after ``step`` of writing (:mod:`tests.compile.crashing`)."""
    return subprocess.run(
        [sys.executable, "-m", "tests.compile.crashing", step, "build", str(cards), "-o", str(out)],
        env={**os.environ, "SOURCE_DATE_EPOCH": str(T2)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _temps(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp"))


KILLED_AT = {
    "package-staged": ("old", "old", ("apkg",)),
    "manifest-staged": ("old", "old", ("apkg", "manifest.json")),
    "package-replaced": ("new", "old", ("manifest.json",)),
    "manifest-replaced": ("new", "new", ()),
}
"""What a kill right after each step leaves: the package, the manifest, and which new files are
still temp files (``.test-deck.<that>.<8 characters>.tmp``)."""


def test_every_step_is_tested() -> None:
    assert tuple(KILLED_AT) == STEPS


@pytest.mark.parametrize("step", STEPS)
def test_a_build_killed_at_each_write_step_is_recovered(
    tmp_path: Path, write_cards: Callable[..., Path], step: str
) -> None:
    after_t2, after_t3 = _reference(tmp_path, write_cards, T2), _reference(tmp_path, write_cards, T3)
    out = tmp_path / "decks"
    cards = write_cards(V1)
    build(cards, out, now=T1)
    old = _pair(out)
    write_cards(V2)

    # killed by its own SIGKILL, and the files on disk are those of the step it was killed at
    killed = _killed_build(cards, out, step)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    apkg, manifest, staged = KILLED_AT[step]
    on_disk = _pair(out)
    assert on_disk == ((old, after_t2)[apkg == "new"][0], (old, after_t2)[manifest == "new"][1])
    temps = _temps(out)
    assert [name.split(".")[2:-2] for name in temps] == [which.split(".") for which in staged]
    for name in temps:  # each is whole: its file's new bytes, written and flushed
        assert (out / name).read_bytes() == after_t2[name.startswith(".test-deck.manifest.json.")]

    # build --check tells a matched pair from a mismatched one (and leftover temp files)
    checked = build(cards, out, now=T3, write=False)
    assert checked.deck.up_to_date == (step == "manifest-replaced")
    assert [p.name for p in checked.deck.leftovers] == temps
    if step == "package-replaced":
        assert checked.deck.notes and "did not belong to" in checked.deck.notes[0]
    assert _pair(out) == on_disk  # --check writes nothing

    # the next build leaves what an uninterrupted build would have: the killed build's, or its own
    again = build(cards, out, now=T3)
    assert _pair(out) == (after_t2 if apkg == "new" else after_t3)
    assert [p.name for p in again.deck.leftovers] == temps
    assert not _temps(out)
    kept = read_notes(out / "test-deck.apkg")
    assert len(kept) == 3
    assert "deckgen::removed" in kept[guid(1234567890, "mri-waves")][1]
    assert build(cards, out, now=T3, write=False).deck.up_to_date


def test_a_build_that_writes_nothing_is_not_killed(tmp_path: Path, write_cards: Callable[..., Path]) -> None:
    """The kill is tied to the step: a build with nothing to write runs to its end."""
    out = tmp_path / "decks"
    cards = write_cards(V1)
    build(cards, out, now=T2)
    for step in STEPS:
        done = _killed_build(cards, out, step)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("Unchanged "), done.stdout


def test_an_unknown_step_is_refused(tmp_path: Path, write_cards: Callable[..., Path]) -> None:
    """A misspelt step would never be reached, and the build would not be killed: it is refused."""
    out = tmp_path / "decks"
    done = _killed_build(write_cards(V1), out, "staged")
    assert done.returncode == 1 and "unknown step 'staged'" in done.stderr
    assert not out.exists()
