"""Several decks of one project, checked together: each deck's own problems, and the decks' clashes.

A project's decks are the cards files given together (``deckgen check a.yaml
b.yaml``), or, when none is given, the cards files of the folder deckgen runs
in (:func:`find_decks`: ``cards.yaml`` and every other YAML file with a
top-level ``deck:`` key), or of the nearest folder above it that has any.
Besides each file's own diagnostics, two decks of one project must not share
an id (E209: every note's identity is derived from it, so they would
overwrite each other's notes) or a name (E205: Anki matches decks by name,
case aside, and would merge them). A clash is reported in the later file,
naming the earlier one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import deckid
from generator.check.run import check
from generator.codes import Doc, Example
from generator.diagnostics import Diagnostic, make
from generator.model import CardsFile, Pos
from generator.starter import CARDS_FILE

Checked = tuple[CardsFile | None, list[Diagnostic]]

_DECK_KEY = re.compile(rb"^deck[ \t]*:", re.M)
"""A top-level ``deck:`` key: what sets a deck's cards file apart from an included file (``cards:``
only) and from other YAML."""
_CHUNK = 1 << 20


def is_deck(path: Path) -> bool:
    """Whether ``path`` is a regular file with a top-level ``deck:`` key (read until it is found)."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            tail = b""
            while chunk := handle.read(_CHUNK):
                if _DECK_KEY.search(tail + chunk):
                    return True
                tail = (tail + chunk)[-16:]
    except OSError:
        return False
    return False


def decks_in(folder: Path) -> list[Path]:
    """The cards files of ``folder``: ``cards.yaml`` first (whatever it holds), then every other
    ``.yaml`` or ``.yml`` file with a top-level ``deck:`` key, by name."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    first = [CARDS_FILE] if CARDS_FILE in names and not (folder / CARDS_FILE).is_dir() else []
    others = [
        name
        for name in names
        if name != CARDS_FILE and name.endswith((".yaml", ".yml")) and is_deck(folder / name)
    ]
    return [folder / name for name in first + others]


@dataclass(frozen=True)
class Found:
    """The decks :func:`find_decks` found, and where it looked."""

    decks: list[Path]
    """The cards files, as paths from the folder the search started in (``../cards.yaml``)."""
    looked: list[Path]
    """The folders looked in, nearest first."""


def find_decks(start: Path) -> Found:
    """The cards files of ``start``, or of the nearest folder above it that has any, as git finds its
    repository from a subfolder. The search stops at a repository's top (a folder holding ``.git``)
    and at the file system's root."""
    here = Path(os.path.abspath(start))
    looked: list[Path] = []
    for folder in (here, *here.parents):
        looked.append(folder)
        decks = decks_in(folder)
        if decks:
            up = os.path.relpath(folder, here)
            return Found([Path(name.name) if up == "." else Path(up) / name.name for name in decks], looked)
        if (folder / ".git").exists():
            break
    return Found([], looked)


def check_all(
    paths: Sequence[Path], displays: Sequence[str] | None = None, *, allow_outside: bool = False
) -> list[Checked]:
    """Check every cards file, then the decks against each other; one (model, diagnostics) a file."""
    shown = displays if displays is not None else [str(p) for p in paths]
    checked = zip(paths, shown, strict=True)
    results = [check(path, display, allow_outside=allow_outside) for path, display in checked]
    clashes(results)
    return results


def clashes(results: Sequence[Checked]) -> None:
    """Add E209 (one id) and E205 (one name) to the later of two decks that clash."""
    ids: dict[int, CardsFile] = {}
    names: dict[str, CardsFile] = {}
    for cards_file, found in results:
        if cards_file is None:
            continue
        deck = cards_file.deck
        first = ids.setdefault(deck.id, cards_file)
        if first is not cards_file:
            found.append(
                _at(
                    cards_file.path,
                    deck.id_pos or deck.pos,
                    "E209",
                    f"deck id {deck.id} is also the id of deck {first.deck.name!r} in {first.path} "
                    f"({_line(first.deck.id_pos or first.deck.pos)}); two decks with one id overwrite each "
                    f"other's notes in Anki: give this deck its own id, for example id: {deckid.fresh()}",
                )
            )
        other = names.setdefault(deck.name.casefold(), cards_file)
        if other is not cards_file:
            case = "" if other.deck.name == deck.name else f" (as {other.deck.name!r}; Anki ignores case)"
            found.append(
                _at(
                    cards_file.path,
                    deck.name_pos or deck.pos,
                    "E205",
                    f"deck {deck.name!r} has the name of the deck in {other.path}{case} "
                    f"({_line(other.deck.name_pos or other.deck.pos)}); Anki would merge the two decks: "
                    "give each deck its own name",
                )
            )


def _at(path: str, at: Pos, code: str, message: str) -> Diagnostic:
    return make(at.file or path, at.line, at.col, code, message)


def _line(at: Pos) -> str:
    return f"line {at.line}"


def _decks(first: str, second: str, first_id: int = 1874512301, second_id: int = 1874512301) -> Example:
    """Two cards files checked together, each the example file with its own deck."""
    return Example(
        {
            "ms.yaml": f"deck:\n  name: {first}\n  id: {first_id}\n",
            "nmo.yaml": f"deck:\n  name: {second}\n  id: {second_id}\n",
        },
        command="deckgen check ms.yaml nmo.yaml",
    )


DOCS = (
    Doc(
        "E205",
        checks=(
            "Two decks of one project (cards files checked or built together) have the same name, "
            "case aside; or two decks would be written to the same file in `decks/` (their names "
            "differ only in punctuation and case); or the deck's files in its output folder belong to "
            "another deck, whose manifest there records another cards file. Reported in the later "
            "file, or at the deck's name."
        ),
        why=(
            "Anki finds a deck by its name, case aside: importing the second deck would put its "
            "cards into the first."
        ),
        bad=_decks("Multiple sclerosis", "multiple sclerosis", second_id=2291840573),
        fix=_decks("Multiple sclerosis", "Neuromyelitis optica", second_id=2291840573),
    ),
    Doc(
        "E209",
        checks=(
            "Two decks of one project (cards files checked or built together) have the same id; or "
            "the deck has the id of another deck built into its output folder (`decks/` beside the "
            "cards file, or the folder `-o` names), whose manifest there records another cards file. "
            "Reported in the later file, naming the earlier, or at the deck's id, naming the "
            "manifest; the message offers a fresh id."
        ),
        why=(
            "deckgen derives every note's identity from its deck's id and the card's id: two decks "
            "with one id would overwrite each other's notes in Anki, and learners' reviews with them."
        ),
        bad=_decks("Multiple sclerosis", "Neuromyelitis optica"),
        fix=_decks("Multiple sclerosis", "Neuromyelitis optica", second_id=2291840573),
    ),
)
"""The codes of a project's decks, documented (see :class:`generator.codes.Doc`)."""
