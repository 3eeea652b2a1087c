"""Reading packages back: bounded, and never trusting what is inside.

A package on disk may be anything: damaged by a crash, a FIFO, ``/dev/zero``,
a zip bomb, or a hand-made file from a pull request. Only regular files up to
:data:`MAX_PACKAGE` bytes are opened, a member is decompressed only up to its
limit, and the database is read in memory with its schema untrusted. Every
reader returns None (or nothing) for a package it cannot read.
"""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from generator.files import TooLarge, read_regular
from generator.mediaformat import LIMITS, SHIPPED

T = TypeVar("T")

MAX_PACKAGE = 1 << 30
"""Packages larger than this (bytes) are not read."""
MAX_DATABASE = 2 << 30
"""A package's database is not decompressed past this many bytes."""
MAX_MEDIA_LIST = 1 << 20
MAX_MEDIA_FILE = max(LIMITS.values())
"""A media file is not decompressed past the largest a check lets through."""

MARK = b"deckgen manifest sha256 "
"""The package's zip comment: this, then the SHA-256 of the manifest written with it."""

_UNREADABLE = (
    OSError,
    TooLarge,
    KeyError,
    EOFError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    zipfile.BadZipFile,
    zlib.error,
)


def mark(manifest: bytes) -> bytes:
    """The zip comment that ties a package to the manifest ``manifest`` (its bytes)."""
    return MARK + hashlib.sha256(manifest).hexdigest().encode()


def _member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise TooLarge(info.file_size, limit)
    with archive.open(info) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(len(data), limit)
    return data


def _open(apkg: bytes | Path) -> bytes:
    return apkg if isinstance(apkg, bytes) else read_regular(apkg, MAX_PACKAGE)


def _query(
    apkg: bytes | Path, read: Callable[[sqlite3.Connection], T], files: bool = False
) -> tuple[bytes, bytes, T] | None:
    """Open a package's collection in memory and ``read`` from it: (zip comment, media list, result).

    With ``files``, the media list is followed by the SHA-256 of each media file.
    None when the package, its zip or its database cannot be read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(_open(apkg))) as archive:
            comment = archive.comment
            media = _member(archive, "media", MAX_MEDIA_LIST)
            db = _member(archive, "collection.anki2", MAX_DATABASE)
            numbers = sorted((n for n in archive.namelist() if n.isdigit()), key=int) if files else []
            for number in numbers:
                data = _member(archive, number, MAX_MEDIA_FILE)
                media += f"\n{number}:{hashlib.sha256(data).hexdigest()}".encode()
    except _UNREADABLE:
        return None
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.deserialize(db)
        conn.execute("PRAGMA query_only = ON")
        return comment, media, read(conn)
    except (sqlite3.Error, ValueError, OverflowError, MemoryError):
        return None
    finally:
        conn.close()


def _dump(conn: sqlite3.Connection) -> list[str]:
    return list(conn.iterdump())


def same_package(path: Path, data: bytes) -> bool:
    """Whether the package at ``path`` holds what ``data`` holds.

    Equal bytes, or else equal contents: the same zip comment, media list and
    files, and database rows and schema (another machine's zlib or SQLite may
    lay the same contents out in other bytes).
    """
    try:
        old = read_regular(path, MAX_PACKAGE)
    except (OSError, TooLarge):
        return False
    if old == data:
        return True
    mine = _query(data, _dump, files=True)
    return mine is not None and mine == _query(old, _dump, files=True)


def read_mark(path: Path) -> bytes | None:
    """The package's zip comment (b"" when it has none); None when there is no readable package."""
    try:
        with zipfile.ZipFile(io.BytesIO(read_regular(path, MAX_PACKAGE))) as archive:
            return archive.comment
    except _UNREADABLE:
        return None


@dataclass(frozen=True)
class StoredNote:
    """A note as a package holds it."""

    note_id: int
    guid: str
    model_id: int
    mod: int
    fields: list[str]
    tags: list[str]


@dataclass(frozen=True)
class Contents:
    """What a package holds that a manifest can be rebuilt from."""

    comment: bytes
    decks: dict[str, Any]
    models: dict[str, Any]
    notes: list[StoredNote]


def _contents(conn: sqlite3.Connection) -> tuple[str, str, list[tuple[Any, ...]]]:
    decks, models = conn.execute("SELECT decks, models FROM col").fetchone()
    rows = conn.execute("SELECT id, guid, mid, mod, flds, tags FROM notes ORDER BY id").fetchall()
    return decks, models, rows


def read_package(apkg: Path) -> Contents | None:
    """The decks, note types and notes of the package at ``apkg``; None if it can't be read as one."""
    found = _query(apkg, _contents)
    if found is None:
        return None
    comment, _, (decks, models, rows) = found
    try:
        deck_table, model_table = json.loads(decks), json.loads(models)
    except (TypeError, ValueError, RecursionError):
        return None
    if type(deck_table) is not dict or type(model_table) is not dict:
        return None
    notes = []
    for note_id, guid, model_id, mod, flds, tags in rows:
        if not (type(note_id) is int and type(guid) is str and type(mod) is int and type(model_id) is int):
            return None
        if not (type(flds) is str and type(tags) is str):
            return None
        notes.append(StoredNote(note_id, guid, model_id, mod, flds.split("\x1f"), tags.split()))
    return Contents(comment, deck_table, model_table, notes)


def read_notes(apkg: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Notes of a package, by GUID: (fields, tags). Empty if unreadable."""
    contents = read_package(apkg)
    return {} if contents is None else {n.guid: (n.fields, n.tags) for n in contents.notes}


def read_media(apkg: Path, names: set[str]) -> dict[str, bytes]:
    """The media files called ``names`` in a package, by name: those it holds under names
    deckgen ships files under (empty if it can't be read)."""
    try:
        with zipfile.ZipFile(io.BytesIO(_open(apkg))) as archive:
            listing = json.loads(_member(archive, "media", MAX_MEDIA_LIST))
            if type(listing) is not dict:
                return {}
            return {
                name: _member(archive, number, MAX_MEDIA_FILE)
                for number, name in listing.items()
                if name in names and type(name) is str and SHIPPED.fullmatch(name)
            }
    except (*_UNREADABLE, RecursionError):
        return {}
