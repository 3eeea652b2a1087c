"""Helpers for the checker's tests: feed a YAML snippet, get its diagnostics.

``check(text)`` returns ``[(code, line, col), ...]`` in file order, so a test
reads like the specification::

    assert check("cards:\\n  - id: a\\n") == [("E102", 2, 5), ...]
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from generator import diagnostics as dg
from generator.check import check_document
from generator.load.loader import load_text
from generator.model import CardsFile
from tests.conftest import HEADER as DECK_AND_SOURCE
from tests.conftest import SOURCE_TEXT

SOURCE = SOURCE_TEXT
HEADER = DECK_AND_SOURCE + "cards:\n"
"""Eight lines: a card written after it starts on line 9."""

CARD = """\
  - id: cns
    question: What does the CNS include?
    answer: The brain, spinal cord and optic nerves.
    evidence:
      doc: The CNS includes the brain, spinal cord, and optic nerves.
"""
"""A good card (lines 9-13 after HEADER)."""


def run(
    text: str | bytes, source: str = SOURCE, *, allow_outside: bool = False
) -> tuple[CardsFile | None, list[dg.Diagnostic]]:
    """Check ``text`` as a cards file beside a source ``doc.txt``."""
    data = text if isinstance(text, bytes) else text.encode()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "doc.txt").write_text(source, encoding="utf-8")
        model, found = check_document(load_text("cards.yaml", data), Path(tmp), allow_outside=allow_outside)
    return model, dg.sort(found)


def check(text: str | bytes, source: str = SOURCE) -> list[tuple[str, int, int]]:
    """The diagnostics for ``text`` as (code, line, column), in file order."""
    return [(d.code, d.line, d.col) for d in run(text, source)[1]]


def messages(text: str | bytes, source: str = SOURCE, *, allow_outside: bool = False) -> list[str]:
    """The diagnostics for ``text`` as ``CODE line:col message`` strings."""
    found = run(text, source, allow_outside=allow_outside)[1]
    return [f"{d.code} {d.line}:{d.col} {d.message}" for d in found]


def cards(body: str) -> str:
    """A whole file: the standard header, then ``body`` (cards indented by two)."""
    return HEADER + body


def card(card_id: str, question: str, answer: str, quote: str = "The CNS includes the brain") -> str:
    """One card of five lines, its question and answer in double quotes, quoting ``doc``.

    After :data:`HEADER` the k-th card (from 0) starts on line 9 + 5k: its
    question is at (10 + 5k, 15) and its answer at (11 + 5k, 13).
    """
    return (
        f"  - id: {card_id}\n"
        f"    question: {json.dumps(question, ensure_ascii=False)}\n"
        f"    answer: {json.dumps(answer, ensure_ascii=False)}\n"
        "    evidence:\n"
        f"      doc: {json.dumps(quote, ensure_ascii=False)}\n"
    )


TWO_SOURCES = HEADER.replace(
    "sources:\n",
    "sources:\n"
    "  healthline:\n    title: MS Spine Lesions\n    publisher: Healthline\n"
    '    date: "2019-01-07"\n    file: doc.txt\n'
    "  spine-institute:\n    title: Effect of Multiple Sclerosis on the Spine\n"
    "    publisher: The Spine Institute\n    file: doc.txt\n",
).replace("  doc:\n    title: A small document\n    file: doc.txt\n", "")
"""The header with two sources that have publishers (one dated, one not): cards start on line 15."""


def cited(
    card_id: str, question: str, answer: str, source: str, quote: str = "The CNS includes the brain"
) -> str:
    """:func:`card`, quoting ``source`` instead of ``doc``."""
    return card(card_id, question, answer, quote).replace("      doc:", f"      {source}:")


def deck(*qa: tuple[str, str]) -> str:
    """A whole file of cards ``c0``, ``c1``, … with these questions and answers (see :func:`card`)."""
    return HEADER + "".join(card(f"c{i}", q, a) for i, (q, a) in enumerate(qa))


def codes_of(*qa: tuple[str, str]) -> list[tuple[str, int, int]]:
    """The diagnostics of :func:`deck` ``(*qa)``."""
    return check(deck(*qa))
