"""Reading packages back: bounded, and never trusting what is inside.

A package on disk may be anything: damaged by a crash, a FIFO, ``/dev/zero``,
a zip bomb, or a hand-made file from a pull request. Only regular files up to
:data:`MAX_PACKAGE` bytes are opened, a member is decompressed only up to its
limit, and the database is read in memory with its schema untrusted. Every
reader returns None (or nothing) for a package it cannot read.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import sqlite3
import tempfile
import urllib.parse
import zipfile
import zlib
from collections.abc import Callable, Iterator
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


class Unexpected(ValueError):
    """The package holds a member deckgen never writes (or one twice): Anki might read that instead."""


def expected_members(archive: zipfile.ZipFile, listing: object) -> None:
    """Raise :class:`Unexpected` unless the package's members are exactly those deckgen writes.

    That is ``collection.anki2``, ``media`` and one numbered member for each
    file the media list names, each once. Anki reads ``collection.anki21b`` or
    ``collection.anki21`` in preference to ``collection.anki2``, so a package
    carrying one is judged by what Anki would read, not by what deckgen wrote.
    """
    names = archive.namelist()
    numbers = list(listing) if type(listing) is dict else []
    if len(names) != len(set(names)) or set(names) != {"collection.anki2", "media", *numbers}:
        extra = sorted(set(names) - {"collection.anki2", "media", *numbers})
        raise Unexpected(f"it holds {extra[0][:40]!r}" if extra else "its members are not deckgen's")
    if not all(type(number) is str and number.isdigit() and number.isascii() for number in numbers):
        raise Unexpected("its media list is not deckgen's")


IN_MEMORY = 128 << 20
"""A database up to this size is read in memory; a larger one from a temp file (memory stays bounded)."""
MAX_TEXT = 256 << 20
"""The notes of a package are read only if their fields and tags hold at most this much text."""


def _header_ok(head: bytes, size: int) -> bool:
    """Whether a database's first 100 bytes describe a file of ``size`` bytes with no free pages.

    SQLite writes whole pages, and a freshly written database (deckgen's) has no
    free ones: a database padded with empty pages is not deckgen's.
    """
    if len(head) < 100 or not head.startswith(b"SQLite format 3\x00"):
        return False
    page = int.from_bytes(head[16:18], "big")
    page = 65536 if page == 1 else page
    pages, free = int.from_bytes(head[28:32], "big"), int.from_bytes(head[36:40], "big")
    return page * pages == size and free * page <= 1 << 20


@contextlib.contextmanager
def _database(archive: zipfile.ZipFile) -> Iterator[sqlite3.Connection]:
    """The package's collection, read-only and with its schema untrusted: in memory when it is small,
    else copied to a temp file, so reading a large one never holds all of it in memory."""
    info = archive.getinfo("collection.anki2")
    if info.file_size > MAX_DATABASE:
        raise TooLarge(info.file_size, MAX_DATABASE)
    with archive.open(info) as handle:
        head = handle.read(100)
        if not _header_ok(head, info.file_size):
            raise ValueError("not a database as deckgen writes it")
        if info.file_size <= IN_MEMORY:
            db = head + handle.read(IN_MEMORY + 1)
            if len(db) != info.file_size:
                raise ValueError("the database is not the size the package says")
            conn = sqlite3.connect(":memory:")
            try:
                conn.execute("PRAGMA trusted_schema = OFF")
                conn.deserialize(db)
                conn.execute("PRAGMA query_only = ON")
                yield conn
            finally:
                conn.close()
            return
        with tempfile.NamedTemporaryFile(prefix="deckgen-", suffix=".anki2") as scratch:
            scratch.write(head)
            copied = len(head)
            while chunk := handle.read(1 << 20):
                copied += len(chunk)
                if copied > info.file_size:
                    raise ValueError("the database is not the size the package says")
                scratch.write(chunk)
            scratch.flush()
            if copied != info.file_size:
                raise ValueError("the database is not the size the package says")
            uri = f"file:{urllib.parse.quote(scratch.name)}?mode=ro&immutable=1"
            conn = sqlite3.connect(uri, uri=True)
            try:
                conn.execute("PRAGMA trusted_schema = OFF")
                conn.execute("PRAGMA query_only = ON")
                yield conn
            finally:
                conn.close()


def _query(
    apkg: bytes | Path, read: Callable[[sqlite3.Connection], T], files: bool = False
) -> tuple[bytes, bytes, T] | None:
    """Open a package's collection and ``read`` from it: (zip comment, media list, result).

    With ``files``, the media list is followed by the SHA-256 of each media file.
    None when the package, its zip or its database cannot be read, or it holds
    a member deckgen never writes (:func:`expected_members`).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(_open(apkg))) as archive:
            comment = archive.comment
            media = _member(archive, "media", MAX_MEDIA_LIST)
            expected_members(archive, json.loads(media))
            numbers = sorted((n for n in archive.namelist() if n.isdigit()), key=int) if files else []
            for number in numbers:
                data = _member(archive, number, MAX_MEDIA_FILE)
                media += f"\n{number}:{hashlib.sha256(data).hexdigest()}".encode()
            with _database(archive) as conn:
                return comment, media, read(conn)
    except (*_UNREADABLE, RecursionError, sqlite3.Error, OverflowError, MemoryError):
        return None


