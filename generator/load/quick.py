"""A quick way from text to the node tree, for the plain layout most cards files have.

:func:`generator.load.compose.compose` reads libyaml's events, one Python
object (and two position marks) an event: at 50,000 cards, about a million
events, and most of the time a check spends reading the file. Most cards
files use a small part of YAML, one line at a time: block mappings and
sequences, ``key: value`` with a plain, quoted or literal/folded block value,
and one-line ``[a, b]`` lists. :func:`tree` reads that layout a line at a
time and builds the very same tree (tags, values, styles and positions).

It is the reference's double, not a second YAML reader: anything it is not
sure of (anchors, aliases, tags, a directive or document marker, a plain or
quoted value over several lines, flow mappings, a key that is not a plain
word, a tab, a line break other than the line feed, a duplicate key, a
character YAML refuses, an escape it does not know, a value left empty) makes
it give None, and the file is read by the reference, which also says what is
wrong with it. ``tests/load/test_quick.py`` holds the two to the same trees
over every cards file the tests use and over generated ones.
"""

from __future__ import annotations

import re
from typing import Any

from generator.load.chars import not_printable
from generator.load.nodes import MAP as _MAP
from generator.load.nodes import RESOLVABLE, MappingNode, Node, ScalarNode, SequenceNode, resolve_plain
from generator.load.nodes import SEQ as _SEQ
from generator.load.nodes import STR as _STR

_UNSURE = ("\t", "\r", "\x85", "\u2028", "\u2029", "\ufeff")
"""Characters that end the quick way at once: tabs, and line breaks YAML counts besides the line feed
(positions would move)."""

MAX_DEPTH = 64
"""As :data:`generator.load.compose.MAX_DEPTH` (held equal by the tests): deeper, the reference reports it."""
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-/]*")
"""A plain key of word characters (a key is written before its colon and the spaces after it)."""
_ITEM = re.compile(r"- +")
_PLAIN_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789(")
"""What a plain value may start with here: never one of YAML's indicators."""
_FLOW_ITEM = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-/ ]*[A-Za-z0-9_.\-/])?")
_DOUBLE = re.compile(r'"((?:[^"\\]|\\.)*)"')
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_BLOCK = re.compile(r"([|>])([-+]?)(?: *)$")
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPES = {
    "0": "\x00",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}


def _after(rest: str, end: int) -> bool:
    """Whether what follows a quoted value or a list on its line (from ``end``) is only spaces, and
    perhaps a comment after them."""
    tail = rest[end:]
    if not tail:
        return True
    stripped = tail.lstrip(" ")
    return not stripped or (stripped[0] == "#" and len(stripped) < len(tail))


class _Unsure(Exception):
    """The text is not in the layout the quick way reads: read it the reference way."""


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) == 1:
        if code not in _ESCAPES:
            raise _Unsure
        return _ESCAPES[code]
    number = int(code[1:], 16)
    if 0xD800 <= number <= 0xDFFF or number > 0x10FFFF:
        raise _Unsure
    return chr(number)


