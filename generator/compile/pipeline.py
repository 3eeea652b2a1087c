"""One deck's build: previous state → notes → plan (manifest) → packages, then writing them.

:func:`prepare` does everything a build does but write, while the caller holds
the output folder's lock (:mod:`.decks` prepares every deck before writing
any): it returns a :class:`Plan`, the bytes to write and the files to remove,
with the :class:`BuiltDeck` the caller learns about. :func:`write_plan` then
replaces the deck, its retired-cards package (:mod:`.retired`) and its
manifest as one set (:mod:`.output`). Problems that stop the tool (a damaged
manifest, a note-type change) raise BuildError.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator import deckid
from generator.compile import changelog as log
from generator.compile import guards, medianames, output, owner, renames
from generator.compile import manifest as mf
from generator.compile import retired as rt
from generator.compile.markup import to_html
from generator.compile.notes import NoteData, compile_notes, guid, slug, split_key
from generator.compile.notetype import Notetype
from generator.compile.notetypes import deck_css
from generator.compile.ownhtml import foreign_html
from generator.compile.package import PackageError, PackedNote, build_apkg
from generator.compile.unpack import mark, read_notes, same_package
from generator.files import holds
from generator.model import CardKind, CardsFile
from generator.tags import REMOVED_TAG, tag_problem

Progress = Callable[[str, float], None]
"""Told what the build is doing and how far along it is (0 to 1), now and then."""


class BuildError(Exception):
    """The build cannot go on; the message says why and what to do."""


@dataclass(frozen=True, kw_only=True)
class Options:
    """How to build: the choices the flags of ``deckgen build`` make, all off by default."""

    strict: bool = False
    """Warnings stop the build, as errors do."""
    allow_outside: bool = False
    """Source files outside the cards file's folder may be read (refused by default: E009)."""
    new_notetype: bool = False
    """A new note type is started on purpose (after its field or template names changed)."""
    change_kind: bool = False
    """Cards may change kind: each gets a new note, and the old one stays, tagged as removed."""
    drop_removed: bool = False
    """Notes of removed cards are no longer shipped (once they are deleted in Anki)."""


@dataclass(frozen=True)
class RemovedNotes:
    """What became of the notes of removed cards, by note key."""

    shipped: tuple[str, ...] = ()
    """In the retired-cards package, tagged deckgen::removed."""
    dropped: tuple[str, ...] = ()
    """Left out of the deck by ``drop_removed``."""
    lost: tuple[str, ...] = ()
    """Newly removed cards whose old content could not be found (or was not deckgen's) to keep them."""


@dataclass(frozen=True)
class BuiltDeck:
    """A checked deck as its build made it: where its files go, what changed, what the folder holds."""

    cards_file: CardsFile | None
    """The checked cards file (None when the build found that nothing changed and did not check it
    again: :mod:`.cache`)."""
    cards_path: str
    """The cards file's path, as given."""
    counts: tuple[int, int]
    """How many cards the cards file holds, and how many sources."""
    apkg: Path
    manifest: Path
    changes: mf.Changes
    removed: RemovedNotes
    up_to_date: bool
    """Whether the folder already holds exactly what the build writes."""
    retired: Path | None = None
    """The retired-cards package (:mod:`.retired`), when the deck has notes of removed cards to ship."""
    outdated: tuple[str, ...] = ()
    """What in the folder is not what the build writes, for ``build --check`` (when not up to date)."""
    version: int = 0
    """The deck's version (:mod:`.changelog`)."""
    changelog: Path | None = None
    """The changelog: what changed in each version."""
    stale_retired: Path | None = None
    """A retired-cards package the deck no longer has (no removed cards now): writing removes it."""
    notes: tuple[str, ...] = ()
    """What the build found in the output folder and did about it (a manifest rebuilt from the package)."""
    leftovers: tuple[Path, ...] = ()
    """Temp files of an interrupted build found in the output folder (removed, when writing)."""
    moved_from: Path | None = None
    """The package of the deck's previous build under its old name: a renamed deck moves."""


