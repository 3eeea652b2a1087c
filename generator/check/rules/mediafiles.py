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
import shlex
from collections.abc import Callable, Sequence
from pathlib import Path

from generator import mediaformat
from generator.check.rules.finding import Finding
from generator.check.svg import check_svg
from generator.codes import PICTURE, Blob, Doc, Example
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
        if ref.kind == "audio":
            stem = ref.path[: -len(ext) - 1] if ext else ref.path
            return "E345", (
                f"sound {ref.path!r} has {shown}; use MP3 or OGG: convert it, for example with "
                f"{_ffmpeg(ref.path, stem + '.mp3')} (or sox {shlex.quote(ref.path)} "
                f"{shlex.quote(stem + '.ogg')}), and give the new file's path"
            )
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
    try:
        path = (base / written).resolve()
        data = read_regular(path, mediaformat.LIMITS[kind])
    except ValueError:  # a NUL byte: no system call can take the path
        return "E343", f"{written!r} holds a NUL byte, which no file name can hold"
    except TooLarge as exc:
        limit = mediaformat.LIMITS[kind] // (1024 * 1024)
        what = "picture" if kind == "image" else "sound"
        return (
            "E346",
            f"{written!r} is {exc.size:,} bytes; a {what} may have {limit} MB at most: make it smaller",
        )
    except FileNotFoundError:
        return "E343", f"{written!r} does not exist (paths are relative to the cards file){_hint(path)}"
    except NotRegularFile:
        return "E343", f"{written!r} is not a regular file"
    except OSError as exc:
        return "E343", f"{written!r} cannot be read: {exc.strerror or exc}"
    if not mediaformat.matches(data, ext):
        actual = next((name for e, name in _NAMES.items() if e != ext and mediaformat.matches(data, e)), None)
        actual = actual or next((name for name, sign in _OTHER_SOUNDS.items() if sign(data)), None)
        looks = f"it holds {actual} data" if actual else "its bytes are not that format"
        if kind == "audio":
            converted = f"{written[: -len(ext) - 1]}-converted.{ext}"
            return "E347", (
                f"{written!r} is named as {_NAMES[ext]}, but {looks}; convert it, for example with "
                f"{_ffmpeg(written, converted)}, and give the new file's path"
            )
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


_OTHER_SOUNDS: dict[str, Callable[[bytes], bool]] = {
    "WAV": lambda data: data[:4] == b"RIFF" and data[8:12] == b"WAVE",
    "FLAC": lambda data: data.startswith(b"fLaC"),
    "AIFF": lambda data: data[:4] == b"FORM" and data[8:12] in (b"AIFF", b"AIFC"),
}
"""Sound formats that are not shipped, by how their files start: named in E347's message."""


def _ffmpeg(source: str, target: str) -> str:
    """The one-line ffmpeg command that converts the sound ``source`` to ``target`` (by its extension),
    run in the cards file's folder, where both paths start."""
    return f"ffmpeg -i {shlex.quote(source)} {shlex.quote(target)}"


def _hint(path: Path) -> str:
    try:
        names = os.listdir(path.parent)
    except OSError:
        return ""
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


