"""The passages a source's ignore entries cover: every occurrence of a quote, or a range of lines."""

from __future__ import annotations

from generator.model import Ignore, Pos
from generator.text.ignores import resolve
from generator.text.source import SourceText

RAW = "Home | Menu\nMS is a disease of the CNS.\nADVERTISEMENT\nLesions form.\nADVERTISEMENT\n"


def entry(quote: str | None = None, lines: tuple[int, int] | None = None) -> Ignore:
    return Ignore(reason="not content", pos=Pos(1, 1), quote=quote, lines=lines)


def test_a_quote_covers_every_occurrence() -> None:
    text = SourceText(RAW)
    spans = resolve(entry(quote="ADVERTISEMENT"), text)
    assert [RAW[s.start : s.end] for s in spans] == ["ADVERTISEMENT", "ADVERTISEMENT"]


def test_lines_cover_their_range_and_nothing_past_the_end() -> None:
    text = SourceText(RAW)
    [span] = resolve(entry(lines=(1, 2)), text)
    assert RAW[span.start : span.end] == "Home | Menu\nMS is a disease of the CNS.\n"
    assert resolve(entry(lines=(5, 6)), text) == []


def test_an_entry_that_matches_nothing_covers_nothing() -> None:
    text = SourceText(RAW)
    assert resolve(entry(quote="not in the text"), text) == []
    assert resolve(entry(), text) == []
