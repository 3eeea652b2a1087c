"""The rule on tags: nothing Anki would split, merge or mangle."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence

from generator.check.rules.finding import Finding
from generator.model import Pos


def tag_problem(tag: str) -> str | None:
    if not tag.strip():
        return "is empty"
    if any(ch.isspace() for ch in tag):
        return "contains whitespace (Anki would split it into several tags)"
    if '"' in tag or any(unicodedata.category(ch) == "Cc" for ch in tag):
        return "contains a quote or control character"
    if tag.startswith(":") or tag.endswith(":") or ":::" in tag:
        return "has a stray ':' (use '::' between hierarchy levels)"
    return None


def check_tags(tags: Sequence[tuple[str, Pos]]) -> Iterator[Finding]:
    """E306 tags that Anki would split, merge or mangle (each distinct tag judged once)."""
    verdicts: dict[str, str | None] = {}
    for tag, at in tags:
        if tag not in verdicts:
            verdicts[tag] = tag_problem(tag)
        problem = verdicts[tag]
        if problem is not None:
            yield at, "E306", f"tag {tag!r} {problem}; use letters, digits, '-', '_' and '::' only"