@dataclass(frozen=True)
class Plan:
    """One deck ready to write: its bytes, the files writing it removes, and the deck as built."""

    deck: BuiltDeck
    files: owner.DeckFiles
    package: bytes
    manifest: bytes
    retired: bytes | None
    """The retired-cards package (None: the deck has none, and a stale one is removed)."""
    changelog: bytes
    """The changelog (:mod:`.changelog`)."""
    stale: tuple[Path, ...]
    """A renamed deck's files under its old name: removed once the new ones are written."""
    warnings: tuple[str, ...]
    """What the user should know about this deck's build that is not about its cards file."""
    state: mf.Manifest
    """The manifest written (``manifest`` is its bytes)."""


def prepare(
    cards_file: CardsFile,
    *,
    cards_path: Path,
    out_dir: Path,
    options: Options,
    now: int,
    report: Progress,
    jobs: int | None = None,
) -> Plan:
    """Everything a build of ``cards_file`` does but write, while the caller holds the folder's lock.

    The plan's ``deck.up_to_date`` tells whether the folder already holds what
    :func:`write_plan` would write. ``jobs``: the processes the notes may be
    compiled in (:func:`generator.twocore.available`; 1 when the second core is busy already).
    """
    deck = cards_file.deck
    try:
        place = owner.locate(out_dir, cards_path, deck.name, deck.id)
    except owner.OwnerError as exc:
        raise BuildError(str(exc)) from None
    out, old = place.files, place.old
    leftovers = output.leftovers(*out.all())
    state = _previous(old, deck.id)
    previous = state.manifest
    future = output.future_warning(previous, old.manifest) if previous is not None else None
    warnings = [future] if future else []
    report("Compiling", 0.5)
    notes = compile_notes(cards_file, jobs=jobs)
    try:
        css = deck_css((note.fields for note in notes), deck.style)
        types = guards.choose(
            previous, guards.candidates(notes, previous), new_notetype=options.new_notetype, css=css
        )
        guards.check_kind_changes(notes, previous, change_kind=options.change_kind)
    except guards.GuardError as exc:
        raise BuildError(str(exc)) from None
    report("Planning", 0.65)
    new, changes, removed, lost_warnings = _plan(
        notes,
        types,
        deck=(deck.name, deck.id),
        previous=previous,
        old=old,
        now=now,
        drop=options.drop_removed,
    )
    new.cards_file = place.cards_file
    try:
        guards.check_reused_ids(new, changes)
    except guards.GuardError as exc:
        raise BuildError(str(exc)) from None
    warnings += lost_warnings
    warnings += _unmatched_earlier_ids(notes, changes, previous)
    warnings += _renames(notes, new, changes)
    subdecks = _subdecks(deck.id, notes)
    packed = _packed(notes, new, subdecks)
    prefix = slug(deck.name)
    shipped = medianames.entries(cards_file.media, prefix)
    new.media = medianames.record(cards_file.media, prefix)
    history = _changelog(
        cards_file, notes, new=new, previous=previous, changes=changes, path=old.changelog, now=now
    )
    report("Packaging", 0.7)
    total = max(len(packed), 1)
    text = new.dumps().encode()  # after every change to ``new``: its hash ties the files together
    try:
        data = build_apkg(
            deck.name,
            deck.id,
            log.description(
                to_html(deck.description)
                + renames.comment({k: e.origin for k, e in new.cards.items() if e.origin}),
                new.version,
            ),
            notetypes=_shipped(types, new, packed),
            notes=packed,
            media=shipped,
            subdecks={f"{deck.name}::{name}": did for name, did in subdecks.items()},
            progress=lambda done: report("Packaging", 0.7 + 0.2 * done / total),
            comment=mark(text),
        )
        retired = _retired_package(
            deck.name,
            deck.id,
            types=types,
            new=new,
            shipped=shipped,
            previous=(old.apkg, old.retired),
            comment=mark(text),
            warnings=warnings,
        )
    except (PackageError, medianames.MediaChanged) as exc:
        raise BuildError(str(exc)) from exc
    report("Writing", 0.95)
    outdated = _outdated(out, (data, text, retired, history)) if state.matched and not place.stale else ()
    outdated += tuple(
        f"{files.apkg.name} and {files.manifest.name} are this deck's files from before it was renamed"
        for files in place.leftover
    )
    built = BuiltDeck(
        cards_file=cards_file,
        cards_path=cards_file.path,
        counts=(len(cards_file.cards), len(cards_file.sources)),
        apkg=out.apkg,
        manifest=out.manifest,
        changes=changes,
        removed=removed,
        up_to_date=state.matched and not leftovers and not place.stale and not outdated,
        retired=out.retired if retired is not None else None,
        outdated=outdated,
        stale_retired=out.retired if retired is None and os.path.lexists(out.retired) else None,
        version=new.version,
        changelog=out.changelog,
        notes=tuple(state.notes),
        leftovers=tuple(leftovers),
        moved_from=old.apkg if place.stale else None,
    )
    stale = place.stale.all() if place.stale is not None else ()
    stale += tuple(path for files in place.leftover for path in files.all())
    return Plan(built, out, data, text, retired, history, stale, tuple(warnings), new)


