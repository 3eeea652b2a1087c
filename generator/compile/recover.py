"""A manifest rebuilt from the packages it belongs to.

When the manifest is missing, or does not belong to the package beside it (a
build was killed between replacing the two), the packages themselves hold what
the next build needs: each note's id, GUID, modification time, fields and
tags, and the note types; the notes of removed cards are in the retired-cards
package written with the deck (:mod:`generator.compile.retired`: the banner
gives the day each was removed), or, in a package from before there was one,
in the deck itself, tagged. The content hashes are worked out again from the
fields and tags, so a rebuild stamps a new time only on what really changed.
Nothing is taken from a package that deckgen would not have written.
"""

from __future__ import annotations

import html
import re
from typing import Any

from generator.compile import manifest as mf
from generator.compile import retired as rt
from generator.compile.changelog import read_version
from generator.compile.manifest_schema import MAX_GENERATION, MAX_NOTE_ID, show
from generator.compile.notes import REMOVED_TAG, NoteData, guid, note_key, split_key
from generator.compile.notetype import Notetype, Template
from generator.compile.notetypes import KINDS, for_kind
from generator.compile.ownhtml import foreign_html
from generator.compile.renames import read_origins
from generator.compile.unpack import Contents, StoredNote
from generator.model import CardKind
from generator.slugs import SLUG_PATTERN
from generator.tags import tag_problem

_SLUG = re.compile(SLUG_PATTERN)


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


def _deck(decks: dict[str, Any], deck_id: int) -> tuple[str, int] | None:
    """The deck's name, and the version its description names (0: none)."""
    deck = decks.get(str(deck_id))
    name = deck.get("name") if isinstance(deck, dict) else None
    return (
        (name, read_version(deck.get("desc"))) if isinstance(deck, dict) and isinstance(name, str) else None
    )


def _subdeck(decks: dict[str, Any], name: str, did: int) -> str:
    """The subdeck (below the deck ``name``) of the deck ``did`` a note's card is in: part of the
    note's content hash ("" for the deck itself, or a deck that is not below it)."""
    deck = decks.get(str(did))
    full = deck.get("name") if isinstance(deck, dict) else None
    return full.removeprefix(f"{name}::") if isinstance(full, str) and full.startswith(f"{name}::") else ""


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


def _origin(origins: dict[str, str], key: str) -> str:
    """The key a renamed card's note's GUID is made from, as the package says ("" when it says none,
    or names a key that cannot be one: not a note key of the card's kind, or the card's own)."""
    origin = origins.get(key, "")
    card_id, kind = split_key(origin)
    if not (_SLUG.fullmatch(card_id) and kind == split_key(key)[1] and origin == note_key(card_id, kind)):
        return ""
    return origin if origin != key else ""


def _note_problem(
    note: StoredNote, fields: int, deck_id: int, key: str, seen: dict[str, object], *, origin: str = ""
) -> str | None:
    """Why ``note`` is not the note of card ``key`` (renamed from ``origin``) as deckgen writes it, or None.

    ``seen`` holds the notes read so far, by key and by the key their GUID is made from.
    """
    if len(note.fields) != fields:
        return f"note {note.note_id} has {len(note.fields)} fields, not {fields}"
    if note.guid != guid(deck_id, origin or key) or key in seen or (origin and origin in seen):
        return f"note {note.note_id} is not the note of card {key!r} in this deck"
    if not (0 < note.note_id <= MAX_NOTE_ID and 0 < note.mod <= mf.MAX_TIME):
        return f"note {note.note_id} has an id or time deckgen does not write"
    foreign = next((f for f in map(foreign_html, note.fields) if f is not None), None)
    bad_tag = next((t for t in note.tags if tag_problem(t) is not None), None)
    if foreign is not None or bad_tag is not None:
        what = foreign if foreign is not None else f"the tag {bad_tag!r}"
        return f"note {note.note_id} holds {what}, which deckgen never writes"
    return None


