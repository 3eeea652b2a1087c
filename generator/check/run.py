"""check(): load → structure → rules, for a whole cards file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.check import fast, rules
from generator.check.rules.mediafiles import check_media
from generator.check.structure import Structure, validate
from generator.collector import collector_paused
from generator.diagnostics import Diagnostic, has_errors, make
from generator.load import Document, read_file
from generator.model import CardsFile


@collector_paused()
def check(
    cards_path: Path,
    display: str | None = None,
    *,
    allow_outside: bool = False,
    tuning: fast.Tuning = fast.DEFAULT,
) -> tuple[CardsFile | None, list[Diagnostic]]:
    """Load and check a cards file: the model (None if unusable) and every diagnostic.

    Source files must be inside the cards file's folder (links followed)
    unless ``allow_outside``.

    The node tree is let go of once it is read into model values, before the
    rules load the source documents: a large file's tree and its sources are
    never in memory at once. Work may be shared with a helper process on a
    second core (``tuning``: :mod:`.fast`); the result is the same.
    """
    shown = display if display is not None else str(cards_path)  # as read_file shows it
    structure, found = fast.read(
        read_file(cards_path, display),
        cards_path.parent,
        cards_path,
        allow_outside=allow_outside,
        tuning=tuning,
    )
    return with_rules(shown, structure, found, tuning)


def check_document(
    doc: Document, base: Path, *, allow_outside: bool = False, tuning: fast.Tuning = fast.DEFAULT
) -> tuple[CardsFile | None, list[Diagnostic]]:
    """The same as :func:`check` for a document already loaded; sources resolve against ``base``."""
    structure, found = validate(doc, base, allow_outside=allow_outside)
    return with_rules(doc.path, structure, found, tuning)


def with_rules(
    path: str, structure: Structure | None, found: list[Diagnostic], tuning: fast.Tuning = fast.DEFAULT
) -> tuple[CardsFile | None, list[Diagnostic]]:
    """Run the rules on meaning over what the structure pass read, and make the model.

    Knock-on diagnostics of structural errors already reported are left out:
    evidence citing a source that is written but broken is not checked again
    (E201), and "source used by no card" (W202) waits until every card is sound.
    """
    if structure is None:
        return None, found
    cards, broken = structure.cards, structure.broken
    if broken is None:  # sources: is not a mapping
        cards = [replace(card, evidence=()) for card in cards]
    elif broken:
        cards = [
            replace(card, evidence=tuple(e for e in card.evidence if e.source not in broken))
            for card in cards
        ]
    allow = structure.deck.allow if structure.deck is not None else ()
    meaning = rules.check(path, structure.sources, cards, structure.tags, allow, tuning=tuning)
    media, media_found = check_media(cards, structure.base)
    meaning += [make(at.file or path, at.line, at.col, code, message) for at, code, message in media_found]
    if has_errors(found):
        meaning = [d for d in meaning if d.code != "W202"]
    found = found + meaning
    if structure.deck is None:
        return None, found
    return CardsFile(path, structure.deck, structure.sources, tuple(structure.cards), media), found
