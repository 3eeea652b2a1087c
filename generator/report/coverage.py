"""Source coverage: which sentences of each document the cards' evidence covers.

Each source document is split into *units* over its raw text, so every unit
keeps exact offsets and line numbers:

* Paragraphs are runs of non-blank lines. A list item (``•``, ``-``, ``*``,
  ``+``, ``1.`` or ``1)`` at the start of a line) starts a unit of its own, and
  so does a Markdown heading line (``# ...``).
* Inside a paragraph or list item, a sentence ends at ``.``, ``!``, ``?`` or
  ``…`` (with any closing quotes or brackets) followed by whitespace, unless
  the next word starts in lower case or the word is a common abbreviation.
  Markdown marks a captured page keeps (``[text](#)``, ``**bold**``) are read
  through, as in quote lookup; they never count as text.
* A **heading** is a Markdown heading line, or a paragraph of one line with at
  most :data:`generator.text.sentences.HEADING_MAX_WORDS` words that does not end like a statement
  (``.``, ``!``, ``:``, ``;``, ``,``, ``…``); a short one-line question ("How do
  lesions form?") is a heading too, as web articles title sections that way.
  Headings name a topic and state no fact, so they never count as content;
  list items are never headings.
* A **numbered section title** is a heading too: the first sentence of a
  numbered paragraph that reads as a title ("1. Definitions.", "2. Grant of
  Copyright License. ..."), or a label such as "Section 4." with its title
  (:func:`generator.text.sentences.is_title`).

A unit is **covered** when the cards' evidence quotes (each at the place the
checker finds it, its first occurrence) together cover at least
:data:`COVERED_SHARE` of its characters that are not ignored: a quote of the
fact-bearing half of a sentence covers it; a few words quoted from a long
sentence do not (it is reported as partly covered). It is **ignored** when
not covered and the source's ``ignore`` entries cover at least that share of
its characters. The **content** of a source is its sentences less the
ignored ones; its coverage is covered content over content.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.model import Card, CardsFile, Source
from generator.text.ignores import resolve
from generator.text.sentences import Kind, Status, Unit, lines, split
from generator.text.source import SourceText, Span, read_source

__all__ = ["Kind", "SourceCoverage", "Status", "Unit", "lines", "measure", "measure_all", "split"]

COVERED_SHARE = 0.5


@dataclass(frozen=True)
class Cite:
    """Where a card's evidence quote sits in a source."""

    span: Span
    card: str


@dataclass(frozen=True)
class Ignored:
    """A passage an ignore entry matched."""

    span: Span
    reason: str


@dataclass
class SourceCoverage:
    """The coverage of one source document."""

    source: Source
    text: SourceText
    units: list[Unit] = field(default_factory=list)
    cites: list[Cite] = field(default_factory=list)
    ignored_spans: list[Ignored] = field(default_factory=list)

    def _count(self, status: Status) -> int:
        return sum(1 for u in self.units if u.kind == "sentence" and u.status == status)

    @property
    def sentences(self) -> int:
        return sum(1 for u in self.units if u.kind == "sentence")

    @property
    def headings(self) -> int:
        return sum(1 for u in self.units if u.kind == "heading")

    @property
    def covered(self) -> int:
        return self._count("covered")

    @property
    def uncovered(self) -> int:
        return self._count("uncovered")

    @property
    def ignored(self) -> int:
        return self._count("ignored")

    @property
    def content(self) -> int:
        return self.covered + self.uncovered

    @property
    def percent(self) -> float:
        """Covered share of the content sentences; 100 when there is no content."""
        return 100.0 * self.covered / self.content if self.content else 100.0

    @property
    def ignored_share(self) -> float:
        """Share of the document's visible characters (all units) in ignored units."""
        sizes = [(len(self.text.visible(u.start, u.end)), u.status == "ignored") for u in self.units]
        total = sum(n for n, _ in sizes)
        return sum(n for n, ignored in sizes if ignored) / total if total else 0.0

    def below(self, floor: float) -> bool:
        """True when coverage falls below ``floor`` percent."""
        return self.covered * 100 < floor * self.content

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source.key,
            "title": self.source.title,
            "file": self.source.file,
            "sentences": self.sentences,
            "content": self.content,
            "covered": self.covered,
            "uncovered": self.uncovered,
            "ignored": self.ignored,
            "headings": self.headings,
            "percent": round(self.percent, 2),
            "ignored_share": round(self.ignored_share, 4),
            "units": [
                {
                    "line": u.line,
                    "end_line": u.end_line,
                    "kind": u.kind,
                    "status": u.status,
                    "share": round(u.share, 4),
                    "text": u.text,
                    "cards": list(u.cards),
                    "reasons": list(u.reasons),
                }
                for u in self.units
            ],
        }


