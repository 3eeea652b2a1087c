"""The YAML node tree the loader builds: small, slotted, with 1-based positions; YAML's standard tags,
and the tag a plain scalar gets.

Like PyYAML's nodes (tag, value) but with the position as two integers
instead of two ``Mark`` objects, so a 50,000-card file fits in a fraction of
the memory.
"""

from __future__ import annotations

from typing import Any

import yaml

CORE = "tag:yaml.org,2002:"
"""The prefix of YAML's standard tags."""
STR, SEQ, MAP = CORE + "str", CORE + "seq", CORE + "map"
_IMPLICIT: dict[str | None, list[tuple[str, Any]]] = yaml.resolver.Resolver.yaml_implicit_resolvers
"""PyYAML's implicit resolvers by first character: how a plain scalar gets its tag."""


class Node:
    """A node: its resolved tag, its value, and where it starts (1-based)."""

    __slots__ = ("col", "line", "tag", "value")

    def __init__(self, tag: str, value: Any, line: int, col: int) -> None:
        self.tag = tag
        self.value = value
        self.line = line
        self.col = col

    def __repr__(self) -> str:
        return f"{type(self).__name__}(tag={self.tag!r}, value={self.value!r}, at={self.line}:{self.col})"


class ScalarNode(Node):
    """Text as written; ``style`` is '' (or None) for plain, else the quote or block style."""

    __slots__ = ("style",)
    value: str

    def __init__(self, tag: str, value: str, line: int, col: int, style: str | None = None) -> None:
        self.tag = tag  # set here, not through super(): there are hundreds of thousands
        self.value = value
        self.line = line
        self.col = col
        self.style = style


class SequenceNode(Node):
    __slots__ = ()
    value: list[Node]


class MappingNode(Node):
    __slots__ = ()
    value: list[tuple[Node, Node]]


RESOLVABLE = frozenset(key for key in _IMPLICIT if key)
"""First characters a resolver looks at; a plain scalar starting otherwise is text."""


def resolve_plain(value: str) -> str:
    """The tag a standard YAML reader gives an unquoted scalar (as PyYAML's Resolver does)."""
    for tag, pattern in _IMPLICIT.get(value[:1], ()):
        if pattern.match(value):
            return str(tag)
    return STR
