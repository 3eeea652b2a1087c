"""Tags: which ones Anki would split, merge or mangle.

Anki splits a note's tags at whitespace and reads ``::`` as a hierarchy, so a
tag with a space, a quote, a control character or a stray ``:`` does not
arrive as written. Shared by the checker (E306 on a card's tags) and the
compiler (tags read back from a manifest or a package are refused the same way).
"""

from __future__ import annotations

import unicodedata


def tag_problem(tag: str) -> str | None:
    """What Anki would do wrong with ``tag`` (to follow "tag 'x' "), or None when it keeps it as written."""
    if not tag.strip():
        return "is empty"
    if any(ch.isspace() for ch in tag):
        return "contains whitespace (Anki would split it into several tags)"
    if '"' in tag or any(unicodedata.category(ch) == "Cc" for ch in tag):
        return "contains a quote or control character"
    if tag.startswith(":") or tag.endswith(":") or ":::" in tag:
        return "has a stray ':' (use '::' between hierarchy levels)"
    return None
