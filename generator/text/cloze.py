"""Cloze deletions as Anki reads them: ``{{c1::hidden}}`` and ``{{c1::hidden::hint}}``.

One scan finds every deletion an author meant, well formed or not, so the
checker can say what is wrong where: :func:`problems` gives each fault with its
offset and what a message needs, and the checker
(:func:`generator.check.kinds.check_cloze`) makes it a diagnostic. An opener
short of a brace or a colon (``{{c1:``, ``{c1::``), which Anki shows as typed,
is found beside the deletions. The build asks which numbers a note's text has, one card each
(:func:`numbers`); the preview renders a card's side the way Anki's
``{{cloze:Field}}`` filter does (:func:`render`). Anki's rules, checked
against its engine: a deletion opens with ``{{c`` and a number and ``::``
and closes at the next ``}}``; the hint is whatever follows the first ``::``
inside it; a ``}}`` outside any deletion is plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise
from typing import NamedTuple

MAX_NUMBER = 99
"""Deletion numbers run from c1 to c99 (one card each)."""

_TOKEN = re.compile(r"(?P<open>\{\{\s*[cC]\s*[^:{}\s]*\s*::)|\}\}")
"""An opener as an author would write one (well formed or not), or a closer."""
_GOOD = re.compile(r"\{\{c([1-9][0-9]?)::")
"""An opener Anki reads as written, numbered c1 to c99 (:data:`MAX_NUMBER`)."""
_MISSPELT = re.compile(r"\{\{\s*[cC]\s*[0-9]+\s*:(?!:)|(?<!\{)\{\s*[cC]\s*[0-9]+\s*::")
"""An opener short of a brace or a colon (``{{c1:``, ``{c1::``): Anki shows it as typed.

A number is required, so prose braces (``{x}``) and template fields
(``{{cloze:Text}}``) are not taken for one.
"""
_WORD = re.compile(r"\w")


class Deletion(NamedTuple):
    """One deletion as written: offsets into the text, its number (0 if malformed)."""

    start: int
    """Offset of its ``{{``."""
    inner: int
    """Offset of its first hidden character (just after the opener)."""
    close: int
    """Offset of its closing ``}}`` (the text's length when it is never closed)."""
    opener: str
    """The opener as written, such as ``{{c1::``."""
    number: int
    """Its number; 0 when the opener is not one Anki reads (``{{c0::``, ``{{C1::``, ``{{c01::``)."""
    depth: int
    """0 at the top level; 1 and more inside another deletion."""

    @property
    def closed(self) -> bool:
        return self.close >= 0

    @property
    def end(self) -> int:
        """Offset just after the deletion (after its ``}}``)."""
        return self.close + 2


def scan(text: str) -> list[Deletion]:
    """Every deletion of ``text`` in order of its opener, nested and unclosed ones too.

    An unclosed deletion has ``close == -1``.
    """
    if "{{" not in text:
        return []
    found: list[Deletion | None] = []
    stack: list[tuple[int, re.Match[str]]] = []
    for match in _TOKEN.finditer(text):
        if match.lastgroup == "open":
            stack.append((len(found), match))
            found.append(None)
        elif stack:
            slot, opener = stack.pop()
            found[slot] = _deletion(opener, match.start(), len(stack))
    for depth, (slot, opener) in enumerate(stack):
        found[slot] = _deletion(opener, -1, depth)
    return [d for d in found if d is not None]


def _deletion(opener: re.Match[str], close: int, depth: int) -> Deletion:
    written = opener.group()
    good = _GOOD.fullmatch(written)
    return Deletion(opener.start(), opener.end(), close, written, int(good.group(1)) if good else 0, depth)


def _hidden(text: str, deletion: Deletion) -> tuple[str, str | None]:
    """A closed deletion's hidden text and its hint (None when it has none)."""
    inner = text[deletion.inner : deletion.close]
    hidden, sep, hint = inner.partition("::")
    return hidden, (hint if sep else None)


def numbers(text: str) -> tuple[int, ...]:
    """The numbers of the well-formed, closed deletions in ``text``, each once, ascending."""
    return tuple(sorted({d.number for d in scan(text) if d.number and d.closed}))


def reveal(text: str) -> str:
    """The text as it reads with every well-formed deletion shown (no markers, no hints)."""
    out, pos = [], 0
    for d in scan(text):
        if d.number and d.closed and not d.depth:
            out.append(text[pos : d.start] + _hidden(text, d)[0])
            pos = d.end
    out.append(text[pos:])
    return "".join(out)


class Fault(Enum):
    """What can be wrong with the deletions of a cloze card's text."""

    MISSPELT = "misspelt"
    """An opener short of a brace or a colon (``{{c1:``, ``{c1::``): Anki shows it as typed."""
    NO_DELETION = "no deletion"
    """No deletion at all: the text makes no card."""
    BAD_NUMBER = "bad number"
    """An opener Anki does not read as a deletion (``{{c0::``, ``{{C1::``, ``{{c01::``, ``{{c100::``)."""
    UNCLOSED = "unclosed"
    """A deletion never closed with ``}}``."""
    NESTED = "nested"
    """A deletion inside another one."""
    HIDES_NOTHING = "hides nothing"
    """A deletion with no words to hide (only space, or only a hint)."""
    HIDES_ALL = "hides all"
    """A number whose deletions leave no word of the text to go by."""
    NUMBER_GAP = "number gap"
    """Deletion numbers that skip some: Anki makes no card for a missing number."""


@dataclass(frozen=True)
class Problem:
    """One fault of a cloze card's text, where it is written, with what a message about it needs."""

    fault: Fault
    offset: int
    """Where it is written: an offset into the text (0 for ``NO_DELETION``)."""
    written: str
    """The opener written there ("" for ``NO_DELETION``)."""
    fix: str = ""
    """The opener Anki reads that was meant (``MISSPELT``, ``BAD_NUMBER``)."""
    numbers: tuple[int, ...] = ()
    """The number whose card shows nothing (``HIDES_ALL``), or the numbers skipped (``NUMBER_GAP``)."""


def problems(text: str) -> Iterator[Problem]:
    """What is wrong with the deletions of a cloze card's text, each where it is written.

    Misspelt openers come first; then, when there are deletions, each one's
    own faults in order (a bad number, never closed, nested); only when every
    deletion is well formed, those hiding nothing, a number hiding the whole
    text, and a gap in the numbers.
    """
    misspelt = list(_MISSPELT.finditer(text)) if "{" in text else []
    for match in misspelt:
        yield Problem(Fault.MISSPELT, match.start(), match.group(), fix=_fixed(match.group()))
    deletions = scan(text)
    if misspelt and not deletions:
        return  # the deletions the author meant are those misspelt ones, not missing
    if not deletions:
        yield Problem(Fault.NO_DELETION, 0, "")
        return
    for d in deletions:
        if not d.number:
            yield Problem(Fault.BAD_NUMBER, d.start, d.opener, fix=_fixed(d.opener))
        if not d.closed:
            yield Problem(Fault.UNCLOSED, d.start, d.opener)
        if d.depth:
            yield Problem(Fault.NESTED, d.start, d.opener)
    good = [d for d in deletions if d.number and d.closed and not d.depth]
    if misspelt or len(good) != len(deletions):
        return
    for d in good:
        hidden, _ = _hidden(text, d)
        if not hidden.strip():
            yield Problem(Fault.HIDES_NOTHING, d.start, d.opener)
    yield from _whole_text(text, good)
    yield from _gaps(good)


def _fixed(opener: str) -> str:
    """The opener Anki reads for one written wrong: its number if that is one, else c1."""
    digits = re.sub(r"\D", "", opener).lstrip("0")
    return f"{{{{c{digits}::" if digits and int(digits) <= MAX_NUMBER else "{{c1::"


def _whole_text(text: str, good: list[Deletion]) -> Iterator[Problem]:
    """A number whose deletions leave no word of the text to go by."""
    outside = "".join(text[a.end : b.start] for a, b in pairwise(good))
    if _WORD.search(text, 0, good[0].start) or _WORD.search(text, good[-1].end) or _WORD.search(outside):
        return  # words outside every deletion: each card has something to go by
    for number in sorted({d.number for d in good}):
        hidden = [d for d in good if d.number == number]
        rest, pos = [], 0
        for d in good:
            if d.number == number:
                rest.append(text[pos : d.start])
            else:
                rest.append(text[pos : d.start] + _hidden(text, d)[0])
            pos = d.end
        rest.append(text[pos:])
        if not _WORD.search("".join(rest)):
            first = hidden[0]
            yield Problem(Fault.HIDES_ALL, first.start, first.opener, numbers=(number,))


def _gaps(good: list[Deletion]) -> Iterator[Problem]:
    used = {d.number for d in good}
    missing = [n for n in range(1, max(used)) if n not in used]
    if not missing:
        return
    after = min((d for d in good if d.number > missing[0]), key=lambda d: (d.number, d.start))
    yield Problem(Fault.NUMBER_GAP, after.start, after.opener, numbers=tuple(missing))


_ATTRIBUTE_NAMED = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def _attribute(text: str) -> str:
    """Text for an HTML attribute, encoded as Anki encodes a deletion's ``data-cloze``.

    ASCII letters and digits and characters above U+00FF stay; ``& < > "`` become
    named entities; everything else becomes ``&#xHH;``.
    """
    out = []
    for char in text:
        if (char.isascii() and char.isalnum()) or ord(char) > 0xFF:
            out.append(char)
        else:
            out.append(_ATTRIBUTE_NAMED.get(char) or f"&#x{ord(char):02X};")
    return "".join(out)


def render(html: str, number: int, answer: bool) -> str:
    """The field HTML as Anki's ``cloze`` filter shows it on card ``number``'s front or back.

    Only text the checker passes (no nested or unclosed deletions) is rendered;
    anything else raises ValueError.
    """
    out, pos = [], 0
    for d in scan(html):
        if not d.number or not d.closed or d.depth:
            raise ValueError(f"the preview renders well-formed, unnested deletions only: {d.opener}")
        hidden, hint = _hidden(html, d)
        out.append(html[pos : d.start])
        if d.number != number:
            out.append(f'<span class="cloze-inactive" data-ordinal="{d.number}">{hidden}</span>')
        elif answer:
            out.append(f'<span class="cloze" data-ordinal="{d.number}">{hidden}</span>')
        else:
            shown = "..." if hint is None else hint
            data = _attribute(hidden)
            out.append(f'<span class="cloze" data-cloze="{data}" data-ordinal="{d.number}">[{shown}]</span>')
        pos = d.end
    out.append(html[pos:])
    return "".join(out)
