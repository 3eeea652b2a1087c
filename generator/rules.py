"""Rules on the meaning of a structurally sound cards file.

Each rule is a small function over the model that yields diagnostics:
identity (ids, duplicates), references (sources), grounding (quotes found in
their documents), tags, and card quality (warnings).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Sequence

from .diagnostics import Diagnostic, make
from .grounding import SourceText, normalise, read_source
from .ignores import check_source
from .model import Card, Evidence, Pos, Source
from .schema import SLUG_PATTERN
from .style import check_quality, fold

_SLUG = re.compile(SLUG_PATTERN)

Finding = tuple[Pos, str, str]


def check_ids(cards: Sequence[Card]) -> Iterator[Finding]:
    """E301 ids that are not slugs; E302 duplicate ids; E309 ids equal but for case."""
    seen: dict[str, Card] = {}
    folded: dict[str, Card] = {}
    for card in cards:
        if not _SLUG.match(card.id):
            yield (
                card.at("id"),
                "E301",
                (f"card id {card.id!r} is not a slug: use lowercase letters, digits and single hyphens"),
            )
        if card.id in seen:
            first = seen[card.id].at("id")
            yield (
                card.at("id"),
                "E302",
                (
                    f"duplicate card id {card.id!r}, first used at line {first.line}, column {first.col}; "
                    "give each card its own id"
                ),
            )
            continue
        seen[card.id] = card
        other = folded.get(card.id.casefold())
        if other is not None:
            at = other.at("id")
            yield (
                card.at("id"),
                "E309",
                (
                    f"card id {card.id!r} differs only in case from {other.id!r} "
                    f"(line {at.line}, column {at.col}); ids are lowercase slugs"
                ),
            )
        folded.setdefault(card.id.casefold(), card)


def check_text(cards: Sequence[Card]) -> Iterator[Finding]:
    """E303 empty question or answer; E304 the same question twice."""
    questions: dict[str, Card] = {}
    for card in cards:
        for name in ("question", "answer"):
            if not getattr(card, name).strip():
                yield card.at(name), "E303", f"card {card.id!r} has an empty {name}; write the {name}"
        key = fold(card.question)
        if not key:
            continue
        if key in questions:
            first = questions[key]
            at = first.at("question")
            yield (
                card.at("question"),
                "E304",
                (
                    f"card {card.id!r} asks the same question as {first.id!r} "
                    f"(line {at.line}, column {at.col}); merge the cards or make the questions differ"
                ),
            )
        else:
            questions[key] = card


def check_sources(sources: dict[str, Source], cards: Sequence[Card]) -> Iterator[Finding]:
    """E301 source keys that are not slugs; E201 unknown sources; W202 unused; E203 files;
    E305 quotes; E310-E312 ignore entries.

    One source at a time: its document is loaded, all quotes from it and its
    ignore entries are checked, and it is let go before the next is loaded.
    """
    cited: dict[str, list[tuple[Card, Evidence]]] = {key: [] for key in sources}
    for card in cards:
        for ev in card.evidence:
            if ev.source in cited:
                cited[ev.source].append((card, ev))
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
        text = read_source(source.path)
        if isinstance(text, str):
            yield (
                source.pos,
                "E203",
                f"source {key!r}: {text}; fix its file: path (relative to the cards file)",
            )
            continue
        for card, ev in cited[key]:
            if text.contains(ev.quote):
                continue
            if not normalise(ev.quote):
                yield (
                    ev.pos,
                    "E303",
                    f"card {card.id!r} has an empty quote from {ev.source!r}; quote the source",
                )
            else:
                yield ev.pos, "E305", _not_found(ev.quote, source.file, text)
        yield from check_source(source, text)


def _not_found(quote: str, file: str, text: SourceText) -> str:
    """E305's message: the closest passage, and the first words that differ."""
    message = f"quote not found in {file}; copy the words exactly"
    hint = text.closest(quote)
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


def _tag_problem(tag: str) -> str | None:
    if not tag.strip():
        return "is empty"
    if any(ch.isspace() for ch in tag):
        return "contains whitespace (Anki would split it into several tags)"
    if '"' in tag or any(unicodedata.category(ch) == "Cc" for ch in tag):
        return "contains a quote or control character"
    if tag.startswith(":") or tag.endswith(":") or ":::" in tag:
        return "has a stray ':' (use '::' between hierarchy levels)"
    return None


def check_tags(tags: Sequence[tuple[str, Pos]]) -> Iterator[Finding]:
    """E306 tags that Anki would split, merge or mangle (each distinct tag judged once)."""
    verdicts: dict[str, str | None] = {}
    for tag, at in tags:
        if tag not in verdicts:
            verdicts[tag] = _tag_problem(tag)
        problem = verdicts[tag]
        if problem is not None:
            yield at, "E306", f"tag {tag!r} {problem}; use letters, digits, '-', '_' and '::' only"


def check(
    path: str, sources: dict[str, Source], cards: Sequence[Card], tags: Sequence[tuple[str, Pos]]
) -> list[Diagnostic]:
    """Run every rule; return the diagnostics in the order found."""
    findings: list[Finding] = [
        *check_ids(cards),
        *check_text(cards),
        *check_sources(sources, cards),
        *check_tags(tags),
        *check_quality(cards),
    ]
    return [make(path, at.line, at.col, code, message) for at, code, message in findings]
