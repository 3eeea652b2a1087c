"""Several decks of one project, checked together: each deck's own problems, and the decks' clashes.

A project's decks are the cards files given together (``deckgen check a.yaml
b.yaml``). Besides each file's own diagnostics, two decks of one project must
not share an id (E204: every note's identity is derived from it, so they
would overwrite each other's notes) or a name (E205: Anki matches decks by
name, case aside, and would merge them). A clash is reported in the later
file, naming the earlier one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator import deckid
from generator.check.run import check
from generator.diagnostics import Diagnostic, make
from generator.model import CardsFile, Pos

Checked = tuple[CardsFile | None, list[Diagnostic]]


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
    """Add E204 (one id) and E205 (one name) to the later of two decks that clash."""
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
                    "E204",
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
