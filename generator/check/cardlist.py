"""A deck's ``cards:`` list: cards, groups of cards in a subdeck, and included files.

Each item of a cards list is

- a card;
- a group, ``{deck: Part, cards: [...]}``: its cards go into the subdeck
  ``Part`` (below the group's own subdeck, if it is in one);
- an include, ``{include: parts/more.yaml, deck: Part}``: the cards of
  another file (a ``cards:`` list of the same items), optionally into a
  subdeck. Its path is relative to the file it is written in
  (:mod:`generator.load.include`).

Every position keeps the file it is in, so a problem in an included file is
reported at its own file, line and column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.check.reader import Reader, kind
from generator.check.schema import GROUP, INCLUDE, INCLUDED, ITEM_KEYS
from generator.check.subdecks import Subdecks
from generator.load import include
from generator.load.nodes import MappingNode, Node, ScalarNode, SequenceNode
from generator.model import Card, Pos

CardReader = Callable[[Reader, int, Node, list[tuple[str, Pos]], tuple[str, Subdecks]], Card | None]
"""Reads one card: (reader, its number in its list, node, tag sink, (its group's subdeck, subdecks))."""


@dataclass
class Collected:
    """What reading a deck's cards lists collects, whichever file they are in."""

    read_card: CardReader
    includes: include.Includes
    cards: list[Card]
    tags: list[tuple[str, Pos]]
    subdecks: Subdecks


@dataclass(frozen=True)
class Place:
    """Where a list is read: the file (its reader, its path, the files including it) and subdeck."""

    r: Reader
    path: Path
    chain: tuple[Path, ...]
    subdeck: str = ""


def read(deck: Collected, place: Place, node: Node, what: str = "cards") -> None:
    """Read the cards list ``node`` at ``place`` into ``deck``."""
    r = place.r
    if not isinstance(node, SequenceNode):
        r.report(r.pos(node), "E101", f"{what} must be a list of cards, not {kind(node)}")
        return
    read_card, tags, add = deck.read_card, deck.tags, deck.cards.append  # once: there may be 50,000
    within = (place.subdeck, deck.subdecks)
    for number, item in enumerate(node.value, 1):
        special = special_item(item)
        if special is None:
            card = read_card(r, number, item, tags, within)
            if card is not None:
                add(card)
        elif special == "include":
            _include(deck, place, number, item)
        else:
            _group(deck, place, number, item)


def special_item(item: Node) -> str | None:
    """'include' or 'cards' when the item has that key (an include, a group), else None (a card)."""
    if type(item) is not MappingNode or not item.value:
        return None
    first = item.value[0][0]
    if type(first) is ScalarNode and first.value == "id":
        return None  # a card, as nearly every item is (a group or include has no id)
    found = None
    for key, _ in item.value:
        if type(key) is ScalarNode and key.value in ITEM_KEYS:
            if key.value == "include":
                return "include"
            found = "cards"
    return found


def _group(deck: Collected, place: Place, number: int, node: Node) -> None:
    r, what = place.r, f"group {number}"
    fields = r.mapping(node, GROUP, what)
    if fields is None or "deck" not in fields:
        return
    subdeck = deck.subdecks.join(r, fields["deck"][1], place.subdeck, what)
    if "cards" in fields:  # read even under a bad subdeck name: its cards' problems are reported too
        inside = Place(r, place.path, place.chain, place.subdeck if subdeck is None else subdeck)
        read(deck, inside, fields["cards"][1], f"{what} cards")


def _include(deck: Collected, place: Place, number: int, node: Node) -> None:
    r, what = place.r, f"include {number}"
    fields = r.mapping(node, INCLUDE, what)
    if fields is None or "include" not in fields:
        return
    written = r.text(fields["include"][1], f"{what} path")
    subdeck = place.subdeck
    if "deck" in fields:
        subdeck = deck.subdecks.join(r, fields["deck"][1], place.subdeck, what) or place.subdeck
    if written is None:
        return
    at = r.pos(fields["include"][1])
    found = deck.includes.resolve(
        written, place.path, r.path, place.chain, f"line {at.line}, column {at.col} of {r.path}"
    )
    if isinstance(found, tuple):
        r.report(at, *found)
        return
    doc = include.load(found)
    if isinstance(doc, str):
        close = include.close_to(written, place.path)
        fix = f"did you mean {close!r}?" if close else "check the include path"
        r.report(at, "E206", f"cannot read the included file {found.shown}: {doc}; {fix}")
        return
    sub = Reader(doc.path, doc.text)
    sub.diagnostics = r.diagnostics  # one list for the whole deck
    sub.diagnostics.extend(doc.diagnostics)
    if doc.root is None:
        return
    top = sub.mapping(doc.root, INCLUDED, "an included file")
    if top is not None and "cards" in top:
        read(deck, Place(sub, found.path, (*place.chain, found.path), subdeck), top["cards"][1])
