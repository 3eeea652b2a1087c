"""Cloze deletions as Anki reads them: ``{{c1::hidden}}`` and ``{{c1::hidden::hint}}``.

One scan finds every deletion an author meant, well formed or not, so the
checker can say what is wrong where (:func:`problems`); an opener short of a
brace or a colon (``{{c1:``, ``{c1::``), which Anki shows as typed, is found
beside it. The build asks which numbers a note's text has, one card each
(:func:`numbers`); the preview renders a card's side the way Anki's
``{{cloze:Field}}`` filter does (:func:`render`). Anki's rules, checked
against its engine: a deletion opens with ``{{c`` and a number and ``::``
and closes at the next ``}}``; the hint is whatever follows the first ``::``
inside it; a ``}}`` outside any deletion is plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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


Problem = tuple[int, str, str, str]
"""Where (offset into the text), the token written there, a code and a message."""


def problems(text: str) -> Iterator[Problem]:
    """What is wrong with the deletions of a cloze card's text, each where it is written.

    E332 an opener short of a brace or a colon; E322 no deletion; E323 a
    number Anki does not read; E324 never closed; E325 nested; E329 hides
    nothing; E326 hides the whole text; W333 numbers with a gap.
    """
    misspelt = list(_MISSPELT.finditer(text)) if "{" in text else []
    for match in misspelt:
        yield match.start(), match.group(), "E332", _misspelt(match.group())
    deletions = scan(text)
    if misspelt and not deletions:
        return  # the deletions the author meant are those misspelt ones, not missing
    if not deletions:
        yield 0, "", "E322", "has no deletion; hide a part of the text as {{c1::...}}"
        return
    for d in deletions:
        if not d.number:
            yield d.start, d.opener, "E323", _bad_number(d.opener)
        if not d.closed:
            yield d.start, d.opener, "E324", f"deletion {d.opener} is never closed; end it with }}}}"
        if d.depth:
            yield (
                d.start,
                d.opener,
                "E325",
                f"deletion {d.opener} is inside another deletion; make them follow one another instead",
            )
    good = [d for d in deletions if d.number and d.closed and not d.depth]
    if misspelt or len(good) != len(deletions):
        return
    for d in good:
        hidden, _ = _hidden(text, d)
        if not hidden.strip():
            message = f"deletion {d.opener} hides nothing; put the words to hide after the ::"
            yield d.start, d.opener, "E329", message
    yield from _whole_text(text, good)
    yield from _gaps(good)


def _bad_number(opener: str) -> str:
    return (
        f"{opener} is not a deletion Anki reads: numbers are written c1 to c{MAX_NUMBER}, "
        f"lowercase, no spaces or leading zeros; write {_fixed(opener)}"
    )


def _misspelt(opener: str) -> str:
    return (
        f"{opener} is not a deletion Anki reads (it shows as typed): a deletion opens with two braces, "
        f"the number and two colons; write {_fixed(opener)}"
    )


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
            yield (
                first.start,
                first.opener,
                "E326",
                f"c{number} hides the whole text, so its card shows nothing to go by; "
                "hide only the part to recall",
            )


def _gaps(good: list[Deletion]) -> Iterator[Problem]:
    used = {d.number for d in good}
    missing = [n for n in range(1, max(used)) if n not in used]
    if not missing:
        return
    after = min((d for d in good if d.number > missing[0]), key=lambda d: (d.number, d.start))
    names = ", ".join(f"c{n}" for n in missing)
    yield (
        after.start,
        after.opener,
        "W333",
        f"deletion numbers skip {names}: Anki makes no card for a missing number. Number new deletions "
        "from c1 up; if one was removed from a card in use, keep the others' numbers (renumbering "
        "moves review history to other cards)",
    )


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
