"""Compiling notes: a helper process compiles half of a large deck's notes, and they come out the same."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import genanki
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.check import check
from generator.check import parallel as helper
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
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(helper.JOBS_VARIABLE, "1")
        return notes.compile_notes(deck)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each helper asked for was forked (a helper is always available)."""
    forked: list[bool] = []
    start = helper.start

    def counting(work: Callable[[], Any], *, worth_it: bool = True) -> helper.Pending[Any]:
        pending = start(work, worth_it=worth_it)
        forked.append(pending.forked)
        return pending

    monkeypatch.setattr(helper, "available", lambda: True)
    monkeypatch.setattr(helper, "start", counting)
    return forked


def test_a_large_deck_is_compiled_half_here_half_in_a_helper(
    monkeypatch: pytest.MonkeyPatch, deck: CardsFile, expected: list[notes.NoteData], forks: list[bool]
) -> None:
    monkeypatch.setattr(notes, "PARALLEL_NOTES", 2)
    made = notes.compile_notes(deck)
    assert forks == [True]
    assert made == expected
    assert [n.content_hash() for n in made] == [n.content_hash() for n in expected]
    assert all(n.digest == notes.content_hash(n.fields, n.tags, n.deck) for n in made)


def test_a_small_deck_is_compiled_here(deck: CardsFile, forks: list[bool]) -> None:
    assert len(deck.cards) < notes.PARALLEL_NOTES
    notes.compile_notes(deck)
    assert forks == [False]


def test_a_helper_that_dies_leaves_the_notes_as_they_would_be(
    monkeypatch: pytest.MonkeyPatch, deck: CardsFile, expected: list[notes.NoteData], forks: list[bool]
) -> None:
    here, real = os.getpid(), notes.note_fields

    def dying(*args: Any, **kwargs: Any) -> tuple[str, ...]:
        if os.getpid() != here:
            os._exit(3)
        return real(*args, **kwargs)

    monkeypatch.setattr(notes, "PARALLEL_NOTES", 2)
    monkeypatch.setattr(notes, "note_fields", dying)
    assert notes.compile_notes(deck) == expected
    assert forks == [True]


def test_a_note_without_its_hash_works_it_out() -> None:
    note = notes.NoteData("x", "g", ("Q", "A"), ("t",), deck="Part")
    assert note.content_hash() == notes.content_hash(("Q", "A"), ("t",), "Part")
    assert note.content_hash() != notes.content_hash(("Q", "A"), ("t",))


@given(st.integers(min_value=1, max_value=2**63 - 1), st.text(min_size=1, max_size=40))
def test_guid_is_ankis_own_scheme(deck_id: int, key: str) -> None:
    assert notes.guid(deck_id, key) == genanki.guid_for(deck_id, key)
