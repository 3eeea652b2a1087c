"""``deckgen init``: a starter project a new author can check and build at once.

It writes a ``cards.yaml`` with a fresh random deck id and two worked example
cards, the short document they quote in ``sources/`` with a note on what goes
there, and ignores for the pages ``deckgen preview`` and ``deckgen coverage``
write. It never overwrites a file that holds something else.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator import deckid
from generator.files import utf8, write_atomic

EXAMPLE = "sources/example-spaced-repetition.txt"

EXAMPLE_TEXT = """\
About spaced repetition

Spaced repetition is a way of learning in which a fact is reviewed again just before it would be forgotten.

After each successful review, the next interval gets longer,
so a card that is easy comes back less and less often.
"""

SOURCES_NOTE = """\
# Sources

Put each document you write cards from in this folder, as plain UTF-8 text:
copy the text of a web page, a PDF or a licence into a `.txt` file, and list
it under `sources:` in the cards file with a short key, a `title` and its
`file` (relative to the cards file). Keep each document as it is: every card
quotes it word for word, and `deckgen check` finds each quote in it.

`example-spaced-repetition.txt` is the document of the two example cards;
delete it, its entry under `sources:` and the example cards once your own
cards stand.
"""

CARDS = """\
# The cards of one deck. Check them with `deckgen check`, build the deck with
# `deckgen build` (it writes decks/<deck name>.apkg next to this file).
version: 1
deck:
  name: {name}   # the deck's name in Anki; 'Name::Part' makes a subdeck
  # Made at random by deckgen init. Never change it, and never copy it to another
  # deck: every card's identity in Anki is derived from it.
  id: {id}
  description: Cards written from the documents in sources/.
sources:
  example:   # a short key; cards cite the document by it
    title: About spaced repetition
    file: {example}   # relative to this file
cards:
  # A card's id is its identity in Anki forever: edit the question and answer
  # freely, never the id. Each card quotes its source word for word.
  - id: spaced-repetition-definition
    question: What is spaced repetition?
    answer: Reviewing each fact again just before it would be forgotten.
    evidence:
      example: "a way of learning in which a fact is reviewed again just before it would be forgotten"
  - id: interval-after-a-successful-review
    question: In spaced repetition, how does the interval before the next review change after a success?
    answer: It gets longer.
    evidence:
      example: "After each successful review, the next interval gets longer"
    extra: So an easy card comes back less and less often.
    tags: [intervals]
"""

IGNORES = ("preview.html", "coverage.html", "*.preview.html", "*.coverage.html")
"""Pages deckgen writes for the author to look at, not to commit (``preview.html`` for
``cards.yaml``, ``<name>.preview.html`` for another deck's ``<name>.yaml``)."""
CARDS_FILE = "cards.yaml"
"""The cards file ``deckgen init`` writes, and the one deckgen looks for first in a folder."""


class StarterError(Exception):
    """The starter project cannot be written; the message says why."""


@dataclass(frozen=True)
class Starter:
    """What ``deckgen init`` wrote."""

    cards: Path
    deck_name: str
    deck_id: int
    written: list[Path]
    kept: list[Path]
    """Files that were there already and are left as they were."""


def deck_name_for(folder: Path, file: str = CARDS_FILE) -> str:
    """A deck name from a folder's name (``my-first_deck`` → ``My First Deck``), or from the cards
    file's, for a deck of another name than ``cards.yaml`` (``ascii-table.yaml`` → ``Ascii Table``)."""
    named = folder.resolve().name if file == CARDS_FILE else re.sub(r"\.ya?ml$", "", file)
    words = re.split(r"[-_\s]+", named)
    name = " ".join(w[:1].upper() + w[1:] for w in words if w)
    return name or "My Deck"


def init(
    folder: Path,
    name: str | None = None,
    file: str = CARDS_FILE,
    *,
    judge: Callable[[str], str | None] | None = None,
) -> Starter:
    """Write a starter project into ``folder`` (made if missing), its deck in ``file``; refuse if the
    folder has that file already. Another deck in a folder that has one is ``init`` with another
    ``file``: it gets its own fresh id and, unless ``name`` says otherwise, a name from its file's.

    ``judge`` says what is wrong with a deck name (None: nothing), as the check would: a name it
    faults is refused before anything is written, so ``init`` never writes a file ``check`` refuses."""
    try:
        return _init(folder, name, file, judge)
    except (OSError, ValueError) as exc:  # a path the system cannot take (too long, a NUL byte)
        raise StarterError(f"cannot write the starter project into {folder}: {exc}") from exc


def _text(name: str) -> str:
    """``name`` as text a UTF-8 file can hold: bytes of a file name no encoding could read (lone
    surrogates, as Python gives them) become U+FFFD, so the cards file written is valid UTF-8."""
    return utf8(name).decode("utf-8", "replace")


def _init(folder: Path, name: str | None, file: str, judge: Callable[[str], str | None] | None) -> Starter:
    if not re.fullmatch(r"[^/\\]+\.ya?ml", file) or file.startswith("."):
        raise StarterError(
            f"{file!r} is not a cards file's name: give a name like physics.yaml, with no folder"
        )
    cards = folder / file
    if cards.exists() or cards.is_symlink():
        other = "NAME.yaml" if file == CARDS_FILE else "another-name.yaml"
        here = "" if folder == Path(".") else f" {folder}"
        raise StarterError(
            f"{cards} already exists; deckgen init never overwrites a cards file. To start another deck "
            f"in this folder, give its cards file a name of its own: deckgen init{here} --file {other}"
        )
    example = folder / EXAMPLE
    if example.exists() and example.read_bytes() != EXAMPLE_TEXT.encode():
        raise StarterError(f"{example} already exists with other text; move it away first")
    deck_name = _text(name if name is not None else deck_name_for(folder, file)).strip()
    if not deck_name:
        raise StarterError("the deck name is empty; give one with --name")
    problem = judge(deck_name) if judge is not None else None
    if problem is not None:
        raise StarterError(f"the deck name {deck_name!r} {problem}; give another with --name")
    deck = deckid.fresh()
    text = CARDS.format(name=json.dumps(deck_name, ensure_ascii=False), id=deck, example=EXAMPLE)
    written, kept = [], []
    files = [(example, EXAMPLE_TEXT), (folder / "sources" / "README.md", SOURCES_NOTE)]
    try:
        for path, content in files:
            if path.exists():
                kept.append(path)
            else:
                write_atomic(path, utf8(content))
                written.append(path)
        ignore = folder / ".gitignore"
        old = ignore.read_text(encoding="utf-8") if ignore.exists() else ""
        missing = [f"/{page}" for page in IGNORES if f"/{page}" not in old.split("\n")]
        if missing:
            joined = old + ("\n" if old and not old.endswith("\n") else "") + "\n".join(missing) + "\n"
            write_atomic(ignore, utf8(joined))
            written.append(ignore)
        write_atomic(cards, utf8(text))
    except (OSError, UnicodeDecodeError) as exc:
        raise StarterError(f"cannot write the starter project into {folder}: {exc}") from exc
    return Starter(cards, deck_name, deck, [cards, *written], kept)