class _Reader:
    """One pass over the lines, with a stack of the open block collections."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.at = 0
        # Each open collection: [indent, node, pending key (a mapping's key still waiting for its value)]
        self.stack: list[list[Any]] = []
        self.root: Node | None = None
        self.seen: list[set[str]] = []
        self.names: set[str] = set()
        """Keys already found to be plain words."""

    def plain(self, value: str, line: int, col: int) -> ScalarNode:
        if value[0] in RESOLVABLE:
            return ScalarNode(resolve_plain(value), value, line, col, "")
        return ScalarNode(_STR, value, line, col, "")

    def value(self, rest: str, line: int, col: int, parent: int) -> Node:
        """The value written on a line from column ``col`` (0-based) on: ``rest``. ``parent`` is the
        indent of the mapping it belongs to (for a block value's lines)."""
        first = rest[0]
        if first == '"':
            close = rest.find('"', 1)
            if close < 0:
                raise _Unsure
            inner = rest[1:close]
            if "\\" in inner:  # escapes, perhaps of a quote: the pattern finds the real end
                match = _DOUBLE.match(rest)
                if match is None:
                    raise _Unsure
                close = match.end() - 1
                inner = _ESCAPE.sub(_unescape, match.group(1))
            if close + 1 < len(rest) and not _after(rest, close + 1):
                raise _Unsure
            return ScalarNode(_STR, inner, line, col + 1, '"')
        if first == "'":
            match = _SINGLE.match(rest)
            if match is None or not _after(rest, match.end()):
                raise _Unsure
            return ScalarNode(_STR, match.group(1).replace("''", "'"), line, col + 1, "'")
        if first == "[":
            close = rest.find("]")
            if close < 0 or not _after(rest, close + 1):
                raise _Unsure
            node = SequenceNode(_SEQ, [], line, col + 1)
            inner = rest[1:close]
            if inner.strip(" "):
                offset = col + 2
                for part in inner.split(","):
                    word = part.strip(" ")
                    if not _FLOW_ITEM.fullmatch(word):
                        raise _Unsure
                    node.value.append(self.plain(word, line, offset + len(part) - len(part.lstrip(" "))))
                    offset += len(part) + 1
            return node
        if first in "|>":
            match = _BLOCK.match(rest)
            if match is None:
                raise _Unsure
            return self.block(match.group(1), match.group(2), line, col + 1, parent)
        if first not in _PLAIN_FIRST and first < "\xa0":
            raise _Unsure
        cut = rest.find(" #")
        text = (rest if cut < 0 else rest[:cut]).rstrip(" ")
        if not text or ": " in text or text.endswith(":"):
            raise _Unsure
        # A more indented line after it (which would carry the value on) is refused by the caller.
        return self.plain(text, line, col + 1)

    def block(self, style: str, chomp: str, line: int, col: int, parent: int) -> ScalarNode:
        """A literal (``|``) or folded (``>``) value on the lines after its indicator, whose lines are
        more indented than ``parent``."""
        if chomp == "+":
            raise _Unsure
        lines, first, count = self.lines, self.at, len(self.lines)
        at, leading = first, 0
        while at < count and not lines[at].strip(" "):
            leading = max(leading, len(lines[at]))
            at += 1
        if at == count:
            raise _Unsure
        indent = len(lines[at]) - len(lines[at].lstrip(" "))
        if indent <= parent or leading > indent:
            raise _Unsure  # an empty value, or blank lines the reader refuses
        last = at
        while at < count:
            text = lines[at]
            stripped = text.lstrip(" ")
            if stripped:
                spaces = len(text) - len(stripped)
                if spaces < indent:
                    if spaces > parent:
                        raise _Unsure
                    break
                last = at
            elif len(text) > indent:  # spaces beyond the indent are the line's content
                last = at
            at += 1
        body = [text[indent:] for text in lines[first : last + 1]]
        self.at = last + 1  # the blank lines after it are chomped away, and skipped by the caller
        if style == "|":
            value = "\n".join(body)
        else:
            value, blank = "", True
            for part in body:
                if not part:
                    value += "\n"
                    blank = True
                elif part[0] == " ":
                    raise _Unsure  # more indented lines fold differently
                else:
                    value += part if blank else " " + part
                    blank = False
        if chomp == "":
            value += "\n"
        return ScalarNode(_STR, value, line, col, style)

    def close_to(self, indent: int) -> None:
        """Close the collections more indented than ``indent``."""
        stack = self.stack
        while stack and stack[-1][0] > indent:
            self.close()

    def close(self) -> None:
        _, node, pending = self.stack.pop()
        if pending is not None:
            raise _Unsure  # a key with no value
        if type(node) is MappingNode:
            self.seen.pop()

    def attach(self, node: Node) -> None:
        """Give ``node`` to the open collection as its next item or its waiting key's value."""
        if not self.stack:
            if self.root is not None:
                raise _Unsure
            self.root = node
            return
        top = self.stack[-1]
        holder = top[1]
        if type(holder) is SequenceNode:
            holder.value.append(node)
        else:
            key = top[2]
            if key is None:
                raise _Unsure
            holder.value.append((key, node))
            top[2] = None

    def key(self, content: str) -> tuple[str, int] | None:
        """The plain key at the start of ``content`` and where its value starts, or None when the line
        is not ``key:`` or ``key: value`` with a key of word characters."""
        colon = content.find(":")
        if colon <= 0:
            return None
        name = content[:colon]
        if name not in self.names:
            if not _NAME.fullmatch(name):
                return None
            self.names.add(name)
        start = colon + 1
        if start < len(content):
            if content[start] != " ":
                return None
            start = len(content) - len(content[start:].lstrip(" "))
        return name, start

    def entry(self, mapping: MappingNode, content: str, line: int, col: int) -> None:
        """A ``key: value`` (or ``key:``) line of an open mapping, at column ``col``."""
        found = self.key(content)
        if found is None:
            raise _Unsure
        name, start = found
        seen = self.seen[-1]
        if name in seen:
            raise _Unsure  # a duplicate key: the reference reports it
        seen.add(name)
        key = self.plain(name, line, col + 1)
        if start == len(content) or content[start] == "#":
            self.stack[-1][2] = key
            return
        mapping.value.append((key, self.value(content[start:], line, col + start, col)))

    def open(self, node: MappingNode | SequenceNode, col: int) -> None:
        """Give ``node`` to the collection it belongs to, and open it at indent ``col``."""
        if len(self.stack) >= MAX_DEPTH:
            raise _Unsure
        self.attach(node)
        self.stack.append([col, node, None])

    def open_mapping(self, content: str, line: int, col: int) -> None:
        node = MappingNode(_MAP, [], line, col + 1)
        self.open(node, col)
        self.seen.append(set())
        self.entry(node, content, line, col)

    def item(self, content: str, line: int, col: int) -> None:
        """A ``- ...`` line of an open sequence, its dash at column ``col``."""
        dash = _ITEM.match(content)
        if dash is None:
            raise _Unsure
        rest = content[dash.end() :]
        at = col + dash.end()
        if not rest or rest.startswith(("-", "#")):
            raise _Unsure
        if self.key(rest) is not None:
            self.open_mapping(rest, line, at)
            return
        self.attach(self.value(rest, line, at, col))

    def read(self) -> Node | None:
        lines = self.lines
        stack = self.stack
        while self.at < len(lines):
            text = lines[self.at]
            self.at += 1
            content = text.lstrip(" ")
            if not content or content[0] == "#":
                continue
            indent = len(text) - len(content)
            line = self.at
            self.close_to(indent)
            dash = content[0] == "-"
            if stack:
                top = stack[-1]
                top_indent, holder = top[0], top[1]
                if top_indent == indent:
                    if type(holder) is SequenceNode:
                        if not dash:  # a sequence that was a mapping's value, at the mapping's indent
                            self.close()
                            if not stack or stack[-1][0] != indent or type(stack[-1][1]) is not MappingNode:
                                raise _Unsure
                            self.entry(stack[-1][1], content, line, indent)
                            continue
                        self.item(content, line, indent)
                        continue
                    if dash:  # a sequence at its key's indent, as its value
                        if top[2] is None:
                            raise _Unsure
                        self.open_sequence(content, line, indent)
                        continue
                    if top[2] is not None:
                        raise _Unsure  # the key before had no value
                    self.entry(holder, content, line, indent)
                    continue
                if top[2] is None:
                    raise _Unsure  # more indented, but nothing waits for a value
            elif self.root is not None:
                raise _Unsure
            if dash:
                self.open_sequence(content, line, indent)
            else:
                self.open_mapping(content, line, indent)
        while stack:
            self.close()
        return self.root

    def open_sequence(self, content: str, line: int, col: int) -> None:
        self.open(SequenceNode(_SEQ, [], line, col + 1), col)
        self.item(content, line, col)


def tree(text: str) -> Node | None:
    """The node tree of ``text`` as :func:`generator.load.compose.compose` makes it, when ``text`` is in
    the layout this reads and has no problem at all; else None (read it the reference way)."""
    if any(char in text for char in _UNSURE) or not_printable(text) is not None:
        return None
    try:
        root = _Reader(text).read()
    except _Unsure:
        return None
    except Exception:  # a surprise here is never a wrong tree: the reference reads it
        return None
    if type(root) is not MappingNode:
        return None
    return root
