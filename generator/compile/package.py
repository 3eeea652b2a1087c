"""Notes → ``.apkg`` bytes, byte-reproducible (reading them back: :mod:`.unpack`).

The only module that imports genanki. genanki lays out the collection
database (a file in a private temp folder, streamed into the zip), the note
and card rows go in directly with each note's own id and modification time
from the manifest, and it is zipped with fixed dates and order, so the same
input always gives the same bytes.
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import struct
import tempfile
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from generator.compile.notetype import Notetype
from generator.compile.notetypes import card_id, cloze_ords
from generator.model import CardKind

if TYPE_CHECKING:
    import genanki

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_PACKED = frozenset({"png", "jpg", "gif", "webp", "mp3", "ogg"})
"""Formats that are compressed already: stored in the zip as they are."""
ZIP_LEVEL = 1
"""zlib's level for the rest: at 50,000 cards, level 1 deflates the database in a third of the time
level 6 (zlib's default) takes, for a package about a sixth larger."""
T = TypeVar("T")

Media = Sequence[tuple[str, Callable[[], bytes]]]
"""Media files to ship, in order: each name, and a function that reads its bytes."""


class PackageError(Exception):
    """The package could not be built (the temporary folder is full or not writable)."""


@dataclass(frozen=True)
class PackedNote:
    """A note with everything the package needs: content, identity and times."""

    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    note_id: int
    mod: int
    kind: CardKind = CardKind.BASIC
    """The card kind, whose note type the note has."""
    deck_id: int | None = None
    """The subdeck its cards go into (None: the deck itself)."""


def _model(nt: Notetype) -> genanki.Model:
    import genanki  # imported when a package is built, not for `deckgen check`

    return genanki.Model(
        nt.id,
        nt.name,
        fields=[{"name": name} for name in nt.fields],
        templates=[{"name": t.name, "qfmt": t.front, "afmt": t.back} for t in nt.templates],
        css=nt.css,
        model_type=genanki.Model.CLOZE if nt.cloze else genanki.Model.FRONT_BACK,
        sort_field_index=0,
    )


class NoteRow(NamedTuple):
    """One row of Anki's ``notes`` table, column by column."""

    id: int  # the note id (from the manifest: stable between builds)
    guid: str  # the note's identity on import (from the deck id and card id)
    mid: int  # the note type id
    mod: int  # modification time, seconds: newer than Anki's copy means "update it"
    usn: int  # update sequence number: -1, not synced yet
    tags: str  # space-separated, with a space before and after
    flds: str  # the fields, joined by 0x1f
    sfld: str  # the sort field (the first field)
    csum: int  # checksum of the sort field: 0, Anki computes it on import
    flags: int  # unused: 0
    data: str  # unused: ""


class CardRow(NamedTuple):
    """One row of Anki's ``cards`` table, column by column."""

    id: int  # the card id: the note id for ord 0, then notetypes.card_id(note id, ord)
    nid: int  # the note it belongs to
    did: int  # the deck
    ord: int  # which template made it
    mod: int  # modification time, seconds: the note's
    usn: int  # -1, not synced yet
    type: int  # 0: new
    queue: int  # 0: new
    due: int  # for new cards, the position in the new queue: the note's position in the deck
    ivl: int  # interval: 0
    factor: int  # ease factor: 0
    reps: int  # reviews: 0
    lapses: int  # lapses: 0
    left: int  # learning steps left: 0
    odue: int  # original due (filtered decks): 0
    odid: int  # original deck (filtered decks): 0
    flags: int  # 0
    data: str  # ""


def _insert(table: str, row: type[NoteRow] | type[CardRow]) -> str:
    return f"INSERT INTO {table} ({', '.join(row._fields)}) VALUES ({', '.join('?' * len(row._fields))})"


_INSERT_NOTE, _INSERT_CARD = _insert("notes", NoteRow), _insert("cards", CardRow)


Progress = Callable[[int], None]
"""Called now and then while notes are written, with how many are done."""
_EVERY = 2000


Shipped = Mapping[CardKind, tuple[Notetype, int]]
"""The note types a package holds, by card kind, each with its mod time (seconds)."""


def _card_ords(model: genanki.Model, nt: Notetype) -> Callable[[tuple[str, ...]], Sequence[int]]:
    """Which cards a note of this note type has, by template (or cloze) ord.

    One per template whose required fields are filled, as genanki and Anki
    decide it; a cloze note, one per deletion number in its first field.
    """
    if nt.cloze:
        return lambda fields: cloze_ords(nt, fields)
    requirements = [(ord_, any if how == "any" else all, fields) for ord_, how, fields in model._req]
    return lambda fields: [o for o, required, ords in requirements if required(fields[i] for i in ords)]


def _set_model_mods(cursor: sqlite3.Cursor, notetypes: Shipped, written: int) -> None:
    """Give each note type its own mod time (genanki writes one for all of them)."""
    if all(mod == written for _, mod in notetypes.values()):
        return
    models = json.loads(cursor.execute("SELECT models FROM col").fetchone()[0])
    for nt, mod in notetypes.values():
        models[str(nt.id)]["mod"] = mod
    cursor.execute("UPDATE col SET models = ?", (json.dumps(models),))


def _database(
    deck_name: str,
    deck_id: int,
    description: str,
    *,
    notetypes: Shipped,
    notes: list[PackedNote],
    subdecks: dict[str, int] | None = None,
    progress: Progress | None = None,
    path: Path,
) -> None:
    """Write the collection database to ``path``.

    genanki writes the schema, deck and note types; the rows go in directly.

    The notes and cards rows are exactly what ``genanki.Note.write_to_db`` writes
    (one card per template whose required fields are filled, or per cloze
    number, ``due`` the note's position), with each note's own id and mod time,
    inserted in the same order, so the database bytes are the same too (tests
    compare them). Writing them directly skips genanki's per-note objects and
    checks, which cost far more than the rows. Card ids: see
    :func:`generator.compile.notetypes.card_id`.
    """
    import genanki

    deck = genanki.Deck(deck_id, deck_name, description)
    kinds = {}
    for kind, (nt, _) in notetypes.items():
        model = _model(nt)
        deck.add_model(model)
        kinds[kind] = (nt.id, _card_ords(model, nt))
    first_mod = next(iter(notetypes.values()))[1]
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        cursor = conn.cursor()
        decks = [deck, *(genanki.Deck(did, name) for name, did in (subdecks or {}).items())]
        genanki.Package(decks).write_to_db(cursor, first_mod, iter(()))
        _set_model_mods(cursor, notetypes, first_mod)
        for due, note in enumerate(notes):
            nid, mod, fields = note.note_id, note.mod, note.fields
            mid, card_ords = kinds[note.kind]
            flds, tags = "\x1f".join(fields), " " + " ".join(note.tags) + " "
            row = NoteRow(nid, note.guid, mid, mod, -1, tags, flds, fields[0], 0, 0, "")
            cursor.execute(_INSERT_NOTE, row)
            for card_ord in card_ords(fields):
                cid = card_id(nid, card_ord)
                did = note.deck_id or deck_id
                card = CardRow(cid, nid, did, card_ord, mod, -1, 0, 0, due, 0, 0, 0, 0, 0, 0, 0, 0, "")
                cursor.execute(_INSERT_CARD, card)
            if progress is not None and due % _EVERY == 0:
                progress(due)
        schema_mod = max(mod for _, mod in notetypes.values())
        latest = max([schema_mod, *(n.mod for n in notes)])
        cursor.execute("UPDATE col SET mod = ?, scm = ?", (latest * 1000, schema_mod * 1000))
        conn.commit()
    finally:
        conn.close()
    _fix_header(path)


_HEADER_STAMP = struct.pack(">I", 1), struct.pack(">II", 1, 3_031_001)


def _fix_header(path: Path) -> None:
    """Make the SQLite header independent of the SQLite that wrote it.

    Offsets 24-27 (change counter) and 92-99 (the counter the page count is
    valid for, and the writer's version number) vary between SQLite builds and
    between file and memory databases; they are set to fixed, consistent values
    so that the same notes give the same bytes on any machine.
    """
    with open(path, "r+b") as handle:
        handle.seek(24)
        handle.write(_HEADER_STAMP[0])
        handle.seek(92)
        handle.write(_HEADER_STAMP[1])


def build_apkg(
    deck_name: str,
    deck_id: int,
    description: str,
    *,
    notetypes: Shipped,
    notes: list[PackedNote],
    media: Media = (),
    subdecks: dict[str, int] | None = None,
    progress: Progress | None = None,
    comment: bytes = b"",
) -> bytes:
    """The bytes of an .apkg holding ``notes`` and ``media``, identical for identical input.

    The database is written to a private temporary folder (removed afterwards)
    and streamed into the zip, so it is never held in memory whole. ``comment``
    becomes the zip's comment (the build stamps it with its manifest's hash).
    Media files are the zip entries ``0``, ``1``, ... in the order given, and
    the ``media`` entry maps those numbers to their names (Anki's package format).
    ``subdecks`` are the decks below this one that notes go into, by full
    name, with their ids (each level above a subdeck is one too).
    """
    try:
        return _build_apkg(
            deck_name,
            deck_id,
            description,
            notetypes=notetypes,
            notes=notes,
            media=media,
            subdecks=subdecks or {},
            progress=progress,
            comment=comment,
        )
    except (sqlite3.Error, OSError) as exc:
        folder = tempfile.gettempdir()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise PackageError(
            f"cannot write the deck's database in the temporary folder {folder}: {reason}; "
            "free space there, raise the file size limit (ulimit -f), or set TMPDIR to another folder"
        ) from exc


def _build_apkg(
    deck_name: str,
    deck_id: int,
    description: str,
    *,
    notetypes: Shipped,
    notes: list[PackedNote],
    media: Media,
    subdecks: dict[str, int],
    progress: Progress | None,
    comment: bytes,
) -> bytes:
    out = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="deckgen-") as scratch:
        db = Path(scratch) / "collection.anki2"
        _database(
            deck_name,
            deck_id,
            description,
            notetypes=notetypes,
            notes=notes,
            subdecks=subdecks or {},
            progress=progress,
            path=db,
        )
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.comment = comment
            with (
                archive.open(_entry("collection.anki2"), "w", force_zip64=False) as entry,
                open(db, "rb") as db_file,
            ):
                shutil.copyfileobj(db_file, entry, 1 << 20)
            mapping = {str(number): name for number, (name, _) in enumerate(media)}
            archive.writestr(_entry("media"), json.dumps(mapping, separators=(",", ":")).encode())
            for number, (name, read) in enumerate(media):
                archive.writestr(_entry(str(number), stored=name.rsplit(".", 1)[-1] in _PACKED), read())
    return out.getvalue()


def _entry(name: str, stored: bool = False) -> zipfile.ZipInfo:
    """A zip entry with fixed date, permissions and system, so the zip's bytes never vary."""
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    # The entry's own level (ZipFile.open takes a ZipInfo's level, not the archive's);
    # Python 3.13 renamed it compress_level and keeps this name as an alias.
    info._compresslevel = None if stored else ZIP_LEVEL  # type: ignore[attr-defined]
    info.external_attr = 0o644 << 16
    info.create_system = 3
    return info
