"""The retired-cards package in the real Anki engine: what it does to a learner who has the removed
cards, and to a collection that never had the deck.

What these tests found in the engine (default import options): importing a
package updates the notes a collection has (by GUID, when the incoming mod
time is newer) and leaves their cards in the deck they are in, with their
scheduling; only the cards of notes new to the collection go into the
package's deck. A package's deck the collection lacks is created even when no
card lands in it. So the retired-cards package moves none of a learner's
cards, and in a collection that never had the deck, every note it brings is
in its one deck, "<deck> (retired cards: delete this deck)", which deleting
undoes the import.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.compile import build
from generator.compile.retired import deck_name
from tests.conftest import HEADER, import_apkg

pytestmark = pytest.mark.anki

T1, T2, T3 = 1_800_000_000, 1_800_000_600, 1_800_086_400
DECK = "Test Deck"
RETIRED_DECK = "Test Deck (retired cards: delete this deck)"

V1 = (
    HEADER
    + """\
cards:
  - id: cns-parts
    question: Which parts make up the CNS?
    answer: The brain, spinal cord and optic nerves.
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
  - id: mri-waves
    question: What does MRI use to make its pictures?
    answer: Strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
  - deck: Imaging
    cards:
      - id: mri
        kind: reversed
        question: MRI
        answer: A scan that uses strong magnetic and radio waves.
        evidence: {doc: "MRI uses strong magnetic and radio waves"}
  - id: lesions-common
    kind: cloze
    text: Spinal cord lesions are common in {{c1::MS}}.
    evidence: {doc: "Spinal cord lesions are common in MS."}
"""
)
V2 = V1 + (
    """\
  - id: lesion-share
    kind: type-in
    question: In about what share of people are the lesions found?
    answer: 80 percent
    evidence: {doc: "They’re found in about 80 percent of people."}
"""
)
"""One card added."""
V3 = (
    V2.replace(
        """  - id: mri-waves
    question: What does MRI use to make its pictures?
    answer: Strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
""",
        "",
    )
    .replace(
        """  - deck: Imaging
    cards:
      - id: mri
        kind: reversed
        question: MRI
        answer: A scan that uses strong magnetic and radio waves.
        evidence: {doc: "MRI uses strong magnetic and radio waves"}
""",
        "",
    )
    .split("  - id: lesion-share\n")[0]
)
"""A basic card, a reversed card in a subdeck and the card V2 added are removed."""
REMOVED = {"mri-waves", "mri", "lesion-share"}
KEPT = {"cns-parts", "lesions-common"}


def _deck_of_cards(col: Any) -> dict[str, list[str]]:
    """Each note's card id (its Id field) → the decks of its cards, by name."""
    found: dict[str, list[str]] = {}
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        found.setdefault(card.note()["Id"], []).append(col.decks.name(card.did))
    return {card_id: sorted(names) for card_id, names in found.items()}


SCHEDULE = "select id, nid, did, type, queue, due, ivl, factor, reps, lapses from cards order by id"


def _versions(tmp_path: Path, write_cards: Any) -> tuple[Any, Any, Any]:
    """The deck built from V1, V2 and V3, a day apart."""
    cards, out = write_cards(V1), tmp_path / "decks"
    built = []
    for text, at in ((V1, T1), (V2, T2), (V3, T3)):
        write_cards(text)
        result = build(cards, out, now=at)
        assert result.deck is not None
        built.append((result.deck.apkg.read_bytes(), result.deck))
        (tmp_path / f"v{len(built)}.apkg").write_bytes(built[-1][0])
    return tmp_path / "v1.apkg", built[-1][1].apkg, built[-1][1].retired


def test_the_deck_alone_holds_exactly_its_cards(
    tmp_path: Path, write_cards: Any, anki_collection: Any
) -> None:
    _, deck, retired = _versions(tmp_path, write_cards)
    assert retired is not None and retired.name == "test-deck.retired.apkg"
    import_apkg(anki_collection, deck)
    assert _deck_of_cards(anki_collection) == {
        "cns-parts": [DECK],
        "lesions-common": [DECK],
    }
    assert not anki_collection.find_notes("tag:deckgen::removed")


