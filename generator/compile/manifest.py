"""The build manifest: what each card's note held and when it last changed.

Anki updates a note on import only when the incoming modification time is
newer than its own. So a note keeps its previous mod time while its content
is unchanged, and gets a strictly newer one when it changes. The manifest is
JSON beside the deck, committed with it, and written deterministically.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.compile.manifest_data import (
    FORMAT,
    MAX_TIME,
    Entry,
    Manifest,
    ManifestError,
    NotetypeEntry,
    Removed,
)
from generator.compile.manifest_schema import MAX_NOTE_ID, show, validate
from generator.compile.notes import NoteData, note_key
from generator.compile.notetype import Notetype
from generator.files import TooLarge, read_regular
from generator.model import CardKind

__all__ = [
    "FORMAT",
    "FUTURE",
    "MAX_BYTES",
    "MAX_TIME",
    "Changes",
    "Entry",
    "Manifest",
    "ManifestError",
    "NotetypeEntry",
    "Removed",
    "TooLate",
    "load",
    "loads",
    "next_mod",
    "parse",
    "plan",
    "read",
    "show_time",
]
"""The manifest's values are defined in :mod:`generator.compile.manifest_data`, which
:mod:`generator.compile.manifest_schema` builds as well (so neither imports the other back);
the build knows them by this module (``mf.Manifest``)."""

FUTURE = 86_400
"""A time more than this many seconds ahead of the clock is warned about."""


def show_time(seconds: int) -> str:
    """A time in seconds as a UTC date and time, for messages."""
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(seconds))


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def parse(text: str | bytes) -> Any:
    """A manifest's JSON, parsed: ``ManifestError`` when it is not UTF-8 JSON of text Unicode can hold.

    A lone surrogate (a ``"\\ud800"`` escape, or its bytes) is no character:
    it could not be written to a package, a message or a file name.
    """
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        data: Any = json.loads(text)
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:200]
        raise ManifestError(f"manifest is damaged: not JSON ({reason})") from None
    if _SURROGATE_ESCAPE.search(text):
        where = _lone_surrogate(data)
        if where is not None:
            raise ManifestError(f"manifest is damaged: {where} holds a lone surrogate, which is no character")
    return data


def _lone_surrogate(data: Any) -> str | None:
    """Where in ``data`` (parsed JSON) a key or text holds a lone surrogate, or None."""
    stack: list[tuple[str, Any]] = [("the top level", data)]
    while stack:
        where, value = stack.pop()
        if type(value) is str and _SURROGATE.search(value):
            return where
        if type(value) is list:
            stack += ((f"{where}[{i}]", item) for i, item in enumerate(value))
        elif type(value) is dict:
            for key, item in value.items():
                named = show(key)[1:-1] if where == "the top level" else f"{where}[{show(key)}]"
                if _SURROGATE.search(key):
                    return f"a key of {where}"
                stack.append((named, item))
    return None


def loads(text: str | bytes) -> Manifest:
    """Parse a manifest; raise ManifestError naming the key at fault when it is unusable.

    Every key and value is checked first (:mod:`generator.compile.manifest_schema`).
    """
    return validate(parse(text))


MAX_BYTES = 256 * 1024 * 1024
"""Manifests larger than this are refused before they are read."""


def read(path: Path) -> bytes | None:
    """The bytes of the manifest at ``path``, or None when there is none yet."""
    try:
        return read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        return None
    except (OSError, TooLarge) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ManifestError(f"cannot read it: {reason}") from exc


def load(path: Path) -> Manifest | None:
    """The manifest at ``path``, or None when there is none yet."""
    data = read(path)
    return None if data is None else loads(data)


@dataclass
class Changes:
    """What a build changed since the previous one, by note key (:func:`generator.compile.notes.note_key`)."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    """Cards renamed with ``was:``: (the note key they had, the one they have), each keeping its note."""
    notetype_changed: bool = False
    """Whether any note type's templates or CSS changed (Anki updates them in place)."""

    def summary(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.changed)} changed"]
        parts += [f"{len(self.unchanged)} unchanged", f"{len(self.removed)} removed"]
        if self.renamed:
            parts.append(f"{len(self.renamed)} renamed")
        if self.notetype_changed:
            parts.append("note type updated")
        return ", ".join(parts)


class TooLate(Exception):
    """A note needs a later modification time than a manifest can hold (:data:`MAX_TIME`)."""


def next_mod(previous: int | None, now: int) -> int:
    """A mod time for new content: now, but always strictly after the previous one.

    Raises :class:`TooLate` past :data:`MAX_TIME`: a manifest holding it could not be read back.
    """
    mod = now if previous is None else max(now, previous + 1)
    if mod > MAX_TIME:
        raise TooLate(
            f"a changed note needs a modification time later than {show_time(MAX_TIME)}, later than deckgen "
            "can write: the manifest holds times that far ahead (was the clock or SOURCE_DATE_EPOCH wrong?)"
        )
    return mod