def _plan(
    notes: list[NoteData],
    types: dict[CardKind, tuple[Notetype, int]],
    *,
    deck: tuple[str, int],
    previous: mf.Manifest | None,
    old: owner.DeckFiles,
    now: int,
    drop: bool,
) -> tuple[mf.Manifest, mf.Changes, RemovedNotes, list[str]]:
    """The new manifest and what changed (:func:`generator.compile.manifest.plan`), the removed cards'
    notes kept (or dropped), and warnings about those that could not be kept."""
    try:
        new, changes = mf.plan(notes, types, deck=deck, previous=previous, now=now)
        removed, warnings = _removed_notes(changes, new, previous, old.apkg, now, drop=drop)
    except mf.TooLate as exc:
        raise BuildError(f"{old.manifest}: {exc}") from None
    return new, changes, removed, warnings


def _changelog(
    cards_file: CardsFile,
    notes: list[NoteData],
    *,
    new: mf.Manifest,
    previous: mf.Manifest | None,
    changes: mf.Changes,
    path: Path,
    now: int,
) -> bytes:
    """The changelog, with a section for this build's version if it makes one; sets ``new.version``.

    A manifest from before versions is version 1. Without a previous build,
    the numbers go on from the changelog's, if one is there.
    """
    try:
        text = log.read(path)
    except log.ChangelogError as exc:
        raise BuildError(str(exc)) from None
    last = (previous.version or 1) if previous is not None else log.latest(text)
    sections = log.kept(text, last)
    new.version = last
    if (
        previous is None
        or changes.added
        or changes.changed
        or changes.removed
        or changes.restored
        or changes.renamed
        or changes.notetype_changed
    ):
        new.version = last + 1
        sections.insert(0, log.section(_version(new, notes, changes, first=not last, day=rt.day(now))))
    elif not log.has(sections, last):
        sections.insert(0, log.began(last, len(notes), len(new.removed)))
    deck = cards_file.deck
    return log.render(log.header(deck.name, slug(deck.name)), sections).encode()


def _version(
    new: mf.Manifest, notes: list[NoteData], changes: mf.Changes, *, first: bool, day: str
) -> log.Version:
    """What this build's version changed, each card by its text and id."""
    if first:
        return log.Version(new.version, day, first=len(notes))
    by_key = {note.key: note for note in notes}

    def cards(keys: list[str]) -> list[tuple[str, str]]:
        return [(log.shown(by_key[key].fields[0]), by_key[key].card_id) for key in keys]

    retired = [
        (log.shown(new.removed[key].fields[0]) if key in new.removed else "", split_key(key)[0])
        for key in changes.removed
    ]
    return log.Version(
        new.version,
        day,
        added=cards(changes.added + changes.restored),
        changed=cards(changes.changed),
        retired=retired,
        renamed=[
            (log.shown(by_key[new_key].fields[0]), split_key(old)[0], by_key[new_key].card_id)
            for old, new_key in changes.renamed
        ],
        look=changes.notetype_changed,
    )


def _unmatched_earlier_ids(
    notes: list[NoteData], changes: mf.Changes, previous: mf.Manifest | None
) -> list[str]:
    """A warning for each new card whose earlier ids (``was:``) name no note of the previous build."""
    if previous is None:
        return []
    added = set(changes.added)
    return [
        f"card {note.card_id!r} was {', '.join(map(repr, note.was))}, but the previous build has no "
        f"{note.kind} card of {'that id' if len(note.was) == 1 else 'those ids'}: it is a new note "
        "(a renamed card keeps its kind)"
        for note in notes
        if note.was and note.key in added
    ]