def _dump(conn: sqlite3.Connection) -> list[str]:
    return list(conn.iterdump())


def _sizes(apkg: bytes | Path) -> tuple[int, ...] | None:
    """The uncompressed size of each member of a package, by name (None when it can't be read)."""
    try:
        with zipfile.ZipFile(io.BytesIO(_open(apkg))) as archive:
            return tuple(info.file_size for info in sorted(archive.infolist(), key=lambda i: i.filename))
    except _UNREADABLE:
        return None


def _comparable(old: tuple[int, ...] | None, new: tuple[int, ...] | None) -> bool:
    """Whether packages of these member sizes can hold the same contents: the same members, and no
    member more than twice as large (another SQLite's layout) plus a page or so."""
    if old is None or new is None or len(old) != len(new):
        return False
    return all(a <= 2 * b + 65536 and b <= 2 * a + 65536 for a, b in zip(old, new, strict=True))


def same_package(path: Path, data: bytes) -> bool:
    """Whether the package at ``path`` holds what ``data`` holds, as Anki reads it.

    Equal bytes, or else equal contents: the same members (nothing else, which
    Anki might read instead), zip comment, media list and files, and database
    rows and schema (another machine's zlib or SQLite may lay the same contents
    out in other bytes). A package whose members are far larger than ``data``'s
    is not the same, and is not unpacked to find out.
    """
    try:
        old = read_regular(path, MAX_PACKAGE)
    except (OSError, TooLarge):
        return False
    if old == data:
        return True
    if not _comparable(_sizes(old), _sizes(data)):
        return False
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
    deck: int = 0
    """The id of the deck its first card is in (0 when it has no card)."""


@dataclass(frozen=True)
class Contents:
    """What a package holds that a manifest can be rebuilt from."""

    comment: bytes
    decks: dict[str, Any]
    models: dict[str, Any]
    notes: list[StoredNote]


def _contents(conn: sqlite3.Connection) -> tuple[str, str, list[tuple[Any, ...]]]:
    size = "SELECT (SELECT total(length(decks) + length(models)) FROM col) + "
    size += "(SELECT total(length(flds) + length(tags) + length(guid)) FROM notes)"
    if conn.execute(size).fetchone()[0] > MAX_TEXT:
        raise ValueError("the package holds more text than deckgen reads")
    decks, models = conn.execute("SELECT decks, models FROM col").fetchone()
    rows = conn.execute(
        "SELECT n.id, n.guid, n.mid, n.mod, n.flds, n.tags, "
        "(SELECT c.did FROM cards c WHERE c.nid = n.id ORDER BY c.ord LIMIT 1) FROM notes n ORDER BY n.id"
    ).fetchall()
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
    for note_id, guid, model_id, mod, flds, tags, deck in rows:
        if not (type(note_id) is int and type(guid) is str and type(mod) is int and type(model_id) is int):
            return None
        if not (type(flds) is str and type(tags) is str and type(deck) in (int, type(None))):
            return None
        notes.append(StoredNote(note_id, guid, model_id, mod, flds.split("\x1f"), tags.split(), deck or 0))
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
            expected_members(archive, listing)
            if type(listing) is not dict:
                return {}
            return {
                name: _member(archive, number, MAX_MEDIA_FILE)
                for number, name in listing.items()
                if name in names and type(name) is str and SHIPPED.fullmatch(name)
            }
    except (*_UNREADABLE, RecursionError):
        return {}
