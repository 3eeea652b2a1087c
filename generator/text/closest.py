"""The passage of a source most like a quote that is not in it (E305's hint), and how they differ.

The hint is read by a person fixing a quote, so it shows whole words: the
passage runs on to the end of its sentence (a few words at most), and the
difference names the quote's words and the source's in their place, whole
(``'bootloader'`` where the source has ``'boot loader.'``, never ``'boot'``).
"""

from __future__ import annotations

import bisect
import difflib
import re

from generator.text.normalise import normalise
from generator.text.source import SourceText

MAX_CANDIDATES = 100
"""How many places :func:`closest` compares a missing quote with."""
SENTENCE_WORDS = 12
"""How many words past the quote's length a passage may run on to end its sentence."""
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")
_EDGES = "\"'()[]{}.,;:!?"
"""Punctuation at a word's edges, set aside when words are lined up (``loader`` is ``loader.``)."""


def closest(text: SourceText, quote: str) -> tuple[int, str] | None:
    """The source passage most like ``quote``: (line, passage), or None.

    The passage has as many words as the quote, and then runs on to the end
    of its sentence, :data:`SENTENCE_WORDS` words at most. Bounded work
    whatever the sizes: passages are tried only where one of the quote's
    longest words occurs (at most ``MAX_CANDIDATES`` places), and compared
    word by word.
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
    end = min(best + size, len(hay))
    last = min(end + SENTENCE_WORDS, len(hay))
    while end < last and not _SENTENCE_END.search(hay[end - 1]):
        end += 1
    passage = " ".join(hay[best:end])
    line, _ = text.position(text.offset(word_starts[best]))
    return line, passage


def difference(quote: str, passage: str) -> tuple[str, str] | None:
    """The first words where ``quote`` and ``passage`` differ: (the quote's, the passage's), whole.

    Words are lined up with the punctuation at their edges set aside, and
    shown as written; "" stands for no words. Where the quote ends and the
    passage runs on, only the passage's words in the quote's last words'
    place are shown (and one more): a quote may end before its sentence does.
    """
    ours, theirs = normalise(quote).split(" "), passage.split(" ")
    keys = difflib.SequenceMatcher(
        None, [w.strip(_EDGES) for w in ours], [w.strip(_EDGES) for w in theirs], autojunk=False
    )
    for op, a1, a2, b1, b2 in keys.get_opcodes():
        if op == "equal":
            continue
        if a2 == len(ours) and b2 == len(theirs):  # the quote's end, the rest of the sentence
            if a1 == a2:
                break  # the quote stops, the sentence goes on: no difference
            return " ".join(ours[a1:a2]), " ".join(theirs[b1 : min(b2, b1 + (a2 - a1) + 1)])
        return " ".join(ours[a1:a2]), " ".join(theirs[b1:b2])
    # The words line up one for one: their punctuation differs, which a quote's first and last
    # words may (a quote may start or end inside a word's punctuation).
    for i, (a, b) in enumerate(zip(ours, theirs, strict=False)):
        inside = (i == len(ours) - 1 and b.startswith(a)) or (i == 0 and b.endswith(a))
        if a != b and not inside:
            return a, b
    return None


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word's end, with "…" where it was cut."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return (text[:cut] if cut > 0 else text[: limit - 1]) + "…"
