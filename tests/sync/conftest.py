"""Fixtures of the sync tests: a small deck in a folder, an empty real collection, notes read back."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from tests.conftest import CNS, HEADER, LESIONS, MRI, SOURCE_TEXT, missing

V1 = HEADER + "cards:\n" + CNS + MRI + LESIONS
"""The deck's first version: three plain cards (cns-parts, mri-waves, lesions-common)."""


def anki() -> Any:
    """The anki package's Collection class (skips on a laptop without it, fails on CI)."""
    try:
        from anki.collection import Collection
    except ImportError:
        missing("the anki package")
    return Collection


@contextmanager
def opened(path: Path) -> Iterator[Any]:
    """The collection at ``path``, open for the block (as Anki would hold it)."""
    col = anki()(str(path))
    try:
        yield col
    finally:
        col.close()


@dataclass
class Project:
    """A deck's folder and a learner's collection, both in a temp folder."""

    folder: Path
    collection: Path
    now: int = 1_780_000_000
    """The build time of the next sync, a day later each sync, in the past: Anki gives an imported note
    whose id is in the future a new id."""

    @property
    def cards(self) -> Path:
        return self.folder / "cards.yaml"

    def write(self, text: str) -> None:
        self.cards.write_text(text, encoding="utf-8")

    def sync(self, *args: str, text: str | None = None) -> Result:
        """``deckgen sync --collection`` of the deck (after writing ``text`` as its cards), a day later
        than the last build."""
        if text is not None:
            self.write(text)
        self.now += 86_400
        env = {"SOURCE_DATE_EPOCH": str(self.now), "CI": os.environ.get("CI", "")}
        return CliRunner().invoke(
            main,
            ["sync", str(self.cards), "--collection", str(self.collection), *args],
            env=env,
            catch_exceptions=False,
        )

    def notes(self) -> dict[str, Note]:
        """The collection's notes by card id (the last field)."""
        with opened(self.collection) as col:
            found = {}
            for nid in col.find_notes(""):
                note = col.get_note(nid)
                cards = [col.get_card(cid) for cid in note.card_ids()]
                found[note.fields[-1]] = Note(
                    nid,
                    tuple(note.fields),
                    tuple(sorted(note.tags)),
                    tuple(c.queue for c in cards),
                    tuple(col.decks.name(c.did) for c in cards),
                    tuple(c.ivl for c in cards),
                    sum(col.db.scalar("select count() from revlog where cid = ?", c.id) for c in cards),
                )
            return found


@dataclass(frozen=True)
class Note:
    """A note as the collection holds it, with its cards' state."""

    note_id: int
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    queues: tuple[int, ...]
    decks: tuple[str, ...]
    intervals: tuple[int, ...]
    reviews: int

    @property
    def suspended(self) -> bool:
        return all(q == -1 for q in self.queues)


def review(collection: Path, card_ids: list[str], ease: int = 3) -> None:
    """Study each card of the given card ids once (answered Good by default), as a learner would."""
    with opened(collection) as col:
        for card_id in card_ids:
            nid = col.find_notes(f'"Id:{card_id}"')[0]
            for cid in col.get_note(nid).card_ids():
                card = col.get_card(cid)
                card.start_timer()
                col.sched.answerCard(card, ease)


def edit(collection: Path, card_id: str, field: int, text: str, add_tag: str | None = None) -> None:
    """Edit a note in Anki: field number ``field`` becomes ``text`` (and a tag is added)."""
    with opened(collection) as col:
        nid = col.find_notes(f'"Id:{card_id}"')[0]
        note = col.get_note(nid)
        note.fields[field] = text
        if add_tag:
            note.tags.append(add_tag)
        col.update_note(note)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The small deck's folder (V1 written) and an empty collection (closed)."""
    anki()
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "doc.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    made = Project(folder, tmp_path / "anki" / "collection.anki2")
    made.collection.parent.mkdir()
    made.write(V1)
    with opened(made.collection):
        pass
    return made
