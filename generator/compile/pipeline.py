"""The build pipeline: check → notes → plan (manifest) → package → write.

Everything is checked, and the whole package is built in memory, before
anything is written; the deck and its manifest are then replaced as one pair,
under the output folder's lock (:mod:`.output`, :mod:`.lock`). Problems in the
input come back as diagnostics; problems that stop the tool (a damaged
manifest, a note-type change, another build at work) raise BuildError.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator import deckid
from generator.check import check
from generator.collector import collector_paused
from generator.compile import guards, lock, medianames, output, owner
from generator.compile import manifest as mf
from generator.compile.clock import ClockError, build_time
from generator.compile.markup import to_html
from generator.compile.notes import REMOVED_TAG, NoteData, compile_notes, guid, slug, split_key
from generator.compile.notetype import Notetype
from generator.compile.ownhtml import foreign_html
from generator.compile.package import PackageError, PackedNote, build_apkg
from generator.compile.unpack import mark, read_notes, same_package
from generator.diagnostics import Diagnostic, has_errors
from generator.files import holds
from generator.model import CardKind, CardsFile
from generator.tags import tag_problem

__all__ = ["REMOVED_TAG", "BuildError", "BuildResult", "Options", "build", "finish", "paths", "prepare"]

Progress = Callable[[str, float], None]
"""Told what the build is doing and how far along it is (0 to 1), now and then."""


class BuildError(Exception):
    """The build cannot go on; the message says why and what to do."""


@dataclass
class BuildResult:
    diagnostics: list[Diagnostic]
    cards_file: CardsFile | None = None
    apkg: Path | None = None
    manifest: Path | None = None
    changes: mf.Changes = field(default_factory=mf.Changes)
    written: bool = False
    up_to_date: bool = False
    lost: list[str] = field(default_factory=list)
    """Removed cards whose old content could not be found to keep them tagged."""
    warnings: list[str] = field(default_factory=list)
    """What the user should know about the build that is not about the cards file."""
    notes: list[str] = field(default_factory=list)
    """What the build found in the output folder and did about it (a manifest rebuilt from the package)."""
    leftovers: list[Path] = field(default_factory=list)
    """Temp files of an interrupted build found in the output folder (removed, when writing)."""
    shipped_removed: list[str] = field(default_factory=list)
    """Removed cards whose notes the deck still ships, tagged deckgen::removed (by note key)."""
    dropped: list[str] = field(default_factory=list)
    """Removed cards whose notes ``drop_removed`` left out of the deck (by note key)."""
    moved_from: Path | None = None
    """The package of the deck's previous build under its old name: a renamed deck moves."""
    pending: list[tuple[Path, bytes]] = field(default_factory=list)
    """What :func:`finish` writes: the package, then the manifest."""
    stale: tuple[Path, ...] = ()
    """What :func:`finish` removes after writing: a renamed deck's files under its old name."""

    @property
    def ok(self) -> bool:
        return self.cards_file is not None


def _removed(result: BuildResult, new: mf.Manifest, previous: mf.Manifest, apkg: Path, now: int) -> None:
    """Keep notes of newly removed cards in the deck, tagged, from the previous package."""
    if not result.changes.removed:
        return
    old_notes = read_notes(apkg)
    for key in result.changes.removed:
        entry = previous.cards[key]
        note_guid = guid(previous.deck_id, key)
        if note_guid not in old_notes:
            result.lost.append(key)
            continue
        fields, tags = old_notes[note_guid]
        if any(foreign_html(f) is not None for f in fields) or any(tag_problem(t) for t in tags):
            result.lost.append(key)
            result.warnings.append(
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
        )


@dataclass(frozen=True)
class Options:
    """How to build: the flags of ``deckgen build``, and the build time (None: the clock)."""

    new_notetype: bool = False
    change_kind: bool = False
    drop_removed: bool = False
    now: int | None = None


