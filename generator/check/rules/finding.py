"""What a rule yields: a position, a code and a message (made a Diagnostic by the runner)."""

from __future__ import annotations

from generator.model import Pos

Finding = tuple[Pos, str, str]


def where(at: Pos, here: Pos) -> str:
    """``line L, column C`` of ``at``, naming its file when it is not the file ``here`` is in."""
    place = f"line {at.line}, column {at.col}"
    return place if at.file == here.file else f"{place} of {at.file}"
