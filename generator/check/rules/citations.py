"""Rules on sources and the quotes from them (references and grounding).

Whether each cited source is defined and each defined source cited, then,
document by document, whether every quote occurs in its document
(:mod:`generator.text.source`) and every ignore entry still matches.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator, Sequence

from generator.check.rules.finding import Finding
from generator.check.rules.ignores import check_source
from generator.model import Card, Evidence, Source
from generator.slugs import SLUG_PATTERN
from generator.text.closest import clip, closest, difference
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
            yield ev.pos, "E305", _not_found(ev.quote, ev.source, source.display, text)
    yield from check_source(source, text)


def _not_found(quote: str, key: str, file: str, text: SourceText) -> str:
    """E305's message: why an ellipsis cannot match; or the closest passage, and the first words
    that differ, whole."""
    if "..." in normalise(quote) and "..." not in text.normalised:
        return f"quote not found in {file}: {_skipping(quote, key)}"
    message = f"quote not found in {file}; copy the words exactly"
    hint = closest(text, quote)
    if hint is None:
        return message
    line, passage = hint
    differs = difference(quote, passage)
    if differs is not None:
        wrote, source = (clip(words or "(nothing)", 60) for words in differs)
        message += f": the quote has {wrote!r} where the source has {source!r}"
    return f"{message}; closest passage, line {line}: {clip(passage, 160)!r}"


_ELLIPSIS = re.compile(r"\s*[\[(]?(?:\.\.\.|\u2026)[\])]?\s*")
"""An ellipsis written for words left out: ``...``, ``…``, ``[...]`` or ``(…)``."""


def _skipping(quote: str, key: str) -> str:
    """What to write instead of a quote that skips words with an ellipsis: its passages, as a list."""
    parts = [" ".join(part.split()) for part in _ELLIPSIS.split(quote.strip())]
    parts = [part for part in parts if part]
    why = "a quote with an ellipsis ('...') cannot match, as the source has no dots there"
    if len(parts) == 1:
        return f"{why}; quote the words without it: {key}: {json.dumps(parts[0], ensure_ascii=False)}"
    listed = ", ".join(json.dumps(part, ensure_ascii=False) for part in parts)
    return f"{why}; to skip words, give a list of quotes, one a passage: {key}: [{listed}]"
