"""The build's progress bar: only on a terminal, never in pipes or CI."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from generator import cli
from generator.check import check
from generator.compile import build
from tests.conftest import TWO


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_build_reports_progress_to_the_end(tmp_path: Path, write_cards: Any) -> None:
    seen: list[tuple[str, float]] = []
    build(write_cards(TWO), tmp_path / "out", now=1_800_000_000, progress=lambda s, f: seen.append((s, f)))
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions)
    assert seen[0] == ("Checking", 0.0) and seen[-1] == ("Done", 1.0)


def _deckgen_build(
    cards: Path, out: Path, screen: io.StringIO, *, seconds_a_step: float, ci: str | None = None
) -> str:
    """Run ``deckgen build`` with ``screen`` as its standard output and ``CI`` set to ``ci`` (or
    unset), on a clock that moves on ``seconds_a_step`` each time it is read; return what the
    screen shows, without the cursor's hide and show."""
    now = 0.0

    def clock() -> float:
        nonlocal now
        now += seconds_a_step
        return now

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdout", screen)
        patch.setattr(time, "monotonic", clock)
        if ci is None:
            patch.delenv("CI", raising=False)
        else:
            patch.setenv("CI", ci)
        with pytest.raises(SystemExit) as done:
            cli.main(["build", str(cards), "-o", str(out)], prog_name="deckgen")
    assert done.value.code == 0
    return screen.getvalue().replace("\x1b[?25l", "").replace("\x1b[?25h", "")


def _frames(shown: str) -> list[str]:
    """The progress bar's frames, each as its label and percentage ("Packaging 70%")."""
    frames = [f.split("\n")[0].strip() for f in shown.split("\r")]
    return [f.split("  [")[0] + " " + f.rsplit("]", 1)[1].strip() for f in frames if "  [" in f]


@pytest.mark.parametrize(
    ("screen", "ci", "bar"),
    [(FakeTerminal, None, True), (FakeTerminal, "true", False), (io.StringIO, None, False)],
    ids=["terminal", "terminal in CI", "pipe"],
)
def test_a_slow_build_shows_a_bar_only_on_a_terminal_outside_ci(
    tmp_path: Path, write_cards: Any, screen: type[io.StringIO], ci: str | None, bar: bool
) -> None:
    shown = _deckgen_build(write_cards(TWO), tmp_path / "out", screen(), seconds_a_step=1.0, ci=ci)
    assert "Built " in shown
    assert bool(_frames(shown)) is bar
    assert ("\r" in shown) is bar and ("%" in shown) is bar
    assert screen is FakeTerminal or "\x1b" not in shown  # in a pipe, no colour either


def test_the_bar_shows_each_stage_and_ends_at_100_percent(tmp_path: Path, write_cards: Any) -> None:
    cards = write_cards(TWO)
    stages: list[str] = []
    build(cards, tmp_path / "library", now=1_800_000_000, progress=lambda s, f: stages.append(s))
    frames = _frames(_deckgen_build(cards, tmp_path / "out", FakeTerminal(), seconds_a_step=1.0))
    shown = iter(stages)  # each frame is labelled with the stage the build is at, in order
    assert all(label in shown for label in [f.rsplit(" ", 1)[0] for f in frames])
    assert {f.rsplit(" ", 1)[0] for f in frames} == set(stages)
    percents = [int(f.rsplit(" ", 1)[1].rstrip("%")) for f in frames]
    assert percents == sorted(percents) and frames[-1] == "Done 100%"


def test_a_quick_build_shows_no_bar(tmp_path: Path, write_cards: Any) -> None:
    """The bar waits a moment (half a second) before it draws: a build quicker than that shows nothing."""
    shown = _deckgen_build(write_cards(TWO), tmp_path / "out", FakeTerminal(), seconds_a_step=0.0)
    assert "Built " in shown and not _frames(shown) and "\r" not in shown


def test_build_leaves_the_garbage_collector_as_it_was(tmp_path: Path, write_cards: Any) -> None:
    import gc

    assert gc.isenabled()
    build(write_cards(TWO), tmp_path / "out", now=1_800_000_000)
    assert gc.isenabled()
    gc.disable()
    try:
        build(write_cards(TWO), tmp_path / "out2", now=1_800_000_000)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_a_check_keeps_is_not_left_for_the_next_young_collection(write_cards: Any) -> None:
    import gc

    model, _ = check(write_cards(TWO))
    assert model is not None
    card = model.cards[0]
    assert gc.is_tracked(card)
    assert not any(o is card for o in gc.get_objects(generation=0))
    assert any(o is card for o in gc.get_objects(generation=2))
