r"""Maths and code in card text: where they are, read once for renderer and checker alike.

Anki's own maths delimiters are read: ``\( … \)`` inline and ``\[ … \]`` on a
line of its own (display), typeset by the MathJax every Anki client ships.
Code is Markdown's: an inline span between backticks (`` `x` ``, or as many
backticks on both sides), and a fenced block, a line of three or more
backticks or tildes (with a language after them: ```` ```python ````) up to a
line of the same. Nothing inside maths or code is Markdown.

The renderer (:mod:`generator.compile.markup`) finds a maths span's end with
:func:`maths_end`; the checker (:mod:`generator.check.marks`) takes
:func:`scan`'s spans and :func:`problems`. Both read left to right the way
Markdown does: a backslash pair ``\\`` is an escaped backslash, never the
start of a delimiter; maths is not looked for inside code, nor code inside
maths.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum
from typing import NamedTuple

_OPEN = {"(": ")", "[": "]"}
_TOKEN = re.compile(r"(?P<pair>\\\\)|(?P<open>\\[(\[])|(?P<close>\\[)\]])|(?P<ticks>`+)")
_MATHS_TOKEN = re.compile(r"\\\\|\\[)\]]")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$", re.M)
_DOLLAR = re.compile(r"(?<![\\$])(?P<mark>\$\$?)(?=\S)(?P<inner>(?:[^$\\\n]|\\.)+?)(?<=\S)(?P=mark)(?![$\d])")
"""``$…$`` or ``$$…$$`` as TeX writes maths (Pandoc's rule: no space just inside the dollars, no
digit just after the closing one, so ``$5 and $10`` is not taken for maths)."""
CHARS = ("\\", "`", "$", "~")
"""A text with none of these has no maths, no code and no dollar maths: the checker's fast path."""


class Kind(Enum):
    """What a span of card text is."""

    INLINE_MATHS = "inline maths"
    DISPLAY_MATHS = "display maths"
    CODE = "code"
    FENCE = "fenced code"


class Mark(NamedTuple):
    """A span of maths or code: offsets of its first character and just after its last."""

    kind: Kind
    start: int
    end: int

    @property
    def maths(self) -> bool:
        return self.kind in (Kind.INLINE_MATHS, Kind.DISPLAY_MATHS)


class Fault(Enum):
    """A slip in writing maths."""

    UNCLOSED = "unclosed"
    """``\\(`` or ``\\[`` never closed by its own closer."""
    STRAY_CLOSER = "stray closer"
    """``\\)`` or ``\\]`` with no maths open."""
    DOLLARS = "dollars"
    """``$…$`` or ``$$…$$``, which Anki shows as typed."""


class Problem(NamedTuple):
    """A slip, where it is written: its offset and the characters written there."""

    fault: Fault
    offset: int
    written: str


def maths_end(text: str, start: int) -> int:
    """The offset just after the closer of the maths opened at ``start`` (``\\(`` or ``\\[``); -1 if
    it is never closed. ``\\\\`` inside maths is TeX's line break, never half a delimiter."""
    closer = "\\" + _OPEN[text[start + 1]]
    for match in _MATHS_TOKEN.finditer(text, start + 2):
        if match.group() == closer:
            return match.end()
    return -1


def code_end(text: str, start: int) -> int:
    """The offset just after the backticks that close the code span opened at ``start``; -1 if none
    (then the backticks are text)."""
    run = len(text) - len(text[start:].lstrip("`")) - start
    at = start + run
    while True:
        at = text.find("`" * run, at)
        if at < 0:
            return -1
        end = at + run
        while end < len(text) and text[end] == "`":
            end += 1
        if end - at == run:
            return end
        at = end


def fences(text: str) -> list[Mark]:
    """The fenced code blocks: from the opening fence line to the end of its closing one (or of the text)."""
    found: list[Mark] = []
    pos = 0
    while True:
        opening = _FENCE.search(text, pos)
        if opening is None:
            return found
        fence = opening["fence"]
        if fence[0] == "`" and "`" in opening["info"]:
            pos = opening.end()  # not a fence: CommonMark refuses a backtick in the info string
            continue
        end = len(text)
        for closing in _FENCE.finditer(text, opening.end()):
            same = closing["fence"][0] == fence[0] and len(closing["fence"]) >= len(fence)
            if same and not closing["info"].strip():
                end = closing.end()
                break
        found.append(Mark(Kind.FENCE, opening.start(), end))
        pos = end


