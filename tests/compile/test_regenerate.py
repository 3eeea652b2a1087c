"""Edit, rebuild, re-import: the real Anki engine keeps history and updates in place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.compile import build, notetype
from generator.compile.notes import guid
from tests.conftest import HEADER, import_apkg

pytestmark = pytest.mark.anki

T1, T2, T3, T4 = 1_800_000_000, 1_800_000_600, 1_800_001_200, 1_800_001_800

V1 = (
    HEADER
    + """\
cards:
  - id: lesions-share
    question: What share of people have the lesions?
    answer: About 80 percent.
    evidence: {doc: "They’re found in about 80 percent of people."}
    tags: [epidemiology]
  - id: cns-parts
    question: Which parts make up the CNS?
    answer: The brain, spinal cord and optic nerves.
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
    tags: [anatomy]
  - id: mri-waves
    question: What does MRI use to make its pictures?
    answer: Strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
  - id: lesions-common
    question: In which disease are spinal cord lesions common?
    answer: MS.
    evidence: {doc: "Spinal cord lesions are common in MS."}
"""
)

V2 = (
    V1.replace(
        "answer: The brain, spinal cord and optic nerves.", "answer: Brain, spinal cord, optic nerves."
    )
    .replace("tags: [epidemiology]", "tags: [epidemiology, numbers]")
    .replace(
        """  - id: lesions-common
    question: In which disease are spinal cord lesions common?
    answer: MS.
    evidence: {doc: "Spinal cord lesions are common in MS."}
""",
        """  - id: mri-pictures
    question: What kind of pictures does MRI produce?
    answer: Detailed pictures.
    evidence: {doc: "to produce detailed pictures"}
""",
    )
)


def _notes(col: Any) -> dict[str, Any]:
    return {col.get_note(nid)["Id"]: col.get_note(nid) for nid in col.find_notes("")}


def _cards_state(col: Any) -> list[tuple[Any, ...]]:
    return col.db.all("select id, nid, type, queue, due, ivl, factor, reps, lapses from cards order by id")


def test_edit_rebuild_reimport_keeps_history(tmp_path: Path, write_cards: Any, anki_collection: Any) -> None:
    col = anki_collection
    cards = write_cards(V1)
    out = tmp_path / "decks"

    # 1. build v1 and import it with default options
    first = build(cards, out, now=T1)
    assert first.deck is not None
    assert sorted(first.deck.changes.added) == ["cns-parts", "lesions-common", "lesions-share", "mri-waves"]
    import_apkg(col, first.deck.apkg)
    before = _notes(col)
    assert len(before) == 4

    # 2. review two cards through the scheduler
    col.decks.select(col.decks.id_for_name("Test Deck"))
    reviewed = []
    for _ in range(2):
        card = col.sched.getCard()
        col.sched.answerCard(card, 3)
        reviewed.append(card.id)
    history = col.db.all("select id, cid, ease, ivl from revlog order by id")
    assert len(history) == 2
    state_before = {row[0]: row for row in _cards_state(col)}

    # 3. edit: one answer changed, one card added, one removed, one card's tags changed
    write_cards(V2)
    second = build(cards, out, now=T2)
    assert second.deck.changes.changed == ["lesions-share", "cns-parts"]
    assert second.deck.changes.added == ["mri-pictures"]
    assert second.deck.changes.removed == ["lesions-common"]
    assert second.deck.changes.unchanged == ["mri-waves"]
    assert second.deck is not None and second.deck.retired is not None
    import_apkg(col, second.deck.apkg)
    import_apkg(col, second.deck.retired)
    after = _notes(col)

    # 4. the edit and the tag change are applied, ids kept, history kept
    assert after["cns-parts"]["Answer"] == "Brain, spinal cord, optic nerves."
    assert "numbers" in after["lesions-share"].tags
    for card_id in ("lesions-share", "cns-parts", "mri-waves", "lesions-common"):
        assert after[card_id].id == before[card_id].id
        assert after[card_id].guid == guid(1234567890, card_id)
    assert col.db.all("select id, cid, ease, ivl from revlog order by id") == history
    state_after = {row[0]: row for row in _cards_state(col)}
    for card_id in reviewed:
        assert state_after[card_id] == state_before[card_id]
    assert after["mri-pictures"].cards()[0].type == 0  # new
    assert "deckgen::removed" in after["lesions-common"].tags
    guids = col.db.list("select guid from notes")
    assert len(guids) == len(set(guids)) == 5
    names = [nt.name for nt in col.models.all_names_and_ids()]
    assert notetype.BASE_NAME in names
    assert not any(name.startswith(notetype.BASE_NAME + "+") for name in names)

    # 5. rebuild without changes: byte-identical, and importing changes nothing
    data = second.deck.apkg.read_bytes(), second.deck.retired.read_bytes()
    mods = col.db.all("select id, mod from notes order by id")
    third = build(cards, out, now=T3)
    assert not third.written
    assert (second.deck.apkg.read_bytes(), second.deck.retired.read_bytes()) == data
    for package in (second.deck.apkg, second.deck.retired):
        log = import_apkg(col, package).log
        assert len(log.new) == len(log.updated) == 0
    assert col.db.all("select id, mod from notes order by id") == mods


def test_css_change_updates_note_type_in_place(
    tmp_path: Path, write_cards: Any, anki_collection: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    col = anki_collection
    cards = write_cards(V1)
    out = tmp_path / "decks"
    first = build(cards, out, now=T1)
    assert first.deck is not None
    import_apkg(col, first.deck.apkg)
    mods = col.db.all("select id, mod from notes order by id")
    ids = {nt.name: nt.id for nt in col.models.all_names_and_ids()}

    monkeypatch.setattr(notetype, "CSS", notetype.CSS + "\n.dg-answer { letter-spacing: 0.01em; }\n")
    second = build(cards, out, now=T4)
    assert second.deck.changes.notetype_changed
    assert second.deck.changes.unchanged == ["lesions-share", "cns-parts", "mri-waves", "lesions-common"]
    assert second.deck is not None
    import_apkg(col, second.deck.apkg)

    assert {nt.name: nt.id for nt in col.models.all_names_and_ids()} == ids
    model = col.models.by_name(notetype.BASE_NAME)
    assert model is not None
    assert "letter-spacing: 0.01em" in model["css"]
    assert col.db.all("select id, mod from notes order by id") == mods


def test_same_second_edit_is_still_newer(tmp_path: Path, write_cards: Any, anki_collection: Any) -> None:
    """Two builds with the same clock: the edited note still gets a newer mod time."""
    col = anki_collection
    cards = write_cards(V1)
    out = tmp_path / "decks"
    first = build(cards, out, now=T1)
    assert first.deck is not None
    import_apkg(col, first.deck.apkg)
    write_cards(V1.replace("answer: MS.", "answer: Multiple sclerosis."))
    second = build(cards, out, now=T1)
    assert second.deck is not None
    import_apkg(col, second.deck.apkg)
    assert _notes(col)["lesions-common"]["Answer"] == "Multiple sclerosis."
