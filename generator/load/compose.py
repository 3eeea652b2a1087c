"""YAML events → node tree, with limits, in one bounded pass.

PyYAML's own composer (the C one included) recurses once per nesting level:
deeply nested input crashes the interpreter, and aliases may build cyclic
trees. This composer reads the parser's event stream instead, keeps its own
stack, and stops at the first limit it meets, so any input costs time and
memory in proportion to its size. Nodes are the small slotted values of
:mod:`generator.load.nodes`, with positions; no Python object is ever built from a tag.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

import yaml

from generator.codes import Doc, cards
from generator.diagnostics import Diagnostic, make
from generator.load import quick
from generator.load.nodes import CORE as _CORE
from generator.load.nodes import MAP as _MAP
from generator.load.nodes import RESOLVABLE as _RESOLVABLE
from generator.load.nodes import SEQ as _SEQ
from generator.load.nodes import STR as _STR
from generator.load.nodes import MappingNode, Node, ScalarNode, SequenceNode, resolve_plain

try:  # the C-accelerated parser when PyYAML was built with libyaml
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

MAX_ALIAS_EXPANSION = 100_000
"""How many nodes aliases may add to the tree, in all (defeats "billion laughs")."""
MAX_ALIAS_TEXT = 1_000_000
"""How many characters of text aliases may add to the tree, in all: a long text repeated through
aliases would otherwise make a few lines of a file stand for gigabytes in every note they reach."""
MAX_DEPTH = 64
"""How deeply collections may nest; a cards file needs five levels."""

ALLOWED_TAGS = frozenset(
    _CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)


class Stop(Exception):
    """The input cannot be composed; ``diagnostic`` says where and why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _at(path: str, mark: Any, code: str, message: str) -> Diagnostic:
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return make(path, line, col, code, message)


def _explicit(path: str, event: Any, problems: list[Diagnostic]) -> str:
    """An explicitly written tag; one that is not plain data is reported (E005)."""
    tag: str = event.tag
    if tag not in ALLOWED_TAGS:
        shown = "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
        problems.append(
            _at(
                path,
                event.start_mark,
                "E005",
                f"tag {shown} is not allowed: a cards file holds plain data, never code; remove the tag",
            )
        )
    return tag


def _duplicates(path: str, node: MappingNode, problems: list[Diagnostic]) -> None:
    """E104 for every key written twice in one mapping, naming both positions."""
    first: dict[str, Node] = {}
    for key, _ in node.value:
        if type(key) is not ScalarNode:
            continue
        seen = first.setdefault(key.value, key)
        if seen is not key:
            problems.append(
                make(
                    path,
                    key.line,
                    key.col,
                    "E104",
                    f"duplicate key {key.value!r}, first written at line {seen.line}, "
                    f"column {seen.col}; keep one of them",
                )
            )


@dataclass
class Watch:
    """What :func:`compose` notes for a caller composing a file in parts (:mod:`generator.check.fast`)."""

    line: int
    """A line (0-based): a quoted scalar or flow collection that starts before it and ends on it or
    later *crosses* it."""
    crossed: bool = False
    anchored: bool = False
    """An anchor was written (and so, perhaps, an alias)."""


_QUOTES = frozenset("'\"")


class _Composer:
    """Builds the tree from events with an explicit stack of open collections.

    Each open collection is a list ``[node, anchor, size, pending_key, flow]``.
    """

    def __init__(self, path: str, problems: list[Diagnostic], limit: int = sys.maxsize) -> None:
        self.path = path
        self.problems = problems
        self.stack: list[list[Any]] = []
        self.anchors: dict[str, tuple[Node, int]] = {}
        self.expanded = 0
        self.expanded_text = 0
        self.texts: dict[str, tuple[Node, int]] = {}
        """The characters of text under each anchor's node, counted at its first alias."""
        self.root: Node | None = None
        self.documents = 0
        self.limit = limit
        """The watched line (:class:`Watch`), if any."""
        self.crossed = False

    def stop(self, event: Any, code: str, message: str) -> Stop:
        return Stop(_at(self.path, event.start_mark, code, message))

    def attach(self, node: Node, size: int) -> None:
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        parent[2] += size
        target = parent[0]
        if type(target) is SequenceNode:
            target.value.append(node)
        elif parent[3] is None:
            parent[3] = node
        else:
            target.value.append((parent[3], node))
            parent[3] = None

    def other(self, event: Any) -> None:
        """Events other than scalars: documents, aliases, collections."""
        kind = type(event)
        if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if len(self.stack) >= MAX_DEPTH:
                raise self.stop(
                    event, "E006", f"nesting deeper than {MAX_DEPTH} levels; a cards file needs five"
                )
            is_map = kind is yaml.MappingStartEvent
            tag = event.tag
            if tag is None or tag == "!":
                tag = _MAP if is_map else _SEQ
            else:
                tag = _explicit(self.path, event, self.problems)
            mark = event.start_mark
            node = (MappingNode if is_map else SequenceNode)(tag, [], mark.line + 1, mark.column + 1)
            self.stack.append([node, event.anchor, 1, None, event.flow_style])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            done, anchor, size, _, flow = self.stack.pop()
            if flow and event.start_mark.line >= self.limit > done.line - 1:
                self.crossed = True
            if type(done) is MappingNode:
                _duplicates(self.path, done, self.problems)
            if anchor is not None:
                self.anchors[anchor] = (done, size)
            self.attach(done, size)
        elif kind is yaml.AliasEvent:
            name = event.anchor
            if name not in self.anchors:
                raise self.stop(
                    event,
                    "E001",
                    f"alias *{name} names no anchor (&{name}) defined before it; to write text that "
                    "starts with '*' (for *emphasis*), wrap the whole value in double quotes",
                )
            target, size = self.anchors[name]
            self.expanded += size
            if self.expanded > MAX_ALIAS_EXPANSION:
                raise self.stop(
                    event, "E006", f"aliases expand to over {MAX_ALIAS_EXPANSION:,} nodes; write the data out"
                )
            counted = self.texts.get(name)
            if counted is None or counted[0] is not target:  # an anchor may be defined again
                counted = self.texts[name] = (target, _text_in(target))
            self.expanded_text += counted[1]
            if self.expanded_text > MAX_ALIAS_TEXT:
                raise self.stop(
                    event,
                    "E006",
                    f"aliases expand to over {MAX_ALIAS_TEXT:,} characters of text in all; write the text "
                    "out where it is needed, or shorten it",
                )
            self.attach(target, size)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise self.stop(
                    event,
                    "E001",
                    "a second YAML document starts here ('---'); a cards file holds one document",
                )


