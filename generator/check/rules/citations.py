"""Rules on sources and the quotes from them (references and grounding).

Whether each cited source is defined and each defined source cited, then,
document by document, whether every quote occurs in its document
(:mod:`generator.text.source`) and every ignore entry still matches.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence

from generator.check.rules.finding import Finding
from generator.check.rules.ignores import check_source
from generator.model import Card, Evidence, Source
from generator.slugs import SLUG_PATTERN
from generator.text.closest import closest
from generator.text.normalise import normalise
from generator.text.source import SourceText, read_source

_SLUG = re.compile(SLUG_PATTERN)

Cited = dict[str, list[tuple[str, Evidence]]]


def cite(sources: dict[str, Source], cards: Sequence[Card]) -> Cited:
    """The evidence quoted from each defined source, with the id of the card that quotes it."""
    cited: Cited = {key: [] for key in sources}
    for card in cards:
        for ev in card.evidence:
            if ev.source in cited:
                cited[ev.source].append((card.id, ev))
    return cited


def check_sources(
    sources: dict[str, Source],
    cards: Sequence[Card],
    cited: Cited,
    documents: dict[str, list[Finding]],
) -> Iterator[Finding]:
    """E201 unknown sources; E301 source keys that are not slugs; W202 unused; then, source by
    source, what :func:`check_documents` found."""
    for card in cards:
        for ev in card.evidence:
            if ev.source in cited:
                continue
            hint = difflib.get_close_matches(ev.source, list(sources), n=1, cutoff=0.6)
            known = f"did you mean {hint[0]!r}?" if hint else "define it under sources:"
            yield (
                ev.key_pos or ev.pos,
                "E201",
                f"card {card.id!r} cites source {ev.source!r}, which is not defined; {known}",
            )
    for key, source in sources.items():
        if not _SLUG.match(key):
            yield (
                source.pos,
                "E301",
                f"source key {key!r} is not a slug: use lowercase letters, digits and single hyphens",
            )
        if not cited[key]:
            yield source.pos, "W202", f"source {key!r} is cited by no card; cite it or remove it"
        yield from documents[key]


def check_documents(sources: dict[str, Source], cited: Cited) -> dict[str, list[Finding]]:
    """Per source: E203 its file; E303/E305 the quotes from it; E310-E312 its ignore entries.

    One source at a time: its document is loaded, all quotes from it and its
    ignore entries are checked, and it is let go before the next is loaded.
    """
    return {key: list(_check_document(source, cited[key])) for key, source in sources.items()}


def _check_document(source: Source, quoted: list[tuple[str, Evidence]]) -> Iterator[Finding]:
    text = read_source(source.path, source.display)
    if not isinstance(text, SourceText):
        yield source.pos, "E203", f"source {source.key!r}: {text}"
        return
    for card_id, ev in quoted:
        if text.contains(ev.quote):
            continue
        if not normalise(ev.quote):
            yield ev.pos, "E303", f"card {card_id!r} has an empty quote from {ev.source!r}; quote the source"
        else:
            yield ev.pos, "E305", _not_found(ev.quote, source.display, text)
    yield from check_source(source, text)


def _not_found(quote: str, file: str, text: SourceText) -> str:
    """E305's message: the closest passage, and the first words that differ."""
    message = f"quote not found in {file}; copy the words exactly"
    hint = closest(text, quote)
    if hint is None:
        return message
    line, passage = hint
    ours, theirs = normalise(quote).split(" "), passage.split(" ")
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes():
        if op != "equal":
            wrote, source = " ".join(ours[a1:a2]) or "(nothing)", " ".join(theirs[b1:b2]) or "(nothing)"
            message += f": the quote has {_clip(wrote)!r} where the source has {_clip(source)!r}"
            break
    return f"{message}; closest passage, line {line}: {_clip(passage, 160)!r}"


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
