"""The rule on deck names: nothing Anki would rename, blank out or merge (E331).

Anki matches decks by name and normalises a name on import: it drops control
characters and line breaks, names an empty part between ``::`` "blank", and
takes ``Default`` (any case) as the user's own Default deck. A deck named so
would not be the deck the cards file describes.
"""

from __future__ import annotations

import unicodedata

from generator.check.reader import describe
from generator.codes import Doc, cards

INVISIBLE = frozenset(
    "\u061c\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
)
"""Direction controls and zero-width characters: a name that shows other than it is."""


def name_problem(name: str) -> str | None:
    """What a checked cards file would refuse in ``name`` as its deck's name, in words (None: nothing):
    a control character (E330, as in any text) or a problem of :func:`deck_name_problems` (E331)."""
    for char in name:
        if unicodedata.category(char) == "Cc" and char not in "\n\t":
            return f"holds the control character {describe(char)}, which Anki drops or refuses"
    problems = deck_name_problems(name)
    return problems[0][1] if problems else None


def deck_name_problems(name: str) -> list[tuple[int, str]]:
    """Each problem with ``name`` (as written, before stripping), with the index it is at."""
    problems: list[tuple[int, str]] = []
    for i, char in enumerate(name):
        if char in "\n\t":  # other control characters: E330, as in any text
            problems.append((i, f"holds a line break or tab ({describe(char)}), which Anki drops"))
        elif char in INVISIBLE:
            problems.append((i, f"holds the invisible character {describe(char)}: it shows other than it is"))
    start = len(name) - len(name.lstrip())
    for part in name.strip().split("::"):
        if not part.strip():
            problems.append((start, "has an empty part between '::' (Anki would name it 'blank')"))
        start += len(part) + 2
    if name.strip().casefold() == "default":
        problems.append(
            (
                len(name) - len(name.lstrip()),
                "is the name of Anki's own Default deck: Anki merges the cards into it or renames the deck",
            )
        )
    return problems


DOCS = (
    Doc(
        "E331",
        checks=(
            "The deck's name, or a subdeck's, is one Anki would rename or merge: an empty part between "
            "`::`, a line break or tab, an invisible character (a zero-width space, a direction "
            "mark), or `Default` (any case), the name of Anki's own deck."
        ),
        why=(
            "Anki matches decks by name and tidies names on import: the cards would go into a deck "
            "named otherwise (`blank`), into the learner's own Default deck, or into a deck whose name "
            "looks the same but is not."
        ),
        bad=cards("deck:\n  name: Neurology::::Multiple sclerosis\n  id: 1874512301\n"),
        fix=cards("deck:\n  name: Neurology::Multiple sclerosis\n  id: 1874512301\n"),
    ),
)
"""The deck names' code, documented (see :class:`generator.codes.Doc`)."""
