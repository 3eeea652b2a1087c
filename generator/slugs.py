"""Slugs: what a card id or a source key is.

A slug is lowercase ASCII letters and digits in runs joined by single hyphens
(``ms-lesions-2``). Card ids key a deck's notes (their GUIDs, the manifest),
so the checker (E301), the JSON Schema and the compiler's reader of a
manifest from disk all hold ids to the one pattern here.
"""

from __future__ import annotations

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""A slug, as a regular expression (also the JSON Schema's ``pattern``)."""
