"""The output folder: a deck, its retired-cards package and its manifest, read and replaced as one set.

Writing (:func:`write_files`): every new file is first written to a temp file
beside its target and flushed to disk, so a full disk or a file size limit
fails before anything is replaced; then they are renamed into place in order:
the retired-cards package (or a stale one removed), the package, and last the
manifest: its rename is the commit point. Both packages' zip comments hold the
SHA-256 of the manifest written with them (:func:`generator.compile.unpack.mark`),
and everything in them is in the manifest too. So whatever stops a build, the
next one can tell (:func:`previous`) a matched set from new packages beside an
old manifest, and rebuilds the manifest from the packages
(:mod:`generator.compile.recover`) instead of losing what it knew; a
retired-cards package that is not the manifest's is rewritten from the manifest.
Temp files a killed build left behind are found (:func:`leftovers`) and removed
by the next build, which holds the folder's lock (:mod:`generator.compile.lock`).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.compile import manifest as mf
from generator.compile.owner import DeckFiles
from generator.compile.recover import from_package
from generator.compile.unpack import mark, read_mark, read_package
from generator.files import Staged, commit, discard, holds, stage, stale_temps


class NotOurs(Exception):
    """The deck's package is there without its manifest, and is not this deck's: never overwritten."""


class WriteError(Exception):
    """The pair could not be written; the message says what, if anything, was replaced."""


@dataclass
class Previous:
    """What the previous build left, as the next build should see it."""

    manifest: mf.Manifest | None
    notes: list[str] = field(default_factory=list)
    """What was found and done about it (a manifest rebuilt from the package), for the user."""
    matched: bool = True
    """False when the files on disk are not a matched pair (so they are out of date)."""


def _recovered(files: DeckFiles, deck_id: int, notes: list[str]) -> mf.Manifest | str:
    """The manifest rebuilt from the package and, when it is the package's, the retired-cards package."""
    contents = read_package(files.apkg)
    if contents is None:
        return "it cannot be read as a package"
    retired = read_package(files.retired) if os.path.lexists(files.retired) else None
    if retired is not None and retired.comment != contents.comment:
        notes.append(f"{files.retired} was not written with {files.apkg}: its notes are not used")
        retired = None
    elif retired is None and os.path.lexists(files.retired):
        notes.append(f"{files.retired} cannot be read as a package: its notes are not used")
    found = from_package(contents, deck_id, retired)
    if isinstance(found, str):
        return found
    manifest, problem = found
    if problem:
        notes.append(f"{files.retired}: {problem}: its notes are not used")
    return manifest


def _summary(manifest: mf.Manifest) -> str:
    cards, removed = len(manifest.cards), len(manifest.removed)
    return f"{cards} card{'s' * (cards != 1)}, {removed} removed"


def previous(files: DeckFiles, deck_id: int) -> Previous:
    """The previous build's manifest, rebuilt from the packages when it is missing or not the package's.

    Raises ``ManifestError`` for a manifest that belongs to its package (or
    has no package to be checked against) but is damaged.
    """
    apkg, manifest_path = files.apkg, files.manifest
    raw = mf.read(manifest_path)
    stamp = read_mark(apkg)
    if raw is not None and (not stamp or stamp == mark(raw)):
        return Previous(mf.loads(raw))  # a matched pair, or no package (or one from before marks)
    notes: list[str] = []
    recovered = _recovered(files, deck_id, notes) if stamp is not None else "it cannot be read as a package"
    if raw is None and stamp is None and not os.path.lexists(apkg):
        return Previous(None)
    if raw is None:
        if isinstance(recovered, str):
            raise NotOurs(
                f"{apkg} is not this deck's ({recovered}), and {manifest_path} is missing: if the deck's "
                "id was changed, put the old id back (every card would become a new note in Anki and lose "
                "its review history); if the file is another deck's, move it away. It is not overwritten."
            )
        note = f"{manifest_path} was missing: rebuilt it from {apkg} ({_summary(recovered)})"
        return Previous(recovered, [note, *notes], matched=False)
    if isinstance(recovered, str):
        note = f"{apkg} does not belong to {manifest_path} and can't be used ({recovered}): kept the manifest"
        return Previous(mf.loads(raw), [note], matched=False)
    note = (
        f"{manifest_path} did not belong to {apkg} (a build was interrupted, or one of them was replaced): "
        f"rebuilt the manifest from the package ({_summary(recovered)})"
    )
    return Previous(recovered, [note, *notes], matched=False)


def latest_mod(manifest: mf.Manifest) -> int:
    """The latest modification time the manifest holds."""
    mods = [manifest.notetype.mod, *(e.mod for e in manifest.cards.values())]
    return max([*mods, *(r.mod for r in manifest.removed.values())])


def future_warning(manifest: mf.Manifest, what: Path) -> str | None:
    """A warning when the manifest holds a time far ahead of the clock."""
    return future_message(latest_mod(manifest), what)


def future_message(latest: int, what: Path) -> str | None:
    """The warning of :func:`future_warning` for a manifest whose latest time is ``latest``."""
    if latest <= time.time() + mf.FUTURE:
        return None
    return (
        f"{what} holds a modification time of {mf.show_time(latest)}, in the future: an edit "
        "before then gets an even later time (was the clock or SOURCE_DATE_EPOCH wrong?)"
    )


def leftovers(*paths: Path) -> list[Path]:
    """Temp files a killed build left beside ``paths`` (call only while holding the folder's lock)."""
    return sorted(temp for path in paths for temp in stale_temps(path))


def remove(temps: list[Path]) -> None:
    for temp in temps:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return " and ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else items[0]


def remove_file(path: Path) -> None:
    """Remove a file the build no longer writes (a stale retired-cards package); gone already is fine."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def write_files(files: Sequence[tuple[Path, bytes | None]]) -> bool:
    """Give each file its new bytes, or remove it for None, in order: the last one written is the commit
    point. Returns whether anything was written or removed.

    Files that already hold their new bytes (or are already gone) are left
    alone. Every new file is staged before the first is replaced. Raises
    :class:`WriteError` saying what was replaced, if anything.
    """
    pending = [
        (path, data)
        for path, data in files
        if (not holds(path, data) if data is not None else os.path.lexists(path))
    ]
    if not pending:
        return False
    staged: dict[Path, Staged] = {}
    try:
        for path, data in pending:
            if data is not None:
                staged[path] = stage(path, data)
    except OSError as exc:
        for temp in staged.values():
            discard(temp)
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}; nothing was replaced") from exc
    done: list[str] = []
    for i, (path, data) in enumerate(pending):
        try:
            if data is None:
                remove_file(path)
            else:
                commit(staged[path])
        except OSError as exc:
            for rest, _ in pending[i + 1 :]:
                if rest in staged:
                    discard(staged[rest])
            replaced = f"{_listed(done)} {'was' if len(done) == 1 else 'were'} replaced, but" if done else ""
            raise WriteError(
                f"{replaced or 'nothing was replaced:'} {path} could not be ({exc.strerror or exc}); "
                "the next build sees the mismatch and rebuilds the manifest from the packages"
            ) from exc
        done.append(str(path))
    return True
