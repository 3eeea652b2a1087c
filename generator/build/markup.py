"""Card text → safe HTML: plain text with a small Markdown subset.

Supported: ``*emphasis*``, ``**strong**``, ``-``/``1.`` lists, line breaks,
backslash escapes. Everything else, raw HTML included, is shown as the text
it is (escaped), so nothing in a cards file can run in Anki.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_MARKDOWN_CHARS = re.compile(r"[*_\\`\n]|^\s*(?:[-+]|\d+[.)])\s", re.M)
# One line with one *emphasis* or **strong** span around plain words, set off by
# spaces or simple punctuation: CommonMark leaves no doubt, so it is rendered
# here (tests check it against the Markdown renderer).
_PLAIN = r"[^*_\\`\r\n\x00&<>\[\]]"
_ONE_EMPHASIS = re.compile(
    rf"(?P<pre>(?:{_PLAIN}* )?)(?P<mark>\*\*?)(?P<inner>[A-Za-z0-9](?:{_PLAIN}*[A-Za-z0-9])?)(?P=mark)"
    rf"(?P<post>(?:[ .,;:?!)]{_PLAIN}*)?)"
)
_LIST_START = re.compile(r"\s*(?:[-+*]|\d+[.)])(?:\s|$)")
_TAGS = {"*": "em", "**": "strong"}


def escape(text: str) -> str:
    """Escape text for HTML exactly as the Markdown renderer does (& < > ")."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported when first needed: most text never is

    md = MarkdownIt("zero", {"html": False, "breaks": True, "linkify": False, "typographer": False})
    return md.enable(["emphasis", "list", "newline", "escape"])


def to_html(text: str) -> str:
    """Render card text as HTML. Plain text takes a fast path with the same result."""
    text = text.strip()
    if not text:
        return ""
    if not _MARKDOWN_CHARS.search(text):
        return escape(text)
    simple = _ONE_EMPHASIS.fullmatch(text)
    if simple and not _LIST_START.match(text):
        tag = _TAGS[simple["mark"]]
        inner = f"<{tag}>{escape(simple['inner'])}</{tag}>"
        return escape(simple["pre"]) + inner + escape(simple["post"])
    rendered: str = _parser().render(text).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return rendered
