"""The retired-cards package: the notes of cards a deck no longer has, for learners who have them.

A deck's package holds exactly its current cards, so a new learner gets
exactly the deck. A learner who imported an earlier version still has the
notes of the cards removed since (Anki never deletes on import). The
retired-cards package, ``<deck-slug>.retired.apkg`` beside the deck, updates
those notes in place: the same GUIDs and note types, a newer mod time, the tag
``deckgen::removed``, and on the front of each card a banner that says when
the card was removed and how to delete it.

Its notes go into a deck of their own, "<deck> (retired cards: delete this
deck)". Anki leaves the cards of notes a collection already has in the deck
they are in (checked in the real engine: ``tests/compile/test_retired_anki.py``),
so for a learner who has them the import moves nothing and that deck stays
empty; a collection that never had the deck gets every note there, and
deleting that one deck undoes the import. A removed card stays in the package
in every later build, until ``--drop-removed`` drops it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence

from generator import deckid
from generator.compile.manifest_data import Removed
from generator.compile.markup import escape
from generator.compile.notes import split_key
from generator.compile.package import PackedNote
from generator.model import CardKind
from generator.tags import REMOVED_TAG

DECK_SUFFIX = " (retired cards: delete this deck)"
"""Added to the deck's name to name the retired-cards package's deck."""
_ID_PATH = "::retired"
"""The retired deck's id is a subdeck id of this path, which no subdeck has (an empty part is E331)."""
SEARCH = f"tag:{REMOVED_TAG}"
"""What a learner searches Anki's browser for to find the notes of removed cards."""
_BANNER = (
    '<div class="dg-retired">Removed from this deck on {day} \u2014 delete it: Browse, '
    f"<code>{SEARCH}</code></div>"
)
_BANNERED = re.compile(re.escape(_BANNER).replace(r"\{day\}", "([0-9]{4}-[0-9]{2}-[0-9]{2})"))


def deck_name(name: str) -> str:
    """The name of the deck the retired-cards package puts its notes in."""
    return name + DECK_SUFFIX


def deck_id(deck: int) -> int:
    """The id of that deck: stable, and never the id of one of the deck's subdecks."""
    return deckid.subdeck_id(deck, _ID_PATH)


def description(name: str) -> str:
    """The retired deck's description, which Anki shows above its cards: what it is and what to do."""
    return (
        f"<p>Cards removed from the deck {escape(name)}, for learners who imported an earlier version: "
        f"importing this updates them in place, tagged {REMOVED_TAG}, with a banner on each. Delete them: "
        f"in the browser, search <code>{SEARCH}</code>, select all and delete; then delete this deck.</p>"
        "<p>If you never had the deck, this deck holds nothing else: delete it.</p>"
    )


def day(seconds: int) -> str:
    """The UTC day of a time in seconds, as ``YYYY-MM-DD``."""
    return time.strftime("%Y-%m-%d", time.gmtime(seconds))


def banner(removed_on: str) -> str:
    """The banner on the front of a removed card's note: when it was removed, how to delete it."""
    return _BANNER.format(day=removed_on)


def fronts(kind: str) -> tuple[int, ...]:
    """The fields a note of ``kind`` shows on the front of its cards (a reversed note's both sides)."""
    return (0, 1) if kind == CardKind.REVERSED else (0,)


def with_banner(fields: Sequence[str], kind: str, removed_on: str) -> tuple[str, ...]:
    """``fields`` with the banner before each field shown on a card's front."""
    shown = fronts(kind)
    return tuple(banner(removed_on) + text if i in shown else text for i, text in enumerate(fields))


def without_banner(fields: Sequence[str], kind: str) -> tuple[list[str], str] | None:
    """A packaged note's fields without their banners, and the day they show; None when the
    fronts do not each start with the same banner (not a note this module wrote)."""
    days = set()
    plain = list(fields)
    for i in fronts(kind):
        found = _BANNERED.match(plain[i]) if i < len(plain) else None
        if found is None:
            return None
        days.add(found.group(1))
        plain[i] = plain[i][found.end() :]
    return (plain, days.pop()) if len(days) == 1 else None


def packed(removed: dict[str, Removed]) -> list[PackedNote]:
    """The package's notes (the manifest's removed cards, by note key), each with its banner."""
    notes = []
    for key, note in sorted(removed.items()):
        kind = CardKind(split_key(key)[1])
        fields = with_banner(note.fields, kind, note.retired)
        notes.append(PackedNote(note.guid, fields, tuple(note.tags), note.note_id, note.mod, kind))
    return notes
