"""CSS and JavaScript the tool ships, as package data files (not strings in logic modules)."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def asset(name: str) -> str:
    """The text of ``generator/assets/<name>``."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