def _fresh_ids(now: int, known: list[int]) -> Iterator[int]:
    """Note ids for new notes: from the build time in milliseconds, after every id the deck has had;
    when that comes near :data:`MAX_NOTE_ID`, the ids from the build time on that no note has."""
    start = max([now * 1000 - 1, *known]) + 1
    if start < MAX_NOTE_ID - 10**9:  # room for far more new cards than a cards file can hold
        return itertools.count(start)
    taken = set(known)
    return (n for n in itertools.count(now * 1000) if n not in taken)


def _plan_notetype(nt: Notetype, generation: int, prev: NotetypeEntry | None, now: int) -> NotetypeEntry:
    """A note type's entry: its previous mod time while it is unchanged, else a newer one."""
    nt_hash = nt.content_hash()
    if prev is not None and prev.hash == nt_hash and prev.id == nt.id:
        nt_mod = prev.mod
    else:
        nt_mod = next_mod(prev.mod if prev else None, now)
    templates = [t.name for t in nt.templates]
    return NotetypeEntry(nt.id, nt.name, generation, list(nt.fields), templates, nt_hash, nt_mod)


def _earlier(
    note: NoteData, cards: dict[str, Entry], removed: dict[str, Removed], taken: tuple[set[str], set[str]]
) -> tuple[str, Entry | Removed] | None:
    """The note a renamed card keeps: the first of its earlier ids (``was:``) the previous build has a
    note of (a card's, or a removed card's), of the card's kind, that no other card has or keeps."""
    for was in note.was:
        key = note_key(was, note.kind)
        if key in taken[0] or key in taken[1]:
            continue
        had = cards.get(key) or removed.get(key)
        if had is not None:
            return key, had
    return None


def plan(
    notes: list[NoteData],
    notetypes: dict[CardKind, tuple[Notetype, int]],
    *,
    deck: tuple[str, int],
    previous: Manifest | None,
    now: int,
) -> tuple[Manifest, Changes]:
    """The new manifest for ``notes``: mod times and note ids, plus what changed.

    ``notetypes`` holds each kind's note type and generation (the basic one
    always). Removed cards are only listed in the changes here (their content
    is not in ``notes``): the build keeps their notes, tagged, from the
    previous package (see :mod:`generator.compile.pipeline`).
    """
    changes = Changes()
    prev_cards = previous.cards if previous else {}
    prev_removed = previous.removed if previous else {}
    entries: dict[str, NotetypeEntry] = {}
    for kind, (nt, generation) in notetypes.items():
        prev_entry = previous.entry(kind) if previous else None
        entries[kind] = _plan_notetype(nt, generation, prev_entry, now)
        changes.notetype_changed |= prev_entry is not None and prev_entry.mod != entries[kind].mod
    others = {**(previous.notetypes if previous else {}), **entries}
    del others[CardKind.BASIC]
    known_ids = [e.note_id for e in prev_cards.values()] + [r.note_id for r in prev_removed.values()]
    fresh_ids = _fresh_ids(now, known_ids)
    cards: dict[str, Entry] = {}
    keys = {note.key for note in notes}
    taken: set[str] = set()
    """The earlier keys of renamed cards: their notes go on under the new keys."""
    for note in notes:
        key = note.key
        digest = note.content_hash()
        old = prev_cards.get(key)
        gone = prev_removed.get(key)
        renamed = note.was and old is None and gone is None
        earlier = _earlier(note, prev_cards, prev_removed, (keys, taken)) if renamed else None
        if old is not None and old.hash == digest:
            cards[key] = Entry(digest, old.mod, old.note_id, old.origin)
            changes.unchanged.append(key)
        elif old is not None:
            cards[key] = Entry(digest, next_mod(old.mod, now), old.note_id, old.origin)
            changes.changed.append(key)
        elif gone is not None:
            cards[key] = Entry(digest, next_mod(gone.mod, now), gone.note_id, gone.origin)
            changes.restored.append(key)
        elif earlier is not None:
            was, had = earlier
            cards[key] = Entry(digest, next_mod(had.mod, now), had.note_id, had.origin or was)
            changes.renamed.append((was, key))
            taken.add(was)
        else:
            cards[key] = Entry(digest, next_mod(None, now), next(fresh_ids))
            changes.added.append(key)
    removed = {k: v for k, v in prev_removed.items() if k not in cards and k not in taken}
    changes.removed = [k for k in prev_cards if k not in cards and k not in taken]
    manifest = Manifest(
        deck[0], deck[1], entries[CardKind.BASIC], cards, removed, dict(sorted(others.items()))
    )
    return manifest, changes
