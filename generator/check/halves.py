"""A large cards file read in two parts at once: the last cards by a helper process.

Composing the YAML and reading its nodes into cards is most of a large
check's time, and it is done one card after another. From
:data:`SPLIT_FROM` characters on, with a second core (:mod:`generator.twocore`), the
text is cut at the start of a card of the top-level ``cards:`` list: a helper
process composes and reads the cards from there to the end of the list, while
this process composes the rest of the file, with those lines left blank (so
every position stays where it is), and reads it. The helper's cards join the
list after this process's.

The result must be exactly what reading the whole file at once gives, so
this is done only where nothing can differ: the helper's part must read
without a single diagnostic, hold only plain cards (no group, include or
``deck:``, which depend on the cards before them) and no anchor; this
process's part must compose without a problem, and no quoted text or flow
collection may run across the cut. Anything else, and the file is read whole,
as without a helper: a file with problems is slower to check, never checked
differently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator import twocore
from generator.check import cardlist, wire
from generator.check.reader import Reader
from generator.check.structure import Structure, read_card, validate
from generator.check.subdecks import Subdecks
from generator.diagnostics import Diagnostic
from generator.load.compose import Stop, Watch, compose
from generator.load.loader import Document, Prepared
from generator.load.nodes import MappingNode, SequenceNode
from generator.model import Card, Pos

SPLIT_FROM = 3_000_000
"""Characters from which a file is read in two parts (about 9,000 cards of the benchmark's deck)."""
HELPER_SHARE = 0.40
"""The share of the cards list the helper reads: under half, as it also encodes its cards and this
process decodes them before the rules can start. Measured at 50,000 cards on 2 cores (medians of 6
to 8 paired runs): 0.40 beat 0.36, 0.45 and 0.52."""

# Each line pattern starts with its line feed, not with ``^`` under re.MULTILINE: a pattern with a
# literal first character is searched for at C speed, where ``^`` is tried at every position.
_KEY = r"cards:[ ]*(?:#[^\n]*)?$"
_CARDS_KEY = re.compile("\n" + _KEY, re.MULTILINE)
_CARDS_KEY_FIRST_LINE = re.compile(_KEY, re.MULTILINE)
_FIRST_ITEM = re.compile(r"\n(?:[ ]*(?:#[^\n]*)?\n)*( *)- ")
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")
"""Line breaks YAML counts besides the line feed: lines would not be where a count of "\\n" says."""


@dataclass(frozen=True)
class Split:
    """Where the helper's part of the text is: ``text[cut:end]``, from line ``line`` (0-based)."""

    cut: int
    end: int
    line: int
    lines: int
    """How many line feeds the part holds."""

    def helper_text(self, text: str) -> str:
        """The helper's part, alone in a ``cards:`` list, each line where it is in the file."""
        return "\n" * (self.line - 1) + "cards:\n" + text[self.cut : self.end]

    def main_text(self, text: str) -> str:
        """The file with the helper's part blanked out, line for line."""
        return text[: self.cut] + "\n" * self.lines + text[self.end :]


def find(text: str, share: float | None = None) -> Split | None:
    """Where to cut ``text``: at the first card of its top-level ``cards:`` list from ``share``
    (default :data:`HELPER_SHARE`) of the list's length before its end; None where the file is not
    laid out for it."""
    share = HELPER_SHARE if share is None else share
    on_first_line = _CARDS_KEY_FIRST_LINE.match(text)
    keys = ([on_first_line] if on_first_line else []) + list(_CARDS_KEY.finditer(text))
    if len(keys) != 1 or any(brk in text for brk in _OTHER_BREAKS):
        return None
    first = _FIRST_ITEM.match(text, keys[0].end())
    if first is None:
        return None
    indent = len(first.group(1))
    start = first.end() - indent - 2
    after = re.compile(rf"\n {{0,{indent - 1}}}[^ \n#]" if indent else r"\n[^ \n#-]")
    ending = after.search(text, first.end())
    end = ending.start() + 1 if ending is not None else len(text)
    item = re.compile(rf"\n {{{indent}}}- ")
    at = item.search(text, max(start + 1, start + int((end - start) * (1 - share))) - 1, end)
    if at is None:
        return None
    cut = at.start() + 1
    return Split(cut, end, text.count("\n", 0, cut), text.count("\n", cut, end))


class _Unclean(Exception):
    """The file cannot be read in parts without a difference: it is read whole."""


def _later_cards(path: str, text: str, split: Split) -> tuple[wire.Wire, wire.Tags] | None:
    """The helper's work: its part's cards and tags, or None when the part is not clean."""
    watch = Watch(line=len(text))
    problems: list[Diagnostic] = []
    try:
        root = compose(path, split.helper_text(text), problems, watch)
    except (Stop, yaml.YAMLError):
        return None
    if problems or watch.anchored or type(root) is not MappingNode:
        return None
    items = root.value[0][1]
    if type(items) is not SequenceNode:
        return None
    r = Reader(path, text)
    cards: list[Card] = []
    tags: list[tuple[str, Pos]] = []
    within = ("", Subdecks())
    for number, item in enumerate(items.value, 1):
        if cardlist.special_item(item) is not None:
            return None
        card = read_card(r, number, item, tags, within)
        if card is None or card.deck or r.diagnostics:
            return None
        cards.append(card)
    return wire.encode(cards), wire.encode_tags(tags)


def worth_it(prepared: Prepared) -> bool:
    """Whether reading this file in two parts may pay: large, clean so far, and a helper possible."""
    doc = prepared.doc
    return prepared.usable and not doc.diagnostics and len(doc.text) >= SPLIT_FROM and twocore.available()


def read(
    prepared: Prepared, base: Path, cards_path: Path, *, allow_outside: bool = False
) -> tuple[Structure | None, list[Diagnostic]] | None:
    """What :func:`generator.check.structure.validate` gives for the whole file, read in two
    parts; None when it cannot be read so (then read it whole)."""
    doc = prepared.doc
    text = doc.text
    split = find(text)
    if split is None:
        return None
    later = twocore.start(lambda: _later_cards(doc.path, text, split))
    asked: list[bool] = []

    def more() -> tuple[list[Card], list[tuple[str, Pos]]]:
        asked.append(True)
        sent = later.result()
        if sent is None:
            raise _Unclean
        return wire.decode(sent[0]), wire.decode_tags(sent[1])

    try:
        watch = Watch(line=split.line)
        problems: list[Diagnostic] = []
        try:
            root = compose(doc.path, split.main_text(text), problems, watch)
        except (Stop, yaml.YAMLError):
            raise _Unclean from None
        if problems or watch.crossed or watch.anchored or root is None:
            raise _Unclean
        part = Document(doc.path, text, root)
        found = validate(part, base, cards_path, allow_outside=allow_outside, more=more)
        if not asked:
            raise _Unclean
    except _Unclean:
        later.abandon()
        return None
    except BaseException:
        later.abandon()
        raise
    return found