@collector_paused()
def build(
    cards_path: Path,
    out_dir: Path | None = None,
    *,
    display: str | None = None,
    write: bool = True,
    strict: bool = False,
    new_notetype: bool = False,
    change_kind: bool = False,
    drop_removed: bool = False,
    allow_outside: bool = False,
    now: int | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Check ``cards_path`` and build its deck into ``out_dir`` (default: ``decks/`` beside it).

    With ``write=False`` nothing is written and ``up_to_date`` tells whether
    the files on disk already hold exactly what a build would write.
    ``progress``, when given, is told how far the build has got. Source files
    outside the cards file's folder are refused unless ``allow_outside``.
    """

    def report(stage: str, fraction: float) -> None:
        if progress is not None:
            progress(stage, fraction)

    report("Checking", 0.0)
    cards_file, diagnostics = check(cards_path, display, allow_outside=allow_outside)
    result = BuildResult(diagnostics)
    if cards_file is None or has_errors(diagnostics, strict):
        return result
    out = out_dir if out_dir is not None else default_out(cards_path)
    options = Options(new_notetype, change_kind, drop_removed, stamp(result.warnings, now))
    with locked([out], write=write):
        prepare(result, cards_file, cards_path=cards_path, out_dir=out, options=options, report=report)
        if write:
            finish(result)
    report("Done", 1.0)
    return result


def stamp(warnings: list[str], now: int | None) -> int:
    """The build time: ``now``, else ``SOURCE_DATE_EPOCH`` or the clock (read before any lock is taken)."""
    try:
        return build_time(warnings) if now is None else now
    except ClockError as exc:
        raise BuildError(str(exc)) from None


def default_out(cards_path: Path) -> Path:
    """Where a deck is built when no folder is given: ``decks/`` beside its cards file."""
    return cards_path.parent / "decks"


def paths(out_dir: Path, deck_name: str) -> tuple[Path, Path]:
    """The package's and the manifest's paths for a deck named ``deck_name``."""
    return owner.files(out_dir, deck_name)


@contextlib.contextmanager
def locked(folders: list[Path], *, write: bool) -> Iterator[None]:
    """Hold the lock of every output folder (each once, in order) for the ``with`` block."""
    unique = sorted({os.path.abspath(folder): folder for folder in folders}.items())
    try:
        with contextlib.ExitStack() as stack:
            for _, folder in unique:
                try:
                    stack.enter_context(lock.locked(folder, exclusive=write))
                except lock.Busy:
                    busy = f"another deckgen build is writing to {folder}"
                    raise BuildError(f"{busy}: run this one again when it has finished") from None
            yield
    except OSError as exc:
        raise BuildError(f"cannot write to {exc.filename or unique[0][1]}: {exc.strerror or exc}") from exc


def prepare(
    result: BuildResult,
    cards_file: CardsFile,
    *,
    cards_path: Path,
    out_dir: Path,
    options: Options,
    report: Progress,
) -> None:
    """Everything a build does but write, while the caller holds the folder's lock.

    The package and manifest go to ``result.pending``; ``result.up_to_date``
    tells whether the folder already holds them.
    """
    deck = cards_file.deck
    result.cards_file = cards_file
    now = stamp(result.warnings, options.now)
    try:
        place = owner.locate(out_dir, cards_path, deck.name, deck.id)
    except owner.OwnerError as exc:
        raise BuildError(str(exc)) from None
    apkg, manifest_path = place.apkg, place.manifest
    result.apkg, result.manifest = apkg, manifest_path
    old_apkg, old_manifest = place.stale if place.stale else (apkg, manifest_path)
    leftover = output.leftovers(apkg, manifest_path)
    state = _previous(old_apkg, old_manifest, deck.id)
    result.notes += state.notes
    previous = state.manifest
    if previous is not None:
        warning = output.future_warning(previous, old_manifest)
        result.warnings += [warning] if warning else []
    report("Compiling", 0.5)
    notes = compile_notes(cards_file)
    try:
        types = guards.choose(previous, guards.candidates(notes, previous), new_notetype=options.new_notetype)
        guards.check_kind_changes(notes, previous, change_kind=options.change_kind)
    except guards.GuardError as exc:
        raise BuildError(str(exc)) from None
    report("Planning", 0.65)
    new, result.changes = mf.plan(notes, types, deck=(deck.name, deck.id), previous=previous, now=now)
    new.cards_file = place.cards_file
    _removed_notes(result, new, previous, old_apkg, now, drop=options.drop_removed)
    subdecks = _subdecks(deck.id, notes)
    packed = _packed(notes, new, subdecks)
    prefix = slug(deck.name)
    shipped = medianames.entries(cards_file.media, prefix)
    if new.removed and previous is not None:
        shipped = medianames.with_carried(shipped, (r.fields for r in new.removed.values()), old_apkg)
    new.media = medianames.record(cards_file.media, prefix)
    report("Packaging", 0.7)
    total = max(len(packed), 1)
    text = new.dumps().encode()
    try:
        data = build_apkg(
            deck.name,
            deck.id,
            to_html(deck.description),
            notetypes=_shipped(types, new, packed),
            notes=packed,
            media=shipped,
            subdecks={f"{deck.name}::{name}": did for name, did in subdecks.items()},
            progress=lambda done: report("Packaging", 0.7 + 0.2 * done / total),
            comment=mark(text),
        )
    except (PackageError, medianames.MediaChanged) as exc:
        raise BuildError(str(exc)) from exc
    report("Writing", 0.95)
    result.leftovers = leftover
    result.pending, result.stale = [(apkg, data), (manifest_path, text)], place.stale
    result.moved_from = old_apkg if place.stale else None
    same = state.matched and not leftover and not place.stale
    result.up_to_date = same and same_package(apkg, data) and holds(manifest_path, text)


def _removed_notes(
    result: BuildResult, new: mf.Manifest, previous: mf.Manifest | None, apkg: Path, now: int, *, drop: bool
) -> None:
    """The notes of removed cards the deck ships (kept from ``apkg``), or drops with ``drop``."""
    if drop:
        result.dropped = sorted([*new.removed, *result.changes.removed])
        new.removed = {}
    elif previous is not None:
        _removed(result, new, previous, apkg, now)
    result.shipped_removed = sorted(new.removed)


def finish(result: BuildResult) -> None:
    """Write what :func:`prepare` made (still under the lock), then remove a renamed deck's old files."""
    if len(result.pending) != 2:
        return
    output.remove(result.leftovers)
    (apkg, data), (manifest_path, text) = result.pending
    try:
        result.written = output.write_pair((apkg, data), (manifest_path, text))
    except output.WriteError as exc:
        raise BuildError(str(exc)) from exc
    for path in result.stale:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise BuildError(
                f"wrote the renamed deck, but cannot remove its old file {path}: {exc.strerror or exc}"
            ) from exc
    result.written = result.written or bool(result.stale)
    result.pending = []


def _subdecks(deck_id: int, notes: list[NoteData]) -> dict[str, int]:
    """Every subdeck the notes go into, and each level above it, with its id (by name below the deck)."""
    names: set[str] = set()
    for note in notes:
        parts = note.deck.split("::") if note.deck else []
        names.update("::".join(parts[: i + 1]) for i in range(len(parts)))
    return {name: deckid.subdeck_id(deck_id, name) for name in sorted(names)}


def _previous(apkg: Path, manifest_path: Path, deck_id: int) -> output.Previous:
    """The previous build's manifest, if any; refused when damaged or of another deck id."""
    try:
        state = output.previous(apkg, manifest_path, deck_id)
    except mf.ManifestError as exc:
        raise BuildError(
            f"{manifest_path}: {exc}; restore it from git, or delete it to rebuild it from {apkg.name}"
        ) from exc
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
    """Every note the package holds, with its id and mod time: the cards', then removed cards' notes.

    A note in a subdeck carries the subdeck's id; the others (removed cards' too) go into the deck.
    """
    cards = new.cards
    packed = [
        PackedNote(
            n.guid, n.fields, n.tags, cards[n.key].note_id, cards[n.key].mod, n.kind, subdecks.get(n.deck)
        )
        for n in notes
    ]
    packed += [
        PackedNote(r.guid, tuple(r.fields), tuple(r.tags), r.note_id, r.mod, CardKind(split_key(key)[1]))
        for key, r in sorted(new.removed.items())
    ]
    return packed
