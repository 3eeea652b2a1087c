"""The plan of a sync: what to add, update, retire or delete, and the edits made in Anki (conflicts).

Worked out once, from the built deck (:mod:`.built`), what the collection
holds (:class:`.side.AnkiNote`) and what deckgen last wrote (:mod:`.record`),
whichever way into the collection is used. Pure: nothing here reads or
writes a collection.

A note of the collection is the deck's when the record names it (deckgen
wrote it), or, for a note the record does not name, when it has a card in
the deck, is of the built note's type and has the built note's id or else
its card id (the ``Id`` field; Anki gives an imported note another id when
the id is taken). A note the learner made, or another deck's, is never in
the plan: decks built at one time have the same note ids, so an id alone
never makes a note the deck's.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from generator.sync import record as rec
from generator.sync.built import Built, BuiltNote
from generator.sync.side import REMOVED_TAG, AnkiNote, Look, Update

SHOWN = 70
"""How many characters of a field a conflict's diff shows on each side of a difference, at most."""


@dataclass(frozen=True)
class Conflict:
    """A note edited in Anki since deckgen last wrote it: the differences, field by field."""

    note: AnkiNote
    built: BuiltNote
    diff: tuple[str, ...]
    first_sync: bool
    """No sync has written the note before: the difference may be an older version of the deck."""


@dataclass
class Plan:
    """What a sync of one deck does to a collection."""

    deck: str
    deck_id: int
    added: list[BuiltNote] = field(default_factory=list)
    updated: list[Update] = field(default_factory=list)
    updated_notes: list[BuiltNote] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    """Edits made in Anki, left as they are (or, with ``overwrite``, also among ``updated``)."""
    overwritten: bool = False
    retired: list[AnkiNote] = field(default_factory=list)
    deleted: list[AnkiNote] = field(default_factory=list)
    looks: list[int] = field(default_factory=list)
    """The note types whose look (CSS, templates) in the collection is not the deck's."""
    unchanged: int = 0
    retired_before: int = 0
    """Notes retired by an earlier sync, still retired."""
    entries: dict[str, dict[int, rec.Written]] = field(default_factory=dict)
    """The record's entries a step of the plan makes true, by step (``unchanged``, ``added``, ``updated``,
    ``retired``); conflicts left as they are keep the entry they had, under ``unchanged``."""

    def entry(self, step: str, note_id: int, written: rec.Written) -> None:
        """Note that once ``step`` is done, the record holds ``written`` for the note ``note_id``."""
        self.entries.setdefault(step, {})[note_id] = written

    @property
    def changes(self) -> int:
        """How many notes the plan changes."""
        return len(self.added) + len(self.updated) + len(self.retired) + len(self.deleted) + len(self.looks)


def _tags(tags: Collection[str]) -> tuple[str, ...]:
    return tuple(sorted(set(tags), key=lambda t: (t.casefold(), t)))


def match(
    built: Built, notes: Sequence[AnkiNote], written: Mapping[int, rec.Written], removed: Collection[int] = ()
) -> tuple[dict[int, AnkiNote], list[AnkiNote]]:
    """The collection's note of each built note it has (by the built note's id), and the deck's other
    notes: those the record names, or, in the deck, of ``removed`` ids (its retired-cards package)."""
    by_built = {b.note_id: b for b in built.notes}
    found: dict[int, AnkiNote] = {}
    taken: set[int] = set()
    for note in notes:
        last = written.get(note.note_id)
        if last is not None:
            taken.add(note.note_id)
            b = by_built.get(last.deck_note)
            if b is not None and b.notetype == note.notetype and b.note_id not in found:
                found[b.note_id] = note
    matched = {note.note_id for note in found.values()}
    others = [note for note in notes if note.note_id in taken and note.note_id not in matched]
    free = [n for n in notes if n.note_id not in taken and n.in_deck and n.fields]
    found.update(find_new(built.notes, free, exclude=set(found)))
    taken.update(note.note_id for note in found.values())
    others += [n for n in free if n.note_id not in taken and n.note_id in removed]
    return found, others


def find_new(
    wanted: Sequence[BuiltNote], free: Sequence[AnkiNote], exclude: Collection[int] = ()
) -> dict[int, AnkiNote]:
    """Built notes found among ``free`` notes (in the deck, named by no record): by note id, or else
    by card id when exactly one note of the type has it."""
    by_id = {note.note_id: note for note in free}
    found: dict[int, AnkiNote] = {}
    used: set[int] = set()
    for b in wanted:
        note = by_id.get(b.note_id)
        if b.note_id not in exclude and note is not None and note.notetype == b.notetype:
            found[b.note_id] = note
            used.add(note.note_id)
    candidates: dict[tuple[int, str], list[AnkiNote]] = {}
    for note in free:
        if note.note_id not in used:
            candidates.setdefault((note.notetype, note.fields[-1]), []).append(note)
    for b in wanted:
        if b.note_id in exclude or b.note_id in found:
            continue
        same = candidates.get((b.notetype, b.card_id), [])
        if len(same) == 1 and same[0].note_id not in used:
            found[b.note_id] = same[0]
            used.add(same[0].note_id)
    return found


