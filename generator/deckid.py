"""Deck ids: the allowed range, fresh random ids, and the ids of subdecks.

A deck's id is part of every note's identity (the note GUID is derived from
the deck id and the card id), so two decks with one id overwrite each other's
notes in Anki. Anki gives a deck it creates the current time in milliseconds
as its id, a 13-digit number, and its own Default deck has id 1: a deck id
here must have at least ten digits, and :func:`fresh` picks a random 13-digit
one, as ``deckgen init`` does.
"""

from __future__ import annotations

import hashlib
import secrets

FLOOR = 1_000_000_000
"""The smallest deck id allowed: ten digits (small ids are the ones people copy or invent)."""
CEILING = 2**53
"""The largest: 2**53, the largest whole number JavaScript (Anki's screens) and JSON readers keep exact."""
FRESH_RANGE = (10**12, 10**13 - 1)
"""Where fresh ids are drawn from: 13 digits, the range of the ids Anki gives new decks."""
SUBDECK_BASE = 2**48
"""Subdeck ids are in [2**48, 2**49): 15 digits, below 2**53 (exact in JavaScript too)."""


def fresh() -> int:
    """A random deck id from :data:`FRESH_RANGE` (from the operating system's random source)."""
    low, high = FRESH_RANGE
    return low + secrets.randbelow(high - low + 1)


def subdeck_id(deck_id: int, path: str) -> int:
    """The id of subdeck ``path`` (its name below the deck, such as ``Imaging::MRI``) of a deck.

    The first six bytes of the SHA-256 of ``"<deck id>::<path>"`` added to
    :data:`SUBDECK_BASE`: stable from build to build, different for every
    subdeck of a deck and for the same subdeck name in another deck.
    """
    digest = hashlib.sha256(f"{deck_id}::{path}".encode()).digest()
    return SUBDECK_BASE + int.from_bytes(digest[:6], "big")
