"""The note type: its identity never changes; its templates and CSS stay self-contained."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from generator.check import check
from generator.compile import notetype as nt_module
from generator.compile.notes import compile_notes
from generator.compile.notetype import notetype
from generator.report.preview import sides
from tests.conftest import HEADER


def test_identity_is_pinned() -> None:
    """Anki treats these as the note type's schema: changing one makes a 'Name+' copy."""
    nt = notetype()
    assert (nt.id, nt.name) == (1607392319, "deckgen Q&A")
    assert nt.fields == ("Question", "Answer", "Extra", "Sources", "Id")
    assert nt.template_name == "Recall" == nt_module.TEMPLATE_NAME


def test_templates_and_css_load_nothing_and_run_nothing() -> None:
    nt = notetype()
    text = nt.front + nt.back + nt.css
    for bad in ("<script", "<img", "<link", "<iframe", "@import", "@font-face", "url(", "http:", "https:"):
        assert bad not in text.lower(), bad
    assert not re.search(r"\bon[a-z]+\s*=", nt.front + nt.back), "inline event handler"


def test_css_styles_every_night_mode_class() -> None:
    css = notetype().css
    for selector in (".card.nightMode", ".card.night_mode", ".nightMode .card", ".night_mode .card"):
        assert selector in css


SOURCED = (
    HEADER.replace(
        "    file: doc.txt\n",
        '    file: doc.txt\n    author: Alex Snyder\n    publisher: Healthline\n    date: "2019-01-07"\n',
    )
    + """\
cards:
  - id: cns-parts
    question: Which parts make up the CNS?
    answer: The brain, spinal cord and optic nerves.
    extra: The PNS is everything else.
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
"""
)


def test_back_shows_answer_then_extra_then_sources_with_author_publisher_date_and_folded_quote(
    write_cards: Callable[..., Path],
) -> None:
    cards_file, _ = check(write_cards(SOURCED))
    assert cards_file is not None
    nt = notetype()
    (note,) = compile_notes(cards_file)
    _, back = sides(nt, note.fields)
    order = [back.index(f'class="{name}"') for name in ("dg-answer", "dg-extra", "dg-sources")]
    assert order == sorted(order)
    assert back.index('id="answer"') < order[0]
    assert '<span class="dg-source-title">A small document</span>' in back
    assert '(Alex Snyder, Healthline, <span class="dg-date">2019-01-07</span>)' in back
    pattern = r"<details class=\"dg-source\"><summary>.*?</summary><blockquote>(.*?)</blockquote>"
    folded = re.search(pattern, back)
    assert folded and folded.group(1) == "The CNS includes the brain, spinal cord, and optic nerves."
