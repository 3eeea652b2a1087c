"""What the command prints is a report on its work: when the report cannot be delivered (standard output
closed, a pipe closed early, a full disk), the work still ends and the exit status says how it went. A
working folder that is gone, and Ctrl-C (during start-up too), end with a message, never a traceback.

These run the real command in a process of its own, where the standard streams are real files.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest
from click.testing import CliRunner

from generator import cli
from tests.checking import CARD, HEADER
from tests.conftest import SOURCE_TEXT

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
DECK = ["decks/test-deck.apkg", "decks/test-deck.changelog.md", "decks/test-deck.manifest.json"]


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    (tmp_path / "doc.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (tmp_path / "cards.yaml").write_text(HEADER + CARD, encoding="utf-8")
    return tmp_path


def _build(cwd: Path, stdout: Any, preexec: Callable[[], None] | None = None) -> tuple[int, str]:
    ran = subprocess.run(
        [sys.executable, "-m", "generator", "build"],
        cwd=cwd,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=ENV,
        preexec_fn=preexec,
        timeout=120,
        check=False,
    )
    return ran.returncode, ran.stderr.decode("utf-8", "replace")


def _written(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in (folder / "decks").iterdir())


def test_with_standard_output_closed_the_deck_is_built_and_the_status_says_so(deck: Path) -> None:
    code, err = _build(deck, None, preexec=lambda: os.close(1))
    assert (code, err) == (0, "")
    assert _written(deck) == DECK


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_with_standard_output_full_the_deck_is_built_and_the_status_says_so(deck: Path) -> None:
    with open("/dev/full", "wb") as full:
        code, err = _build(deck, full)
    assert code == 0, err
    assert "Traceback" not in err
    assert err == (
        "deckgen: standard output could not be written (No space left on device); "
        "the exit status still says how the command went\n"
    )
    assert _written(deck) == DECK


def test_with_a_pipe_its_reader_closed_the_deck_is_built_and_the_status_says_so(deck: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build"],
        cwd=deck,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    out: IO[bytes] | None = process.stdout
    assert out is not None
    out.close()  # as `| head -0` does: the reader is gone before the first line is written
    _, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (0, b"")
    assert _written(deck) == DECK


def test_a_working_folder_that_is_gone_is_said_plainly(
    tmp_path: Path, deck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    for args in (["check"], ["build", str(deck / "cards.yaml")], ["coverage"]):
        result = CliRunner().invoke(cli.main, args)
        assert result.exit_code == 2, result.output
        assert result.output == (
            "deckgen: error: the current folder no longer exists (it was deleted or moved); "
            "cd into a folder that exists and run the command again\n"
        )
    assert not (deck / "decks").exists()


STARTUP = """
import sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            raise KeyboardInterrupt  # what Ctrl-C does while Python imports this module
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["deckgen", "check"]
from generator.__main__ import run
run()
"""


@pytest.mark.parametrize("module", ["click", "yaml", "generator.check", "generator.compile"])
def test_ctrl_c_during_start_up_ends_with_a_message_and_status_130(deck: Path, module: str) -> None:
    ran = subprocess.run(
        [sys.executable, "-c", STARTUP.format(module=module)],
        cwd=deck,
        capture_output=True,
        env=ENV,
        timeout=120,
        check=False,
    )
    assert (ran.returncode, ran.stdout, ran.stderr) == (130, b"", b"deckgen: interrupted\n")


def test_ctrl_c_during_a_command_ends_with_a_message_and_status_130(
    deck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.chdir(deck)
    monkeypatch.setattr(cli, "check_all", interrupted)
    result = CliRunner().invoke(cli.main, ["check"])
    assert (result.exit_code, result.output) == (130, "deckgen: interrupted\n")


def test_ctrl_c_while_the_arguments_are_read_ends_with_status_130(
    deck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(name: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.chdir(deck)
    monkeypatch.setattr(cli, "name_problem", interrupted)
    result = CliRunner().invoke(cli.main, ["check", "cards.yaml"])
    assert (result.exit_code, result.output) == (130, "deckgen: interrupted\n")


def test_the_command_ends_with_the_status_and_the_whole_report_however_it_ends(deck: Path) -> None:
    """The process ends without tearing the interpreter down (:func:`generator.__main__._leave`): the
    report, long or short, is all delivered first, and the status is what ``sys.exit`` would give."""
    (deck / "cards.yaml").write_text(HEADER + CARD.replace("id: ", "id: Bad Id ", 1), encoding="utf-8")
    code_run = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--format", "json"],
        cwd=deck,
        capture_output=True,
        env=ENV,
        timeout=120,
        check=False,
    )
    in_process = CliRunner().invoke(cli.main, ["check", "--format", "json", str(deck / "cards.yaml")])
    assert code_run.returncode == in_process.exit_code == 1
    assert code_run.stdout.decode() == in_process.output.replace(str(deck) + os.sep, "")
    ran = subprocess.run(
        [sys.executable, "-m", "generator", "no-such-command"],
        cwd=deck,
        capture_output=True,
        env=ENV,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 2 and b"No such command" in ran.stderr
