"""The collection's side of a sync: one small interface, two ways in.

:class:`AnkiSide` is what a sync needs of a collection: find the notes of
some note types, read them, add new notes (by importing a package of them,
which keeps their GUIDs, note types and media), update a note's fields and
tags, retire notes (tag and suspend), delete them, and read and write a media
file. :mod:`.collection` does it with the ``anki`` package on a collection
file; :mod:`.connect` through AnkiConnect into a running Anki desktop. The
plan (:mod:`.plan`) is the same whichever way in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

REMOVED_TAG = "deckgen::removed"
"""The tag of a retired note (the build's retired-cards package uses the same)."""


class SideError(Exception):
    """The collection cannot be reached or refused a change; the message says why and what to do."""


@dataclass(frozen=True)
class AnkiNote:
    """A note as the collection holds it."""

    note_id: int
    notetype: int
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    cards: tuple[int, ...]
    suspended: bool
    """Every one of its cards is suspended."""
    in_deck: bool
    """One of its cards is in the deck being synced (or a subdeck of it)."""


@dataclass(frozen=True)
class Look:
    """A note type's look: its CSS, and each card template's name, front and back."""

    css: str
    templates: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class Update:
    """New fields (by name, in order) and tags for one note."""

    note_id: int
    names: tuple[str, ...]
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    cards: tuple[int, ...] = ()
    unsuspend: bool = False
    """Unsuspend its cards: a retired card that came back."""


class AnkiSide(Protocol):
    """A collection a sync reads and changes."""

    def find(self, notetypes: Sequence[int], deck: str) -> list[AnkiNote]:
        """Every note of the note types ``notetypes``; ``in_deck`` for those with a card in ``deck``."""
        ...

    def deck_name(self, deck_id: int) -> str | None:
        """The name of the collection's deck of id ``deck_id``, if it has one."""
        ...

    def looks(self, notetypes: Sequence[int]) -> dict[int, Look]:
        """The look of each of the note types ``notetypes`` the collection has."""
        ...

    def set_look(self, notetype: int, look: Look) -> None:
        """Give the note type ``notetype`` the look ``look`` (templates by name)."""
        ...

    def add(self, package: Path) -> None:
        """Import ``package``, whose notes are all new to the collection (no note is updated)."""
        ...

    def update(self, updates: Sequence[Update]) -> None:
        """Set each note's fields and tags (its review history and scheduling are kept)."""
        ...

    def retire(self, notes: Sequence[AnkiNote]) -> None:
        """Tag each note ``deckgen::removed`` and suspend its cards."""
        ...

    def delete(self, note_ids: Sequence[int]) -> None:
        """Delete the notes and their cards."""
        ...

    def has_media(self, names: Sequence[str]) -> set[str]:
        """Which of the media files ``names`` the collection has."""
        ...

    def read_media(self, name: str) -> bytes | None:
        """The media file ``name``, if the collection has it."""
        ...

    def write_media(self, name: str, data: bytes) -> None:
        """Write the media file ``name``."""
        ...

    def close(self) -> None:
        """Save and let go of the collection."""
        ...
