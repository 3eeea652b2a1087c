"""Tags: which ones Anki would split, merge or mangle.

Anki splits a note's tags at whitespace and reads ``::`` as a hierarchy, so a
tag with a space, a quote, a control character or a stray ``:`` does not
arrive as written. Shared by the checker (E306 on a card's tags) and the
compiler (tags read back from a manifest or a package are refused the same way).
"""

from __future__ import annotations

import unicodedata

REMOVED_TAG = "deckgen::removed"
"""The tag of the notes of cards a deck no longer has (the retired-cards package): a learner searches
``tag:deckgen::removed`` and deletes what it finds, so no card of a deck may carry it."""


def reserved(tag: str) -> bool:
    """Whether a card must not carry ``tag``: a search for :data:`REMOVED_TAG` finds it (Anki compares
    tags without case, and a search for a tag finds the tags below it too)."""
    folded = tag.casefold()
    return folded == REMOVED_TAG or folded.startswith(REMOVED_TAG + "::")


def tag_problem(tag: str) -> str | None:
    """What Anki would do wrong with ``tag`` (to follow "tag 'x' "), or None when it keeps it as written."""
    if not tag.strip():
        return "is empty"
    if any(ch.isspace() for ch in tag):
        return "contains whitespace (Anki would split it into several tags)"
    if '"' in tag or any(unicodedata.category(ch) == "Cc" for ch in tag):
        return "contains a quote or control character"
    if tag.startswith(":") or tag.endswith(":") or ":::" in tag:
        return "has a stray ':' (use '::' between hierarchy levels)"
    return None