def _mark(size: int, spans: Sequence[Span]) -> bytearray:
    mask = bytearray(size)
    for span in spans:
        mask[span.start : span.end] = b"\x01" * (span.end - span.start)
    return mask


def _overlapping(spans: Sequence[Span], candidates: Sequence[int], offsets: Sequence[int]) -> list[int]:
    """Indexes of the spans, among ``candidates`` (in order), that contain any of ``offsets`` (sorted)."""
    out = []
    for i in candidates:
        span = spans[i]
        at = bisect.bisect_left(offsets, span.start)
        if at < len(offsets) and offsets[at] < span.end:
            out.append(i)
    return out


def _near(units: Sequence[Unit], spans: Sequence[Span]) -> list[list[int]]:
    """For each unit, the indexes (in order) of the spans that reach into its range: each span is
    looked for only among the units it reaches, so the work grows with the spans' lengths, not with
    units times spans."""
    starts = [u.start for u in units]
    near: list[list[int]] = [[] for _ in units]
    for i, span in enumerate(spans):
        at = max(bisect.bisect_right(starts, span.start) - 1, 0)
        while at < len(units) and units[at].start < span.end:
            if units[at].end > span.start:
                near[at].append(i)
            at += 1
    return near


def _assess(
    unit: Unit,
    text: SourceText,
    result: SourceCoverage,
    masks: tuple[bytearray, bytearray],
    *,
    near: tuple[list[int], list[int]],
    spans: tuple[list[Span], list[Span]],
) -> Unit:
    cites, ignored = result.cites, result.ignored_spans
    quoted, skipped = masks
    seen = text.visible(unit.start, unit.end)
    kept = [o for o in seen if not skipped[o]]
    base = kept or seen
    share = sum(1 for o in base if quoted[o]) / len(base)
    ignored_share = 1 - len(kept) / len(seen)
    cited = _overlapping(spans[0], near[0], seen)
    skipping = _overlapping(spans[1], near[1], seen)
    cards = tuple(dict.fromkeys(cites[i].card for i in cited))
    reasons = tuple(dict.fromkeys(ignored[i].reason for i in skipping))
    status: Status
    if share > 0 and share >= COVERED_SHARE:
        status = "covered"
    elif ignored_share >= COVERED_SHARE:
        status = "ignored"
    elif unit.kind == "heading":
        status = "heading"
    else:
        status = "uncovered"
    return Unit(
        unit.start,
        unit.end,
        unit.line,
        unit.end_line,
        unit.kind,
        unit.text,
        status,
        share,
        cards,
        reasons,
    )


def measure(source: Source, text: SourceText, cards: Sequence[Card]) -> SourceCoverage:
    """The coverage of one source by the evidence of ``cards`` (and its ignore entries)."""
    result = SourceCoverage(source, text)
    for card in cards:
        for ev in card.evidence:
            if ev.source == source.key:
                span = text.find(ev.quote)
                if span is not None:
                    result.cites.append(Cite(span, card.id))
    for entry in source.ignore:
        result.ignored_spans.extend(Ignored(span, entry.reason) for span in resolve(entry, text))
    spans = [c.span for c in result.cites], [i.span for i in result.ignored_spans]
    masks = _mark(len(text.raw), spans[0]), _mark(len(text.raw), spans[1])
    units = split(text)
    near = _near(units, spans[0]), _near(units, spans[1])
    result.units = [
        _assess(u, text, result, masks, near=(near[0][n], near[1][n]), spans=spans)
        for n, u in enumerate(units)
    ]
    return result


def measure_all(sources: dict[str, Source], cards: Sequence[Card]) -> list[SourceCoverage] | str:
    """Coverage of every source, in the order the cards file lists them; or why a file cannot be read."""
    out = []
    for source in sources.values():
        loaded = read_source(source.path, source.display)
        if not isinstance(loaded, SourceText):
            return str(loaded)
        out.append(measure(source, loaded, cards))
    return out


def coverage(cards_file: CardsFile) -> list[SourceCoverage] | str:
    """Coverage of every source of a checked cards file; or why a source file cannot be read."""
    return measure_all(cards_file.sources, cards_file.cards)
