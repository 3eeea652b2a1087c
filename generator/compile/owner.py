"""Which files in an output folder are a deck's: its deck is known by its cards file, not its name.

Every manifest records the cards file its deck is built from (relative to
the manifest's folder) and the deck id. Before anything is written, the
manifests in the output folder are read, so that

- a deck whose id changed is refused, even when it was renamed in the same
  edit (its manifest is found by its cards file, under the old name);
- a renamed deck takes its manifest along, and its old ``.apkg`` and manifest
  are removed once the new ones are written;
- a deck is refused when another deck in the folder has its id (the notes of
  two decks with one id overwrite each other in Anki) or would write its files.

A manifest that records no cards file (from before they did) is this deck's
when it has the deck's file name, as it always was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator import deckid
from generator.compile import manifest as mf
from generator.compile.manifest_schema import CARDS_FILE, MAX_ID, show
from generator.compile.notes import slug
from generator.files import TooLarge, read_regular

MANIFEST = ".manifest.json"
RETIRED = ".retired.apkg"
CHANGELOG = ".changelog.md"
"""The retired-cards package's file name ends so: ``<deck-slug>.retired.apkg`` (a slug has no dot, so it
is never another deck's package)."""


class OwnerError(Exception):
    """The deck cannot be built into this folder; the message says why and what to do.

    ``code`` is the diagnostic code ``deckgen check`` reports it with: E210 (the deck's id changed),
    E209 (another deck's id), E205 (another deck's files).
    """

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Stamp:
    """What a manifest says about its deck: where it is, the deck's name and id, its cards file."""

    path: Path
    deck: str
    deck_id: int
    cards_file: str

    def built_from(self) -> Path | None:
        """The cards file the manifest records, as a path (None if it records none)."""
        return Path(os.path.normpath(self.path.parent / self.cards_file)) if self.cards_file else None


@dataclass(frozen=True)
class DeckFiles:
    """A deck's files in its output folder, named from the deck's name."""

    apkg: Path
    manifest: Path
    retired: Path
    """The retired-cards package (:mod:`generator.compile.retired`), while the deck has removed cards."""
    changelog: Path
    """What changed in each version (:mod:`generator.compile.changelog`)."""

    def all(self) -> tuple[Path, ...]:
        return self.apkg, self.manifest, self.retired, self.changelog


@dataclass(frozen=True)
class Place:
    """Where a deck goes in its output folder, and what its previous build left there."""

    files: DeckFiles
    previous: Path | None
    """The manifest of the deck's previous build (under its old name, if it was renamed)."""
    stale: DeckFiles | None
    """The previous build's files under an old name: removed once the new ones are written."""
    cards_file: str
    """The cards file, relative to the output folder, as the manifest records it."""
    leftover: tuple[DeckFiles, ...] = ()
    """Files of this deck under other old names (a rename interrupted after its commit point left
    them): removed once the new ones are written."""

    @property
    def old(self) -> DeckFiles:
        """Where the previous build's files are: under the old name when the deck was renamed."""
        return self.stale if self.stale is not None else self.files


def _named(manifest: Path) -> DeckFiles:
    stem = manifest.name.removesuffix(MANIFEST)
    return DeckFiles(
        manifest.with_name(f"{stem}.apkg"),
        manifest,
        manifest.with_name(f"{stem}{RETIRED}"),
        manifest.with_name(f"{stem}{CHANGELOG}"),
    )


def files(out_dir: Path, deck_name: str) -> DeckFiles:
    """The paths of the files of a deck named ``deck_name`` in ``out_dir``."""
    return _named(out_dir / f"{slug(deck_name)}{MANIFEST}")


def stamps(out_dir: Path) -> list[Stamp]:
    """What each manifest in ``out_dir`` says about its deck (unreadable ones are left out)."""
    try:
        names = sorted(p for p in os.listdir(out_dir) if p.endswith(MANIFEST))
    except OSError:
        return []
    found = []
    for name in names:
        path = out_dir / name
        try:
            stamp = _stamp(path, read_regular(path, mf.MAX_BYTES))
        except (OSError, TooLarge, mf.ManifestError):
            continue
        if stamp is not None:
            found.append(stamp)
    return found


