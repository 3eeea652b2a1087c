"""Syncing: the built decks brought straight into a learner's Anki collection.

- :mod:`.built`: the built package read back, and a package of some of its notes;
- :mod:`.record`: what deckgen last wrote to each note, kept in the collection;
- :mod:`.plan`: what to add, update, retire or delete, and the edits made in Anki;
- :mod:`.side`: the interface to a collection, :class:`AnkiSide`;
- :mod:`.collection`: it with the ``anki`` package on a collection file;
- :mod:`.connect`: it through AnkiConnect into a running Anki desktop;
- :mod:`.run`: :func:`sync_decks`, the build and then each deck's plan, carried out.

This package's names are the sync stage's face.
"""

from generator.sync.collection import CollectionSide
from generator.sync.connect import DEFAULT_URL, ConnectSide
from generator.sync.plan import Conflict, Plan
from generator.sync.run import DeckSync, SyncError, SyncOptions, SyncResult, sync_decks
from generator.sync.side import REMOVED_TAG, AnkiNote, AnkiSide, SideError, Update

__all__ = [
    "DEFAULT_URL",
    "REMOVED_TAG",
    "AnkiNote",
    "AnkiSide",
    "CollectionSide",
    "Conflict",
    "ConnectSide",
    "DeckSync",
    "Plan",
    "SideError",
    "SyncError",
    "SyncOptions",
    "SyncResult",
    "Update",
    "sync_decks",
]
