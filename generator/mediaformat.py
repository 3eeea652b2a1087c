"""Pictures and sounds in cards: how they are written, which formats, how a file is recognised.

Shared by the checker (which finds and checks every reference) and the build
(which renders the same references as ``<img>`` and ``[sound:...]``), so the
two always agree on what is a reference.

An image is written in a card's text as ``![alt text](path)``: the alt text
is plain text (no brackets, one line), the path is relative to the cards
file, with no spaces, quotes, brackets or backslashes. A ``!`` escaped with a
backslash (``\\![``) is text, as in Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

Kind = Literal["image", "audio"]

IMAGE = re.compile(r"!\[(?P<alt>[^\[\]\n\r\x00]*)\]\((?P<path>[^\s()<>\"'\\\x00]+)\)")
"""One image reference, matched where its ``!`` is."""
LOOSE = re.compile(r"!\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(")
"""What starts like an image reference (a form :data:`IMAGE` does not read is an error)."""
URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")
"""A path that is a URL (``https:``, ``data:``, ``file:``, ``//host``): never fetched."""

FORMATS: dict[str, tuple[Kind, str]] = {
    "png": ("image", "png"),
    "jpg": ("image", "jpg"),
    "jpeg": ("image", "jpg"),
    "gif": ("image", "gif"),
    "webp": ("image", "webp"),
    "svg": ("image", "svg"),
    "mp3": ("audio", "mp3"),
    "ogg": ("audio", "ogg"),
}
"""File extension (lower case) → what it is and the extension it is shipped with."""
LIMITS: dict[Kind, int] = {"image": 2 * 1024 * 1024, "audio": 10 * 1024 * 1024}
"""Largest file of each kind, in bytes."""
DIGITS = 16
"""Hex digits of a file's SHA-256 in the name it is shipped under (64 bits)."""
SHIPPED = re.compile(rf"[a-z0-9]+(?:-[a-z0-9]+)*-[0-9a-f]{{{DIGITS}}}\.(?:png|jpg|gif|webp|svg|mp3|ogg)")
"""A name a file is shipped under, ``<deck-slug>-<sha256 prefix>.<ext>`` (``compile.medianames``)."""


@dataclass(frozen=True)
class Found:
    """An image reference in a text: where its ``!`` is, its alt text and path as written."""

    offset: int
    alt: str
    path: str


def _escaped(text: str, at: int) -> bool:
    """Whether the character at ``at`` follows an odd number of backslashes (a Markdown escape)."""
    count = 0
    while at > count and text[at - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def scan(text: str) -> Iterator[Found | int]:
    """Each ``![`` in ``text`` that is not escaped: a :class:`Found` reference, or the offset
    of one written in a form that is not read (a title, spaces or brackets in it)."""
    at = text.find("![")
    while at != -1:
        if not _escaped(text, at):
            match = IMAGE.match(text, at)
            if match is not None:
                yield Found(at, match["alt"], match["path"])
                at = text.find("![", match.end())
                continue
            if LOOSE.match(text, at):
                yield at
        at = text.find("![", at + 1)


def extension(path: str) -> str:
    """The lower-case extension of a path as written ('' when it has none)."""
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name.lstrip(".") else ""


def matches(data: bytes, shipped: str) -> bool:
    """Whether ``data`` starts as a file of the format with extension ``shipped`` does.

    SVG is text: here only whether it looks like XML; :mod:`generator.check.svg`
    reads it whole.
    """
    if shipped == "png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if shipped == "jpg":
        return data.startswith(b"\xff\xd8\xff")
    if shipped == "gif":
        return data[:6] in (b"GIF87a", b"GIF89a")
    if shipped == "webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    if shipped == "svg":
        return data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<"
    if shipped == "mp3":  # an ID3 tag, or an MPEG audio frame's sync bits
        return data.startswith(b"ID3") or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0)
    if shipped == "ogg":
        return data.startswith(b"OggS")
    return False
