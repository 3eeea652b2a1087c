"""Odd environments get a clear message and exit status 2, never a traceback.

Each runs the real command in a subprocess where the environment is the
point: a file size limit, the C locale, a clock far off.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.check import check
from generator.cli import main
from generator.compile import build
from tests.conftest import ONE


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None, fsize: int | None = None) -> Any:
    def limit() -> None:
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        errors="replace",
        preexec_fn=limit,
        check=False,
        timeout=120,
    )


def test_a_file_size_limit_stops_the_build_cleanly(tmp_path: Path, write_cards: Callable[..., Path]) -> None:
    write_cards(ONE)
    done = _run(["build"], tmp_path, fsize=10 * 1024)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "cannot write the deck's database in the temporary folder" in done.stderr
    assert "ulimit -f" in done.stderr
    assert not (tmp_path / "decks").exists() or list((tmp_path / "decks").iterdir()) == []


@pytest.mark.parametrize("value", ["9223372036854776", "99999999999999999999999999", "0", "-5", "1e9", "x"])
def test_source_date_epoch_out_of_range(
    value: str, write_cards: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    cards = write_cards(ONE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = CliRunner().invoke(main, ["build", str(cards), "-o", str(cards.parent / "decks")])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "deckgen: error: SOURCE_DATE_EPOCH must be" in result.output
    assert not (cards.parent / "decks").exists()


def test_a_source_date_epoch_in_the_future_is_warned_about(
    write_cards: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    cards = write_cards(ONE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4000000000")
    result = CliRunner().invoke(main, ["build", str(cards), "-o", str(cards.parent / "decks")])
    assert result.exit_code == 0, result.output
    assert (
        "deckgen: warning: SOURCE_DATE_EPOCH is 2096-10-02 07:06:40 UTC, in the future: every later edit "
        "must carry a newer time, or Anki will not update the note"
    ) in result.output


def test_a_non_ascii_file_name_under_the_c_locale(tmp_path: Path, write_cards: Callable[..., Path]) -> None:
    cards = write_cards(ONE.replace("file: doc.txt", "file: döc.txt"))
    (cards.parent / "doc.txt").rename(cards.parent / "döc.txt")
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    for command in (["check"], ["build"], ["coverage"]):
        done = _run(command, tmp_path, env)
        assert "Traceback" not in done.stderr, done.stderr
        assert done.returncode == 1, (command, done.stdout, done.stderr)
        assert "E203" in done.stdout + done.stderr
        assert "file name encoding (ascii)" in done.stdout + done.stderr


def test_a_nul_in_a_path_given_to_the_library(tmp_path: Path) -> None:
    _, found = check(tmp_path / "cards\x00.yaml")
    assert [(d.code, d.message) for d in found] == [
        ("E007", "cannot read the file: the path holds a NUL byte")
    ]
    result = build(tmp_path / "cards\x00.yaml", tmp_path / "decks")
    assert [d.code for d in result.diagnostics] == ["E007"]


def test_a_very_long_deck_name_gets_a_short_file_name(write_cards: Callable[..., Path]) -> None:
    name = "Neurology " * 30
    cards = write_cards(ONE.replace("name: Test Deck", f"name: {name.strip()}"))
    result = build(cards, cards.parent / "decks", now=1_700_000_000)
    assert result.written and result.deck is not None
    assert len(result.deck.apkg.name) <= 105 and result.deck.apkg.name.startswith("neurology-neurology-")
    other = cards.parent / "other.yaml"  # another deck (another cards file) in the same folder
    other.write_text(
        ONE.replace("name: Test Deck", f"name: {name.strip()} 2").replace("1234567890", "9876543210"),
        encoding="utf-8",
    )
    second = build(other, other.parent / "decks", now=1_700_000_000)
    assert second.deck is not None and second.deck.apkg.name != result.deck.apkg.name


def test_a_non_ascii_folder_under_the_c_locale(tmp_path: Path, write_cards: Callable[..., Path]) -> None:
    """Every command that writes a file in a folder the locale cannot spell (the preview, which
    names the folder, the coverage page, a deck, a new deck) writes it, with the name as it is."""
    folder = tmp_path / "décks"
    folder.mkdir()
    cards = write_cards(ONE)
    for name in ("cards.yaml", "doc.txt"):
        (cards.parent / name).rename(folder / name)
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    commands = (
        ["preview", "décks/cards.yaml", "-o", "décks/preview.html"],
        ["coverage", "décks/cards.yaml", "--html", "décks/coverage.html"],
        ["build", "décks/cards.yaml"],
        ["init", "nëw"],
    )
    for command in commands:
        done = _run(command, tmp_path, env)
        assert "Traceback" not in done.stderr, done.stderr
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    assert "décks" in (folder / "preview.html").read_text(encoding="utf-8")
    assert "cns-parts" in (folder / "coverage.html").read_text(encoding="utf-8")
    assert (folder / "decks" / "test-deck.apkg").exists()
    assert 'name: "Nëw"' in (tmp_path / "nëw" / "cards.yaml").read_text(encoding="utf-8")
