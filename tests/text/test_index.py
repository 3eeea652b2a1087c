"""The fast source normalisation and indexed quote lookup agree with the plain, slow ones."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.text import normalise as n
from generator.text import source as g
from generator.text.pieces import PieceIndex
from tests.conftest import budget

# The plain, slow, character-by-character reference the fast code is checked against. It
# follows the rules generator.text.normalise's docstring gives, written again here, and maps
# each character on its own with normalise(), the plain path quotes take.

ESCAPABLE = set("\\`*_{}[]()#+-.!|>~")
"""The characters a backslash escapes (the backslash goes, the character stays)."""


def _link_end(text: str, start: int) -> tuple[int, int] | None:
    """For ``[label](address)`` at ``start``: where the label ends (its "]") and where the link
    does; the label holds no bracket but an escaped one, the address no bracket or whitespace."""
    i = start + 1
    while i < len(text) and text[i] not in "[]":
        if text[i] == "\\" and text[i + 1 : i + 2] in ("", "\n"):
            return None  # a backslash escapes any character in a label, but a line feed
        i += 2 if text[i] == "\\" else 1
    if i >= len(text) or text[i] != "]" or text[i + 1 : i + 2] != "(":
        return None
    j = i + 2
    while j < len(text) and text[j] not in "()" and not text[j].isspace():
        j += 1
    return (i, j + 1) if text[j : j + 1] == ")" else None


def _fence_lines(text: str) -> list[tuple[int, int, int]]:
    """Fenced code blocks, line by line: (start, end of the opening line with its line feed,
    start of the closing line or -1), the block ending at the closing line's end or the text's."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    lines = [(a, text.find("\n", a) if text.find("\n", a) >= 0 else len(text)) for a in starts]
    blocks, k = [], 0
    while k < len(lines):
        a, b = lines[k]
        line = text[a:b]
        indent = len(line) - len(line.lstrip(" "))
        body = line[indent:]
        char = body[:1]
        run = len(body) - len(body.lstrip(char)) if char in ("`", "~") else 0
        if indent > 3 or run < 3 or (char == "`" and "`" in body[run:]):
            k += 1
            continue
        close = -1
        for j in range(k + 1, len(lines)):
            c, d = lines[j]
            other = text[c:d]
            inner = other.lstrip(" ")
            if (
                len(other) - len(inner) <= 3
                and inner.startswith(char * run)
                and not inner.strip(char).strip()
            ):
                close = j
                break
        end = lines[close][1] if close >= 0 else len(text)
        blocks.append((a, min(b + 1, end), lines[close][0] if close >= 0 else -1, end))
        k = close + 1 if close >= 0 else len(lines)
    return blocks


def _marks(text: str) -> tuple[list[bool], list[bool]]:
    """Maths and code, read through: which characters are read as nothing (a code span's
    backticks, a fence line, a maths delimiter's backslash) and which are inside a mark (where
    nothing else is Markdown)."""
    gone = [False] * len(text)
    inside = [False] * len(text)
    for a, first_end, closing, end in _fence_lines(text):
        inside[a:end] = [True] * (end - a)
        gone[a:first_end] = [True] * (first_end - a)
        if closing >= 0:
            gone[closing:end] = [True] * (end - closing)
    i = 0
    while i < len(text):
        if inside[i]:
            i += 1
            continue
        if text[i : i + 2] == "\\\\":
            i += 2
        elif text[i : i + 2] in ("\\(", "\\["):
            closer = "\\)" if text[i + 1] == "(" else "\\]"
            j = i + 2
            while j < len(text) - 1 and not inside[j] and text[j : j + 2] != closer:
                j += 2 if text[j : j + 2] == "\\\\" else 1
            if text[j : j + 2] != closer or inside[j]:
                i += 2
                continue
            for k in range(i, j + 2):
                inside[k] = True
            gone[i] = gone[j] = True
            i = j + 2
        elif text[i] == "`":
            run = 1
            while i + run < len(text) and text[i + run] == "`":
                run += 1
            j = i + run
            found = -1
            while j < len(text) and not inside[j]:
                if text[j] == "`":
                    other = 1
                    while j + other < len(text) and text[j + other] == "`":
                        other += 1
                    if other == run and not any(inside[j : j + other]):
                        found = j
                        break
                    j += other
                else:
                    j += 1
            if found < 0:
                i += run
                continue
            for k in range(i, found + run):
                inside[k] = True
            for k in [*range(i, i + run), *range(found, found + run)]:
                gone[k] = True
            i = found + run
        else:
            i += 1
    return gone, inside


