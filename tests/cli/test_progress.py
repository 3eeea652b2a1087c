"""The build's progress bar: only on a terminal, never in pipes or CI."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

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


def test_no_progress_bar_in_a_pipe(tmp_path: Path, write_cards: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(cli._ProgressBar, "DELAY", 0.0)
    result = CliRunner().invoke(cli.main, ["build", str(write_cards(TWO)), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Built " in result.output
    for mark in ("Checking", "Packaging", "Done", "%", "\r", "\x1b"):
        assert mark not in result.output


def test_progress_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", FakeTerminal())
    monkeypatch.delenv("CI", raising=False)
    assert cli._wants_progress()
    monkeypatch.setenv("CI", "true")
    assert not cli._wants_progress()
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert not cli._wants_progress()


def test_bar_waits_a_moment_then_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = FakeTerminal()
    monkeypatch.setattr(sys, "stdout", screen)
    bar = cli._ProgressBar()
    bar("Checking", 0.1)
    assert bar.bar is None  # a quick build shows nothing
    bar.start -= 1
    bar("Packaging", 0.7)
    bar("Done", 1.0)
    bar.close()
    frames = [
        f.replace("\x1b[?25l", "").replace("\x1b[?25h", "").strip() for f in screen.getvalue().split("\r")
    ]
    drawn = [f.split("  [")[0] + " " + f.rsplit("]", 1)[1].strip() for f in frames if f]
    assert drawn == ["Packaging 0%", "Packaging 70%", "Done 100%"]


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
