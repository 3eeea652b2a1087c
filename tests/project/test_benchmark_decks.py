"""The benchmark's synthetic decks are what it claims: valid, grounded, with short and long quotes."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.check import check
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import synth


def test_a_synthetic_deck_checks_clean_with_a_mix_of_quote_lengths(tmp_path: Path) -> None:
    model, diagnostics = check(synth.generate(2_000, tmp_path))
    assert diagnostics == []
    assert model is not None and len(model.cards) == 2_000
    quotes = [e.quote for card in model.cards for e in card.evidence]
    short = [q for q in quotes if len(q.split()) <= 4]
    assert 0.05 < len(short) / len(quotes) < 0.15
    assert len(model.sources) == 6
    pictures = [ref for card in model.cards for ref in card.media]
    assert len(pictures) >= 10 and {ref.kind for ref in pictures} == {"image"}
    assert {m.ext for m in model.media.values()} == {"png", "svg"}


def test_a_synthetic_deck_has_cloze_and_reversed_cards(tmp_path: Path) -> None:
    model, _ = check(synth.generate(2_000, tmp_path))
    assert model is not None
    kinds = [card.kind for card in model.cards]
    assert 0.04 < kinds.count("cloze") / len(kinds) < 0.08
    assert 0.04 < kinds.count("reversed") / len(kinds) < 0.08


def test_a_synthetic_deck_has_maths_and_code_to_measure(tmp_path: Path) -> None:
    model, _ = check(synth.generate(2_000, tmp_path))
    assert model is not None
    questions = [card.question for card in model.cards]
    assert sum("\\(" in q for q in questions) >= 2_000 // synth.MATHS_EVERY // 2
    assert sum("`" in q for q in questions) >= 2_000 // synth.CODE_EVERY // 2
    assert sum("```python" in card.extra for card in model.cards) >= 2_000 // synth.BLOCK_EVERY // 2
