"""Code blocks highlighted at build time: Pygments' tokens as spans with a few classes, no script.

A fenced block's language (```` ```python ````) picks Pygments' lexer; each
token becomes ``<span class="dg-X">`` for one of a few kinds (keyword, string,
comment, number, function or class name, built-in, markup tag), whose colours
the note type's CSS sets for light and night mode alike
(``generator/assets/notetype-marks.css``: every colour at least 4.5:1 on the
block's background, measured by the phone tests). A language Pygments does
not know, or none, is shown as plain text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pygments.lexer import Lexer
    from pygments.token import _TokenType

CLASSES = {
    "Keyword": "dg-k",
    "Operator.Word": "dg-k",
    "Literal.String": "dg-s",
    "Comment": "dg-c",
    "Literal.Number": "dg-m",
    "Name.Function": "dg-f",
    "Name.Class": "dg-f",
    "Name.Decorator": "dg-f",
    "Name.Exception": "dg-f",
    "Name.Builtin": "dg-b",
    "Name.Tag": "dg-t",
    "Name.Attribute": "dg-b",
    "Generic.Deleted": "dg-t",
    "Generic.Inserted": "dg-s",
    "Generic.Heading": "dg-k",
    "Generic.Subheading": "dg-k",
    "Generic.Prompt": "dg-c",
}
"""Pygments token types (and every type below each) → the class of their colour; others are plain."""


def escape(text: str) -> str:
    """Escape text for HTML as the Markdown renderer does (& < > "), as
    :func:`generator.compile.markup.escape` does."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@lru_cache(maxsize=64)
def _lexer(language: str) -> Lexer | None:
    from pygments.lexers import get_lexer_by_name  # imported when first needed: most decks have no code
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


def known(language: str) -> bool:
    """Whether Pygments has a lexer for ``language`` (a fenced block's first word)."""
    return _lexer(language) is not None


@lru_cache(maxsize=256)
def _class(token: _TokenType) -> str:
    for kind in (token, *_parents(token)):
        name = str(kind).removeprefix("Token.")
        if name in CLASSES:
            return CLASSES[name]
    return ""


def _parents(token: _TokenType) -> list[_TokenType]:
    """The types ``token`` is a kind of, the nearest first."""
    parents = []
    while token.parent is not None:
        token = token.parent
        parents.append(token)
    return parents


def highlight(code: str, language: str) -> str:
    """``code`` as HTML: escaped, its tokens in spans of :data:`CLASSES` (plain text when the language
    is not one Pygments knows); neighbouring tokens of one class share a span."""
    lexer = _lexer(language) if language else None
    if lexer is None:
        return escape(code)
    import pygments

    out: list[str] = []
    run: list[str] = []
    current = ""
    for token, value in pygments.lex(code, lexer):
        kind = _class(token) if value.strip() else current
        if kind != current:
            out.append(_span(current, "".join(run)))
            run, current = [], kind
        run.append(value)
    out.append(_span(current, "".join(run)))
    return "".join(out)


def _span(kind: str, text: str) -> str:
    if not text:
        return ""
    return f'<span class="{kind}">{escape(text)}</span>' if kind else escape(text)
