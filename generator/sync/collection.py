"""The way in through a collection file, with the ``anki`` package, for when Anki is closed.

A collection that Anki has open is refused: Anki holds it with an exclusive
lock, and the ``anki`` package says so when it cannot open it. Nothing is
ever written behind Anki's back.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from generator.sync.side import REMOVED_TAG, AnkiNote, Look, SideError, Update


def _quoted(deck: str) -> str:
    """An Anki search for the deck ``deck`` and its subdecks, its name escaped."""
    text = deck.replace("\\", "\\\\").replace('"', '\\"').replace("*", "\\*").replace("_", "\\_")
    return f'"deck:{text}"'


def search(notetypes: Sequence[int]) -> str:
    """An Anki search for the notes of the note types ``notetypes``."""
    return "(" + " OR ".join(f"mid:{mid}" for mid in notetypes) + ")" if notetypes else "nid:0"


def deck_search(deck: str) -> str:
    """An Anki search for the cards in the deck ``deck`` or its subdecks."""
    return _quoted(deck)


@contextlib.contextmanager
def _refused(what: str) -> Iterator[None]:
    """A failure of the anki package (its own exception types) as a SideError saying what failed."""
    try:
        yield
    except SideError:
        raise
    except Exception as exc:  # the anki package's errors share no base class but Exception
        raise SideError(f"the collection refused to {what}: {exc}") from exc


class CollectionSide:
    """A collection file opened with the ``anki`` package (:class:`generator.sync.side.AnkiSide`)."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise SideError(f"no collection at {path}: give the path of a profile's collection.anki2")
        try:
            from anki.collection import Collection
        except ImportError:
            raise SideError(
                "--collection needs the anki package (pip install anki), or sync into a running Anki "
                "with --url"
            ) from None
        try:
            self.col: Any = Collection(str(path))
        except Exception as exc:  # the anki package raises its own DBError, or a plain exception
            if any(word in str(exc).lower() for word in ("locked", "already open")):
                raise SideError(
                    f"the collection {path} is open in Anki (it is locked): close Anki and sync again, or "
                    "sync into the running Anki with --url"
                ) from None
            raise SideError(f"cannot open the collection {path}: {exc}") from None

    def find(self, notetypes: Sequence[int], deck: str) -> list[AnkiNote]:
        with _refused("be read"):
            col = self.col
            ids = col.find_notes(search(notetypes))
            in_deck = set(col.find_notes(f"{search(notetypes)} {deck_search(deck)}")) if ids else set()
            if not ids:
                return []
            # Read in bulk from the database (a note at a time through the API is slow at 50,000 notes).
            mids = ",".join(str(int(mid)) for mid in notetypes)
            cards: dict[int, list[tuple[int, int]]] = {}
            joined = "from cards c join notes n on n.id = c.nid"
            for cid, nid, queue in col.db.all(
                f"select c.id, c.nid, c.queue {joined} where n.mid in ({mids})"
            ):
                cards.setdefault(nid, []).append((cid, queue))
            found = []
            for nid, mid, flds, tags in col.db.all(
                f"select id, mid, flds, tags from notes where mid in ({mids})"
            ):
                own = sorted(cards.get(nid, []))
                found.append(
                    AnkiNote(
                        nid,
                        mid,
                        tuple(flds.split("\x1f")),
                        tuple(tags.split()),
                        tuple(cid for cid, _ in own),
                        bool(own) and all(queue == -1 for _, queue in own),
                        nid in in_deck,
                    )
                )
            return found

    def deck_name(self, deck_id: int) -> str | None:
        deck = self.col.decks.get(deck_id, default=False)
        return str(deck["name"]) if deck else None

    def looks(self, notetypes: Sequence[int]) -> dict[int, Look]:
        found = {}
        for mid in notetypes:
            model = self.col.models.get(mid)
            if model:
                templates = tuple((t["name"], t["qfmt"], t["afmt"]) for t in model["tmpls"])
                found[mid] = Look(model["css"], templates)
        return found

    def set_look(self, notetype: int, look: Look) -> None:
        with _refused("change a note type's look"):
            model = self.col.models.get(notetype)
            model["css"] = look.css
            by_name = {name: (front, back) for name, front, back in look.templates}
            for template in model["tmpls"]:
                if template["name"] in by_name:
                    template["qfmt"], template["afmt"] = by_name[template["name"]]
            self.col.models.update_dict(model)

    def add(self, package: Path) -> None:
        with _refused("import the new notes"):
            from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
            from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition as Condition

            options = ImportAnkiPackageOptions(
                update_notes=Condition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_NEVER,
                update_notetypes=Condition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
                with_scheduling=False,
                with_deck_configs=False,
            )
            self.col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package), options=options))

    def update(self, updates: Sequence[Update]) -> None:
        with _refused("update notes"):
            col = self.col
            notes = []
            unsuspend: list[int] = []
            for up in updates:
                note = col.get_note(up.note_id)
                for number, value in enumerate(up.fields[: len(note.fields)]):
                    note.fields[number] = value
                note.tags = list(up.tags)
                notes.append(note)
                if up.unsuspend:
                    unsuspend += up.cards
            if notes:
                col.update_notes(notes)
            if unsuspend:
                col.sched.unsuspend_cards(unsuspend)

    def retire(self, notes: Sequence[AnkiNote]) -> None:
        with _refused("retire notes"):
            if not notes:
                return
            col = self.col
            col.tags.bulk_add([n.note_id for n in notes], REMOVED_TAG)
            col.sched.suspend_cards([cid for n in notes for cid in n.cards])

    def delete(self, note_ids: Sequence[int]) -> None:
        with _refused("delete notes"):
            if note_ids:
                self.col.remove_notes(list(note_ids))

    def has_media(self, names: Sequence[str]) -> set[str]:
        folder = Path(self.col.media.dir())
        return {name for name in names if (folder / name).is_file()}

    def read_media(self, name: str) -> bytes | None:
        path = Path(self.col.media.dir()) / name
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise SideError(f"cannot read {path}: {exc.strerror or exc}") from exc

    def write_media(self, name: str, data: bytes) -> None:
        with _refused("write a media file"):
            folder = Path(self.col.media.dir())
            temp = folder / f".{name}.tmp"
            temp.write_bytes(data)
            os.replace(temp, folder / name)

    def close(self) -> None:
        self.col.close()
