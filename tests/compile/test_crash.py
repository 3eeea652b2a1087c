"""A build killed with SIGKILL at each step of writing: the next build restores a matched pair.

The write step has named points (``DECKGEN_FAULT_AT``, read only there) where
the real ``deckgen build`` process kills itself with SIGKILL: after the
package's temp file is written, after both are, after the package is replaced,
after the manifest is. One kill at each point hits every window a random kill
could; after each, the next build must leave exactly the files an
uninterrupted build would have: no removed card lost, no mod time moved.
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
from generator.compile.output import FAULT_POINTS, FAULT_VARIABLE
from generator.compile.unpack import read_notes
from tests.conftest import HEADER

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


def _killed_build(cards: Path, out: Path, point: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, FAULT_VARIABLE: point, "SOURCE_DATE_EPOCH": str(T2)}
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", str(cards), "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize("point", FAULT_POINTS)
def test_a_build_killed_at_each_write_step_is_recovered(
    tmp_path: Path, write_cards: Callable[..., Path], point: str
) -> None:
    after_t2, after_t3 = _reference(tmp_path, write_cards, T2), _reference(tmp_path, write_cards, T3)
    out = tmp_path / "decks"
    cards = write_cards(V1)
    build(cards, out, now=T1)
    old = _pair(out)
    write_cards(V2)

    killed = _killed_build(cards, out, point)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    on_disk = _pair(out)
    replaced = point in ("package-replaced", "manifest-replaced")
    assert on_disk[1] == (after_t2[1] if point == "manifest-replaced" else old[1])
    assert on_disk[0] == (after_t2[0] if replaced else old[0])
    temps = sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp"))
    assert len(temps) == {"package-staged": 1, "staged": 2, "package-replaced": 1}.get(point, 0)

    # build --check tells a matched pair from a mismatched one (and leftover temp files)
    checked = build(cards, out, now=T3, write=False)
    assert checked.deck.up_to_date == (point == "manifest-replaced")
    assert [p.name for p in checked.deck.leftovers] == temps
    if point == "package-replaced":
        assert checked.deck.notes and "did not belong to" in checked.deck.notes[0]
    assert _pair(out) == on_disk  # --check writes nothing

    # the next build leaves what an uninterrupted build would have: the killed build's, or its own
    again = build(cards, out, now=T3)
    assert _pair(out) == (after_t2 if replaced else after_t3)
    assert [p.name for p in again.deck.leftovers] == temps
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    kept = read_notes(out / "test-deck.apkg")
    assert len(kept) == 3
    assert "deckgen::removed" in kept[guid(1234567890, "mri-waves")][1]
    assert build(cards, out, now=T3, write=False).deck.up_to_date


def test_every_fault_point_is_reached(tmp_path: Path, write_cards: Callable[..., Path]) -> None:
    """A misspelt point would never fire: each one named here kills the build, and others do not."""
    out = tmp_path / "decks"
    cards = write_cards(V1)
    done = _killed_build(cards, out, "no-such-point")
    assert done.returncode == 0, done.stderr


def test_builds_killed_at_moments_spread_over_their_run_leave_a_matched_pair(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    """Besides the named points: real builds killed with SIGKILL from outside, at moments spread
    over the last part of a run (where it writes), each followed by a build that must leave what
    an uninterrupted build would have."""
    import time

    after_t2, after_t3 = _reference(tmp_path, write_cards, T2), _reference(tmp_path, write_cards, T3)
    out = tmp_path / "decks"
    cards = write_cards(V1)
    build(cards, out, now=T1)
    old = _pair(out)
    write_cards(V2)
    command = [sys.executable, "-m", "generator", "build", str(cards), "-o", str(out)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(T2)}

    def restore() -> None:
        for path in out.iterdir():
            path.unlink()
        (out / "test-deck.apkg").write_bytes(old[0])
        (out / "test-deck.manifest.json").write_bytes(old[1])

    started = time.monotonic()
    subprocess.run(command, env=env, capture_output=True, check=True, timeout=120)
    whole = time.monotonic() - started
    assert _pair(out) == after_t2
    for step in range(8):
        restore()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(whole * (0.6 + 0.06 * step))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=120)
        apkg, manifest = _pair(out)
        assert apkg in (old[0], after_t2[0]) and manifest in (old[1], after_t2[1]), step
        build(cards, out, now=T3)
        assert _pair(out) in (after_t2, after_t3), step
        assert not [p for p in out.iterdir() if p.name.endswith(".tmp")], step
        assert "deckgen::removed" in read_notes(out / "test-deck.apkg")[guid(1234567890, "mri-waves")][1]
