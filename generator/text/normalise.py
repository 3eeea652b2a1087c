"""The text form quotes and source documents are compared in.

A quote is "verbatim" when it occurs in the source after both are normalised
the same way, so that authors can copy what a reader sees:

* Markdown-style marks kept by a web capture are read through: ``[text](url)``
  is ``text``, ``**bold**`` and ``__bold__`` are ``bold``, ``\\(`` is ``(``.
* Maths and code (:mod:`generator.text.marks`) are read through, in quotes and
  documents alike: a code span's backticks and a fenced block's fence lines
  are nothing, so ```len(x)``` reads ``len(x)``; a maths delimiter's
  backslash is nothing, so ``\\(E = mc^2\\)`` reads ``(E = mc^2)`` (and a quote of
  the formula alone, ``E = mc^2``, is found in it). Inside maths and code
  nothing else is read as Markdown: ``a_1 * b``, ``**`` and backslashes stay.
* A word hyphenated at a line end is read whole: a hyphen (``-``, U+2010
  HYPHEN or a soft hyphen) between a letter and whitespace before a letter
  goes with the whitespace, so ``sub-\\n  directories`` (or ``sub- directories``,
  as pasted from a man page or a PDF) reads ``subdirectories``. A hyphen
  that is no line end (``well-known``) stays.
* Typographic quotes become ASCII quotes, dashes become ``-``, ``…`` is ``...``.
* Every run of whitespace (newlines included) is one space.

Case and everything else must match exactly. :func:`normalise` is for
quotes; a whole document goes through :func:`strip_markup` then
:func:`normalise_with_offsets`, which also say where each piece came from.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from generator.text.marks import Mark, read_through

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00ad": "",
        "\u200b": "",
        "\ufeff": "",
    }
)

# Markdown marks a captured web page keeps: link wrappers, emphasis, escapes.
_LINK = re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]\([^()\s]*\)")
_EMPHASIS = re.compile(r"\*\*|__")
_NORMAL = re.compile(r"(?:[!-_a-~]+(?<![A-Za-z]-) )*[!-_a-~]+")
"""Text that normalises to itself: printable ASCII but the backtick, words apart by single spaces,
none before a space ending in a letter and a hyphen (which may be a line-end hyphenation)."""
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


_HYPHENS = "-\u2010\u00ad"
"""The hyphens a word is broken with at a line end: ASCII's, U+2010 HYPHEN and the soft hyphen."""
_HYPHENATION = re.compile(r"[-\u2010\u00ad](?<=[^\W\d_].)\s+(?=[^\W\d_])")
"""A line-end hyphenation: a hyphen after a letter, whitespace, a letter (letters: word characters
that are not digits or underscores)."""
_HYPHENATIONS = [(h, re.compile(f"{h}(?<=[^\\W\\d_]{h})\\s+(?=[^\\W\\d_])")) for h in _HYPHENS]
"""The same, a pattern a hyphen: each starts with its hyphen, which a search finds fast."""


def normalise(text: str) -> str:
    """Normalise a quote (or any text) for comparison; markup is not stripped, but maths and code
    are read through (:func:`generator.text.marks.read_through`)."""
    if _NORMAL.fullmatch(text) and "\\" not in text:  # most quotes: printable ASCII, single spaces
        return text
    if "`" in text or "\\" in text:
        cuts, _ = read_through(text)
        if cuts:
            text = "".join(
                text[a:b]
                for a, b in zip([0, *(e for _, e in cuts)], [*(s for s, _ in cuts), len(text)], strict=True)
            )
    if any(h in text for h in _HYPHENS):
        text = _HYPHENATION.sub("", text)
    return " ".join(text.translate(_TRANSLATE).replace("\u2026", "...").split())


