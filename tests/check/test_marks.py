"""Maths and code in card text, and a deck's own style: every slip at its exact position."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from generator import diagnostics as dg
from generator.check import check_document
from generator.load.loader import load_text
from tests.checking import HEADER, SOURCE, check, messages

EVIDENCE = '    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}\n'


def extra(value: str) -> str:
    """A good card whose ``extra:`` value starts on line 12, column 12."""
    return (
        HEADER
        + "  - id: c\n    question: What does the CNS include?\n    answer: The brain and spinal cord.\n"
        + f"    extra: {value}\n"
        + EVIDENCE
    )


def cloze(text: str) -> str:
    """A cloze card whose ``text:`` value starts on line 11, column 11."""
    return HEADER + f"  - id: c\n    kind: cloze\n    text: {text}\n" + EVIDENCE


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("'The mass: \\(m = 3\\) kg, \\[E = mc^2\\]'", []),
        ("'\\(\\ce{H2O}\\) and \\(a_1 * b_2\\)'", []),
        ("'Three: \\(n = 3.'", [("E360", 12, 20)]),
        ("'Three: \\[n = 3\\).'", [("E360", 12, 20), ("E361", 12, 27)]),
        ("'Three: n = 3\\).'", [("E361", 12, 25)]),
        ("'An escaped backslash: \\\\(n'", []),
        ("'Three: $n = 3$.'", [("W362", 12, 20)]),
        ("'Display: $$\\sum x$$'", [("W362", 12, 22)]),
        ("'It costs $5 and $10.'", []),
        ("'A dollar: \\$n\\$, code: `$x$`'", []),
        ("'Code is not maths: `\\(` and `\\]`'", []),
    ],
)
def test_maths_slips_are_found_where_they_are_written(
    value: str, expected: list[tuple[str, int, int]]
) -> None:
    assert check(extra(value)) == expected


def test_maths_slips_in_a_block_scalar_are_found_on_their_line() -> None:
    text = extra("|\n      First line.\n      Then \\(x and\n      more.")
    assert check(text) == [("E360", 14, 12)]


def test_a_message_says_what_to_write() -> None:
    assert messages(extra("'Three: \\(n = 3.'")) == [
        "E360 12:20 card 'c' extra: maths opened with \\( is never closed; end it with \\) "
        "(to show a bracket after a backslash, write \\\\()"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'The CNS has {{c1::\\(x^{2}\\)}} parts.'", []),
        ("'The CNS has {{c1::\\(\\frac{1}{x^{2}}\\)}} parts.'", [("E363", 11, 45)]),
        ("'The CNS has {{c1::\\(\\frac{1}{x^{2} }\\)}} parts.'", []),
        ("'The CNS has \\(x = {{c1::2}}\\) parts.'", []),
        ("'The CNS has \\(\\frac{1}{x^{2}}\\) {{c1::neurons}}.'", []),
    ],
)
def test_a_cloze_closer_inside_maths_is_an_error(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert check(cloze(text)) == expected


def test_a_code_block_in_an_unknown_language_is_a_warning() -> None:
    good = "|\n      ```python\n      print(3)\n      ```"
    assert check(extra(good)) == []
    assert check(extra(good.replace("python", "pyhton"))) == [("W364", 13, 10)]
    assert check(extra(good.replace("python", ""))) == []


def styled(css: str | bytes | None, style: str = "deck.css") -> list[tuple[str, str, int, int]]:
    """Check a deck with ``style:`` and its file (None: no file): (code, file, line, column)."""
    text = HEADER.replace("  id: 1234567890\n", f"  id: 1234567890\n  style: {style}\n") + (
        "  - id: c\n    question: What does the CNS include?\n    answer: The brain and spinal cord.\n"
        + EVIDENCE
    )
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "doc.txt").write_text(SOURCE, encoding="utf-8")
        if css is not None:
            (Path(tmp) / "deck.css").write_bytes(css if isinstance(css, bytes) else css.encode())
        model, found = check_document(load_text("cards.yaml", text.encode()), Path(tmp))
        if not found:
            assert model is not None
            assert model.deck.style == (css.decode() if isinstance(css, bytes) else css)
    return [(d.code, d.path, d.line, d.col) for d in dg.sort(found)]


def test_a_deck_style_is_read_into_the_model() -> None:
    assert styled(".dg-answer { color: #0b4f2a; }\n/* url(http://x) @import position: fixed < */\n") == []
    assert styled(".dg-card { background: url('data:image/png;base64,AAAA'); }") == []


def test_a_deck_style_that_loads_pins_or_ends_the_sheet_is_refused_where_it_says_so() -> None:
    css = (
        "@import 'x.css';\n"
        ".a { background: url(https://example.org/a.png); }\n"
        ".b {\n  position:  FIXED;\n}\n"
        ".c { font: url(font.woff) } </style>\n"
    )
    assert styled(css) == [
        ("E366", "deck.css", 1, 1),
        ("E366", "deck.css", 2, 18),
        ("E367", "deck.css", 4, 3),
        ("E366", "deck.css", 6, 12),
        ("E368", "deck.css", 6, 29),
    ]


def test_a_deck_style_that_cannot_be_read_is_an_error_at_its_key() -> None:
    assert styled(None) == [("E365", "cards.yaml", 4, 10)]
    assert styled(b"\xff\xfe") == [("E365", "cards.yaml", 4, 10)]
    assert styled("a" * 20_001) == [("E365", "cards.yaml", 4, 10)]
    assert styled("", style="../deck.css") == [("E365", "cards.yaml", 4, 10)]


def test_html_in_code_or_maths_is_what_it_says_not_w405() -> None:
    assert check(extra("'Write `<b>` for bold; \\(a<b\\) and &amp;'")) == [("W405", 12, 12)]
    assert check(extra("'Write `<b>` for bold; \\(a <b> c\\)'")) == []


@pytest.mark.parametrize(
    ("answer", "codes"), [("'\\(n\\)'", ["E327"]), ("'`n`'", ["E327"]), ("'$n$'", ["W362"])]
)
def test_a_type_in_answer_stays_plain_text(answer: str, codes: list[str]) -> None:
    """What is typed is compared as text: maths and code marks are refused (E327), not rendered;
    dollars are text (and warned about as maths that would not be typeset)."""
    text = (
        HEADER + f"  - id: c\n    kind: type-in\n    question: How many?\n    answer: {answer}\n" + EVIDENCE
    )
    assert [code for code, _, _ in check(text)] == codes