def scan(text: str) -> tuple[list[Mark], list[Problem]]:
    """Every maths span and code span or block of ``text``, in order, and the slips in its maths."""
    marks: list[Mark] = []
    slips: list[Problem] = []
    blocks = fences(text) if ("```" in text or "~~~" in text) else []
    starts = [0, *(b.end for b in blocks)]
    stops = [*(b.start for b in blocks), len(text)]
    for index, (start, stop) in enumerate(zip(starts, stops, strict=True)):
        if index:
            marks.append(blocks[index - 1])
        _inline(text, start, stop, marks, slips)
    return marks, slips


def _inline(text: str, pos: int, stop: int, marks: list[Mark], slips: list[Problem]) -> None:
    while True:
        match = _TOKEN.search(text, pos, stop)
        if match is None:
            break
        pos = match.end()
        if match.lastgroup == "open":
            end = maths_end(text[:stop], match.start())
            if end < 0:
                slips.append(Problem(Fault.UNCLOSED, match.start(), match.group()))
                continue
            kind = Kind.INLINE_MATHS if match.group() == "\\(" else Kind.DISPLAY_MATHS
            marks.append(Mark(kind, match.start(), end))
            pos = end
        elif match.lastgroup == "close":
            slips.append(Problem(Fault.STRAY_CLOSER, match.start(), match.group()))
        elif match.lastgroup == "ticks":
            end = code_end(text[:stop], match.start())
            if end > 0:
                marks.append(Mark(Kind.CODE, match.start(), end))
                pos = end


def outside(text: str, marks: list[Mark]) -> str:
    """``text`` with every mark's characters made spaces: what is read as Markdown, at the same offsets."""
    if not marks:
        return text
    pieces, at = [], 0
    for mark in marks:
        pieces.append(text[at : mark.start])
        pieces.append(re.sub(r"[^\n]", " ", text[mark.start : mark.end]))
        at = mark.end
    pieces.append(text[at:])
    return "".join(pieces)


def problems(text: str, marks: list[Mark] | None = None) -> Iterator[Problem]:
    """The slips in ``text``'s maths, in order: unclosed openers, stray closers, dollar maths."""
    if marks is None:
        marks, slips = scan(text)
    else:
        slips = scan(text)[1]
    found = list(slips)
    if "$" in text:
        plain = outside(text, marks)
        found += [Problem(Fault.DOLLARS, m.start(), m.group()) for m in _DOLLAR.finditer(plain)]
    yield from sorted(found, key=lambda p: p.offset)


def closers_in_maths(text: str, marks: list[Mark], deletions: list[tuple[int, int]]) -> Iterator[int]:
    """Offsets of the ``}}`` inside maths that close a cloze deletion opened before that maths
    (``deletions``: each one's opener offset and closer offset, as Anki reads them)."""
    spans = [m for m in marks if m.maths]
    for opened, closed in deletions:
        for span in spans:
            if span.start <= closed < span.end and opened < span.start:
                yield closed


def read_through(text: str) -> tuple[list[tuple[int, int]], list[Mark]]:
    """How quotes and documents read through maths and code: the spans of ``text`` read as nothing,
    in order, and the marks themselves (inside which nothing else is read as Markdown).

    A code span's backticks and a fenced block's fence lines are read as nothing; a maths
    delimiter's backslash is read as nothing, so ``\\(E = mc^2\\)`` reads ``(E = mc^2)``, as a
    Markdown escape reads (and as ``\\(MS\\)`` in a captured web page always has).
    """
    if not any(mark in text for mark in ("`", "\\(", "\\[", "~~~")):
        return [], []
    marks, _ = scan(text)
    cuts: list[tuple[int, int]] = []
    for mark in marks:
        if mark.maths:
            cuts += [(mark.start, mark.start + 1), (mark.end - 2, mark.end - 1)]
        elif mark.kind == Kind.CODE:
            run = len(text) - len(text[mark.start :].lstrip("`")) - mark.start
            cuts += [(mark.start, mark.start + run), (mark.end - run, mark.end)]
        else:
            first = text.find("\n", mark.start, mark.end)
            cuts.append((mark.start, first + 1 if first >= 0 else mark.end))
            last = text.rfind("\n", mark.start, mark.end)
            closed = last >= 0 and text[last + 1 : mark.end].strip()[:3] in ("```", "~~~")
            if closed and last + 1 > cuts[-1][1] - 1:
                cuts.append((last + 1, mark.end))
    return cuts, marks