# Every character ``str.isspace`` accepts (checked by a test): one of them alone,
# between two words, is one space.
_WHITESPACE = (
    "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_DELETED = "".join(chr(k) for k, v in _TRANSLATE.items() if v == "")
# One character for one: typographic marks to ASCII, and any whitespace to a space.
_ONE_FOR_ONE = [(chr(k), v) for k, v in _TRANSLATE.items() if v]
_ONE_FOR_ONE += [(ch, " ") for ch in _WHITESPACE if ch != " "]
# What is not one character for one, inside the text: runs of two or more
# whitespace or deleted characters, a deleted character alone, the ellipsis.
_EDITS = re.compile(f"[\\s{_DELETED}]{{2,}}|[{_DELETED}]|\u2026")
_SPACE_RUNS = re.compile(r"\s\s+")
"""The same, for text with no deleted characters and no ellipsis (faster)."""


def strip_markup(text: str) -> tuple[str, list[int], list[int]]:
    """Remove Markdown marks, as kept slices: the text and its (stripped, raw) segment starts."""
    links = list(_LINK.finditer(text))
    cuts = [(m.start(), m.start() + 1) for m in links] + [(m.end(1), m.end()) for m in links]
    cuts += [m.span() for m in _EMPHASIS.finditer(text)]
    cuts += [(m.start(), m.start() + 1) for m in _ESCAPE.finditer(text)]
    marked, marks = read_through(text)
    if marks:  # inside maths and code nothing else is Markdown
        starts = [m.start for m in marks]
        cuts = [c for c in cuts if not _inside(starts, marks, c[0])] + marked
    cuts.sort()
    pieces: list[str] = []
    dst: list[int] = []
    src: list[int] = []
    at = out = 0
    for start, end in [*cuts, (len(text), len(text))]:
        if start > at:
            pieces.append(text[at:start])
            dst.append(out)
            src.append(at)
            out += start - at
        at = max(at, end)
    return "".join(pieces), dst, src


def _inside(starts: list[int], marks: list[Mark], offset: int) -> bool:
    k = bisect.bisect_right(starts, offset) - 1
    return k >= 0 and offset < marks[k].end


def normalise_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """Normalise ``text`` (as :func:`normalise`), as the text and its (normalised, input) segment starts.

    Within a segment the offsets run on one for one. A space maps where the
    next character does (see :meth:`generator.text.source.SourceText.offset`).
    """
    pieces: list[str] = []
    dst: list[int] = []
    src: list[int] = []
    at = out = 0

    def segment(start: int, origin: int) -> None:
        if not dst or origin - src[-1] != start - dst[-1]:
            dst.append(start)
            src.append(origin)

    # Runs at either end are dropped.
    at = len(text) - len(text.lstrip(_WHITESPACE + _DELETED))
    stop = len(text.rstrip(_WHITESPACE + _DELETED))
    plain = "\u2026" not in text and not any(char in text for char in _DELETED)
    edits: Iterable[tuple[int, int, str]] = (
        (m.start(), m.end(), m.group()) for m in (_SPACE_RUNS if plain else _EDITS).finditer(text, at, stop)
    )
    cuts = [m.span() for h, found in _HYPHENATIONS if h in text for m in found.finditer(text, at, stop)]
    if cuts:
        edits = _with_cuts(edits, sorted(cuts))
    for start, end, found in edits:
        if start > at:
            segment(out, at)
            pieces.append(text[at:start])
            out += start - at
        at = end
        if found == "\u2026":
            for _ in range(3):
                dst.append(out)
                src.append(start)
                pieces.append(".")
                out += 1
        elif found.strip(_DELETED):
            pieces.append(" ")
            segment(out, end - 1)
            out += 1
    if at < stop:
        segment(out, at)
        pieces.append(text[at:stop])
    normalised = "".join(pieces)
    for char, replacement in _ONE_FOR_ONE:
        if char in normalised:
            normalised = normalised.replace(char, replacement)
    return normalised, dst, src


def _with_cuts(
    edits: Iterable[tuple[int, int, str]], cuts: list[tuple[int, int]]
) -> Iterator[tuple[int, int, str]]:
    """``edits`` with each of the ``cuts`` (line-end hyphenations, in order) as an edit that leaves
    nothing, in its place. An edit that starts inside a cut lies wholly inside it (a letter ends
    the cut, and no edit takes a letter), and goes with it."""
    k = 0
    for start, end, found in edits:
        while k < len(cuts) and cuts[k][0] <= start:
            yield cuts[k][0], cuts[k][1], ""
            k += 1
        if k and start < cuts[k - 1][1]:
            continue
        yield start, end, found
    for cut_start, cut_end in cuts[k:]:
        yield cut_start, cut_end, ""


def map_offset(dst: list[int], src: list[int], index: int) -> int:
    """Map ``index`` through segment starts (``dst`` → ``src``), as the two functions above return them."""
    k = bisect.bisect_right(dst, index) - 1
    return src[k] + index - dst[k]
