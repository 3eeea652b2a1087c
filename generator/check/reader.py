"""Reading YAML nodes into values, reporting every shape problem on the way.

The primitives the validator is built from: a mapping checked against its
schema table (duplicate, unknown, missing keys), text exactly as written
(warning where another YAML reader would retype it), integers and tag lists.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from bisect import bisect_right

from generator.check.schema import LIMITS, Key
from generator.diagnostics import Diagnostic, make
from generator.load.nodes import MappingNode, Node, ScalarNode, SequenceNode
from generator.model import Pos

_READ_AS = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "null (no value)",
    "tag:yaml.org,2002:timestamp": "a date",
}
Fields = dict[str, tuple[Node, Node]]

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters (category Cc) but tab and line feed: never in text that reaches a note."""
_CONTROL_NAMES = {0x00: "NUL", 0x0D: "carriage return", 0x1F: "unit separator: Anki's field separator"}
_ESCAPE_LENGTH = {"x": 4, "u": 6, "U": 10}
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""Line breaks as YAML counts lines."""


def _capped(value: str, limit: int = 40) -> str:
    """``repr(value)`` for a message, cut to about ``limit`` characters: a value may be a megabyte long."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 1]}… ({len(value):,} characters)"


def describe(char: str) -> str:
    """``U+001F (unit separator: ...)``: a character as a message names it."""
    name = _CONTROL_NAMES.get(ord(char)) or unicodedata.name(char, "").lower() or "control character"
    return f"U+{ord(char):04X} ({name})"


def plain(node: ScalarNode) -> bool:
    """True for an unquoted scalar (the C parser says '' where the Python one says None)."""
    return not node.style


_tuple = tuple.__new__


def pos(node: Node) -> Pos:
    """Where ``node`` starts, in no file in particular (for reports; :meth:`Reader.pos` for the model)."""
    return _tuple(Pos, (node.line, node.col, ""))  # Pos(line, col, ""), without NamedTuple's extra call


_TABLES: dict[int, tuple[tuple[Key, ...], frozenset[str], tuple[str, ...]]] = {}


def _table(keys: tuple[Key, ...] | None) -> tuple[frozenset[str] | None, tuple[str, ...]]:
    """A schema table's key names (None: any key) and its required names, worked out once."""
    if keys is None:
        return None, ()
    known = _TABLES.get(id(keys))
    if known is None or known[0] is not keys:
        names = frozenset(k.name for k in keys)
        known = _TABLES[id(keys)] = (keys, names, tuple(k.name for k in keys if k.required))
    return known[1], known[2]


def whole_number(node: Node) -> int | None:
    """The value of an unquoted integer scalar (any sign or size), or None."""
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:int" and plain(node):
        try:
            return int(node.value.replace("_", ""), 0)
        except ValueError:
            return None
    return None


def kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return "text"


