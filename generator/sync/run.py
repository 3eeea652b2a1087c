"""``deckgen sync``: build the decks, then bring a collection to each, by one plan whichever way in.

:func:`sync_decks` checks and builds as ``deckgen build`` does (writing
``decks/``), reads each built package back (:mod:`.built`), opens the
collection (an :class:`.side.AnkiSide`), works out each deck's plan
(:mod:`.plan`) and, unless it is a dry run, carries it out step by step:
add, update, retire (or delete), then the record (:mod:`.record`). A step the
collection refuses stops the sync; the result says which steps were done, and
the record holds what was written, so that a rerun finishes the job.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.compile import BuildError, BuildResult, Options, build_decks
from generator.sync import built as bt
from generator.sync import record as rec
from generator.sync.plan import Plan, find_new, make
from generator.sync.side import AnkiSide, SideError

Progress = Callable[[str, float], None]

STEPS = ("media", "look", "added", "updated", "retired", "deleted", "record")
"""The steps of carrying out a plan, in order."""


class SyncError(Exception):
    """The sync cannot start (or go on); the message says why and what to do."""


@dataclass(frozen=True, kw_only=True)
class SyncOptions:
    """How to sync: the choices of ``deckgen sync``'s flags, all off by default."""

    build: Options = field(default_factory=Options)
    dry_run: bool = False
    overwrite: bool = False
    """Notes edited in Anki are overwritten with the deck's (learner's tags are still kept)."""
    delete_removed: bool = False
    """Notes of cards the deck no longer has are deleted, not retired."""


@dataclass
class DeckSync:
    """One deck's sync: its plan, the steps done, and what stopped it (if anything did)."""

    plan: Plan
    cards_file: Path
    done: list[str] = field(default_factory=list)
    failed: str | None = None
    """The step the collection refused, and why."""
    warnings: list[str] = field(default_factory=list)
    """What the user should know that stopped nothing."""

    @property
    def complete(self) -> bool:
        return self.failed is None


@dataclass
class SyncResult:
    """What ``deckgen sync`` came to: the build's results, then each deck's sync."""

    builds: list[BuildResult]
    decks: list[DeckSync] = field(default_factory=list)

    @property
    def built(self) -> bool:
        return all(result.ok for result in self.builds)


def sync_decks(
    paths: Sequence[Path],
    side: Callable[[], AnkiSide],
    options: SyncOptions | None = None,
    *,
    now: int | None = None,
    progress: Progress | None = None,
) -> SyncResult:
    """Build the decks of ``paths``, then bring the collection ``side()`` opens to each of them.

    Nothing reaches the collection unless every deck builds. Raises
    SyncError when the collection cannot be opened or a deck cannot go in
    (a deck id another deck has there); then nothing was changed.
    """
    options = options if options is not None else SyncOptions()

    def report(stage: str, fraction: float) -> None:
        if progress is not None:
            progress(stage, fraction)

    try:
        builds = build_decks(paths, None, options.build, now=now, progress=lambda s, f: report(s, 0.5 * f))
    except BuildError as exc:
        raise SyncError(str(exc)) from exc
    result = SyncResult(builds)
    if not result.built:
        return result
    decks = []
    for res, path in zip(builds, paths, strict=True):
        assert res.deck is not None
        try:
            model = res.deck.cards_file
            package = bt.read(res.deck.apkg, model.deck.id if model is not None else None)
        except bt.PackageError as exc:
            raise SyncError(str(exc)) from exc
        removed = bt.note_ids(res.deck.retired) if res.deck.retired is not None else set()
        decks.append((package, removed, path))
    report("Reading the collection", 0.55)
    try:
        collection = side()
    except SideError as exc:
        raise SyncError(str(exc)) from exc
    try:
        planned = []
        for package, removed, path in decks:
            try:
                planned.append((_plan(collection, package, removed, options), package, path))
            except SideError as exc:
                raise SyncError(str(exc)) from exc
        for number, (plan, package, path) in enumerate(planned):
            deck = DeckSync(plan, path)
            result.decks.append(deck)
            if not options.dry_run:
                _carry_out(collection, deck, package, _part(report, 0.6, 0.4, number, len(planned)))
            if deck.failed is not None:
                break
    finally:
        with contextlib.suppress(SideError):
            collection.close()
    report("Done", 1.0)
    return result


def _part(report: Progress, start: float, width: float, number: int, count: int) -> Progress:
    """Progress of the ``number``-th of ``count`` parts of the span from ``start`` of ``width``."""
    share = width / max(count, 1)
    return lambda stage, fraction: report(stage, start + share * (number + fraction))


