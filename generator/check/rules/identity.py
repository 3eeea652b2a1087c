"""Rules on card identity: ids that are slugs and unique, questions asked once."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from generator.check.rules.finding import Finding, where
from generator.check.rules.quality import fold
from generator.check.schema import KINDS
from generator.model import Card, CardKind
from generator.slugs import SLUG_PATTERN

_SLUG = re.compile(SLUG_PATTERN)


def check_ids(cards: Sequence[Card]) -> Iterator[Finding]:
    """E301 ids that are not slugs; E302 duplicate ids; E309 ids equal but for case. Earlier ids
    (``was:``) too: each a slug, no card's id, and one card's only."""
    yield from _ids(cards)
    yield from _earlier_ids(cards)


def _earlier_ids(cards: Sequence[Card]) -> Iterator[Finding]:
    ids = {card.id: card for card in cards}
    claimed: dict[str, Card] = {}
    for card in cards:
        here = card.at("was")
        for old in card.was:
            said = f"card {card.id!r} was {old!r}"
            if not _SLUG.match(old):
                yield here, "E301", f"{said}, which is not a slug: earlier ids are card ids"
            elif old in ids:
                other = ids[old]
                whose = (
                    "its own id"
                    if other is card
                    else f"the id of card {old!r} ({where(other.at('id'), here)})"
                )
                yield (
                    here,
                    "E302",
                    f"{said}, {whose}: the note of {old!r} goes to the card renamed from it, so no card "
                    "may have that id; give the card another id",
                )
            elif old in claimed:
                first = claimed[old]
                yield (
                    here,
                    "E302",
                    f"{said}, as card {first.id!r} was ({where(first.at('was'), here)}): one note goes to "
                    f"one card; keep {old!r} on one of them",
                )
            claimed.setdefault(old, card)


def _ids(cards: Sequence[Card]) -> Iterator[Finding]:
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
            here = card.at("id")
            yield (
                here,
                "E302",
                (
                    f"duplicate card id {card.id!r}, first used at {where(seen[card.id].at('id'), here)}; "
                    "give each card its own id"
                ),
            )
            continue
        seen[card.id] = card
        other = folded.get(card.id.casefold())
        if other is not None:
            here = card.at("id")
            yield (
                here,
                "E309",
                (
                    f"card id {card.id!r} differs only in case from {other.id!r} "
                    f"({where(other.at('id'), here)}); ids are lowercase slugs"
                ),
            )
        folded.setdefault(card.id.casefold(), card)


PROMPTS = {
    CardKind.BASIC: ("question",),
    CardKind.TYPE_IN: ("question",),
    CardKind.REVERSED: ("question", "answer"),
    CardKind.CLOZE: ("text",),
}
"""The fields a card of each kind shows as a prompt (a reversed card asks its answer too)."""


def check_text(cards: Sequence[Card]) -> Iterator[Finding]:
    """E303 empty question, answer or text; E304 the same prompt twice (question, or cloze text)."""
    prompts: dict[str, tuple[Card, str]] = {}
    for card in cards:
        for name in KINDS[card.kind].keys:
            if not getattr(card, name).strip():
                yield card.at(name), "E303", f"card {card.id!r} has an empty {name}; write the {name}"
        for name in PROMPTS[card.kind]:
            key = fold(getattr(card, name))
            if not key:
                continue
            if key not in prompts:
                prompts[key] = (card, name)
                continue
            first, first_name = prompts[key]
            if first is card:
                continue
            here = card.at(name)
            same = "question" if name == first_name == "question" else "prompt"
            yield (
                here,
                "E304",
                (
                    f"card {card.id!r} asks the same {same} as {first.id!r} "
                    f"({where(first.at(first_name), here)}); merge the cards or make the {same}s differ"
                ),
            )