def _retired_notes(
    contents: Contents, deck_id: int, seen: dict[str, object]
) -> tuple[dict[str, mf.Removed], dict[int, tuple[str, mf.NotetypeEntry]]] | str:
    """The removed cards' notes in a retired-cards package, without their banners, and its note types."""
    types = _notetypes(contents.models)
    if isinstance(types, str):
        return types
    own = contents.decks.get(str(rt.deck_id(deck_id)))
    origins = read_origins(own.get("desc") if isinstance(own, dict) else None)
    removed: dict[str, mf.Removed] = {}
    for note in contents.notes:
        if note.model_id not in types:
            return f"note {note.note_id} has a note type the package does not hold"
        kind, entry = types[note.model_id]
        plain = rt.without_banner(note.fields, kind) if len(note.fields) == len(entry.fields) else None
        if plain is None or REMOVED_TAG not in note.tags:
            return f"note {note.note_id} is not a removed card's note as deckgen writes it"
        fields, removed_on = plain
        key = note_key(html.unescape(fields[-1]), kind)
        plain_note = StoredNote(note.note_id, note.guid, note.model_id, note.mod, fields, note.tags)
        origin = _origin(origins, key)
        problem = _note_problem(plain_note, len(entry.fields), deck_id, key, seen, origin=origin)
        if problem is not None:
            return problem
        removed[key] = mf.Removed(note.mod, note.note_id, note.guid, fields, note.tags, removed_on, origin)
        seen[key] = seen[origin or key] = key
    return removed, types


def from_package(
    contents: Contents, deck_id: int, retired: Contents | None = None
) -> tuple[mf.Manifest, str] | str:
    """The manifest of the package ``contents`` (of the deck ``deck_id``), or why there can be none.

    ``retired`` is the retired-cards package written with it, if any: its
    notes are the removed cards'. Returned with the manifest: why ``retired``
    could not be used ("" when it could, or when there is none).
    """
    found_deck = _deck(contents.decks, deck_id)
    if found_deck is None:
        other = next((d for k, d in sorted(contents.decks.items()) if k != "1" and isinstance(d, dict)), None)
        if other is not None:
            name, number = show(other.get("name"), 80), show(other.get("id"))
            return f"it holds deck {name} with id {number}, not id {deck_id}"
        return f"it holds no deck with id {deck_id}"
    name, version = found_deck
    types = _notetypes(contents.models)
    if isinstance(types, str):
        return types
    origins = read_origins(contents.decks[str(deck_id)].get("desc"))
    cards: dict[str, mf.Entry] = {}
    removed: dict[str, mf.Removed] = {}
    seen: dict[str, object] = {}
    for note in contents.notes:
        if note.model_id not in types:
            return f"note {note.note_id} has a note type the package does not hold"
        kind, entry = types[note.model_id]
        key = note_key(html.unescape(note.fields[-1]), kind)
        origin = _origin(origins, key)
        problem = _note_problem(note, len(entry.fields), deck_id, key, seen, origin=origin)
        if problem is not None:
            return problem
        seen[key] = seen[origin or key] = key
        if REMOVED_TAG in note.tags:  # a package from before the retired-cards package
            removed[key] = mf.Removed(
                note.mod, note.note_id, note.guid, note.fields, note.tags, origin=origin
            )
        else:
            subdeck = _subdeck(contents.decks, name, note.deck)
            digest = NoteData(
                key, note.guid, tuple(note.fields), tuple(note.tags), deck=subdeck
            ).content_hash()
            cards[key] = mf.Entry(digest, note.mod, note.note_id, origin)
    entries = dict(types.values())
    problem = ""
    if retired is not None:
        found = _retired_notes(retired, deck_id, seen)
        if isinstance(found, str):
            problem = found
        else:
            removed.update(found[0])
            entries = {**dict(found[1].values()), **entries}
    others = {kind: entry for kind, entry in sorted(entries.items()) if kind != CardKind.BASIC}
    basic = _basic(entries, contents.notes)
    return mf.Manifest(name, deck_id, basic, cards, removed, others, version=version), problem
