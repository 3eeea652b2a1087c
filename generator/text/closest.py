"""The passage of a source most like a quote that is not in it (E305's hint)."""

from __future__ import annotations

import bisect
import difflib

from generator.text.normalise import normalise
from generator.text.source import SourceText

MAX_CANDIDATES = 100
"""How many places :func:`closest` compares a missing quote with."""


def closest(text: SourceText, quote: str) -> tuple[int, str] | None:
    """The source passage most like ``quote``: (line, passage), or None.

    Bounded work whatever the sizes: passages are tried only where one of
    the quote's longest words occurs (at most ``MAX_CANDIDATES`` places),
    and compared word by word.
    """
    needle = normalise(quote).split(" ")
    if not needle[0] or not text.normalised:
        return None
    hay, word_starts = text.words
    normalised = text.normalised
    starts: set[int] = set()
    for word in sorted(set(needle), key=len, reverse=True)[:8]:
        offset, at, tries = needle.index(word), normalised.find(word), 0
        while at >= 0 and tries < MAX_CANDIDATES * 4 and len(starts) < MAX_CANDIDATES:
            i = bisect.bisect_right(word_starts, at) - 1
            if word_starts[i] == at and hay[i] == word:
                starts.add(max(0, i - offset))
            at, tries = normalised.find(word, at + 1), tries + 1
    if not starts:
        return None
    size = len(needle)

    def matcher(start: int) -> difflib.SequenceMatcher[str]:
        return difflib.SequenceMatcher(None, hay[start : start + size], needle, autojunk=False)

    # quick_ratio (shared words, linear) shortlists; ratio (word order) picks.
    ranked = sorted(starts, key=lambda s: (-matcher(s).quick_ratio(), s))[:5]
    head = needle[:120]
    best = max(
        ranked,
        key=lambda s: (difflib.SequenceMatcher(None, hay[s : s + len(head)], head).ratio(), -s),
    )
    passage = " ".join(hay[best : best + size])
    line, _ = text.position(text.offset(word_starts[best]))
    return line, passage
