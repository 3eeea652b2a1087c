"""Cards that look renamed: an id gone from the cards file and a new one with the same, or nearly the
same, content.

Anki knows a note by its GUID, which the build derives from the card's id. A
new id is a new note: learners get it as a new card, lose the review history
of the old one, and find the old note retired. That is right for a new card,
and a silent loss for a renamed one, so the build warns about each pair that
looks like a rename and says what it costs.

Two notes of the same kind look alike when their text (every field but the
id, tags and markup dropped, in words) is the same, or shares at least
:data:`NEARLY` of its distinct words. Each removed card is paired with at
most one new card, the most alike. Past :data:`PAIRS` comparisons only the
same text is looked for.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

NEARLY = 0.8
"""Two texts whose distinct words overlap this much (shared / all, Jaccard) look nearly the same."""
PAIRS = 250_000
"""At most this many pairs of a removed and a new card are compared word by word."""
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Renamed:
    """A new card that looks like a removed one renamed."""

    old: str
    """The removed card's id."""
    new: str
    """The new card's id."""
    same: bool
    """Its text is the same (else nearly the same)."""


def _words(fields: Sequence[str]) -> tuple[str, frozenset[str]]:
    """A note's text (every field but the last, its id) as words: in order, and as a set."""
    text = html.unescape(_TAG.sub(" ", " ".join(fields[:-1]))).casefold()
    words = _WORD.findall(text)
    return " ".join(words), frozenset(words)


def _alike(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def renamed(
    removed: Sequence[tuple[str, str, Sequence[str]]], added: Sequence[tuple[str, str, Sequence[str]]]
) -> list[Renamed]:
    """The pairs that look like renames: ``removed`` and ``added`` are each card's id, kind and fields."""
    if not removed or not added:
        return []
    new = [(card_id, kind, *_words(fields)) for card_id, kind, fields in added]
    by_text: dict[tuple[str, str], list[str]] = {}
    for card_id, kind, text, _ in new:
        by_text.setdefault((kind, text), []).append(card_id)
    word_by_word = len(removed) * len(added) <= PAIRS
    taken: set[str] = set()
    found = []
    for old_id, kind, fields in removed:
        text, words = _words(fields)
        same = [c for c in by_text.get((kind, text), []) if c not in taken]
        if same:
            found.append(Renamed(old_id, same[0], same=True))
            taken.add(same[0])
            continue
        if not word_by_word:
            continue
        scored = [
            (_alike(words, other), card_id)
            for card_id, other_kind, _, other in new
            if other_kind == kind and card_id not in taken
        ]
        best = max(scored, default=(0.0, ""), key=lambda pair: pair[0])
        if best[0] >= NEARLY:
            found.append(Renamed(old_id, best[1], same=False))
            taken.add(best[1])
    return found


def warning(pair: Renamed) -> str:
    """What the build says about a card that looks renamed, and what it costs."""
    how = "the same text" if pair.same else "nearly the same text"
    return (
        f"card {pair.new!r} looks like card {pair.old!r} renamed ({how}): a new id is a new note in Anki, "
        f"so learners who have {pair.old!r} get {pair.new!r} as a new card and lose its review history, and "
        f"the old note is retired. To keep the history, write was: {pair.old} on the card."
    )


_COMMENT = re.compile(r"<!-- deckgen renamed (\{[^<>]*\}) -->")


def comment(origins: dict[str, str]) -> str:
    """What a package's deck description says (in an HTML comment, which Anki does not show) about the
    notes of renamed cards: each card's note key → the key its note's GUID is made from. A manifest
    rebuilt from the package reads it back (:func:`read_origins`); "" when no card was renamed."""
    if not origins:
        return ""
    return f"<!-- deckgen renamed {json.dumps(dict(sorted(origins.items())), separators=(',', ':'))} -->"


def read_origins(description: object) -> dict[str, str]:
    """The note keys :func:`comment` wrote in a deck description (empty when there are none, or when
    they are not text to text; which keys they may be is the reader's to check)."""
    found = _COMMENT.search(description) if isinstance(description, str) else None
    try:
        origins = json.loads(found.group(1)) if found else {}
    except ValueError:
        return {}
    if type(origins) is not dict or not all(type(k) is str and type(v) is str for k, v in origins.items()):
        return {}
    return origins
