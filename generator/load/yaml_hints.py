"""YAML syntax errors in plain words: what happened, and how to fix it.

The parser says where it stopped and in its own terms ("mapping values are
not allowed in this context", "did not find expected key"). For the mistakes
a new author makes most, :func:`explain` reads the line the parser stopped on
and says what happened and what to write instead:

- a ``: `` inside an unquoted value (``answer: Note: Version 2.0.``);
- a value that starts with a quote and goes on after the closing one
  (``answer: "Yes" is right``), or an apostrophe inside single quotes
  (``answer: 'Don't stop'``);
- a line indented more, or less, than the lines it belongs with;
- a value that starts with a character YAML reserves (``*``, ``@``, ``%``, ...).

Anything else keeps the parser's words. Tabs used for indentation are
reported by the loader itself (E004).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY_LINE = re.compile(r"(?P<indent> *)(?P<dashes>(?:- +)*)(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+|$)")
"""A line that starts with ``key:``, perhaps after list dashes."""
_DASH_LINE = re.compile(r"(?P<indent> *)- ")
_RESERVED = {
    "-": "a list entry",
    "*": "an alias (a reference to an '&' anchor)",
    "&": "an anchor",
    "!": "a tag",
    "|": "a block of text starting on the next line",
    ">": "a block of text starting on the next line",
    "%": "a directive",
    "@": "a reserved character",
    "`": "a reserved character",
}
"""Characters a plain YAML value may not start with, and what YAML takes them for."""
_SHOW = 60
"""Longest value shown in a suggested fix."""


@dataclass(frozen=True)
class Line:
    """A line of the file, and where its key and its value start (when it has a key)."""

    number: int
    text: str
    key: str | None = None
    key_col: int = 0
    """0-based column of the key (or, on a line with no key, of its first character)."""
    value_col: int = -1
    """0-based column where the value starts (-1: no value on this line)."""

    @property
    def value(self) -> str:
        return self.text[self.value_col :].rstrip() if self.value_col >= 0 else ""


def _line(lines: list[str], number: int) -> Line:
    text = lines[number - 1] if 0 < number <= len(lines) else ""
    match = _KEY_LINE.match(text)
    if match is None:
        dash = _DASH_LINE.match(text)
        col = dash.end() if dash else len(text) - len(text.lstrip(" "))
        return Line(number, text, None, col)
    value_col = match.end() if match.end() < len(text.rstrip()) else -1
    return Line(number, text, match["key"], match.start("key"), value_col)


def _previous(lines: list[str], number: int) -> Line | None:
    """The nearest line above ``number`` with content (not blank, not only a comment)."""
    for n in range(number - 1, 0, -1):
        stripped = lines[n - 1].strip()
        if stripped and not stripped.startswith("#"):
            return _line(lines, n)
    return None


def _double_quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _single_quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _fix(key: str, quoted: str) -> str:
    """``key: "value"``, shortened when long."""
    if len(quoted) > _SHOW:
        quoted = quoted[: _SHOW - 2] + "…" + quoted[-1]
    return f"{key}: {quoted}"


def explain(
    text: str, problem: str, line: int, col: int, opened: tuple[int, int] | None = None
) -> str | None:
    """A plain-words message for the syntax error the parser reported at ``line``:``col`` (1-based).

    ``problem`` is the parser's own message (and its context); ``opened``
    the position of what it was reading when it stopped (a quoted value, for
    one), if it says. None when the cause is not one this module knows; the
    caller then shows the parser's words.
    """
    lines = text.split("\n")
    here = _line(lines, line)
    at = col - 1
    if ("escape" in problem or "hexdecimal" in problem) and "quoted scalar" in problem:
        return _escape(here.text, at)
    if "quoted scalar" in problem and opened is not None:
        return (
            f"the quoted value that starts at line {opened[0]}, column {opened[1]} is never closed; "
            "end it with the same quote it starts with"
        )
    if "mapping values are not allowed" in problem:
        return _colon(lines, here, at)
    if "sequence entries are not allowed" in problem:
        return _reserved(here)
    if "cannot start any token" in problem or "while scanning an alias" in problem:
        return _reserved(here)
    if here.text.strip() and at == len(here.text) - len(here.text.lstrip(" ")) and line > 1:
        return _indent_less(lines, here)
    return _quote_ended_early(here, at) or _reserved(here) or _apostrophe(here, at)


_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{0,2}|u[0-9A-Fa-f]{0,4}|U[0-9A-Fa-f]{0,8}|.?)")
"""A backslash escape in a double-quoted value, as far as it goes."""


def _escape(text: str, at: int) -> str:
    """A backslash escape the parser refused at (0-based) column ``at`` of the line ``text``: one
    that names no character (a UTF-16 surrogate half, a number past U+10FFFF), one YAML does not know,
    or one with too few hexadecimal digits."""
    start, i = -1, text.find("\\")
    while 0 <= i <= at:  # escapes left to right: a doubled backslash is one escape, of itself
        start = i
        i = text.find("\\", i + 2)
    found = _ESCAPE.match(text, start) if start >= 0 else None
    written = found.group() if found else "\\"
    if written[1:2] in ("u", "U") and len(written) == (6 if written[1] == "u" else 10):
        number = int(written[2:], 16)
        why = (
            "is half of a UTF-16 surrogate pair, not a character"
            if 0xD800 <= number <= 0xDFFF
            else "is past U+10FFFF, the last character there is"
        )
        return (
            f"the escape {written} {why}; write the character itself, or the escape of a whole "
            "character (\\U0001F600 for 😀, not the pair \\ud83d\\ude00)"
        )
    if written[1:2] in ("x", "u", "U"):
        digits = {"x": 2, "u": 4, "U": 8}[written[1]]
        return f"the escape {written} needs {digits} hexadecimal digits after \\{written[1]}; write them all"
    return (
        f"{written} is not an escape YAML knows in double quotes; for a backslash write two (\\\\), or "
        "wrap the value in single quotes, where a backslash is plain text"
    )


def _apostrophe_at(text: str, at: int) -> bool:
    """Whether the parser stopped just after an apostrophe inside a word (``Don't``)."""
    return 1 < at < len(text) and text[at - 1] == "'" and text[at].isalnum() and text[at - 2].isalnum()


def _word(text: str, at: int, twice: bool = False) -> str:
    """The word around the apostrophe before ``at``, in double quotes (with it doubled, if ``twice``)."""
    start, end = at - 1, at
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    word = text[start:end]
    return '"' + (word.replace("'", "''") if twice else word) + '"'


def _twice(text: str, at: int) -> str:
    return (
        f"inside single quotes write it twice ({_word(text, at, twice=True)}), "
        "or wrap the whole value in double quotes instead"
    )


def _apostrophe(here: Line, at: int) -> str | None:
    """An apostrophe that ended a single-quoted value inside a word, where the value is not a key's."""
    if not _apostrophe_at(here.text, at):
        return None
    word = _word(here.text, at)
    return f"the apostrophe in {word} ends a single-quoted value early; {_twice(here.text, at)}"


def _colon(lines: list[str], here: Line, at: int) -> str | None:
    """``mapping values are not allowed``: a colon in a value, or a key indented too far."""
    colon_of_key = here.key is not None and here.text.find(":", here.key_col) == at
    if colon_of_key:
        above = _previous(lines, here.number)
        if above is None:
            return None
        like = f", like '{above.key}' on line {above.number}" if above.key else ""
        return (
            f"'{here.key}' is indented more than line {above.number} above it, so YAML reads it as more "
            f"of that line's value; indent '{here.key}' by {above.key_col} spaces{like}"
        )
    ending = "ends with ':'" if here.text[at + 1 : at + 2] in ("", "\n", "\r") else "contains ': '"
    if here.key is None or here.value_col < 0:
        return (
            f"this unquoted text {ending}, which YAML reads as the start of a new key; "
            "wrap the whole value in double quotes"
        )
    return (
        f"the value of '{here.key}' {ending}, which YAML reads as the start of a new key; "
        f"wrap the whole value in double quotes: {_fix(here.key, _double_quoted(here.value))}"
    )


_CLOSING = {'"': '"', "'": "'", "[": "]", "{": "}"}


def _quote_ended_early(here: Line, at: int) -> str | None:
    """A value in quotes (or brackets) that goes on after the closing one, or an apostrophe in '...'."""
    if here.key is None or here.value_col < 0 or at <= here.value_col:
        return None
    opening = here.text[here.value_col]
    before = here.text[:at].rstrip()
    if opening not in _CLOSING or not before.endswith(_CLOSING[opening]):
        return None
    key, value = here.key, here.value
    rest = here.text[at:].rstrip()
    if opening == "'" and _apostrophe_at(here.text, at):
        inner = value[1:-1] if value.endswith("'") and len(value) > 1 else value[1:]
        return (
            f"the apostrophe in {_word(here.text, at)} ends the single-quoted value of '{key}' early; "
            f"{_twice(here.text, at)}: {_fix(key, _double_quoted(inner))}"
        )
    quoted = here.text[here.value_col : len(before)]
    if opening in "[{":
        what = "a list" if opening == "[" else "a mapping"
        return (
            f"the value of '{key}' starts with '{opening}', so YAML reads {quoted!r} as {what} "
            f"and cannot place the rest ({rest!r}); to write text, wrap the whole value in double quotes: "
            f"{_fix(key, _double_quoted(value))}"
        )
    other = _single_quoted(value) if opening == '"' else _double_quoted(value)
    kind = "single" if opening == '"' else "double"
    return (
        f"the value of '{key}' starts with a quote, so YAML takes {quoted} as the whole value "
        f"and cannot place the rest ({rest!r}); wrap the whole value in {kind} quotes: {_fix(key, other)}"
    )


def _reserved(here: Line) -> str | None:
    """A plain value that starts with a character YAML reserves."""
    if here.key is None or here.value_col < 0:
        return None
    first = here.text[here.value_col]
    if first not in _RESERVED or (first == "-" and here.text[here.value_col + 1 : here.value_col + 2] != " "):
        return None  # '-' is a list entry only before a space
    emphasis = " (for *emphasis* at the start)" if first == "*" else ""
    return (
        f"the value of '{here.key}' starts with '{first}', which YAML reads as {_RESERVED[first]}; "
        f"to write text that starts with it{emphasis}, wrap the whole value in double quotes: "
        f"{_fix(here.key, _double_quoted(here.value))}"
    )


def _indent_less(lines: list[str], here: Line) -> str | None:
    """A line that lines up with no line above it: name the columns it could mean.

    The lines above that it could go on with are the nearest key line (or
    '-' line, for a '-' line) and each less indented one before it.
    """
    indent = len(here.text) - len(here.text.lstrip(" "))
    dash = here.text.lstrip(" ").startswith("- ")
    levels: list[tuple[int, Line]] = []  # (column, line), innermost first, columns decreasing
    n = here.number
    while (above := _previous(lines, n)) is not None and (not levels or levels[-1][0] > 0):
        n = above.number
        if dash:
            if not above.text.lstrip(" ").startswith("- "):
                continue
            column = len(above.text) - len(above.text.lstrip(" "))
        elif above.key is None:
            continue
        else:
            column = above.key_col
        if not levels or column < levels[-1][0]:
            levels.append((column, above))
    deeper = [level for level in levels if level[0] > indent]
    shallower = [level for level in levels if level[0] < indent]
    if len(levels) != len(deeper) + len(shallower):
        return None  # it does line up with a line above: something else is wrong
    what = "the '-'" if dash else f"'{here.key}'" if here.key else "this line"
    options = [_option(*deeper[-1], dash)] if deeper else []
    if shallower:
        options.append(_option(*shallower[0], dash))
    if not options:
        return None
    spaces = "space" if indent == 1 else "spaces"
    return (
        f"this line is indented by {indent} {spaces}, which lines it up with no line above it; "
        f"indent {what} by " + ", or by ".join(options)
    )


def _option(column: int, line: Line, dash: bool) -> str:
    name = "the '-'" if dash else f"'{line.key}'"
    return f"{column} to line up with {name} on line {line.number}"