def make(
    built: Built,
    notes: Sequence[AnkiNote],
    written: Mapping[int, rec.Written],
    *,
    removed: Collection[int] = (),
    looks: Mapping[int, Look] | None = None,
    overwrite: bool = False,
    delete_removed: bool = False,
) -> Plan:
    """The plan that brings the collection's ``notes`` to the ``built`` deck, given the ``written`` record
    and the note ids of the deck's ``removed`` cards (its retired-cards package); ``looks`` is the look of
    the deck's note types in the collection.

    The record's entries of added notes are keyed by the built note id until the notes are in the
    collection (:func:`find_new` finds their ids there then).
    """
    plan = Plan(built.deck_name, built.deck_id, overwritten=overwrite)
    # The look of deckgen's note types is the deck's, as an import of the package would have it.
    plan.looks = sorted(
        mid for mid, look in (looks or {}).items() if (built.looks or {}).get(mid, look) != look
    )
    found, others = match(built, notes, written, removed)
    for b in built.notes:
        note = found.get(b.note_id)
        if note is None:
            plan.added.append(b)
            plan.entry("added", b.note_id, written_by_deck(b))
            continue
        _plan_note(
            plan,
            note=note,
            b=b,
            names=built.notetypes.get(b.notetype, ()),
            last=written.get(note.note_id),
            overwrite=overwrite,
        )
    for note in others:
        if delete_removed:
            plan.deleted.append(note)
            continue
        last = written.get(note.note_id)
        entry = rec.Written(
            rec.fields_hash(note.fields),
            _tags([*note.tags, REMOVED_TAG]),
            note.notetype,
            last.deck_note if last is not None else note.note_id,
        )
        if REMOVED_TAG in note.tags and note.suspended:
            plan.retired_before += 1
            plan.entry("unchanged", note.note_id, entry)
        else:
            plan.retired.append(note)
            plan.entry("retired", note.note_id, entry)
    return plan


def written_by_deck(b: BuiltNote) -> rec.Written:
    """The record's entry for a note that holds exactly the built note ``b``."""
    return rec.Written(rec.fields_hash(b.fields), b.tags, b.notetype, b.note_id)


def _plan_note(
    plan: Plan,
    *,
    note: AnkiNote,
    b: BuiltNote,
    names: tuple[str, ...],
    last: rec.Written | None,
    overwrite: bool,
) -> None:
    """Plan one note the collection has: unchanged, updated, or a conflict."""
    had = set(note.tags)
    deckgens = set(last.tags) if last is not None else set(b.tags)
    target = _tags({*b.tags, *(had - deckgens - {REMOVED_TAG})})
    comeback = REMOVED_TAG in had
    entry = written_by_deck(b)
    if note.fields == b.fields and set(target) == had and not comeback:
        plan.unchanged += 1
        plan.entry("unchanged", note.note_id, entry)
        return
    if last is not None:
        edited = rec.fields_hash(note.fields) != last.fields or bool(deckgens - had)
    else:
        edited = note.fields != b.fields
    if edited:
        plan.conflicts.append(Conflict(note, b, diff(note, b, deckgens - had), first_sync=last is None))
        if not overwrite:
            if last is not None:
                plan.entry("unchanged", note.note_id, last)
            return
    update = Update(note.note_id, names, b.fields, target, note.cards, unsuspend=comeback)
    plan.updated.append(update)
    plan.updated_notes.append(b)
    plan.entry("updated", note.note_id, entry)


def diff(note: AnkiNote, b: BuiltNote, dropped: Collection[str] = ()) -> tuple[str, ...]:
    """The differences between a note in Anki and the built note, a line a field (by position)."""
    lines = []
    for number, (mine, theirs) in enumerate(zip(note.fields, b.fields, strict=False)):
        if mine != theirs:
            lines.append(f"field {number + 1}: {excerpt(mine, theirs)}")
    if len(note.fields) != len(b.fields):
        lines.append(f"Anki's note has {len(note.fields)} fields, the deck's {len(b.fields)}")
    if dropped:
        lines.append(f"tags removed in Anki: {', '.join(sorted(dropped))}")
    return tuple(lines)


def excerpt(anki: str, deck: str) -> str:
    """Where two texts differ, in whole words, with some context: ``…before [Anki: x | deck: y] after…``."""
    shortest = min(len(anki), len(deck))
    start = 0
    while start < shortest and anki[start] == deck[start]:
        start += 1
    while start > 0 and not anki[start - 1].isspace():
        start -= 1  # back to the start of the word
    end = 0
    while end < shortest - start and anki[-1 - end] == deck[-1 - end]:
        end += 1
    while end > 0 and not anki[len(anki) - end].isspace():
        end -= 1  # on to the end of the word
    before = anki[max(0, start - 30) : start]
    after = anki[len(anki) - end : len(anki) - end + 30]

    def cut(text: str) -> str:
        return text if len(text) <= SHOWN else text[:SHOWN] + "…"

    lead = "…" if start > 30 else ""
    trail = "…" if end > 30 else ""
    return (
        f"{lead}{before}[Anki: {cut(anki[start : len(anki) - end])!r} | "
        f"deck: {cut(deck[start : len(deck) - end])!r}]{after}{trail}"
    )
