"""What a rule yields: a position, a code and a message (made a Diagnostic by the runner)."""

from __future__ import annotations

from generator.model import Pos

Finding = tuple[Pos, str, str]
