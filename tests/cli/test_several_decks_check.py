"""Several decks of one project, checked together: no two share an id or a name."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import deckid
from generator.cli import main
from tests.checking import CARD, HEADER
from tests.conftest import SOURCE_TEXT


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "doc.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(deckid, "fresh", lambda: 4829104829123)
    return tmp_path


def write(folder: Path, name: str, deck: str, deck_id: int) -> str:
    text = HEADER.replace("name: Test Deck", f"name: {deck}").replace("id: 1234567890", f"id: {deck_id}")
    (folder / name).write_text(text + CARD, encoding="utf-8")
    return name


def test_two_decks_with_their_own_ids_and_names_check_clean(folder: Path) -> None:
    a = write(folder, "physics.yaml", "Physics", 1874512301)
    b = write(folder, "chemistry.yaml", "Chemistry", 1874512302)
    assert run("check", a, b) == (
        0,
        "No problems in physics.yaml, chemistry.yaml: 2 decks, 2 cards from 2 sources.\n",
        "",
    )


def test_two_decks_with_one_id_name_both_files(folder: Path) -> None:
    a = write(folder, "physics.yaml", "Physics", 1874512301)
    b = write(folder, "chemistry.yaml", "Chemistry", 1874512301)
    code, out, _ = run("check", a, b)
    assert code == 1
    assert out == (
        "chemistry.yaml:3:7: error [E209] deck id 1874512301 is also the id of deck 'Physics' in "
        "physics.yaml (line 3); two decks with one id overwrite each other's notes in Anki: give this deck "
        "its own id, for example id: 4829104829123\n"
    )


def test_two_decks_with_one_name_case_aside(folder: Path) -> None:
    a = write(folder, "physics.yaml", "Physics", 1874512301)
    b = write(folder, "more.yaml", "PHYSICS", 1874512302)
    code, out, _ = run("check", a, b)
    assert code == 1
    assert out == (
        "more.yaml:2:9: error [E205] deck 'PHYSICS' has the name of the deck in physics.yaml (as 'Physics'; "
        "Anki ignores case) (line 2); Anki would merge the two decks: give each deck its own name\n"
    )


def test_one_file_named_twice_is_one_deck(folder: Path) -> None:
    a = write(folder, "physics.yaml", "Physics", 1874512301)
    assert run("check", a, f"./{a}")[0] == 0
