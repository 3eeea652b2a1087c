"""Source text normalisation and verbatim-quote lookup.

A quote is "verbatim" when it occurs in the source after both are normalised
the same way, so that authors can copy what a reader sees:

* Markdown-style marks kept by a web capture are read through: ``[text](url)``
  is ``text``, ``**bold**`` and ``__bold__`` are ``bold``, ``\\(`` is ``(``.
* Typographic quotes become ASCII quotes, dashes become ``-``, ``…`` is ``...``.
* Every run of whitespace (newlines included) is one space.

Case and everything else must match exactly.

``SourceText`` keeps, for every character of the normalised text, the offset
of the original character it came from, so a match can be reported as a line
and column in the source file.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.files import NotRegularFile, TooLarge, read_regular
from generator.text.pieces import PieceIndex

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
_NORMAL = re.compile(r"(?:[!-_a-~]+ )*[!-_a-~]+")
"""Text that normalises to itself: printable ASCII but the backtick, words apart by single spaces."""
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def normalise(text: str) -> str:
    """Normalise a quote (or any text) for comparison; markup is not stripped."""
    if _NORMAL.fullmatch(text):  # most quotes: printable ASCII, single spaces
        return text
    return " ".join(text.translate(_TRANSLATE).replace("\u2026", "...").split())


@dataclass(frozen=True)
class Span:
    """A match in the original source text: [start, end) character offsets."""

    start: int
    end: int


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


def _strip_markup_fast(text: str) -> tuple[str, list[int], list[int]]:
    """Remove Markdown marks, as kept slices: the text and its (stripped, raw) segment starts."""
    links = list(_LINK.finditer(text))
    cuts = [(m.start(), m.start() + 1) for m in links] + [(m.end(1), m.end()) for m in links]
    cuts += [m.span() for m in _EMPHASIS.finditer(text)]
    cuts += [(m.start(), m.start() + 1) for m in _ESCAPE.finditer(text)]
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


def _normalise_fast(text: str) -> tuple[str, list[int], list[int]]:
    """Normalise ``text`` (as :func:`normalise`), as the text and its (normalised, input) segment starts.

    Within a segment the offsets run on one for one. A space maps where the
    next character does (see :meth:`SourceText.offset`).
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
    for match in (_SPACE_RUNS if plain else _EDITS).finditer(text, at, stop):
        start, end = match.span()
        if start > at:
            segment(out, at)
            pieces.append(text[at:start])
            out += start - at
        at = end
        if match.group() == "\u2026":
            for _ in range(3):
                dst.append(out)
                src.append(start)
                pieces.append(".")
                out += 1
        elif match.group().strip(_DELETED):
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


def _map(dst: list[int], src: list[int], index: int) -> int:
    k = bisect.bisect_right(dst, index) - 1
    return src[k] + index - dst[k]


COARSE = (16, 16)
"""(gram, step) of the index every lookup of a quote of 31 characters or more uses."""
FINE = (6, 6)
"""(gram, step) of the index for quotes of 11 to 30 characters, once a document has had many."""
SCANS_BEFORE_FINE = 256
"""Shorter quotes are found by scanning the document until it has had this many (the fine
index costs about as much to build as 300 scans of it); quotes under 11 characters always are."""


