"""Maths, code, tables and a deck's own style in the real Anki engine: imported intact."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.check import check
from generator.compile import build
from generator.compile.notes import compile_notes
from generator.compile.notetypes import MARKS_CSS, STYLE_HEADER
from tests.conftest import import_apkg
from tests.phone.test_marks_phone import MARKS

pytestmark = pytest.mark.anki


def _notes(col: Any) -> dict[str, tuple[list[str], str]]:
    found = {}
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        found[note["Id"]] = (list(note.fields), note.note_type()["css"])
    return found


@pytest.mark.parametrize("styled", [False, True])
def test_anki_imports_the_notes_with_maths_code_and_tables_intact(
    anki_collection: Any, tmp_path: Path, styled: bool
) -> None:
    cards = MARKS
    if styled:
        shutil.copytree(MARKS.parent, tmp_path / "marks")
        cards = tmp_path / "marks" / "cards.yaml"
        cards.write_text(
            cards.read_text().replace("  id: 1700000000777\n", "  id: 1700000000777\n  style: deck.css\n", 1)
        )
    result = build(cards, tmp_path / "out", now=1_800_000_000)
    assert result.deck is not None, [str(d) for d in result.diagnostics]
    import_apkg(anki_collection, result.deck.apkg)
    cards_file, _ = check(cards)
    assert cards_file is not None
    expected = {note.card_id: list(note.fields) for note in compile_notes(cards_file)}
    imported = _notes(anki_collection)
    assert {card_id: fields for card_id, (fields, _) in imported.items()} == expected
    fields = " ".join(" ".join(f) for f in expected.values())
    for mark in (
        "\\(E = mc^2\\)",
        "\\(\\ce{2H2 + O2 -&gt; 2H2O}\\)",
        "\\[\\sum_{k=1}^{n}",
        "<code>len(items)</code>",
    ):
        assert mark in fields, mark
    assert '<pre class="dg-code"><code><span class="dg-k">def </span>' in fields
    assert '<div class="dg-table"><table>' in fields
    style = STYLE_HEADER + (MARKS.parent / "deck.css").read_text() if styled else ""
    assert {css for _, css in imported.values()} and all(
        css.endswith(MARKS_CSS + style) for _, css in imported.values()
    )
    assert imported["range-loop"][0][1] == "n"  # a type-in answer stays plain text
