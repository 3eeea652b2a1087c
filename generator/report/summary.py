"""What a build and a coverage report say to the person who ran them, as lines of text.

The CLI prints these lines; a program that uses the library can show them too.
Each build line says whether it belongs on standard error (notes, temp files
cleaned up) or standard output (the result).
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Sequence
from typing import NamedTuple

from generator.compile import BuildResult, BuiltDeck
from generator.compile.notes import split_key
from generator.model import CardsFile
from generator.report.coverage import SourceCoverage

REMOVED_SEARCH = "tag:deckgen::removed"
ID_LIST_LIMIT = 12


class Line(NamedTuple):
    text: str
    err: bool = False


def counted(cards_file: CardsFile) -> str:
    """'80 cards from 3 sources'."""
    return _counts(len(cards_file.cards), len(cards_file.sources))


def _counts(n_cards: int, n_sources: int) -> str:
    return f"{n_cards} card{'s' * (n_cards != 1)} from {n_sources} source{'s' * (n_sources != 1)}"


def _notes(count: int) -> str:
    return f"{count} note{'s' * (count != 1)}"


def build_command(deck: BuiltDeck) -> str:
    """The command that builds this deck alone: its cards file's path as it was given, and the
    output folder when it is not the default (quoted for a shell where needed)."""
    cards = deck.cards_path
    command = f"deckgen build {shlex.quote(cards)}"
    if os.path.normpath(deck.apkg.parent) != os.path.normpath(os.path.join(os.path.dirname(cards), "decks")):
        command += f" -o {shlex.quote(str(deck.apkg.parent))}"
    return command


def _check_state(deck: BuiltDeck) -> str:
    if deck.up_to_date:
        return "up to date"
    if deck.moved_from is not None:
        return f"OUT OF DATE (the deck was renamed; {build_command(deck)} moves {deck.moved_from} here)"
    if not deck.apkg.exists():
        return f"missing (run: {build_command(deck)})"
    if deck.outdated:
        return f"OUT OF DATE ({'; '.join(deck.outdated)}; run: {build_command(deck)})"
    return f"OUT OF DATE (run: {build_command(deck)})"


def _files_lines(deck: BuiltDeck) -> list[Line]:
    """What each file the build writes is for."""
    what = _counts(*deck.counts).split(" from ")[0]
    lines = [
        Line(
            f"  the deck: {deck.apkg}, version {deck.version}, exactly its {what}: what every learner imports"
        )
    ]
    if deck.retired is not None:
        count = _notes(len(deck.removed.shipped))
        lines.append(
            Line(
                f"  retired cards: {deck.retired}, the {count} of cards removed from the deck, tagged "
                f"deckgen::removed, for learners who imported an earlier version: they import it after "
                f"the deck, then search Anki's browser for {REMOVED_SEARCH} and delete what it finds"
            )
        )
    elif deck.stale_retired is not None:
        lines.append(Line(f"  removed {deck.stale_retired}: the deck has no removed cards to retire now"))
    if deck.changelog is not None:
        lines.append(Line(f"  changelog: {deck.changelog}, what changed in each version, newest first"))
    lines.append(
        Line(f"  manifest: {deck.manifest}, what the next build starts from: commit it with the other files")
    )
    return lines


def _removed_lines(deck: BuiltDeck) -> list[Line]:
    """What became of the removed cards: still shipped tagged, changed kind, or dropped."""
    lines: list[Line] = []
    changes, removed = deck.changes, deck.removed
    if changes.removed:
        kept = [c for c in changes.removed if c not in removed.lost]
        now = {split_key(key)[0] for key in changes.added + changes.restored}
        moved = [key for key in kept if split_key(key)[0] in now]
        gone = [key for key in kept if key not in moved]
        if gone:
            lines.append(
                Line(
                    f"Removed from cards file: {', '.join(gone)}. Their notes leave the deck for the "
                    "retired-cards package, tagged deckgen::removed: learners who have them import it after "
                    f"the deck, then search Anki for {REMOVED_SEARCH} to delete them."
                )
            )
        if moved:
            lines.append(
                Line(
                    f"Changed kind: {', '.join(moved)} now have new notes. The old notes, with their "
                    "review history, go to the retired-cards package, tagged deckgen::removed "
                    f"({REMOVED_SEARCH} in Anki)."
                )
            )
    if removed.lost:
        search = " OR ".join(f'"Id:{split_key(key)[0]}"' for key in removed.lost)
        lines.append(Line(f"Removed cards not found in the previous deck; find them in Anki with: {search}"))
    if removed.dropped:
        dropped = ", ".join(split_key(key)[0] for key in removed.dropped)
        count = _notes(len(removed.dropped))
        lines.append(Line(f"Dropped {count} of removed cards (--drop-removed): {dropped}"))
    return lines


def build_lines(result: BuildResult, check_only: bool) -> list[Line]:
    """The report of one successful build (or, with check_only, of `build --check`)."""
    deck = result.deck
    assert deck is not None
    what = _counts(*deck.counts)
    lines = [Line(f"deckgen: {note}", err=True) for note in deck.notes]
    leftovers = ", ".join(p.name for p in deck.leftovers)
    if check_only:
        retired = (
            f"; {_notes(len(deck.removed.shipped))} of removed cards in {deck.retired}"
            if deck.retired
            else ""
        )
        lines.append(Line(f"{deck.apkg}: {_check_state(deck)}; {what}{retired}"))
        if leftovers:
            lines.append(Line(f"Temp files of an interrupted build in {deck.apkg.parent}: {leftovers}"))
        return lines
    if leftovers:
        lines.append(Line(f"Removed temp files of an interrupted build: {leftovers}", err=True))
    verb = "Built" if result.written else "Unchanged"
    lines.append(Line(f"{verb} {deck.apkg}: {what} ({deck.changes.summary()})"))
    if deck.moved_from is not None:
        lines.append(Line(f"  renamed: the deck's files moved from {deck.moved_from} and its manifest"))
    renamed = [f"{split_key(old)[0]} -> {split_key(new)[0]}" for old, new in deck.changes.renamed]
    for label, ids in (
        ("added", deck.changes.added),
        ("changed", deck.changes.changed),
        ("restored", deck.changes.restored),
        ("renamed", renamed),
        ("removed", deck.changes.removed),
    ):
        if ids:
            shown = ", ".join(ids[:ID_LIST_LIMIT])
            more = f" and {len(ids) - ID_LIST_LIMIT} more" if len(ids) > ID_LIST_LIMIT else ""
            lines.append(Line(f"  {label}: {shown}{more}"))
    return lines + _files_lines(deck) + _removed_lines(deck)


def coverage_lines(report: Sequence[SourceCoverage]) -> list[str]:
    """The readable coverage report: each source's share, its gaps, and the total."""
    lines: list[str] = []
    for sc in report:
        lines.append(f"{sc.source.key}: {sc.source.display}")
        lines.append(
            f"  {sc.covered} of {sc.content} content sentences covered ({sc.percent:.1f}%); "
            f"{sc.ignored} ignored ({sc.ignored_share:.1%} of the text); {sc.headings} headings not counted"
        )
        gaps = [u for u in sc.units if u.kind == "sentence" and u.status == "uncovered"]
        if gaps:
            lines.append("  not covered yet:")
        for unit in gaps:
            partly = f"  [partly quoted, {unit.share:.0%}: {', '.join(unit.cards)}]" if unit.cards else ""
            lines.append(f"    {sc.source.path}:{unit.lines}: {unit.text}{partly}")
    covered, content = sum(sc.covered for sc in report), sum(sc.content for sc in report)
    share = 100.0 * covered / content if content else 100.0
    lines.append(f"Total: {covered} of {content} content sentences covered ({share:.1f}%)")
    return lines
