"""Several decks of one project, subdecks and included files, built and imported into real Anki."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator import deckid
from generator.cli import main
from generator.compile import build, build_decks
from tests.checking import CARD, HEADER
from tests.conftest import SOURCE_TEXT, import_apkg

OTHER = """\
  - id: mri-waves
    question: What does MRI use to make its pictures?
    answer: Strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "doc.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    monkeypatch.setattr(deckid, "fresh", lambda: 4829104829123)
    return tmp_path


def deck(folder: Path, name: str, title: str, deck_id: int, cards: str = CARD) -> str:
    text = HEADER.replace("name: Test Deck", f"name: {title}").replace("id: 1234567890", f"id: {deck_id}")
    (folder / name).write_text(text + cards, encoding="utf-8")
    return name


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


def test_two_decks_build_together_each_with_its_own_manifest(folder: Path) -> None:
    a = deck(folder, "physics.yaml", "Physics", 1874512301)
    b = deck(folder, "chemistry.yaml", "Chemistry", 1874512302, CARD + OTHER)
    code, out, _ = run("build", a, b)
    assert code == 0
    assert (
        out.splitlines()[0]
        == "Built decks/physics.apkg: 1 card from 1 source (1 added, 0 changed, 0 unchanged, 0 removed)"
    )
    assert "Built decks/chemistry.apkg: 2 cards from 1 source (2 added" in out
    built = snapshot(folder / "decks")
    assert sorted(built) == [
        "chemistry.apkg",
        "chemistry.changelog.md",
        "chemistry.manifest.json",
        "physics.apkg",
        "physics.changelog.md",
        "physics.manifest.json",
    ]
    assert run("build", a, b, "--check")[0] == 0
    code, out, _ = run("build", a, b)
    assert out.count("Unchanged decks/") == 2 and snapshot(folder / "decks") == built


def test_two_decks_with_one_id_are_refused_before_anything_is_written(folder: Path) -> None:
    a = deck(folder, "physics.yaml", "Physics", 1874512301)
    b = deck(folder, "chemistry.yaml", "Chemistry", 1874512301)
    code, out, err = run("build", a, b)
    assert code == 1
    assert out.startswith(
        "chemistry.yaml:3:7: error [E209] deck id 1874512301 is also the id of deck 'Physics' in physics.yaml"
    )
    assert err.endswith("Build stopped: nothing was written.\n")
    assert not (folder / "decks").exists()


def test_two_decks_that_would_write_one_file_are_refused_before_anything_is_written(folder: Path) -> None:
    a = deck(folder, "physics.yaml", "Physics!", 1874512301)
    b = deck(folder, "other.yaml", "Physics?", 1874512302)
    code, out, _ = run("build", a, b)
    assert code == 1
    assert out == (
        "other.yaml:2:9: error [E205] deck 'Physics?' would be written to decks/physics.apkg, as deck "
        "'Physics!' of physics.yaml is: give the two decks names that differ in more than punctuation "
        "and case\n"
    )
    assert not (folder / "decks").exists()


def test_a_broken_deck_stops_every_deck(folder: Path) -> None:
    a = deck(folder, "physics.yaml", "Physics", 1874512301)
    b = deck(
        folder,
        "chemistry.yaml",
        "Chemistry",
        1874512302,
        CARD.replace("doc: The CNS includes", "doc: The CNS contains"),
    )
    assert run("build", a, b)[0] == 1
    assert not (folder / "decks").exists()


@pytest.mark.anki
def test_two_decks_of_one_project_keep_their_notes_apart_in_anki(folder: Path, anki_collection: Any) -> None:
    """Both decks have a card 'cns' (and the second one 'mri-waves'): in one collection, three notes."""
    a = deck(folder, "physics.yaml", "Physics", 1874512301)
    b = deck(
        folder,
        "chemistry.yaml",
        "Chemistry",
        1874512302,
        CARD.replace("What does", "Which parts does") + OTHER,
    )
    results = build_decks([Path(a), Path(b)])
    assert all(r.deck is not None for r in results)
    for result in results:
        assert result.deck is not None
        import_apkg(anki_collection, result.deck.apkg)
    col = anki_collection
    assert col.note_count() == 3
    physics = [col.get_note(n) for n in col.find_notes('"deck:Physics"')]
    chemistry = [col.get_note(n) for n in col.find_notes('"deck:Chemistry"')]
    assert [n["Id"] for n in physics] == ["cns"]
    assert sorted(n["Id"] for n in chemistry) == ["cns", "mri-waves"]
    assert physics[0]["Question"] == "What does the CNS include?"
    assert {n["Question"] for n in chemistry} >= {"Which parts does the CNS include?"}


