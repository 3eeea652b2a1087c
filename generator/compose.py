"""YAML events → node tree, with limits, in one bounded pass.

PyYAML's own composer (the C one included) recurses once per nesting level:
deeply nested input crashes the interpreter, and aliases may build cyclic
trees. This composer reads the parser's event stream instead, keeps its own
stack, and stops at the first limit it meets, so any input costs time and
memory in proportion to its size. Nodes are the usual ``yaml.Node`` values,
with positions; no Python object is ever built from a tag.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from .diagnostics import Diagnostic, make

try:  # the C-accelerated parser when PyYAML was built with libyaml
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

MAX_ALIAS_EXPANSION = 100_000
"""How many nodes aliases may add to the tree, in all (defeats "billion laughs")."""
MAX_DEPTH = 64
"""How deeply collections may nest; a cards file needs five levels."""

_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_RESOLVER = yaml.resolver.Resolver()


class Stop(Exception):
    """The input cannot be composed; ``diagnostic`` says where and why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass
class _Open:
    """A collection being composed: its node, and how many nodes it holds so far."""

    node: yaml.SequenceNode | yaml.MappingNode
    anchor: str | None
    size: int = 1
    key: yaml.Node | None = None
    """In a mapping, the key whose value comes next."""


def _at(path: str, mark: Any, code: str, message: str) -> Diagnostic:
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return make(path, line, col, code, message)


def _marks(event: yaml.Event) -> tuple[Any, Any]:
    """The event's start and end marks (the C parser has its own Mark type)."""
    return event.start_mark, event.end_mark


def _tag(path: str, event: yaml.NodeEvent, kind: type[yaml.Node], problems: list[Diagnostic]) -> str:
    """The node's resolved tag; an explicit tag that is not plain data is reported."""
    tag = getattr(event, "tag", None)
    if tag is None or tag == "!":
        value = event.value if isinstance(event, yaml.ScalarEvent) else None
        implicit = event.implicit if isinstance(event, yaml.ScalarEvent) else (True, False)
        return str(_RESOLVER.resolve(kind, value, implicit))  # type: ignore[no-untyped-call]
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
    return str(tag)


def _duplicates(path: str, node: yaml.MappingNode, problems: list[Diagnostic]) -> None:
    """E104 for every key written twice in one mapping, naming both positions."""
    first: dict[str, yaml.Node] = {}
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        seen = first.setdefault(key.value, key)
        if seen is not key:
            mark = seen.start_mark
            problems.append(
                _at(
                    path,
                    key.start_mark,
                    "E104",
                    f"duplicate key {key.value!r}, first written at line {mark.line + 1}, "
                    f"column {mark.column + 1}; keep one of them",
                )
            )


class _Composer:
    def __init__(self, path: str, problems: list[Diagnostic]) -> None:
        self.path = path
        self.problems = problems
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[yaml.Node, int]] = {}
        self.expanded = 0
        self.root: yaml.Node | None = None
        self.documents = 0

    def stop(self, event: yaml.Event, code: str, message: str) -> Stop:
        return Stop(_at(self.path, event.start_mark, code, message))

    def attach(self, node: yaml.Node, size: int) -> None:
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        parent.size += size
        if isinstance(parent.node, yaml.SequenceNode):
            parent.node.value.append(node)
        elif parent.key is None:
            parent.key = node
        else:
            parent.node.value.append((parent.key, node))
            parent.key = None

    def document(self, event: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            raise self.stop(
                event, "E001", "a second YAML document starts here ('---'); a cards file holds one document"
            )

    def alias(self, event: yaml.AliasEvent) -> None:
        name = event.anchor
        if name not in self.anchors:
            raise self.stop(event, "E001", f"alias *{name} names no anchor (&{name}) defined before it")
        node, size = self.anchors[name]
        self.expanded += size
        if self.expanded > MAX_ALIAS_EXPANSION:
            raise self.stop(
                event, "E006", f"aliases expand to over {MAX_ALIAS_EXPANSION:,} nodes; write the data out"
            )
        self.attach(node, size)

    def scalar(self, event: yaml.ScalarEvent) -> None:
        tag = _tag(self.path, event, yaml.ScalarNode, self.problems)
        start, end = _marks(event)
        node = yaml.ScalarNode(tag, event.value, start, end, style=event.style)
        if event.anchor is not None:
            self.anchors[event.anchor] = (node, 1)
        self.attach(node, 1)

    def start(self, event: yaml.CollectionStartEvent) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise self.stop(event, "E006", f"nesting deeper than {MAX_DEPTH} levels; a cards file needs five")
        kind = yaml.SequenceNode if isinstance(event, yaml.SequenceStartEvent) else yaml.MappingNode
        tag = _tag(self.path, event, kind, self.problems)
        node = kind(tag, [], _marks(event)[0], None, flow_style=bool(event.flow_style))
        self.stack.append(_Open(node, event.anchor))

    def end(self, event: yaml.CollectionEndEvent) -> None:
        done = self.stack.pop()
        done.node.end_mark = event.end_mark
        if isinstance(done.node, yaml.MappingNode):
            _duplicates(self.path, done.node, self.problems)
        if done.anchor is not None:
            self.anchors[done.anchor] = (done.node, done.size)
        self.attach(done.node, done.size)


def compose(path: str, text: str, problems: list[Diagnostic]) -> yaml.Node | None:
    """The single document in ``text`` as a node tree (None when there is none).

    Problems that leave a usable tree (tags, duplicate keys) are appended to
    ``problems``; problems that stop composing raise :class:`Stop`, and YAML
    syntax errors propagate as ``yaml.MarkedYAMLError``.
    """
    composer = _Composer(path, problems)
    events: Iterator[yaml.Event] = yaml.parse(text, Loader=_Loader)
    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            composer.document(event)
        elif isinstance(event, yaml.AliasEvent):
            composer.alias(event)
        elif isinstance(event, yaml.ScalarEvent):
            composer.scalar(event)
        elif isinstance(event, yaml.CollectionStartEvent):
            composer.start(event)
        elif isinstance(event, yaml.CollectionEndEvent):
            composer.end(event)
    return composer.root