_CARD = """\
cards:
  - id: cns-parts
    question: What does the central nervous system include?
    answer: The brain, spinal cord and optic nerves.
    evidence:
      healthline: The CNS includes the brain, spinal cord, and optic nerves.
    extra: "![The brain, spinal cord and optic nerves]({path})"
"""
_OVER = mediaformat.LIMITS["image"] + 1
"""A picture this large is too large."""
_JPEG = Blob("a JPEG photo", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40">
  <circle cx="20" cy="20" r="15" fill="steelblue"/>{inside}
</svg>
"""


def _formats(kind: str) -> str:
    """The formats of a kind of file that are shipped, by name."""
    return ", ".join(dict.fromkeys(_NAMES[ext] for k, ext in mediaformat.FORMATS.values() if k == kind))


def _picture(path: str, file: Blob | str | None = None, at: str = "") -> Example:
    """The example card with the picture at ``path``, and ``file`` in the project at ``at`` (or ``path``)."""
    files = {at or path: file} if file is not None else {}
    return Example({"cards.yaml": _CARD.format(path=path), **files})


DOCS = (
    Doc(
        "E342",
        checks="A picture or sound is a URL (`https:`, `data:`, `file:`, `//host`), not a file of the deck.",
        why=(
            "A card that loads a picture from the web shows nothing offline, may show something else "
            "tomorrow, and tells the site each time a learner reviews it. The build ships files of the "
            "project only, each checked."
        ),
        bad=_picture("https://example.org/cns.png"),
        fix=Example(
            {"cards.yaml": _CARD.format(path="images/cns.png"), "images/cns.png": PICTURE},
            caption="Save the picture in the project (if its licence allows) and give its path:",
        ),
    ),
    Doc(
        "E343",
        checks=(
            "A picture's or sound's file does not exist (paths are relative to the cards file), is not "
            "a regular file, or cannot be read. A file named nearly the same is offered."
        ),
        why="The card would show a broken picture, or play nothing.",
        bad=_picture("images/cms.png", PICTURE, at="images/cns.png"),
        fix=_picture("images/cns.png", PICTURE),
    ),
    Doc(
        "E344",
        checks="A picture's or sound's path leads outside the cards file's folder, once links are followed.",
        why=(
            "The project folder is what is committed and shared: a file outside it is missing on every "
            "other machine, and a cards file must not ship files of yours that are not part of it."
        ),
        bad=Example({"cards.yaml": _CARD.format(path="../pictures/cns.png"), "../pictures/cns.png": PICTURE}),
        fix=_picture("images/cns.png", PICTURE),
    ),
    Doc(
        "E345",
        checks=(
            f"A file whose format is not shipped (pictures are {_formats('image')}; sounds are "
            f"{_formats('audio')}), or a sound shown as a picture, or a picture under `audio:`. For a "
            "sound, the message gives a one-line `ffmpeg` (or `sox`) command that converts it."
        ),
        why="These formats show and play in every Anki client: desktop, AnkiDroid, AnkiMobile and AnkiWeb.",
        bad=_picture("images/cns.bmp", Blob("a BMP picture", b"BM6\x00\x00\x00")),
        fix=_picture("images/cns.png", PICTURE),
    ),
    Doc(
        "E346",
        checks=(
            f"A file over its limit: a picture over {mediaformat.LIMITS['image'] // 1024**2} MB, a sound "
            f"over {mediaformat.LIMITS['audio'] // 1024**2} MB."
        ),
        why=(
            "Every learner downloads the deck's files to their phone and syncs them; a picture on a "
            "card needs far fewer bytes than a camera writes."
        ),
        bad=_picture("images/cns.png", Blob(f"a photo of {_OVER:,} bytes", PICTURE.head, _OVER)),
        fix=_picture(
            "images/cns.png", Blob("the photo, scaled down to a few kilobytes", PICTURE.head, 40_000)
        ),
    ),
    Doc(
        "E347",
        checks="A file's bytes are not the format its extension names (a JPEG named `.png`).",
        why=(
            "Anki and the phones' web views pick how to show a file by its name: a file that is not "
            "what its name says may show on one device and not on another."
        ),
        bad=_picture("images/cns.png", _JPEG),
        fix=_picture("images/cns.jpg", _JPEG),
    ),
    Doc(
        "E348",
        checks=(
            "An SVG that is not a static drawing: a script, an event handler (`onload=`), an external "
            "link or `url(...)`, `<foreignObject>`, animation, an embedded image, `@import`."
        ),
        why=(
            "An SVG is code: a card's picture shows in the learner's Anki, where a script could run "
            "and a link could load from elsewhere. A drawing needs none of that."
        ),
        bad=_picture("images/cns.svg", _SVG.format(inside="\n  <script>alert(1)</script>")),
        fix=_picture("images/cns.svg", _SVG.format(inside="")),
    ),
    Doc(
        "E349",
        checks="An SVG that cannot be read as a drawing: not well-formed XML, or a root other than `<svg>`.",
        why="No client could show it, and what cannot be read cannot be checked as safe (E348).",
        bad=_picture("images/cns.svg", _SVG.format(inside="\n  <g>")),
        fix=_picture("images/cns.svg", _SVG.format(inside="\n  <g></g>")),
    ),
)
"""The codes of picture and sound files, documented (see :class:`generator.codes.Doc`)."""