def _renames(notes: list[NoteData], new: mf.Manifest, changes: mf.Changes) -> list[str]:
    """A warning for each new card that looks like a removed one renamed (:mod:`.renames`)."""
    if not changes.added or not changes.removed:
        return []
    added = {*changes.added}
    fresh = [(note.card_id, note.kind, note.fields) for note in notes if note.key in added]
    gone = [(*split_key(key), new.removed[key].fields) for key in changes.removed if key in new.removed]
    return [renames.warning(pair) for pair in renames.renamed(gone, fresh)]


def _retired_package(
    name: str,
    deck: int,
    *,
    types: dict[CardKind, tuple[Notetype, int]],
    new: mf.Manifest,
    shipped: list[tuple[str, Callable[[], bytes]]],
    previous: tuple[Path, ...],
    comment: bytes,
    warnings: list[str],
) -> bytes | None:
    """The retired-cards package of the manifest ``new``'s removed cards (None when it has none).

    Their pictures and sounds come from the deck's own files, or else from the
    previous build's packages ``previous`` (those that fail a check are left out,
    and ``warnings`` says so).
    """
    if not new.removed:
        return None
    notes = rt.packed(new.removed)
    media, refused = medianames.carried((r.fields for r in new.removed.values()), shipped, previous)
    warnings += [f"a removed card's file is not kept, {problem}" for problem in refused]
    return build_apkg(
        rt.deck_name(name),
        rt.deck_id(deck),
        rt.description(name) + renames.comment({k: r.origin for k, r in new.removed.items() if r.origin}),
        notetypes=_shipped(types, new, notes),
        notes=notes,
        media=media,
        comment=comment,
    )


def _outdated(out: owner.DeckFiles, written: tuple[bytes, bytes, bytes | None, bytes]) -> tuple[str, ...]:
    """What in the folder differs from what a build writes (the deck, its manifest, its retired cards,
    its changelog)."""
    data, text, retired, history = written
    found = []
    manifest_same = holds(out.manifest, text)
    # Called only for a matched pair: the package on disk carries the hash of the manifest on disk
    # in its zip comment (or none), and the new one carries the new manifest's. When the manifests
    # differ, so do the packages' comments: the plan knows the answer without unpacking both.
    if not manifest_same or not same_package(out.apkg, data):
        found.append(
            f"{out.apkg.name} is out of date" if os.path.lexists(out.apkg) else f"{out.apkg.name} is missing"
        )
    if not manifest_same:
        found.append(f"{out.manifest.name} is out of date")
    if retired is None and os.path.lexists(out.retired):
        found.append(f"{out.retired.name} is stale: the deck has no removed cards to retire now")
    elif retired is not None and not os.path.lexists(out.retired):
        found.append(f"{out.retired.name} is missing")
    elif retired is not None and not same_package(out.retired, retired):
        found.append(f"{out.retired.name} is out of date")
    if not holds(out.changelog, history):
        found.append(
            f"{out.changelog.name} is {'out of date' if os.path.lexists(out.changelog) else 'missing'}"
        )
    return tuple(found)


def write_plan(plan: Plan) -> bool:
    """Write what :func:`prepare` made (still under the lock), then remove a renamed deck's old files.

    Temp files an interrupted build left are removed first. Returns whether
    anything on disk changed.
    """
    deck = plan.deck
    output.remove(list(deck.leftovers))
    out = plan.files
    try:
        written = output.write_files(
            [
                (out.retired, plan.retired),
                (out.changelog, plan.changelog),
                (out.apkg, plan.package),
                (out.manifest, plan.manifest),
            ]
        )
    except output.WriteError as exc:
        raise BuildError(str(exc)) from exc
    for path in plan.stale:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise BuildError(
                f"wrote the renamed deck, but cannot remove its old file {path}: {exc.strerror or exc}"
            ) from exc
    return written or bool(plan.stale)


def _removed_notes(
    changes: mf.Changes, new: mf.Manifest, previous: mf.Manifest | None, apkg: Path, now: int, *, drop: bool
) -> tuple[RemovedNotes, list[str]]:
    """The notes of removed cards the deck ships (kept from ``apkg`` into ``new``), or drops with ``drop``.

    Also the warnings about notes that could not be kept.
    """
    if drop:
        dropped = tuple(sorted([*new.removed, *changes.removed]))
        new.removed = {}
        return RemovedNotes(dropped=dropped), []
    lost: list[str] = []
    warnings: list[str] = []
    for key, note in new.removed.items():
        if not note.retired:  # from a manifest written before banners: the banner is new content
            new.removed[key] = dataclasses.replace(
                note, mod=mf.next_mod(note.mod, now), retired=rt.day(note.mod)
            )
    if previous is not None and changes.removed:
        lost, warnings = _keep_removed(changes.removed, new, previous, apkg, now)
    return RemovedNotes(shipped=tuple(sorted(new.removed)), lost=tuple(lost)), warnings


