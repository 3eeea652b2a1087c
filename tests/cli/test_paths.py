"""Paths follow the cards file: decks/, sources and pages, whatever the working directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.checking import CARD, HEADER
from tests.conftest import SOURCE_TEXT

ONE = HEADER + CARD


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A deck in tmp/mydeck/, and the working directory tmp/ (its parent)."""
    folder = tmp_path / "mydeck"
    folder.mkdir()
    (folder / "doc.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (folder / "cards.yaml").write_text(ONE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return folder


def test_build_from_the_parent_folder_writes_next_to_the_cards_file(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run("build", "mydeck/cards.yaml")
    assert code == 0
    assert out.splitlines()[0] == (
        "Built mydeck/decks/test-deck.apkg: 1 card from 1 source (1 added, 0 changed, 0 unchanged, 0 removed)"
    )
    assert not Path("decks").exists()
    written = sorted(p.name for p in (project / "decks").iterdir())
    assert written == ["test-deck.apkg", "test-deck.changelog.md", "test-deck.manifest.json"]
    monkeypatch.chdir(project)  # the same deck, seen from its own folder
    assert run("build", "--check") == (0, "decks/test-deck.apkg: up to date; 1 card from 1 source\n", "")
    code, out, _ = run("build")
    assert out.startswith("Unchanged decks/test-deck.apkg: 1 card from 1 source (0 added, 0 changed, 1 unc")
    monkeypatch.chdir(project / "decks")  # and from below it
    assert run("build", "../cards.yaml", "--check")[0] == 0


def test_build_check_says_missing_for_a_deck_never_built(project: Path) -> None:
    assert run("build", "mydeck/cards.yaml", "--check") == (
        1,
        "mydeck/decks/test-deck.apkg: missing (run: deckgen build mydeck/cards.yaml); 1 card from 1 source\n",
        "",
    )
    assert not (project / "decks").exists()


def test_an_explicit_output_folder_is_relative_to_the_working_directory(project: Path) -> None:
    assert run("build", "mydeck/cards.yaml", "-o", "out")[0] == 0
    assert (project.parent / "out" / "test-deck.apkg").is_file()
    assert not (project / "decks").exists()


def test_messages_name_sources_as_paths_usable_from_here(project: Path) -> None:
    cards = project / "cards.yaml"
    cards.write_text(ONE.replace("cord, and optic", "cord, and the optic"), encoding="utf-8")
    code, out, _ = run("check", "mydeck/cards.yaml")
    assert code == 1
    assert out.startswith("mydeck/cards.yaml:13:12: error [E305] quote not found in mydeck/doc.txt; ")
    cards.write_text(ONE.replace("file: doc.txt", "file: missing.txt"), encoding="utf-8")
    missing = "source 'doc': mydeck/missing.txt does not exist; fix its file: path"
    assert missing in run("check", "mydeck/cards.yaml")[1]


def test_preview_is_written_next_to_the_cards_file(project: Path) -> None:
    code, out, _ = run("preview", "mydeck/cards.yaml")
    assert code == 0
    assert out == (
        "Wrote mydeck/preview.html: 1 card written, 1 Anki card, front and back; open it in a browser.\n"
    )
    assert (project / "preview.html").is_file() and not Path("preview.html").exists()
