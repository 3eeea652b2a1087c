"""Compiling notes: a helper process compiles half of a large deck's notes, and they come out the same."""

from __future__ import annotations

import os

import genanki
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.check import check
from generator.compile import notes
from generator.model import CardsFile
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")


@pytest.fixture(scope="module")
def deck() -> CardsFile:
    cards_file, _ = check(ROOT / "cards.yaml")
    assert cards_file is not None and len(cards_file.cards) > 10
    return cards_file


@pytest.fixture(scope="module")
def expected(deck: CardsFile) -> list[notes.NoteData]:
    """The notes compiled in this process alone."""
    return notes.compile_notes(deck, jobs=1)


@pytest.mark.parametrize("helper_from", [2, notes.PARALLEL_NOTES])
def test_the_notes_are_the_same_with_a_helper_or_without(
    deck: CardsFile, expected: list[notes.NoteData], helper_from: int
) -> None:
    """From ``helper_from`` cards on, a helper compiles the second half (the repository's deck has
    fewer cards than :data:`notes.PARALLEL_NOTES`: compiled alone)."""
    made = notes.compile_notes(deck, helper_from=helper_from, jobs=2)
    assert made == expected
    assert [n.content_hash() for n in made] == [n.content_hash() for n in expected]
    assert all(n.digest == notes.content_hash(n.fields, n.tags, n.deck) for n in made)


@pytest.mark.parametrize("size", [1, 2, 7])
def test_small_and_odd_decks_split_without_losing_a_note(
    deck: CardsFile, expected: list[notes.NoteData], size: int
) -> None:
    part = CardsFile(deck.path, deck.deck, deck.sources, deck.cards[:size], deck.media)
    assert notes.compile_notes(part, helper_from=1, jobs=2) == expected[:size]


def test_a_note_without_its_hash_works_it_out() -> None:
    note = notes.NoteData("x", "g", ("Q", "A"), ("t",), deck="Part")
    assert note.content_hash() == notes.content_hash(("Q", "A"), ("t",), "Part")
    assert note.content_hash() != notes.content_hash(("Q", "A"), ("t",))


@given(st.integers(min_value=1, max_value=2**63 - 1), st.text(min_size=1, max_size=40))
def test_guid_is_ankis_own_scheme(deck_id: int, key: str) -> None:
    assert notes.guid(deck_id, key) == genanki.guid_for(deck_id, key)
