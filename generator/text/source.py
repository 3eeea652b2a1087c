"""A source document: normalised once (:mod:`generator.text.normalise`), searched many times.

``SourceText`` keeps, for every character of the normalised text, the offset
of the original character it came from, so a match can be reported as a line
and column in the source file.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.files import NotRegularFile, TooLarge, read_regular
from generator.text.normalise import map_offset, normalise, normalise_with_offsets, strip_markup
from generator.text.pieces import PieceIndex


@dataclass(frozen=True)
class Span:
    """A match in the original source text: [start, end) character offsets."""

    start: int
    end: int


COARSE = (16, 16)
"""(gram, step) of the index every lookup of a quote of 31 characters or more uses."""
FINE = (6, 6)
"""(gram, step) of the index for quotes of 11 to 30 characters, once a document has had many."""
FINE_AFTER = 600
"""Shorter quotes are found by scanning the document until those scans have read this many times
its length: the fine index costs about as much to build as reading the document 900 times over
(measured at 1.3 MB), and a scan stops at the quote, so many short quotes in a long document
scan on while they are cheap and get the index once it pays: never more than about twice the
cheaper way. Quotes under 11 characters are always scanned."""


def _expand(dst: list[int], src: list[int], size: int) -> list[int]:
    """``map_offset(dst, src, i)`` for every ``i`` below ``size``, a segment at a time."""
    if not dst or dst[0] > 0:  # segments that do not start at 0: the plain way
        return [map_offset(dst, src, i) for i in range(size)] if dst else list(range(size))
    out: list[int] = []
    for k, start in enumerate(dst):
        stop = min(dst[k + 1] if k + 1 < len(dst) else size, size)
        if stop > start:
            out.extend(range(src[k], src[k] + stop - start))
    return out


@dataclass
class SourceText:
    """A source document, normalised once, searchable many times.

    Quotes are looked up in an index (:mod:`generator.text.pieces`, built on
    the first lookup) of the 16-character pieces of the normalised text at
    every 16th position: any occurrence of a quote of 31 characters or more
    covers one of them, so a lookup checks a few places instead of scanning
    the source. Shorter quotes get a finer index once there are many of them
    (see ``FINE_AFTER``).
    """

    raw: str
    normalised: str = field(init=False)
    _line_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        stripped, self._strip_dst, self._strip_src = strip_markup(self.raw)
        self.normalised, self._norm_dst, self._norm_src = normalise_with_offsets(stripped)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.raw)]
        self._coarse: PieceIndex | None = None
        self._fine: PieceIndex | None = None
        self._scanned = 0
        """How many characters the scans for quotes the fine index could find have read."""
        self._found: dict[str, int] = {}

    def offset(self, index: int) -> int:
        """The raw offset of the character at ``index`` in the normalised text.

        A space (which stands for a run of whitespace) has the offset of the
        character after it.
        """
        if self.normalised[index] == " ":
            index += 1
        return map_offset(self._strip_dst, self._strip_src, map_offset(self._norm_dst, self._norm_src, index))

    @functools.cached_property
    def _offsets(self) -> list[int]:
        """The raw offset of every normalised character (for whole-text walks, e.g. coverage).

        What :meth:`offset` gives for each index, worked out a segment at a time (a range of offsets
        at C speed) instead of two searches per character: a long document's coverage spent most of
        its time here.
        """
        size = len(self.normalised)
        through_norm = _expand(self._norm_dst, self._norm_src, size + 1)
        raw = _expand(self._strip_dst, self._strip_src, max(through_norm, default=0) + 1)
        mapped = list(map(raw.__getitem__, through_norm))
        offsets = mapped[:size]
        at = self.normalised.find(" ")
        while at >= 0:  # a space has the offset of the character after it
            offsets[at] = mapped[at + 1]
            at = self.normalised.find(" ", at + 1)
        return offsets

    @functools.cached_property
    def words(self) -> tuple[list[str], list[int]]:
        """The normalised text's words and where each starts in it (words are one space apart)."""
        hay = self.normalised.split(" ")
        return hay, list(itertools.accumulate((len(w) + 1 for w in hay), initial=0))

    def _search(self, needle: str, anywhere: bool = False) -> int:
        """The first occurrence of ``needle`` in the normalised text, or -1 (like ``str.find``).

        With ``anywhere``, some occurrence, whichever an index meets first.
        """
        if len(needle) >= sum(COARSE) - 1:
            if self._coarse is None:
                self._coarse = PieceIndex(self.normalised, *COARSE)
            return self._coarse.search(needle, anywhere)
        if len(needle) >= sum(FINE) - 1:
            if self._fine is None and self._scanned > FINE_AFTER * len(self.normalised):
                self._fine = PieceIndex(self.normalised, *FINE)
            if self._fine is not None:
                return self._fine.search(needle, anywhere)
            at = self.normalised.find(needle)
            self._scanned += len(self.normalised) if at < 0 else at + len(needle)
            return at
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


MAX_SOURCE_BYTES = 16 * 1024 * 1024
"""Source documents larger than this are refused."""


@dataclass(frozen=True)
class Unreadable:
    """Why a source document cannot be used, and what to do about it."""

    problem: str
    fix: str

    def __str__(self) -> str:
        return f"{self.problem}; {self.fix}"


def _not_utf8(path: Path, data: bytes, at: int) -> Unreadable:
    """The first byte that is not UTF-8, by line and column, and how to convert the file."""
    before = data[:at]
    line = before.count(b"\n") + 1
    col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
    converted = path.with_name(f"{path.stem}-utf8{path.suffix}")
    return Unreadable(
        f"{path} is not UTF-8 text (byte 0x{data[at]:02x} at line {line}, column {col})",
        f"save it as UTF-8, or convert it, for example: iconv -f cp1252 -t utf-8 {path} > {converted} "
        "(cp1252 also reads Latin-1), and point file: at the new file",
    )


def read_source(path: Path, shown: str | None = None) -> SourceText | Unreadable:
    """Load a source document, or say why it cannot be used and what to do (naming it ``shown``)."""
    where = "fix its file: path (relative to the cards file)"
    data = _read(path, Path(shown) if shown is not None else path, where)
    if isinstance(data, Unreadable):
        return data
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _not_utf8(Path(shown) if shown is not None else path, data, exc.start)
    return SourceText(text)


def _read(real: Path, path: Path, where: str) -> bytes | Unreadable:
    try:
        return read_regular(real, MAX_SOURCE_BYTES)
    except NotRegularFile:
        return Unreadable(f"{path} is not a regular file", where)
    except TooLarge:
        return Unreadable(
            f"{path} is larger than {MAX_SOURCE_BYTES:,} bytes", "split it into smaller documents"
        )
    except FileNotFoundError:
        return Unreadable(f"{path} does not exist", where)
    except OSError as exc:
        return Unreadable(f"cannot read {path}: {exc.strerror or exc}", "make it readable, or " + where)
