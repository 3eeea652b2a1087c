"""The rule on tags: nothing Anki would split, merge or mangle (what that is: :mod:`generator.tags`), and
not the tag of removed cards."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from generator.check.rules.finding import Finding
from generator.model import Pos
from generator.tags import REMOVED_TAG, reserved, tag_problem


def check_tags(tags: Sequence[tuple[str, Pos]]) -> Iterator[Finding]:
    """E306 tags that Anki would split, merge or mangle, E313 the tag of removed cards (each distinct
    tag judged once)."""
    verdicts: dict[str, str | None] = {}
    for tag, at in tags:
        if tag not in verdicts:
            verdicts[tag] = tag_problem(tag)
        problem = verdicts[tag]
        if problem is not None:
            yield at, "E306", f"tag {tag!r} {problem}; use letters, digits, '-', '_' and '::' only"
        elif reserved(tag):
            yield (
                at,
                "E313",
                f"tag {tag!r} is the tag of removed cards ({REMOVED_TAG}): learners delete every card a "
                f"search for it finds; use another tag",
            )
