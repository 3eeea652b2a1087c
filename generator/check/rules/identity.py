"""Rules on card identity: ids that are slugs and unique, questions asked once."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from generator.check.rules.finding import Finding
from generator.check.rules.quality import fold
from generator.check.schema import SLUG_PATTERN
from generator.model import Card

_SLUG = re.compile(SLUG_PATTERN)


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