@pytest.mark.anki
def test_cards_land_in_their_subdecks_in_anki(folder: Path, anki_collection: Any) -> None:
    cards = (
        CARD.replace("  - id: cns\n", "  - id: cns\n    deck: Anatomy\n")
        + "  - deck: Imaging\n    cards:\n"
        + textwrap.indent(OTHER, "    ")
        + "  - include: parts/spine.yaml\n    deck: Imaging::Spine\n"
    )
    (folder / "parts").mkdir()
    spine = OTHER.replace("mri-waves", "mri-detail").replace("What does MRI use", "Which waves does MRI use")
    (folder / "parts" / "spine.yaml").write_text("cards:\n" + spine, encoding="utf-8")
    deck(folder, "cards.yaml", "Neuro", 1874512301, cards)
    result = build(folder / "cards.yaml")
    assert result.deck is not None, [d.format() for d in result.diagnostics]
    import_apkg(anki_collection, result.deck.apkg)
    col = anki_collection
    names = {d.name for d in col.decks.all_names_and_ids()}
    assert {"Neuro", "Neuro::Anatomy", "Neuro::Imaging", "Neuro::Imaging::Spine"} <= names
    where = {
        col.get_note(col.get_card(c).nid)["Id"]: col.decks.name(col.get_card(c).did)
        for c in col.find_cards("")
    }
    assert where == {
        "cns": "Neuro::Anatomy",
        "mri-waves": "Neuro::Imaging",
        "mri-detail": "Neuro::Imaging::Spine",
    }


@pytest.mark.anki
def test_a_rebuilt_deck_with_subdecks_updates_in_place(folder: Path, anki_collection: Any) -> None:
    """Moving a card to another subdeck changes its note; Anki keeps existing cards where they are."""
    cards = CARD.replace("  - id: cns\n", "  - id: cns\n    deck: Anatomy\n")
    deck(folder, "cards.yaml", "Neuro", 1874512301, cards)
    first = build(folder / "cards.yaml", now=1_800_000_000)
    assert first.deck is not None
    import_apkg(anki_collection, first.deck.apkg)
    deck(folder, "cards.yaml", "Neuro", 1874512301, cards.replace("deck: Anatomy", "deck: Basics"))
    second = build(folder / "cards.yaml", now=1_800_000_600)
    assert second.deck.changes.changed == ["cns"] and second.deck is not None
    log = import_apkg(anki_collection, second.deck.apkg).log
    assert len(log.updated) == 1 and not log.new
    col = anki_collection
    assert col.note_count() == 1
    card = col.get_card(col.find_cards("")[0])
    assert col.decks.name(card.did) == "Neuro::Anatomy"


def test_the_package_holds_each_subdeck_with_its_id_from_the_deck_id_and_its_name(folder: Path) -> None:
    import json
    import sqlite3
    import zipfile

    cards = CARD.replace("  - id: cns\n", "  - id: cns\n    deck: Imaging::MRI\n") + OTHER
    deck(folder, "cards.yaml", "Neuro", 1874512301, cards)
    result = build(folder / "cards.yaml")
    assert result.deck is not None
    with zipfile.ZipFile(result.deck.apkg) as archive:
        (folder / "col.anki2").write_bytes(archive.read("collection.anki2"))
    conn = sqlite3.connect(folder / "col.anki2")
    try:
        decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
        card_decks = dict(conn.execute("SELECT n.flds, c.did FROM cards c JOIN notes n ON n.id = c.nid"))
    finally:
        conn.close()
    imaging, mri = deckid.subdeck_id(1874512301, "Imaging"), deckid.subdeck_id(1874512301, "Imaging::MRI")
    assert {int(k): v["name"] for k, v in decks.items()} == {
        1: "Default",
        1874512301: "Neuro",
        imaging: "Neuro::Imaging",
        mri: "Neuro::Imaging::MRI",
    }
    assert sorted(card_decks.values()) == sorted([mri, 1874512301])
    assert build(folder / "cards.yaml", write=False).deck.up_to_date  # the same bytes again


@pytest.mark.anki
def test_a_renamed_deck_updates_its_cards_where_they_are_in_anki(folder: Path, anki_collection: Any) -> None:
    """What docs/workshop.md says of a rename: the files move; Anki keeps the cards in the old deck."""
    deck(folder, "cards.yaml", "Physics", 1874512301)
    first = build(folder / "cards.yaml", now=1_800_000_000)
    assert first.deck is not None
    import_apkg(anki_collection, first.deck.apkg)
    deck(folder, "cards.yaml", "Mechanics", 1874512301, CARD.replace("What does", "Which parts does"))
    second = build(folder / "cards.yaml", now=1_800_000_600)
    assert second.deck.apkg == folder / "decks" / "mechanics.apkg" and not first.deck.apkg.exists()
    log = import_apkg(anki_collection, second.deck.apkg).log
    assert len(log.updated) == 1 and not log.new
    col = anki_collection
    card = col.get_card(col.find_cards("")[0])
    assert col.decks.name(card.did) == "Physics"
    assert card.note()["Question"] == "Which parts does the CNS include?"
    assert "Mechanics" in {d.name for d in col.decks.all_names_and_ids()}
