"""The deck as a build wrote it, read back from its package: what a sync brings the collection to.

A sync reads the ``.apkg`` its build has just written (not the build's
values in memory), so that what reaches the learner's collection is exactly
what an import of the package would bring: the same note ids, GUIDs, fields,
tags, note types and media. :func:`subset` writes a package of some of its
notes, for the new notes a sync adds by import (an import keeps their GUIDs,
note types and media, which no note-by-note call can).
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.sync.side import Look

DEFAULT_DECK = 1
"""The id of Anki's Default deck, which every package has."""


class PackageError(Exception):
    """The built package cannot be read."""


@dataclass(frozen=True)
class BuiltNote:
    """One note of the built deck."""

    note_id: int
    guid: str
    notetype: int
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    deck: str
    """The full name of the deck its cards go into (the deck, or one of its subdecks)."""

    @property
    def card_id(self) -> str:
        """The card's id, which deckgen writes in the note's last field (``Id``)."""
        return self.fields[-1]


@dataclass(frozen=True)
class Built:
    """A built package: its deck, note types (id → field names), notes and media file names."""

    path: Path
    deck_id: int
    deck_name: str
    notetypes: dict[int, tuple[str, ...]]
    notes: tuple[BuiltNote, ...]
    media: tuple[str, ...]
    looks: dict[int, Look] | None = None
    """Each note type's look (CSS, templates)."""


@contextmanager
def _database(archive: zipfile.ZipFile) -> Iterator[tuple[sqlite3.Connection, Path]]:
    """The package's collection, unpacked to a temp file (sqlite reads files), and its path."""
    with tempfile.TemporaryDirectory(prefix="deckgen-sync-") as folder:
        path = Path(folder) / "collection.anki2"
        path.write_bytes(archive.read("collection.anki2"))
        db = sqlite3.connect(path)
        try:
            yield db, path
        finally:
            db.close()


def read(path: Path, deck_id: int | None = None) -> Built:
    """The deck ``deck_id`` of the package at ``path``, with every note the package holds.

    Without ``deck_id``, the package's one top-level deck (a build that found nothing changed does not
    check the cards file again, so it does not know the id).
    """
    try:
        with zipfile.ZipFile(path) as archive, _database(archive) as (db, _):
            media_list = json.loads(archive.read("media") or b"{}")
            models = json.loads(db.execute("select models from col").fetchone()[0])
            decks = json.loads(db.execute("select decks from col").fetchone()[0])
            deck_names = {int(did): deck["name"] for did, deck in decks.items()}
            # A note's deck is its first card's (sqlite takes the row of the min() for the bare column).
            first_deck = {
                nid: did for nid, did, _ in db.execute("select nid, did, min(ord) from cards group by nid")
            }
            notes = tuple(
                BuiltNote(
                    nid,
                    guid,
                    mid,
                    tuple(flds.split("\x1f")),
                    tuple(tags.split()),
                    deck_names.get(first_deck.get(nid, 0), ""),
                )
                for nid, guid, mid, flds, tags in db.execute(
                    "select id, guid, mid, flds, tags from notes order by id"
                )
            )
    except (OSError, KeyError, ValueError, TypeError, sqlite3.Error, zipfile.BadZipFile) as exc:
        raise PackageError(f"cannot read the built deck {path}: {exc}") from exc
    if deck_id is None:
        tops = [did for did, name in deck_names.items() if did != DEFAULT_DECK and "::" not in name]
        if len(tops) != 1:
            raise PackageError(f"the built deck {path} has {len(tops)} top-level decks, not one")
        deck_id = tops[0]
    if deck_id not in deck_names:
        raise PackageError(f"the built deck {path} has no deck of id {deck_id}")
    notetypes = {int(mid): tuple(f["name"] for f in model["flds"]) for mid, model in models.items()}
    looks = {
        int(mid): Look(model["css"], tuple((t["name"], t["qfmt"], t["afmt"]) for t in model["tmpls"]))
        for mid, model in models.items()
    }
    return Built(path, deck_id, deck_names[deck_id], notetypes, notes, tuple(media_list.values()), looks)


def subset(built: Built, note_ids: Collection[int], out: Path) -> None:
    """Write to ``out`` a package of the built deck's notes ``note_ids`` only (and all its media)."""
    keep = sorted(note_ids)
    with zipfile.ZipFile(built.path) as archive, _database(archive) as (db, db_path):
        db.execute("create temp table keep (id integer primary key)")
        db.executemany("insert into keep values (?)", [(nid,) for nid in keep])
        db.execute("delete from notes where id not in (select id from keep)")
        db.execute("delete from cards where nid not in (select id from keep)")
        db.commit()
        db.execute("vacuum")
        db.close()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as packed:
            packed.write(db_path, "collection.anki2")
            for info in archive.infolist():
                if info.filename != "collection.anki2":
                    packed.writestr(info, archive.read(info))


def note_ids(path: Path) -> set[int]:
    """The note ids of a package (the build's retired-cards package): empty when it cannot be read."""
    try:
        with zipfile.ZipFile(path) as archive, _database(archive) as (db, _):
            return {nid for (nid,) in db.execute("select id from notes")}
    except (OSError, KeyError, ValueError, sqlite3.Error, zipfile.BadZipFile):
        return set()


def media_files(built: Built, names: Collection[str]) -> dict[str, bytes]:
    """The bytes of the built package's media files ``names``."""
    wanted = set(names)
    try:
        with zipfile.ZipFile(built.path) as archive:
            listing = json.loads(archive.read("media") or b"{}")
            return {name: archive.read(member) for member, name in listing.items() if name in wanted}
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise PackageError(f"cannot read the media of the built deck {built.path}: {exc}") from exc
