"""deckgen init: a starter project that checks, builds and imports into real Anki at once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator import deckid
from generator.cli import main
from generator.starter import EXAMPLE, EXAMPLE_TEXT
from tests.conftest import import_apkg


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_init_writes_a_project_that_checks_clean_with_strict(tmp_path: Path) -> None:
    folder = tmp_path / "my-first_deck"
    code, out, err = run("init", str(folder))
    assert (code, err) == (0, "")
    cards = folder / "cards.yaml"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        ".gitignore",
        "cards.yaml",
        "sources/README.md",
        EXAMPLE,
    ]
    assert (folder / EXAMPLE).read_text(encoding="utf-8") == EXAMPLE_TEXT
    assert (folder / ".gitignore").read_text(encoding="utf-8") == (
        "/preview.html\n/coverage.html\n/*.preview.html\n/*.coverage.html\n"
    )
    first = out.splitlines()[0]
    assert first.startswith("Started the deck 'My First Deck' (id ") and first.endswith(f") in {folder}:")
    assert f"  deckgen build {cards}     # writes {folder / 'decks'}/" in out
    clean = f"No problems in {cards}: 2 cards from 1 source.\n"
    assert run("check", str(cards), "--strict") == (0, clean, "")
    assert run("coverage", str(cards), "--min", "100")[0] == 0


def test_the_deck_id_is_fresh_random_and_within_ankis_range(tmp_path: Path) -> None:
    ids = []
    for name in ("a", "b", "c"):
        run("init", str(tmp_path / name))
        text = (tmp_path / name / "cards.yaml").read_text(encoding="utf-8")
        ids.append(int(re.search(r"^  id: (\d+)$", text, re.M).group(1)))  # type: ignore[union-attr]
    assert len(set(ids)) == 3
    low, high = deckid.FRESH_RANGE
    assert all(low <= i <= high for i in ids)


def test_init_refuses_to_overwrite_a_cards_file(tmp_path: Path) -> None:
    cards = tmp_path / "cards.yaml"
    cards.write_text("mine\n", encoding="utf-8")
    assert run("init", str(tmp_path)) == (
        2,
        "",
        f"deckgen: error: {cards} already exists; deckgen init never overwrites a cards file. To start "
        f"another deck in this folder, give its cards file a name of its own: deckgen init {tmp_path} "
        "--file NAME.yaml\n",
    )
    assert cards.read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards.yaml"]


def test_init_keeps_files_that_are_there_and_adds_missing_ignores(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "README.md").write_text("my notes\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("*.tmp\n/coverage.html", encoding="utf-8")
    code, out, _ = run("init", str(tmp_path), "--name", "Licences: GPL and MIT")
    assert code == 0
    assert f"  kept  {tmp_path / 'sources' / 'README.md'} (it was there already)" in out
    assert (tmp_path / "sources" / "README.md").read_text(encoding="utf-8") == "my notes\n"
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == (
        "*.tmp\n/coverage.html\n/preview.html\n/*.preview.html\n/*.coverage.html\n"
    )
    assert '  name: "Licences: GPL and MIT"' in (tmp_path / "cards.yaml").read_text(encoding="utf-8")
    assert run("check", str(tmp_path / "cards.yaml"))[0] == 0


def test_init_in_the_current_folder_names_the_deck_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "gpl_licence"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert run("init")[0] == 0
    assert '  name: "Gpl Licence"' in Path("cards.yaml").read_text(encoding="utf-8")


@pytest.mark.anki
def test_init_then_build_in_an_empty_folder_imports_into_real_anki(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, anki_collection: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "physics")[0] == 0
    code, out, _ = run("build", "physics/cards.yaml")
    assert code == 0, out
    apkg = Path("physics/decks/physics.apkg")
    assert out.startswith(f"Built {apkg}: 2 cards from 1 source")
    log = import_apkg(anki_collection, apkg.resolve()).log
    assert len(log.new) == 2
    assert len(anki_collection.find_notes('"deck:Physics"')) == 2


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("My\x01Deck", "holds the control character U+0001 (control character), which Anki drops or refuses"),
        (
            "Neuro\x7fMS",
            "holds the control character U+007F (control character), which Anki drops or refuses",
        ),
        ("tab\there", "holds a line break or tab (U+0009 (control character)), which Anki drops"),
        ("a::::b", "has an empty part between '::' (Anki would name it 'blank')"),
        (
            "default",
            "is the name of Anki's own Default deck: Anki merges the cards into it or renames the deck",
        ),
        (
            "MS\u200bDeck",
            "holds the invisible character U+200B (zero width space): it shows other than it is",
        ),
    ],
)
def test_init_refuses_a_deck_name_the_check_would_refuse_and_writes_nothing(
    tmp_path: Path, name: str, why: str
) -> None:
    """init never writes a cards file that check refuses: a name with a control character (E330), or
    one Anki would rename, blank out or merge (E331), is refused before anything is written."""
    code, out, err = run("init", str(tmp_path / "deck"), "--name", name)
    assert (code, out) == (2, "")
    assert err == f"deckgen: error: the deck name {name!r} {why}; give another with --name\n"
    assert not (tmp_path / "deck").exists()
