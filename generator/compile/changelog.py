"""The deck's version, and its changelog: what each version added, changed and retired.

The version is a number kept in the manifest (``"version"``). It goes up by
one with each build that changes the deck's cards (one added, changed,
removed or back) or their look (a note type), and never with the clock, so
the same sources always give the same version. The deck's description in
Anki names it (:func:`description`), and so the package holds it too: a
manifest rebuilt from the package gets it back (:func:`read_version`).

The changelog, ``<deck-slug>.changelog.md`` beside the deck, is for people
who downloaded the deck. Each build that makes a new version puts a section
for it at the top, naming the cards by their question or cloze text, with
the day of the build. The sections of earlier versions are kept as the file
has them, so the file is the history and can be edited by hand. A section
for a version after the manifest's was written by a build that was stopped
before its commit point (the manifest): the next build drops it. A changelog
that lacks the manifest's version (it was deleted, or the deck is older than
changelogs) starts again with a section that says so.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.files import TooLarge, read_regular
from generator.text.cloze import reveal

MAX_BYTES = 64 * 1024 * 1024
"""A changelog larger than this is not read (the build says so)."""
_HEADING = re.compile(r"^## Version ([0-9]{1,9})\b", re.M)
_VERSION_HTML = '<p class="dg-version">Version {number}</p>'
_VERSION_READ = re.compile(r'<p class="dg-version">Version ([0-9]{1,9})</p>\Z')
_TAG = re.compile(r"<[^>]*>")
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|~])")


class ChangelogError(Exception):
    """The changelog on disk cannot be read; the message says why and what to do."""


def description(text: str, version: int) -> str:
    """The deck's description (HTML) with its version after it."""
    return text + _VERSION_HTML.format(number=version)


def read_version(text: object) -> int:
    """The version a deck's description names (0 when it names none: a package from before versions)."""
    found = _VERSION_READ.search(text) if isinstance(text, str) else None
    return int(found.group(1)) if found else 0


def _markdown(text: str) -> str:
    """``text`` with Markdown's marks escaped, so that it reads as written."""
    return _MARKDOWN.sub(r"\\\1", text)


def shown(field: str) -> str:
    """A note's first field (its question, or its cloze text with every deletion shown) as one line of
    Markdown text: tags dropped (inline code's given back its backticks, as written), entities read,
    Markdown's marks escaped."""
    field = field.replace("<code>", "`").replace("</code>", "`")
    text = html.unescape(_TAG.sub(" ", reveal(field)))
    return _markdown(" ".join(text.split()))


@dataclass(frozen=True)
class Version:
    """What one version changed, each card as ``(its text, its id)``."""

    number: int
    day: str
    added: Sequence[tuple[str, str]] = ()
    changed: Sequence[tuple[str, str]] = ()
    retired: Sequence[tuple[str, str]] = ()
    renamed: Sequence[tuple[str, str, str]] = ()
    """Cards renamed (``was:``), each keeping its note: its text, its earlier id and its id."""
    look: bool = False
    """Whether the cards' look (a note type's templates or CSS) changed."""
    first: int = 0
    """For the first version, how many cards it has (nothing is listed)."""


def _listed(label: str, cards: Sequence[tuple[str, str]]) -> list[str]:
    if not cards:
        return []
    items = (f"- {text} (`{card_id}`)" if text else f"- `{card_id}`" for text, card_id in cards)
    return [f"{label}:", "", *items, ""]


def section(version: Version) -> str:
    """The changelog's section for ``version``."""
    lines = [f"## Version {version.number} ({version.day})", ""]
    if version.first:
        lines += [f"The first version: {version.first} card{'s' * (version.first != 1)}.", ""]
    lines += _listed("Added", version.added)
    lines += _listed("Changed", version.changed)
    lines += _listed("Retired (in the retired-cards package, tagged deckgen::removed)", version.retired)
    if version.renamed:
        lines += ["Renamed (each keeps its note in Anki, and its review history):", ""]
        lines += [f"- {text} (`{old}` \u2192 `{new}`)" for text, old, new in version.renamed] + [""]
    if version.look:
        lines += ["The cards' look changed (their note types' templates or style).", ""]
    return "\n".join(lines)


def began(number: int, cards: int, retired: int) -> str:
    """The section a changelog starts with when it lacks the deck's version (it is older than changelogs,
    or was deleted)."""
    what = f"{cards} card{'s' * (cards != 1)}" + (f", and {retired} retired" if retired else "")
    return (
        f"## Version {number}\n\nThe deck as it was when this changelog began: {what}. "
        "What earlier versions changed is not recorded here.\n"
    )


def header(deck_name: str, slug: str) -> str:
    """The top of the changelog: what it is, and how to update."""
    return (
        f"# {_markdown(deck_name)}: what changed in each version\n\n"
        "Newest first. The deck's description in Anki names the version you have.\n\n"
        f"To update, import `{slug}.apkg` over it; then, if there is one, import `{slug}.retired.apkg` "
        "(the cards listed as retired below) and delete them: in Anki's browser, search "
        "`tag:deckgen::removed`, select all and delete.\n\n"
    )


def read(path: Path) -> str | None:
    """The changelog's text, or None when there is none."""
    try:
        data = read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        return None
    except (OSError, TooLarge) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ChangelogError(f"{path}: cannot read it ({reason}); restore it from git, or delete it") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ChangelogError(f"{path} is not UTF-8 text; restore it from git, or delete it") from None


def _number(part: str) -> int:
    """The version of a section (which starts with its heading)."""
    found = _HEADING.match(part)
    assert found is not None
    return int(found.group(1))


def kept(text: str | None, version: int) -> list[str]:
    """The sections of ``text`` for versions up to ``version``, in their order, as the file has them."""
    if not text:
        return []
    starts = [m.start() for m in _HEADING.finditer(text)]
    bounds = zip(starts, [*starts[1:], len(text)], strict=True)
    parts = [text[start:end].rstrip("\n") + "\n" for start, end in bounds]
    return [part for part in parts if _number(part) <= version]


def latest(text: str | None) -> int:
    """The highest version ``text`` has a section for (0: none)."""
    return max((int(m.group(1)) for m in _HEADING.finditer(text or "")), default=0)


def has(sections: list[str], version: int) -> bool:
    """Whether ``sections`` hold one for ``version``."""
    return any(_number(part) == version for part in sections)


def render(top: str, sections: list[str]) -> str:
    """The whole changelog: its header, then the sections, newest first."""
    return top + "\n".join(sections)
