"""The manifest's contents as values, and how they are written out as JSON.

Shared by :mod:`generator.compile.manifest` (which reads and plans manifests)
and :mod:`generator.compile.manifest_schema` (which checks one key by key and
builds these values), so both import it and neither imports the other back.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from generator.model import CardKind

FORMAT = 1
MAX_TIME = 2**32 - 1
"""The latest modification time (seconds) a build accepts: early in 2106."""


class ManifestError(Exception):
    """The manifest on disk cannot be used."""


@dataclass
class Entry:
    """A note as last built: content hash, mod time (s) and note id."""

    hash: str
    mod: int
    note_id: int
    origin: str = ""
    """The note key its GUID is made from, when that is not its own: the card's first id, before it was
    renamed (``was:``); "" when it was never renamed."""


@dataclass
class Removed:
    """A card gone from the cards file: its note, shipped tagged as removed in the retired-cards package
    (:mod:`generator.compile.retired`), as it last was in the deck."""

    mod: int
    """The note's mod time as the retired-cards package ships it (banner included)."""
    note_id: int
    guid: str
    fields: list[str]
    """Its fields as the deck last shipped them (the banner is added when it is packaged)."""
    tags: list[str]
    retired: str = ""
    """The day it was removed (``YYYY-MM-DD``, UTC), which its banner shows; "" in a manifest written
    before removed cards had banners (the next build sets it from ``mod``)."""
    origin: str = ""
    """As :attr:`Entry.origin`: the note key its GUID is made from, when the card had been renamed."""


def _removed(value: Removed) -> dict[str, object]:
    data = asdict(value)
    if not value.retired:  # not set yet (a manifest from before banners, read back): left out, as it was
        del data["retired"]
    if not value.origin:
        del data["origin"]
    return data


@dataclass
class NotetypeEntry:
    id: int
    name: str
    generation: int
    fields: list[str]
    templates: list[str]
    hash: str
    mod: int


@dataclass
class Manifest:
    deck: str
    deck_id: int
    notetype: NotetypeEntry
    cards: dict[str, Entry] = field(default_factory=dict)
    removed: dict[str, Removed] = field(default_factory=dict)
    notetypes: dict[str, NotetypeEntry] = field(default_factory=dict)
    """The note types of the other card kinds the deck has had, by kind (``notetype`` is the basic one)."""
    media: dict[str, str] = field(default_factory=dict)
    """The media files shipped, by the name they are shipped under → their path in the project."""
    cards_file: str = ""
    """The cards file this deck is built from, relative to the manifest's folder ("" if not recorded):
    the deck's identity in its output folder (:mod:`generator.compile.owner`)."""
    version: int = 0
    """The deck's version (:mod:`generator.compile.changelog`); 0 in a manifest from before versions."""

    def entry(self, kind: str) -> NotetypeEntry | None:
        """The note type entry of ``kind``, if the deck has had one."""
        return self.notetype if kind == CardKind.BASIC else self.notetypes.get(kind)

    def dumps(self) -> str:
        """The manifest as JSON: ``json.dumps(..., indent=1, sort_keys=True)`` of all of it.

        ``notetypes`` is left out while it is empty (a deck of basic cards).
        The cards, one small object each and by far the most of it, are
        written straight into that layout (a test checks it is the same text).
        """
        data = {
            "format": FORMAT,
            "deck": self.deck,
            "deck_id": self.deck_id,
            "notetype": asdict(self.notetype),
            "cards": {},
            "removed": {key: _removed(value) for key, value in self.removed.items()},
            "media": self.media,
        }
        if self.notetypes:
            data["notetypes"] = {kind: asdict(entry) for kind, entry in self.notetypes.items()}
        if self.cards_file:
            data["cards_file"] = self.cards_file
        if self.version:
            data["version"] = self.version
        text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        if not self.cards:
            return text
        string = json.encoder.encode_basestring
        cards = ",\n".join(
            f'  {string(key)}: {{\n   "hash": {string(e.hash)},\n   "mod": {int(e.mod)},\n'
            f'   "note_id": {int(e.note_id)}'
            + (f',\n   "origin": {string(e.origin)}' if e.origin else "")
            + "\n  }"
            for key, e in sorted(self.cards.items())
        )
        return text.replace('\n "cards": {}', f'\n "cards": {{\n{cards}\n }}', 1)
