"""The note types a build uses, one per card kind, and the guards that keep Anki updating notes.

Two changes would make Anki stop updating notes in place, so a build refuses
them unless asked on purpose:

- a note type's field or template names change: Anki imports a copy
  ("Name+") and never updates the old notes (``--new-notetype`` starts new
  note types on purpose);
- a card changes kind: Anki keeps a note's type for good and skips an
  incoming note of another type under the same GUID, so the card needs a new
  note (``--change-kind`` makes one, and keeps the old note tagged as removed).
"""

from __future__ import annotations

from generator.compile import manifest as mf
from generator.compile.notes import NoteData, split_key
from generator.compile.notetype import Notetype
from generator.compile.notetypes import KINDS, for_kind, with_css
from generator.model import CardKind


class GuardError(Exception):
    """A build would make Anki stop updating notes; the message says why and what to do."""


def candidates(notes: list[NoteData], previous: mf.Manifest | None) -> list[CardKind]:
    """The kinds a build plans note types for: basic, those of its notes, and those the deck had."""
    kinds: set[str] = {CardKind.BASIC, *(note.kind for note in notes)}
    if previous is not None:
        kinds |= set(previous.notetypes)
        kinds |= {split_key(key)[1] for key in (*previous.cards, *previous.removed)}
    return [kind for kind in KINDS if kind in kinds]


def choose(
    previous: mf.Manifest | None, kinds: list[CardKind], *, new_notetype: bool, css: str = ""
) -> dict[CardKind, tuple[Notetype, int]]:
    """Each kind's note type and generation; GuardError when one's names would change.

    With ``new_notetype`` every kind starts its next generation: new ids and names. ``css`` goes
    after each one's own (:func:`generator.compile.notetypes.deck_css`).
    """
    chosen = {}
    for kind in kinds:
        entry = previous.entry(kind) if previous is not None else None
        generation = entry.generation if entry is not None else 1
        nt = for_kind(kind, generation)
        templates = [t.name for t in nt.templates]
        renamed = entry is not None and (entry.fields != list(nt.fields) or entry.templates != templates)
        if renamed and not new_notetype:
            assert entry is not None
            raise GuardError(
                f"the {kind} note type's field or template names changed "
                f"(fields {entry.fields} -> {list(nt.fields)}, templates {entry.templates} -> {templates}). "
                f"Anki would import a copy named '{nt.name}+' and never update the existing notes. "
                "To start a new note type on purpose, build with --new-notetype, then in Anki use "
                "Browse > Notes > Change Note Type to move the old notes over, and delete the old note type."
            )
        if new_notetype and previous is not None:
            generation += 1
            nt = for_kind(kind, generation)
        chosen[kind] = (with_css(nt, css), generation)
    return chosen


def check_kind_changes(notes: list[NoteData], previous: mf.Manifest | None, *, change_kind: bool) -> None:
    """GuardError when a card that is in the previous build has another kind now (unless ``change_kind``)."""
    if previous is None or change_kind:
        return
    fresh = [note for note in notes if note.key not in previous.cards]
    if not fresh:
        return
    before = {split_key(key)[0]: key for key in previous.cards}
    moved = [
        f"{note.card_id!r} ({split_key(before[note.card_id])[1]} -> {note.kind})"
        for note in fresh
        if note.card_id in before
    ]
    if moved:
        raise GuardError(
            f"card {', '.join(moved)} changed kind. Anki keeps a note's type for good, so a card of "
            "another kind needs a new note, and the review history stays with the old one. Keep the kind; "
            "or give the card a new id (the old note then stays in the deck tagged deckgen::removed); or, "
            "to do the same under the same id, build with --change-kind."
        )


def check_reused_ids(new: mf.Manifest, changes: mf.Changes) -> None:
    """GuardError when a new card has an id whose note a renamed card keeps: two notes with one GUID."""
    kept = {e.origin: key for key, e in new.cards.items() if e.origin}
    kept |= {r.origin: key for key, r in new.removed.items() if r.origin}
    for key in changes.added:
        if key in kept:
            card_id, other = split_key(key)[0], split_key(kept[key])[0]
            raise GuardError(
                f"card id {card_id!r} was card {other!r}'s before it was renamed, and {other!r} keeps that "
                f"id's note in Anki (its GUID is made from {card_id!r}): a new card of that id would be the "
                "same note. Give the new card another id."
            )
