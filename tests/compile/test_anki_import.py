"""A deck of every card kind (the phone tests' sample), imported into a real Anki collection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.compile import build
from generator.compile.notes import guid, note_key
from generator.text import cloze
from tests.conftest import import_apkg
from tests.phone.render import SAMPLE

pytestmark = pytest.mark.anki


NOTETYPES = {
    "basic": "deckgen Q&A",
    "reversed": "deckgen Reversed",
    "type-in": "deckgen Type-in",
    "cloze": "deckgen Cloze",
}


def test_a_deck_of_every_kind_imports_one_note_per_card(tmp_path: Path, anki_collection: Any) -> None:
    result = build(SAMPLE, tmp_path, now=1_800_000_000)
    assert result.deck is not None
    cards = {card.id: card for card in result.deck.cards_file.cards}
    deck = result.deck.cards_file.deck
    assert {card.kind for card in cards.values()} == set(NOTETYPES)

    log = import_apkg(anki_collection, result.deck.apkg).log
    assert len(log.new) == len(cards)

    col = anki_collection
    assert deck.name in [d.name for d in col.decks.all_names_and_ids()]
    note_ids = col.find_notes(f'"deck:{deck.name}"')
    assert len(note_ids) == len(cards)
    for nid in note_ids:
        note = col.get_note(nid)
        card = cards[note["Id"]]
        assert note.guid == guid(deck.id, note_key(card.id, card.kind))
        assert note.note_type()["name"] == NOTETYPES[card.kind]
        assert all(f"source::{key}" in note.tags for key in card.source_keys())
        assert set(card.tags) <= set(note.tags)
        assert set(deck.tags) <= set(note.tags)
        # One card, two for a reversed card, one per deletion number for a cloze card.
        expected = len(cloze.numbers(card.text)) if card.kind == "cloze" else 1 + (card.kind == "reversed")
        assert len(note.cards()) == expected, card.id
        assert note.fields[0]
        rendered = note.cards()[0].answer()
        assert ("dg-cloze" if card.kind == "cloze" else "dg-answer") in rendered
