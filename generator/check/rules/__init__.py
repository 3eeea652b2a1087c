"""Rules on the meaning of a structurally sound cards file.

Each rule is a small function over the model that yields diagnostics:
identity (ids, duplicates), references (sources), grounding (quotes found in
their documents), tags, and card quality (warnings).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from generator.check.parallel import start
from generator.check.rules import citations
from generator.check.rules.quality import check_quality, fold
from generator.check.schema import SLUG_PATTERN
from generator.diagnostics import Diagnostic, make
from generator.model import Card, Pos, Source

_SLUG = re.compile(SLUG_PATTERN)

Finding = tuple[Pos, str, str]

FORK_QUOTES = 2_000
"""From this many quotes on, a helper process looks them up (see :mod:`generator.check.parallel`)."""
HELPER_SHARE = 0.65
"""The share of the documents' work the helper takes: the other rules are about a third of it."""


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
    """Run every rule; return the diagnostics in the order found.

    When a helper process is worth it, it looks up the quotes from most of
    the documents while the other rules run here, then the rest of the
    documents are checked here.
    """
    cited = citations.cite(sources, cards)
    worth_it = sum(len(c) for c in cited.values()) >= FORK_QUOTES
    aside, here = citations.split(sources, cited, HELPER_SHARE) if worth_it else (sources, {})
    documents = start(lambda: citations.check_documents(aside, cited), worth_it=worth_it)
    try:
        findings: list[Finding] = [*check_ids(cards), *check_text(cards)]
        later = [*check_tags(tags), *check_quality(cards)]
        found = citations.check_documents(here, cited)
    except BaseException:
        documents.abandon()
        raise
    found.update(documents.result())
    findings += citations.check_sources(sources, cards, cited, found)
    findings += later
    return [make(path, at.line, at.col, code, message) for at, code, message in findings]
