"""Bytes of a cards file → YAML node tree with positions, or diagnostics.

The YAML is composed, never constructed: no Python object is ever built from
a tag, scalars keep the text the author wrote, and every node keeps its
position. Problems with the input itself (encoding, syntax, tags, size)
become diagnostics like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .diagnostics import Diagnostic, make

try:  # the C-accelerated parser when PyYAML was built with libyaml
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

MAX_BYTES = 64 * 1024 * 1024
"""Files larger than this are refused before parsing."""
MAX_ALIAS_EXPANSION = 100_000
"""How many nodes aliases may add to the tree, in all (defeats "billion laughs")."""
MAX_DEPTH = 64
"""How deeply collections may nest; a cards file needs four levels."""

_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


@dataclass
class Document:
    """A loaded cards file: its text, its node tree (None if unusable) and problems."""

    path: str
    text: str = ""
    root: yaml.Node | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _decode(path: str, data: bytes, doc: Document) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        doc.diagnostics.append(
            make(path, 1, 1, "W008", "file starts with a UTF-8 byte-order mark; save it without one")
        )
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        doc.diagnostics.append(
            make(
                path,
                line,
                col,
                "E002",
                f"invalid UTF-8 byte 0x{data[exc.start]:02x}; save the file as UTF-8",
            )
        )
        return None


def _check_nodes(path: str, root: yaml.Node, doc: Document) -> bool:
    """Refuse non-data tags, deep nesting and alias bombs; True when usable."""
    seen: set[int] = set()
    visits = 0
    ok = True
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        visits += 1
        if visits - len(seen) > MAX_ALIAS_EXPANSION:
            doc.diagnostics.append(
                make(path, 1, 1, "E006", "aliases expand to too many nodes; write the data out")
            )
            return False
        if depth > MAX_DEPTH:
            mark = node.start_mark
            doc.diagnostics.append(
                make(path, mark.line + 1, mark.column + 1, "E006", f"nesting deeper than {MAX_DEPTH} levels")
            )
            return False
        first_visit = id(node) not in seen
        seen.add(id(node))
        if first_visit and node.tag not in ALLOWED_TAGS:
            mark = node.start_mark
            doc.diagnostics.append(
                make(
                    path,
                    mark.line + 1,
                    mark.column + 1,
                    "E005",
                    f"tag {node.tag!r} is not allowed: cards files hold plain data",
                )
            )
            ok = False
            continue
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
    return ok


def _nesting_too_deep(text: str) -> bool:
    """Cheap guard before parsing: flow brackets nested beyond reason."""
    depth = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif ch in "]}":
            depth = max(0, depth - 1)
    return False


def load_text(path: str, data: bytes) -> Document:
    """Parse ``data`` (the bytes of the file at ``path``) into a Document."""
    doc = Document(path)
    if len(data) > MAX_BYTES:
        doc.diagnostics.append(
            make(path, 1, 1, "E006", f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,}")
        )
        return doc
    text = _decode(path, data, doc)
    if text is None:
        return doc
    doc.text = text
    tab_lines = set()
    for match in _TAB_INDENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        tab_lines.add(line)
        doc.diagnostics.append(
            make(path, line, match.end() - match.start(), "E004", "tab used for indentation; use spaces")
        )
    if ("[" in text or "{" in text) and _nesting_too_deep(text):
        doc.diagnostics.append(make(path, 1, 1, "E006", f"nesting deeper than {MAX_DEPTH} levels"))
        return doc
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if line not in tab_lines:
            problem = exc.problem or exc.context or "invalid YAML"
            doc.diagnostics.append(make(path, line, col, "E001", f"YAML syntax error: {problem}"))
        return doc
    except yaml.YAMLError as exc:
        doc.diagnostics.append(make(path, 1, 1, "E001", f"YAML syntax error: {exc}"))
        return doc
    except RecursionError:
        doc.diagnostics.append(make(path, 1, 1, "E006", "nesting too deep to parse"))
        return doc
    if root is None:
        doc.diagnostics.append(make(path, 1, 1, "E003", "the file holds no data; see README for the format"))
        return doc
    if _check_nodes(path, root, doc):
        doc.root = root
    return doc


def load_file(path: Path, display: str | None = None) -> Document:
    """Read and parse a cards file; an unreadable file becomes an E007 diagnostic."""
    shown = display if display is not None else str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        doc = Document(shown)
        doc.diagnostics.append(make(shown, 1, 1, "E007", f"cannot read the file: {exc.strerror or exc}"))
        return doc
    return load_text(shown, data)
