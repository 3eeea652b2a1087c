"""A manifest rebuilt from the package it belongs to.

When the manifest is missing, or does not belong to the package beside it (a
build was killed between replacing the two), the package itself holds what the
next build needs: each note's id, GUID, modification time, fields and tags,
and the note type. The content hashes are worked out again from the fields
and tags, so a rebuild stamps a new time only on what really changed.
Nothing is taken from a package that deckgen would not have written.
"""

from __future__ import annotations

import html
from typing import Any

from generator.compile import manifest as mf
from generator.compile.manifest_schema import MAX_GENERATION, MAX_ID
from generator.compile.notes import REMOVED_TAG, NoteData, guid, note_key
from generator.compile.notetype import Notetype, Template
from generator.compile.notetypes import KINDS, for_kind
from generator.compile.ownhtml import foreign_html
from generator.compile.unpack import Contents, StoredNote
from generator.model import CardKind
from generator.tags import tag_problem


def _identify(model_id: object, name: object) -> tuple[str, int] | None:
    """The card kind and generation of a note type deckgen writes with this id and name."""
    if type(model_id) is not int:
        return None
    for kind in KINDS:
        generation = model_id - for_kind(kind).id + 1
        if 0 < generation <= MAX_GENERATION:
            ours = for_kind(kind, generation)
            if (ours.id, ours.name) == (model_id, name):
                return kind, generation
    return None


def _notetypes(models: dict[str, Any]) -> dict[int, tuple[str, mf.NotetypeEntry]] | str:
    """Each note type of the package by id: its kind and its manifest entry."""
    found: dict[int, tuple[str, mf.NotetypeEntry]] = {}
    for model in models.values():
        try:
            model_id = int(model["id"])
            known = _identify(model_id, model["name"])
            if known is None:
                return "it holds a note type deckgen does not write"
            kind, generation = known
            ours = for_kind(kind, generation)
            templates = tuple(
                Template(str(t["name"]), str(t["qfmt"]), str(t["afmt"])) for t in model["tmpls"]
            )
            fields = tuple(str(f["name"]) for f in model["flds"])
            shipped = Notetype(ours.id, ours.name, fields, templates, str(model["css"]), cloze=ours.cloze)
            mod = model["mod"]
        except (KeyError, TypeError, ValueError):
            return "it holds a note type deckgen does not write"
        if type(mod) is not int or not 0 < mod <= mf.MAX_TIME or kind in {k for k, _ in found.values()}:
            return "it holds a note type deckgen does not write"
        entry = mf.NotetypeEntry(
            ours.id,
            ours.name,
            generation,
            list(fields),
            [t.name for t in templates],
            shipped.content_hash(),
            mod,
        )
        found[model_id] = (kind, entry)
    return found


def _deck(decks: dict[str, Any], deck_id: int) -> str | None:
    deck = decks.get(str(deck_id))
    name = deck.get("name") if isinstance(deck, dict) else None
    return name if isinstance(name, str) else None


def _basic(entries: dict[str, mf.NotetypeEntry], notes: list[StoredNote]) -> mf.NotetypeEntry:
    """The basic note type's entry: the package's, or (when it has no basic cards) the first generation's,
    with no hash, so the next build stamps it anew."""
    if CardKind.BASIC in entries:
        return entries[CardKind.BASIC]
    nt = for_kind(CardKind.BASIC)
    latest = max([1, *(n.mod for n in notes), *(e.mod for e in entries.values())])
    return mf.NotetypeEntry(
        nt.id, nt.name, 1, list(nt.fields), [t.name for t in nt.templates], "0" * 64, latest
    )


def from_package(contents: Contents, deck_id: int) -> mf.Manifest | str:
    """The manifest of the package ``contents`` (of the deck ``deck_id``), or why there can be none."""
    name = _deck(contents.decks, deck_id)
    if name is None:
        return f"it holds no deck with id {deck_id}"
    types = _notetypes(contents.models)
    if isinstance(types, str):
        return types
    cards: dict[str, mf.Entry] = {}
    removed: dict[str, mf.Removed] = {}
    for note in contents.notes:
        if note.model_id not in types:
            return f"note {note.note_id} has a note type the package does not hold"
        kind, entry = types[note.model_id]
        if len(note.fields) != len(entry.fields):
            return f"note {note.note_id} has {len(note.fields)} fields, not {len(entry.fields)}"
        key = note_key(html.unescape(note.fields[-1]), kind)
        if note.guid != guid(deck_id, key) or key in cards or key in removed:
            return f"note {note.note_id} is not the note of card {key!r} in this deck"
        if not (0 < note.note_id <= MAX_ID and 0 < note.mod <= mf.MAX_TIME):
            return f"note {note.note_id} has an id or time deckgen does not write"
        foreign = next((f for f in map(foreign_html, note.fields) if f is not None), None)
        bad_tag = next((t for t in note.tags if tag_problem(t) is not None), None)
        if foreign is not None or bad_tag is not None:
            what = foreign if foreign is not None else f"the tag {bad_tag!r}"
            return f"note {note.note_id} holds {what}, which deckgen never writes"
        if REMOVED_TAG in note.tags:
            removed[key] = mf.Removed(note.mod, note.note_id, note.guid, note.fields, note.tags)
        else:
            digest = NoteData(key, note.guid, tuple(note.fields), tuple(note.tags)).content_hash()
            cards[key] = mf.Entry(digest, note.mod, note.note_id)
    entries = dict(types.values())
    others = {kind: entry for kind, entry in sorted(entries.items()) if kind != CardKind.BASIC}
    return mf.Manifest(name, deck_id, _basic(entries, contents.notes), cards, removed, others)
