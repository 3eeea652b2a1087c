"""Splitting a source document into sentences and headings, with raw offsets.

Paragraphs are runs of non-blank lines; a list item or a Markdown heading
line is a unit of its own; sentences end at ``.``, ``!``, ``?`` or ``…``
unless an abbreviation or a lower-case word follows. See
:mod:`generator.report.coverage` for what counts as a heading and as content.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

from generator.text.source import SourceText

HEADING_MAX_WORDS = 12

Kind = Literal["sentence", "heading"]
Status = Literal["covered", "uncovered", "ignored", "heading"]

_BULLET = re.compile(r"[ \t]*(?:[•◦▪‣*+-]|\d{1,3}[.)])[ \t]+")
_MD_HEADING = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+|$)")
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_SPACE = re.compile(r"\s")
_NEXT = re.compile(r"\s*(\S)")
_ABBREVIATIONS = frozenset(
    {"e.g.", "i.e.", "vs.", "cf.", "approx.", "Dr.", "Mr.", "Mrs.", "Ms.", "St.", "Fig."}
)
"""Case matters: "Ms." is a title, "MS." ends a sentence about multiple sclerosis."""
_NOT_HEADING_END = tuple(".!:;,…")
TITLE_MAX_WORDS = 8
_NUMBERED = re.compile(r"[ \t]*\d{1,3}[.)][ \t]")
_SECTION = re.compile(
    r"(?:(?:Section|Article|Chapter|Part|Clause|Schedule|Appendix|Annex)[ \t]+|§[ \t]*)"
    r"(?:\d{1,3}|[IVXLC]{1,7})(?:\.\d{1,3})*\.?(?:[ \t]*[–—:-][ \t]*|[ \t]+|$)"
)
_SMALL_WORDS = frozenset(
    ("a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to"),
) | {"under", "with", "without", "upon"}
"""Words a title leaves in lower case ("Grant of Copyright License")."""


def is_title(text: str) -> bool:
    """Whether ``text`` reads as a short title: a few capitalised words, ending in '.' or nothing.

    "Definitions.", "Grant of Copyright License." and "Use with the GNU Affero
    General Public License." are titles; "Pain is common." is not.
    """
    text = text.strip()
    if not text or text.endswith(tuple("!?:;,…")):
        return False
    words = text.rstrip(".").split()
    if not 0 < len(words) <= TITLE_MAX_WORDS or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w in _SMALL_WORDS for w in words)


def _numbered_title(text: str, first: bool, numbered: bool, alone: bool) -> bool:
    """A section title a licence or a law numbers: '1. Definitions.', 'Section 4.', 'Section 1 - Scope.'.

    The first sentence of a numbered paragraph (a numbered item alone in its
    paragraph) when it reads as a title, or a 'Section N' label, with the
    title after it if any.
    """
    label = _SECTION.match(text)
    if label is not None:
        rest = text[label.end() :]
        return not rest.strip(" .") or is_title(rest)
    return numbered and alone and first and is_title(text)


@dataclass(frozen=True)
class Unit:
    """A sentence or heading of a source: raw offsets, lines, and its coverage."""

    start: int
    end: int
    line: int
    end_line: int
    kind: Kind
    text: str
    """The unit as a reader sees it: whitespace normalised, markup read through."""
    status: Status = "uncovered"
    share: float = 0.0
    """Share of its (not ignored) characters that evidence quotes cover."""
    cards: tuple[str, ...] = ()
    """Ids of the cards whose evidence overlaps it at all."""
    reasons: tuple[str, ...] = ()
    """Reasons of the ignore entries that overlap it."""

    @property
    def lines(self) -> str:
        return str(self.line) if self.line == self.end_line else f"{self.line}-{self.end_line}"


def lines(raw: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its line break; lines end at "\\n" only, as in
    :meth:`SourceText.position`, so numbers agree everywhere."""
    out, at = [], 0
    for line in raw.split("\n"):
        out.append((at, at + len(line.rstrip("\r"))))
        at += len(line) + 1
    if raw.endswith("\n") or not raw:
        out.pop()
    return out


