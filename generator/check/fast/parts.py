"""A large cards file read in two parts at once: the last cards by a helper process.

Composing the YAML and reading its nodes into cards is most of a large
check's time, and it is done one card after another. Here the text is cut at
the start of a card of the top-level ``cards:`` list: a helper process
(:mod:`generator.twocore`) composes and reads the cards from there to the end
of the list, while this process composes the rest of the file, with those
lines left blank (so every position stays where it is), and reads it. The
helper's cards join the list after this process's.

The result must be exactly what reading the whole file at once gives, so
this is done only where nothing can differ: the helper's part must read
without a single diagnostic, hold only plain cards (no group, include or
``deck:``, which depend on the cards before them) and no anchor; this
process's part must compose without a problem, and no quoted text or flow
collection may run across the cut. Anything else, and :func:`read_in_parts`
gives None: the file is read whole, as without a helper. A file with problems
is slower to check, never checked differently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from generator import twocore
from generator.check import cardlist
from generator.check.fast import wire
from generator.check.reader import Reader
from generator.check.structure import Structure, read_card, validate
from generator.check.subdecks import Subdecks
from generator.diagnostics import Diagnostic
from generator.load import Document, Prepared, Stop, Watch, compose
from generator.load.nodes import MappingNode, SequenceNode
from generator.model import Card, Pos

# Each line pattern starts with its line feed, not with ``^`` under re.MULTILINE: a pattern with a
# literal first character is searched for at C speed, where ``^`` is tried at every position.
_KEY = r"cards:[ ]*(?:#[^\n]*)?$"
_CARDS_KEY = re.compile("\n" + _KEY, re.MULTILINE)
_CARDS_KEY_FIRST_LINE = re.compile(_KEY, re.MULTILINE)
_FIRST_ITEM = re.compile(r"\n(?:[ ]*(?:#[^\n]*)?\n)*( *)- ")
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")
"""Line breaks YAML counts besides the line feed: lines would not be where a count of "\\n" says."""
_MARKERS = re.compile(r"\n(?:%|---(?=[ \t\n]|\Z)|\.\.\.(?=[ \t\n]|\Z))")
"""A directive (``%TAG``, ``%YAML``) or a document marker (``---``, ``...``) on a line of its own: each
changes how the text after it reads (a ``%TAG`` what ``!!str`` means, a marker which document a line
is in), and the helper's part would be read without it."""
_FILLER = "#\n"
"""What stands for each line of the helper's part in this process's text: a comment, which ends any
block scalar before it as the next card would. A blank line would not: a block scalar kept whole
(``|+``) takes every blank line after it as its own."""


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
        """The file with the helper's part left out, line for line (a comment for each line)."""
        return text[: self.cut] + _FILLER * self.lines + text[self.end :]


def find(text: str, share: float) -> Split | None:
    """Where to cut ``text``: at the first card of its top-level ``cards:`` list from ``share`` of the
    list's length before its end; None where the file is not laid out for it."""
    on_first_line = _CARDS_KEY_FIRST_LINE.match(text)
    keys = ([on_first_line] if on_first_line else []) + list(_CARDS_KEY.finditer(text))
    if len(keys) != 1 or any(brk in text for brk in _OTHER_BREAKS):
        return None
    start = 3 if text.startswith("---\n") else 0  # a "---" line first starts the one document: harmless
    if (start == 0 and text.startswith(("%", "---", "..."))) or _MARKERS.search(text, start):
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


def read_in_parts(
    prepared: Prepared, base: Path, cards_path: Path, *, allow_outside: bool, share: float, jobs: int | None
) -> tuple[Structure | None, list[Diagnostic]] | None:
    """What :func:`generator.check.structure.validate` gives for the whole file, read in two parts
    (the helper's ``share`` of the cards list; ``jobs`` as in :func:`generator.twocore.available`);
    None when it cannot be read so (then read it whole)."""
    doc = prepared.doc
    text = doc.text
    split = find(text, share)
    if split is None:
        return None
    with twocore.start(lambda: _later_cards(doc.path, text, split), jobs=jobs) as later:
        watch = Watch(line=split.line)
        problems: list[Diagnostic] = []
        try:
            root = compose(doc.path, split.main_text(text), problems, watch)
        except (Stop, yaml.YAMLError):
            return None
        if problems or watch.crossed or watch.anchored or root is None:
            return None
        structure, found = validate(
            Document(doc.path, text, root), base, cards_path, allow_outside=allow_outside
        )
        del root  # the tree goes before the helper's cards come in
        if structure is None:
            return None
        sent = later.result()
    if sent is None:
        return None
    cards, tags = wire.decode(sent[0]), wire.decode_tags(sent[1])
    return replace(structure, cards=structure.cards + cards, tags=structure.tags + tags), found