def _keep_removed(
    keys: list[str], new: mf.Manifest, previous: mf.Manifest, apkg: Path, now: int
) -> tuple[list[str], list[str]]:
    """Keep the notes of newly removed cards in ``new``, tagged, from the previous package.

    Returns the keys of those that cannot be kept, and warnings about them.
    """
    lost: list[str] = []
    warnings: list[str] = []
    old_notes = read_notes(apkg)
    for key in keys:
        entry = previous.cards[key]
        note_guid = guid(previous.deck_id, entry.origin or key)
        if note_guid not in old_notes:
            lost.append(key)
            continue
        fields, tags = old_notes[note_guid]
        if any(foreign_html(f) is not None for f in fields) or any(tag_problem(t) for t in tags):
            lost.append(key)
            warnings.append(
                f"the note of removed card {split_key(key)[0]!r} in {apkg} holds markup or tags "
                "deckgen never writes: it is not kept in the new deck"
            )
            continue
        new.removed[key] = mf.Removed(
            mod=mf.next_mod(entry.mod, now),
            note_id=entry.note_id,
            guid=note_guid,
            fields=fields,
            tags=sorted({*tags, REMOVED_TAG}, key=lambda t: (t.casefold(), t)),
            retired=rt.day(now),
            origin=entry.origin,
        )
    return lost, warnings


def _subdecks(deck_id: int, notes: list[NoteData]) -> dict[str, int]:
    """Every subdeck the notes go into, and each level above it, with its id (by name below the deck)."""
    names: set[str] = set()
    for note in notes:
        parts = note.deck.split("::") if note.deck else []
        names.update("::".join(parts[: i + 1]) for i in range(len(parts)))
    return {name: deckid.subdeck_id(deck_id, name) for name in sorted(names)}


def _previous(files: owner.DeckFiles, deck_id: int) -> output.Previous:
    """The previous build's manifest, if any; refused when damaged or of another deck id."""
    try:
        state = output.previous(files, deck_id)
    except mf.ManifestError as exc:
        raise BuildError(
            f"{files.manifest}: {exc}; restore it from git, or delete it to rebuild it from {files.apkg.name}"
        ) from exc
    except output.NotOurs as exc:
        raise BuildError(str(exc)) from None
    previous = state.manifest
    if previous is not None and previous.deck_id != deck_id:
        raise BuildError(
            f"deck id changed from {previous.deck_id} to {deck_id}: every card would become a new "
            "note in Anki and lose its review history. Put the old id back."
        )
    return state


def _shipped(
    types: dict[CardKind, tuple[Notetype, int]], new: mf.Manifest, packed: list[PackedNote]
) -> dict[CardKind, tuple[Notetype, int]]:
    """The note types the package holds, with their mod times: those of its notes (basic if none)."""
    used = {note.kind for note in packed} or {CardKind.BASIC}
    shipped = {}
    for kind, (nt, _) in types.items():
        entry = new.entry(kind)
        if kind in used and entry is not None:
            shipped[kind] = (nt, entry.mod)
    return shipped


def _packed(notes: list[NoteData], new: mf.Manifest, subdecks: dict[str, int]) -> list[PackedNote]:
    """Every note the package holds, with its id and mod time: exactly the cards file's cards.

    A note in a subdeck carries the subdeck's id; the others go into the deck. A renamed card's note
    keeps the GUID of its first id (:attr:`generator.compile.manifest.Entry.origin`).
    """
    cards, deck_id = new.cards, new.deck_id
    packed = []
    for n in notes:
        entry = cards[n.key]
        note_guid = guid(deck_id, entry.origin) if entry.origin else n.guid
        packed.append(
            PackedNote(note_guid, n.fields, n.tags, entry.note_id, entry.mod, n.kind, subdecks.get(n.deck))
        )
    return packed
