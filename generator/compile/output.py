"""The output folder: a deck and its manifest, read and replaced as one pair.

Writing (:func:`write_pair`): both new files are first written to temp files
beside their targets and flushed to disk, so a full disk or a file size limit
fails before anything is replaced; then the package is renamed into place, and
last the manifest: its rename is the commit point. The package's zip comment
holds the SHA-256 of the manifest written with it (:func:`generator.compile.unpack.mark`),
so whatever stops a build, the next one can tell (:func:`previous`) a matched
pair from a new package beside an old manifest, and rebuilds the manifest from
the package (:mod:`generator.compile.recover`) instead of losing what it knew.
Temp files a killed build left behind are found (:func:`leftovers`) and removed
by the next build, which holds the folder's lock (:mod:`generator.compile.lock`).
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.compile import manifest as mf
from generator.compile.recover import from_package
from generator.compile.unpack import mark, read_mark, read_package
from generator.files import Staged, commit, discard, holds, stage, stale_temps


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


def _recovered(apkg: Path, deck_id: int) -> mf.Manifest | str:
    contents = read_package(apkg)
    if contents is None:
        return "it cannot be read as a package"
    return from_package(contents, deck_id)


def _summary(manifest: mf.Manifest) -> str:
    cards, removed = len(manifest.cards), len(manifest.removed)
    return f"{cards} card{'s' * (cards != 1)}, {removed} removed"


def previous(apkg: Path, manifest_path: Path, deck_id: int) -> Previous:
    """The previous build's manifest, rebuilt from the package when it is missing or not the package's.

    Raises ``ManifestError`` for a manifest that belongs to its package (or
    has no package to be checked against) but is damaged.
    """
    raw = mf.read(manifest_path)
    stamp = read_mark(apkg)
    if raw is not None and (not stamp or stamp == mark(raw)):
        return Previous(mf.loads(raw))  # a matched pair, or no package (or one from before marks)
    recovered = _recovered(apkg, deck_id) if stamp is not None else "there is none"
    if raw is None and stamp is None:
        return Previous(None)
    if raw is None:
        if isinstance(recovered, str):
            return Previous(
                None,
                [
                    f"{manifest_path} is missing and {apkg} can't be used ({recovered}): "
                    "every card counts as new"
                ],
                matched=False,
            )
        note = f"{manifest_path} was missing: rebuilt it from {apkg} ({_summary(recovered)})"
        return Previous(recovered, [note], matched=False)
    if isinstance(recovered, str):
        note = f"{apkg} does not belong to {manifest_path} and can't be used ({recovered}): kept the manifest"
        return Previous(mf.loads(raw), [note], matched=False)
    note = (
        f"{manifest_path} did not belong to {apkg} (a build was interrupted, or one of them was replaced): "
        f"rebuilt the manifest from the package ({_summary(recovered)})"
    )
    return Previous(recovered, [note], matched=False)


def latest_mod(manifest: mf.Manifest) -> int:
    """The latest modification time the manifest holds."""
    mods = [manifest.notetype.mod, *(e.mod for e in manifest.cards.values())]
    return max([*mods, *(r.mod for r in manifest.removed.values())])


def future_warning(manifest: mf.Manifest, what: Path) -> str | None:
    """A warning when the manifest holds a time far ahead of the clock."""
    latest = latest_mod(manifest)
    if latest <= time.time() + mf.FUTURE:
        return None
    return (
        f"{what} holds a modification time of {mf.show_time(latest)}, in the future: an edit "
        "before then gets an even later time (was the clock or SOURCE_DATE_EPOCH wrong?)"
    )


def leftovers(*paths: Path) -> list[Path]:
    """Temp files a killed build left beside ``paths`` (call only while holding the folder's lock)."""
    return [temp for path in paths for temp in stale_temps(path)]


def remove(temps: list[Path]) -> None:
    for temp in temps:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def write_pair(package: tuple[Path, bytes], manifest: tuple[Path, bytes]) -> bool:
    """Replace the package, then the manifest (the commit point); whether anything was written.

    Files that already hold their new bytes are left alone. Raises
    :class:`WriteError` saying what was replaced, if anything.
    """
    pending = [(path, data) for path, data in (package, manifest) if not holds(path, data)]
    if not pending:
        return False
    staged: list[Staged] = []
    try:
        for path, data in pending:
            staged.append(stage(path, data))
    except OSError as exc:
        for temp in staged:
            discard(temp)
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}; nothing was replaced") from exc
    for i, (temp, (path, _)) in enumerate(zip(staged, pending, strict=True)):
        try:
            commit(temp)
        except OSError as exc:
            for rest in staged[i + 1 :]:
                discard(rest)
            done = f"{staged[0].path} was replaced, but" if i else "nothing was replaced:"
            raise WriteError(
                f"{done} {path} could not be ({exc.strerror or exc}); the next build sees the mismatch "
                "and rebuilds the manifest from the package"
            ) from exc
    return True
