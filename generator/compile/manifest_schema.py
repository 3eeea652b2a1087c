"""The manifest as deckgen writes it, checked key by key before any of it is used.

A manifest is a file in the repository: a hand edit or a pull request can put
anything in it. :func:`validate` turns the parsed JSON into a
:class:`~generator.compile.manifest_data.Manifest` only when every key is known and
every value is of the kind and range deckgen writes, and otherwise raises
``ManifestError`` naming the key at fault. The fields of removed cards' notes
must be HTML deckgen would have written (:mod:`generator.compile.ownhtml`).
"""

from __future__ import annotations

import re
from typing import Any

from generator.compile import manifest_data as mf
from generator.compile.notes import REMOVED_TAG, guid, split_key
from generator.compile.notetypes import KINDS, for_kind
from generator.compile.ownhtml import foreign_html
from generator.mediaformat import SHIPPED
from generator.model import CardKind
from generator.slugs import SLUG_PATTERN
from generator.tags import tag_problem

MAX_ID = 2**53
"""Deck ids are at most this (:data:`generator.deckid.CEILING`, which the check allows)."""
MAX_NOTE_ID = 2**53 - 1
"""Note ids are below 2**53 (Anki's ids are milliseconds; JSON readers and Anki's screens keep them
exact); a build never gives a new note a larger one (:func:`generator.compile.manifest.plan`)."""
MAX_GENERATION = 99
"""Each kind's note type ids are 100 apart: generations past this would take another kind's ids."""

_HASH = re.compile("[0-9a-f]{64}")
_SLUG = re.compile(SLUG_PATTERN)
_GUID = re.compile(r"[!#-~]{1,20}")
_TOP = frozenset(
    {
        "format",
        "deck",
        "deck_id",
        "notetype",
        "cards",
        "removed",
        "notetypes",
        "media",
        "cards_file",
        "version",
    }
)
_TOP_REQUIRED = _TOP - {"removed", "notetypes", "media", "cards_file", "version"}
MAX_VERSION = 999_999_999
"""The highest deck version a manifest may hold."""
CARDS_FILE = re.compile(r"[^\x00-\x1f/\\][^\x00-\x1f\\]{0,4095}")
"""The cards file, relative to the manifest's folder, with '/' between folders."""
_OTHER_KINDS = frozenset(KINDS) - {CardKind.BASIC}
_ENTRY = frozenset({"hash", "mod", "note_id"})
_RENAMED = _ENTRY | {"origin"}
_REMOVED = frozenset({"mod", "note_id", "guid", "fields", "tags", "retired", "origin"})
_REMOVED_REQUIRED = _REMOVED - {"retired", "origin"}
"""A manifest written before removed cards had banners has no "retired" day."""
DAY = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])")
"""A day as ``YYYY-MM-DD``."""
_NOTETYPE = frozenset({"id", "name", "generation", "fields", "templates", "hash", "mod"})


def _damaged(where: str, problem: str) -> mf.ManifestError:
    return mf.ManifestError(f"manifest is damaged: {where} {problem}")


def show(value: object, limit: int = 40) -> str:
    """``repr(value)`` for a message, cut to ``limit`` characters: a value from a file may be huge."""
    if type(value) is int and not -(10**limit) < value < 10**limit:
        return f"a number of {len(str(abs(value))) if value.bit_length() < 10_000 else 'thousands of'} digits"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_show = show


def _object(value: object, where: str, keys: frozenset[str], required: frozenset[str]) -> dict[str, Any]:
    if type(value) is not dict:
        raise _damaged(where, f"must be an object, not {_show(value)}")
    unknown = sorted(set(value) - keys)
    if unknown:
        raise _damaged(where, f"has the unknown key {unknown[0]!r}")
    missing = sorted(required - set(value))
    if missing:
        raise _damaged(where, f"lacks the key {missing[0]!r}")
    return value


def _int(value: object, where: str, high: int) -> int:
    if type(value) is not int or not 0 < value <= high:
        raise _damaged(where, f"must be a whole number from 1 to {high}, not {_show(value)}")
    return value


