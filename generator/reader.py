"""Reading YAML nodes into values, reporting every shape problem on the way.

The primitives the validator is built from: a mapping checked against its
schema table (duplicate, unknown, missing keys), text exactly as written
(warning where another YAML reader would retype it), integers and tag lists.
"""

from __future__ import annotations

import difflib

from .diagnostics import Diagnostic, make
from .model import Pos
from .nodes import MappingNode, Node, ScalarNode, SequenceNode
from .schema import LIMITS, Key

_STR = "tag:yaml.org,2002:str"
_READ_AS = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "null (no value)",
    "tag:yaml.org,2002:timestamp": "a date",
}
Fields = dict[str, tuple[Node, Node]]


def plain(node: ScalarNode) -> bool:
    """True for an unquoted scalar (the C parser says '' where the Python one says None)."""
    return not node.style


def pos(node: Node) -> Pos:
    return Pos(node.line, node.col)


def kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return "text"


class Reader:
    """Reads nodes for one file, collecting diagnostics."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []

    def report(self, at: Pos, code: str, message: str) -> None:
        self.diagnostics.append(make(self.path, at.line, at.col, code, message))

    def mapping(self, node: Node, keys: tuple[Key, ...] | None, where: str) -> Fields | None:
        """The mapping's entries by key, reporting duplicates, unknown and missing keys."""
        if not isinstance(node, MappingNode):
            self.report(pos(node), "E101", f"{where} must be a mapping (key: value), not {kind(node)}")
            return None
        fields: Fields = {}
        names = [k.name for k in keys] if keys is not None else []
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.report(pos(key_node), "E101", f"keys in {where} must be text, not {kind(key_node)}")
                continue
            name = key_node.value
            if name in fields or name in seen:
                continue  # the loader reports duplicate keys (E104), in every mapping
            seen.add(name)
            if keys is not None and name not in names:
                hint = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
                did_you_mean = f"; did you mean {hint[0]!r}?" if hint else f"; allowed: {', '.join(names)}"
                self.report(pos(key_node), "E103", f"unknown key {name!r} in {where}{did_you_mean}")
                continue
            fields[name] = (key_node, value_node)
        for key in keys or ():
            if key.required and key.name not in fields:
                self.report(
                    pos(node),
                    "E102",
                    f"{where} is missing the required key {key.name!r}; add {key.name}: ...",
                )
        return fields

    def text(self, node: Node, where: str, limit: int = LIMITS["text"]) -> str | None:
        """A scalar's text exactly as written; reports lists, mappings and retyped values."""
        if not isinstance(node, ScalarNode):
            self.report(pos(node), "E101", f"{where} must be text, not {kind(node)}")
            return None
        if plain(node) and node.tag in _READ_AS and node.value:
            self.report(
                pos(node),
                "W106",
                f"{where} {node.value!r} is unquoted, and other YAML readers take it as "
                f"{_READ_AS[node.tag]}; write it in quotes",
            )
        if len(node.value) > limit:
            self.report(
                pos(node),
                "E307",
                f"{where} is {len(node.value):,} characters long; the limit is {limit:,}: shorten it",
            )
            return None if limit == LIMITS["quote"] else str(node.value)[:limit]
        return str(node.value)

    def integer(self, node: Node, where: str) -> int | None:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:int" and plain(node):
            try:
                value = int(node.value.replace("_", ""), 0)
            except ValueError:
                value = -1
            if 0 < value < 2**63:
                return value
        self.report(
            pos(node),
            "E101",
            f"{where} must be a positive whole number, not {node.value!r}"
            if isinstance(node, ScalarNode)
            else f"{where} must be a number, not {kind(node)}",
        )
        return None

    def tags(self, node: Node, where: str) -> tuple[tuple[str, Pos], ...]:
        if not isinstance(node, SequenceNode):
            self.report(pos(node), "E101", f"{where} must be a list of tags, not {kind(node)}")
            return ()
        out = []
        for item in node.value:
            value = self.text(item, f"a tag in {where}", LIMITS["tag"])
            if value is not None:
                out.append((value, pos(item)))
        return tuple(out)

    def optional_text(self, fields: Fields, name: str, where: str) -> str:
        if name not in fields:
            return ""
        return self.text(fields[name][1], f"{where} {name}") or ""
