"""Control characters in text (E330) and deck names Anki would change (E331), at their positions.

The real Anki engine is the judge: what the checker lets through survives an
import unchanged, and what it refuses is what Anki would refuse or mangle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.check.decknames import deck_name_problems
from generator.compile.notetype import notetype
from generator.compile.package import PackedNote, build_apkg
from tests.checking import CARD, HEADER, cards, check, messages
from tests.conftest import import_apkg


def test_a_field_separator_in_any_field_is_an_error_where_it_is_written() -> None:
    text = cards(
        CARD
        + '    extra: "see \\x1f here"\n'
        + '    note: "caf\\u00e9 \\x1f"\n'
        + "  - id: two\n"
        + "    question: 'Why''s\x85that'\n"  # a raw NEL: YAML counts it as a line break
        + '    answer: "Why\\x1f?"\n'
        + "    evidence:\n"
        + '      doc: "MRI uses strong\\x1f magnetic"\n'
    )
    assert check(text) == [
        ("E330", 14, 17),  # `extra: "see \x1f`: the escape starts at column 17
        ("E330", 15, 22),  # after the six-character escape \u00e9
        ("E330", 19, 17),
        ("E330", 21, 28),
    ]


def test_control_characters_are_named_and_tab_and_newline_are_fine() -> None:
    text = cards(CARD.replace("answer: The brain", 'answer: "The\\tbrain\\n\\0') + "")
    found = messages(text.replace("optic nerves.\n    evidence", 'optic nerves."\n    evidence', 1))
    assert found == [
        "E330 11:26 card 'cns' answer holds the control character U+0000 (NUL); remove it "
        "(Anki would refuse or change the note)"
    ]
    assert check(cards(CARD.replace("answer: The brain", 'answer: "The\\tbrain\\nand"\n    extra: x'))) == []


def test_deck_fields_sources_and_tags() -> None:
    text = (
        "deck:\n"
        "  name: Test Deck\n"
        "  id: 1234567890\n"
        '  description: "a\\x07b"\n'
        "sources:\n"
        "  doc:\n"
        '    title: "A small\\x1f document"\n'
        "    file: doc.txt\n"
        '    publisher: "P\\x1b[31m"\n'
        "cards:\n" + CARD + '    tags: ["a\\x1fb"]\n'
    )
    assert check(text) == [("E330", 4, 18), ("E330", 7, 20), ("E330", 9, 18), ("E306", 16, 12)]


def test_a_nul_in_a_file_path_is_reported_once_and_read_never() -> None:
    text = HEADER.replace("file: doc.txt", 'file: "doc\\0.txt"') + CARD
    assert check(text) == [("E330", 7, 15)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("MS::::Spine", [(2, 13)]),
        ('"::MS"', [(2, 10)]),
        ('"MS::"', [(2, 14)]),
        ('"a:: ::b"', [(2, 13)]),
        ('"MS\\nSpine"', [(2, 12)]),
        ('"MS\\u202eSpine"', [(2, 12)]),
        ("Default", [(2, 9)]),
        ("dEFAULT", [(2, 9)]),
        ('"MS\\0"', [(2, 12)]),  # E330, as in any text
        ("MS::Spine", []),
        ("Default::MS", []),
    ],
)
def test_deck_names_anki_would_change(name: str, expected: list[tuple[int, int]]) -> None:
    found = check(HEADER.replace("name: Test Deck", f"name: {name}") + CARD)
    assert [(line, col) for _, line, col in found] == expected
    assert {code for code, _, _ in found} <= {"E330", "E331"}


NAMES = [
    "MS::Spine lesions",
    "Médecine::Neuro",
    "a::::b",
    "::a",
    "a::",
    "a\nb",
    "a\tb",
    "\u202eabc",
    "Default",
    "default",
    "a\u200bb",
]


@pytest.mark.anki
def test_real_anki_keeps_every_name_the_checker_accepts(tmp_path: Path, anki_collection: Any) -> None:
    """Each name goes into a package and through a real import: accepted names arrive as written."""
    col = anki_collection
    nt = notetype()
    seen: dict[str, tuple[str, int]] = {}
    for i, name in enumerate(NAMES):
        deck_id = 1_700_000_000_000 + i
        note = PackedNote(f"g{i}", ("q", "a", "", "", f"c{i}"), (), 1_700_000_000_000 + i, 1_700_000_000)
        data = build_apkg(name, deck_id, "", notetypes={"basic": (nt, 1_700_000_000)}, notes=[note])
        path = tmp_path / f"{i}.apkg"
        path.write_bytes(data)
        import_apkg(col, path)
        nid = col.find_notes(f"Id:c{i}")[0]
        did = col.get_note(nid).cards()[0].did
        seen[name] = (col.decks.name(did), did)
    for name in NAMES:
        refused = bool(deck_name_problems(name))
        invisible = any(ch in name for ch in "\u202e\u200b")  # kept by Anki, but not what it shows
        arrived, did = seen[name]
        assert refused == (arrived != name or did == 1 or invisible), (name, arrived, did)
    assert seen["a::::b"][0] == "a::blank::b"
    assert seen["Default"][0] != "Default" or seen["Default"][1] == 1  # renamed, or merged into the user's


@pytest.mark.anki
def test_real_anki_refuses_a_deck_whose_note_holds_a_field_separator(
    tmp_path: Path, anki_collection: Any
) -> None:
    """Why E330 exists: one note with U+001F in a field, and Anki imports none of the deck."""
    nt = notetype()
    good = PackedNote("g1", ("q", "a", "", "", "one"), (), 1_700_000_000_001, 1_700_000_000)
    bad = PackedNote("g2", ("q\x1fx", "a", "", "", "two"), (), 1_700_000_000_002, 1_700_000_000)
    path = tmp_path / "bad.apkg"
    data = build_apkg(
        "Deck", 1_700_000_000_000, "", notetypes={"basic": (nt, 1_700_000_000)}, notes=[good, bad]
    )
    path.write_bytes(data)
    with pytest.raises(Exception, match="fields"):
        import_apkg(anki_collection, path)
    assert anki_collection.find_notes("") == []
    separated = CARD.replace("question: What", 'question: "q\\x1fWhat').replace("include?", 'include?"')
    assert check(cards(separated)) == [("E330", 10, 17)]
