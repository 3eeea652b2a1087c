"""Several decks of one project, checked together: each deck's own problems, and the decks' clashes.

A project's decks are the cards files given together (``deckgen check a.yaml
b.yaml``), or, when none is given, the cards files of the folder deckgen runs
in (:func:`find_decks`: ``cards.yaml`` and every other YAML file with a
top-level ``deck:`` key), or of the nearest folder above it that has any (:mod:`.folders`).
Besides each file's own diagnostics, two decks of one project must not share
an id (E209: every note's identity is derived from it, so they would
overwrite each other's notes) or a name (E205: Anki matches decks by name,
case aside, and would merge them). A clash is reported in the later file,
naming the earlier one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator import deckid
from generator.check.folders import Found, find_decks
from generator.check.run import check
from generator.codes import Doc, Example
from generator.diagnostics import Diagnostic, make
from generator.model import CardsFile, Pos

Checked = tuple[CardsFile | None, list[Diagnostic]]
__all__ = ["Checked", "Found", "check_all", "clashes", "find_decks"]


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