def _strip_markup(text: str) -> tuple[str, list[int]]:
    """Remove Markdown marks; return the text and each kept char's original offset."""
    gone, inside = _marks(text)
    keep = [True] * len(text)
    i = 0
    while i < len(text):  # links, left to right, none inside another
        link = _link_end(text, i) if text[i] == "[" else None
        if link is None:
            i += 1
            continue
        keep[i] = False  # "["
        for k in range(*link):  # "](address)"
            keep[k] = False
        i = link[1]
    i = 0
    while i < len(text) - 1:  # ** and __, left to right
        if text[i : i + 2] in ("**", "__"):
            keep[i] = keep[i + 1] = False
            i += 2
        else:
            i += 1
    i = 0
    while i < len(text) - 1:  # escapes, left to right: the backslash goes
        if text[i] == "\\" and text[i + 1] in ESCAPABLE:
            keep[i] = False
            i += 2
        else:
            i += 1
    keep = [not g and (k or i_) for k, g, i_ in zip(keep, gone, inside, strict=True)]
    offsets = [i for i, k in enumerate(keep) if k]
    return "".join(text[i] for i in offsets), offsets


HYPHENS = "-\u2010\u00ad"
"""The hyphens a line-end hyphenation is written with: ASCII's, Unicode's HYPHEN, the soft hyphen."""


def _letter(ch: str) -> bool:
    """A letter: a word character that is not a digit or an underscore (as ``[^\\W\\d_]`` reads)."""
    return bool(re.fullmatch(r"[^\W\d_]", ch))


def _hyphenations(text: str) -> set[int]:
    """The indexes of the characters a line-end hyphenation is written with, to be read through: a
    hyphen after a letter, then whitespace, then a letter ("sub-\\n directories")."""
    dropped: set[int] = set()
    for i, ch in enumerate(text):
        if ch not in HYPHENS or i == 0 or not _letter(text[i - 1]):
            continue
        j = i + 1
        while j < len(text) and text[j].isspace():
            j += 1
        if j > i + 1 and j < len(text) and _letter(text[j]):
            dropped.update(range(i, j))
    return dropped


def _normalise_with_offsets(text: str, origin: list[int]) -> tuple[str, list[int]]:
    chars: list[str] = []
    offsets: list[int] = []
    pending_space = False
    dropped = _hyphenations(text)
    for i, (ch, off) in enumerate(zip(text, origin, strict=False)):
        if i in dropped:
            continue
        if ch.isspace():
            pending_space = bool(chars)
            continue
        mapped = n.normalise(ch)  # "" for a character that is deleted
        if not mapped:
            continue
        if pending_space:
            chars.append(" ")
            offsets.append(off)
            pending_space = False
        for c in mapped:
            chars.append(c)
            offsets.append(off)
    return "".join(chars), offsets


PIECES = [
    "a",
    "b",
    "ab",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\u00a0",
    "**",
    "__",
    "[",
    "]",
    "(#)",
    "](x)",
    "\\",
    "\\(",
    "\\)",
    "\\[",
    "\\]",
    "```",
    "~~~",
    "\u2026",
    "\u00ad",
    "\u200b",
    "\ufeff",
    "\u2019",
    "\u2014",
    "-",
    "`",
    "\u2010",
    "-\n",
    "1",
    "\u00e9",
]


def test_every_whitespace_character_and_only_those_are_one_space() -> None:
    chars = [chr(c) for c in range(0x110000)]
    spaces = [c for c in chars if c.isspace()]
    assert spaces == [c for c in chars if re.match(r"\s", c)]  # the two ideas of whitespace agree
    for c in spaces:  # alone between two words, in a quote and in a document
        assert n.normalise(f"a{c}b") == "a b" == g.SourceText(f"a{c}b").normalised, repr(c)
    others = "x".join(c for c in chars if not c.isspace())
    assert " " not in n.normalise(others) and " " not in g.SourceText(others).normalised