def _text_in(node: Node) -> int:
    """The characters of text in the scalars under ``node``, keys included (without recursion: its
    size was counted when it was made, and aliases it holds counted against the limit then)."""
    total, todo = 0, [node]
    while todo:
        each = todo.pop()
        if type(each) is ScalarNode:
            total += len(each.value)
        elif type(each) is SequenceNode:
            todo.extend(each.value)
        else:
            for key, value in each.value:
                todo.append(key)
                todo.append(value)
    return total


def compose(path: str, text: str, problems: list[Diagnostic], watch: Watch | None = None) -> Node | None:
    """The single document in ``text`` as a node tree (None when there is none).

    Problems that leave a usable tree (tags, duplicate keys) are appended to
    ``problems``; problems that stop composing raise :class:`Stop`, and YAML
    syntax errors propagate as ``yaml.MarkedYAMLError``. ``watch``, when
    given, is told what crossed its line and whether an anchor was written.
    """
    quick_root = quick.tree(text)  # the plain layout most files have, read a line at a time
    if quick_root is not None:
        if watch is not None:  # it reads no anchor, and nothing written over several lines
            watch.crossed, watch.anchored = False, False
        return quick_root
    return from_events(path, text, problems, watch)


def from_events(path: str, text: str, problems: list[Diagnostic], watch: Watch | None = None) -> Node | None:
    """What :func:`compose` gives, from libyaml's events, whatever the text: the reference."""
    limit = watch.line if watch is not None else sys.maxsize
    composer = _Composer(path, problems, limit)
    next_event = _Loader(text).get_event
    scalar_event, stream_end, resolvable = yaml.ScalarEvent, yaml.StreamEndEvent, _RESOLVABLE
    stack, attach, other = composer.stack, composer.attach, composer.other
    while True:
        event = next_event()
        kind = type(event)
        if kind is scalar_event:
            # Scalars are most events: handled inline, attached to the open collection.
            value, tag = event.value, event.tag
            if tag is None or tag == "!":
                plain = event.implicit[0] and (not value or value[0] in resolvable)
                tag = resolve_plain(value) if plain else _STR
            else:
                tag = _explicit(path, event, problems)
            mark, style = event.start_mark, event.style
            node = ScalarNode(tag, value, mark.line + 1, mark.column + 1, style)
            if style and style in _QUOTES and event.end_mark.line >= limit > mark.line:
                composer.crossed = True
            if event.anchor is not None:
                composer.anchors[event.anchor] = (node, 1)
            if stack:
                parent = stack[-1]
                parent[2] += 1
                if parent[3] is not None:
                    parent[0].value.append((parent[3], node))
                    parent[3] = None
                elif type(parent[0]) is SequenceNode:
                    parent[0].value.append(node)
                else:
                    parent[3] = node
            else:
                attach(node, 1)
        elif kind is stream_end or event is None:
            if watch is not None:
                watch.crossed, watch.anchored = composer.crossed, bool(composer.anchors)
            return composer.root
        else:
            other(event)


_CARD = """\
cards:
  - id: cns-parts
    question: What does the central nervous system include?
    answer: {answer}
    evidence:
      healthline: The CNS includes the brain, spinal cord, and optic nerves.
"""

DOCS = (
    Doc(
        "E005",
        checks=(
            "A YAML tag (`!!python/object/apply:...`, `!include`, `!custom`) other than the standard tags "
            f"of plain data: {', '.join(f'`!!{tag.removeprefix(_CORE)}`' for tag in sorted(ALLOWED_TAGS))}."
        ),
        why=(
            "A cards file is data, never code. Tags are how a YAML file makes a reader build objects "
            "or run commands (a reader that constructs `!!python/object/apply:os.system` runs it). "
            "deckgen never builds anything from a tag, and refuses them so that the file is safe in "
            "every other tool that reads it too."
        ),
        bad=cards(_CARD.format(answer="!!python/object/apply:os.system echo")),
        fix=cards(_CARD.format(answer="The brain, spinal cord and optic nerves.")),
    ),
    Doc(
        "E104",
        checks=(
            "A key written twice in one mapping (the top level, the deck, a source, a card, its "
            "evidence), at any depth. The message names both places."
        ),
        why=(
            "Most YAML readers keep the last value and drop the first without a word, so a card could "
            "lose the answer its author meant. Which of the two is meant is for the author to say."
        ),
        bad=cards(
            _CARD.format(
                answer="The brain and spinal cord.\n    answer: The brain, spinal cord and optic nerves."
            )
        ),
        fix=cards(_CARD.format(answer="The brain, spinal cord and optic nerves.")),
    ),
)
"""The composer's codes, documented (see :class:`generator.codes.Doc`; E001 and E006: :mod:`.loader_docs`)."""
