"""Rules on the files cards show and play: local, inside the project, of a known format, safe.

Every reference (:class:`~generator.model.MediaRef`) is checked at the
position it is written at: E342 a URL; E345 a format that is not shipped (or
a sound used as a picture); E344 a path that leaves the cards file's folder,
links followed; E343 no such file; E346 too large; E347 bytes that are not
what the extension says; E348 an SVG that is not a static drawing; E349 an
SVG that cannot be read. Each file is read once, however many cards use it.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from generator import mediaformat
from generator.check.rules.finding import Finding
from generator.check.svg import check_svg
from generator.files import NotRegularFile, TooLarge, outside, read_regular
from generator.model import Card, MediaFile, MediaRef

Problem = tuple[str, str]
"""A code and its message."""
_NAMES = {"png": "PNG", "jpg": "JPEG", "gif": "GIF", "webp": "WebP", "svg": "SVG", "mp3": "MP3", "ogg": "OGG"}
_ALLOWED = "PNG, JPEG, GIF, WebP or SVG for pictures; MP3 or OGG for sounds"


def check_media(cards: Sequence[Card], base: Path) -> tuple[dict[str, MediaFile], list[Finding]]:
    """The checked files by path as written, and a finding for every reference with a problem."""
    files: dict[str, MediaFile | Problem] = {}
    found: dict[str, MediaFile] = {}
    findings: list[Finding] = []
    for card in cards:
        for ref in card.media:
            problem = _usable(ref)
            if problem is None:
                if ref.path not in files:
                    files[ref.path] = _file(ref.path, base)
                checked = files[ref.path]
                if isinstance(checked, MediaFile):
                    found[ref.path] = checked
                    continue
                problem = checked
            code, message = problem
            findings.append((ref.pos, code, f"card {card.id!r}: {message}"))
    return found, findings


def _usable(ref: MediaRef) -> Problem | None:
    """What is wrong with the reference as written, before its file is looked at."""
    what = "picture" if ref.kind == "image" else "sound"
    if mediaformat.URL.match(ref.path):
        return (
            "E342",
            f"{what} {ref.path[:80]!r} is a URL; cards show only files of the project, never "
            "fetch one: save it beside the cards file (if its licence allows) and give its path",
        )
    ext = mediaformat.extension(ref.path)
    fmt = mediaformat.FORMATS.get(ext)
    if fmt is None:
        shown = f"'.{ext}'" if ext else "no extension"
        return "E345", f"{what} {ref.path!r} has {shown}; use {_ALLOWED}"
    if fmt[0] != ref.kind:
        if ref.kind == "image":
            return "E345", f"{ref.path!r} is a sound, not a picture; list it under audio:"
        return "E345", f"{ref.path!r} is a picture, not a sound; show it with ![alt text]({ref.path})"
    return None


def _file(written: str, base: Path) -> MediaFile | Problem:
    """The file at ``written`` (relative to ``base``), checked; or its problem."""
    kind, ext = mediaformat.FORMATS[mediaformat.extension(written)]
    leads = outside(base, base / written)  # a loop of links counts as outside too
    if leads is not None:
        return (
            "E344",
            f"{written!r} is outside the cards file's folder (links followed: {leads}); "
            "keep pictures and sounds inside the project",
        )
    path = (base / written).resolve()
    try:
        data = read_regular(path, mediaformat.LIMITS[kind])
    except TooLarge as exc:
        limit = mediaformat.LIMITS[kind] // (1024 * 1024)
        return (
            "E346",
            f"{written!r} is {exc.size:,} bytes; a {kind} may have {limit} MB at most: make it smaller",
        )
    except FileNotFoundError:
        return "E343", f"{written!r} does not exist (paths are relative to the cards file){_hint(path)}"
    except NotRegularFile:
        return "E343", f"{written!r} is not a regular file"
    except OSError as exc:
        return "E343", f"{written!r} cannot be read: {exc.strerror or exc}"
    if not mediaformat.matches(data, ext):
        actual = next((name for e, name in _NAMES.items() if e != ext and mediaformat.matches(data, e)), None)
        looks = f"it holds {actual} data" if actual else "its bytes are not that format"
        message = f"{written!r} is named as {_NAMES[ext]}, but {looks}; save it in the format its name says"
        return "E347", message
    if ext == "svg":
        unsafe = check_svg(data)
        if unsafe is not None:
            line = f" (its line {unsafe.line})" if unsafe.line else ""
            if unsafe.malformed:
                return "E349", f"SVG {written!r} cannot be read{line}: {unsafe.problem}"
            return "E348", f"SVG {written!r} is not a static drawing{line}: {unsafe.problem}"
    return MediaFile(kind, path, ext, hashlib.sha256(data).hexdigest(), len(data))


def _hint(path: Path) -> str:
    try:
        names = os.listdir(path.parent)
    except OSError:
        return ""
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""
