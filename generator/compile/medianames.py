"""Media files in a deck: the names they are shipped under, and their bytes.

Anki keeps every deck's media in one flat folder per profile, by file name.
So each file is shipped under a name made from the deck and its content,
``<deck-slug>-<first 16 hex digits of its SHA-256>.<ext>``: equal files are
stored once, two decks never overwrite each other's ``diagram.png``, and an
edited picture gets a new name, which phones that had the old one download
(the notes that show it change with it, so they are updated in place).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from generator import mediaformat
from generator.check import media_problem
from generator.compile.unpack import read_media
from generator.files import read_regular
from generator.model import MediaFile

DIGITS = mediaformat.DIGITS
"""Hex digits of the SHA-256 in a name (64 bits: no two files of a deck share one)."""


class MediaChanged(Exception):
    """A file changed (or went) between its check and the build; nothing was written."""


PREFIX = 60
"""At most this much of the deck's slug starts a name: Anki cuts media names past 120 bytes.
(Two decks whose slugs begin alike share a name only for the same bytes, which is harmless.)"""


def content_name(deck_slug: str, file: MediaFile) -> str:
    """The name ``file`` is shipped under in the deck whose file-name slug is ``deck_slug``."""
    return f"{deck_slug[:PREFIX].rstrip('-')}-{file.sha256[:DIGITS]}.{file.ext}"


def names(files: dict[str, MediaFile], deck_slug: str) -> dict[str, str]:
    """Each checked path, as written in the cards file, → the name its file is shipped under."""
    return {written: content_name(deck_slug, f) for written, f in files.items()}


def reader(file: MediaFile) -> Callable[[], bytes]:
    """Reads ``file`` when called, and makes sure it still holds what was checked."""

    def read() -> bytes:
        try:
            data = read_regular(file.path, mediaformat.LIMITS[file.kind])
        except Exception as exc:  # OSError, TooLarge: either way, it is not what was checked
            raise MediaChanged(f"{file.path} cannot be read any more: {exc}") from exc
        if hashlib.sha256(data).hexdigest() != file.sha256:
            raise MediaChanged(f"{file.path} changed while the deck was being built; build again")
        return data

    return read


def entries(files: dict[str, MediaFile], deck_slug: str) -> list[tuple[str, Callable[[], bytes]]]:
    """The files to ship, each once, sorted by name: (name, a function reading its bytes)."""
    by_name = {content_name(deck_slug, f): f for f in files.values()}
    return [(name, reader(by_name[name])) for name in sorted(by_name)]


_NAMED = re.compile(rf'(?:src="|\[sound:)({mediaformat.SHIPPED.pattern})(?:"|\])')


def referenced(fields: Iterable[str]) -> set[str]:
    """The shipped names the note fields ``fields`` show or play."""
    return {name for text in fields for name in _NAMED.findall(text)}


def carried(
    removed: Iterable[Iterable[str]], shipped: list[tuple[str, Callable[[], bytes]]], previous: Sequence[Path]
) -> tuple[list[tuple[str, Callable[[], bytes]]], list[str]]:
    """The files that the notes of removed cards (their fields, ``removed``) show, sorted by name:
    from ``shipped`` (the deck's own files) when it has them, else from the first of the previous
    build's packages ``previous`` that holds them (a file found nowhere is left out).

    A file from a previous package passes the checks a cards file's does (its
    size, its format, a safe SVG: :func:`generator.check.media_problem`) and must
    hold the bytes its name was made from; else it is left out. Also returned:
    why each file left out was.
    """
    wanted = referenced(text for fields in removed for text in fields)
    found = [entry for entry in shipped if entry[0] in wanted]
    wanted -= {name for name, _ in found}
    refused: list[str] = []
    for package in previous:
        if not wanted:
            break
        kept = read_media(package, wanted)
        for name, data in sorted(kept.items()):
            problem = _foreign(name, data)
            if problem is not None:
                refused.append(f"{package}: {problem}")
                continue
            found.append((name, _constant(data)))
        wanted -= set(kept)
    return sorted(found, key=lambda entry: entry[0]), refused


def _foreign(name: str, data: bytes) -> str | None:
    """Why the file ``data``, shipped as ``name``, is not one deckgen would ship under that name."""
    digits = name.rsplit(".", 1)[0].rsplit("-", 1)[-1]
    if hashlib.sha256(data).hexdigest()[:DIGITS] != digits:
        return f"{name!r} does not hold the bytes its name was made from"
    return media_problem(name, data)


def _constant(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def record(files: dict[str, MediaFile], deck_slug: str) -> dict[str, str]:
    """For the manifest: each shipped name → the path it was made from (the first, by path)."""
    out: dict[str, str] = {}
    for written in sorted(files):
        out.setdefault(content_name(deck_slug, files[written]), written)
    return dict(sorted(out.items()))
