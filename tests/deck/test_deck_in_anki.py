"""A new learner gets exactly the MS deck: a fresh import of the committed package, with Anki's default
options, holds the notes and cards of ``cards.yaml`` and nothing else, and the README says how many.

The counts come from ``cards.yaml`` itself, counted as Anki counts cards: a basic or type-in card is
one, a reversed card two (one each way), a cloze card one per deletion number.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from generator.check import check
from generator.model import Card, CardKind
from generator.text.cloze import numbers
from tests.conftest import ROOT, import_apkg

DECK = ROOT / "decks" / "ms-and-spinal-cord-lesions.apkg"
DECK_NAME = "MS and Spinal Cord Lesions"
NOTE_TYPES = {
    CardKind.BASIC: "deckgen Q&A",
    CardKind.REVERSED: "deckgen Reversed",
    CardKind.TYPE_IN: "deckgen Type-in",
    CardKind.CLOZE: "deckgen Cloze",
}


def _anki_cards(card: Card) -> int:
    """How many cards Anki makes of ``card``."""
    if card.kind == CardKind.CLOZE:
        return len(set(numbers(card.text)))
    return 2 if card.kind == CardKind.REVERSED else 1


def _cards() -> list[Card]:
    cards_file, diagnostics = check(ROOT / "cards.yaml")
    assert cards_file is not None and diagnostics == []
    return list(cards_file.cards)


@pytest.mark.anki
def test_a_fresh_import_is_exactly_the_cards_file(anki_collection: Any) -> None:
    col = anki_collection
    cards = _cards()
    log = import_apkg(col, DECK).log
    notes = {note["Id"]: note for note in (col.get_note(nid) for nid in col.find_notes(""))}
    assert len(log.new) == len(notes) == len(cards)
    assert set(notes) == {card.id for card in cards}
    for card in cards:
        note = notes[card.id]
        assert note.note_type()["name"] == NOTE_TYPES[card.kind], card.id
        assert len(note.cards()) == _anki_cards(card), card.id
    assert col.card_count() == sum(_anki_cards(card) for card in cards)
    assert not col.find_notes("tag:deckgen::removed")
    assert len(col.find_cards(f'"deck:{DECK_NAME}"')) == col.card_count()  # its subdecks included
    assert all(col.decks.name(col.get_card(cid).did).startswith(DECK_NAME) for cid in col.find_cards(""))


def test_the_readme_states_how_many_cards_the_deck_makes() -> None:
    """The README's "N cards make M in Anki": N cards in cards.yaml, M cards in Anki."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"Its (\d+) cards make (\d+) in Anki", readme)
    assert len(found) == 1, found
    cards = _cards()
    assert (int(found[0][0]), int(found[0][1])) == (len(cards), sum(_anki_cards(card) for card in cards))
