"""Source addresses (``url:``): which ones a card may link to.

A card's Sources section links a source's ``url`` only when it is a plain
web address: ``http`` or ``https``, a host, and no character that would need
escaping in HTML or that no browser sends as is. Anything else (a
``javascript:`` or ``file:`` address, a typo) is warned about (W204) and not
linked, so nothing on a card can run or reach into the phone.

Shared by the checker (which warns), the compiler (which links) and its
reader of field HTML back from disk (which lets through only such links).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_LENGTH = 2000
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f\"'<>\\^`{|}]")


def url_problem(url: str) -> str | None:
    """Why ``url`` is not linked on a card, or None when it is a plain http(s) address."""
    if len(url) > MAX_LENGTH:
        return f"it is longer than {MAX_LENGTH:,} characters"
    bad = _UNSAFE.search(url)
    if bad is not None:
        return f"it holds {bad.group()!r}, which an address never holds as is"
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"it cannot be read as an address ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return "it does not start with http:// or https://"
    if not parts.hostname:
        return "it names no host"
    if "@" in parts.netloc:
        return "it holds a user name or password"
    return None


def shown(url: str) -> str:
    """The address as a card shows it: without the scheme and a final slash."""
    return re.sub(r"^https?://", "", url, flags=re.I).rstrip("/")