def _str(value: object, where: str, pattern: re.Pattern[str] | None = None) -> str:
    if type(value) is not str or (pattern is not None and not pattern.fullmatch(value)):
        kind = "text" if pattern is None else f"text matching {pattern.pattern}"
        raise _damaged(where, f"must be {kind}, not {_show(value)}")
    return value


def _strings(value: object, where: str) -> list[str]:
    if type(value) is not list or not all(type(item) is str for item in value):
        raise _damaged(where, f"must be a list of text, not {_show(value)}")
    return value


def _key(key: object, where: str) -> str:
    """A note key: a card id (a slug), or a card id, ':' and a kind other than basic."""
    if type(key) is str and _SLUG.fullmatch(key):
        return key
    card_id, kind = split_key(key) if type(key) is str else ("", "")
    if not (_SLUG.fullmatch(card_id) and kind in _OTHER_KINDS):
        raise _damaged(where, "must be a card id (a slug), or a card id, ':' and its kind")
    return str(key)


def _notetype(value: object, kind: str, where: str) -> mf.NotetypeEntry:
    data = _object(value, where, _NOTETYPE, _NOTETYPE)
    generation = _int(data["generation"], f"{where}.generation", MAX_GENERATION)
    expected = for_kind(kind, generation)
    entry = mf.NotetypeEntry(
        id=_int(data["id"], f"{where}.id", MAX_ID),
        name=_str(data["name"], f"{where}.name"),
        generation=generation,
        fields=_strings(data["fields"], f"{where}.fields"),
        templates=_strings(data["templates"], f"{where}.templates"),
        hash=_str(data["hash"], f"{where}.hash", _HASH),
        mod=_int(data["mod"], f"{where}.mod", mf.MAX_TIME),
    )
    if (entry.id, entry.name) != (expected.id, expected.name):
        raise _damaged(
            where,
            f"id and name must be {expected.id} and {expected.name!r} for generation "
            f"{generation}, not {entry.id} and {entry.name!r}",
        )
    return entry


def _notetypes(value: object) -> dict[str, mf.NotetypeEntry]:
    if type(value) is not dict:
        raise _damaged("notetypes", f"must be an object, not {_show(value)}")
    for kind in value:
        if kind not in _OTHER_KINDS:
            raise _damaged("notetypes", f"has the unknown card kind {_show(kind)}")
    return {kind: _notetype(entry, kind, f"notetypes[{kind!r}]") for kind, entry in value.items()}


def _cards(value: object) -> dict[str, mf.Entry]:
    if type(value) is not dict:
        raise _damaged("cards", f"must be an object, not {_show(value)}")
    cards: dict[str, mf.Entry] = {}
    entry = mf.Entry
    for key, item in value.items():
        if (
            type(item) is dict
            and item.keys() == _ENTRY
            and type(digest := item["hash"]) is str
            and type(mod := item["mod"]) is int
            and type(note_id := item["note_id"]) is int
            and 0 < mod <= mf.MAX_TIME
            and 0 < note_id <= MAX_NOTE_ID
            and _HASH.fullmatch(digest)
            and (_SLUG.fullmatch(key) or _key(key, f"cards[{key!r}]"))
        ):
            cards[key] = entry(digest, mod, note_id)
            continue
        where = f"cards[{key!r}]"  # the slow path: which value, and why (or a renamed card)
        _key(key, f"the key of {where}")
        data = _object(item, where, _RENAMED, _ENTRY)
        cards[key] = entry(
            _str(data["hash"], f"{where}.hash", _HASH),
            _int(data["mod"], f"{where}.mod", mf.MAX_TIME),
            _int(data["note_id"], f"{where}.note_id", MAX_NOTE_ID),
            _origin(data, key, where),
        )
    return cards


def _origin(data: dict[str, Any], key: str, where: str) -> str:
    """A renamed card's first note key (its GUID's): of the same kind, and not its own."""
    if "origin" not in data:
        return ""
    origin = _key(data["origin"], f"{where}.origin")
    if origin == key or split_key(origin)[1] != split_key(key)[1]:
        raise _damaged(f"{where}.origin", "must be another key of a card of the same kind")
    return origin


