"""Notes → ``.apkg`` bytes, byte-reproducible; reading notes back; atomic writes.

The only module that imports genanki. genanki builds the collection database
(in memory here); we then set each note's own modification time and note id
from the manifest, and zip it with fixed dates and order, so the same input
always gives the same bytes.
"""

from __future__ import annotations

import contextlib
import io
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import genanki

from .notetype import Notetype

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class PackedNote:
    """A note with everything the package needs: content, identity and times."""

    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    note_id: int
    mod: int


def _model(nt: Notetype) -> genanki.Model:
    return genanki.Model(
        nt.id,
        nt.name,
        fields=[{"name": name} for name in nt.fields],
        templates=[{"name": nt.template_name, "qfmt": nt.front, "afmt": nt.back}],
        css=nt.css,
        sort_field_index=0,
    )


def _ids(notes: list[PackedNote]) -> Iterator[int]:
    """genanki asks for a note id, then a card id, per note: give both the note's id."""
    for note in notes:
        yield note.note_id
        yield note.note_id


def _database(
    deck_name: str, deck_id: int, description: str, *, nt: Notetype, nt_mod: int, notes: list[PackedNote]
) -> bytes:
    model = _model(nt)
    deck = genanki.Deck(deck_id, deck_name, description)
    for due, note in enumerate(notes):
        deck.add_note(
            genanki.Note(model, fields=list(note.fields), tags=list(note.tags), guid=note.guid, due=due)
        )
    conn = sqlite3.connect(":memory:")
    try:
        cursor = conn.cursor()
        genanki.Package(deck).write_to_db(cursor, nt_mod, _ids(notes))
        cursor.executemany("UPDATE notes SET mod = ? WHERE id = ?", [(n.mod, n.note_id) for n in notes])
        cursor.executemany("UPDATE cards SET mod = ? WHERE nid = ?", [(n.mod, n.note_id) for n in notes])
        latest = max([nt_mod, *(n.mod for n in notes)])
        cursor.execute("UPDATE col SET mod = ?, scm = ?", (latest * 1000, nt_mod * 1000))
        conn.commit()
        return conn.serialize()
    finally:
        conn.close()


def build_apkg(
    deck_name: str, deck_id: int, description: str, *, nt: Notetype, nt_mod: int, notes: list[PackedNote]
) -> bytes:
    """The bytes of an .apkg holding ``notes``, identical for identical input."""
    db = _database(deck_name, deck_id, description, nt=nt, nt_mod=nt_mod, notes=notes)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("collection.anki2", db), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data, compresslevel=9)
    return out.getvalue()


def read_notes(apkg: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Notes of a package we built, by GUID: (fields, tags). Empty if unreadable."""
    try:
        with zipfile.ZipFile(apkg) as archive:
            db = archive.read("collection.anki2")
    except (OSError, KeyError, zipfile.BadZipFile):
        return {}
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(db)
        rows = conn.execute("SELECT guid, flds, tags FROM notes").fetchall()
    except sqlite3.DatabaseError:
        return {}
    finally:
        conn.close()
    return {guid: (flds.split("\x1f"), tags.split()) for guid, flds, tags in rows}


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` via a temp file in the same folder and a rename.

    Returns False (and writes nothing) when the file already holds exactly ``data``.
    """
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return True
