"""Deck ids: a floor that small, copied ids cannot pass, and a range E101 names."""

from __future__ import annotations

import pytest

from generator import deckid
from tests.checking import CARD, HEADER, check, messages

GOOD = HEADER + CARD


def test_anki_default_deck_id_is_refused_with_a_fresh_id_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deckid, "fresh", lambda: 4829104829123)
    assert messages(GOOD.replace("id: 1234567890", "id: 1")) == [
        "E107 3:7 deck id 1 is below 1,000,000,000: small ids are easily shared by another deck "
        "(1 is Anki's own Default deck), and two decks with one id overwrite each other's notes in Anki; "
        "use a fresh random id, for example id: 4829104829123"
    ]


@pytest.mark.parametrize("small", ["0", "-5", "42", "999_999_999"])
def test_every_id_below_the_floor_is_refused(small: str) -> None:
    assert check(GOOD.replace("id: 1234567890", f"id: {small}")) == [("E107", 3, 7)]


@pytest.mark.parametrize("fine", ["1_000_000_000", "2103260501", "4829104829123", str(2**53)])
def test_ids_from_the_floor_to_the_ceiling_pass(fine: str) -> None:
    assert check(GOOD.replace("id: 1234567890", f"id: {fine}")) == []


def test_a_twenty_digit_id_is_too_large_and_the_message_names_the_range() -> None:
    assert messages(GOOD.replace("id: 1234567890", "id: 12345678901234567890")) == [
        "E101 3:7 deck id must be a whole number from 1,000,000,000 to 9,007,199,254,740,992, "
        "not '12345678901234567890'"
    ]


def test_a_huge_id_is_echoed_cut_short_not_as_a_megabyte_line() -> None:
    huge = "1" + "0" * 1_000_000
    assert messages(GOOD.replace("id: 1234567890", f"id: {huge}")) == [
        "E101 3:7 deck id must be a whole number from 1,000,000,000 to 9,007,199,254,740,992, "
        "not '10000000000000000000000000000000000000… (1,000,001 characters)"
    ]


def test_fresh_ids_are_random_13_digit_numbers_that_pass_the_check() -> None:
    ids = [deckid.fresh() for _ in range(200)]
    assert all(len(str(i)) == 13 for i in ids)
    assert len(set(ids)) == len(ids)
    assert check(GOOD.replace("id: 1234567890", f"id: {ids[0]}")) == []


def test_subdeck_ids_are_stable_distinct_and_in_their_range() -> None:
    first = deckid.subdeck_id(2103260501, "Imaging")
    assert first == deckid.subdeck_id(2103260501, "Imaging")
    others = {deckid.subdeck_id(2103260501, "Imaging::MRI"), deckid.subdeck_id(2103260502, "Imaging")}
    assert first not in others and len(others) == 2
    assert all(2**48 <= i < 2**49 for i in [first, *others])
