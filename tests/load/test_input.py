"""Syntax and input (E0xx): what the loader refuses, each at its exact position."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import files
from generator.check import check as check_file
from generator.check import check_document
from generator.load import chars, loader
from generator.load.loader import load_text
from tests.checking import CARD, HEADER, check, messages


def test_clean_file_has_no_diagnostics() -> None:
    assert check(HEADER + CARD) == []


def test_syntax_error_at_the_parsers_position() -> None:
    assert messages("deck:\n  name: [unclosed\n  id: 1\n") == [
        "E001 3:5 YAML syntax error: did not find expected ',' or ']' "
        "(while parsing a flow sequence at line 2, column 9)"
    ]
    assert check('deck: "unterminated\n') == [("E001", 2, 1)]
    assert check("a: b: c\n") == [("E001", 1, 5)]


def test_second_document_is_a_syntax_error() -> None:
    assert messages("a: 1\n---\nb: 2\n") == [
        "E001 2:1 a second YAML document starts here ('---'); a cards file holds one document"
    ]


def test_undefined_and_self_referencing_aliases() -> None:
    assert check("a: *nowhere\n") == [("E001", 1, 4)]
    assert check("a: &x [*x]\n") == [("E001", 1, 8)]


def test_invalid_utf8_at_the_bad_byte_counted_in_characters() -> None:
    assert messages("deck:\n  name: é".encode() + b"\xff\n") == [
        "E002 2:10 invalid UTF-8 byte 0xff; save the file as UTF-8"
    ]
    assert check(b"a: \xe9t\xe9\n") == [("E002", 1, 4)]


def test_empty_file() -> None:
    for text in ("", "\n\n", "# only a comment\n", "---\n", "---\n...\n"):
        assert check(text) == [("E003", 1, 1)], text


def test_tab_indentation_at_the_tab() -> None:
    assert check("deck:\n\tname: x\n") == [("E004", 2, 1)]
    assert check("deck:\n  \tname: x\n") == [("E004", 2, 3)]


def test_tab_after_a_key_is_fine(tmp_path: Path) -> None:
    text = HEADER.replace("  name: Test Deck", "  name:\tTest Deck") + CARD
    assert "name:\tTest Deck" in text  # the tab is really there
    assert check(text) == []
    model, _ = check_document(load_text("cards.yaml", text.encode()), tmp_path)
    assert model is not None and model.deck.name == "Test Deck"


def test_python_and_unknown_tags_are_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = (
        f"a: !!python/object/apply:os.system ['touch {marker}']\n"
        "b: !!python/name:os.system\n"
        "c: !custom x\n"
        "d: !!str fine\n"
    )
    found = [m for m in messages(text) if m.startswith("E005")]
    assert [m.split(" ")[:2] for m in found] == [
        ["E005", "1:4"],
        ["E005", "2:4"],
        ["E005", "3:4"],
    ]
    assert "tag !!python/object/apply:os.system is not allowed" in found[0]
    assert not marker.exists()


def test_billion_laughs_is_refused_at_the_alias_past_the_expansion_limit() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    # 9**10 nodes if expanded: the composer counts what aliases expand to and stops
    # at the first alias past its limit (100,000 nodes), so the work is bounded.
    assert check("\n".join(lines) + "\n") == [("E006", 6, 8)]


def test_deep_nesting_is_refused_not_crashed() -> None:
    # PyYAML's C composer recurses per level and crashes the interpreter on these.
    assert check("- " * 100_000 + "x\n") == [("E006", 1, 129)]
    assert check("[" * 100_000) == [("E006", 1, 65)]
    assert check("{a: " * 100_000) == [("E006", 1, 257)]
    assert check("- " * 60 + "x\n") == [("E101", 1, 1)]  # deep but allowed: only the top level is wrong


def test_byte_order_mark_is_a_warning_and_positions_stay_right() -> None:
    assert check(b"\xef\xbb\xbf" + (HEADER + CARD).encode()) == [("W008", 1, 1)]
    assert check(b"\xef\xbb\xbfdeck: [\n") == [("W008", 1, 1), ("E001", 2, 1)]


def test_too_large_data_is_refused() -> None:
    data = b"a: " + b"x" * loader.MAX_BYTES
    assert messages(data) == [
        f"E006 1:1 file is {len(data):,} bytes; the limit is 67,108,864: split it or shorten it"
    ]


def test_100_mb_file_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cards.yaml"
    with open(path, "wb") as handle:  # sparse where the file system allows: cheap to make
        handle.write(b"cards:\n")
        handle.truncate(100 * 1024 * 1024)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened: its size should have refused it")

    monkeypatch.setattr(files, "open", no_reading, raising=False)
    model, found = check_file(path, "cards.yaml")
    assert model is None
    assert [(d.code, d.line, d.col) for d in found] == [("E006", 1, 1)]
    assert "104,857,600 bytes" in found[0].message


def test_unreadable_files(tmp_path: Path) -> None:
    _, missing = check_file(tmp_path / "nope.yaml", "nope.yaml")
    _, folder = check_file(tmp_path, "dir")
    assert [(d.code, d.line, d.col) for d in missing + folder] == [("E007", 1, 1), ("E007", 1, 1)]
    assert "No such file or directory" in missing[0].message


def test_one_megabyte_answer_is_refused_at_the_answer() -> None:
    big = CARD.replace("answer: The brain, spinal cord and optic nerves.", "answer: " + "word " * 200_000)
    found = messages(HEADER + big)
    assert found == [
        "E307 11:13 card 'cns' answer is 999,999 characters long; the limit is 10,000: shorten it",
        "W403 11:13 card 'cns' has a 2000-word answer; keep answers under 25 words "
        "(split the card, or move detail to extra)",
    ]


def test_control_characters_are_syntax_errors_at_the_character() -> None:
    found = messages("deck:\n  name: b\x00c\n")
    assert found == ["E001 2:10 control character U+0000 is not allowed; remove it"]
    assert check("a: \x1b[31m\n") == [("E001", 1, 4)]


@pytest.mark.parametrize("char", [chr(c) for c in range(0x80)] + ["\x85", "\x9f", "\xa0", "\ufeff", "\ufffe"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_the_quick_way_to_the_first_character_yaml_refuses_finds_what_the_pattern_finds(
    char: str, bom: bytes
) -> None:
    """The loader judges a text of ASCII on its bytes first (one pass at C speed); what it finds, and
    where, is what the reference pattern finds in the text, whatever the character."""
    for text in (f"a: b{char}c\n", f"{char}", f"a: 1\nb: {char * 3}\n"):
        data = bom + text.encode("utf-8", "surrogatepass")
        quick = chars.not_printable(text, data)
        plain = chars.NOT_PRINTABLE.search(text)
        assert (quick and (quick.start(), quick.group())) == (plain and (plain.start(), plain.group()))
