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

from generator.diagnostics import Diagnostic, make
from generator.files import TooLarge, read_regular
from generator.load.chars import not_printable
from generator.load.compose import MAX_DEPTH, Stop, compose
from generator.load.nodes import Node, ScalarNode
from generator.load.yaml_hints import explain

MAX_BYTES = 64 * 1024 * 1024
"""Files larger than this are refused before they are read."""

_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


@dataclass
class Document:
    """A loaded cards file: its text, its node tree (None if unusable) and problems."""

    path: str
    text: str = ""
    root: Node | None = None
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
        line_start = before.rfind(b"\n") + 1
        col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        doc.diagnostics.append(
            make(
                path,
                before.count(b"\n") + 1,
                col,
                "E002",
                f"invalid UTF-8 byte 0x{data[exc.start]:02x}; save the file as UTF-8",
            )
        )
        return None


def _too_large(path: str, size: int) -> Diagnostic:
    return make(
        path, 1, 1, "E006", f"file is {size:,} bytes; the limit is {MAX_BYTES:,}: split it or shorten it"
    )


def _too_deep(path: str, text: str, exc: yaml.MarkedYAMLError) -> Diagnostic | None:
    """E006 at the level past MAX_DEPTH, where libyaml's own depth limit stopped first.

    libyaml 0.2.6 (PyYAML 6.0.4's wheels) refuses flow collections nested over
    1,000 levels while it scans ahead for a key, before the first event reaches
    the composer. The text before that point holds all those levels, so
    composing it finds the level where this project's own limit lies, as with
    a libyaml that has no limit of its own.
    """
    mark = exc.problem_mark
    if mark is None or "maximum nesting depth" not in str(exc.problem):
        return None
    try:
        compose(path, text[: mark.index], [])
    except Stop as stop:
        if stop.diagnostic.code == "E006":
            return stop.diagnostic
    except yaml.YAMLError:
        pass
    message = f"nesting deeper than {MAX_DEPTH} levels; a cards file needs five"
    return make(path, mark.line + 1, mark.column + 1, "E006", message)


@dataclass
class Prepared:
    """A cards file read, decoded and its characters checked, not yet composed (:func:`prepare`).

    :meth:`finish` composes it into a :class:`Document`; a checker may first
    look at the text (to read a large file in parts).
    """

    doc: Document
    """The document so far: its text, and the problems found in it (no tree yet)."""
    tab_lines: set[int]
    """Lines a tab indents (reported already: a syntax error there is not reported again)."""
    usable: bool
    """Whether the text can be composed at all."""

    def finish(self) -> Document:
        """The document with its node tree composed (or the problem that stopped it).

        A new document each time: this one keeps no tree, so whoever lets go
        of the document returned lets go of the tree.
        """
        so_far, tab_lines = self.doc, self.tab_lines
        doc = Document(so_far.path, so_far.text, None, list(so_far.diagnostics))
        if not self.usable:
            return doc
        path, text = doc.path, doc.text
        problems: list[Diagnostic] = []
        try:
            root = compose(path, text, problems)
        except Stop as stop:
            doc.diagnostics.append(stop.diagnostic)
            return doc
        except yaml.MarkedYAMLError as exc:
            deep = _too_deep(path, text, exc)
            if deep is not None:
                doc.diagnostics.append(deep)
                return doc
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            if line not in tab_lines:
                problem = exc.problem or exc.context or "invalid YAML"
                context = exc.context_mark
                opened = (context.line + 1, context.column + 1) if context is not None else None
                said = f"{problem} {exc.context or ''}"
                hint = explain(text, said, line, col, opened) if exc.problem_mark else None
                if hint is not None:
                    problem = hint
                elif exc.problem and exc.context and exc.context_mark:
                    where = exc.context_mark
                    problem += f" ({exc.context} at line {where.line + 1}, column {where.column + 1})"
                doc.diagnostics.append(make(path, line, col, "E001", f"YAML syntax error: {problem}"))
            return doc
        except yaml.YAMLError as exc:
            doc.diagnostics.append(make(path, 1, 1, "E001", f"YAML syntax error: {exc}"))
            return doc
        doc.diagnostics.extend(problems)
        if root is None or (isinstance(root, ScalarNode) and not root.style and not root.value):
            message = "the file holds no data; write a deck, its sources and cards (see docs/cards-format.md)"
            doc.diagnostics.append(make(path, 1, 1, "E003", message))
            return doc
        doc.root = root
        return doc


def prepare(path: str, data: bytes) -> Prepared:
    """Decode ``data`` (the bytes of the file at ``path``) and check its characters, before composing."""
    doc = Document(path)
    if len(data) > MAX_BYTES:
        doc.diagnostics.append(_too_large(path, len(data)))
        return Prepared(doc, set(), usable=False)
    text = _decode(path, data, doc)
    if text is None:
        return Prepared(doc, set(), usable=False)
    doc.text = text
    tab_lines = set()
    for match in _TAB_INDENT.finditer(text) if "\t" in text else ():  # the "in": at memory speed
        line = text.count("\n", 0, match.start()) + 1
        tab_lines.add(line)
        doc.diagnostics.append(
            make(
                path,
                line,
                match.end() - match.start(),
                "E004",
                "a tab indents this line, and YAML allows only spaces for indentation; "
                "replace the tab with spaces",
            )
        )
    bad = not_printable(text, data)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        message = f"control character U+{ord(bad.group()):04X} is not allowed; remove it"
        doc.diagnostics.append(make(path, line, col, "E001", message))
        return Prepared(doc, tab_lines, usable=False)
    return Prepared(doc, tab_lines, usable=True)


def load_text(path: str, data: bytes) -> Document:
    """Parse ``data`` (the bytes of the file at ``path``) into a Document."""
    return prepare(path, data).finish()


def load_file(path: Path, display: str | None = None) -> Document:
    """Read and parse a cards file; an unreadable file becomes an E007 diagnostic.

    A file over the size limit is refused before it is read, and so is
    anything but a regular file (a FIFO or a device could block or never end).
    """
    return read_file(path, display).finish()


def read_file(path: Path, display: str | None = None) -> Prepared:
    """Read a cards file and :func:`prepare` it; an unreadable file is prepared as unusable, with its
    problem (E006 too large, E007 unreadable)."""
    shown = display if display is not None else str(path)
    try:
        data = read_regular(path, MAX_BYTES)
    except TooLarge as exc:
        return Prepared(Document(shown, diagnostics=[_too_large(shown, exc.size)]), set(), usable=False)
    except OSError as exc:
        problem = make(shown, 1, 1, "E007", f"cannot read the file: {exc.strerror or exc}")
        return Prepared(Document(shown, diagnostics=[problem]), set(), usable=False)
    return prepare(shown, data)
