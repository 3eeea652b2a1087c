"""check(): load → structure → rules, for a whole cards file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.check import fast, rules
from generator.check.rules.finding import Finding
from generator.check.rules.mediafiles import check_media
from generator.check.structure import Structure, validate
from generator.collector import collector_paused
from generator.diagnostics import Diagnostic, has_errors, make
from generator.load import Document, read_file
from generator.model import CardsFile, MediaFile


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
    shown, structure, found = read(cards_path, display, allow_outside=allow_outside, tuning=tuning)
    return with_rules(shown, structure, found, tuning)


def read(
    cards_path: Path,
    display: str | None = None,
    *,
    allow_outside: bool = False,
    tuning: fast.Tuning = fast.DEFAULT,
) -> tuple[str, Structure | None, list[Diagnostic]]:
    """The first half of :func:`check`: the file loaded and read into model values (the structure pass).
    The path as diagnostics show it, what was read (None: nothing usable) and the diagnostics so far."""
    shown = display if display is not None else str(cards_path)  # as read_file shows it
    structure, found = fast.read(
        read_file(cards_path, display),
        cards_path.parent,
        cards_path,
        allow_outside=allow_outside,
        tuning=tuning,
    )
    return shown, structure, found


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
    The pieces (:func:`meaning`, :func:`media`, :func:`joined`) are this, where the
    rules run apart from the rest (:mod:`generator.check.project`'s :func:`check_ahead`).
    """
    if structure is None:
        return None, found
    return joined(path, structure, found, meaning(path, structure, tuning), media(structure))


Media = tuple[dict[str, MediaFile], list[Finding]]
"""The media files the cards name, checked, and the findings about them (:func:`check_media`)."""


def meaning(path: str, structure: Structure, tuning: fast.Tuning = fast.DEFAULT) -> list[Diagnostic]:
    """The rules on meaning's diagnostics for what the structure pass read (the media aside)."""
    cards, broken = structure.cards, structure.broken
    if broken is None:  # sources: is not a mapping
        cards = [replace(card, evidence=()) for card in cards]
    elif broken:
        cards = [
            replace(card, evidence=tuple(e for e in card.evidence if e.source not in broken))
            for card in cards
        ]
    allow = structure.deck.allow if structure.deck is not None else ()
    return rules.check(path, structure.sources, cards, structure.tags, allow, tuning=tuning)


def media(structure: Structure) -> Media:
    """The media files the cards name, checked (they go into the model)."""
    return check_media(structure.cards, structure.base)


def model(path: str, structure: Structure, checked: Media) -> CardsFile | None:
    """The model of what the structure pass read (None without a deck), whatever the rules find."""
    if structure.deck is None:
        return None
    return CardsFile(path, structure.deck, structure.sources, tuple(structure.cards), checked[0])


def joined(
    path: str, structure: Structure, found: list[Diagnostic], meant: list[Diagnostic], checked: Media
) -> tuple[CardsFile | None, list[Diagnostic]]:
    """:func:`with_rules`'s result from its pieces: the structure pass's diagnostics ``found``, the
    rules' ``meant`` and the media ``checked``."""
    meant = meant + [make(at.file or path, at.line, at.col, code, text) for at, code, text in checked[1]]
    if has_errors(found):
        meant = [d for d in meant if d.code != "W202"]
    return model(path, structure, checked), found + meant
