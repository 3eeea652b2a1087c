"""A deck is known in its output folder by its cards file: id guards, renames, other decks' files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import deckid
from generator.cli import main
from generator.compile import BuildError, build
from generator.compile import manifest as mf
from tests.checking import CARD, HEADER
from tests.conftest import SOURCE_TEXT

OTHER = """\
  - id: mri-waves
    question: What does MRI use to make its pictures?
    answer: Strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
"""
T1, T2, T3 = 1_800_000_000, 1_800_000_600, 1_800_001_200


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "doc.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    monkeypatch.setattr(deckid, "fresh", lambda: 4829104829123)
    return tmp_path


def deck(folder: Path, name: str = "cards.yaml", title: str = "Test Deck", deck_id: int = 1234567890) -> Path:
    text = HEADER.replace("name: Test Deck", f"name: {title}").replace("id: 1234567890", f"id: {deck_id}")
    path = folder / name
    path.write_text(text + CARD + OTHER, encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


def test_the_manifest_records_the_cards_file(folder: Path) -> None:
    result = build(deck(folder), now=T1)
    assert result.deck.manifest == folder / "decks" / "test-deck.manifest.json"
    written = mf.load(result.deck.manifest)
    assert written is not None and written.cards_file == "../cards.yaml"
    assert json.loads(result.deck.manifest.read_text(encoding="utf-8"))["cards_file"] == "../cards.yaml"


def test_a_renamed_deck_moves_its_files_and_keeps_its_history(folder: Path) -> None:
    cards = deck(folder)
    first = build(cards, now=T1)
    assert first.deck is not None
    before = mf.load(first.deck.manifest)
    deck(folder, title="Neurology Basics")
    checked = build(cards, now=T2, write=False)
    assert not checked.deck.up_to_date and checked.deck.moved_from == folder / "decks" / "test-deck.apkg"
    moved = build(cards, now=T2)
    assert sorted(snapshot(folder / "decks")) == [
        "neurology-basics.apkg",
        "neurology-basics.changelog.md",
        "neurology-basics.manifest.json",
    ]
    after = mf.load(folder / "decks" / "neurology-basics.manifest.json")
    assert before is not None and after is not None
    assert after.cards == before.cards  # same notes, same mod times: nothing to update in Anki
    assert (after.deck, after.deck_id) == ("Neurology Basics", 1234567890)
    assert moved.deck.changes.unchanged == ["cns", "mri-waves"]
    assert build(cards, now=T3, write=False).deck.up_to_date


def test_a_renamed_deck_moves_its_retired_cards_too(folder: Path) -> None:
    cards = deck(folder)
    build(cards, now=T1)
    cards.write_text(HEADER + CARD, encoding="utf-8")  # mri-waves removed
    build(cards, now=T2)
    assert sorted(snapshot(folder / "decks")) == [
        "test-deck.apkg",
        "test-deck.changelog.md",
        "test-deck.manifest.json",
        "test-deck.retired.apkg",
    ]
    cards.write_text(HEADER.replace("name: Test Deck", "name: Neurology Basics") + CARD, encoding="utf-8")
    moved = build(cards, now=T3)
    assert moved.deck.retired == folder / "decks" / "neurology-basics.retired.apkg"
    assert sorted(snapshot(folder / "decks")) == [
        "neurology-basics.apkg",
        "neurology-basics.changelog.md",
        "neurology-basics.manifest.json",
        "neurology-basics.retired.apkg",
    ]
    assert build(cards, now=T3, write=False).deck.up_to_date


def test_a_rename_with_a_changed_id_is_refused(folder: Path) -> None:
    cards = deck(folder)
    build(cards, now=T1)
    before = snapshot(folder / "decks")
    deck(folder, title="Neurology Basics", deck_id=1234567899)
    with pytest.raises(BuildError) as refused:
        build(cards, now=T2)
    assert str(refused.value) == (
        "deck id changed from 1234567890 to 1234567899, and the deck was renamed from 'Test Deck' "
        f"({folder / 'decks' / 'test-deck.manifest.json'} is this deck's previous build): every card would "
        "become a new note in Anki and lose its review history. Put the old id back."
    )
    assert snapshot(folder / "decks") == before


def test_another_deck_with_the_same_id_in_the_folder_is_refused(folder: Path) -> None:
    build(deck(folder, "physics.yaml", "Physics"), now=T1)
    before = snapshot(folder / "decks")
    copied = deck(folder, "chemistry.yaml", "Chemistry")  # the id copied from physics.yaml
    code = CliRunner().invoke(main, ["build", str(copied)], catch_exceptions=False)
    assert code.exit_code == 2
    assert code.stderr == (
        f"deckgen: error: {folder / 'decks' / 'physics.manifest.json'} belongs to deck 'Physics', built from "
        f"{folder / 'physics.yaml'}, which has this deck's id 1234567890: two decks with one "
        "id overwrite each other's notes in Anki. Give this deck its own id, for example id: 4829104829123\n"
    )
    assert snapshot(folder / "decks") == before


def test_a_cards_file_renamed_on_disk_is_told_how_to_keep_its_manifest(folder: Path) -> None:
    build(deck(folder, "physics.yaml", "Physics"), now=T1)
    (folder / "physics.yaml").rename(folder / "mechanics.yaml")
    with pytest.raises(
        BuildError, match=r'set "cards_file" in .*physics.manifest.json to "../mechanics.yaml"'
    ):
        build(folder / "mechanics.yaml", now=T2)
    manifest = folder / "decks" / "physics.manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["cards_file"] = "../mechanics.yaml"
    manifest.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert build(folder / "mechanics.yaml", now=T2).deck.changes.unchanged == ["cns", "mri-waves"]


def test_another_deck_writing_the_same_files_is_refused(folder: Path) -> None:
    build(deck(folder, "physics.yaml", "Physics"), now=T1)
    with pytest.raises(BuildError, match=r"physics.manifest.json belongs to deck 'Physics'.*same files"):
        build(deck(folder, "more.yaml", "Physics!", deck_id=1234567891), now=T2)


def test_a_manifest_from_before_cards_files_were_recorded_is_adopted_by_its_name(folder: Path) -> None:
    cards = deck(folder)
    first = build(cards, now=T1)
    assert first.deck is not None
    data = json.loads(first.deck.manifest.read_text(encoding="utf-8"))
    del data["cards_file"]
    first.deck.manifest.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    again = build(cards, now=T2)
    assert again.deck.changes.unchanged == ["cns", "mri-waves"]
    assert json.loads(first.deck.manifest.read_text(encoding="utf-8"))["cards_file"] == "../cards.yaml"


def test_build_reports_removed_notes_it_still_ships_and_what_it_dropped(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T1))
    cards = deck(folder)
    runner = CliRunner()
    runner.invoke(main, ["build", str(cards)], catch_exceptions=False)
    cards.write_text(HEADER + CARD, encoding="utf-8")  # mri-waves removed
    first = runner.invoke(main, ["build", str(cards)], catch_exceptions=False).stdout
    assert first.splitlines()[0].endswith("(0 added, 0 changed, 1 unchanged, 1 removed)")
    retired = (
        f"  retired cards: {folder}/decks/test-deck.retired.apkg, the 1 note of cards removed from the deck"
    )
    assert retired in first
    again = runner.invoke(main, ["build", str(cards)], catch_exceptions=False).stdout
    assert again.splitlines()[0].endswith("(0 added, 0 changed, 1 unchanged, 0 removed)")
    assert retired in again
    dropped = runner.invoke(main, ["build", str(cards), "--drop-removed"], catch_exceptions=False).stdout
    assert dropped.splitlines()[0].endswith("(0 added, 0 changed, 1 unchanged, 0 removed)")
    assert "Dropped 1 note of removed cards (--drop-removed): mri-waves" in dropped
    assert (
        f"  removed {folder}/decks/test-deck.retired.apkg: the deck has no removed cards to retire now"
        in dropped
    )
    assert retired not in dropped