class Reader:
    """Reads nodes for one file, collecting diagnostics."""

    def __init__(self, path: str, source: str = "") -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.source = source
        """The file's text, to find positions inside a value (:meth:`locate`)."""
        self._line_starts: list[int] | None = None
        self._yaml_starts: list[int] | None = None

    def locate(self, node: Node, value: str, offset: int, token: str) -> Pos:
        """Where the ``token`` at ``offset`` in ``value`` (the node's text) is written in the file.

        The token's occurrences in the value are matched, in order, with its
        occurrences in the file from the node on. A token not written as it
        reads (escaped, or broken over lines) falls back to the node's position.
        """
        if not token or not self.source:
            return self.pos(node)
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in re.finditer("\n", self.source))]
        starts = self._line_starts
        before, at = 0, value.find(token)
        while 0 <= at < offset:
            before, at = before + 1, value.find(token, at + 1)
        if node.line > len(starts):
            return self.pos(node)
        index = starts[node.line - 1] + node.col - 2
        for _ in range(before + 1):
            index = self.source.find(token, index + 1)
            if index < 0:
                return self.pos(node)
        line = bisect_right(starts, index)
        return Pos(line, index - starts[line - 1] + 1, self.path)

    def pos(self, node: Node) -> Pos:
        """Where ``node`` starts, in this reader's file: the position a model value keeps."""
        return _tuple(Pos, (node.line, node.col, self.path))

    def at(self, node: ScalarNode, index: int) -> Pos:
        """Where the character at ``index`` of a scalar's value is written (escapes read through).

        The scalar's own position when the value spans lines or the file's text is not at hand.
        """
        if self._yaml_starts is None:
            self._yaml_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.source)]
        if not 0 < node.line <= len(self._yaml_starts):
            return self.pos(node)
        start = self._yaml_starts[node.line - 1] + node.col - 1
        end = _LINE_BREAK.search(self.source, start)
        raw = self.source[start : end.start() if end else len(self.source)]
        quote = node.style if node.style in ("'", '"') else ""
        i = len(quote)
        for _ in range(index):
            if i >= len(raw):
                return pos(node)
            if quote == '"' and raw[i] == "\\":
                i += _ESCAPE_LENGTH.get(raw[i + 1 : i + 2], 2)
            elif quote == "'" and raw.startswith("''", i):
                i += 2
            else:
                i += 1
        return Pos(node.line, node.col + i, self.path) if i < len(raw) else self.pos(node)

    def report(self, at: Pos, code: str, message: str) -> None:
        self.diagnostics.append(make(self.path, at.line, at.col, code, message))

    def mapping(self, node: Node, keys: tuple[Key, ...] | None, where: str) -> Fields | None:
        """The mapping's entries by key, reporting duplicates, unknown and missing keys."""
        if not isinstance(node, MappingNode):
            self.report(pos(node), "E101", f"{where} must be a mapping (key: value), not {kind(node)}")
            return None
        fields: Fields = {}
        names, required = _table(keys)
        unknown: set[str] = set()
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                self.report(pos(key_node), "E101", f"keys in {where} must be text, not {kind(key_node)}")
                continue
            name = key_node.value
            if name in fields:
                continue  # the loader reports duplicate keys (E104), in every mapping
            if names is not None and name not in names:
                if name not in unknown:
                    unknown.add(name)
                    self._unknown(key_node, keys or (), where)
                continue
            fields[name] = (key_node, value_node)
        for name in required:
            if name not in fields:
                message = f"{where} is missing the required key {name!r}; add {name}: ..."
                self.report(pos(node), "E102", message)
        return fields

    def _unknown(self, key_node: ScalarNode, keys: tuple[Key, ...], where: str) -> None:
        names = [k.name for k in keys]
        name = key_node.value
        hint = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
        did_you_mean = f"; did you mean {hint[0]!r}?" if hint else f"; allowed: {', '.join(names)}"
        self.report(pos(key_node), "E103", f"unknown key {name!r} in {where}{did_you_mean}")

    def text(
        self, node: Node, where: str, limit: int = LIMITS["text"], *, controls: bool = True
    ) -> str | None:
        """A scalar's text exactly as written; reports lists, mappings and retyped values.

        With ``controls``, a control character (other than tab and line feed) is
        an error (E330) at the place it is written: text reaches a note, and
        ``U+001F`` there is Anki's field separator.
        """
        if not isinstance(node, ScalarNode):
            self.report(pos(node), "E101", f"{where} must be text, not {kind(node)}")
            return None
        if not node.style and node.tag in _READ_AS and node.value:
            self.report(
                pos(node),
                "W106",
                f"{where} {_capped(node.value)} is unquoted, and other YAML readers take it as "
                f"{_READ_AS[node.tag]}; write it in quotes",
            )
        if len(node.value) > limit:
            self.report(
                pos(node),
                "E307",
                f"{where} is {len(node.value):,} characters long; the limit is {limit:,}: shorten it",
            )
            return None if limit == LIMITS["quote"] else node.value[:limit]
        if controls and not node.value.isprintable():
            bad = CONTROL.search(node.value)
            if bad is not None:
                self.report(
                    self.at(node, bad.start()),
                    "E330",
                    f"{where} holds the control character {describe(bad.group())}; remove it "
                    "(Anki would refuse or change the note)",
                )
        return node.value

    def integer(self, node: Node, where: str, low: int = 1, high: int = 2**63 - 1) -> int | None:
        """A whole number from ``low`` to ``high`` written without quotes; E101 names the range."""
        value = whole_number(node)
        if value is not None and low <= value <= high:
            return value
        shown = _capped(node.value) if isinstance(node, ScalarNode) else kind(node)
        message = f"{where} must be a whole number from {low:,} to {high:,}, not {shown}"
        self.report(pos(node), "E101", message)
        return None

    def tags(self, node: Node, where: str) -> tuple[tuple[str, Pos], ...]:
        if not isinstance(node, SequenceNode):
            self.report(pos(node), "E101", f"{where} must be a list of tags, not {kind(node)}")
            return ()
        out = []
        for item in node.value:
            value = self.text(item, f"a tag in {where}", LIMITS["tag"], controls=False)  # E306
            if value is not None:
                out.append((value, self.pos(item)))
        return tuple(out)

    def optional_text(self, fields: Fields, name: str, where: str) -> str:
        if name not in fields:
            return ""
        return self.text(fields[name][1], f"{where} {name}") or ""
