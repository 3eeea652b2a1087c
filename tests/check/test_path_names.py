"""Every path a cards file writes (a source's file, an include, a picture, a sound) is a diagnostic when
no file system can take it: a NUL byte, a name or a path too long for the system. Never a traceback.

Each kind of path is tried with each kind of name, and with the command that reads it (check, then
build, preview and coverage, which read the same paths again).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.checking import CARD, HEADER
from tests.conftest import SOURCE_TEXT

NAMES = {
    "nul": "a\\0b",
    "long-name": "x" * 300,
    "long-path": "a/" * 3000 + "x",
    "many-dots": "../" * 2000 + "x",
}
"""Names as written in a double-quoted YAML scalar ("\\0" is the NUL byte)."""

PLACES = {
    "source": lambda name: (HEADER.replace("file: doc.txt", f'file: "{name}.txt"'), CARD),
    "include": lambda name: (HEADER, CARD + f'  - include: "{name}.yaml"\n'),
    "audio": lambda name: (HEADER, CARD + f'    audio: "{name}.mp3"\n'),
    "picture": lambda name: (
        HEADER,
        CARD.replace("optic nerves.\n", f'optic nerves. ![x]({name}.png)"\n', 1),
    ),
}


def _write(tmp_path: Path, place: str, name: str) -> Path:
    header, cards = PLACES[place](NAMES[name])
    if place == "picture":  # the answer in quotes, for the escape
        cards = cards.replace("answer: The brain", 'answer: "The brain', 1)
    (tmp_path / "doc.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = tmp_path / "cards.yaml"
    path.write_text(header + cards, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("command", ["check", "build", "preview", "coverage"])
def test_a_path_no_system_can_take_is_a_diagnostic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, place: str, name: str, command: str
) -> None:
    cards = _write(tmp_path, place, name)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [command, str(cards)])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}"
    )
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    assert "cards.yaml:" in result.output and " error [E" in result.output, result.output
    assert not (tmp_path / "decks").exists()
