"""A learner at work in a collection, two ways: the anki package on a collection file, or AnkiConnect
into the running desktop. The scenario (:mod:`tests.sync.scenario`) runs the same through both."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from tests.sync.conftest import opened
from tests.sync.desktop import call


@dataclass(frozen=True)
class Card:
    """A card's scheduling: what a sync must keep."""

    interval: int
    due: int
    reps: int
    queue: int


@dataclass(frozen=True)
class Seen:
    """A note of the deck as the learner's collection holds it."""

    note_id: int
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    cards: tuple[Card, ...]

    @property
    def suspended(self) -> bool:
        return all(card.queue == -1 for card in self.cards)


def _search(deck: str, card_id: str | None = None) -> str:
    return f'"deck:{deck}"' + (f' "Id:{card_id}"' if card_id else "")


class Learner(Protocol):
    """What a learner does to their collection, and what a test reads back from it."""

    def review(self, deck: str, card_ids: list[str]) -> None: ...

    def edit(self, deck: str, card_id: str, field: int, text: str) -> None: ...

    def notes(self, deck: str) -> list[tuple[str, Seen]]:
        """Every note with a card in the deck, by card id (a list: a duplicate would show twice)."""
        ...


class FileLearner:
    """A learner's collection file, opened with the anki package."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def review(self, deck: str, card_ids: list[str]) -> None:
        with opened(self.path) as col:
            for card_id in card_ids:
                for cid in col.find_cards(_search(deck, card_id)):
                    card = col.get_card(cid)
                    card.start_timer()
                    col.sched.answerCard(card, 3)

    def edit(self, deck: str, card_id: str, field: int, text: str) -> None:
        with opened(self.path) as col:
            [nid] = col.find_notes(_search(deck, card_id))
            note = col.get_note(nid)
            note.fields[field] = text
            col.update_note(note)

    def notes(self, deck: str) -> list[tuple[str, Seen]]:
        with opened(self.path) as col:
            found = []
            for nid in col.find_notes(_search(deck)):
                note = col.get_note(nid)
                cards = [col.get_card(cid) for cid in note.card_ids()]
                seen = Seen(
                    nid,
                    tuple(note.fields),
                    tuple(sorted(note.tags)),
                    tuple(Card(c.ivl, c.due, c.reps, c.queue) for c in cards),
                )
                found.append((note.fields[-1], seen))
            return sorted(found)


class DesktopLearner:
    """A learner at the running Anki desktop, through AnkiConnect."""

    def __init__(self, url: str) -> None:
        self.url = url

    def review(self, deck: str, card_ids: list[str]) -> None:
        for card_id in card_ids:
            cards = call(self.url, "findCards", query=_search(deck, card_id))
            assert all(call(self.url, "answerCards", answers=[{"cardId": c, "ease": 3} for c in cards]))

    def edit(self, deck: str, card_id: str, field: int, text: str) -> None:
        [nid] = call(self.url, "findNotes", query=_search(deck, card_id))
        [info] = call(self.url, "notesInfo", notes=[nid])
        name = next(name for name, f in info["fields"].items() if f["order"] == field)
        call(self.url, "updateNoteFields", note={"id": nid, "fields": {name: text}})

    def notes(self, deck: str) -> list[tuple[str, Seen]]:
        found = []
        for info in call(self.url, "notesInfo", notes=call(self.url, "findNotes", query=_search(deck))):
            fields = tuple(f["value"] for f in sorted(info["fields"].values(), key=lambda f: f["order"]))
            cards = call(self.url, "cardsInfo", cards=info["cards"])
            seen = Seen(
                info["noteId"],
                fields,
                tuple(sorted(info["tags"])),
                tuple(Card(c["interval"], c["due"], c["reps"], c["queue"]) for c in cards),
            )
            found.append((fields[-1], seen))
        return sorted(found)