def _plan(collection: AnkiSide, package: bt.Built, removed: set[int], options: SyncOptions) -> Plan:
    """A deck's plan, once the collection can take it (no other deck has its id there)."""
    data = collection.read_media(rec.file_name(package.deck_id))
    written = rec.load(data, package.deck_id)
    notetypes = sorted({*package.notetypes, *(w.notetype for w in written.values())})
    notes = collection.find(notetypes, package.deck_name)
    named = collection.deck_name(package.deck_id)
    ours = {b.note_id for b in package.notes} | set(written) | removed
    if named is not None and named != package.deck_name and not any(n.note_id in ours for n in notes):
        raise SyncError(
            f"the collection's deck of id {package.deck_id} is {named!r}, not {package.deck_name!r}, and "
            "holds none of this deck's notes: two decks share one id. Give this deck a fresh id "
            "(deckgen init prints one) before its first sync, or rename that deck in Anki if it is this one"
        )
    return make(
        package,
        notes,
        written,
        removed=removed,
        looks=collection.looks(sorted(package.notetypes)),
        overwrite=options.overwrite,
        delete_removed=options.delete_removed,
    )


def _carry_out(collection: AnkiSide, deck: DeckSync, package: bt.Built, report: Progress) -> None:
    """Carry out ``deck``'s plan step by step, noting each step done; stop at the first refused."""
    plan = deck.plan
    old = rec.load(collection.read_media(rec.file_name(plan.deck_id)), plan.deck_id)
    final = {
        nid: w for step, entries in plan.entries.items() if step != "added" for nid, w in entries.items()
    }
    if plan.changes == 0 and final == old:
        return  # nothing to do, the record included: a second sync changes nothing at all
    record = {**old, **plan.entries.get("unchanged", {})}
    added: dict[int, rec.Written] = {}
    steps: list[tuple[str, Callable[[], None]]] = [
        ("media", lambda: _media(collection, package) if plan.updated else None),
        ("look", lambda: _looks(collection, package, plan)),
        ("added", lambda: added.update(_add(collection, package, deck, old))),
        ("updated", lambda: collection.update(plan.updated)),
        ("retired", lambda: collection.retire(plan.retired)),
        ("deleted", lambda: collection.delete([n.note_id for n in plan.deleted])),
    ]
    for number, (name, step) in enumerate(steps):
        report(name.capitalize(), number / len(steps))
        try:
            step()
        except SideError as exc:
            deck.failed = f"{name}: {exc}"
            break
        deck.done.append(name)
        record.update(added if name == "added" else plan.entries.get(name, {}))
        if name == "deleted":
            for note in plan.deleted:
                record.pop(note.note_id, None)
    if deck.failed is None:
        record = {**final, **added}
    try:
        collection.write_media(rec.file_name(plan.deck_id), rec.dump(plan.deck_id, record))
    except SideError as exc:
        deck.failed = deck.failed or f"record: {exc}"
        return
    deck.done.append("record")


def _looks(collection: AnkiSide, package: bt.Built, plan: Plan) -> None:
    """Give the deck's note types in the collection the deck's look."""
    for mid in plan.looks:
        collection.set_look(mid, (package.looks or {})[mid])


def _media(collection: AnkiSide, package: bt.Built) -> None:
    """The built deck's media files the collection lacks (updated notes may show new ones)."""
    have = collection.has_media(package.media)
    missing = [name for name in package.media if name not in have]
    try:
        files = bt.media_files(package, missing)
    except bt.PackageError as exc:
        raise SideError(str(exc)) from exc
    for name, data in files.items():
        collection.write_media(name, data)


def _add(
    collection: AnkiSide, package: bt.Built, deck: DeckSync, old: dict[int, rec.Written]
) -> dict[int, rec.Written]:
    """Import a package of the new notes; the record's entries of those that arrived, by their ids in
    the collection (Anki may have given one another id)."""
    plan = deck.plan
    if not plan.added:
        return {}
    with tempfile.TemporaryDirectory(prefix="deckgen-sync-") as folder:
        path = Path(folder) / "new-notes.apkg"
        try:
            bt.subset(package, {b.note_id for b in plan.added}, path)
        except (OSError, bt.PackageError) as exc:
            raise SideError(f"cannot write the package of new notes: {exc}") from exc
        collection.add(path)
    claimed = set(old) | {nid for step, entries in plan.entries.items() if step != "added" for nid in entries}
    notes = collection.find(sorted(package.notetypes), package.deck_name)
    free = [n for n in notes if n.in_deck and n.fields and n.note_id not in claimed]
    arrived = find_new(plan.added, free)
    lost = [b.card_id for b in plan.added if b.note_id not in arrived]
    if lost:
        deck.warnings.append(
            f"{len(lost)} new card{'s' * (len(lost) != 1)} did not arrive in the deck "
            f"({', '.join(lost[:20])}): Anki already has a note of each (moved to another deck?), and kept it"
        )
    entries = plan.entries.get("added", {})
    return {note.note_id: entries[built_id] for built_id, note in arrived.items()}