def _stamp(path: Path, data: bytes) -> Stamp | None:
    """What the manifest ``data`` says about its deck, read as JSON (however it is laid out), when its
    deck, id and cards file are of the kinds and ranges deckgen writes; else None."""
    top = mf.parse(data)
    if type(top) is not dict:
        return None
    deck, deck_id, cards_file = top.get("deck"), top.get("deck_id"), top.get("cards_file", "")
    if type(deck) is not str or type(deck_id) is not int or not 0 < deck_id <= MAX_ID:
        return None
    if type(cards_file) is not str or not (cards_file == "" or CARDS_FILE.fullmatch(cards_file)):
        return None
    return Stamp(path, deck, deck_id, cards_file)


def _same_file(a: Path, b: Path) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


def locate(out_dir: Path, cards_path: Path, deck_name: str, deck_id: int) -> Place:
    """Where the deck of ``cards_path`` goes in ``out_dir``; raises OwnerError when it must not."""
    mine_files = files(out_dir, deck_name)
    manifest = mine_files.manifest
    recorded = os.path.relpath(os.path.abspath(cards_path), os.path.abspath(out_dir)).replace(os.sep, "/")
    mine: list[Stamp] = []
    others: list[Stamp] = []
    for stamp in stamps(out_dir):
        source = stamp.built_from()
        ours = _same_file(source, cards_path) if source else stamp.path == manifest
        (mine if ours else others).append(stamp)
    previous = next((s for s in mine if s.path == manifest), mine[0] if mine else None)
    previous = next((s for s in mine if s.deck_id != deck_id), previous)
    if previous is not None and previous.deck_id != deck_id:
        renamed = (
            f", and the deck was renamed from {show(previous.deck, 80)}" if previous.deck != deck_name else ""
        )
        raise OwnerError(
            f"deck id changed from {previous.deck_id} to {deck_id}{renamed} ({previous.path} is this "
            "deck's previous build): every card would become a new note in Anki and lose its review "
            "history. Put the old id back.",
            "E210",
        )
    for other in others:
        if other.deck_id == deck_id:
            raise OwnerError(_same_id(other, cards_path, recorded, deck_id), "E209")
        if other.path == manifest:
            raise OwnerError(
                f"{manifest} belongs to deck {show(other.deck, 80)}, built from {_origin(other)}: this deck, "
                f"{deck_name!r}, would write the same files. Give the two decks different names.",
                "E205",
            )
    if previous is None and os.path.lexists(manifest) and all(s.path != manifest for s in others):
        # A manifest that says nothing readable about its deck: the build's loading of it says why.
        return Place(mine_files, manifest, None, recorded)
    stale = _named(previous.path) if previous is not None and previous.path != manifest else None
    leftover = tuple(_named(s.path) for s in mine if previous is not None and s.path != previous.path)
    return Place(mine_files, previous.path if previous else None, stale, recorded, leftover)


def _origin(stamp: Stamp) -> str:
    source = stamp.built_from()
    return str(source) if source else "a cards file it does not record (an earlier deckgen wrote it)"


def _same_id(other: Stamp, cards_path: Path, recorded: str, deck_id: int) -> str:
    message = (
        f"{other.path} belongs to deck {show(other.deck, 80)}, built from {_origin(other)}, which has this "
        f"deck's id {deck_id}: two decks with one id overwrite each other's notes in Anki. Give this deck "
        f"its own id, for example id: {deckid.fresh()}"
    )
    source = other.built_from()
    if source is not None and not source.exists():
        message += (
            f". If {source} was renamed or moved to {cards_path}, it is the same deck: set "
            f'"cards_file" in {other.path} to "{recorded}" and build again'
        )
    elif source is None:
        message += f". If it is this deck under an old name, delete {other.path} and its .apkg"
    return message