@dataclass
class SourceText:
    """A source document, normalised once, searchable many times.

    Quotes are looked up in an index (:mod:`generator.text.pieces`, built on
    the first lookup) of the 16-character pieces of the normalised text at
    every 16th position: any occurrence of a quote of 31 characters or more
    covers one of them, so a lookup checks a few places instead of scanning
    the source. Shorter quotes get a finer index once there are many of them
    (see ``SCANS_BEFORE_FINE``).
    """

    raw: str
    normalised: str = field(init=False)
    _line_starts: list[int] = field(init=False, repr=False)
    _hay: list[str] = field(init=False, repr=False, default_factory=list)
    _starts: list[int] = field(init=False, repr=False, default_factory=list)

    def __post_init__(self) -> None:
        stripped, self._strip_dst, self._strip_src = _strip_markup_fast(self.raw)
        self.normalised, self._norm_dst, self._norm_src = _normalise_fast(stripped)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.raw)]
        self._coarse: PieceIndex | None = None
        self._fine: PieceIndex | None = None
        self._scans = 0
        self._found: dict[str, int] = {}

    def offset(self, index: int) -> int:
        """The raw offset of the character at ``index`` in the normalised text.

        A space (which stands for a run of whitespace) has the offset of the
        character after it.
        """
        if self.normalised[index] == " ":
            index += 1
        return _map(self._strip_dst, self._strip_src, _map(self._norm_dst, self._norm_src, index))

    @functools.cached_property
    def _offsets(self) -> list[int]:
        """The raw offset of every normalised character (for whole-text walks, e.g. coverage)."""
        return [self.offset(i) for i in range(len(self.normalised))]

    def _search(self, needle: str, anywhere: bool = False) -> int:
        """The first occurrence of ``needle`` in the normalised text, or -1 (like ``str.find``).

        With ``anywhere``, some occurrence, whichever an index meets first.
        """
        if len(needle) >= sum(COARSE) - 1:
            if self._coarse is None:
                self._coarse = PieceIndex(self.normalised, *COARSE)
            return self._coarse.search(needle, anywhere)
        if len(needle) >= sum(FINE) - 1:
            if self._fine is None:
                self._scans += 1
                if self._scans > SCANS_BEFORE_FINE:
                    self._fine = PieceIndex(self.normalised, *FINE)
            if self._fine is not None:
                return self._fine.search(needle, anywhere)
        return self.normalised.find(needle)

    def locate(self, quote: str) -> tuple[int, int]:
        """(start, length) of the first occurrence in the normalised text; start -1 if none."""
        needle = normalise(quote)
        if not needle:
            return -1, 0
        at = self._found.get(needle)
        if at is None:
            at = self._found[needle] = self._search(needle)
        return at, len(needle)

    def contains(self, quote: str) -> bool:
        """Whether ``quote`` occurs (cheaper than :meth:`find`: any occurrence will do)."""
        needle = normalise(quote)
        if not needle:
            return False
        at = self._found.get(needle)
        return (at if at is not None else self._search(needle, anywhere=True)) >= 0

    def find(self, quote: str) -> Span | None:
        """Where ``quote`` occurs (first occurrence), or None."""
        at, size = self.locate(quote)
        if at < 0:
            return None
        return self._span(at, at + size)

    def find_all(self, quote: str) -> list[Span]:
        """Every non-overlapping occurrence of ``quote``, in order."""
        needle = normalise(quote)
        spans: list[Span] = []
        at = self.normalised.find(needle) if needle else -1
        while at >= 0:
            spans.append(self._span(at, at + len(needle)))
            at = self.normalised.find(needle, at + len(needle))
        return spans

    def visible(self, start: int, end: int) -> list[int]:
        """Raw offsets in [start, end) of the characters a reader sees (no markup, no spaces)."""
        lo = bisect.bisect_left(self._offsets, start)
        hi = bisect.bisect_left(self._offsets, end)
        return sorted({self._offsets[i] for i in range(lo, hi) if self.normalised[i] != " "})

    def readable(self, start: int, end: int) -> str:
        """The normalised text of the raw range [start, end), markup read through."""
        lo = bisect.bisect_left(self._offsets, start)
        hi = bisect.bisect_left(self._offsets, end)
        return self.normalised[lo:hi].strip()

    @property
    def line_count(self) -> int:
        """Number of lines, as ``position`` counts them (a final newline starts no new line)."""
        return len(self._line_starts) - (not self.raw or self.raw.endswith("\n"))

    def lines_span(self, first: int, last: int) -> Span:
        """The raw text of lines ``first`` to ``last`` (1-based, inclusive, within the file)."""
        end = self._line_starts[last] if last < len(self._line_starts) else len(self.raw)
        return Span(self._line_starts[first - 1], end)

    def _span(self, start: int, end: int) -> Span:
        return Span(self.offset(start), self.offset(end - 1) + 1)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset in the raw text."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def closest(self, quote: str) -> tuple[int, str] | None:
        """The source passage most like ``quote``: (line, passage), or None.

        Bounded work whatever the sizes: passages are tried only where one of
        the quote's longest words occurs (at most ``MAX_CANDIDATES`` places),
        and compared word by word.
        """
        needle = normalise(quote).split(" ")
        if not needle[0] or not self.normalised:
            return None
        if not self._hay:  # the normalised text is words joined by single spaces
            self._hay = self.normalised.split(" ")
            self._starts = list(itertools.accumulate((len(w) + 1 for w in self._hay), initial=0))
        hay, text = self._hay, self.normalised
        starts: set[int] = set()
        for word in sorted(set(needle), key=len, reverse=True)[:8]:
            offset, at, tries = needle.index(word), text.find(word), 0
            while at >= 0 and tries < MAX_CANDIDATES * 4 and len(starts) < MAX_CANDIDATES:
                i = bisect.bisect_right(self._starts, at) - 1
                if self._starts[i] == at and hay[i] == word:
                    starts.add(max(0, i - offset))
                at, tries = text.find(word, at + 1), tries + 1
        if not starts:
            return None
        size = len(needle)

        def matcher(start: int) -> difflib.SequenceMatcher[str]:
            return difflib.SequenceMatcher(None, hay[start : start + size], needle, autojunk=False)

        # quick_ratio (shared words, linear) shortlists; ratio (word order) picks.
        ranked = sorted(starts, key=lambda s: (-matcher(s).quick_ratio(), s))[:5]
        head = needle[:120]
        best = max(
            ranked,
            key=lambda s: (difflib.SequenceMatcher(None, hay[s : s + len(head)], head).ratio(), -s),
        )
        passage = " ".join(hay[best : best + size])
        line, _ = self.position(self.offset(self._starts[best]))
        return line, passage


MAX_CANDIDATES = 100
"""How many places :meth:`SourceText.closest` compares a missing quote with."""

MAX_SOURCE_BYTES = 16 * 1024 * 1024
"""Source documents larger than this are refused."""


def read_source(path: Path) -> SourceText | str:
    """Load a source document, or return why it cannot be used."""
    try:
        data = read_regular(path, MAX_SOURCE_BYTES)
    except NotRegularFile:
        return f"{path} is not a regular file"
    except TooLarge:
        return f"{path} is larger than {MAX_SOURCE_BYTES:,} bytes"
    except OSError as exc:
        return f"cannot read {path}: {exc.strerror or exc}"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return f"{path} is not UTF-8 text (bad byte at offset {exc.start})"
    return SourceText(text)
