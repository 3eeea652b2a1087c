"""Coverage reads a document in time linear in its length, however long its paragraphs.

No test here measures time. The work that made coverage quadratic in a paragraph's length was a copy
of the rest of the paragraph at every sentence end: the document is given as a ``str`` that counts
the characters copied out of it, and they must stay a small multiple of its length. The splitting
itself is held against the plain way of writing it (the reference below), on generated paragraphs.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

from generator.model import Source
from generator.report.coverage import measure, split
from generator.text.sentences import _sentences
from generator.text.source import SourceText


class Counted(str):
    """A string that counts the characters of every slice taken of it."""

    copied = 0

    def __getitem__(self, key: Any) -> str:
        part = str.__getitem__(self, key)
        if isinstance(key, slice):
            Counted.copied += len(part)
        return part


SENTENCE = "Spinal cord lesions are found in about 80 percent of people, e.g. in adults."


def test_a_long_paragraph_is_split_without_copying_it_per_sentence() -> None:
    raw = Counted(" ".join([SENTENCE] * 4_000) + "\n")  # one paragraph of 300,000 characters
    Counted.copied = 0
    units = split(SourceText(raw))
    assert len(units) == 4_000
    assert Counted.copied <= 4 * len(raw), Counted.copied


def test_a_long_paragraph_is_measured_without_copying_it_per_sentence(tmp_path: Any) -> None:
    raw = Counted(" ".join([SENTENCE] * 4_000) + "\n")
    source = Source("doc", "A document", "doc.txt", tmp_path / "doc.txt", (), None)
    Counted.copied = 0
    report = measure(source, SourceText(raw), [])
    assert report.sentences == 4_000
    assert Counted.copied <= 4 * len(raw), Counted.copied


# The reference: where sentences ended before, written the plain way (the rest of the paragraph
# copied at each ending, the word before it searched for from the sentence's start).
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"(\S+)$")
_ABBREVIATIONS = {"e.g.", "i.e.", "vs.", "cf.", "approx.", "Dr.", "Mr.", "Mrs.", "Ms.", "St.", "Fig."}


def _trimmed(raw: str, start: int, end: int) -> tuple[int, int]:
    part = raw[start:end]
    return start + len(part) - len(part.lstrip()), end - len(part) + len(part.rstrip())


def _reference(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    out, at = [], start
    for match in _END.finditer(raw, start, end):
        rest = raw[match.end() : end].lstrip()
        if rest and rest[0].islower():
            continue
        word = _WORD_BEFORE.search(raw, at, match.end())
        if word and word.group(1).lstrip("([\"'") in _ABBREVIATIONS:
            continue
        out.append(_trimmed(raw, at, match.end()))
        at = match.end()
    out.append(_trimmed(raw, at, end))
    return [(s, e) for s, e in out if e > s]


PARTS = [
    "Dr.",
    "e.g.",
    "(e.g.",
    "i.e.",
    "word.",
    "Word.",
    "word!",
    "Word?",
    "“Quoted.”",
    "(bracket.)",
    "x…",
    "end.)",
    "and",
    "the",
    "Lesions",
    "a.b.",
    "\u00a0",
    "vs.",
    "St.",
    "x.\u2003y",
    "3.5",
    "\n",
    "é.",
]


def test_sentences_end_where_they_always_did() -> None:
    rng = random.Random(34)
    for _ in range(2_000):
        paragraph = " ".join(rng.choice(PARTS) for _ in range(rng.randint(1, 40)))
        pad = rng.choice(["", " ", "x. "])
        raw = pad + paragraph + rng.choice(["", " ", "."]) + pad
        start, end = len(pad), len(raw) - len(pad)
        assert _sentences(raw, start, end) == _reference(raw, start, end), repr(raw)


def test_each_sentence_names_the_cards_that_quote_into_it() -> None:
    """The cards of a sentence are found among the quotes that reach it (not every quote, for every
    sentence): the same cards, in the same order, as a look at every quote would name."""
    from generator.model import Card, Evidence, Pos

    rng = random.Random(7)
    sentences = [
        f"Sentence number {i} tells of lesions in {rng.choice(['the cord', 'adults'])}." for i in range(300)
    ]
    raw = " ".join(sentences[:150]) + "\n\n" + " ".join(sentences[150:]) + "\n"
    text = SourceText(raw)
    cards = []
    for n in range(200):
        first = rng.randrange(len(sentences) - 2)
        quote = " ".join(sentences[first : first + rng.randint(1, 2)])[rng.randint(0, 10) :][:60]
        pos = Pos(1, 1, "cards.yaml")
        cards.append(Card(f"card-{n}", "Q?", "A.", (Evidence("doc", quote, pos),), pos))
    source = Source("doc", "A document", "doc.txt", Path("doc.txt"), (), None)
    report = measure(source, text, cards)
    for unit in report.units:
        seen = set(text.visible(unit.start, unit.end))
        want = dict.fromkeys(
            c.card for c in report.cites if any(c.span.start <= o < c.span.end for o in seen)
        )
        assert unit.cards == tuple(want), unit.text
    assert sum(1 for u in report.units if u.cards) > 100


TEXTS = [
    "word",
    "Word",
    " ",
    "  ",
    "\n",
    "\n\n",
    "[MS](#)",
    "**bold**",
    "*em*",
    "`code`",
    "x…",
    "—",
    "“q”",
    "it’s",
    "hy-\nphen",
    "a\tb",
    "80 percent",
    "$x$",
    "<b>",
    "&amp;",
    "# Heading\n",
    "- item\n",
    "1. one\n",
]


def test_every_offset_is_what_offset_gives_for_it() -> None:
    """The offsets of a whole document, worked out a segment at a time, are those of one at a time."""
    rng = random.Random(11)
    for _ in range(400):
        text = SourceText("".join(rng.choice(TEXTS) for _ in range(rng.randint(0, 60))))
        assert text._offsets == [text.offset(i) for i in range(len(text.normalised))], repr(text.raw)
