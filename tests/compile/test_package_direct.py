"""The direct note writer gives the same database as writing every note with genanki."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import replace

import genanki

from generator.compile import notetype, notetypes
from generator.compile.notetype import Notetype
from generator.compile.package import PackedNote, build_apkg
from generator.model import CardKind


def genanki_model(nt: Notetype) -> genanki.Model:
    """The note type as a genanki model, as Anki's own note types are made."""
    return genanki.Model(
        nt.id,
        nt.name,
        fields=[{"name": name} for name in nt.fields],
        templates=[{"name": t.name, "qfmt": t.front, "afmt": t.back} for t in nt.templates],
        css=nt.css,
        model_type=genanki.Model.CLOZE if nt.cloze else genanki.Model.FRONT_BACK,
        sort_field_index=0,
    )


def genanki_database(
    deck_name: str,
    deck_id: int,
    description: str,
    *,
    nt: Notetype,
    nt_mod: int,
    notes: list[PackedNote],
    kinds: dict[str, Notetype] | None = None,
) -> bytes:
    """The previous writer: every note through genanki, then ids and mod times set per note.

    ``kinds`` gives the note type of notes of other kinds than basic.
    """
    models = {kind: genanki_model(other) for kind, other in {**(kinds or {}), "basic": nt}.items()}
    deck = genanki.Deck(deck_id, deck_name, description)
    written = []
    for due, note in enumerate(notes):
        model = models[note.kind]
        written.append(
            genanki.Note(model, fields=list(note.fields), tags=list(note.tags), guid=note.guid, due=due)
        )
        deck.add_note(written[-1])
    if not notes:
        deck.add_model(models["basic"])

    def ids() -> Iterator[int]:
        for note, made in zip(notes, written, strict=True):
            yield note.note_id
            for card in made.cards:
                yield notetypes.card_id(note.note_id, card.ord)

    conn = sqlite3.connect(":memory:")
    try:
        cursor = conn.cursor()
        genanki.Package(deck).write_to_db(cursor, nt_mod, ids())
        cursor.executemany("UPDATE notes SET mod = ? WHERE id = ?", [(n.mod, n.note_id) for n in notes])
        cursor.executemany("UPDATE cards SET mod = ? WHERE nid = ?", [(n.mod, n.note_id) for n in notes])
        latest = max([nt_mod, *(n.mod for n in notes)])
        cursor.execute("UPDATE col SET mod = ?, scm = ?", (latest * 1000, nt_mod * 1000))
        conn.commit()
        return conn.serialize()
    finally:
        conn.close()


def direct_database(
    deck_name: str,
    deck_id: int,
    description: str,
    *,
    nt: Notetype,
    nt_mod: int,
    notes: list[PackedNote],
    kinds: dict[str, Notetype] | None = None,
) -> bytes:
    """The database of the package the build writes (its ``collection.anki2``), as bytes."""
    shipped = {CardKind(kind): (other, nt_mod) for kind, other in {"basic": nt, **(kinds or {})}.items()}
    apkg = build_apkg(deck_name, deck_id, description, notetypes=shipped, notes=notes)
    with zipfile.ZipFile(io.BytesIO(apkg)) as archive:
        return archive.read("collection.anki2")


def without_change_counters(db: bytes) -> bytes:
    """The database bytes less the header's change counters (offsets 24-27, 92-95) and
    the stamp of the SQLite that last wrote it (96-99).

    They differ between a file and an in-memory database; every page of
    content must still be the same.
    """
    return db[:24] + bytes(4) + db[28:92] + bytes(8) + db[100:]


def rows(db: bytes) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(db)
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        out = {name: conn.execute(f"SELECT * FROM {name} ORDER BY rowid").fetchall() for name in tables}
        out["sqlite_master"] = conn.execute("SELECT * FROM sqlite_master ORDER BY name").fetchall()
        return out
    finally:
        conn.close()


def sample_notes(count: int) -> list[PackedNote]:
    return [
        PackedNote(
            guid=f"g{i:05d}",
            fields=(f"Question {i} &amp; <em>x</em>", f"Answer {i}", "" if i % 3 else "extra", "", f"id-{i}"),
            tags=tuple(sorted({"bench", f"topic{i % 7}", "source::doc"})),
            note_id=1_800_000_000_000 + i * 3,
            mod=1_800_000_000 + (i % 5) * 60,
        )
        for i in range(count)
    ]


def test_same_rows_and_bytes_as_genanki() -> None:
    nt = notetype.notetype(1)
    for notes in (sample_notes(1), sample_notes(500)):
        args = ("Deck::Sub", 2_103_260_501, "<p>about</p>")
        old = genanki_database(*args, nt=nt, nt_mod=1_799_000_000, notes=notes)
        new = direct_database(*args, nt=nt, nt_mod=1_799_000_000, notes=notes)
        old_rows, new_rows = rows(old), rows(new)
        assert old_rows == new_rows
        assert len(new_rows["notes"]) == len(new_rows["cards"]) == len(notes)
        assert without_change_counters(new) == without_change_counters(old)


def test_second_generation_notetype() -> None:
    nt = notetype.notetype(2)
    notes = sample_notes(20)
    old = genanki_database("D", 7, "", nt=nt, nt_mod=1_800_000_500, notes=notes)
    new = direct_database("D", 7, "", nt=nt, nt_mod=1_800_000_500, notes=notes)
    assert rows(old) == rows(new)


def test_notes_of_every_kind_get_the_same_rows_as_genanki_gives_them() -> None:
    """Reversed notes get two cards, cloze notes one per number, each card id distinct and fixed."""
    kinds = {kind: notetypes.for_kind(kind) for kind in ("reversed", "type-in", "cloze")}
    notes = sample_notes(8)
    notes[1] = replace(notes[1], kind="reversed")
    notes[2] = replace(notes[2], kind="type-in")
    text = "The {{c1::CNS}} has the {{c3::brain}} and the {{c2::spinal cord}}."
    notes[3] = replace(notes[3], kind="cloze", fields=(text, "", "", "id-3"))
    notes[4] = replace(notes[4], kind="cloze", fields=("Only {{c2::one}}.", "", "", "id-4"))
    basic = notetype.notetype()
    old = genanki_database("D", 7, "", nt=basic, nt_mod=1_800_000_500, notes=notes, kinds=kinds)
    new = direct_database("D", 7, "", nt=basic, nt_mod=1_800_000_500, notes=notes, kinds=kinds)
    assert rows(old) == rows(new)
    cards = rows(new)["cards"]
    by_note: dict[object, list[object]] = {}
    for card in cards:
        by_note.setdefault(card[1], []).append(card[3])
    assert [by_note[n.note_id] for n in notes] == [[0], [0, 1], [0], [0, 1, 2], [1], [0], [0], [0]]
    ids = [card[0] for card in cards]
    assert len(set(ids)) == len(ids)
    reversed_ids = sorted(card[0] for card in cards if card[1] == notes[1].note_id)
    assert reversed_ids == [notes[1].note_id, notes[1].note_id + notetypes.CARD_ID_STRIDE]
