"""The library as a program embedding it sees it: its API, and the process left as it was found."""

from __future__ import annotations

import dataclasses
import gc
from pathlib import Path
from typing import Any

import pytest

import generator
from generator.check.structure import validate
from generator.compile import build_decks
from generator.load.loader import load_text
from tests.conftest import ONE, TWO


def test_the_api_is_in_the_package(write_cards: Any) -> None:
    assert generator.__all__ == [
        "BuildError",
        "BuildResult",
        "Diagnostic",
        "Options",
        "Severity",
        "build",
        "check",
        "coverage",
    ]
    cards_file, found = generator.check(write_cards(ONE))
    assert cards_file is not None and [d.code for d in found] == ["W405"]  # the fixture's one warning
    report = generator.coverage(cards_file)
    assert not isinstance(report, str)
    assert [sc.source.key for sc in report] == list(cards_file.sources)


def test_build_makes_one_deck_with_the_options_it_is_given(tmp_path: Path, write_cards: Any) -> None:
    path = write_cards(TWO)  # one warning: W405
    out = tmp_path / "out"
    stopped = generator.build(path, out, generator.Options(strict=True), now=1_800_000_000)
    assert [d.code for d in stopped.diagnostics] == ["W405"]
    assert stopped.deck is None and not stopped.ok and not stopped.written and not out.exists()
    result = generator.build(path, out, now=1_800_000_000)
    assert result.deck is not None and result.written
    assert result.deck.apkg == out / "test-deck.apkg" and result.deck.apkg.exists()
    assert result.deck.changes.added == ["cns-parts", "mri-waves"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.written = False  # type: ignore[misc]
    (again,) = build_decks([path], out, write=False, now=1_800_000_600)
    assert again.deck is not None and again.deck.up_to_date and not again.written


def test_checking_leaves_the_callers_frozen_objects_frozen(write_cards: Any) -> None:
    path = write_cards(TWO)
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        generator.check(path)
        assert gc.get_freeze_count() == frozen
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_after_checking_nothing_stays_frozen(write_cards: Any) -> None:
    path = write_cards(TWO)
    gc.collect()
    assert gc.get_freeze_count() == 0
    generator.check(path)
    assert gc.get_freeze_count() == 0  # frozen and thawed again: nothing stays frozen
    assert gc.isenabled()


def test_a_paused_collector_stays_paused(write_cards: Any) -> None:
    gc.disable()
    try:
        generator.check(write_cards(TWO))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_validate_does_not_change_the_document_it_is_given(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("text", encoding="utf-8")
    doc = load_text("cards.yaml", TWO.encode())
    root, diagnostics = doc.root, list(doc.diagnostics)
    assert root is not None
    structure, _ = validate(doc, tmp_path)
    assert structure is not None and len(structure.cards) == 2
    assert doc.root is root and doc.diagnostics == diagnostics
