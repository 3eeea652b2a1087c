"""Every path and name given on the command line, in every form it can arrive in: an error message or
the work done, never a traceback.

On POSIX a name arrives as bytes: those no encoding reads come to Python as lone surrogates
("surrogateescape"), and a name may be longer than the file system allows (one part over 255 bytes,
or a whole path over 4,096).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.checking import CARD, HEADER
from tests.conftest import SOURCE_TEXT

NAMES = {
    "long-name": "x" * 300,
    "long-path": "a/" * 3000 + "x",
    "lone-surrogate": "q\ud800q",
    "nul": "q\0q",
}
"""Names as Python holds them. A lone surrogate like U+D800, or a NUL byte, cannot come from a real
command line, but can from a caller of :func:`generator.cli.main`; undecodable bytes (which Python
holds as lone surrogates U+DC80-U+DCFF) are tried through a real process below, as they are printed."""

COMMANDS = {
    "check": lambda n: ["check", f"{n}.yaml"],
    "build": lambda n: ["build", f"{n}.yaml"],
    "build-o": lambda n: ["build", "cards.yaml", "-o", n],
    "preview-o": lambda n: ["preview", "cards.yaml", "-o", f"{n}.html"],
    "coverage-html": lambda n: ["coverage", "cards.yaml", "--html", f"{n}.html"],
    "init": lambda n: ["init", n],
    "init-file": lambda n: ["init", "--file", f"{n}.yaml"],
}


@pytest.fixture
def deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "doc.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (tmp_path / "cards.yaml").write_text(HEADER + CARD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return tmp_path


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_name_on_the_command_line_never_raises(deck: Path, command: str, name: str) -> None:
    result = CliRunner().invoke(main, COMMANDS[command](NAMES[name]))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}"
    )
    assert "Traceback" not in result.output
    if result.exit_code != 0:
        assert "error" in result.output.lower(), result.output


def _deckgen(args: list[bytes], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """The real command, given ``args`` as the bytes a shell passes."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run(
        [sys.executable.encode(), b"-m", b"generator", *args],
        cwd=cwd,
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        [b"check", b"q\xffq.yaml"],
        [b"build", b"cards.yaml", b"-o", b"q\xffq"],
        [b"preview", b"cards.yaml", b"-o", b"q\xffq.html"],
    ],
    ids=["check", "build", "preview"],
)
def test_undecodable_bytes_in_a_name_are_printed_back_as_they_were(deck: Path, args: list[bytes]) -> None:
    """The name is shown as the bytes it was given in, whatever the locale's encoding: in a UTF-8
    locale such as en_US.UTF-8, Python's standard streams refuse lone surrogates (as
    PYTHONIOENCODING=utf-8:strict makes them here), in the C locale they take them."""
    for setting in ({"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8:strict"}, {"LC_ALL": "C"}):
        saved = {key: os.environ.get(key) for key in setting}
        os.environ.update(setting)
        try:
            ran = _deckgen(args, deck)
        finally:
            for key, value in saved.items():
                if value is None:
                    del os.environ[key]
                else:
                    os.environ[key] = value
        assert b"Traceback" not in ran.stderr, ran.stderr.decode("utf-8", "replace")
        assert b"q\xffq" in ran.stdout + ran.stderr
        assert ran.returncode == (2 if args[0] == b"check" else 0), ran.stderr  # check: E007, unreadable


def test_a_deck_started_in_a_folder_of_an_undecodable_name_checks_clean(deck: Path) -> None:
    """The deck's name comes from the folder's: the cards file written must still be valid UTF-8."""
    made = _deckgen([b"init", b"q\xffq"], deck)
    assert made.returncode == 0, made.stderr
    assert b"in q\xffq:" in made.stdout
    ran = _deckgen([b"check", b"q\xffq/cards.yaml"], deck)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    text = (deck / "q\udcffq" / "cards.yaml").read_text(encoding="utf-8")
    assert 'name: "Q\ufffdq"' in text


def test_a_deck_name_given_in_undecodable_bytes_checks_clean(deck: Path) -> None:
    assert CliRunner().invoke(main, ["init", "new", "--name", "Caf\udce9"]).exit_code == 0
    result = CliRunner().invoke(main, ["check", "new/cards.yaml"])
    assert result.exit_code == 0, result.output