def test_a_learner_who_has_the_removed_cards_gets_them_retired_where_they_are(
    tmp_path: Path, write_cards: Any, anki_collection: Any
) -> None:
    col = anki_collection
    first, deck, retired = _versions(tmp_path, write_cards)
    import_apkg(col, first)
    for card_id in ("mri-waves", "mri", "cns-parts"):  # reviewed: the first card of each
        card = col.get_card(col.find_cards(f"Id:{card_id}")[0])
        card.start_timer()
        col.sched.answerCard(card, 3)
    before = _deck_of_cards(col)
    assert before["mri"] == [f"{DECK}::Imaging", f"{DECK}::Imaging"]

    import_apkg(col, deck)
    current = _rows(col, KEPT)
    schedule = col.db.all(SCHEDULE)
    types = dict(col.db.all("select id, mtime_secs from notetypes"))
    log = import_apkg(col, retired).log

    # what the learner had is updated in place: same note, tagged, a banner on each card's front
    assert sorted(col.get_note(e.id.nid)["Id"] for e in log.updated) == ["mri", "mri-waves"]
    # the card V2 added, which this learner never had, is new: it lands in the retired deck
    assert [col.get_note(e.id.nid)["Id"] for e in log.new] == ["lesion-share"]
    after = _deck_of_cards(col)
    assert {card_id: after[card_id] for card_id in before} == before  # no card moved
    assert after["lesion-share"] == [RETIRED_DECK]
    assert col.db.all(SCHEDULE)[: len(schedule)] == schedule  # scheduling kept, reviews too
    # the current cards and the note types are exactly as the deck left them (the type-in card's note
    # type is new to this learner: it comes with lesion-share)
    assert _rows(col, KEPT) == current
    now = dict(col.db.all("select id, mtime_secs from notetypes"))
    assert {nt: now[nt] for nt in types} == types
    assert [col.models.get(nt)["name"] for nt in set(now) - set(types)] == ["deckgen Type-in"]
    for card_id in REMOVED:
        note = col.get_note(col.find_notes(f"Id:{card_id}")[0])
        assert "deckgen::removed" in note.tags
        for card in note.cards():
            assert "Removed from this deck on 2027-01-16 \u2014 delete it" in card.question(), card_id

    # the learner does as told: deletes what tag:deckgen::removed finds, then the empty retired deck
    col.remove_notes(col.find_notes("tag:deckgen::removed"))
    assert not col.find_cards(f'"deck:{RETIRED_DECK}"')
    col.decks.remove([col.decks.id_for_name(RETIRED_DECK)])
    assert _deck_of_cards(col) == {card_id: before[card_id] for card_id in KEPT}
    assert len(col.db.all("select id from revlog")) == 3


def _rows(col: Any, card_ids: set[str]) -> list[Any]:
    """The notes of ``card_ids`` as the collection holds them: id, mod time, fields, tags."""
    ids = [nid for card_id in sorted(card_ids) for nid in col.find_notes(f"Id:{card_id}")]
    return [col.db.first("select id, mod, flds, tags from notes where id = ?", nid) for nid in ids]


def test_importing_it_without_the_deck_is_undone_by_deleting_one_deck(
    tmp_path: Path, write_cards: Any, anki_collection: Any
) -> None:
    """A collection that never had the deck: every note lands in the retired deck, named so."""
    col = anki_collection
    _, _, retired = _versions(tmp_path, write_cards)
    import_apkg(col, retired)
    assert _deck_of_cards(col) == {
        "mri-waves": [RETIRED_DECK],
        "mri": [RETIRED_DECK, RETIRED_DECK],
        "lesion-share": [RETIRED_DECK],
    }
    retired_deck = col.decks.by_name(deck_name(DECK))
    assert retired_deck is not None
    assert "If you never had the deck, this deck holds nothing else: delete it." in retired_deck["desc"]
    col.decks.remove([retired_deck["id"]])
    assert col.note_count() == col.card_count() == 0