def _pieces(raw: str) -> list[tuple[int, int, bool, bool]]:
    """Paragraphs, list items and Markdown headings: (start, end, is_heading_line, alone).

    A list item's range starts after its bullet or number.
    """
    pieces: list[tuple[int, int, bool, bool]] = []
    block: list[tuple[int, int, bool, bool]] = []
    current: list[int] | None = None  # [start, end] of the piece being built

    def close_block() -> None:
        nonlocal current
        if current is not None:
            block.append((current[0], current[1], False, False))
            current = None
        if len(block) == 1:
            start, end, md, _ = block[0]
            block[0] = (start, end, md, True)
        pieces.extend(block)
        block.clear()

    for start, end in lines(raw):
        line = raw[start:end]
        if not line.strip():
            close_block()
            continue
        heading = _MD_HEADING.match(line)
        bullet = None if heading else _BULLET.match(line)
        if heading:
            if current is not None:
                block.append((current[0], current[1], False, False))
                current = None
            block.append((start + heading.end(), end, True, False))
        elif bullet or current is None:
            if current is not None:
                block.append((current[0], current[1], False, False))
            current = [start + (bullet.end() if bullet else 0), end]
        else:
            current[1] = end
    close_block()
    return pieces


def _trim(raw: str, start: int, end: int) -> tuple[int, int]:
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    return start, end


def _sentences(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split the raw range [start, end) into sentences.

    In time linear in the range: each sentence end looks at the next character that is not a space
    (never a copy of the rest of the paragraph), and at the word before it, from the space before it
    (never a search from the sentence's start, which stays put while endings are passed over).
    """
    out: list[tuple[int, int]] = []
    at = start
    spaces = [m.start() for m in _SPACE.finditer(raw, start, end)]
    for match in _END.finditer(raw, start, end):
        stop = match.end()
        following = _NEXT.match(raw, stop, end)
        if following is not None and following.group(1).islower():
            continue
        space = bisect.bisect_left(spaces, stop) - 1  # the last space before the ending
        word = raw[max(at, spaces[space] + 1 if space >= 0 else at) : stop]
        if word and word.lstrip("([\"'") in _ABBREVIATIONS:
            continue
        out.append(_trim(raw, at, match.end()))
        at = match.end()
    out.append(_trim(raw, at, end))
    return [(s, e) for s, e in out if e > s]


def split(text: SourceText) -> list[Unit]:
    """The sentences and headings of a document, in order (see the module docs)."""
    raw = text.raw
    units: list[Unit] = []
    for first, last, md_heading, alone in _pieces(raw):
        start, end = _trim(raw, first, last)
        readable = text.readable(start, end)
        if not readable or not text.visible(start, end):
            continue
        short = alone and "\n" not in raw[start:end] and len(readable.split()) <= HEADING_MAX_WORDS
        kind: Kind
        if md_heading or (short and not readable.endswith(_NOT_HEADING_END)):
            ranges, kind = [(start, end)], "heading"
        else:
            ranges, kind = _sentences(raw, start, end), "sentence"
        numbered = kind == "sentence" and _NUMBERED.match(raw, raw.rfind("\n", 0, first) + 1) is not None
        after_label = False
        for index, (s, e) in enumerate(ranges):
            words = text.readable(s, e)
            if not words or not text.visible(s, e):
                continue
            line, _ = text.position(s)
            end_line, _ = text.position(e - 1)
            this: Kind = kind
            if kind == "sentence" and (
                _numbered_title(words, index == 0, numbered, alone) or (after_label and is_title(words))
            ):
                this = "heading"
            after_label = this == "heading" and _SECTION.fullmatch(words.rstrip(" ")) is not None
            units.append(Unit(s, e, line, end_line, this, words))
    return units
