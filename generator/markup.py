"""Card text → safe HTML: plain text with a small Markdown subset.

Supported: ``*emphasis*``, ``**strong**``, ``-``/``1.`` lists, line breaks,
backslash escapes. Everything else, raw HTML included, is shown as the text
it is (escaped), so nothing in a cards file can run in Anki.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

_MARKDOWN_CHARS = re.compile(r"[*_\\`\n]|^\s*(?:[-+]|\d+[.)])\s", re.M)


def escape(text: str) -> str:
    """Escape text for HTML exactly as the Markdown renderer does (& < > ")."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "breaks": True, "linkify": False, "typographer": False})
    return md.enable(["emphasis", "list", "newline", "escape"])


def to_html(text: str) -> str:
    """Render card text as HTML. Plain text takes a fast path with the same result."""
    text = text.strip()
    if not text:
        return ""
    if not _MARKDOWN_CHARS.search(text):
        return escape(text)
    rendered: str = _parser().render(text).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return rendered
