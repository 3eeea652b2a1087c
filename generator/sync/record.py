"""What deckgen last wrote to each note of a deck in a collection: the sync record.

An edit made in Anki is a difference between a note and what deckgen last
wrote to it. The record keeps that, in the collection itself, as a media
file (``_deckgen-<deck id>.json``): Anki keeps media files whose name starts
with an underscore even when no note uses them, and syncs them to AnkiWeb
and the learner's other devices with the collection. Each of the deck's notes
has its entry, by the note's id in the collection: the hash of the fields
deckgen wrote, the tags it wrote, the note type, and the deck's own note id
for it (the built package's; Anki gives an imported note another id when
the collection has a note of that id already). It is written by every sync (never by a build: the
built package stays a pure function of the cards file).

A note with no entry (the learner imported the ``.apkg`` and syncs for the
first time) counts as deckgen's own when its fields are what the deck builds
now; otherwise it is reported as a conflict, since nothing tells whether the
difference is an edit made in Anki or an older version of the deck
(``--overwrite`` settles it). ``docs/sync.md`` says this for users.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

FORMAT = 1


def file_name(deck_id: int) -> str:
    """The record's media file name for the deck ``deck_id``."""
    return f"_deckgen-{deck_id}.json"


def fields_hash(fields: tuple[str, ...] | list[str]) -> str:
    """A short hash of a note's fields, in order."""
    data = json.dumps(list(fields), ensure_ascii=False).encode()
    return hashlib.sha256(data).hexdigest()[:24]


@dataclass(frozen=True)
class Written:
    """What deckgen wrote to one note: its fields' hash, its tags, its note type, the deck's id for it."""

    fields: str
    tags: tuple[str, ...]
    notetype: int
    deck_note: int
    """The note's id in the built package (the deck's note it is)."""


def load(data: bytes | None, deck_id: int) -> dict[int, Written]:
    """The record's entries by note id; empty when there is none, or it is unreadable or another deck's.

    An unreadable record is a record lost: every note is then judged as on a
    first sync, which never overwrites an edit silently.
    """
    if not data:
        return {}
    try:
        raw = json.loads(data)
        if raw.get("format") != FORMAT or raw.get("deck") != deck_id:
            return {}
        return {
            int(nid): Written(str(h), tuple(str(t) for t in tags), int(mid), int(own))
            for nid, (h, tags, mid, own) in raw["notes"].items()
        }
    except (ValueError, TypeError, KeyError, AttributeError):
        return {}


def dump(deck_id: int, entries: Mapping[int, Written]) -> bytes:
    """The record's bytes."""
    notes = {
        str(nid): [w.fields, list(w.tags), w.notetype, w.deck_note] for nid, w in sorted(entries.items())
    }
    return json.dumps({"format": FORMAT, "deck": deck_id, "notes": notes}, separators=(",", ":")).encode()
