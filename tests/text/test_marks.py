"""Maths and code in text: where they are, the slips in maths, and how quotes read through them."""

from __future__ import annotations

import pytest

from generator.text import marks as mk
from generator.text.marks import Fault, Kind
from generator.text.normalise import normalise
from generator.text.source import SourceText


def test_spans_are_found_left_to_right_code_before_maths_and_maths_before_code() -> None:
    text = "a \\(x_1\\) `\\(` \\[`y`\\] \\\\(z\n```py\n\\(\n```\nend"
    found, slips = mk.scan(text)
    assert [(m.kind, text[m.start : m.end]) for m in found] == [
        (Kind.INLINE_MATHS, "\\(x_1\\)"),
        (Kind.CODE, "`\\(`"),
        (Kind.DISPLAY_MATHS, "\\[`y`\\]"),
        (Kind.FENCE, "```py\n\\(\n```"),
    ]
    assert slips == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\\(x", [(Fault.UNCLOSED, 0)]),
        ("x\\]", [(Fault.STRAY_CLOSER, 1)]),
        ("\\(x\\]", [(Fault.UNCLOSED, 0), (Fault.STRAY_CLOSER, 3)]),
        ("$x$ and $$y$$", [(Fault.DOLLARS, 0), (Fault.DOLLARS, 8)]),
        ("$5 and $10, $ x $", []),
        ("`$x$` and \\($x$\\)", []),
    ],
)
def test_slips(text: str, expected: list[tuple[Fault, int]]) -> None:
    assert [(p.fault, p.offset) for p in mk.problems(text)] == expected


DOCUMENT = (
    "Use `len(x)` to count. The energy is \\(E = mc^2\\) here, and \\(a_1 * b**2\\).\n\n"
    "```python\nprint(**kw)\n```\nA [link \\(MS\\)](#) and \\_under\\_.\n"
)


@pytest.mark.parametrize(
    "quote",
    [
        "Use len(x) to count",
        "Use `len(x)` to count",
        "E = mc^2",
        "The energy is \\(E = mc^2\\) here",
        "The energy is (E = mc^2) here",
        "and (a_1 * b**2)",
        "print(**kw) A link (MS) and _under_.",
    ],
)
def test_quotes_read_through_maths_and_code(quote: str) -> None:
    assert SourceText(DOCUMENT).contains(quote)


@pytest.mark.parametrize("quote", ["The energy is E = mc^2 here", "and (a_1 * b2)", "Use 'len(x)' to count"])
def test_what_is_not_in_the_document_is_not_found(quote: str) -> None:
    assert not SourceText(DOCUMENT).contains(quote)


def test_a_quote_without_maths_or_code_normalises_as_before() -> None:
    assert normalise("it`s \\(not closed") == "it's \\(not closed"
    assert normalise("a \u201cb\u201d \\(c\\)") == 'a "b" (c)'
