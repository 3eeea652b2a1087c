"""A card whose id changed looks, to Anki, like a new card and a removed one: the build says so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.compile import build
from generator.compile.renames import PAIRS, Renamed, renamed
from tests.conftest import CNS, HEADER, MRI

T1, T2 = 1_700_000_000, 1_700_000_600

V1 = HEADER + "cards:\n" + CNS + MRI


def _warnings(tmp_path: Path, write_cards: Callable[..., Path], v2: str) -> tuple[str, ...]:
    cards, out = write_cards(V1), tmp_path / "decks"
    build(cards, out, now=T1)
    write_cards(v2)
    result = build(cards, out, now=T2)
    assert result.deck is not None
    return result.warnings


def test_a_renamed_card_is_warned_about_with_what_it_costs(
    tmp_path: Path, write_cards: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _warnings(tmp_path, write_cards, V1.replace("id: mri-waves", "id: mri-makes-pictures")) == (
        "card 'mri-makes-pictures' looks like card 'mri-waves' renamed (the same text): a new id is a new "
        "note in Anki, so learners who have 'mri-waves' get 'mri-makes-pictures' as a new card and lose its "
        "review history, and the old note is retired. To keep the history, write was: mri-waves on the card.",
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T2 + 600))
    write_cards(V1.replace("id: cns-parts", "id: cns-made-of"))  # and in the command's output
    shown = CliRunner().invoke(main, ["build", str(tmp_path / "cards.yaml"), "-o", str(tmp_path / "decks")])
    assert shown.exit_code == 0  # a warning, not an error: a new card may well replace an old one
    assert "deckgen: warning: card 'cns-made-of' looks like card 'cns-parts' renamed (the same text)" in (
        shown.output
    )


def test_a_renamed_card_with_a_small_edit_is_warned_about_too(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    edited = V1.replace("id: mri-waves", "id: mri-pictures").replace(
        "Strong magnetic", "Strong magnetic fields"
    )
    (warning,) = _warnings(tmp_path, write_cards, edited)
    assert warning.startswith(
        "card 'mri-pictures' looks like card 'mri-waves' renamed (nearly the same text)"
    )


def test_a_new_card_in_place_of_another_is_not_a_rename(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    other = V1.replace("id: mri-waves", "id: mri-noise").replace(
        "question: What does MRI use to make its pictures?\n    answer: Strong magnetic and radio waves.",
        "question: Which sense does an MRI scan trouble most?\n    answer: Hearing, it is loud.",
    )
    assert _warnings(tmp_path, write_cards, other) == ()


def test_pairs_are_of_one_kind_and_each_card_is_paired_once() -> None:
    fields = ("What does MRI use?", "Waves.", "", "", "x")
    removed = [
        ("a", "basic", fields),
        ("b", "basic", fields),
        ("c", "cloze", ("What does MRI use?", "", "", "c")),
    ]
    added = [("a2", "basic", fields), ("c2", "reversed", fields), ("b2", "basic", (*fields[:-1], "y"))]
    assert renamed(removed, added) == [Renamed("a", "a2", same=True), Renamed("b", "b2", same=True)]


def test_past_the_limit_only_the_same_text_is_looked_for() -> None:
    many = [
        (f"n{i}", "basic", (f"Question {i} about MRI waves?", "Waves.", "x")) for i in range(PAIRS // 2 + 1)
    ]
    removed = [
        ("same", "basic", ("Question 7 about MRI waves?", "Waves.", "y")),
        ("near", "basic", ("Question 8 about MRI waves", "Waves!", "z")),
        ("near-words", "basic", ("Question 9 about the MRI waves?", "Waves.", "w")),
    ]
    assert renamed(removed, many) == [Renamed("same", "n7", same=True), Renamed("near", "n8", same=True)]
    assert renamed(removed[2:], many[:10]) == [Renamed("near-words", "n9", same=False)]
