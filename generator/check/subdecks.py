"""Subdecks: the ``deck:`` of a card, a group of cards or an include, below the deck.

A subdeck's name is written below the deck's own (``Imaging``, or
``Imaging::MRI`` one level deeper); a group's or an include's subdeck is the
parent of the subdecks written inside it. Anki matches decks by name, case
aside, so each name must be one Anki keeps as written, and one subdeck must
be spelt one way throughout the deck (E108).
"""

from __future__ import annotations

from generator.check.decknames import INVISIBLE, deck_name_problems
from generator.check.reader import Reader
from generator.check.rules.finding import where
from generator.codes import EXAMPLE_CARDS, Doc, cards
from generator.load.nodes import Node, ScalarNode
from generator.model import Pos


def name_problem(name: str) -> str | None:
    """Why Anki would not keep ``name`` (a subdeck's name below its parent) as written, or None."""
    if not name.strip():
        return "is empty"
    parts = name.split("::")
    if any(not part.strip() for part in parts):
        return "has an empty part: write 'Part::Sub', with no '::' at either end or twice in a row"
    if any(part != part.strip() for part in parts):
        return "has spaces at the start or end of a part, which Anki would remove"
    if any(":" in part for part in parts):
        return "has a single ':' (only '::' separates subdecks)"
    return None


class Subdecks:
    """The subdecks of one deck, by name as Anki compares them, with where each was first written."""

    def __init__(self) -> None:
        self.first: dict[str, tuple[str, Pos]] = {}

    def join(self, r: Reader, node: Node, parent: str, what: str) -> str | None:
        """The full subdeck (below the deck) that ``node`` names inside ``parent``; None if unusable."""
        name = r.text(node, f"{what} deck")
        if name is None:
            return None
        problem = name_problem(name)
        at = r.pos(node)
        if problem is not None:
            r.report(at, "E108", f"{what} deck {name!r} {problem}")
            return None
        hidden = [(i, p) for i, p in deck_name_problems(name) if name[i] in INVISIBLE or name[i] in "\n\t"]
        for index, hidden_problem in hidden:
            place = r.at(node, index) if type(node) is ScalarNode else at
            r.report(place, "E331", f"{what} deck {name.strip()!r} {hidden_problem}; rename the subdeck")
        if hidden:
            return None
        full = f"{parent}::{name}" if parent else name
        spelt, first = self.first.setdefault(full.casefold(), (full, at))
        if spelt != full:
            r.report(
                at,
                "E108",
                f"subdeck {full!r} differs only in case from {spelt!r} ({where(first, at)}); Anki would "
                "put both in one deck: spell it one way",
            )
            return None
        return full


DOCS = (
    Doc(
        "E108",
        checks=(
            "A subdeck's name (`deck:` on a card, a group or an include) that Anki would not keep as "
            "written: empty, an empty part (`Imaging::`, `::MRI`, `Imaging::::MRI`), spaces at the "
            "start or end of a part, or a single `:`; or one subdeck spelt two ways in one deck "
            "(`Imaging` and `imaging`)."
        ),
        why=(
            "Anki matches decks by name, case aside, and tidies names on import: the cards would land "
            "in a deck other than the one written, or two subdecks meant as one would be merged by "
            "chance of spelling."
        ),
        bad=cards(EXAMPLE_CARDS + '    deck: "Anatomy::"\n'),
        fix=cards(EXAMPLE_CARDS + "    deck: Anatomy::CNS\n"),
    ),
)
"""The subdecks' code, documented (see :class:`generator.codes.Doc`)."""