@pytest.mark.slow
@settings(max_examples=budget(3000), deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_fast_normalisation_keeps_text_and_offsets(raw: str) -> None:
    text = g.SourceText(raw)
    expected, offsets = _normalise_with_offsets(*_strip_markup(raw))
    assert text.normalised == expected
    assert [text.offset(i) for i in range(len(expected))] == offsets
    assert text.visible(0, len(raw)) == sorted(
        {o for o, c in zip(offsets, expected, strict=True) if c != " "}
    )


def _quote(text: str) -> str:
    """A quote normalised by the reference: the document rules but markup, which a quote keeps."""
    return _normalise_with_offsets(text, list(range(len(text))))[0]


@pytest.mark.parametrize(
    "text",
    [
        "sub- directories",
        "sub-\n              directories",
        "sub\u2010\n   directories",
        "sub\u00ad\ndirectories",
        "direc\u2010 tory holds",
        "pre- and post-war",
        "1- 2",
        "a -b",
        "well-known",
        "_- a",
        "x-\u200b y",
        "\u00e9t\u00e9- \u00e9t\u00e9",
    ],
)
def test_a_line_end_hyphenation_is_read_through_in_quotes_and_documents(text: str) -> None:
    assert n.normalise(text) == _quote(text) == g.SourceText(text).normalised


def test_a_hyphenated_word_matches_the_word_whole() -> None:
    man = "Contains static files for the boot loader.  This direc\u2010\n       tory holds only the files"
    text = g.SourceText(man)
    assert text.find("This directory holds only") == g.Span(44, man.index("only") + 4)
    assert text.contains("This direc- tory holds")  # as pasted from the page, the line break a space
    assert text.contains("This direc-\n  tory holds")  # a quote folded in YAML reads the same
    assert not text.contains("This direc-tory holds")  # a hyphen that was never a line end stays one
    assert n.normalise("sub- directories") == n.normalise("subdirectories") == "subdirectories"
    assert n.normalise("well-known") == "well-known"
    assert n.normalise("1- 2") == "1- 2"


def test_normalise_leaves_normal_text_as_it_is() -> None:
    for text in ["a b", "It's 80% (of them)!", "x", "a~b_c^d"]:
        assert n.normalise(text) == text
    assert n.normalise("a  b") == "a b"
    assert n.normalise(" a b") == "a b"
    assert n.normalise("a b ") == "a b"
    assert n.normalise("`a`") == "a"  # code: its backticks are read through
    assert n.normalise("`a") == "'a"
    assert n.normalise("a\nb") == "a b"
    assert n.normalise("caf\u00e9 \u2014 ok") == "caf\u00e9 - ok"
    assert n.normalise("") == ""


@pytest.mark.slow
def test_indexed_find_is_the_first_occurrence() -> None:
    rng = random.Random(4)
    for _ in range(budget(400)):
        raw = "".join(rng.choice(["ab", "ba", "a", " ", "b", "**", "\n"]) for _ in range(rng.randint(0, 600)))
        text = g.SourceText(raw)
        hay = text.normalised
        for _ in range(20):
            if hay and rng.random() < 0.7:
                start = rng.randrange(len(hay))
                quote = hay[start : start + rng.randint(1, 80)]
            else:
                quote = "".join(rng.choice("ab ") for _ in range(rng.randint(1, 50)))
            needle = n.normalise(quote)
            at = hay.find(needle) if needle else -1
            span = text.find(quote)
            assert text.contains(quote) is (at >= 0)
            if at < 0:
                assert span is None
            else:
                offsets = _normalise_with_offsets(*_strip_markup(raw))[1]
                assert span == g.Span(offsets[at], offsets[at + len(needle) - 1] + 1)


@pytest.mark.parametrize(("gram", "step"), [(3, 3), (4, 2), (6, 6), (16, 16)])
def test_piece_index_finds_what_str_find_finds(gram: int, step: int) -> None:
    rng = random.Random(gram * 100 + step)
    for _ in range(200):
        hay = "".join(rng.choice(["ab", "ba", "a", " ", "b", "abc"]) for _ in range(rng.randint(0, 300)))
        index = PieceIndex(hay, gram, step)
        for _ in range(20):
            if hay and rng.random() < 0.7:
                start = rng.randrange(len(hay))
                needle = hay[start : start + rng.randint(index.shortest, index.shortest + 40)]
            else:
                needle = "".join(rng.choice("abc ") for _ in range(rng.randint(index.shortest, 50)))
            if len(needle) < index.shortest:
                continue
            assert index.search(needle) == hay.find(needle)
            somewhere = index.search(needle, anywhere=True)
            assert (somewhere >= 0) is (needle in hay)
            assert somewhere < 0 or hay.startswith(needle, somewhere)
    with pytest.raises(ValueError, match="not indexed"):
        PieceIndex("abcdef", gram, step).search("a" * (gram + step - 2))


def test_many_short_quotes_get_the_fine_index_and_the_same_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[tuple[int, int]] = []

    def index(text: str, gram: int, step: int) -> PieceIndex:
        built.append((gram, step))
        return PieceIndex(text, gram, step)

    monkeypatch.setattr(g, "PieceIndex", index)
    rng = random.Random(7)
    words = ["spinal", "cord", "lesion", "MS", "myelin", "the", "of", "nerve", "signal"]
    raw = " ".join(rng.choice(words) for _ in range(5000))
    text = g.SourceText(raw)
    hay = text.normalised
    quotes = []
    for _ in range(g.FINE_AFTER * 3):
        start = rng.randrange(len(hay) - 40)
        quotes.append(hay[start : start + rng.randint(sum(g.FINE) - 1, sum(g.COARSE) - 2)])
        quotes.append(" ".join(rng.choice(words) for _ in range(3)))
    for quote in quotes:
        needle = n.normalise(quote)  # a piece of hay may start or end with a space
        assert text.locate(quote) == (hay.find(needle), len(needle))
        assert text.contains(quote) is (needle in hay)
    assert built.count(g.FINE) == 1  # once, after scans that read the text FINE_AFTER times
