"""A new learner gets exactly the statistics deck: a fresh import of the committed package into a real
Anki collection, with Anki's default options, holds one note per card of ``cards.yaml``, each field
exactly what the compiler writes for it, and the maths, code and tables as the cards wrote them."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from generator.check import check
from generator.compile.notes import guid, note_fields, note_key
from generator.model import Card, CardKind, CardsFile
from generator.text.cloze import numbers
from tests.examples.conftest import STATISTICS

pytestmark = pytest.mark.anki

DECK = STATISTICS.parent / "decks" / "python-statistics-module.apkg"
NOTE_TYPES = {
    CardKind.BASIC: "deckgen Q&A",
    CardKind.REVERSED: "deckgen Reversed",
    CardKind.TYPE_IN: "deckgen Type-in",
    CardKind.CLOZE: "deckgen Cloze",
}


def _cards_file() -> CardsFile:
    cards_file, diagnostics = check(STATISTICS)
    assert cards_file is not None and diagnostics == []
    return cards_file


def _anki_cards(card: Card) -> int:
    if card.kind == CardKind.CLOZE:
        return len(set(numbers(card.text)))
    return 2 if card.kind == CardKind.REVERSED else 1


def anki_cards() -> int:
    """How many cards Anki makes of the deck."""
    return sum(_anki_cards(card) for card in _cards_file().cards)


def _imported(col: Any) -> dict[str, Any]:
    from tests.conftest import import_apkg

    log = import_apkg(col, DECK).log
    notes = {note["Id"]: note for note in (col.get_note(nid) for nid in col.find_notes(""))}
    assert len(log.new) == len(notes)
    return notes


def test_a_fresh_import_holds_every_card_with_its_fields(anki_collection: Any) -> None:
    cards_file = _cards_file()
    deck, cards = cards_file.deck, list(cards_file.cards)
    notes = _imported(anki_collection)
    assert set(notes) == {card.id for card in cards}
    for card in cards:
        note = notes[card.id]
        assert note.note_type()["name"] == NOTE_TYPES[card.kind], card.id
        key = card.id if card.kind == CardKind.BASIC else note_key(card.id, card.kind)
        assert note.guid == guid(deck.id, key), card.id
        assert tuple(note.fields) == note_fields(card, cards_file.sources), card.id
        assert len(note.cards()) == _anki_cards(card), card.id
    assert anki_collection.card_count() == anki_cards()
    assert len(anki_collection.find_cards(f'"deck:{deck.name}"')) == anki_collection.card_count()


def _maths(text: str) -> list[str]:
    return re.findall(r"\\\(.+?\\\)|\\\[.+?\\\]", text, re.DOTALL)


def test_the_maths_reaches_anki_as_written(anki_collection: Any) -> None:
    """Every ``\\( … \\)`` and ``\\[ … \\]`` of a card is in its note as typed (HTML-escaped at most),
    for Anki's MathJax to set: no backslash, underscore or brace lost to Markdown."""
    notes = _imported(anki_collection)
    checked = 0
    for card in _cards_file().cards:
        fields = html.unescape(" ".join(notes[card.id].fields))
        for text in (card.question, card.answer, card.text, card.extra):
            for maths in _maths(text or ""):
                assert maths in fields, (card.id, maths)
                checked += 1
    assert checked >= 15


def test_the_code_and_tables_reach_anki_as_html(anki_collection: Any) -> None:
    """Fenced blocks are code blocks, inline marks are code, pipe tables are tables: no mark is left
    showing as typed."""
    notes = _imported(anki_collection)
    for card in _cards_file().cards:
        fields = " ".join(notes[card.id].fields[:-2])  # not the Sources and Id fields
        texts = " ".join(t for t in (card.question, card.answer, card.text, card.extra) if t)
        assert "```" not in fields, card.id
        assert fields.count("<pre") == texts.count("```python\n"), card.id
        assert ("<table" in fields) == ("|---|" in texts), card.id
        assert "|---|" not in fields, card.id
        if re.search(r"`[^`\n]+`", texts):
            assert "<code" in fields, card.id