def _removed(value: object, deck_id: int) -> dict[str, mf.Removed]:
    if type(value) is not dict:
        raise _damaged("removed", f"must be an object, not {_show(value)}")
    removed: dict[str, mf.Removed] = {}
    for key, item in value.items():
        where = f"removed[{key!r}]"
        _key(key, f"the key of {where}")
        data = _object(item, where, _REMOVED, _REMOVED_REQUIRED)
        fields = _strings(data["fields"], f"{where}.fields")
        count = len(for_kind(CardKind(split_key(key)[1])).fields)
        if len(fields) != count:
            raise _damaged(f"{where}.fields", f"must hold {count} fields, not {len(fields)}")
        for i, html in enumerate(fields):
            foreign = foreign_html(html)
            if foreign is not None:
                raise _damaged(f"{where}.fields[{i}]", f"holds {foreign}, which deckgen never writes")
        tags = _strings(data["tags"], f"{where}.tags")
        for tag in tags:
            problem = tag_problem(tag)
            if problem is not None:
                raise _damaged(f"{where}.tags", f"holds the tag {_show(tag)}, which {problem}")
        if REMOVED_TAG not in tags:
            raise _damaged(f"{where}.tags", f"lacks {REMOVED_TAG!r}")
        note_guid = _str(data["guid"], f"{where}.guid", _GUID)
        origin = _origin(data, key, where)
        if note_guid != guid(deck_id, origin or key):
            raise _damaged(
                f"{where}.guid", f"must be {guid(deck_id, origin or key)!r}, the card's GUID in this deck"
            )
        removed[key] = mf.Removed(
            mod=_int(data["mod"], f"{where}.mod", mf.MAX_TIME),
            note_id=_int(data["note_id"], f"{where}.note_id", MAX_NOTE_ID),
            guid=note_guid,
            fields=fields,
            tags=tags,
            retired=_str(data["retired"], f"{where}.retired", DAY) if "retired" in data else "",
            origin=origin,
        )
    return removed


def _media(value: object) -> dict[str, str]:
    if type(value) is not dict:
        raise _damaged("media", f"must be an object, not {_show(value)}")
    for name, path in value.items():
        _str(name, "a name under media", SHIPPED)
        _str(path, f"media[{name!r}]")
    return value


def validate(data: object) -> mf.Manifest:
    """The manifest in ``data`` (parsed JSON); ``ManifestError`` naming the first key at fault."""
    top = _object(data, "the top level", _TOP, _TOP_REQUIRED)
    if type(top["format"]) is not int or top["format"] != mf.FORMAT:
        raise _damaged("format", f"must be {mf.FORMAT}, not {_show(top['format'])}")
    deck_id = _int(top["deck_id"], "deck_id", MAX_ID)
    manifest = mf.Manifest(
        deck=_str(top["deck"], "deck"),
        deck_id=deck_id,
        notetype=_notetype(top["notetype"], CardKind.BASIC, "notetype"),
        cards=_cards(top["cards"]),
        removed=_removed(top.get("removed", {}), deck_id),
        notetypes=_notetypes(top.get("notetypes", {})),
        media=_media(top.get("media", {})),
        cards_file=_str(top["cards_file"], "cards_file", CARDS_FILE) if "cards_file" in top else "",
        version=_int(top["version"], "version", MAX_VERSION) if "version" in top else 0,
    )
    seen: dict[int, str] = {}
    for where, note_id in [
        *((f"cards[{k!r}]", e.note_id) for k, e in manifest.cards.items()),
        *((f"removed[{k!r}]", r.note_id) for k, r in manifest.removed.items()),
    ]:
        if note_id in seen:
            raise _damaged(f"{where}.note_id", f"{note_id} is also the note id of {seen[note_id]}")
        seen[note_id] = where
    both = sorted(set(manifest.cards) & set(manifest.removed))
    if both:
        raise _damaged(f"removed[{both[0]!r}]", "is also under cards")
    notes: dict[str, str] = {}
    for where, key, origin in [
        *((f"cards[{k!r}]", k, e.origin) for k, e in manifest.cards.items()),
        *((f"removed[{k!r}]", k, r.origin) for k, r in manifest.removed.items()),
    ]:
        made_from = origin or key
        if made_from in notes:
            raise _damaged(where, f"has the GUID of {notes[made_from]} (both are made from {made_from!r})")
        notes[made_from] = where
    return manifest
