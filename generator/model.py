"""The checked contents of a cards file as plain, frozen values.

No YAML and no Anki here: the validator produces these, the compiler reads them.
Every value keeps the 1-based position it was written at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from generator.mediaformat import Kind


class Pos(NamedTuple):
    """A 1-based line and column, and the file they are in (a named tuple: there are many)."""

    line: int
    col: int
    file: str = ""
    """The file as shown in messages ("": the cards file itself); a deck may include other files."""


@dataclass(frozen=True)
class Allow:
    """A card-quality warning switched off, for one card or the whole deck, and why."""

    code: str
    reason: str
    pos: Pos
    """Where the code is written."""


@dataclass(frozen=True)
class Deck:
    name: str
    id: int
    description: str
    tags: tuple[str, ...]
    pos: Pos
    allow: tuple[Allow, ...] = ()
    id_pos: Pos | None = None
    """Where the id is written."""
    name_pos: Pos | None = None
    """Where the name is written."""
    style: str = ""
    """The deck's own CSS (``deck: style:``, checked), appended to its note types' CSS."""


@dataclass(frozen=True)
class Ignore:
    """A passage of a source that is not content: a quote (every occurrence) or a line range."""

    reason: str
    pos: Pos
    quote: str | None = None
    lines: tuple[int, int] | None = None
    """First and last line, 1-based and inclusive."""


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    file: str
    path: Path
    """``file`` resolved against the cards file's folder."""
    pos: Pos
    publisher: str = ""
    author: str = ""
    date: str = ""
    url: str = ""
    ignore: tuple[Ignore, ...] = ()
    shown: str = ""
    """``file`` as a path the user can use from where deckgen runs (beside the cards file's path)."""

    @property
    def display(self) -> str:
        """The path to show in messages: ``shown``, else ``file``."""
        return self.shown or self.file


@dataclass(frozen=True)
class Evidence:
    source: str
    quote: str
    pos: Pos
    key_pos: Pos | None = None
    """Where the source key is written (``pos`` is the quote's)."""


@dataclass(frozen=True)
class MediaRef:
    """A picture or sound a card refers to: ``![alt](path)`` in a text field, or an ``audio:`` entry."""

    kind: Kind
    path: str
    """As written: relative to the cards file."""
    pos: Pos
    """Where the reference is written."""
    alt: str = ""
    """An image's alt text (what a screen reader says)."""


@dataclass(frozen=True)
class MediaFile:
    """A checked picture or sound file: what it is and what its bytes hash to."""

    kind: Kind
    path: Path
    """Where it is, links followed (inside the cards file's folder)."""
    ext: str
    """The extension it is shipped with (``jpeg`` is shipped as ``jpg``)."""
    sha256: str
    size: int


class CardKind(str, Enum):
    """A kind of card. Its value is the name written in ``kind:``, in the manifest and the note keys."""

    BASIC = "basic"
    REVERSED = "reversed"
    TYPE_IN = "type-in"
    CLOZE = "cloze"

    # Hashed, printed and formatted as its value, so a kind is interchangeable with its name
    # (a dict keyed by names, f-strings, JSON); Enum's own hash is the member's name's.
    __hash__ = str.__hash__
    __str__ = str.__str__

    def __format__(self, spec: str) -> str:
        return self.value.__format__(spec)

    def __repr__(self) -> str:
        return repr(self.value)


@dataclass(frozen=True)
class Card:
    """A card as written. ``kind`` says which text keys it has: ``question`` and
    ``answer`` (basic, reversed, type-in; "" otherwise) or ``text`` (cloze; "" otherwise)."""

    id: str
    question: str
    answer: str
    evidence: tuple[Evidence, ...]
    pos: Pos
    tags: tuple[str, ...] = ()
    extra: str = ""
    note: str = ""
    """The deck's own editorial note, shown apart from the source's words."""
    allow: tuple[Allow, ...] = ()
    """Card-quality warnings switched off for this card."""
    positions: tuple[tuple[str, Pos], ...] = ()
    """Where each field's value is written, by key."""
    kind: CardKind = CardKind.BASIC
    text: str = ""
    """A cloze card's text with its deletions."""
    media: tuple[MediaRef, ...] = ()
    """The pictures in its text fields and its sounds (``audio:``), in file order."""
    deck: str = ""
    """The subdeck the card goes into, below the deck ('Imaging::MRI'); "" for the deck itself."""
    was: tuple[str, ...] = ()
    """The card's earlier ids (``was:``): a renamed card keeps the note, and history, it had under them."""

    def at(self, name: str) -> Pos:
        """Where field ``name``'s value is written (the card's position if unknown)."""
        return dict(self.positions).get(name, self.pos)

    def source_keys(self) -> tuple[str, ...]:
        """The keys of the sources this card cites, in order, each once."""
        return tuple(dict.fromkeys(e.source for e in self.evidence))


@dataclass(frozen=True)
class CardsFile:
    """A whole checked cards file."""

    path: str
    deck: Deck
    sources: dict[str, Source]
    cards: tuple[Card, ...]
    media: dict[str, MediaFile] = field(default_factory=dict)
    """The checked media files, by path as written."""
